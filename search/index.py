"""The search indexes: their triggers (SQL of both databases), how bulk loads suspend them and
rebuild the index after."""

from contextlib import contextmanager

from django.db import connection, transaction

from provisions.derived import (
    SQLITE_FIGURES_TRIGGERS,
    SQLITE_KINDS_TRIGGERS,
    rebuild_figures,
    rebuild_kinds,
    trigger_table,
)
from search.db_settings import local_setting

SQLITE_REFRESH = """
DELETE FROM provisions_version_search WHERE rowid IN ({ids});
INSERT INTO provisions_version_search (rowid, title, body, penalties)
SELECT v.id,
       lawbase_stems(a.number || ' ' || a.title_ru || ' ' || a.title_en),
       lawbase_stems(v.text_ru || ' ' || v.text_en),
       lawbase_stems(lawbase_penalty_words(
           (SELECT group_concat(p.kind, ' ') FROM provisions_penalty p WHERE p.version_id = v.id)))
FROM provisions_articleversion v JOIN provisions_article a ON a.id = v.article_id
WHERE v.id IN ({ids});
"""

SQLITE_TITLES = """
DELETE FROM provisions_title_trigram WHERE rowid = {id};
INSERT INTO provisions_title_trigram (rowid, title_ru, title_en)
SELECT id, title_ru, title_en FROM provisions_article WHERE id = {id};
"""

SQLITE_SOURCE = """
DELETE FROM provisions_source_search WHERE rowid = NEW.id;
INSERT INTO provisions_source_search (rowid, title, body)
VALUES (NEW.id, lawbase_stems(NEW.title || ' ' || NEW.publisher),
        lawbase_stems(NEW.archived_text));
"""


def sqlite_trigger(name, event, table, body):
    return f"CREATE TRIGGER {name} {event} ON {table} BEGIN {body} END;"


SQLITE_TABLES = [
    "CREATE VIRTUAL TABLE provisions_version_search USING fts5("
    "title, body, penalties, tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE provisions_source_search USING fts5("
    "title, body, tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE provisions_title_trigram USING fts5("
    "title_ru, title_en, tokenize='trigram')",
]

SQLITE_TRIGGERS = [
    sqlite_trigger(
        "provisions_version_search_insert",
        "AFTER INSERT",
        "provisions_articleversion",
        SQLITE_REFRESH.format(ids="NEW.id"),
    ),
    sqlite_trigger(
        "provisions_version_search_update",
        "AFTER UPDATE OF text_ru, text_en, article_id",
        "provisions_articleversion",
        SQLITE_REFRESH.format(ids="NEW.id"),
    ),
    sqlite_trigger(
        "provisions_version_search_delete",
        "AFTER DELETE",
        "provisions_articleversion",
        "DELETE FROM provisions_version_search WHERE rowid = OLD.id;",
    ),
    sqlite_trigger(
        "provisions_penalty_search_insert",
        "AFTER INSERT",
        "provisions_penalty",
        SQLITE_REFRESH.format(ids="NEW.version_id"),
    ),
    sqlite_trigger(
        "provisions_penalty_search_update",
        "AFTER UPDATE OF kind, version_id",
        "provisions_penalty",
        SQLITE_REFRESH.format(ids="OLD.version_id, NEW.version_id"),
    ),
    sqlite_trigger(
        "provisions_penalty_search_delete",
        "AFTER DELETE",
        "provisions_penalty",
        SQLITE_REFRESH.format(ids="OLD.version_id"),
    ),
    sqlite_trigger(
        "provisions_article_search_insert",
        "AFTER INSERT",
        "provisions_article",
        SQLITE_TITLES.format(id="NEW.id"),
    ),
    sqlite_trigger(
        "provisions_article_search_update",
        "AFTER UPDATE OF number, title_ru, title_en",
        "provisions_article",
        SQLITE_REFRESH.format(
            ids="SELECT id FROM provisions_articleversion WHERE article_id = NEW.id"
        )
        + SQLITE_TITLES.format(id="NEW.id"),
    ),
    sqlite_trigger(
        "provisions_article_search_delete",
        "AFTER DELETE",
        "provisions_article",
        "DELETE FROM provisions_title_trigram WHERE rowid = OLD.id;",
    ),
    sqlite_trigger(
        "provisions_source_search_insert", "AFTER INSERT", "provisions_source", SQLITE_SOURCE
    ),
    sqlite_trigger(
        "provisions_source_search_update",
        "AFTER UPDATE OF title, publisher, archived_text",
        "provisions_source",
        SQLITE_SOURCE,
    ),
    sqlite_trigger(
        "provisions_source_search_delete",
        "AFTER DELETE",
        "provisions_source",
        "DELETE FROM provisions_source_search WHERE rowid = OLD.id;",
    ),
]

