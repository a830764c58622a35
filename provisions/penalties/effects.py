"""Is a change of penalties harsher, softer or mixed?

Computed from the penalties before and after, compared part by part on the main penalties: a
higher maximum or minimum prison term, a new life term, or prison where only a fine stood is
harsher; the reverse is softer. A new part (new conduct made punishable) is harsher; a removed
part is softer. Both kinds of signal together make the change mixed.
"""

from dataclasses import dataclass, field

from django.db import models

from provisions.penalties.kinds import TERMLESS_KINDS, Kind, Role
from provisions.penalties.terms import main_prison_months, months_as_text, term_in_months


class Effect(models.TextChoices):
    """The label of a change (ArticleChange.effect) and of a whole amendment."""

    HARSHER = "harsher", "Harsher"
    SOFTER = "softer", "Softer"
    MIXED = "mixed", "Mixed"
    UNCHANGED = "unchanged", "Unchanged"
    UNKNOWN = "unknown", "Unknown"


HARSHER = Effect.HARSHER.value
SOFTER = Effect.SOFTER.value
MIXED = Effect.MIXED.value
UNCHANGED = Effect.UNCHANGED.value
UNKNOWN = Effect.UNKNOWN.value
LABELS = Effect.values

LIFE_MONTHS = 10**6  # compares above any term


@dataclass
class PartProfile:
    """The comparable figures of one part's main penalties."""

    max_prison: int | None = None  # months; LIFE_MONTHS for life
    min_prison: int | None = None
    max_fine: int | None = None  # roubles
    kinds: set = field(default_factory=set)
    additional: set = field(default_factory=set)  # kinds of additional penalty

    @property
    def has_prison(self) -> bool:
        return self.max_prison is not None


@dataclass
class Verdict:
    """A change's label (one of LABELS) and the reasons for it, one readable line each."""

    label: str
    reasons: list[str]


def part_profiles(penalties) -> dict[str, PartProfile]:
    """Each part's comparable figures, from its main penalties (Penalty-like objects)."""
    profiles: dict[str, PartProfile] = {}
    for penalty in penalties:
        profile = profiles.setdefault(penalty.part, PartProfile())
        if penalty.role != Role.MAIN:
            profile.additional.add(penalty.kind)
            continue
        profile.kinds.add(penalty.kind)
        if penalty.kind in TERMLESS_KINDS:
            profile.max_prison = LIFE_MONTHS
        elif penalty.kind == Kind.IMPRISONMENT:
            high = main_prison_months(penalty)
            low = term_in_months(penalty.min, penalty.unit)
            if high is not None:
                profile.max_prison = max(profile.max_prison or 0, high)
            if low is not None:
                profile.min_prison = max(profile.min_prison or 0, low)
        elif penalty.kind == Kind.FINE and penalty.unit == "rub" and penalty.max is not None:
            profile.max_fine = max(profile.max_fine or 0, penalty.max)
    return profiles


def term_text(months: int | None) -> str:
    if months is None:
        return "none"
    return "life" if months >= LIFE_MONTHS else months_as_text(months)


# The system of punishments from the lightest to the heaviest (Criminal Code art. 44).
SEVERITY = [
    Kind.FINE,
    Kind.DEPRIVATION_OF_RIGHT,
    Kind.COMPULSORY_WORK,
    Kind.CORRECTIONAL_LABOUR,
    Kind.RESTRICTION_OF_FREEDOM,
    Kind.FORCED_LABOUR,
    Kind.ARREST,
    Kind.IMPRISONMENT,
    Kind.LIFE_IMPRISONMENT,
    Kind.DEATH_PENALTY,
]


def kind_signals(label: str, before: PartProfile, after: PartProfile) -> list[tuple[str, str]]:
    """A main alternative added below the heaviest one already there softens the part (the
    court gains a milder choice); one removed from below it aggravates; an additional
    penalty added aggravates, one removed softens."""
    signals = []
    rank = {kind: n for n, kind in enumerate(SEVERITY)}
    heaviest = max((rank.get(k, -1) for k in before.kinds), default=-1)
    for kind in sorted(after.kinds - before.kinds):
        if rank.get(kind, -1) < heaviest and kind not in TERMLESS_KINDS:
            signals.append((SOFTER, f"{label}: {kind.replace('_', ' ')} added as an alternative"))
    for kind in sorted(before.kinds - after.kinds):
        if rank.get(kind, -1) < heaviest and kind not in TERMLESS_KINDS:
            signals.append((HARSHER, f"{label}: alternative {kind.replace('_', ' ')} removed"))
    for kind in sorted(after.additional - before.additional):
        signals.append((HARSHER, f"{label}: additional {kind.replace('_', ' ')} added"))
    for kind in sorted(before.additional - after.additional):
        signals.append((SOFTER, f"{label}: additional {kind.replace('_', ' ')} removed"))
    return signals


def compare_parts(part: str, before: PartProfile, after: PartProfile) -> list[tuple[str, str]]:
    label = f"part {part}"
    signals = kind_signals(label, before, after)
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
    old = {part: profile for part, profile in old.items() if profile.kinds or profile.additional}
    new = {part: profile for part, profile in new.items() if profile.kinds or profile.additional}
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


NOT_HELD_BEFORE = Verdict(UNKNOWN, ["not assessed: the earlier wording is not held here"])
NOT_HELD_AFTER = Verdict(UNKNOWN, ["not assessed: the later wording is not held here"])


def verdict_between(before, after) -> Verdict:
    """The effect of going from version `before` to version `after`. Either may be None: a
    wording not held here. That is not evidence that the article was added or repealed (a
    caller holding such evidence, a change's action, says ADDED or REPEALED itself), so the
    change is then not assessed."""
    if before is None and after is None:
        return Verdict(UNKNOWN, ["the versions around this change are not recorded"])
    if before is None:
        return NOT_HELD_BEFORE
    if after is None:
        return NOT_HELD_AFTER
    return compare_penalties(before.penalties.all(), after.penalties.all())
