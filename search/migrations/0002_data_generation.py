"""The data-generation counter: `provisions_datageneration.n` moves on every write to a table
the public pages read, and `moved_at` says when it last moved.

A trigger on each of those tables bumps it: on PostgreSQL once per statement (TRUNCATE
included), on SQLite once per row (SQLite has no statement triggers). They always run, bulk
loads included. The table is plain SQL, not a model, so `flush` leaves the counter running
past every value a cache may have stored. Cached results are valid while `n` is unchanged.

A new table whose rows a public page shows needs a trigger too (a test checks every
provisions table has one). SQLite drops a table's triggers when a migration rebuilds the
table: a later migration that alters one of WATCHED_TABLES on SQLite must create its
triggers again after.
"""

from django.db import migrations

# Every table a public page reads (the search tables follow writes to these by their own
# triggers; the history tables no public page shows).
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

# Only the counter: deleting dead cache entries here would lock them until the writer commits.
BUMP = "UPDATE provisions_datageneration SET n = n + 1, moved_at = CURRENT_TIMESTAMP WHERE id = 1"



def table(moved_at_type: str) -> list[str]:
    # PostgreSQL keeps the moment (timestamptz), whatever time zone a writing session has;
    # SQLite's CURRENT_TIMESTAMP is UTC text.
    return [
        f"""
CREATE TABLE provisions_datageneration (
    id integer PRIMARY KEY CHECK (id = 1),
    n bigint NOT NULL,
    moved_at {moved_at_type} NOT NULL
)
""",
        "INSERT INTO provisions_datageneration (id, n, moved_at) VALUES (1, 1, CURRENT_TIMESTAMP)",
    ]


POSTGRES_FORWARD = [
    *table("timestamptz"),
    f"""
CREATE FUNCTION provisions_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {BUMP};
    RETURN NULL;
END $$
""",
    *(
        f"CREATE TRIGGER {table}_generation "
        f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION provisions_bump_generation()"
        for table in WATCHED_TABLES
    ),
]

POSTGRES_BACKWARD = [
    *(f"DROP TRIGGER {table}_generation ON {table}" for table in WATCHED_TABLES),
    "DROP FUNCTION provisions_bump_generation()",
    "DROP TABLE provisions_datageneration",
]

EVENTS = ("insert", "update", "delete")

SQLITE_FORWARD = [
    *table("timestamp"),
    *(
        f"CREATE TRIGGER {table}_generation_{event} AFTER {event.upper()} ON {table} "
        f"BEGIN {BUMP}; END"
        for table in WATCHED_TABLES
        for event in EVENTS
    ),
]

SQLITE_BACKWARD = [
    *(f"DROP TRIGGER {table}_generation_{event}" for table in WATCHED_TABLES for event in EVENTS),
    "DROP TABLE provisions_datageneration",
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
    dependencies = [("search", "0001_search_index")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
