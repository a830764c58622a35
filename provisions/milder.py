"""Which law applies to an act committed on a day: the rule on the retroactive force of a
milder law, over every edition in force from the act to today, or to the last day the texts
held cover (provisions.timeline.Timeline.known_to), which the answer then says.

- Criminal Code art. 10: a law that abolishes the criminality of an act, softens the penalty
  or otherwise improves the position of the person applies retroactively; a law that
  establishes or aggravates it does not. An intermediate milder law counts, and so does a
  repeal in between: once the act stopped being a crime, it cannot be punished under the
  article, even if the article was later restored.
- Code of Administrative Offences art. 1.7: the person is liable under the law in force when
  the offence was committed (part 1); a law that mitigates or abolishes administrative
  liability has retroactive force, one that establishes or aggravates it does not (part 2).

Everything is computed from a provisions.timeline.Timeline; where a wording on the way is not
held, or its sanction is not fully held (no penalties recorded, or a clause not read into
penalties), the answer is that the editions cannot be compared: never that the act was no
offence, and never an order claimed by omission.
"""

from dataclasses import dataclass, field
from datetime import date

from provisions import timeline as tl
from provisions.penalties import HARSHER, MIXED, SOFTER, UNCHANGED, UNKNOWN, Verdict
from provisions.penalties.effects import sanction_gap, verdict_between

CRIMINAL_RULE = "Criminal Code art. 10"
ADMINISTRATIVE_RULE = "Code of Administrative Offences art. 1.7"
RULES = {"criminal-code": CRIMINAL_RULE, "administrative-code": ADMINISTRATIVE_RULE}


def rule_for(law_slug: str) -> str | None:
    """The rule on the retroactive force of a milder law for articles of `law_slug`, or None
    where the site does not apply one (codes other than the Criminal and Administrative)."""
    return RULES.get(law_slug)


@dataclass
class MilderLaw:
    """`applies`: "then" (the law of the act), "now" (today's), "intermediate" (a milder
    edition in between), "same" (no edition on the way changes the penalties), "compare"
    (mixed: it depends on the part), "not_an_offence" (the article was not in force on the
    day of the act), "repealed_since" (repealed after the act: decriminalised), or
    "cannot_compare" (a wording on the way is not held, or the day is uncertain)."""

    committed_on: date
    then: object
    now: object
    verdict: Verdict
    applies: str
    then_status: object = None
    rule: str = CRIMINAL_RULE
    periods: list = field(default_factory=list)
    mildest: object = None
    detail: str = ""
    # Set where today is after the last day the texts held cover (Timeline.known_to): the
    # editions are compared up to that day, and a milder law after it is not excluded.
    known_to: date | None = None
    known_basis: str = ""

    @property
    def limit(self) -> str:
        """The comparison's reach, a sentence ("" where it reaches today)."""
        if self.known_to is None:
            return ""
        return (
            f"The editions are compared up to {self.known_to:%d.%m.%Y}: {self.known_basis}. "
            "A milder law after that day, if any, is not known here."
        )

    @property
    def offence(self) -> str:
        return "crime" if self.rule == CRIMINAL_RULE else "offence"

    @property
    def explanation(self) -> str:
        """What the answer means, in sentences, with the comparison's reach (`limit`)."""
        found = self.finding
        if self.applies in ("not_an_offence", "cannot_compare") or not self.limit:
            return found
        return f"{found} {self.limit}"

    @property
    def finding(self) -> str:
        status = self.then_status
        if self.applies == "not_an_offence":
            when = "not yet" if status.status == tl.NOT_YET_IN_FORCE else "no longer"
            return (
                f"The article was {when} in force on that day ({status.reason}), so the act "
                f"was not a{'n' if self.offence == 'offence' else ''} {self.offence} under it."
            )
        if self.applies == "repealed_since":
            return (
                f"{self.detail}. A law that abolishes liability applies retroactively "
                f"({self.rule}), so the act can no longer be punished under this article."
            )
        if self.applies == "cannot_compare":
            return (
                f"The editions in force from the day of the act on cannot be compared: "
                f"{self.detail}. This is not a finding that the article was not in force."
            )
        if self.applies == "same":
            return "No edition in force since then changed the recorded penalties."
        if self.applies == "now":
            newest = "newest version known" if self.known_to else "current version"
            return f"The {newest} is the mildest, so it applies retroactively."
        if self.applies == "intermediate":
            return (
                f"An intermediate version, in force from {self.mildest.valid_from:%d.%m.%Y}, "
                "is the mildest: a milder law applies retroactively even if a harsher one "
                "followed it."
            )
        if self.applies == "then":
            return "The law of the act is the mildest; a harsher law does not apply retroactively."
        return (
            "The change is mixed or cannot be judged from the recorded penalties; "
            "which rule is milder depends on the part of the article that applies."
        )


