"""PostgreSQL: the text index of each article's current version, with the columns the list's
facets and number order read (search.current_index).

A word in a third of 100,000 synthetic articles (/api/articles?q=technical) matched 108,000
index rows of every version, whose documents (170 MB) were read and joined to all 100,000
articles (106 MB) twice: for the facets and for the ranked page, 250 ms each. One row per
article here (61 MB) carries the law, kinds, units, topic bits and number key beside the
document and the ranking vector, so those two queries read it alone: 54 and 51 ms.

Kept by statement-level triggers that always run (bulk loads included; each statement
refreshes the articles it touched in one pass): a change of an article's current version or
of the columns copied, and any write to the versions' index rows, recompute the rows of the
articles concerned from provisions_article and provisions_version_search; deleting or
truncating articles (a test's flush) takes their rows. No foreign key, as for the versions'
index (search migration 0001): TRUNCATE must work. SQLite keeps searching through the versions'
FTS5 table and needs nothing.
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

words = importlib.import_module("search.migrations.0003_word_forms_index")

COPIED = (
    "law_id",
    "current_penalty_kinds",
    "current_penalty_units",
    "topic_bits",
    "sort_key",
)
CHANGED = " OR ".join(f"n.{c} IS DISTINCT FROM o.{c}" for c in ("current_version_id", *COPIED))

FORWARD_SQL = [
    """
CREATE TABLE provisions_current_search (
    article_id bigint PRIMARY KEY,  -- no foreign key, so TRUNCATE (test flushes) still works
    document tsvector NOT NULL,
    ranking tsvector,
    law_id bigint NOT NULL,
    current_penalty_kinds integer,
    current_penalty_units integer,
    topic_bits bigint,
    sort_key varchar(60) NOT NULL
)""",
    "CREATE INDEX provisions_current_search_gin ON provisions_current_search USING gin (document)",
    f"""
CREATE FUNCTION provisions_refresh_current_search(articles bigint[]) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM provisions_current_search WHERE article_id = ANY(articles);
    INSERT INTO provisions_current_search
        (article_id, document, ranking, {", ".join(COPIED)})
    SELECT a.id, s.provisions_version_search, s.ranking, {", ".join(f"a.{c}" for c in COPIED)}
    FROM provisions_article a
    JOIN provisions_version_search s ON s.rowid = a.current_version_id
    WHERE a.id = ANY(articles);
$$""",
    """
CREATE FUNCTION provisions_current_search_articles_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM provisions_refresh_current_search(ARRAY(SELECT id FROM new_rows));
    RETURN NULL;
END $$""",
    f"""
CREATE FUNCTION provisions_current_search_articles_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM provisions_refresh_current_search(ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE {CHANGED}));
    RETURN NULL;
END $$""",
    """
CREATE FUNCTION provisions_current_search_index_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM provisions_refresh_current_search(ARRAY(
            SELECT a.id FROM provisions_article a JOIN new_rows r
            ON a.current_version_id = r.rowid));
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM provisions_refresh_current_search(ARRAY(
            SELECT a.id FROM provisions_article a JOIN old_rows r
            ON a.current_version_id = r.rowid));
    END IF;
    RETURN NULL;
END $$""",
    """
CREATE FUNCTION provisions_current_search_articles_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM provisions_current_search WHERE article_id IN (SELECT id FROM old_rows);
    RETURN NULL;
END $$""",
    """
CREATE FUNCTION provisions_current_search_emptied() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE provisions_current_search;
    RETURN NULL;
END $$""",
    """
CREATE TRIGGER provisions_current_search_ad AFTER DELETE ON provisions_article
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
EXECUTE FUNCTION provisions_current_search_articles_deleted()""",
    """
CREATE TRIGGER provisions_current_search_truncate AFTER TRUNCATE ON provisions_article
FOR EACH STATEMENT EXECUTE FUNCTION provisions_current_search_emptied()""",
    """
CREATE TRIGGER provisions_current_search_index_truncate
AFTER TRUNCATE ON provisions_version_search
FOR EACH STATEMENT EXECUTE FUNCTION provisions_current_search_emptied()""",
    """
CREATE TRIGGER provisions_current_search_ai AFTER INSERT ON provisions_article
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
EXECUTE FUNCTION provisions_current_search_articles_inserted()""",
    """
CREATE TRIGGER provisions_current_search_au AFTER UPDATE ON provisions_article
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT
EXECUTE FUNCTION provisions_current_search_articles_updated()""",
    """
CREATE TRIGGER provisions_current_search_index_ai AFTER INSERT ON provisions_version_search
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
EXECUTE FUNCTION provisions_current_search_index_changed()""",
    """
CREATE TRIGGER provisions_current_search_index_au AFTER UPDATE ON provisions_version_search
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT
EXECUTE FUNCTION provisions_current_search_index_changed()""",
    """
CREATE TRIGGER provisions_current_search_index_ad AFTER DELETE ON provisions_version_search
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
EXECUTE FUNCTION provisions_current_search_index_changed()""",
    "SELECT provisions_refresh_current_search(ARRAY(SELECT id FROM provisions_article))",
    "ANALYZE provisions_current_search",
]

BACKWARD_SQL = [
    "DROP TRIGGER provisions_current_search_ad ON provisions_article",
    "DROP TRIGGER provisions_current_search_truncate ON provisions_article",
    "DROP TRIGGER provisions_current_search_index_truncate ON provisions_version_search",
    "DROP FUNCTION provisions_current_search_articles_deleted()",
    "DROP FUNCTION provisions_current_search_emptied()",
    "DROP TRIGGER provisions_current_search_ai ON provisions_article",
    "DROP TRIGGER provisions_current_search_au ON provisions_article",
    "DROP TRIGGER provisions_current_search_index_ai ON provisions_version_search",
    "DROP TRIGGER provisions_current_search_index_au ON provisions_version_search",
    "DROP TRIGGER provisions_current_search_index_ad ON provisions_version_search",
    "DROP FUNCTION provisions_current_search_index_changed()",
    "DROP FUNCTION provisions_current_search_articles_updated()",
    "DROP FUNCTION provisions_current_search_articles_inserted()",
    "DROP FUNCTION provisions_refresh_current_search(bigint[])",
    "DROP TABLE provisions_current_search",
]

FORWARD = {"postgresql": FORWARD_SQL, "sqlite": []}
BACKWARD = {"postgresql": BACKWARD_SQL, "sqlite": []}


class Migration(migrations.Migration):
    # The columns copied: the list figures (provisions 0004, 0010) and topic bits (0011).
    dependencies = [("search", "0006_english_titles_index"), ("provisions", "0011_topic_bits")]

    operations = [
        migrations.RunPython(words.run(FORWARD), words.run(BACKWARD)),
        migrations.CreateModel(
            name="CurrentSearch",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="current_text",
                        serialize=False,
                        to="provisions.article",
                    ),
                ),
                ("document", models.TextField()),
                ("ranking", models.TextField(null=True)),
                (
                    "law",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="provisions.law",
                    ),
                ),
                ("current_penalty_kinds", models.IntegerField(null=True)),
                ("current_penalty_units", models.IntegerField(null=True)),
                ("topic_bits", models.BigIntegerField(null=True)),
                ("sort_key", models.CharField(max_length=60)),
            ],
            options={"db_table": "provisions_current_search", "managed": False},
        ),
    ]
