"""The full-text search indexes, kept in step with every write by triggers.

One index row per article version (article number and titles, the version's text, the names
of its penalties) and one per source (title and archived text). The models are unmanaged:
the tables are created here, in SQL, with their triggers.

PostgreSQL: tables of weighted tsvectors (titles A, text B, penalty names C) with GIN indexes,
Russian stemming for Russian text and English for English, and a small ranking vector per
version (titles and penalty names) that ranks a very common word's many matches cheaply;
pg_trgm indexes on the article titles; LZ4 for the vectors where the server has it (5.3 s
against 8.8 s to write the 100,000-article corpus's, 5% less space). Each version's vectors
are defined once, in provisions_version_documents(), which the triggers and the bulk rebuild
(search.index) both read: a one-SELECT SQL function is inlined into the caller's query, so a
trigger's `WHERE rowid = ANY (…)` reaches the primary key and a bulk `CREATE TABLE … AS` can
stem on parallel workers (PARALLEL SAFE).

SQLite: FTS5 tables holding Snowball stems (lawbase_stems() and lawbase_penalty_words(),
which search.apps registers on every connection), and an FTS5 trigram table over titles.

Bulk loads switch the triggers that index off meanwhile and rebuild after (search.index): on
PostgreSQL by the session setting lawbase.search_triggers_off, on SQLite by
lawbase_triggers_on(), which provisions.apps registers. The names of the penalty kinds below
must agree with search.query.PENALTY_WORDS.

SQLite drops a table's triggers when a migration rebuilds the table: a later migration that
alters an indexed table on SQLite must create its triggers here again after.
"""

import django.db.models.deletion
from django.db import migrations, models

# --- PostgreSQL ---------------------------------------------------------------------------

SKIP_IN_BULK_LOADS = """
    IF current_setting('lawbase.search_triggers_off', true) = 'on' THEN
        RETURN NULL;  -- the bulk load rebuilds the index once at the end
    END IF;"""

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
CREATE TABLE provisions_version_search (
    rowid bigint PRIMARY KEY,  -- no foreign key, so TRUNCATE (test flushes) still works
    provisions_version_search tsvector NOT NULL,
    ranking tsvector
)
""",
    """
CREATE INDEX provisions_version_search_gin
    ON provisions_version_search USING gin (provisions_version_search)
""",
    """
CREATE TABLE provisions_source_search (
    rowid bigint PRIMARY KEY,
    provisions_source_search tsvector NOT NULL
)
""",
    """
CREATE INDEX provisions_source_search_gin
    ON provisions_source_search USING gin (provisions_source_search)
""",
    "CREATE INDEX provisions_article_title_ru_trgm "
    "ON provisions_article USING gin (title_ru gin_trgm_ops)",
    "CREATE INDEX provisions_article_title_en_trgm "
    "ON provisions_article USING gin (title_en gin_trgm_ops)",
    """
CREATE FUNCTION provisions_penalty_words(version bigint, english boolean) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(CASE WHEN english THEN names.en ELSE names.ru END, ' '), '')
    FROM (SELECT DISTINCT kind FROM provisions_penalty WHERE version_id = version) AS used
    JOIN (VALUES
        ('imprisonment', 'imprisonment prison', 'лишение свободы'),
        ('life_imprisonment', 'life imprisonment', 'пожизненное лишение свободы'),
        ('death_penalty', 'death penalty', 'смертная казнь'),
        ('fine', 'fine', 'штраф'),
        ('forced_labour', 'forced labour', 'принудительные работы'),
        ('restriction_of_freedom', 'restriction of freedom', 'ограничение свободы'),
        ('compulsory_work', 'compulsory work', 'обязательные работы'),
        ('correctional_labour', 'correctional labour', 'исправительные работы'),
        ('arrest', 'arrest', 'арест'),
        ('deprivation_of_right', 'deprivation of the right to hold posts', 'лишение права'),
        -- The administrative kinds of provisions migration 0008, which replaces this function
        -- where it was created before them.
        ('warning', 'warning', 'предупреждение'),
        ('confiscation', 'confiscation', 'конфискация'),
        ('deprivation_of_special_right', 'deprivation of a special right', 'лишение специального права'),
        ('expulsion', 'administrative expulsion', 'административное выдворение'),
        ('disqualification', 'disqualification', 'дисквалификация'),
        ('suspension_of_activity', 'suspension of activity', 'приостановление деятельности'),
        ('sports_event_ban', 'sports competitions ban', 'запрет на посещение спортивных соревнований'),
        -- The military kinds of provisions migration 0009, which replaces it likewise.
        ('military_service_restriction', 'restriction in military service', 'ограничение по военной службе'),
        ('disciplinary_military_unit', 'disciplinary military unit', 'содержание в дисциплинарной воинской части')
    ) AS names (kind, en, ru) ON names.kind = used.kind
$$
""",
    # The document is titles || body || penalties and the ranking vector titles || penalties
    # (tsvector concatenation is associative); the titles and penalty names are stemmed once.
    """
