"""The penalty vocabulary: what each kind of penalty is called and stored as, terms in months,
one-line summaries, whether a change is harsher or softer, and which of two versions is milder
(Criminal Code art. 10).

Is a change harsher, softer or mixed? Computed from the penalties before and after, compared
part by part on the main penalties: a higher maximum or minimum prison term, a new life term,
or prison where only a fine stood is harsher; the reverse is softer. A new part (new conduct
made punishable) is harsher; a removed part is softer. Both kinds of signal together make the
change mixed. This also answers Criminal Code art. 10 (a softer law applies retroactively):
the milder of two versions is the one the other is harsher than.
"""

from dataclasses import dataclass, field
from datetime import date

# --- readable English: "12–20 years' imprisonment", "fine up to 500,000 RUB" ---------------

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


# --- kinds as bits -----------------------------------------------------------------------
# Which kinds of penalty each version has, as bits, and its current version's on each article:
# the list's penalty filter and facet read them without joining the penalties (the triggers of
# provisions migration 0004, which spell these bits out as literals).

# Never renumber: stored rows and the triggers hold these bits. A new kind takes the next free
# bit, and a migration that replaces the kinds triggers.
PENALTY_KIND_BITS = {
    "imprisonment": 1,
    "life_imprisonment": 2,
    "death_penalty": 4,
    "fine": 8,
    "forced_labour": 16,
    "restriction_of_freedom": 32,
    "compulsory_work": 64,
    "correctional_labour": 128,
    "arrest": 256,
    "deprivation_of_right": 512,
}


# --- harsher or softer -------------------------------------------------------------------

HARSHER = "harsher"
SOFTER = "softer"
MIXED = "mixed"
UNCHANGED = "unchanged"
UNKNOWN = "unknown"
LABELS = [HARSHER, SOFTER, MIXED, UNCHANGED, UNKNOWN]

LIFE_MONTHS = 10**6  # compares above any term


@dataclass
class PartProfile:
    """The comparable figures of one part's main penalties."""

    max_prison: int | None = None  # months; LIFE_MONTHS for life
    min_prison: int | None = None
    max_fine: int | None = None  # roubles
    kinds: set = field(default_factory=set)

    @property
    def has_prison(self) -> bool:
        return self.max_prison is not None


@dataclass
class Verdict:
    label: str
    reasons: list[str]


def part_profiles(penalties) -> dict[str, PartProfile]:
    profiles: dict[str, PartProfile] = {}
    for penalty in penalties:
        if penalty.role != "main":
            continue
        profile = profiles.setdefault(penalty.part, PartProfile())
        profile.kinds.add(penalty.kind)
        if penalty.kind in ("life_imprisonment", "death_penalty"):
            profile.max_prison = LIFE_MONTHS
        elif penalty.kind == "imprisonment":
            high = term_in_months(penalty.max, penalty.unit)
            low = term_in_months(penalty.min, penalty.unit)
            if high is not None:
                profile.max_prison = max(profile.max_prison or 0, high)
            if low is not None:
                profile.min_prison = max(profile.min_prison or 0, low)
        elif penalty.kind == "fine" and penalty.unit == "rub" and penalty.max is not None:
            profile.max_fine = max(profile.max_fine or 0, penalty.max)
    return profiles


def term_text(months: int | None) -> str:
    if months is None:
        return "none"
    return "life" if months >= LIFE_MONTHS else months_as_text(months)


