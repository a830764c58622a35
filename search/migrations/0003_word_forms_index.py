"""The search index holds words as written, and all that an article page shows.

Russian words were Snowball stems, which cut "измена" to "изм" but "измене" to "измен", the stem
of "изменить". The index now holds each Russian word as written (lower case, ё as е) and each
Latin word as its English Snowball stem; a query word is widened to every form of its lemmas
by pymorphy3 (search.morphology). Tokens are runs of Latin or Cyrillic letters and digits, the
same on both databases, so a quoted phrase matches the same positions on each.

The current version's document also holds the official text kept beside a curated history
(provisions_officialtext), which the article page shows: a search of today finds it; a search
of an earlier day reads that day's version.

PostgreSQL: the text search configuration `lawbase` (simple, with Latin words stemmed by an
English Snowball dictionary without stopwords, so positions count every word as on SQLite)
over lawbase_clean(text). SQLite: the FTS5 tables again, without folding diacritics (й stays й,
as on PostgreSQL), fed by lawbase_tokens(), which search.backends.sqlite registers.

SQLite drops a table's triggers when a migration rebuilds the table: a later migration that
alters an indexed table on SQLite must create its triggers here again after.
"""

from importlib import import_module

from django.db import migrations

# --- PostgreSQL ---------------------------------------------------------------------------

SKIP_IN_BULK_LOADS = """
    IF current_setting('lawbase.search_triggers_off', true) = 'on' THEN
        RETURN NULL;  -- the bulk load rebuilds the index once at the end
    END IF;"""

POSTGRES_FORWARD = [
    "CREATE TEXT SEARCH DICTIONARY lawbase_english (TEMPLATE = snowball, LANGUAGE = english)",
    "CREATE TEXT SEARCH CONFIGURATION lawbase (COPY = simple)",
    "ALTER TEXT SEARCH CONFIGURATION lawbase ALTER MAPPING FOR asciiword WITH lawbase_english",
    r"""
CREATE FUNCTION lawbase_clean(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT regexp_replace(translate($1, 'ёЁ', 'еЕ'), '[^0-9A-Za-zА-Яа-я]+', ' ', 'g')
$$
""",
    """
CREATE OR REPLACE FUNCTION provisions_version_documents()
RETURNS TABLE (rowid bigint, document tsvector, ranking tsvector)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT id, titles || body || penalties, titles || penalties
    FROM (
        SELECT v.id,
               setweight(to_tsvector('lawbase', lawbase_clean(
                   a.number || ' ' || a.title_ru || ' ' || a.title_en)), 'A') AS titles,
               setweight(to_tsvector('lawbase', lawbase_clean(
                   v.text_ru || ' ' || v.text_en || CASE WHEN v.valid_to IS NULL THEN ' ' ||
                   coalesce((SELECT o.text_ru FROM provisions_officialtext o
                             WHERE o.article_id = v.article_id), '') ELSE '' END)), 'B') AS body,
               setweight(to_tsvector('lawbase', lawbase_clean(
                   provisions_penalty_words(v.id, true) || ' ' ||
                   provisions_penalty_words(v.id, false))), 'C') AS penalties
        FROM provisions_articleversion v JOIN provisions_article a ON a.id = v.article_id
    ) AS parts
$$
""",
    f"""
CREATE OR REPLACE FUNCTION provisions_source_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN{SKIP_IN_BULK_LOADS}
    DELETE FROM provisions_source_search WHERE rowid = NEW.id;
    INSERT INTO provisions_source_search (rowid, provisions_source_search)
    VALUES (NEW.id,
               setweight(to_tsvector('lawbase', lawbase_clean(NEW.title || ' ' || NEW.publisher)), 'A')
            || setweight(to_tsvector('lawbase', lawbase_clean(NEW.archived_text)), 'B'));
    RETURN NULL;
END $$
""",
    f"""
CREATE FUNCTION provisions_officialtext_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN{SKIP_IN_BULK_LOADS}
    PERFORM provisions_refresh_version_search(ARRAY(
        SELECT id FROM provisions_articleversion
        WHERE valid_to IS NULL AND article_id IN (
            CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.article_id END,
            CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.article_id END)));
    RETURN NULL;
END $$
""",
    """
CREATE TRIGGER provisions_officialtext_search_write
AFTER INSERT OR UPDATE OF text_ru, article_id OR DELETE ON provisions_officialtext
FOR EACH ROW EXECUTE FUNCTION provisions_officialtext_search_trigger()
""",
    "DROP TRIGGER provisions_version_search_write ON provisions_articleversion",
    """
CREATE TRIGGER provisions_version_search_write
AFTER INSERT OR UPDATE OF text_ru, text_en, article_id, valid_to ON provisions_articleversion
FOR EACH ROW EXECUTE FUNCTION provisions_version_search_trigger()
""",
    "SELECT provisions_refresh_version_search(ARRAY(SELECT id FROM provisions_articleversion))",
    # Not an UPDATE of the sources, which would move the data-generation counter.
    "DELETE FROM provisions_source_search",
    """
INSERT INTO provisions_source_search (rowid, provisions_source_search)
SELECT id, setweight(to_tsvector('lawbase', lawbase_clean(title || ' ' || publisher)), 'A')
           || setweight(to_tsvector('lawbase', lawbase_clean(archived_text)), 'B')
FROM provisions_source
""",
]

