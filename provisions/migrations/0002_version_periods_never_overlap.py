"""No two versions of one article may overlap in time, enforced by the database itself.

PostgreSQL: an exclusion constraint over daterange(valid_from, valid_to, '[]') with btree_gist.
SQLite: triggers that abort an insert or update that would overlap (same constraint name in the
message, so both databases report the same rule).
"""

from django.db import migrations

CONSTRAINT = "articleversion_no_overlap"

POSTGRES_FORWARD = f"""
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE provisions_articleversion ADD CONSTRAINT {CONSTRAINT}
    EXCLUDE USING gist (article_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&);
"""
POSTGRES_BACKWARD = f"ALTER TABLE provisions_articleversion DROP CONSTRAINT {CONSTRAINT};"

SQLITE_OVERLAP_CHECK = f"""
WHEN EXISTS (
    SELECT 1 FROM provisions_articleversion AS other
    WHERE other.article_id = NEW.article_id
      AND other.id IS NOT NEW.id
      AND other.valid_from <= COALESCE(NEW.valid_to, '9999-12-31')
      AND NEW.valid_from <= COALESCE(other.valid_to, '9999-12-31')
)
BEGIN
    SELECT RAISE(ABORT, 'violates constraint {CONSTRAINT}: version periods overlap');
END;
"""
SQLITE_FORWARD = [
    f"CREATE TRIGGER {CONSTRAINT}_insert BEFORE INSERT ON provisions_articleversion "
    + SQLITE_OVERLAP_CHECK,
    f"CREATE TRIGGER {CONSTRAINT}_update BEFORE UPDATE ON provisions_articleversion "
    + SQLITE_OVERLAP_CHECK,
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {CONSTRAINT}_insert;",
    f"DROP TRIGGER IF EXISTS {CONSTRAINT}_update;",
]


def forward(apps, schema_editor):
    run(schema_editor, POSTGRES_FORWARD, SQLITE_FORWARD)


def backward(apps, schema_editor):
    run(schema_editor, POSTGRES_BACKWARD, SQLITE_BACKWARD)


def run(schema_editor, postgres_sql, sqlite_statements):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(postgres_sql)
    elif vendor == "sqlite":
        for statement in sqlite_statements:
            schema_editor.execute(statement)
    else:
        raise NotImplementedError(f"No overlap constraint written for {vendor}.")


class Migration(migrations.Migration):
    dependencies = [("provisions", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
