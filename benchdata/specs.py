"""What one article looks like before it becomes rows, the penalties drawn for it, and the
figures the list filters on as the triggers would store them, computed from the plan."""

from dataclasses import dataclass, field
from datetime import date

from provisions.models import Amendment, Law, Source
from provisions.penalties import (
    PENALTY_KIND_BITS,
    PENALTY_UNIT_BITS,
    SANCTION_PHRASES_RU,
    Kind,
    Role,
    highest_main_prison_months,
)

# (kind, unit, role, (low, high) bound of the maximum, weight); termless kinds have no bounds.
MAIN_KINDS = [
    (Kind.IMPRISONMENT, "years", (1, 20), 50),
    (Kind.FINE, "rub", (50_000, 5_000_000), 15),
    (Kind.FORCED_LABOUR, "years", (1, 5), 8),
    (Kind.RESTRICTION_OF_FREEDOM, "years", (1, 4), 7),
    (Kind.COMPULSORY_WORK, "hours", (120, 480), 6),
    (Kind.CORRECTIONAL_LABOUR, "years", (1, 2), 5),
    (Kind.ARREST, "months", (1, 6), 4),
    (Kind.LIFE_IMPRISONMENT, "", None, 4),
    (Kind.DEATH_PENALTY, "", None, 1),
]


# --- what one article looks like before it becomes rows ---------------------------------------


@dataclass
class PenaltySpec:
    part: str
    kind: str
    unit: str
    min: int | None
    max: int | None
    role: str = Role.MAIN
    optional: bool = False


@dataclass
class VersionSpec:
    valid_from: date
    valid_to: date | None
    amendment: Amendment | None
    sentences: list[int]
    penalties: list[PenaltySpec]
    id: int | None = None  # reserved when its chunk is written
    penalty_ids: list[int] = field(default_factory=list)


@dataclass
class ArticleSpec:
    article: dict  # an Article row for RowWriter
    topic_ids: list[int]
    versions: list[VersionSpec] = field(default_factory=list)
    stat_years: list[int] = field(default_factory=list)
    # Drawn for a whole chunk after its articles are planned (Generator.draw_details).
    extra_sentences: list[tuple[str, str]] = field(default_factory=list)
    stat_counts: list[int] = field(default_factory=list)
    stat_ids: list[int] = field(default_factory=list)


@dataclass
class LawPlan:
    law: Law
    official: Source
    statistics: Source
    amendments: list[Amendment]  # sorted by in_force_on, all dates distinct
    amendment_sources: dict[int, Source]


def version_figures(penalties: list[PenaltySpec]) -> dict:
    """What the figures and kinds triggers (provisions migration 0004) store for a version with
    these penalties: the highest main prison term in months, whether a main penalty is life
    imprisonment, and the kinds of penalty and their units as bits (migration 0010)."""
    return {
        "max_prison_months": highest_main_prison_months(penalties),
        "life_imprisonment": any(
            p.role == Role.MAIN and p.kind == Kind.LIFE_IMPRISONMENT for p in penalties
        ),
        "penalty_kinds": sum({PENALTY_KIND_BITS.get(p.kind, 0) for p in penalties}),
        "penalty_units": sum({PENALTY_UNIT_BITS.get(p.unit, 0) for p in penalties}),
    }


def article_figures(versions: list[VersionSpec], certainty: str) -> dict:
    """What REFRESH_ARTICLE_FIGURES and REFRESH_ARTICLE_KINDS store on an article: its open
    version, that version's figures, and when an amendment last changed it."""
    current = next(v for v in versions if v.valid_to is None)
    figures = version_figures(current.penalties)
    amended = [v.amendment.in_force_on for v in versions if v.amendment is not None]
    return {
        "current_version_id": current.id,
        "current_max_prison_months": figures["max_prison_months"],
        "current_life_imprisonment": figures["life_imprisonment"],
        "current_penalty_kinds": figures["penalty_kinds"],
        "current_penalty_units": figures["penalty_units"],
        "current_certainty": certainty,
        "last_amended": max(amended, default=None),
    }


def penalty_quote(penalty: PenaltySpec) -> str:
    phrase = SANCTION_PHRASES_RU[penalty.kind]
    if penalty.max is None:
        return f"ч. {penalty.part}: наказывается {phrase}"
    return f"ч. {penalty.part}: наказывается {phrase} до {penalty.max} ({penalty.unit})"
