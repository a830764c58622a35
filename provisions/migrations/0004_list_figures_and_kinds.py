"""The figures the provisions list filters and sorts on, kept in step by triggers.

Each version: the highest main prison term in months (the maximum of its penalties'
main_prison_months), whether a main penalty is life imprisonment, and its kinds of penalty as
bits (provisions.penalties.PENALTY_KIND_BITS, which must agree with KIND_BIT below). Each
article: its current version (valid_to empty) with that version's figures, certainty and
kinds, and the day its latest amendment came into force.

provisions.derived runs the same UPDATE statements to rebuild the figures after a bulk load.
Bulk loads switch these triggers off meanwhile: on PostgreSQL by the session setting
lawbase.search_triggers_off (the amendment trigger stays on), on SQLite by
lawbase_triggers_on(), a function provisions.apps registers on every connection.

SQLite drops a table's triggers when a migration rebuilds the table: a later migration that
alters one of these tables on SQLite must create its triggers again after.
"""

from django.db import migrations

VERSION_FIGURES = """
UPDATE provisions_articleversion SET
    max_prison_months = (
        SELECT MAX(p.main_prison_months) FROM provisions_penalty p
        WHERE p.version_id = provisions_articleversion.id),
    life_imprisonment = EXISTS (
        SELECT 1 FROM provisions_penalty p
        WHERE p.version_id = provisions_articleversion.id
          AND p.role = 'main' AND p.kind = 'life_imprisonment')
WHERE id IN ({ids});
"""

ARTICLE_FIGURES = """
UPDATE provisions_article SET
    current_version_id = (
        SELECT v.id FROM provisions_articleversion v
        WHERE v.article_id = provisions_article.id AND v.valid_to IS NULL),
    current_max_prison_months = (
        SELECT v.max_prison_months FROM provisions_articleversion v
        WHERE v.article_id = provisions_article.id AND v.valid_to IS NULL),
    current_life_imprisonment = COALESCE((
        SELECT v.life_imprisonment FROM provisions_articleversion v
        WHERE v.article_id = provisions_article.id AND v.valid_to IS NULL), FALSE),
    current_certainty = COALESCE((
        SELECT v.certainty FROM provisions_articleversion v
        WHERE v.article_id = provisions_article.id AND v.valid_to IS NULL), ''),
    last_amended = (
        SELECT MAX(a.in_force_on) FROM provisions_articleversion v
        JOIN provisions_amendment a ON a.id = v.introduced_by_id
        WHERE v.article_id = provisions_article.id)
WHERE id IN ({ids});
"""

# Never renumber: stored rows hold these bits.
KIND_BIT = """CASE p.kind
        WHEN 'imprisonment' THEN 1
        WHEN 'life_imprisonment' THEN 2
        WHEN 'death_penalty' THEN 4
        WHEN 'fine' THEN 8
        WHEN 'forced_labour' THEN 16
        WHEN 'restriction_of_freedom' THEN 32
        WHEN 'compulsory_work' THEN 64
        WHEN 'correctional_labour' THEN 128
        WHEN 'arrest' THEN 256
        WHEN 'deprivation_of_right' THEN 512
        ELSE 0 END"""

VERSION_KINDS = f"""
UPDATE provisions_articleversion SET penalty_kinds = COALESCE((
    SELECT SUM(DISTINCT {KIND_BIT})
    FROM provisions_penalty p
    WHERE p.version_id = provisions_articleversion.id), 0)
WHERE id IN ({{ids}});
"""

ARTICLE_KINDS = """
UPDATE provisions_article SET current_penalty_kinds = COALESCE((
    SELECT v.penalty_kinds FROM provisions_articleversion v
    WHERE v.article_id = provisions_article.id AND v.valid_to IS NULL), 0)
WHERE id IN ({ids});
"""


def articles_of(versions: str) -> str:
    return f"SELECT article_id FROM provisions_articleversion WHERE id IN ({versions})"


# --- PostgreSQL ---------------------------------------------------------------------------