POSTGRES_BACKWARD = [
    "DROP TRIGGER provisions_version_search_write ON provisions_articleversion",
    """
CREATE TRIGGER provisions_version_search_write
AFTER INSERT OR UPDATE OF text_ru, text_en, article_id ON provisions_articleversion
FOR EACH ROW EXECUTE FUNCTION provisions_version_search_trigger()
""",
    "DROP TRIGGER provisions_officialtext_search_write ON provisions_officialtext",
    "DROP FUNCTION provisions_officialtext_search_trigger()",
    f"""
CREATE OR REPLACE FUNCTION provisions_source_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN{SKIP_IN_BULK_LOADS}
    DELETE FROM provisions_source_search WHERE rowid = NEW.id;
    INSERT INTO provisions_source_search (rowid, provisions_source_search)
    VALUES (NEW.id,
               setweight(to_tsvector('simple', NEW.title || ' ' || NEW.publisher), 'A')
            || setweight(to_tsvector('english', NEW.title), 'A')
            || setweight(to_tsvector('russian', NEW.title), 'A')
            || setweight(to_tsvector('russian', NEW.archived_text), 'B')
            || setweight(to_tsvector('english', NEW.archived_text), 'B'));
    RETURN NULL;
END $$
""",
    """
CREATE OR REPLACE FUNCTION provisions_version_documents()
RETURNS TABLE (rowid bigint, document tsvector, ranking tsvector)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT id, titles || body || penalties, titles || penalties
    FROM (
        SELECT v.id,
                  setweight(to_tsvector('simple', a.number), 'A')
               || setweight(to_tsvector('russian', a.title_ru), 'A')
               || setweight(to_tsvector('english', a.title_en), 'A') AS titles,
                  setweight(to_tsvector('russian', v.text_ru), 'B')
               || setweight(to_tsvector('english', v.text_en), 'B') AS body,
                  setweight(to_tsvector('english', provisions_penalty_words(v.id, true)), 'C')
               || setweight(to_tsvector('russian', provisions_penalty_words(v.id, false)), 'C')
                  AS penalties
        FROM provisions_articleversion v JOIN provisions_article a ON a.id = v.article_id
    ) AS parts
$$
""",
    "SELECT provisions_refresh_version_search(ARRAY(SELECT id FROM provisions_articleversion))",
    "UPDATE provisions_source SET title = title",
    "DROP FUNCTION lawbase_clean(text)",
    "DROP TEXT SEARCH CONFIGURATION lawbase",
    "DROP TEXT SEARCH DICTIONARY lawbase_english",
]

# --- SQLite -------------------------------------------------------------------------------

REFRESH_VERSIONS = """
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

REFRESH_TITLES = """
DELETE FROM provisions_title_trigram WHERE rowid = {id};
INSERT INTO provisions_title_trigram (rowid, title_ru, title_en)
SELECT id, title_ru, title_en FROM provisions_article WHERE id = {id};
"""

REFRESH_SOURCE = """
DELETE FROM provisions_source_search WHERE rowid = NEW.id;
INSERT INTO provisions_source_search (rowid, title, body)
VALUES (NEW.id, lawbase_tokens(NEW.title || ' ' || NEW.publisher),
        lawbase_tokens(NEW.archived_text));
