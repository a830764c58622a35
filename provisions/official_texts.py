"""The official text kept beside a curated article (OfficialText): which held wording it holds,
its comparison with that wording, and the stored comparison kept current when the curated
record changes.

A text current to day D (`OfficialText.edition_date`: the date of the latest amending law it
cites) holds the wording every amending law signed by D set, including one that comes into
force after D: the editions cite the laws they include, and a consolidated text carries a
change not yet in force with its note. So the edition it holds is the last one opened by laws
all signed by D (or, where no law opened it, in force by D).
"""

from provisions.in_force import timelines
from provisions.models import Article, OfficialText, Origin
from provisions.penalties.differences import penalty_differences
from provisions.timeline import EDITION, on


def covered_period(timeline, text):
    """The edition of `timeline` (provisions.timeline.Timeline) whose wording `text` (an
    OfficialText) holds, held or not; the latest edition when the text's date is not known;
    None when the text predates every edition known here."""
    editions = [period for period in timeline.periods if period.kind == EDITION]
    day = text.edition_date
    if day is None:
        return editions[-1] if editions else None
    found = None
    for period in editions:
        laws = period.opened_by.amendments if period.opened_by else ()
        if laws:
            included = max(law.signed_on for law in laws) <= day
        else:
            included = period.valid_from is None or period.valid_from <= day
        if included:
            found = period
    return found


def comparison(text, timeline) -> dict:
    """How the penalties read out of `text` compare with the held wording it holds:
    {"version": that ArticleVersion or None, "differences": [one line each] (empty: they
    agree) or None when not compared, "reason": why not compared, precisely ("" when
    compared)}."""
    period = covered_period(timeline, text)
    version = period.version if period is not None else None
    found = {"version": version, "differences": None, "reason": ""}
    current_to = f"current to {on(text.edition_date)}" if text.edition_date else "of no known date"
    if not text.extracted_penalties:
        found["reason"] = "no penalties were read out of this text"
    elif period is None:
        found["reason"] = (
            f"this text ({current_to}) predates every edition of the article known here"
        )
    elif version is None:
        opened = period.opened_by
        if opened is not None and opened.amendments:
            laws = opened.describe()
        else:
            laws = f"a law not identified here, in force from {on(period.valid_from)}"
        found["reason"] = (
            f"this text ({current_to}) holds the wording set by {laws}, and that wording "
            "is not held here"
        )
    else:
        found["differences"] = penalty_differences(
            version.penalties.all(), text.extracted_penalties
        )
    return found


def refresh_official_differences() -> int:
    """Recompute `OfficialText.differences` of every curated article from the held wording
    the text holds (comparison(); a pair not compared stores none), as the article page
    compares them. The import stores the comparison it made; load_corpus changes the curated
    record after that, so it calls this. Returns how many texts changed."""
    articles = Article.objects.filter(origin=Origin.CURATED, official_text__isnull=False)
    changed = []
    for article, timeline in timelines(articles.select_related("official_text")):
        text = article.official_text
        differences = comparison(text, timeline)["differences"] or []
        if differences != text.differences:
            text.differences = differences
            changed.append(text)
    OfficialText.objects.bulk_update(changed, ["differences"])
    return len(changed)
