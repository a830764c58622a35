"""Penalties as readable English: "imprisonment 12–20 years", "fine up to 500,000 RUB",
"fine 30,000–50,000 RUB for citizens", "arrest up to 15 days", "fine of 10–50 times the
bribe"."""

from provisions.penalties.kinds import (
    KIND_PHRASES,
    MULTIPLE_OF_PHRASES,
    NO_TERM_KINDS,
    SUBJECT_PHRASES,
    Kind,
    Role,
    Subject,
    Unit,
)
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
    if unit == Unit.MULTIPLE:
        return f"{value:,} times"
    if unit in ("years", "months", "hours", "days") and value == 1:
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


def subject_phrase(subject: str) -> str:
    """The subject as words: "for citizens"; empty for a penalty of anyone."""
    return f"for {SUBJECT_PHRASES.get(subject, subject)}" if subject else ""


def describe_penalty(penalty) -> str:
    """One penalty as a phrase; an income fine reads "fine of income for up to 3 years", a
    multiple "fine of 10–50 times the bribe", an administrative one "fine 30,000–50,000 RUB for
    citizens"."""
    kind = KIND_PHRASES.get(penalty.kind, penalty.kind)
    if penalty.kind in NO_TERM_KINDS:
        text = kind
    elif is_income_fine(penalty):
        text = f"fine of income for {format_range(penalty.min, penalty.max, penalty.unit)}"
    elif penalty.unit == Unit.MULTIPLE:
        of = getattr(penalty, "multiple_of", "")
        text = f"fine of {format_range(penalty.min, penalty.max, penalty.unit)} "
        text += MULTIPLE_OF_PHRASES.get(of, of or "the sum")
    elif penalty.min is not None and penalty.min == penalty.max:
        text = f"{kind} {format_amount(penalty.max, penalty.unit)}"  # a fixed fine or term
    else:
        text = f"{kind} {format_range(penalty.min, penalty.max, penalty.unit)}"
    if penalty.subject:
        text = f"{text} {subject_phrase(penalty.subject)}"
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


def fine_ceilings(main) -> str:
    """The highest fine in roubles, one per subject where the law sets fines by subject (КоАП):
    "fine up to 300,000 RUB for citizens, up to 600,000 RUB for officials"; "" without one."""
    highest: dict[str, int] = {}
    for p in main:
        if p.kind == Kind.FINE and p.unit == Unit.RUB and p.max is not None:
            subject = getattr(p, "subject", "")  # synthetic specs have none
            highest[subject] = max(highest.get(subject, 0), p.max)
    order = list(Subject.values)
    ceilings = [
        " ".join(filter(None, (f"up to {amount:,} RUB", subject_phrase(subject))))
        for subject, amount in sorted(highest.items(), key=lambda item: order.index(item[0]))
    ]
    return f"fine {', '.join(ceilings)}" if ceilings else ""


def penalty_summary(penalties) -> str:
    """A one-line summary of an article's main penalties: "3–8 years; fine up to 1,000,000 RUB";
    an administrative article's "arrest up to 30 days; fine up to 300,000 RUB for citizens, up
    to 600,000 RUB for officials, up to 1,000,000 RUB for legal entities".

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
    arrests = [p.max for p in main if p.kind == Kind.ARREST and p.unit == Unit.DAYS and p.max]
    if arrests:
        pieces.append(f"arrest up to {format_amount(max(arrests), Unit.DAYS)}")
    if fines := fine_ceilings(main):
        pieces.append(fines)
    if not pieces:
        kinds = sorted({KIND_PHRASES[p.kind] for p in main if p.kind in KIND_PHRASES})
        pieces.append(", ".join(kinds))
    return "; ".join(pieces)
