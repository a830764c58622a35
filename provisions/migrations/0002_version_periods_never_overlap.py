"""No two versions of one article may overlap in time, enforced by the database itself.

PostgreSQL: an exclusion constraint over daterange(valid_from, valid_to, '[]') with btree_gist.
SQLite: triggers that abort an insert or update that would overlap (the constraint's name in
the message, so both databases report the same rule). They always run, bulk loads included.

SQLite drops a table's triggers when a migration rebuilds the table: a later migration that
alters provisions_articleversion on SQLite must create these two triggers again after.
"""

from django.db import migrations

OVERLAP_CHECK = """
WHEN EXISTS (
    SELECT 1 FROM provisions_articleversion AS other
    WHERE other.article_id = NEW.article_id
      AND other.id IS NOT NEW.id
      AND other.valid_from <= COALESCE(NEW.valid_to, '9999-12-31')
      AND NEW.valid_from <= COALESCE(other.valid_to, '9999-12-31')
)
BEGIN
    SELECT RAISE(ABORT, 'violates constraint articleversion_no_overlap: version periods overlap');
END
"""

FORWARD = {
    "postgresql": [
        "CREATE EXTENSION IF NOT EXISTS btree_gist",
        """
        ALTER TABLE provisions_articleversion ADD CONSTRAINT articleversion_no_overlap
            EXCLUDE USING gist (article_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
        """,
    ],
    "sqlite": [
        "CREATE TRIGGER articleversion_no_overlap_insert BEFORE INSERT ON provisions_articleversion"
        + OVERLAP_CHECK,
        "CREATE TRIGGER articleversion_no_overlap_update BEFORE UPDATE ON provisions_articleversion"
        + OVERLAP_CHECK,
    ],
}

BACKWARD = {
    "postgresql": [
        "ALTER TABLE provisions_articleversion DROP CONSTRAINT articleversion_no_overlap",
    ],
    "sqlite": [
        "DROP TRIGGER articleversion_no_overlap_insert",
        "DROP TRIGGER articleversion_no_overlap_update",
    ],
}


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
    dependencies = [("provisions", "0001_initial")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