SKIP_IN_BULK_LOADS = """
    IF current_setting('lawbase.search_triggers_off', true) = 'on' THEN
        RETURN NULL;  -- the bulk load rebuilds the figures once at the end
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
AMENDED_ARTICLES = (
    "SELECT article_id FROM provisions_articleversion WHERE introduced_by_id = NEW.id"
)

POSTGRES_FORWARD = [
    row_function(
        "provisions_penalty_figures_trigger",
        "version_id",
        VERSION_FIGURES.format(ids=IDS) + ARTICLE_FIGURES.format(ids=articles_of(IDS)),
    ),
    row_function(
        "provisions_version_figures_trigger", "article_id", ARTICLE_FIGURES.format(ids=IDS)
    ),
    # Runs in bulk loads too: they insert amendments, never move one's day in force.
    f"""
CREATE FUNCTION provisions_amendment_figures_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {ARTICLE_FIGURES.format(ids=AMENDED_ARTICLES)}
    RETURN NULL;
END $$
""",
    row_function(
        "provisions_penalty_kinds_trigger",
        "version_id",
        VERSION_KINDS.format(ids=IDS) + ARTICLE_KINDS.format(ids=articles_of(IDS)),
    ),
    row_function(
        "provisions_version_kinds_trigger",
        "article_id",
        ARTICLE_KINDS.format(ids=IDS),
        on_insert=VERSION_KINDS.format(ids="NEW.id"),
    ),
    """
CREATE TRIGGER provisions_penalty_figures_write
AFTER INSERT OR UPDATE OF kind, role, unit, max, version_id OR DELETE ON provisions_penalty
FOR EACH ROW EXECUTE FUNCTION provisions_penalty_figures_trigger()
""",
    """
CREATE TRIGGER provisions_version_figures_write
AFTER INSERT OR UPDATE OF valid_from, valid_to, certainty, introduced_by_id, article_id OR DELETE
ON provisions_articleversion
FOR EACH ROW EXECUTE FUNCTION provisions_version_figures_trigger()
""",
    """
CREATE TRIGGER provisions_amendment_figures_write
AFTER UPDATE OF in_force_on ON provisions_amendment
FOR EACH ROW EXECUTE FUNCTION provisions_amendment_figures_trigger()
""",
    """
CREATE TRIGGER provisions_penalty_kinds_write
AFTER INSERT OR UPDATE OF kind, version_id OR DELETE ON provisions_penalty
FOR EACH ROW EXECUTE FUNCTION provisions_penalty_kinds_trigger()
""",
    """
