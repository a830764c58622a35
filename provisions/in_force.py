"""What can truly be said of an article on a day, from the data held: a wording held for that
day, or evidence that the article was not yet in force or already repealed, or neither.

"We do not hold the wording of that day" and "the article was not in force" are different
answers: without evidence of the second, the first is all this module says. Evidence is:
- the article's law came into force after the day (`Law.in_force_on`, curated);
- a curated change added the article by an amendment in force after the day;
- an official text's editorial note says an amendment signed after the day added the article
  ("Дополнение статьей …"): signed later, it cannot have been in force that day;
- the article is marked repealed on or before the day.
Works on prefetched objects and issues no queries of its own.
"""

import re
from dataclasses import dataclass
from datetime import date

from provisions.penalties.milder import version_on

# "(Дополнение статьей - Федеральный закон от …)": the note added the whole article; notes
# that added a part, point or note ("Дополнение частью / пунктом / примечанием") do not.
ARTICLE_ADDED_RE = re.compile(r"Дополнение\s+стать[её]", re.IGNORECASE)

HELD = "held"
NOT_YET_IN_FORCE = "not_yet_in_force"
REPEALED = "repealed"
NOT_HELD = "not_held"


@dataclass(frozen=True)
class StatusOn:
    """`status`: held (a wording of that day is held: `version`), not_yet_in_force, repealed,
    or not_held (no wording of that day held, and no evidence it was not in force); `reason`
    says why in a sentence, `nearest` is the held version closest to the day (or None)."""

    day: date
    status: str
    reason: str
    version: object = None
    nearest: object = None


def adds_the_article(note) -> bool:
    """Whether an editorial note of kind "added" says the whole article was added."""
    return bool(ARTICLE_ADDED_RE.search(note.note))


def added_on(added_changes, added_notes) -> tuple[date, str] | None:
    """The day before which the article was certainly not in force, with why: from a curated
    "added" change (its amendment's in-force date) or an editorial note (the adding
    amendment's signing date: the in-force date itself is not held)."""
    if added_changes:
        amendment = added_changes[0].amendment
        return amendment.in_force_on, (
            f"it was added by {amendment.number}, in force from {amendment.in_force_on:%d.%m.%Y}"
        )
    article_notes = [note for note in added_notes if adds_the_article(note)]
    if article_notes:
        amendment = article_notes[0].amendment
        return amendment.signed_on, (
            f"the official text says it was added by {amendment.number}, signed on "
            f"{amendment.signed_on:%d.%m.%Y}; the date it came into force is not held here"
        )
    return None


def status_on(article, versions, day: date, *, added_changes=(), added_notes=()) -> StatusOn:
    """The article on `day`. `versions`: all its held versions; `added_changes`: its curated
    changes with action "added" (amendment selected); `added_notes`: its editorial notes of
    kind "added" (amendment selected)."""
    version = version_on(versions, day)
    if version is not None:
        return StatusOn(day, HELD, "", version=version)
    nearest = min(versions, key=lambda v: abs((v.valid_from - day).days), default=None)
    if article.repealed_on is not None and article.repealed_on <= day:
        reason = f"it was repealed with effect from {article.repealed_on:%d.%m.%Y}"
        return StatusOn(day, REPEALED, reason, nearest=nearest)
    law = article.law
    if law.in_force_on is not None and day < law.in_force_on:
        reason = f"the {law.short_name} came into force on {law.in_force_on:%d.%m.%Y}"
        return StatusOn(day, NOT_YET_IN_FORCE, reason, nearest=nearest)
    added = added_on(added_changes, added_notes)
    if added is not None and day < added[0]:
        return StatusOn(day, NOT_YET_IN_FORCE, added[1], nearest=nearest)
    reason = "the wording in force that day is not held here"
    if added is not None and not added_changes:  # signed by then; in force by then, unknown
        reason = f"{reason}, and whether it was in force is uncertain: {added[1]}"
    return StatusOn(day, NOT_HELD, reason, nearest=nearest)
