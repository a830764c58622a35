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
    # provisions.in_force.StatusOn of the day of the act, where no wording of it is held
    then_status: object = None

    @property
    def explanation(self) -> str:
        if self.then is None:
            status = getattr(self.then_status, "status", None)
            if status == "not_yet_in_force":
                return (
                    f"The article was not in force on that day ({self.then_status.reason}), "
                    "so the act was not a crime under it."
                )
            if status == "repealed":
                return (
                    f"The article was no longer in force on that day ({self.then_status.reason}), "
                    "so the act was not a crime under it."
                )
            return (
                "The wording of this article in force on that day is not held here, so the two "
                "cannot be compared. This is not a finding that the article was not in force."
            )
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


def milder_law(versions, committed_on: date, today: date, then_status=None) -> MilderLaw:
    """Criminal Code art. 10: the version in force on `committed_on`, the one in force `today`,
    and which applies. `versions`: the article's versions with their penalties prefetched;
    `then_status`: what is known of the day of the act (provisions.in_force.status_on), which
    alone may say the article was not in force then."""
    then, now = version_on(versions, committed_on), version_on(versions, today)
    if then is None or now is None or then.pk == now.pk:
        applies = "same" if then is not None and now is not None else "compare"
        verdict = Verdict(UNKNOWN, [])
        return MilderLaw(committed_on, then, now, verdict, applies, then_status)
    verdict = compare_penalties(then.penalties.all(), now.penalties.all())
    applies = {SOFTER: "now", HARSHER: "then"}.get(verdict.label, "compare")
    if verdict.label == UNCHANGED:
        applies = "same"
    return MilderLaw(committed_on, then, now, verdict, applies)