# Fill the index from what already exists (each statement alone: sqlite3 runs one at a time).
SQLITE_BACKFILL = [
    SQLITE_REFRESH.format(ids="SELECT id FROM provisions_articleversion").split(";")[1],
    "INSERT INTO provisions_title_trigram (rowid, title_ru, title_en) "
    "SELECT id, title_ru, title_en FROM provisions_article",
    "UPDATE provisions_source SET title = title",
]

SQLITE_TRIGGER_NAMES = [
    "provisions_version_search_insert",
    "provisions_version_search_update",
    "provisions_version_search_delete",
    "provisions_penalty_search_insert",
    "provisions_penalty_search_update",
    "provisions_penalty_search_delete",
    "provisions_article_search_insert",
    "provisions_article_search_update",
    "provisions_article_search_delete",
    "provisions_source_search_insert",
    "provisions_source_search_update",
    "provisions_source_search_delete",
]
SQLITE_TABLE_NAMES = [
    "provisions_title_trigram",
    "provisions_source_search",
    "provisions_version_search",
]


# PostgreSQL's search triggers (their functions are in migration 0005): name -> (event, action).
POSTGRES_TRIGGERS = {
    "provisions_version_search_write": (
        "AFTER INSERT OR UPDATE OF text_ru, text_en, article_id ON provisions_articleversion",
        "FOR EACH ROW EXECUTE FUNCTION provisions_version_search_trigger()",
    ),
    "provisions_penalty_search_write": (
        "AFTER INSERT OR UPDATE OF kind, version_id OR DELETE ON provisions_penalty",
        "FOR EACH ROW EXECUTE FUNCTION provisions_penalty_search_trigger()",
    ),
    "provisions_article_search_write": (
        "AFTER UPDATE OF number, title_ru, title_en ON provisions_article",
        "FOR EACH ROW EXECUTE FUNCTION provisions_article_search_trigger()",
    ),
    "provisions_source_search_write": (
        "AFTER INSERT OR UPDATE OF title, publisher, archived_text ON provisions_source",
        "FOR EACH ROW EXECUTE FUNCTION provisions_source_search_trigger()",
    ),
    # The index tables have no foreign keys (TRUNCATE must work): deletions reach them here.
    "provisions_version_search_forget": (
        "AFTER DELETE ON provisions_articleversion",
        "FOR EACH ROW EXECUTE FUNCTION "
        "provisions_search_forget_trigger('provisions_version_search')",
    ),
    "provisions_version_search_truncate": (
        "AFTER TRUNCATE ON provisions_articleversion",
        "FOR EACH STATEMENT EXECUTE FUNCTION "
        "provisions_search_forget_trigger('provisions_version_search')",
    ),
    "provisions_source_search_forget": (
        "AFTER DELETE ON provisions_source",
        "FOR EACH ROW EXECUTE FUNCTION "
        "provisions_search_forget_trigger('provisions_source_search')",
    ),
    "provisions_source_search_truncate": (
        "AFTER TRUNCATE ON provisions_source",
        "FOR EACH STATEMENT EXECUTE FUNCTION "
        "provisions_search_forget_trigger('provisions_source_search')",
    ),
}


def create_search_triggers(apps, schema_editor):
    """(Re)create the search triggers; migrations that alter the indexed tables call it after."""
    if schema_editor.connection.vendor == "postgresql":
        for name, (event, action) in POSTGRES_TRIGGERS.items():
            schema_editor.execute(f"CREATE TRIGGER {name} {event} {action}")
    else:
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


def drop_search_triggers(apps, schema_editor):
    """Drop the search triggers; migrations that alter the indexed tables call it before."""
    if schema_editor.connection.vendor == "postgresql":
        for name, (event, _) in POSTGRES_TRIGGERS.items():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {trigger_table(event)}")
    else:
        for name in SQLITE_TRIGGER_NAMES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def create_sqlite_index(schema_editor):
    for statement in [*SQLITE_TABLES, *SQLITE_TRIGGERS, *SQLITE_BACKFILL]:
        schema_editor.execute(statement)


