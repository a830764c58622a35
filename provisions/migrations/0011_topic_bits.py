"""Each article's topics as bits (topic id n → bit n − 1, ids 1–63: Topic.bit), kept by
triggers on the article–topic table, so the list's topic filter and facet read the covering
list indexes instead of joining every matching article to its topics (at 100,000 synthetic
articles the topic facet of a list of 54,000 went from a 36 ms join to a scan of the index).

Unlike 0004's and 0010's, these triggers always run, bulk loads included: each recomputes
one article's bits from its topic rows (a unique index), which keeps the bits true whichever
loader wrote the rows, at the cost of one small UPDATE per topic row written. The column is nullable (no topics
yet: NULL, as 0) because adding it then does not rebuild a SQLite table, whose rebuild would
break the triggers of other tables that name it.
"""

import importlib

from django.db import migrations, models

# SUM of distinct powers of two is their OR (an article holds a topic once: a unique pair);
# SQLite has no bit_or. Topics beyond id 63 have no bit (Topic.bit is None).
ARTICLE_TOPIC_BITS = """
UPDATE provisions_article SET topic_bits = COALESCE((
    SELECT SUM(CASE WHEN t.topic_id BETWEEN 1 AND 63
                    THEN CAST(1 AS BIGINT) << CAST(t.topic_id - 1 AS INTEGER) ELSE 0 END)
    FROM provisions_article_topics t
    WHERE t.article_id = provisions_article.id), 0)
WHERE id IN ({ids});
"""

POSTGRES_FORWARD = [
    f"""
CREATE FUNCTION provisions_article_topics_bits_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    IF TG_OP = 'DELETE' THEN
        ids := ARRAY[OLD.article_id];
    ELSIF TG_OP = 'UPDATE' THEN
        ids := ARRAY[OLD.article_id, NEW.article_id];
    ELSE
        ids := ARRAY[NEW.article_id];
    END IF;
    {ARTICLE_TOPIC_BITS.format(ids="SELECT unnest(ids)")}
    RETURN NULL;
END $$
""",
    """
CREATE TRIGGER provisions_article_topics_bits
AFTER INSERT OR UPDATE OR DELETE ON provisions_article_topics
FOR EACH ROW EXECUTE FUNCTION provisions_article_topics_bits_trigger()
""",
]

POSTGRES_BACKWARD = [
    "DROP TRIGGER provisions_article_topics_bits ON provisions_article_topics",
    "DROP FUNCTION provisions_article_topics_bits_trigger()",
]

SQLITE_TRIGGERS = {
    "provisions_article_topics_bits_insert": (
        "AFTER INSERT ON provisions_article_topics",
        ARTICLE_TOPIC_BITS.format(ids="NEW.article_id"),
    ),
    "provisions_article_topics_bits_update": (
        "AFTER UPDATE ON provisions_article_topics",
        ARTICLE_TOPIC_BITS.format(ids="OLD.article_id, NEW.article_id"),
    ),
    "provisions_article_topics_bits_delete": (
        "AFTER DELETE ON provisions_article_topics",
        ARTICLE_TOPIC_BITS.format(ids="OLD.article_id"),
    ),
}

SQLITE_FORWARD = [
    f"CREATE TRIGGER {name} {event} BEGIN {statements} END"
    for name, (event, statements) in SQLITE_TRIGGERS.items()
]
SQLITE_BACKWARD = [f"DROP TRIGGER {name}" for name in SQLITE_TRIGGERS]

# Bits of the topics already held (none in a new database).
BACKFILL = [ARTICLE_TOPIC_BITS.format(ids="SELECT article_id FROM provisions_article_topics")]

# 0004's runner: the statements written for the connection's database.
run = importlib.import_module("provisions.migrations.0004_list_figures_and_kinds").run

FORWARD = {
    "postgresql": [*POSTGRES_FORWARD, *BACKFILL],
    "sqlite": [*SQLITE_FORWARD, *BACKFILL],
}
BACKWARD = {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}

LIST_COLUMNS = (
    "id",
    "law",
    "sort_key",
    "current_life_imprisonment",
    "current_penalty_kinds",
    "current_penalty_units",
)


class Migration(migrations.Migration):
    dependencies = [("provisions", "0010_penalty_units")]

    operations = [
        migrations.RemoveIndex(model_name="article", name="article_list_columns_idx"),
        migrations.RemoveIndex(model_name="article", name="article_current_list_idx"),
        migrations.AddField(
            model_name="article",
            name="topic_bits",
            field=models.BigIntegerField(editable=False, null=True),
        ),
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["current_max_prison_months"],
                include=(*LIST_COLUMNS, "topic_bits"),
                name="article_list_columns_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["current_version"],
                include=("current_max_prison_months", *LIST_COLUMNS, "topic_bits"),
                name="article_current_list_idx",
            ),
        ),
    ]
