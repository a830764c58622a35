from django.db import migrations

import provisions.models

# PostgreSQL only: a small second vector per version, the titles (A) and penalty names (C)
# without the text, which ranks a very common word's tens of thousands of matches without
# reading every large document (provisions/search.py, FULL_RANK_LIMIT).
RANKING = """
           setweight(to_tsvector('simple', a.number), 'A')
        || setweight(to_tsvector('russian', a.title_ru), 'A')
        || setweight(to_tsvector('english', a.title_en), 'A')
        || setweight(to_tsvector('english', provisions_penalty_words(v.id, true)), 'C')
        || setweight(to_tsvector('russian', provisions_penalty_words(v.id, false)), 'C')
"""

# The whole document, as migration 0005 defined it.
DOCUMENT = """
           setweight(to_tsvector('simple', a.number), 'A')
        || setweight(to_tsvector('russian', a.title_ru), 'A')
        || setweight(to_tsvector('english', a.title_en), 'A')
        || setweight(to_tsvector('russian', v.text_ru), 'B')
        || setweight(to_tsvector('english', v.text_en), 'B')
        || setweight(to_tsvector('english', provisions_penalty_words(v.id, true)), 'C')
        || setweight(to_tsvector('russian', provisions_penalty_words(v.id, false)), 'C')
"""


def refresh_function(columns: str, values: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION provisions_refresh_version_search(versions bigint[]) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM provisions_version_search WHERE rowid = ANY (versions);
    INSERT INTO provisions_version_search ({columns})
    SELECT v.id, {values}
    FROM provisions_articleversion v JOIN provisions_article a ON a.id = v.article_id
    WHERE v.id = ANY (versions);
$$;
"""


FORWARD = f"""
ALTER TABLE provisions_version_search ADD COLUMN ranking tsvector;
{refresh_function("rowid, provisions_version_search, ranking", DOCUMENT + "," + RANKING)}
UPDATE provisions_version_search s SET ranking = {RANKING}
FROM provisions_articleversion v JOIN provisions_article a ON a.id = v.article_id
WHERE v.id = s.rowid;
"""

BACKWARD = f"""
{refresh_function("rowid, provisions_version_search", DOCUMENT)}
ALTER TABLE provisions_version_search DROP COLUMN ranking;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("provisions", "0011_result_cache"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.AddField(
            model_name="versionsearch",
            name="ranking",
            field=provisions.models.SearchDocumentField(null=True),
        ),
    ]