"""

ARTICLE_VERSIONS = "SELECT id FROM provisions_articleversion WHERE article_id = NEW.id"
CURRENT_VERSIONS = (
    "SELECT id FROM provisions_articleversion WHERE valid_to IS NULL AND article_id = {article}"
)

# name -> (event, statements): every trigger that writes the two FTS5 tables
SQLITE_TRIGGERS = {
    "provisions_version_search_insert": (
        "AFTER INSERT ON provisions_articleversion",
        REFRESH_VERSIONS.format(ids="NEW.id"),
    ),
    "provisions_version_search_update": (
        "AFTER UPDATE OF text_ru, text_en, article_id, valid_to ON provisions_articleversion",
        REFRESH_VERSIONS.format(ids="NEW.id"),
    ),
    "provisions_version_search_delete": (
        "AFTER DELETE ON provisions_articleversion",
        "DELETE FROM provisions_version_search WHERE rowid = OLD.id;",
    ),
    "provisions_penalty_search_insert": (
        "AFTER INSERT ON provisions_penalty",
        REFRESH_VERSIONS.format(ids="NEW.version_id"),
    ),
    "provisions_penalty_search_update": (
        "AFTER UPDATE OF kind, version_id ON provisions_penalty",
        REFRESH_VERSIONS.format(ids="OLD.version_id, NEW.version_id"),
    ),
    "provisions_penalty_search_delete": (
        "AFTER DELETE ON provisions_penalty",
        REFRESH_VERSIONS.format(ids="OLD.version_id"),
    ),
    "provisions_article_search_insert": (
        "AFTER INSERT ON provisions_article",
        REFRESH_TITLES.format(id="NEW.id"),
    ),
    "provisions_article_search_update": (
        "AFTER UPDATE OF number, title_ru, title_en ON provisions_article",
        REFRESH_VERSIONS.format(ids=ARTICLE_VERSIONS) + REFRESH_TITLES.format(id="NEW.id"),
    ),
    "provisions_article_search_delete": (
        "AFTER DELETE ON provisions_article",
        "DELETE FROM provisions_title_trigram WHERE rowid = OLD.id;",
    ),
    "provisions_source_search_insert": ("AFTER INSERT ON provisions_source", REFRESH_SOURCE),
    "provisions_source_search_update": (
        "AFTER UPDATE OF title, publisher, archived_text ON provisions_source",
        REFRESH_SOURCE,
    ),
    "provisions_source_search_delete": (
        "AFTER DELETE ON provisions_source",
        "DELETE FROM provisions_source_search WHERE rowid = OLD.id;",
    ),
    "provisions_officialtext_search_insert": (
        "AFTER INSERT ON provisions_officialtext",
        REFRESH_VERSIONS.format(ids=CURRENT_VERSIONS.format(article="NEW.article_id")),
    ),
    "provisions_officialtext_search_update": (
        "AFTER UPDATE OF text_ru, article_id ON provisions_officialtext",
        REFRESH_VERSIONS.format(
            ids=CURRENT_VERSIONS.format(article="OLD.article_id")
            + " UNION "
            + CURRENT_VERSIONS.format(article="NEW.article_id")
        ),
    ),
    "provisions_officialtext_search_delete": (
        "AFTER DELETE ON provisions_officialtext",
        REFRESH_VERSIONS.format(ids=CURRENT_VERSIONS.format(article="OLD.article_id")),
    ),
}
OLD_TRIGGERS = [name for name in SQLITE_TRIGGERS if "officialtext" not in name]

SQLITE_FORWARD = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in OLD_TRIGGERS),
    "DROP TABLE provisions_version_search",
    "DROP TABLE provisions_source_search",
    "CREATE VIRTUAL TABLE provisions_version_search USING fts5("
    "title, body, penalties, tokenize='unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE provisions_source_search USING fts5("
    "title, body, tokenize='unicode61 remove_diacritics 0')",
    *(
        f"CREATE TRIGGER {name} {event} WHEN lawbase_triggers_on() BEGIN {statements} END"
        for name, (event, statements) in SQLITE_TRIGGERS.items()
    ),
    # Index what exists; one statement each.
    REFRESH_VERSIONS.format(ids="SELECT id FROM provisions_articleversion").split(";")[1],
    "INSERT INTO provisions_source_search (rowid, title, body) "
    "SELECT id, lawbase_tokens(title || ' ' || publisher), lawbase_tokens(archived_text) "
    "FROM provisions_source",
]

# Back to search migration 0001's tables and triggers (frozen history, so read from there).
INITIAL = import_module("search.migrations.0001_search_index")
SQLITE_BACKWARD = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
    "DROP TABLE provisions_version_search",
    "DROP TABLE provisions_source_search",
    *INITIAL.SQLITE_FORWARD[:2],
    *(
        f"CREATE TRIGGER {name} {event} WHEN lawbase_triggers_on() BEGIN {statements} END"
        for name, (event, statements) in INITIAL.SQLITE_TRIGGERS.items()
    ),
    INITIAL.SQLITE_FORWARD[-3],
    "INSERT INTO provisions_source_search (rowid, title, body) "
    "SELECT id, lawbase_stems(title || ' ' || publisher), lawbase_stems(archived_text) "
    "FROM provisions_source",
]

FORWARD = {"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}
BACKWARD = {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}


def run(statements: dict):
    """A RunPython function executing the statements written for the connection's database."""

    def run_statements(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in statements:
            raise NotImplementedError(f"No SQL written for {vendor}.")
        for statement in statements[vendor]:
            schema_editor.execute(statement, params=None)

    return run_statements


class Migration(migrations.Migration):
    # Not on the latest provisions migration: provisions 0008 keeps every trigger across its
    # table rebuilds (and undoing it must not undo this).
    dependencies = [("search", "0002_data_generation")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
