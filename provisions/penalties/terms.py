"""Terms in months: the one way a prison term is compared, in Python.

The database keeps the same figure per penalty as Penalty.main_prison_months (a generated
column); these functions serve objects held in memory: unsaved ChangedPenalty rows, synthetic
corpus specs, prefetched penalties. Any object with role, kind, min, max and unit will do.
"""

from provisions.penalties.kinds import Kind, Role, Unit

MONTHS_PER_UNIT = {Unit.YEARS.value: 12, Unit.MONTHS.value: 1}


def term_in_months(value: int | None, unit: str) -> int | None:
    """`value` `unit`s in months; None without a value or for a unit that is not a time
    (hours, roubles, none)."""
    if value is None or unit not in MONTHS_PER_UNIT:
        return None
    return value * MONTHS_PER_UNIT[unit]


def is_main_prison(penalty) -> bool:
    return penalty.role == Role.MAIN and penalty.kind == Kind.IMPRISONMENT


def main_prison_months(penalty) -> int | None:
    """The maximum of a main prison term in months; None for any other penalty."""
    return term_in_months(penalty.max, penalty.unit) if is_main_prison(penalty) else None


def highest_main_prison_months(penalties) -> int | None:
    """The highest maximum main prison term among `penalties`, in months; None without one."""
    found = [months for p in penalties if (months := main_prison_months(p)) is not None]
    return max(found, default=None)


def months_as_text(months: int) -> str:
    """24 -> "2 years", 18 -> "18 months", 1 -> "1 month"."""
    if months % 12 == 0:
        years = months // 12
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{months} month{'s' if months != 1 else ''}"
