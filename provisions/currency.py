"""How far the data held reaches: the last day an article's texts are current to.

A text of a law is current to a day (Source.current_to): the portal's exports to the last
amending law their preamble lists (the Criminal Code's to 413-FZ of 04.08.2023), a
consolidated edition to its edition date. It lists every amending law of the article up to that
day, so no change up to it is missing; what came after is not in it (shared/data/pravo/README:
"later amendments are not in it"). After that day the site says "no later change known here",
never "today" (provisions.timeline).
"""

from datetime import date


def on(day: date) -> str:
    return f"{day:%d.%m.%Y}"


def currency_of(article, versions, periods) -> tuple[date | None, str]:
    """(day, basis): the last day the data held covers the article, and where that day comes
    from, as a clause.

    The day is the latest Source.current_to of the texts read for the article (each version's
    source, the other readings cited on its versions, the official text kept beside a curated
    article); or the start of its last period (`periods`: provisions.timeline.Period, in
    order) where a change known here takes effect later, or where no text gives a day and
    that period is an edition. (None, "") where neither is known. Needs the versions'
    sources and citations (with sources) prefetched; issues no queries."""
    official = getattr(article, "official_text", None)
    newest = newest_text(versions, [official.source] if official is not None else [])
    last = periods[-1] if periods else None
    text_day = newest.current_to if newest is not None else None
    day = covered_to(
        text_day, last.valid_from if last else None, bool(last and last.kind == "repealed")
    )
    if day is None:
        return None, ""
    if text_day is None:
        return day, (
            "no text held here gives the day it is current to; its newest edition known "
            f"takes effect on {on(day)}"
        )
    if day > text_day:  # a curated change after the text
        return day, f"the latest change known here takes effect on {on(day)}"
    return day, f"the newest text held here is current to {on(day)} ({newest.title})"


def covered_to(text_day: date | None, last_start: date | None, repealed: bool) -> date | None:
    """The rule of currency_of on days alone (the compare page has no timeline): the texts'
    day, or the last period's start where it is later (a change known after the texts) or
    where no text gives a day and that period is an edition, not a repeal
    (provisions.timeline.REPEAL: nothing dates a repeal's end)."""
    if text_day is None:
        return None if last_start is None or repealed else last_start
    if last_start is not None and last_start > text_day:
        return last_start
    return text_day


def newest_text(versions, sources=()):
    """Of the texts `versions` were read from (each one's source and the sources of the
    citations on it, prefetched) and `sources`, the one current to the latest day
    (Source.current_to), or None where none gives a day."""
    found = list(sources)
    for version in versions:
        if version.source is not None:
            found.append(version.source)
        found += [citation.source for citation in version.citations.all()]
    return max(
        (source for source in found if source.current_to is not None),
        key=lambda source: source.current_to,
        default=None,
    )