CREATE FUNCTION provisions_version_documents()
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
    """
CREATE FUNCTION provisions_refresh_version_search(versions bigint[]) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM provisions_version_search WHERE rowid = ANY (versions);
    INSERT INTO provisions_version_search (rowid, provisions_version_search, ranking)
    SELECT rowid, document, ranking FROM provisions_version_documents()
    WHERE rowid = ANY (versions);
$$
""",
    f"""
CREATE FUNCTION provisions_version_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN{SKIP_IN_BULK_LOADS}
    PERFORM provisions_refresh_version_search(ARRAY[NEW.id]);
    RETURN NULL;
END $$
""",
    f"""
CREATE FUNCTION provisions_penalty_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN{SKIP_IN_BULK_LOADS}
    IF TG_OP = 'DELETE' THEN
        PERFORM provisions_refresh_version_search(ARRAY[OLD.version_id]);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM provisions_refresh_version_search(ARRAY[OLD.version_id, NEW.version_id]);
    ELSE
        PERFORM provisions_refresh_version_search(ARRAY[NEW.version_id]);
    END IF;
    RETURN NULL;
END $$
""",
    f"""
CREATE FUNCTION provisions_article_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN{SKIP_IN_BULK_LOADS}
    PERFORM provisions_refresh_version_search(
        ARRAY(SELECT id FROM provisions_articleversion WHERE article_id = NEW.id));
    RETURN NULL;
END $$
""",
    f"""
CREATE FUNCTION provisions_source_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
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
    # The index tables have no foreign keys (TRUNCATE must work): deletions reach them here,
    # bulk loads included. TG_ARGV[0]: the index table.
    """
CREATE FUNCTION provisions_search_forget_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        EXECUTE format('TRUNCATE %I', TG_ARGV[0]);
    ELSE
        EXECUTE format('DELETE FROM %I WHERE rowid = $1', TG_ARGV[0]) USING OLD.id;
    END IF;
    RETURN NULL;
END $$
""",
    """
CREATE TRIGGER provisions_version_search_write
AFTER INSERT OR UPDATE OF text_ru, text_en, article_id ON provisions_articleversion
FOR EACH ROW EXECUTE FUNCTION provisions_version_search_trigger()
""",
    """
CREATE TRIGGER provisions_penalty_search_write
AFTER INSERT OR UPDATE OF kind, version_id OR DELETE ON provisions_penalty
FOR EACH ROW EXECUTE FUNCTION provisions_penalty_search_trigger()
""",
    """
CREATE TRIGGER provisions_article_search_write
AFTER UPDATE OF number, title_ru, title_en ON provisions_article
FOR EACH ROW EXECUTE FUNCTION provisions_article_search_trigger()
""",
    """
CREATE TRIGGER provisions_source_search_write
AFTER INSERT OR UPDATE OF title, publisher, archived_text ON provisions_source
FOR EACH ROW EXECUTE FUNCTION provisions_source_search_trigger()
""",
    """
CREATE TRIGGER provisions_version_search_forget
AFTER DELETE ON provisions_articleversion
FOR EACH ROW EXECUTE FUNCTION provisions_search_forget_trigger('provisions_version_search')
""",
    """
CREATE TRIGGER provisions_version_search_truncate
AFTER TRUNCATE ON provisions_articleversion
FOR EACH STATEMENT EXECUTE FUNCTION provisions_search_forget_trigger('provisions_version_search')
""",
    """
CREATE TRIGGER provisions_source_search_forget
AFTER DELETE ON provisions_source
FOR EACH ROW EXECUTE FUNCTION provisions_search_forget_trigger('provisions_source_search')
""",
    """
CREATE TRIGGER provisions_source_search_truncate
AFTER TRUNCATE ON provisions_source
FOR EACH STATEMENT EXECUTE FUNCTION provisions_search_forget_trigger('provisions_source_search')
""",
    # Index what already exists (nothing in a new database).
    "SELECT provisions_refresh_version_search(ARRAY(SELECT id FROM provisions_articleversion))",
    "UPDATE provisions_source SET title = title",
]

POSTGRES_BACKWARD = [
    "DROP TRIGGER provisions_source_search_truncate ON provisions_source",
    "DROP TRIGGER provisions_source_search_forget ON provisions_source",
    "DROP TRIGGER provisions_version_search_truncate ON provisions_articleversion",
    "DROP TRIGGER provisions_version_search_forget ON provisions_articleversion",
    "DROP TRIGGER provisions_source_search_write ON provisions_source",
    "DROP TRIGGER provisions_article_search_write ON provisions_article",
    "DROP TRIGGER provisions_penalty_search_write ON provisions_penalty",
    "DROP TRIGGER provisions_version_search_write ON provisions_articleversion",
    "DROP FUNCTION provisions_search_forget_trigger()",
    "DROP FUNCTION provisions_source_search_trigger()",
    "DROP FUNCTION provisions_article_search_trigger()",
    "DROP FUNCTION provisions_penalty_search_trigger()",
    "DROP FUNCTION provisions_version_search_trigger()",
    "DROP FUNCTION provisions_refresh_version_search(bigint[])",
    "DROP FUNCTION provisions_version_documents()",
    "DROP FUNCTION provisions_penalty_words(bigint, boolean)",
    "DROP INDEX provisions_article_title_en_trgm",
    "DROP INDEX provisions_article_title_ru_trgm",
    "DROP TABLE provisions_source_search",
    "DROP TABLE provisions_version_search",
]

# --- SQLite -------------------------------------------------------------------------------

REFRESH_VERSIONS = """
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

