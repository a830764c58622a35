"""Whether an amendment's changes are assessed, stored on the amendment and kept by triggers.

The amendments timeline lists the assessed amendments first (pages.views.amendment_list). As an
expression (applied, and EXISTS a curated change whose stored effect says what it did) it was
computed for every amendment to sort the first page: 5,023 index probes, 17 ms of the page's
SQL at 100,000 synthetic articles. Stored, with an index in the timeline's order, a page is
read off the index.

The triggers always run, bulk loads included (as 0011's): a write to a change recomputes its
amendment's flag, a write of an amendment's applied_at its own. On PostgreSQL the changes'
triggers are per statement (a bulk COPY recomputes each amendment once); SQLite's are per row.
The column is nullable so that adding it does not rebuild SQLite's amendments table, whose
rebuild would break the triggers of other tables that name it; the triggers leave no NULL.
"""

import importlib

from django.db import migrations, models

# provisions.penalties.effects: HARSHER, SOFTER, MIXED, UNCHANGED (ASSESSED_EFFECTS).
ASSESSED_EFFECTS = "('harsher', 'softer', 'mixed', 'unchanged')"


def assessed(amendment: str) -> str:
    """SQL: whether the amendment row `amendment` (a table name or NEW) is assessed."""
    return (
        f"({amendment}.applied_at IS NOT NULL AND EXISTS ("
        "SELECT 1 FROM provisions_articlechange c"
        f" WHERE c.amendment_id = {amendment}.id AND c.effect IN {ASSESSED_EFFECTS}))"
    )


REFRESH = (
    f"UPDATE provisions_amendment SET assessed = {assessed('provisions_amendment')}"
    " WHERE id IN ({ids})"
)

POSTGRES_FORWARD = [
    f"""
CREATE FUNCTION provisions_amendment_assessed_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.assessed := {assessed("NEW")};
    RETURN NEW;
END $$
""",
    """
CREATE TRIGGER provisions_amendment_assessed
BEFORE INSERT OR UPDATE OF applied_at ON provisions_amendment
FOR EACH ROW EXECUTE FUNCTION provisions_amendment_assessed_row()
""",
    f"""
CREATE FUNCTION provisions_amendment_assessed_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        {REFRESH.format(ids="SELECT amendment_id FROM new_rows")};
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        {REFRESH.format(ids="SELECT amendment_id FROM old_rows")};
    END IF;
    RETURN NULL;
END $$
""",
    """
CREATE TRIGGER provisions_amendment_assessed_ai AFTER INSERT ON provisions_articlechange
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
EXECUTE FUNCTION provisions_amendment_assessed_changes()""",
    """
CREATE TRIGGER provisions_amendment_assessed_au AFTER UPDATE ON provisions_articlechange
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT
EXECUTE FUNCTION provisions_amendment_assessed_changes()""",
    """
CREATE TRIGGER provisions_amendment_assessed_ad AFTER DELETE ON provisions_articlechange
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
EXECUTE FUNCTION provisions_amendment_assessed_changes()""",
    """
CREATE FUNCTION provisions_amendment_assessed_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE provisions_amendment SET assessed = FALSE WHERE assessed;
    RETURN NULL;
END $$
""",
    """
CREATE TRIGGER provisions_amendment_assessed_truncate AFTER TRUNCATE ON provisions_articlechange
FOR EACH STATEMENT EXECUTE FUNCTION provisions_amendment_assessed_emptied()""",
]

POSTGRES_BACKWARD = [
    "DROP TRIGGER provisions_amendment_assessed_truncate ON provisions_articlechange",
    "DROP FUNCTION provisions_amendment_assessed_emptied()",
    "DROP TRIGGER provisions_amendment_assessed_ai ON provisions_articlechange",
    "DROP TRIGGER provisions_amendment_assessed_au ON provisions_articlechange",
    "DROP TRIGGER provisions_amendment_assessed_ad ON provisions_articlechange",
    "DROP FUNCTION provisions_amendment_assessed_changes()",
    "DROP TRIGGER provisions_amendment_assessed ON provisions_amendment",
    "DROP FUNCTION provisions_amendment_assessed_row()",
]

SQLITE_TRIGGERS = {
    "provisions_amendment_assessed_insert": (
        "AFTER INSERT ON provisions_amendment",
        REFRESH.format(ids="NEW.id"),
    ),
    # Its own UPDATE sets only `assessed`, so it does not fire this trigger again.
    "provisions_amendment_assessed_applied": (
        "AFTER UPDATE OF applied_at ON provisions_amendment",
        REFRESH.format(ids="NEW.id"),
    ),
    "provisions_amendment_assessed_change_insert": (
        "AFTER INSERT ON provisions_articlechange",
        REFRESH.format(ids="NEW.amendment_id"),
    ),
    "provisions_amendment_assessed_change_update": (
        "AFTER UPDATE ON provisions_articlechange",
        REFRESH.format(ids="OLD.amendment_id, NEW.amendment_id"),
    ),
    "provisions_amendment_assessed_change_delete": (
        "AFTER DELETE ON provisions_articlechange",
        REFRESH.format(ids="OLD.amendment_id"),
    ),
}

SQLITE_FORWARD = [
    f"CREATE TRIGGER {name} {event} BEGIN {statement}; END"
    for name, (event, statement) in SQLITE_TRIGGERS.items()
]
SQLITE_BACKWARD = [f"DROP TRIGGER {name}" for name in SQLITE_TRIGGERS]

BACKFILL = [REFRESH.format(ids="SELECT id FROM provisions_amendment")]

# 0004's runner: the statements written for the connection's database.
run = importlib.import_module("provisions.migrations.0004_list_figures_and_kinds").run

FORWARD = {
    "postgresql": [*POSTGRES_FORWARD, *BACKFILL],
    "sqlite": [*SQLITE_FORWARD, *BACKFILL],
}
BACKWARD = {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}


class Migration(migrations.Migration):
    dependencies = [("provisions", "0014_heaviest_order_index")]

    operations = [
        migrations.AddField(
            model_name="amendment",
            name="assessed",
            field=models.BooleanField(
                editable=False,
                help_text=(
                    "Applied, with at least one change whose effect is assessed (kept by triggers)."
                ),
                null=True,
            ),
        ),
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
        migrations.AddIndex(
            model_name="amendment",
            index=models.Index(
                fields=["-assessed", "-in_force_on", "number", "id"], name="amendment_timeline_idx"
            ),
        ),
    ]
