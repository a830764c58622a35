"""The units each version's penalties are counted in, as bits, kept by triggers beside the
kinds of migration 0004: on each version (penalty_units) and on each article from its current
version (current_penalty_units), so the list's unit facet and filter read the article row (and
the covering list indexes, which now include it) instead of every matching penalty.

The bits (provisions.penalties.PENALTY_UNIT_BITS, which must agree with UNIT_BIT below) are
literals here; provisions.derived runs the same UPDATE statements after a bulk load. The
triggers skip bulk loads as 0004's do (lawbase.search_triggers_off on PostgreSQL,
lawbase_triggers_on() on SQLite). Adding a nullable column does not rebuild a SQLite table, so
the existing triggers stay.
"""

import importlib

from django.db import migrations, models

# Never renumber: stored rows hold these bits.
UNIT_BIT = """CASE p.unit
        WHEN 'years' THEN 1
        WHEN 'months' THEN 2
        WHEN 'days' THEN 4
        WHEN 'hours' THEN 8
        WHEN 'rub' THEN 16
        WHEN 'multiple' THEN 32
        ELSE 0 END"""

VERSION_UNITS = f"""
UPDATE provisions_articleversion SET penalty_units = COALESCE((
    SELECT SUM(DISTINCT {UNIT_BIT})
    FROM provisions_penalty p
    WHERE p.version_id = provisions_articleversion.id), 0)
WHERE id IN ({{ids}});
"""

ARTICLE_UNITS = """
UPDATE provisions_article SET current_penalty_units = COALESCE((
    SELECT v.penalty_units FROM provisions_articleversion v
    WHERE v.article_id = provisions_article.id AND v.valid_to IS NULL), 0)
WHERE id IN ({ids});
"""


def articles_of(versions: str) -> str:
    return f"SELECT article_id FROM provisions_articleversion WHERE id IN ({versions})"


# --- PostgreSQL ---------------------------------------------------------------------------

SKIP_IN_BULK_LOADS = """
    IF current_setting('lawbase.search_triggers_off', true) = 'on' THEN
        RETURN NULL;  -- the bulk load rebuilds the units once at the end
    END IF;"""


def row_function(name: str, column: str, body: str, on_insert: str = "") -> str:
    """A row-trigger function that gathers OLD and NEW `column` into `ids` for `body`."""
    insert_step = f"IF TG_OP = 'INSERT' THEN {on_insert} END IF;" if on_insert else ""
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN{SKIP_IN_BULK_LOADS}
    {insert_step}
    IF TG_OP = 'DELETE' THEN
        ids := ARRAY[OLD.{column}];
    ELSIF TG_OP = 'UPDATE' THEN
        ids := ARRAY[OLD.{column}, NEW.{column}];
    ELSE
        ids := ARRAY[NEW.{column}];
    END IF;
    {body}
    RETURN NULL;
END $$
"""


IDS = "SELECT unnest(ids)"

POSTGRES_FORWARD = [
    row_function(
        "provisions_penalty_units_trigger",
        "version_id",
        VERSION_UNITS.format(ids=IDS) + ARTICLE_UNITS.format(ids=articles_of(IDS)),
    ),
    row_function(
        "provisions_version_units_trigger",
        "article_id",
        ARTICLE_UNITS.format(ids=IDS),
        on_insert=VERSION_UNITS.format(ids="NEW.id"),
    ),
    """
CREATE TRIGGER provisions_penalty_units_write
AFTER INSERT OR UPDATE OF unit, version_id OR DELETE ON provisions_penalty
FOR EACH ROW EXECUTE FUNCTION provisions_penalty_units_trigger()
""",
    """
CREATE TRIGGER provisions_version_units_write
AFTER INSERT OR UPDATE OF valid_to, article_id OR DELETE ON provisions_articleversion
FOR EACH ROW EXECUTE FUNCTION provisions_version_units_trigger()
""",
]

POSTGRES_BACKWARD = [
    "DROP TRIGGER provisions_version_units_write ON provisions_articleversion",
    "DROP TRIGGER provisions_penalty_units_write ON provisions_penalty",
    "DROP FUNCTION provisions_version_units_trigger()",
    "DROP FUNCTION provisions_penalty_units_trigger()",
]

# --- SQLite -------------------------------------------------------------------------------

# name -> (event, statements)
SQLITE_TRIGGERS = {
    "provisions_penalty_units_insert": (
        "AFTER INSERT ON provisions_penalty",
        VERSION_UNITS.format(ids="NEW.version_id")
        + ARTICLE_UNITS.format(ids=articles_of("NEW.version_id")),
    ),
    "provisions_penalty_units_update": (
        "AFTER UPDATE OF unit, version_id ON provisions_penalty",
        VERSION_UNITS.format(ids="OLD.version_id, NEW.version_id")
        + ARTICLE_UNITS.format(ids=articles_of("OLD.version_id, NEW.version_id")),
    ),
    "provisions_penalty_units_delete": (
        "AFTER DELETE ON provisions_penalty",
        VERSION_UNITS.format(ids="OLD.version_id")
        + ARTICLE_UNITS.format(ids=articles_of("OLD.version_id")),
    ),
    "provisions_version_units_insert": (
        "AFTER INSERT ON provisions_articleversion",
        VERSION_UNITS.format(ids="NEW.id") + ARTICLE_UNITS.format(ids="NEW.article_id"),
    ),
    "provisions_version_units_update": (
        "AFTER UPDATE OF valid_to, article_id ON provisions_articleversion",
        ARTICLE_UNITS.format(ids="OLD.article_id, NEW.article_id"),
    ),
    "provisions_version_units_delete": (
        "AFTER DELETE ON provisions_articleversion",
        ARTICLE_UNITS.format(ids="OLD.article_id"),
    ),
}

SQLITE_FORWARD = [
    f"CREATE TRIGGER {name} {event} WHEN lawbase_triggers_on() BEGIN {statements} END"
    for name, (event, statements) in SQLITE_TRIGGERS.items()
]
SQLITE_BACKWARD = [f"DROP TRIGGER {name}" for name in SQLITE_TRIGGERS]

# Units of rows that already exist (none in a new database).
BACKFILL = [
    VERSION_UNITS.format(ids="SELECT id FROM provisions_articleversion"),
    ARTICLE_UNITS.format(ids="SELECT id FROM provisions_article"),
]

# 0004's runner: the statements written for the connection's database.
run = importlib.import_module("provisions.migrations.0004_list_figures_and_kinds").run

FORWARD = {
    "postgresql": [*POSTGRES_FORWARD, *BACKFILL],
    "sqlite": [*SQLITE_FORWARD, *BACKFILL],
}
BACKWARD = {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}


class Migration(migrations.Migration):

    dependencies = [
        ('provisions', '0009_sanctions_exact'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='article',
            name='article_list_columns_idx',
        ),
        migrations.RemoveIndex(
            model_name='article',
            name='article_current_list_idx',
        ),
        migrations.AddField(
            model_name='article',
            name='current_penalty_units',
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='articleversion',
            name='penalty_units',
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['current_max_prison_months'], include=('id', 'law', 'sort_key', 'current_life_imprisonment', 'current_penalty_kinds', 'current_penalty_units'), name='article_list_columns_idx'),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['current_version'], include=('current_max_prison_months', 'id', 'law', 'sort_key', 'current_life_imprisonment', 'current_penalty_kinds', 'current_penalty_units'), name='article_current_list_idx'),
        ),
    ]