REFRESH_TITLES = """
DELETE FROM provisions_title_trigram WHERE rowid = {id};
INSERT INTO provisions_title_trigram (rowid, title_ru, title_en)
SELECT id, title_ru, title_en FROM provisions_article WHERE id = {id};
"""

REFRESH_SOURCE = """
DELETE FROM provisions_source_search WHERE rowid = NEW.id;
INSERT INTO provisions_source_search (rowid, title, body)
VALUES (NEW.id, lawbase_stems(NEW.title || ' ' || NEW.publisher),
        lawbase_stems(NEW.archived_text));
"""

ARTICLE_VERSIONS = "SELECT id FROM provisions_articleversion WHERE article_id = NEW.id"

# name -> (event, statements)
SQLITE_TRIGGERS = {
    "provisions_version_search_insert": (
        "AFTER INSERT ON provisions_articleversion",
        REFRESH_VERSIONS.format(ids="NEW.id"),
    ),
    "provisions_version_search_update": (
        "AFTER UPDATE OF text_ru, text_en, article_id ON provisions_articleversion",
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
}

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE provisions_version_search USING fts5("
    "title, body, penalties, tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE provisions_source_search USING fts5("
    "title, body, tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE provisions_title_trigram USING fts5("
    "title_ru, title_en, tokenize='trigram')",
    *(
        f"CREATE TRIGGER {name} {event} WHEN lawbase_triggers_on() BEGIN {statements} END"
        for name, (event, statements) in SQLITE_TRIGGERS.items()
    ),
    # Index what already exists (nothing in a new database); one statement each.
    REFRESH_VERSIONS.format(ids="SELECT id FROM provisions_articleversion").split(";")[1],
    "INSERT INTO provisions_title_trigram (rowid, title_ru, title_en) "
    "SELECT id, title_ru, title_en FROM provisions_article",
    "UPDATE provisions_source SET title = title",
]

SQLITE_BACKWARD = [
    *(f"DROP TRIGGER {name}" for name in SQLITE_TRIGGERS),
    "DROP TABLE provisions_title_trigram",
    "DROP TABLE provisions_source_search",
    "DROP TABLE provisions_version_search",
]

FORWARD = {"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}
BACKWARD = {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}

# PostgreSQL with LZ4 only: the vectors are compressed with it when TOASTed.
LONG_VALUES = {"provisions_version_search": ["provisions_version_search", "ranking"]}


def run(statements: dict):
    """A RunPython function executing the statements written for the connection's database."""

    def run_statements(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in statements:
            raise NotImplementedError(f"No SQL written for {vendor}.")
        for statement in statements[vendor]:
            schema_editor.execute(statement, params=None)

    return run_statements


def compress_with(method: str):
    def set_compression(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 'lz4' = ANY (enumvals) FROM pg_settings "
                "WHERE name = 'default_toast_compression'"
            )
            if not cursor.fetchone()[0]:
                return
        for table, columns in LONG_VALUES.items():
            changes = ", ".join(f"ALTER COLUMN {c} SET COMPRESSION {method}" for c in columns)
            schema_editor.execute(f"ALTER TABLE {table} {changes}", params=None)

    return set_compression


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('provisions', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='SourceSearch',
            fields=[
                ('source', models.OneToOneField(db_column='rowid', on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='search', serialize=False, to='provisions.source')),
                ('document', models.TextField(db_column='provisions_source_search')),
            ],
            options={
                'db_table': 'provisions_source_search',
                'managed': False,
            },
        ),
        migrations.CreateModel(
            name='VersionSearch',
            fields=[
                ('version', models.OneToOneField(db_column='rowid', on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='search', serialize=False, to='provisions.articleversion')),
                ('document', models.TextField(db_column='provisions_version_search')),
                ('ranking', models.TextField(null=True)),
                ('current_article', models.ForeignObject(from_fields=['version'], on_delete=django.db.models.deletion.DO_NOTHING, related_name='current_search', related_query_name='current_search', to='provisions.article', to_fields=['current_version'])),
            ],
            options={
                'db_table': 'provisions_version_search',
                'managed': False,
            },
        ),
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
        migrations.RunPython(compress_with("lz4"), compress_with("DEFAULT")),
    ]
