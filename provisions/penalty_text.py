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
