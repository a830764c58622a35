"""What one article looks like before it becomes rows, the penalties drawn for it, and the
figures the list filters on as the triggers would store them, computed from the plan."""

from dataclasses import dataclass, field
from datetime import date

from provisions.models import Amendment, Law, Source
from provisions.penalties import PENALTY_KIND_BITS

# (kind, unit, role, (low, high) bound of the maximum, weight); termless kinds have no bounds.
MAIN_KINDS = [
    ("imprisonment", "years", (1, 20), 50),
    ("fine", "rub", (50_000, 5_000_000), 15),
    ("forced_labour", "years", (1, 5), 8),
    ("restriction_of_freedom", "years", (1, 4), 7),
    ("compulsory_work", "hours", (120, 480), 6),
    ("correctional_labour", "years", (1, 2), 5),
    ("arrest", "months", (1, 6), 4),
    ("life_imprisonment", "", None, 4),
    ("death_penalty", "", None, 1),
]
PENALTY_PHRASES = {
    "imprisonment": "лишением свободы",
    "fine": "штрафом",
    "forced_labour": "принудительными работами",
    "restriction_of_freedom": "ограничением свободы",
    "compulsory_work": "обязательными работами",
    "correctional_labour": "исправительными работами",
    "arrest": "арестом",
    "life_imprisonment": "пожизненным лишением свободы",
    "death_penalty": "смертной казнью",
    "deprivation_of_right": "лишением права занимать определённые должности",
}


# --- what one article looks like before it becomes rows ---------------------------------------


@dataclass
class PenaltySpec:
    part: str
    kind: str
    unit: str
    min: int | None
    max: int | None
    role: str = "main"
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
    """What search_schema.REFRESH_VERSION_FIGURES and REFRESH_VERSION_KINDS store for a
    version with these penalties: the highest main prison term in months, whether a main
    penalty is life imprisonment, and the kinds of penalty as bits."""
    months = {"years": 12, "months": 1}
    prison = [
        p.max * months[p.unit]
        for p in penalties
        if p.role == "main" and p.kind == "imprisonment" and p.max is not None
        if p.unit in months
    ]
    return {
        "max_prison_months": max(prison, default=None),
        "life_imprisonment": any(
            p.role == "main" and p.kind == "life_imprisonment" for p in penalties
        ),
        "penalty_kinds": sum({PENALTY_KIND_BITS.get(p.kind, 0) for p in penalties}),
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
        "current_certainty": certainty,
        "last_amended": max(amended, default=None),
    }


def penalty_quote(penalty: PenaltySpec) -> str:
    phrase = PENALTY_PHRASES[penalty.kind]
    if penalty.max is None:
        return f"ч. {penalty.part}: наказывается {phrase}"
    return f"ч. {penalty.part}: наказывается {phrase} до {penalty.max} ({penalty.unit})"
