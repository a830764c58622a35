"""Penalties as readable English: "12–20 years' imprisonment", "fine up to 500,000 RUB"."""

from provisions.penalties.kinds import KIND_PHRASES, SUBJECT_PHRASES, TERMLESS_KINDS, Kind, Role
from provisions.penalties.terms import (
    MONTHS_PER_UNIT,
    is_main_prison,
    main_prison_months,
    months_as_text,
    term_in_months,
)


def format_amount(value: int, unit: str) -> str:
    """500000, "rub" -> "500,000 RUB"; 1, "years" -> "1 year"."""
    if unit == "rub":
        return f"{value:,} RUB"
    if unit in ("years", "months", "hours") and value == 1:
        return f"1 {unit[:-1]}"
    return f"{value:,} {unit}"


def format_range(low: int | None, high: int | None, unit: str) -> str:
    """A range as text: "3–8 years", "up to 5 years", "at least 2 years" (low or high may be
    None, not both)."""
    if low is not None and high is not None:
        if unit == "rub":
            return f"{low:,}–{high:,} RUB"
        return f"{low}–{format_amount(high, unit)}"
    if high is not None:
        return f"up to {format_amount(high, unit)}"
    return f"at least {format_amount(low, unit)}"


def is_income_fine(penalty) -> bool:
    """A fine counted in the convict's income for a period (unit years or months)."""
    return penalty.kind == Kind.FINE and penalty.unit in MONTHS_PER_UNIT


def describe_penalty(penalty) -> str:
    """One penalty as a phrase; an income fine reads "fine of income for up to 3 years"."""
    kind = KIND_PHRASES.get(penalty.kind, penalty.kind)
    if penalty.kind in TERMLESS_KINDS:
        text = kind
    elif is_income_fine(penalty):
        text = f"fine of income for {format_range(penalty.min, penalty.max, penalty.unit)}"
    else:
        text = f"{kind} {format_range(penalty.min, penalty.max, penalty.unit)}"
    if penalty.subject:
        text = f"{text} ({SUBJECT_PHRASES.get(penalty.subject, penalty.subject)})"
    if penalty.role == Role.ADDITIONAL:
        text = f"{'optional ' if penalty.optional else ''}additional: {text}"
    return text


def prison_range_text(prison: list) -> str | None:
    """The span of these main prison terms (lowest minimum to highest maximum) as text:
    "3–8 years", "6 months – 2 years", "up to 5 years"; None without a maximum."""
    highs = [months for p in prison if (months := main_prison_months(p)) is not None]
    lows = [term_in_months(p.min, p.unit) for p in prison if p.min is not None]
    high = max(highs) if highs else None
    low = min(lows) if lows and len(lows) == len(prison) else None
    if low is not None and high is not None and low != high:
        if low % 12 == 0 and high % 12 == 0:
            return f"{low // 12}–{months_as_text(high)}"
        return f"{months_as_text(low)} – {months_as_text(high)}"
    if high is not None:
        return f"up to {months_as_text(high)}"
    return None


def penalty_summary(penalties) -> str:
    """A one-line summary of an article's main penalties: "3–8 years; fine up to 1,000,000 RUB".

    The prison range spans every part (lowest minimum to highest maximum); life is named.
    """
    main = [p for p in penalties if p.role == Role.MAIN]
    if not main:
        return "No penalties recorded"
    pieces = []
    prison = [p for p in main if is_main_prison(p) and p.unit in MONTHS_PER_UNIT]
    if prison and (span := prison_range_text(prison)):
        pieces.append(span)
    if any(p.kind == Kind.LIFE_IMPRISONMENT for p in main):
        pieces.append("life")
    if any(p.kind == Kind.DEATH_PENALTY for p in main):
        pieces.append("death")
    if pieces:
        pieces = [" or ".join(pieces)] if len(pieces) > 1 else pieces
    fines = [p.max for p in main if p.kind == Kind.FINE and p.unit == "rub" and p.max is not None]
    if fines:
        pieces.append(f"fine up to {max(fines):,} RUB")
    if not pieces:
        kinds = sorted({KIND_PHRASES[p.kind] for p in main if p.kind in KIND_PHRASES})
        pieces.append(", ".join(kinds))
    return "; ".join(pieces)
