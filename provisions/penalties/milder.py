"""Criminal Code art. 10: a law that softens the penalty applies retroactively, a harsher one
does not. Of the version in force when the act was committed and the one in force now, the
milder is the one the other is harsher than."""

from dataclasses import dataclass
from datetime import date

from provisions.penalties.effects import (
    HARSHER,
    SOFTER,
    UNCHANGED,
    UNKNOWN,
    Verdict,
    compare_penalties,
)


def version_on(versions, day: date):
    """The version of `versions` in force on `day`, or None."""
    return next((version for version in versions if version.is_in_force_on(day)), None)


@dataclass
class MilderLaw:
    committed_on: date
    then: object
    now: object
    verdict: Verdict
    applies: str  # "then", "now", "same" or "compare" (which is milder depends on the part)

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
    """Criminal Code art. 10: the version in force on `committed_on`, the one in force `today`,
    and which applies. `versions`: the article's versions with their penalties prefetched."""
    then, now = version_on(versions, committed_on), version_on(versions, today)
    if then is None or now is None or then.pk == now.pk:
        applies = "same" if then is not None and now is not None else "compare"
        return MilderLaw(committed_on, then, now, Verdict(UNKNOWN, []), applies)
    verdict = compare_penalties(then.penalties.all(), now.penalties.all())
    applies = {SOFTER: "now", HARSHER: "then"}.get(verdict.label, "compare")
    if verdict.label == UNCHANGED:
        applies = "same"
    return MilderLaw(committed_on, then, now, verdict, applies)
