"""Is a change of penalties harsher, softer or mixed?

Computed from the penalties before and after, compared part by part on the main penalties: a
higher maximum or minimum prison term, a new life term, or prison where only a fine stood is
harsher; the reverse is softer. A new part (new conduct made punishable) is harsher; a removed
part is softer. Both kinds of signal together make the change mixed.

An administrative part (КоАП: penalties set per subject, arrest in days, or a kind only КоАП
has) is compared subject by subject on its own ladder (ADMINISTRATIVE_SEVERITY): a higher fine
for a subject, a longer arrest, a heavier alternative or a subject made liable is harsher.
"""

from dataclasses import dataclass, field

from django.db import models

from provisions.penalties.kinds import SUBJECT_PHRASES, TERMLESS_KINDS, Kind, Role, Unit
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
    # Administrative parts: the highest fine per subject ("" where none is named), the kinds
    # of main penalty per subject, the longest arrest in days.
    fines: dict = field(default_factory=dict)
    subject_kinds: dict = field(default_factory=dict)
    max_arrest_days: int | None = None
    administrative: bool = False

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
        subject = getattr(penalty, "subject", "")  # synthetic specs have none
        if subject or penalty.unit == Unit.DAYS or penalty.kind in ADMINISTRATIVE_ONLY:
            profile.administrative = True
        if penalty.role != Role.MAIN:
            profile.additional.add(penalty.kind)
            continue
        profile.kinds.add(penalty.kind)
        profile.subject_kinds.setdefault(subject, set()).add(penalty.kind)
        if penalty.kind == Kind.FINE and penalty.unit == Unit.RUB and penalty.max is not None:
            profile.fines[subject] = max(profile.fines.get(subject, 0), penalty.max)
        if penalty.kind == Kind.ARREST and penalty.unit == Unit.DAYS and penalty.max is not None:
            profile.max_arrest_days = max(profile.max_arrest_days or 0, penalty.max)
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


# The administrative penalties from the lightest to the heaviest, for one person's choices.
# КоАП art. 3.2 part 1 lists them; the Code does not say its list runs from mild to harsh, so
# this ladder keeps the list's order except where another article ranks a penalty:
#   1) warning, 2) fine — a fine gives way to a warning (art. 3.4 part 3, art. 4.1.1);
#   4) confiscation of the instrument or object of the offence, 5) deprivation of a special
#   right, 7) administrative expulsion, 8) disqualification, 10) compulsory work,
#   11) the sports competitions ban — in the list's order;
#   9) administrative suspension of activity — only where "a less strict kind of penalty" would
#   not serve (art. 3.12 part 1), so above every other penalty a legal entity may get (art. 3.2
#   part 2 allows it items 1–4 and 9 only);
#   6) administrative arrest — "only in exceptional cases" (art. 3.9 part 2): the heaviest.
# The kinds both Codes have (fine, compulsory work, arrest) stand in the same order on both
# ladders, so a part is read on this one whenever it is administrative.
ADMINISTRATIVE_SEVERITY = [
    Kind.WARNING,
    Kind.FINE,
    Kind.CONFISCATION,
    Kind.DEPRIVATION_OF_SPECIAL_RIGHT,
    Kind.EXPULSION,
    Kind.DISQUALIFICATION,
    Kind.COMPULSORY_WORK,
    Kind.SPORTS_EVENT_BAN,
    Kind.SUSPENSION_OF_ACTIVITY,
    Kind.ARREST,
]
ADMINISTRATIVE_ONLY = frozenset(ADMINISTRATIVE_SEVERITY) - frozenset(SEVERITY)


def kind_name(kind: str) -> str:
    return kind.replace("_", " ")


def kind_signals(label: str, before: PartProfile, after: PartProfile) -> list[tuple[str, str]]:
    """A main alternative added below the heaviest one already there softens the part (the
    court gains a milder choice); one removed from below it aggravates; an additional
    penalty added aggravates, one removed softens. Administrative parts are read subject by
    subject on their own ladder (administrative_kind_signals)."""
    if before.administrative or after.administrative:
        signals = administrative_kind_signals(label, before, after)
    else:
        signals = ladder_signals(label, before.kinds, after.kinds, SEVERITY, above=False)
    for kind in sorted(after.additional - before.additional):
        signals.append((HARSHER, f"{label}: additional {kind_name(kind)} added"))
    for kind in sorted(before.additional - after.additional):
        signals.append((SOFTER, f"{label}: additional {kind_name(kind)} removed"))
    return signals


