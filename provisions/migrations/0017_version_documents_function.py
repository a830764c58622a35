from importlib import import_module

from django.db import migrations

# PostgreSQL only. Each version's search document and ranking vector are defined once, in
# provisions_version_documents(), which both the per-row triggers and the bulk rebuild read
# (search_schema.rebuild_search_index). Being a one-SELECT SQL function it is inlined into the
# caller's query: a trigger's `WHERE rowid = ANY (…)` reaches the primary key, and a bulk
# `CREATE TABLE … AS` can spread the stemming over parallel workers, which PARALLEL SAFE on
# both functions allows. The titles and penalty names are stemmed once for both vectors; the
# vectors are the same as migration 0012's, since tsvector concatenation is associative.
FORWARD = """
ALTER FUNCTION provisions_penalty_words(bigint, boolean) PARALLEL SAFE;

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
$$;

CREATE OR REPLACE FUNCTION provisions_refresh_version_search(versions bigint[]) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM provisions_version_search WHERE rowid = ANY (versions);
    INSERT INTO provisions_version_search (rowid, provisions_version_search, ranking)
    SELECT rowid, document, ranking FROM provisions_version_documents()
    WHERE rowid = ANY (versions);
$$;
"""


def backward_sql() -> str:
    earlier = import_module("provisions.migrations.0012_search_ranking_vector")
    restore = earlier.refresh_function(
        "rowid, provisions_version_search, ranking", earlier.DOCUMENT + "," + earlier.RANKING
    )
    return f"""
{restore}
DROP FUNCTION provisions_version_documents();
ALTER FUNCTION provisions_penalty_words(bigint, boolean) PARALLEL UNSAFE;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(backward_sql())


class Migration(migrations.Migration):
    dependencies = [
        ("provisions", "0016_list_columns_indexes"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
