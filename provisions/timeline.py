"""Amendments as changes to penalties: each change's before and after, and its effect label."""

from datetime import timedelta

from provisions.presenters import penalty_changes
from provisions.severity import (
    ADDED,
    MIXED,
    REPEALED,
    UNCHANGED,
    UNKNOWN,
    Verdict,
    verdict_between,
)


def versions_around(change):
    """(version before, version after) the change, from the article's prefetched versions."""
    amendment = change.amendment
    versions = sorted(change.article.versions.all(), key=lambda v: v.valid_from)
    after = next((v for v in versions if v.introduced_by_id == amendment.pk), None)
    if after is not None:
        earlier = [v for v in versions if v.valid_from < after.valid_from]
        return (earlier[-1] if earlier else None), after
    day_before = amendment.in_force_on - timedelta(days=1)
    before = next((v for v in versions if v.valid_to == day_before), None)
    return before, None


def change_verdict(change, before, after) -> Verdict:
    """The change's effect; its recorded action wins where a version is missing."""
    if change.action == "added":
        return ADDED
    if change.action == "repealed":
        return REPEALED
    if after is None:
        return Verdict(UNKNOWN, ["the versions around this change are not recorded"])
    return verdict_between(before, after)


def change_rows(amendment) -> list[dict]:
    rows = []
    for change in amendment.changes.all():
        before, after = versions_around(change)
        rows.append(
            {
                "change": change,
                "before": before,
                "after": after,
                "verdict": change_verdict(change, before, after),
                "penalty_rows": penalty_changes(before, after) if (before or after) else [],
            }
        )
    return rows


def combined_label(labels: list[str]) -> str:
    known = {label for label in labels if label not in (UNKNOWN, UNCHANGED)}
    if not known:
        return UNCHANGED if UNCHANGED in labels else UNKNOWN
    return known.pop() if len(known) == 1 else MIXED


def amendment_effects(amendments) -> dict[int, str]:
    """Each amendment's overall effect: harsher, softer, mixed, unchanged or unknown."""
    return {
        amendment.pk: combined_label([row["verdict"].label for row in change_rows(amendment)])
        for amendment in amendments
    }
