"""Figures the database keeps in step by itself: each version's and article's comparable
penalty figures, kinds and units (what the list filters, counts and sorts on).

Triggers keep them on every write (their SQL is in provisions migrations 0004 and 0010). Bulk loads
switch the derived-data triggers off (`derived_triggers_suspended`) and rebuild the figures
once at the end (`rebuild_figures`, `rebuild_kinds`, then `analyze`).
"""

from contextlib import contextmanager

from django.db import connection

from provisions.penalties import PENALTY_KIND_BITS, PENALTY_UNIT_BITS

# The statements of the triggers, run over many versions at once ({ids}: SQL selecting them).
# Each version's figures come from its penalties, each article's from its current version.

REFRESH_VERSION_FIGURES = """
UPDATE provisions_articleversion SET
    max_prison_months = (
        SELECT MAX(p.main_prison_months) FROM provisions_penalty p
        WHERE p.version_id = provisions_articleversion.id),
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


def bit_case(column: str, bits: dict[str, int]) -> str:
    """SQL: the bit of penalty `p`'s `column` value (0 for one without a bit)."""
    return (
        f"CASE p.{column} "
        + " ".join(f"WHEN '{value}' THEN {bit}" for value, bit in bits.items())
        + " ELSE 0 END"
    )


def refresh_bits(column: str, bits: dict[str, int], stored: str) -> tuple[str, str]:
    """The two UPDATEs (with an `{ids}` slot) that store, as bits, which values of a penalty
    `column` each version has (`stored` on the version) and its article's current version has
    (`current_{stored}` on the article): kinds and units are kept the same way."""
    versions = f"""
UPDATE provisions_articleversion SET {stored} = COALESCE((
    SELECT SUM(DISTINCT {bit_case(column, bits)}) FROM provisions_penalty p
    WHERE p.version_id = provisions_articleversion.id), 0)
WHERE id IN ({{ids}})
"""
    articles = f"""
UPDATE provisions_article SET current_{stored} = COALESCE((
    SELECT v.{stored} FROM provisions_articleversion v
    WHERE v.article_id = provisions_article.id AND v.valid_to IS NULL), 0)
WHERE id IN ({{ids}})
"""
    return versions, articles


# Each penalty's bit, as SQL (migrations 0004 and 0010 spell the same CASE and must agree).
KIND_BIT = bit_case("kind", PENALTY_KIND_BITS)
UNIT_BIT = bit_case("unit", PENALTY_UNIT_BITS)

REFRESH_VERSION_KINDS, REFRESH_ARTICLE_KINDS = refresh_bits(
    "kind", PENALTY_KIND_BITS, "penalty_kinds"
)
REFRESH_VERSION_UNITS, REFRESH_ARTICLE_UNITS = refresh_bits(
    "unit", PENALTY_UNIT_BITS, "penalty_units"
)

ALL_VERSIONS = "SELECT id FROM provisions_articleversion"


def versions_articles(versions: str) -> str:
    return f"SELECT article_id FROM provisions_articleversion WHERE id IN ({versions})"


def rebuild_figures(version_ids_sql: str = ALL_VERSIONS):
    """Recompute the list figures of the versions `version_ids_sql` selects and of their
    articles (after a bulk load with the triggers suspended)."""
    with connection.cursor() as cursor:
        cursor.execute(REFRESH_VERSION_FIGURES.format(ids=version_ids_sql))
        cursor.execute(REFRESH_ARTICLE_FIGURES.format(ids=versions_articles(version_ids_sql)))


def rebuild_kinds(version_ids_sql: str = ALL_VERSIONS):
    """Recompute the kinds of penalty, and the units they are counted in, of these versions
    and of their articles."""
    articles = versions_articles(version_ids_sql)
    with connection.cursor() as cursor:
        cursor.execute(REFRESH_VERSION_KINDS.format(ids=version_ids_sql))
        cursor.execute(REFRESH_ARTICLE_KINDS.format(ids=articles))
        cursor.execute(REFRESH_VERSION_UNITS.format(ids=version_ids_sql))
        cursor.execute(REFRESH_ARTICLE_UNITS.format(ids=articles))


# --- switching the triggers off -----------------------------------------------------------
# PostgreSQL's trigger functions read a session setting. SQLite's triggers have
# `WHEN lawbase_triggers_on()`, a function registered on every connection (provisions.apps)
# that answers this connection's TriggerSwitch. The overlap guard and the data-generation
# counter's triggers never ask: they always run.

POSTGRES_SETTING = "lawbase.search_triggers_off"


class TriggerSwitch:
    """Whether one SQLite connection's derived-data triggers run; lawbase_triggers_on() calls
    it (1 or 0)."""

    def __init__(self):
        self.on = True

    def __call__(self) -> int:
        return int(self.on)


def register_trigger_switch(sender, connection, **kwargs):
    """connection_created receiver: a new SQLite connection starts with its triggers on."""
    if connection.vendor != "sqlite":
        return
    connection.lawbase_trigger_switch = TriggerSwitch()
    connection.connection.create_function(
        "lawbase_triggers_on", 0, connection.lawbase_trigger_switch
    )


@contextmanager
def derived_triggers_suspended():
    """Skip the per-row triggers that derive data (list figures, kinds, the search index) on
    this connection during a bulk load; the caller rebuilds what they keep after."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config(%s, 'on', false)", [POSTGRES_SETTING])
        else:
            switch = connection.lawbase_trigger_switch
            was_on, switch.on = switch.on, False
    try:
        yield
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'off', false)", [POSTGRES_SETTING])
        else:
            switch.on = was_on


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