def ladder_signals(label, before: set, after: set, ladder, *, above: bool):
    """Alternatives added or removed below the heaviest main penalty before; with `above`,
    also one added above it (harsher) and the heaviest removed (softer)."""
    signals = []
    rank = {kind: n for n, kind in enumerate(ladder)}
    heaviest = max((rank.get(k, -1) for k in before), default=-1)
    for kind in sorted(after - before):
        if kind in TERMLESS_KINDS:
            continue
        if rank.get(kind, -1) < heaviest:
            signals.append((SOFTER, f"{label}: {kind_name(kind)} added as an alternative"))
        elif above and before:
            signals.append((HARSHER, f"{label}: {kind_name(kind)} added above the heaviest"))
    for kind in sorted(before - after):
        if kind in TERMLESS_KINDS:
            continue
        if rank.get(kind, -1) < heaviest:
            signals.append((HARSHER, f"{label}: alternative {kind_name(kind)} removed"))
        elif above and after:
            signals.append((SOFTER, f"{label}: heaviest alternative {kind_name(kind)} removed"))
    return signals


def administrative_kind_signals(label, before: PartProfile, after: PartProfile):
    """Each subject's alternatives (with those named for no subject) on the administrative
    ladder; a subject made liable is harsher, one no longer liable softer."""
    subjects = sorted((before.subject_kinds.keys() | after.subject_kinds.keys()) - {""})
    signals = []
    for subject in subjects or [""]:
        old = before.subject_kinds.get(subject, set()) | before.subject_kinds.get("", set())
        new = after.subject_kinds.get(subject, set()) | after.subject_kinds.get("", set())
        where = f"{label} ({SUBJECT_PHRASES[subject]})" if subject else label
        if subject and not before.subject_kinds.get(subject) and old != new:
            signals.append((HARSHER, f"{where}: penalties named where there were none"))
        elif subject and not after.subject_kinds.get(subject) and old != new:
            signals.append((SOFTER, f"{where}: penalties removed"))
        else:
            signals += ladder_signals(where, old, new, ADMINISTRATIVE_SEVERITY, above=True)
    return signals


def fine_signals(label: str, before: PartProfile, after: PartProfile) -> list[tuple[str, str]]:
    """A higher fine ceiling is harsher, for each subject the fines name."""
    signals = []
    for subject in sorted(before.fines.keys() & after.fines.keys()):
        old, new = before.fines[subject], after.fines[subject]
        if old and new and old != new:
            who = f" for {SUBJECT_PHRASES[subject]}" if subject else ""
            direction = HARSHER if new > old else SOFTER
            signals.append((direction, f"{label}: fine{who} up to {old:,} → {new:,} RUB"))
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
    signals += fine_signals(label, before, after)
    old_days, new_days = before.max_arrest_days, after.max_arrest_days
    if old_days and new_days and old_days != new_days:
        direction = HARSHER if new_days > old_days else SOFTER
        signals.append((direction, f"{label}: arrest up to {old_days} → {new_days} days"))
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
    verdict = compare_penalties(before.penalties.all(), after.penalties.all())
    gaps = [
        f"the {side} sanction is not fully held ({sanction_gap(version)})"
        for side, version in (("earlier", before), ("later", after))
        if sanction_gap(version)
    ]
    if gaps:
        # A clause not read into penalties may be the very alternative that decides the order.
        return Verdict(UNKNOWN, [f"cannot tell: {'; '.join(gaps)}", *verdict.reasons])
    return verdict


def sanction_gap(version) -> str:
    """What of `version`'s sanction is not held as penalties (its UnparsedSanction clauses,
    prefetched), as "part 1: «…»; …", or "" when it is held whole."""
    clauses = getattr(version, "unparsed_sanctions", None)  # synthetic versions have none
    if clauses is None:
        return ""
    return "; ".join(
        f"part {clause.part}: «{clause.text}» not read into penalties" for clause in clauses.all()
    )
