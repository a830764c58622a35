"""Figures the database keeps in step by itself: each version's and article's comparable
penalty figures and kinds (what the list filters and sorts on), the SQLite overlap guard, and
what bulk loads use to rebuild them."""

from django.db import connection

from provisions.penalties import PENALTY_KIND_BITS


def trigger_table(event: str) -> str:
    return event.split(" ON ")[1].split()[0]


# --- list figures -------------------------------------------------------------------------
# Each version's comparable figures (highest main prison term in months, life term) and each
# article's current version with its figures and last amendment: what the provisions list
# filters and sorts on. The same UPDATE statements serve both databases' triggers.

REFRESH_VERSION_FIGURES = """
UPDATE provisions_articleversion SET
    max_prison_months = (
        SELECT MAX(CASE p.unit WHEN 'years' THEN p.max * 12 WHEN 'months' THEN p.max END)
        FROM provisions_penalty p
        WHERE p.version_id = provisions_articleversion.id
          AND p.role = 'main' AND p.kind = 'imprisonment'),
    life_imprisonment = EXISTS (
        SELECT 1 FROM provisions_penalty p
        WHERE p.version_id = provisions_articleversion.id
          AND p.role = 'main' AND p.kind = 'life_imprisonment')
WHERE id IN ({ids})
"""

REFRESH_ARTICLE_FIGURES = """
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
WHERE id IN ({ids})
"""


def sqlite_statements(*templates_and_ids) -> str:
    return "".join(template.format(ids=ids) + ";" for template, ids in templates_and_ids)


def versions_articles(versions: str) -> str:
    return f"SELECT article_id FROM provisions_articleversion WHERE id IN ({versions})"


def row_trigger_function(name: str, column: str, templates: list[str], on_insert: str = ""):
    """A PostgreSQL row-trigger function that gathers OLD and NEW `column` into `ids` and runs
    `templates` over them (each formatted with {ids}); skipped during bulk loads."""
    statements = "\n    ".join(
        template.format(ids="SELECT unnest(ids)") + ";" for template in templates
    )
    insert_step = f"IF TG_OP = 'INSERT' THEN {on_insert}; END IF;" if on_insert else ""
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    IF current_setting('lawbase.search_triggers_off', true) = 'on' THEN
        RETURN NULL;
    END IF;
    {insert_step}
    IF TG_OP = 'DELETE' THEN
        ids := ARRAY[OLD.{column}];
    ELSIF TG_OP = 'UPDATE' THEN
        ids := ARRAY[OLD.{column}, NEW.{column}];
    ELSE
        ids := ARRAY[NEW.{column}];
    END IF;
    {statements}
    RETURN NULL;
END $$;
"""


SQLITE_FIGURES_TRIGGERS = {
    "provisions_penalty_figures_insert": (
        "AFTER INSERT ON provisions_penalty",
        sqlite_statements(
            (REFRESH_VERSION_FIGURES, "NEW.version_id"),
            (
                REFRESH_ARTICLE_FIGURES,
                "SELECT article_id FROM provisions_articleversion WHERE id = NEW.version_id",
            ),
        ),
    ),
    "provisions_penalty_figures_update": (
        "AFTER UPDATE OF kind, role, unit, max, version_id ON provisions_penalty",
        sqlite_statements(
            (REFRESH_VERSION_FIGURES, "OLD.version_id, NEW.version_id"),
            (
                REFRESH_ARTICLE_FIGURES,
                "SELECT article_id FROM provisions_articleversion "
                "WHERE id IN (OLD.version_id, NEW.version_id)",
            ),
        ),
    ),
    "provisions_penalty_figures_delete": (
        "AFTER DELETE ON provisions_penalty",
        sqlite_statements(
            (REFRESH_VERSION_FIGURES, "OLD.version_id"),
            (
                REFRESH_ARTICLE_FIGURES,
                "SELECT article_id FROM provisions_articleversion WHERE id = OLD.version_id",
            ),
        ),
    ),
    "provisions_version_figures_insert": (
        "AFTER INSERT ON provisions_articleversion",
        sqlite_statements((REFRESH_ARTICLE_FIGURES, "NEW.article_id")),
    ),
    "provisions_version_figures_update": (
        "AFTER UPDATE OF valid_from, valid_to, certainty, introduced_by_id, article_id "
        "ON provisions_articleversion",
        sqlite_statements((REFRESH_ARTICLE_FIGURES, "OLD.article_id, NEW.article_id")),
    ),
    "provisions_version_figures_delete": (
        "AFTER DELETE ON provisions_articleversion",
        sqlite_statements((REFRESH_ARTICLE_FIGURES, "OLD.article_id")),
    ),
    "provisions_amendment_figures_update": (
        "AFTER UPDATE OF in_force_on ON provisions_amendment",
        sqlite_statements(
            (
                REFRESH_ARTICLE_FIGURES,
                "SELECT article_id FROM provisions_articleversion WHERE introduced_by_id = NEW.id",
            ),
        ),
    ),
}

POSTGRES_FIGURES_FUNCTIONS = (
    row_trigger_function(
        "provisions_penalty_figures_trigger",
        "version_id",
        [REFRESH_VERSION_FIGURES, REFRESH_ARTICLE_FIGURES.format(ids=versions_articles("{ids}"))],
    )
    + row_trigger_function(
        "provisions_version_figures_trigger", "article_id", [REFRESH_ARTICLE_FIGURES]
    )
    + f"""
