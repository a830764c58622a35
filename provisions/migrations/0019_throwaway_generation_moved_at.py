"""THROWAWAY: the lead drops this file when merging branch h-cache. The squashed migrations
create the generation table with `moved_at` and this bump statement from the start; this file
only lets the branch's tests run against migrations 0001-0018.

The data-generation row records when it last moved (`moved_at`, read for Last-Modified), and
the hand-written result-cache table goes: entries now live in the "results" Django cache.
"""

from django.db import migrations

BUMP = "UPDATE provisions_datageneration SET n = n + 1, moved_at = CURRENT_TIMESTAMP WHERE id = 1"
OLD_BUMP = "UPDATE provisions_datageneration SET n = n + 1 WHERE id = 1"

# Every table a public page reads (search/generation.py WATCHED_TABLES as of 0014).
WATCHED_TABLES = [
    "provisions_law",
    "provisions_topic",
    "provisions_article",
    "provisions_article_topics",
    "provisions_articleversion",
    "provisions_penalty",
    "provisions_amendment",
    "provisions_source",
    "provisions_articlechange",
    "provisions_changedpenalty",
    "provisions_citation",
    "provisions_convictionstat",
    "provisions_convictionstat_group_articles",
    "provisions_editorialnote",
    "provisions_officialtext",
]
EVENTS = ("insert", "update", "delete")

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION provisions_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {bump};
    RETURN NULL;
END $$;
"""

OLD_RESULT_CACHE = [
    "CREATE TABLE provisions_resultcache (key varchar(80) PRIMARY KEY, "
    "generation bigint NOT NULL, value text NOT NULL, stored_at timestamp NOT NULL)",
    "CREATE INDEX provisions_resultcache_stored_at ON provisions_resultcache (stored_at)",
]


def sqlite_triggers(bump: str) -> list[str]:
    statements = []
    for table in WATCHED_TABLES:
        for event in EVENTS:
            name = f"{table}_generation_{event}"
            statements.append(f"DROP TRIGGER IF EXISTS {name}")
            statements.append(
                f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} BEGIN {bump}; END"
            )
    return statements


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        statements = [
            "ALTER TABLE provisions_datageneration "
            "ADD COLUMN moved_at timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP",
            POSTGRES_FUNCTION.format(bump=BUMP),
        ]
    else:
        statements = [
            # SQLite adds a NOT NULL column only with a constant default.
            "ALTER TABLE provisions_datageneration "
            "ADD COLUMN moved_at datetime NOT NULL DEFAULT '1970-01-01 00:00:00'",
            "UPDATE provisions_datageneration SET moved_at = CURRENT_TIMESTAMP",
            *sqlite_triggers(BUMP),
        ]
    for statement in [*statements, "DROP TABLE IF EXISTS provisions_resultcache"]:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        statements = [POSTGRES_FUNCTION.format(bump=OLD_BUMP)]
    else:
        statements = sqlite_triggers(OLD_BUMP)
    statements += ["ALTER TABLE provisions_datageneration DROP COLUMN moved_at", *OLD_RESULT_CACHE]
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("provisions", "0018_lz4_long_values"),
    ]

    operations = [migrations.RunPython(forward, backward)]