def drop_sqlite_index(schema_editor):
    drop_search_triggers(None, schema_editor)
    for name in SQLITE_TABLE_NAMES:
        schema_editor.execute(f"DROP TABLE IF EXISTS {name}")


# --- bulk loads ---------------------------------------------------------------------------


@contextmanager
def search_triggers_suspended():
    """Skip the per-row search and figures triggers during a bulk load; call
    rebuild_search_index after.

    The constraint triggers (overlapping versions) stay on. On
    PostgreSQL a session setting the trigger functions read; on SQLite the triggers are
    dropped and recreated.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config('lawbase.search_triggers_off', 'on', false)")
        else:
            for name in [*SQLITE_TRIGGER_NAMES, *SQLITE_FIGURES_TRIGGERS, *SQLITE_KINDS_TRIGGERS]:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config('lawbase.search_triggers_off', 'off', false)")
            else:
                for statement in SQLITE_TRIGGERS:
                    cursor.execute(statement)
                triggers = {**SQLITE_FIGURES_TRIGGERS, **SQLITE_KINDS_TRIGGERS}
                for name, (event, body) in triggers.items():
                    cursor.execute(f"CREATE TRIGGER {name} {event} BEGIN {body} END")


def rebuild_search_index(
    version_ids_sql: str = "SELECT id FROM provisions_articleversion",
    *,
    figures_stored: bool = False,
):
    """After a bulk load: recompute the search rows and list figures of the versions
    `version_ids_sql` selects (and of their articles), and every title and source.
    `figures_stored`: the loader wrote the list figures itself; only the text index is built."""
    with transaction.atomic(), connection.cursor() as cursor:
        if not figures_stored:
            rebuild_figures(version_ids_sql)
            rebuild_kinds(version_ids_sql)
        if connection.vendor == "postgresql":
            rebuild_postgres_version_search(cursor, version_ids_sql)
            cursor.execute(
                "DELETE FROM provisions_source_search; UPDATE provisions_source SET title = title"
            )
        else:
            for statement in SQLITE_REFRESH.format(ids=version_ids_sql).split(";"):
                if statement.strip():
                    cursor.execute(statement)
            cursor.execute("DELETE FROM provisions_title_trigram")
            cursor.execute(
                "INSERT INTO provisions_title_trigram (rowid, title_ru, title_en) "
                "SELECT id, title_ru, title_en FROM provisions_article"
            )
            cursor.execute("DELETE FROM provisions_source_search")
            cursor.execute(
                "INSERT INTO provisions_source_search (rowid, title, body) "
                "SELECT id, lawbase_stems(title || ' ' || publisher), "
                "lawbase_stems(archived_text) FROM provisions_source"
            )


# A load of fewer versions goes through the per-row refresh: no statistics to renew, no workers.
BULK_STEMMING_FROM = 5_000


def rebuild_postgres_version_search(cursor, version_ids_sql: str):
    """Stem the versions' documents in parallel, then swap their index rows.

    Stemming is most of a bulk load's time, and PostgreSQL runs only a CREATE TABLE … AS, not
    an INSERT … SELECT, on parallel workers: the vectors go to a scratch table first. Web
    sessions run without workers (settings.py); a load asks for them for this statement,
    after fresh statistics: planned on the counts from before the load, it would take a
    serial nested loop.
    """
    cursor.execute(f"SELECT count(*) FROM ({version_ids_sql}) AS loaded")
    if cursor.fetchone()[0] < BULK_STEMMING_FROM:
        cursor.execute(f"SELECT provisions_refresh_version_search(ARRAY({version_ids_sql}))")
        return
    cursor.execute("ANALYZE provisions_article, provisions_articleversion, provisions_penalty")
    with local_setting(cursor, "max_parallel_workers_per_gather", "2"):
        cursor.execute(
            "CREATE TEMPORARY TABLE lawbase_new_version_search ON COMMIT DROP AS "
            "SELECT rowid, document, ranking FROM provisions_version_documents() "
            f"WHERE rowid IN ({version_ids_sql})"
        )
    cursor.execute(
        "DELETE FROM provisions_version_search "
        "WHERE rowid IN (SELECT rowid FROM lawbase_new_version_search); "
        "INSERT INTO provisions_version_search (rowid, provisions_version_search, ranking) "
        "SELECT rowid, document, ranking FROM lawbase_new_version_search; "
        "DROP TABLE lawbase_new_version_search"
    )
