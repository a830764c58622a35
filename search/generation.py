"""The data-generation counter and the result cache's table (see `result_cache`).

A trigger on every table the list and search pages read bumps `provisions_datageneration.n`:
on PostgreSQL once per statement (TRUNCATE included), on SQLite once per row (SQLite has no
statement triggers). The tables are plain SQL, not models, so `flush` leaves the counter
running past every entry already stored.

SQLite drops a table's own triggers when a migration rebuilds it: a migration that alters one
of WATCHED_TABLES runs `create_generation_triggers` after (it replaces what exists).
"""

# Every table a public page reads (the search tables follow writes to these by their own
# triggers; the history tables no public page shows).
FIRST_WATCHED_TABLES = [
    "provisions_law",
    "provisions_topic",
    "provisions_article",
    "provisions_article_topics",
    "provisions_articleversion",
    "provisions_penalty",
    "provisions_amendment",
    "provisions_source",
]
WATCHED_TABLES = [
    *FIRST_WATCHED_TABLES,
    # Migration 0014: what the article, amendment and statistics pages show besides.
    "provisions_articlechange",
    "provisions_changedpenalty",
    "provisions_citation",
    "provisions_convictionstat",
    "provisions_convictionstat_group_articles",
    "provisions_editorialnote",
    "provisions_officialtext",
]

# Only the counter: deleting dead entries here would lock them until the writer commits, and a
# reader storing the same key would wait that long. Readers prune them instead (result_cache).
BUMP = "UPDATE provisions_datageneration SET n = n + 1 WHERE id = 1"

TABLES = [
    "CREATE TABLE provisions_datageneration (id integer PRIMARY KEY CHECK (id = 1), "
    "n bigint NOT NULL)",
    "INSERT INTO provisions_datageneration (id, n) VALUES (1, 1)",
    "CREATE TABLE provisions_resultcache (key varchar(80) PRIMARY KEY, "
    "generation bigint NOT NULL, value text NOT NULL, stored_at timestamp NOT NULL)",
    "CREATE INDEX provisions_resultcache_stored_at ON provisions_resultcache (stored_at)",
]

POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION provisions_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {BUMP};
    RETURN NULL;
END $$;
"""


def trigger_names(table: str) -> list[str]:
    return [f"{table}_generation_{event}" for event in ("insert", "update", "delete")]


def trigger_statements(vendor: str, tables: list[str]) -> list[str]:
    if vendor == "postgresql":
        return [
            POSTGRES_FUNCTION,
            *(
                f"CREATE OR REPLACE TRIGGER {table}_generation "
                f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION provisions_bump_generation()"
                for table in tables
            ),
        ]
    statements = []
    for table in tables:
        for name, event in zip(trigger_names(table), ("INSERT", "UPDATE", "DELETE"), strict=True):
            statements.append(f"DROP TRIGGER IF EXISTS {name}")
            statements.append(f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {BUMP}; END")
    return statements


def create_generation_triggers(apps, schema_editor, tables=WATCHED_TABLES):
    """(Re)create the triggers; replacing those that exist."""
    for statement in trigger_statements(schema_editor.connection.vendor, tables):
        schema_editor.execute(statement)


def drop_generation_triggers(apps, schema_editor, tables=WATCHED_TABLES):
    for table in tables:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_generation ON {table}")
        else:
            for name in trigger_names(table):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def create_tables(apps, schema_editor):
    """Migration 0011: the tables, and the triggers of the first watched tables."""
    for statement in TABLES:
        schema_editor.execute(statement)
    create_generation_triggers(apps, schema_editor, FIRST_WATCHED_TABLES)


def drop_tables(apps, schema_editor):
    drop_generation_triggers(apps, schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS provisions_bump_generation()")
    schema_editor.execute("DROP TABLE IF EXISTS provisions_resultcache")
    schema_editor.execute("DROP TABLE IF EXISTS provisions_datageneration")