CREATE OR REPLACE FUNCTION provisions_amendment_figures_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {
        REFRESH_ARTICLE_FIGURES.format(
            ids="SELECT article_id FROM provisions_articleversion WHERE introduced_by_id = NEW.id"
        )
    };
    RETURN NULL;
END $$;
"""
)

POSTGRES_FIGURES_TRIGGERS = {
    "provisions_penalty_figures_write": (
        "AFTER INSERT OR UPDATE OF kind, role, unit, max, version_id OR DELETE "
        "ON provisions_penalty",
        "FOR EACH ROW EXECUTE FUNCTION provisions_penalty_figures_trigger()",
    ),
    "provisions_version_figures_write": (
        "AFTER INSERT OR UPDATE OF valid_from, valid_to, certainty, introduced_by_id, "
        "article_id OR DELETE ON provisions_articleversion",
        "FOR EACH ROW EXECUTE FUNCTION provisions_version_figures_trigger()",
    ),
    "provisions_amendment_figures_write": (
        "AFTER UPDATE OF in_force_on ON provisions_amendment",
        "FOR EACH ROW EXECUTE FUNCTION provisions_amendment_figures_trigger()",
    ),
}


def create_trigger_set(schema_editor, functions: str, postgres: dict, sqlite: dict):
    """(Re)create one set of triggers: PostgreSQL's functions and triggers, or SQLite's."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(functions.replace("%", "%%"))
        for name, (event, action) in postgres.items():
            schema_editor.execute(f"CREATE OR REPLACE TRIGGER {name} {event} {action}")
    else:
        for name, (event, body) in sqlite.items():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
            schema_editor.execute(f"CREATE TRIGGER {name} {event} BEGIN {body} END")


def drop_trigger_set(schema_editor, postgres: dict, sqlite: dict):
    if schema_editor.connection.vendor == "postgresql":
        for name, (event, _) in postgres.items():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {trigger_table(event)}")
    else:
        for name in sqlite:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def create_figures_triggers(apps, schema_editor):
    create_trigger_set(
        schema_editor,
        POSTGRES_FIGURES_FUNCTIONS,
        POSTGRES_FIGURES_TRIGGERS,
        SQLITE_FIGURES_TRIGGERS,
    )


def drop_figures_triggers(apps, schema_editor):
    drop_trigger_set(schema_editor, POSTGRES_FIGURES_TRIGGERS, SQLITE_FIGURES_TRIGGERS)


def rebuild_figures(version_ids_sql: str = "SELECT id FROM provisions_articleversion"):
    """Recompute the list figures of these versions and of their articles."""
    with connection.cursor() as cursor:
        cursor.execute(REFRESH_VERSION_FIGURES.format(ids=version_ids_sql))
        articles = (
            f"SELECT article_id FROM provisions_articleversion WHERE id IN ({version_ids_sql})"
        )
        cursor.execute(REFRESH_ARTICLE_FIGURES.format(ids=articles))


def backfill_figures(apps, schema_editor):
    schema_editor.execute(
        REFRESH_VERSION_FIGURES.format(ids="SELECT id FROM provisions_articleversion")
    )
    all_articles = "SELECT id FROM provisions_article"
    schema_editor.execute(REFRESH_ARTICLE_FIGURES.format(ids=all_articles))


# --- penalty kinds -----------------------------------------------------------------------
# Which kinds of penalty each version has, as bits, and its current version's on each article:
# the list's penalty filter and facet read them without joining the penalties (migration 0015;
# separate triggers, so the figures' SQL the earlier migrations run stays as it was).

# Never renumber: stored rows hold these bits. A new kind takes the next free bit.
KIND_BIT = (
    "CASE p.kind "
    + " ".join(f"WHEN '{kind}' THEN {bit}" for kind, bit in PENALTY_KIND_BITS.items())
    + " ELSE 0 END"
)

REFRESH_VERSION_KINDS = f"""
UPDATE provisions_articleversion SET penalty_kinds = COALESCE((
    SELECT SUM(DISTINCT {KIND_BIT}) FROM provisions_penalty p
    WHERE p.version_id = provisions_articleversion.id), 0)
WHERE id IN ({{ids}})
"""

REFRESH_ARTICLE_KINDS = """
UPDATE provisions_article SET current_penalty_kinds = COALESCE((
    SELECT v.penalty_kinds FROM provisions_articleversion v
    WHERE v.article_id = provisions_article.id AND v.valid_to IS NULL), 0)
WHERE id IN ({ids})
"""


