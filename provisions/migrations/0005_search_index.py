"""Full-text search indexes, kept in step with every write by triggers.

One index row per article version (article number and titles, the version's text, the names
of its penalties) and one per source (title and archived text).

PostgreSQL: tables of weighted tsvectors (titles A, text B, penalty names C) with GIN indexes,
Russian stemming for Russian text and English for English; pg_trgm indexes on article titles.
SQLite: FTS5 tables holding Snowball stems (the lawbase_stems() function that
provisions.apps registers on every connection), and an FTS5 trigram table over titles.
"""

from django.db import migrations

from search.index import create_search_triggers, create_sqlite_index, drop_search_triggers, drop_sqlite_index
from search.query import PENALTY_WORDS

# --- PostgreSQL ---------------------------------------------------------------------------

PENALTY_VALUES = ",\n".join(
    f"('{kind}', '{english}', '{russian}')" for kind, (english, russian) in PENALTY_WORDS.items()
)

POSTGRES_FORWARD = f"""
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE provisions_version_search (
    rowid bigint PRIMARY KEY,  -- no foreign key, so TRUNCATE (test flushes) still works
    provisions_version_search tsvector NOT NULL
);
CREATE INDEX provisions_version_search_gin
    ON provisions_version_search USING gin (provisions_version_search);

CREATE TABLE provisions_source_search (
    rowid bigint PRIMARY KEY,
    provisions_source_search tsvector NOT NULL
);
CREATE INDEX provisions_source_search_gin
    ON provisions_source_search USING gin (provisions_source_search);

CREATE INDEX provisions_article_title_ru_trgm
    ON provisions_article USING gin (title_ru gin_trgm_ops);
CREATE INDEX provisions_article_title_en_trgm
    ON provisions_article USING gin (title_en gin_trgm_ops);

CREATE FUNCTION provisions_penalty_words(version bigint, english boolean) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT coalesce(string_agg(CASE WHEN english THEN names.en ELSE names.ru END, ' '), '')
    FROM (SELECT DISTINCT kind FROM provisions_penalty WHERE version_id = version) AS used
    JOIN (VALUES {PENALTY_VALUES}) AS names (kind, en, ru) ON names.kind = used.kind
$$;

CREATE FUNCTION provisions_refresh_version_search(versions bigint[]) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM provisions_version_search WHERE rowid = ANY (versions);
    INSERT INTO provisions_version_search (rowid, provisions_version_search)
    SELECT v.id,
           setweight(to_tsvector('simple', a.number), 'A')
        || setweight(to_tsvector('russian', a.title_ru), 'A')
        || setweight(to_tsvector('english', a.title_en), 'A')
        || setweight(to_tsvector('russian', v.text_ru), 'B')
        || setweight(to_tsvector('english', v.text_en), 'B')
        || setweight(to_tsvector('english', provisions_penalty_words(v.id, true)), 'C')
        || setweight(to_tsvector('russian', provisions_penalty_words(v.id, false)), 'C')
    FROM provisions_articleversion v JOIN provisions_article a ON a.id = v.article_id
    WHERE v.id = ANY (versions);
$$;

CREATE FUNCTION provisions_version_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('lawbase.search_triggers_off', true) = 'on' THEN
        RETURN NULL;  -- a bulk load rebuilds the index once at the end
    END IF;
    PERFORM provisions_refresh_version_search(ARRAY[NEW.id]);
    RETURN NULL;
END $$;

CREATE FUNCTION provisions_penalty_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('lawbase.search_triggers_off', true) = 'on' THEN
        RETURN NULL;  -- a bulk load rebuilds the index once at the end
    END IF;
    IF TG_OP = 'DELETE' THEN
        PERFORM provisions_refresh_version_search(ARRAY[OLD.version_id]);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM provisions_refresh_version_search(ARRAY[OLD.version_id, NEW.version_id]);
    ELSE
        PERFORM provisions_refresh_version_search(ARRAY[NEW.version_id]);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION provisions_article_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('lawbase.search_triggers_off', true) = 'on' THEN
        RETURN NULL;  -- a bulk load rebuilds the index once at the end
    END IF;
    PERFORM provisions_refresh_version_search(
        ARRAY(SELECT id FROM provisions_articleversion WHERE article_id = NEW.id));
    RETURN NULL;
END $$;

CREATE FUNCTION provisions_search_forget_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        EXECUTE format('TRUNCATE %%I', TG_ARGV[0]);  -- %% escapes psycopg's placeholder
    ELSE
        EXECUTE format('DELETE FROM %%I WHERE rowid = $1', TG_ARGV[0]) USING OLD.id;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION provisions_source_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('lawbase.search_triggers_off', true) = 'on' THEN
        RETURN NULL;  -- a bulk load rebuilds the index once at the end
    END IF;
    DELETE FROM provisions_source_search WHERE rowid = NEW.id;
    INSERT INTO provisions_source_search (rowid, provisions_source_search)
    VALUES (NEW.id,
               setweight(to_tsvector('simple', NEW.title || ' ' || NEW.publisher), 'A')
            || setweight(to_tsvector('english', NEW.title), 'A')
            || setweight(to_tsvector('russian', NEW.title), 'A')
            || setweight(to_tsvector('russian', NEW.archived_text), 'B')
            || setweight(to_tsvector('english', NEW.archived_text), 'B'));
    RETURN NULL;
END $$;

"""

POSTGRES_BACKFILL = """
SELECT provisions_refresh_version_search(ARRAY(SELECT id FROM provisions_articleversion));
UPDATE provisions_source SET title = title;
"""

POSTGRES_BACKWARD = """
DROP FUNCTION IF EXISTS provisions_source_search_trigger();
DROP FUNCTION IF EXISTS provisions_search_forget_trigger();
DROP FUNCTION IF EXISTS provisions_article_search_trigger();
DROP FUNCTION IF EXISTS provisions_penalty_search_trigger();
DROP FUNCTION IF EXISTS provisions_version_search_trigger();
DROP FUNCTION IF EXISTS provisions_refresh_version_search(bigint[]);
DROP FUNCTION IF EXISTS provisions_penalty_words(bigint, boolean);
DROP INDEX IF EXISTS provisions_article_title_en_trgm;
DROP INDEX IF EXISTS provisions_article_title_ru_trgm;
DROP TABLE IF EXISTS provisions_source_search;
DROP TABLE IF EXISTS provisions_version_search;
"""

def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD)
        create_search_triggers(apps, schema_editor)
        schema_editor.execute(POSTGRES_BACKFILL)
    elif vendor == "sqlite":
        create_sqlite_index(schema_editor)
    else:
        raise NotImplementedError(f"No search index written for {vendor}.")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        drop_search_triggers(apps, schema_editor)
        schema_editor.execute(POSTGRES_BACKWARD)
    else:
        drop_sqlite_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("provisions", "0004_search_index_models")]

    operations = [migrations.RunPython(forward, backward)]