def milder_law(timeline, committed_on: date, today: date, rule: str = CRIMINAL_RULE):
    """The milder-law answer for an act committed on `committed_on`, from `timeline`
    (provisions.timeline.Timeline, with held versions' penalties prefetched)."""
    status = timeline.status_on(committed_on)
    now_status = timeline.status_on(today)
    then, now = status.version, now_status.version
    found = MilderLaw(committed_on, then, now, Verdict(UNKNOWN, []), "cannot_compare", status)
    found.rule = rule
    if timeline.unknown_after(today):
        found.known_to, found.known_basis = timeline.known_to, timeline.known_basis
    if status.status in (tl.NOT_YET_IN_FORCE, tl.REPEALED):
        found.applies = "not_an_offence"
        return found
    # Signed to be repealed by then, its estimated day still to come: repealed that day or
    # since, either way the article no longer applies (below).
    pending = status.period is not None and timeline.repeal_pending(status.period, committed_on)
    if status.status == tl.UNKNOWN and not pending:
        found.detail = status.reason
        return found
    periods = timeline.editions_from(committed_on, today)
    found.periods = periods
    # In force that day and repealed since: that decides it, whether or not the wording of
    # the day is held (a repeal abolishes liability under the article whatever it said).
    repeal = next((p for p in periods if p.kind == tl.REPEAL), None)
    if repeal is not None:
        found.applies = "repealed_since"
        by = f" by {repeal.opened_by.describe()}" if repeal.opened_by else ""
        found.detail = f"The article was repealed with effect from {tl.on(repeal.valid_from)}{by}"
        if pending:
            found.detail += (
                "; whether the repeal had already taken effect on the day of the act is not "
                "known, but either way the article no longer applies"
            )
        return found
    if status.wording != tl.HELD:
        found.detail = status.reason
        return found
    unheld = next((p for p in periods if not p.held), None)
    if unheld is not None:
        end = f"to {tl.on(unheld.valid_to)}" if unheld.valid_to else f"({timeline.open_end})"
        found.detail = f"the wording in force from {tl.on(unheld.valid_from)} {end} is not held"
        return found
    # An order needs every sanction on the way whole: one with no penalties recorded or with
    # a clause not read into penalties cannot be ranked (never "harsher" by omission).
    for period in periods if len(periods) > 1 else ():
        gap = sanction_gap(period.version)
        if gap or not period.version.penalties.all():
            what = f"is not fully held ({gap})" if gap else "has no penalties recorded"
            found.detail = (
                f"the sanction of the wording in force from {tl.on(period.valid_from)} {what}"
            )
            return found
    if now is not None and then is not None:
        found.verdict = verdict_between(then, now)
    mildest, mixed = periods[0], False
    for period in periods[1:]:
        verdict = verdict_between(mildest.version, period.version)
        if verdict.label == SOFTER:
            mildest = period
        elif verdict.label in (MIXED, UNKNOWN) and verdict.reasons:
            mixed = True
    found.mildest = mildest.version
    if mixed:
        found.applies = "compare"
    elif mildest is periods[-1] and len(periods) > 1 and found.verdict.label != UNCHANGED:
        found.applies = "now"
    elif mildest is periods[0]:
        harsher_later = found.verdict.label == HARSHER or any(
            verdict_between(then, p.version).label == HARSHER for p in periods[1:]
        )
        found.applies = "then" if harsher_later else "same"
    else:
        found.applies = "intermediate"
    return found
