"""Penalties in readable English: "12–20 years' imprisonment", "fine up to 500,000 RUB"."""

KIND_PHRASES = {
    "imprisonment": "imprisonment",
    "life_imprisonment": "life imprisonment",
    "death_penalty": "death penalty",
    "fine": "fine",
    "forced_labour": "forced labour",
    "restriction_of_freedom": "restriction of freedom",
    "compulsory_work": "compulsory work",
    "correctional_labour": "correctional labour",
    "arrest": "arrest",
    "deprivation_of_right": "deprivation of the right to hold posts",
}

SUBJECT_PHRASES = {"citizen": "citizens", "official": "officials", "legal_entity": "legal entities"}


def format_amount(value: int, unit: str) -> str:
    if unit == "rub":
        return f"{value:,} RUB"
    if unit in ("years", "months", "hours") and value == 1:
        return f"1 {unit[:-1]}"
    return f"{value:,} {unit}"


def format_range(low: int | None, high: int | None, unit: str) -> str:
    if low is not None and high is not None:
        if unit == "rub":
            return f"{low:,}–{high:,} RUB"
        return f"{low}–{format_amount(high, unit)}"
    if high is not None:
        return f"up to {format_amount(high, unit)}"
    return f"at least {format_amount(low, unit)}"


def describe_penalty(penalty) -> str:
    """One penalty as a phrase; an income fine reads "fine of up to 3 years' income"."""
    kind = KIND_PHRASES.get(penalty.kind, penalty.kind)
    if penalty.kind in ("life_imprisonment", "death_penalty"):
        text = kind
    elif penalty.kind == "fine" and penalty.unit in ("years", "months"):
        text = f"fine of income for {format_range(penalty.min, penalty.max, penalty.unit)}"
    else:
        text = f"{kind} {format_range(penalty.min, penalty.max, penalty.unit)}"
    if penalty.subject:
        text = f"{text} ({SUBJECT_PHRASES.get(penalty.subject, penalty.subject)})"
    if penalty.role == "additional":
        text = f"{'optional ' if penalty.optional else ''}additional: {text}"
    return text


def months_as_text(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{months} month{'s' if months != 1 else ''}"


def term_in_months(value: int | None, unit: str) -> int | None:
    if value is None:
        return None
    return {"years": value * 12, "months": value}.get(unit)


def penalty_summary(penalties) -> str:
    """A one-line summary of an article's main penalties: "3–8 years; fine up to 1,000,000 RUB".

    The prison range spans every part (lowest minimum to highest maximum); life is named.
    """
    main = [p for p in penalties if p.role == "main"]
    if not main:
        return "No penalties recorded"
    pieces = []
    prison = [p for p in main if p.kind == "imprisonment" and p.unit in ("years", "months")]
    if prison:
        highs = [term_in_months(p.max, p.unit) for p in prison if p.max is not None]
        lows = [term_in_months(p.min, p.unit) for p in prison if p.min is not None]
        high = max(highs) if highs else None
        low = min(lows) if lows and len(lows) == len(prison) else None
        if low is not None and high is not None and low != high:
            if low % 12 == 0 and high % 12 == 0:
                pieces.append(f"{low // 12}–{months_as_text(high)}")
            else:
                pieces.append(f"{months_as_text(low)} – {months_as_text(high)}")
        elif high is not None:
            pieces.append(f"up to {months_as_text(high)}")
    if any(p.kind == "life_imprisonment" for p in main):
        pieces.append("life")
    if any(p.kind == "death_penalty" for p in main):
        pieces.append("death")
    if pieces:
        pieces = [" or ".join(pieces)] if len(pieces) > 1 else pieces
    fines = [p.max for p in main if p.kind == "fine" and p.unit == "rub" and p.max is not None]
    if fines:
        pieces.append(f"fine up to {max(fines):,} RUB")
    if not pieces:
        kinds = sorted({KIND_PHRASES[p.kind] for p in main if p.kind in KIND_PHRASES})
        pieces.append(", ".join(kinds))
    return "; ".join(pieces)
