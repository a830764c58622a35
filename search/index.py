"""The search indexes after a bulk load: how a load suspends their triggers and rebuilds the
index after. The tables and their triggers are created by search migration 0001."""

from django.db import connection, transaction

from provisions.derived import derived_triggers_suspended, rebuild_figures, rebuild_kinds
from search.db_settings import local_setting

# The SQLite triggers' refresh of some versions' index rows ({ids}: SQL selecting them), as
# search migration 0003 writes it: titles; text, and the official text beside a current
# version; penalty names.
SQLITE_REFRESH = """
DELETE FROM provisions_version_search WHERE rowid IN ({ids});
INSERT INTO provisions_version_search (rowid, title, body, penalties)
SELECT v.id,
       lawbase_tokens(a.number || ' ' || a.title_ru || ' ' || a.title_en),
       lawbase_tokens(v.text_ru || ' ' || v.text_en || CASE WHEN v.valid_to IS NULL THEN ' ' ||
           coalesce((SELECT o.text_ru FROM provisions_officialtext o
                     WHERE o.article_id = v.article_id), '') ELSE '' END),
       lawbase_tokens(lawbase_penalty_words(
           (SELECT group_concat(p.kind, ' ') FROM provisions_penalty p WHERE p.version_id = v.id)))
FROM provisions_articleversion v JOIN provisions_article a ON a.id = v.article_id
WHERE v.id IN ({ids});
"""


# --- bulk loads ---------------------------------------------------------------------------


def search_triggers_suspended():
    """Skip the per-row search, figures and kinds triggers during a bulk load; call
    rebuild_search_index after. The overlap guard and the data-generation counter's triggers
    stay on. A context manager (provisions.derived.derived_triggers_suspended)."""
    return derived_triggers_suspended()


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
                "SELECT id, lawbase_tokens(title || ' ' || publisher), "
                "lawbase_tokens(archived_text) FROM provisions_source"
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