SQLITE_KINDS_TRIGGERS = {
    "provisions_penalty_kinds_insert": (
        "AFTER INSERT ON provisions_penalty",
        sqlite_statements(
            (REFRESH_VERSION_KINDS, "NEW.version_id"),
            (REFRESH_ARTICLE_KINDS, versions_articles("NEW.version_id")),
        ),
    ),
    "provisions_penalty_kinds_update": (
        "AFTER UPDATE OF kind, version_id ON provisions_penalty",
        sqlite_statements(
            (REFRESH_VERSION_KINDS, "OLD.version_id, NEW.version_id"),
            (REFRESH_ARTICLE_KINDS, versions_articles("OLD.version_id, NEW.version_id")),
        ),
    ),
    "provisions_penalty_kinds_delete": (
        "AFTER DELETE ON provisions_penalty",
        sqlite_statements(
            (REFRESH_VERSION_KINDS, "OLD.version_id"),
            (REFRESH_ARTICLE_KINDS, versions_articles("OLD.version_id")),
        ),
    ),
    "provisions_version_kinds_insert": (
        "AFTER INSERT ON provisions_articleversion",
        sqlite_statements(
            (REFRESH_VERSION_KINDS, "NEW.id"), (REFRESH_ARTICLE_KINDS, "NEW.article_id")
        ),
    ),
    "provisions_version_kinds_update": (
        "AFTER UPDATE OF valid_to, article_id ON provisions_articleversion",
        sqlite_statements((REFRESH_ARTICLE_KINDS, "OLD.article_id, NEW.article_id")),
    ),
    "provisions_version_kinds_delete": (
        "AFTER DELETE ON provisions_articleversion",
        sqlite_statements((REFRESH_ARTICLE_KINDS, "OLD.article_id")),
    ),
}

POSTGRES_KINDS_FUNCTIONS = row_trigger_function(
    "provisions_penalty_kinds_trigger",
    "version_id",
    [REFRESH_VERSION_KINDS, REFRESH_ARTICLE_KINDS.format(ids=versions_articles("{ids}"))],
) + row_trigger_function(
    "provisions_version_kinds_trigger",
    "article_id",
    [REFRESH_ARTICLE_KINDS],
    on_insert=REFRESH_VERSION_KINDS.format(ids="NEW.id"),
)

POSTGRES_KINDS_TRIGGERS = {
    "provisions_penalty_kinds_write": (
        "AFTER INSERT OR UPDATE OF kind, version_id OR DELETE ON provisions_penalty",
        "FOR EACH ROW EXECUTE FUNCTION provisions_penalty_kinds_trigger()",
    ),
    "provisions_version_kinds_write": (
        "AFTER INSERT OR UPDATE OF valid_to, article_id OR DELETE ON provisions_articleversion",
        "FOR EACH ROW EXECUTE FUNCTION provisions_version_kinds_trigger()",
    ),
}


def create_kinds_triggers(apps, schema_editor):
    create_trigger_set(
        schema_editor, POSTGRES_KINDS_FUNCTIONS, POSTGRES_KINDS_TRIGGERS, SQLITE_KINDS_TRIGGERS
    )


def drop_kinds_triggers(apps, schema_editor):
    drop_trigger_set(schema_editor, POSTGRES_KINDS_TRIGGERS, SQLITE_KINDS_TRIGGERS)


def rebuild_kinds(version_ids_sql: str = "SELECT id FROM provisions_articleversion"):
    with connection.cursor() as cursor:
        cursor.execute(REFRESH_VERSION_KINDS.format(ids=version_ids_sql))
        cursor.execute(REFRESH_ARTICLE_KINDS.format(ids=versions_articles(version_ids_sql)))


def backfill_kinds(apps, schema_editor):
    schema_editor.execute(
        REFRESH_VERSION_KINDS.format(ids="SELECT id FROM provisions_articleversion")
    )
    schema_editor.execute(REFRESH_ARTICLE_KINDS.format(ids="SELECT id FROM provisions_article"))


# SQLite drops a table's own triggers when a migration rebuilds it: the overlap guard of
# migration 0002 is recreated from here by migrations that rebuild provisions_articleversion.
SQLITE_OVERLAP_CHECK = """
WHEN EXISTS (
    SELECT 1 FROM provisions_articleversion AS other
    WHERE other.article_id = NEW.article_id
      AND other.id IS NOT NEW.id
      AND other.valid_from <= COALESCE(NEW.valid_to, '9999-12-31')
      AND NEW.valid_from <= COALESCE(other.valid_to, '9999-12-31')
)
BEGIN
    SELECT RAISE(ABORT, 'violates constraint articleversion_no_overlap: version periods overlap');
END;
"""


def create_sqlite_overlap_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for event in ("INSERT", "UPDATE"):
        name = f"articleversion_no_overlap_{event.lower()}"
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute(
            f"CREATE TRIGGER {name} BEFORE {event} ON provisions_articleversion "
            + SQLITE_OVERLAP_CHECK
        )


def analyze():
    """After a bulk load: refresh the planner's statistics (autovacuum may be off or late)
    and, on PostgreSQL outside a transaction, vacuum too. Freshly loaded pages have an unset
    visibility map (and a rebuild of the figures leaves a dead row behind each article), which
    keeps counts off index-only scans until autovacuum comes by."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")