CREATE TRIGGER provisions_version_kinds_write
AFTER INSERT OR UPDATE OF valid_to, article_id OR DELETE ON provisions_articleversion
FOR EACH ROW EXECUTE FUNCTION provisions_version_kinds_trigger()
""",
]

POSTGRES_BACKWARD = [
    "DROP TRIGGER provisions_version_kinds_write ON provisions_articleversion",
    "DROP TRIGGER provisions_penalty_kinds_write ON provisions_penalty",
    "DROP TRIGGER provisions_amendment_figures_write ON provisions_amendment",
    "DROP TRIGGER provisions_version_figures_write ON provisions_articleversion",
    "DROP TRIGGER provisions_penalty_figures_write ON provisions_penalty",
    "DROP FUNCTION provisions_version_kinds_trigger()",
    "DROP FUNCTION provisions_penalty_kinds_trigger()",
    "DROP FUNCTION provisions_amendment_figures_trigger()",
    "DROP FUNCTION provisions_version_figures_trigger()",
    "DROP FUNCTION provisions_penalty_figures_trigger()",
]

# --- SQLite -------------------------------------------------------------------------------

# name -> (event, statements)
SQLITE_TRIGGERS = {
    "provisions_penalty_figures_insert": (
        "AFTER INSERT ON provisions_penalty",
        VERSION_FIGURES.format(ids="NEW.version_id")
        + ARTICLE_FIGURES.format(ids=articles_of("NEW.version_id")),
    ),
    "provisions_penalty_figures_update": (
        "AFTER UPDATE OF kind, role, unit, max, version_id ON provisions_penalty",
        VERSION_FIGURES.format(ids="OLD.version_id, NEW.version_id")
        + ARTICLE_FIGURES.format(ids=articles_of("OLD.version_id, NEW.version_id")),
    ),
    "provisions_penalty_figures_delete": (
        "AFTER DELETE ON provisions_penalty",
        VERSION_FIGURES.format(ids="OLD.version_id")
        + ARTICLE_FIGURES.format(ids=articles_of("OLD.version_id")),
    ),
    "provisions_version_figures_insert": (
        "AFTER INSERT ON provisions_articleversion",
        ARTICLE_FIGURES.format(ids="NEW.article_id"),
    ),
    "provisions_version_figures_update": (
        "AFTER UPDATE OF valid_from, valid_to, certainty, introduced_by_id, article_id "
        "ON provisions_articleversion",
        ARTICLE_FIGURES.format(ids="OLD.article_id, NEW.article_id"),
    ),
    "provisions_version_figures_delete": (
        "AFTER DELETE ON provisions_articleversion",
        ARTICLE_FIGURES.format(ids="OLD.article_id"),
    ),
    "provisions_amendment_figures_update": (
        "AFTER UPDATE OF in_force_on ON provisions_amendment",
        ARTICLE_FIGURES.format(ids=AMENDED_ARTICLES),
    ),
    "provisions_penalty_kinds_insert": (
        "AFTER INSERT ON provisions_penalty",
        VERSION_KINDS.format(ids="NEW.version_id")
        + ARTICLE_KINDS.format(ids=articles_of("NEW.version_id")),
    ),
    "provisions_penalty_kinds_update": (
        "AFTER UPDATE OF kind, version_id ON provisions_penalty",
        VERSION_KINDS.format(ids="OLD.version_id, NEW.version_id")
        + ARTICLE_KINDS.format(ids=articles_of("OLD.version_id, NEW.version_id")),
    ),
    "provisions_penalty_kinds_delete": (
        "AFTER DELETE ON provisions_penalty",
        VERSION_KINDS.format(ids="OLD.version_id")
        + ARTICLE_KINDS.format(ids=articles_of("OLD.version_id")),
    ),
    "provisions_version_kinds_insert": (
        "AFTER INSERT ON provisions_articleversion",
        VERSION_KINDS.format(ids="NEW.id") + ARTICLE_KINDS.format(ids="NEW.article_id"),
    ),
    "provisions_version_kinds_update": (
        "AFTER UPDATE OF valid_to, article_id ON provisions_articleversion",
        ARTICLE_KINDS.format(ids="OLD.article_id, NEW.article_id"),
    ),
    "provisions_version_kinds_delete": (
        "AFTER DELETE ON provisions_articleversion",
        ARTICLE_KINDS.format(ids="OLD.article_id"),
    ),
}

SQLITE_FORWARD = [
    f"CREATE TRIGGER {name} {event} WHEN lawbase_triggers_on() BEGIN {statements} END"
    for name, (event, statements) in SQLITE_TRIGGERS.items()
]
SQLITE_BACKWARD = [f"DROP TRIGGER {name}" for name in SQLITE_TRIGGERS]

# --- both ---------------------------------------------------------------------------------

ALL_VERSIONS = "SELECT id FROM provisions_articleversion"
ALL_ARTICLES = "SELECT id FROM provisions_article"

# Figures of rows that already exist (none in a new database).
BACKFILL = [
    VERSION_FIGURES.format(ids=ALL_VERSIONS),
    VERSION_KINDS.format(ids=ALL_VERSIONS),
    ARTICLE_FIGURES.format(ids=ALL_ARTICLES),
    ARTICLE_KINDS.format(ids=ALL_ARTICLES),
]

FORWARD = {
    "postgresql": [*POSTGRES_FORWARD, *BACKFILL],
    "sqlite": [*SQLITE_FORWARD, *BACKFILL],
}
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
    dependencies = [("provisions", "0003_editors_group")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