def compare_parts(part: str, before: PartProfile, after: PartProfile) -> list[tuple[str, str]]:
    signals = []
    label = f"part {part}"
    if before.max_prison != after.max_prison:
        if not before.has_prison:
            signals.append(
                (
                    HARSHER,
                    f"{label}: prison where there was none (max {term_text(after.max_prison)})",
                )
            )
        elif not after.has_prison:
            signals.append(
                (SOFTER, f"{label}: prison removed (was max {term_text(before.max_prison)})")
            )
        else:
            direction = HARSHER if after.max_prison > before.max_prison else SOFTER
            signals.append(
                (
                    direction,
                    f"{label}: max {term_text(before.max_prison)} → {term_text(after.max_prison)}",
                )
            )
    if (
        before.has_prison
        and after.has_prison
        and (before.min_prison or 0) != (after.min_prison or 0)
    ):
        direction = HARSHER if (after.min_prison or 0) > (before.min_prison or 0) else SOFTER
        signals.append(
            (
                direction,
                f"{label}: min {term_text(before.min_prison)} → {term_text(after.min_prison)}",
            )
        )
    if before.max_fine and after.max_fine and before.max_fine != after.max_fine:
        direction = HARSHER if after.max_fine > before.max_fine else SOFTER
        signals.append(
            (direction, f"{label}: fine up to {before.max_fine:,} → {after.max_fine:,} RUB")
        )
    return signals


def compare_penalties(before, after) -> Verdict:
    """Label the change from penalties `before` to `after` (iterables of Penalty-like rows)."""
    old, new = part_profiles(before), part_profiles(after)
    if not old or not new:
        side = "before" if not old else "after"
        return Verdict(UNKNOWN, [f"no penalties are recorded for the version {side} the change"])
    signals = []
    for part in sorted(old.keys() | new.keys(), key=part_sort_key):
        if part not in old:
            signals.append((HARSHER, f"part {part} added"))
        elif part not in new:
            signals.append((SOFTER, f"part {part} removed"))
        else:
            signals += compare_parts(part, old[part], new[part])
    directions = {direction for direction, _ in signals}
    if not directions:
        label = UNCHANGED
    elif len(directions) == 1:
        label = directions.pop()
    else:
        label = MIXED
    return Verdict(label, [reason for _, reason in signals])


def part_sort_key(part: str):
    digits = [int(piece) for piece in part.split(".") if piece.isdigit()]
    return (digits or [10**6], part)


ADDED = Verdict(HARSHER, ["new offence: the article was added"])
REPEALED = Verdict(SOFTER, ["the article was repealed"])


def verdict_between(before, after) -> Verdict:
    """The effect of going from version `before` to version `after` (either may be None:
    no version before means the article was added, none after means it was repealed)."""
    if before is None and after is not None:
        return ADDED
    if after is None and before is not None:
        return REPEALED
    if before is None:
        return Verdict(UNKNOWN, ["the versions around this change are not recorded"])
    return compare_penalties(before.penalties.all(), after.penalties.all())


# --- Criminal Code art. 10: the milder law -----------------------------------------------


def version_on(versions, day: date):
    return next((version for version in versions if version.is_in_force_on(day)), None)


@dataclass
class MilderLaw:
    committed_on: date
    then: object
    now: object
    verdict: Verdict
    applies: str  # "then", "now", "same", "compare"

    @property
    def explanation(self) -> str:
        if self.then is None:
            return "The article was not in force on that day, so the act was not a crime under it."
        if self.applies == "same":
            return "The same version is in force now as then."
        if self.applies == "now":
            return "The current version is milder, so under art. 10 it applies retroactively."
        if self.applies == "then":
            return "The current version is harsher; a harsher law does not apply retroactively."
        return (
            "The change is mixed or cannot be judged from the recorded penalties; "
            "which rule is milder depends on the part of the article that applies."
        )


def milder_law(versions, committed_on: date, today: date) -> MilderLaw:
    """Criminal Code art. 10: the version in force then, now, and which is milder."""
    then, now = version_on(versions, committed_on), version_on(versions, today)
    if then is None or now is None or then.pk == now.pk:
        applies = "same" if then is not None and now is not None else "compare"
        return MilderLaw(committed_on, then, now, Verdict(UNKNOWN, []), applies)
    verdict = compare_penalties(then.penalties.all(), now.penalties.all())
    applies = {"softer": "now", "harsher": "then"}.get(verdict.label, "compare")
    if verdict.label == "unchanged":
        applies = "same"
    return MilderLaw(committed_on, then, now, verdict, applies)
