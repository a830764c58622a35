"""The article JSON contract, built from an article fetched with ArticleQuerySet.for_detail().

Shape (tools and tests rely on it; extra keys may be added, none removed):
{"law", "number", "title_en", "title_ru", "topics": [...],
 "in_force_from": date or null, "in_force_from_certainty", "in_force_basis", "repealed_on",
 "versions": [{"valid_from", "valid_to", "certainty", "introduced_by", "held",
               "introduced_by_laws": [...], "ended_by": [...],
               "wording_origin", "caveat" (held editions),
               "held_from": {"title", "publisher", "kind", "url", "current_to"} or null,
               "other_readings": [{"source": {...}, "text"}],
               "penalties": [{"part", "kind", "min", "max", "unit", "role", "certainty",
                              "alternative", "attached_to", "multiple_of", …}],
               "unparsed": [{"part", "text", "reason"}]}],
 "repeals": [{"valid_from", "valid_to", "repealed_by": [...], "valid_from_certainty",
              "caveat"}],
 "as_of": {"date", "status", "wording", "reason", "caveat"} with ?as_of=, else null,
 "known_to": date or null, "known_basis",
 "sources": [{"title", "publisher", "url", "published_on", "quote"}],
 "statistics": [{"year", "period", "count", "qualifier", "source"}]}

`versions` is the article's edition timeline (provisions.timeline): a held wording has
`held: true` and its penalties; an edition known only from the official text's editorial notes
has `held: false`, its period, the laws that bounded it and no penalties. With `as_of`, only the
edition in force that day (none when the article was not in force or that is not known).
`as_of.status`: in_force, not_yet_in_force, repealed or unknown; `as_of.wording`: held,
not_held or uncertain (null when the article was not in force); `as_of.caveat` and a repeal's
`caveat`: why a held wording, or a repeal's date (estimated from the repealing law's signing),
is not verified for that day ("" when it is).

`known_to`: the last day the data held covers the article (provisions.currency),
`known_basis` where that day comes from. A `valid_to` of null means no later change is known
here, not that the edition is in force today: after `known_to` a change or repeal is not
excluded, and `as_of` a later day says the wording is uncertain. `held_from.current_to`: the
day that text is current to.

A penalty's `alternative` numbers the part's main penalties (0, 1, …, in the sanction's order);
an additional penalty's `attached_to` is {"alternative", "kind"} of the main penalty it goes
with (null for a main penalty), and its `optional` holds for that attachment. A fine in unit
`multiple` ("от десятикратной до пятидесятикратной суммы взятки") has min/max as the multiples
and `multiple_of` naming the sum ("bribe"). `unparsed`: the sanction clauses not read into
penalties, as worded.
"""

from datetime import date

from provisions.models import (
    ANOTHER_READING,
    Article,
    ArticleVersion,
    Citation,
    ConvictionStat,
    Penalty,
)
from provisions.timeline import EDITION, REPEAL, Period, timeline_of


def iso(day):
    return day.isoformat() if day else None


def main_kinds(penalties) -> dict[tuple, str]:
    """(part, subject, alternative) -> the kind of that main alternative."""
    return {
        (p.part, p.subject, p.alternative): p.kind for p in penalties if p.role == Penalty.Role.MAIN
    }


def penalty_as_dict(penalty: Penalty, mains: dict[tuple, str] | None = None) -> dict:
    """One penalty; `mains` (main_kinds() of its version) names what an additional one is
    attached to."""
    attached_to = None
    if penalty.role == Penalty.Role.ADDITIONAL:
        key = (penalty.part, penalty.subject, penalty.alternative)
        kind = (mains or {}).get(key)
        attached_to = {"alternative": penalty.alternative, "kind": kind}
    return {
        "part": penalty.part,
        "kind": penalty.kind,
        "min": penalty.min,
        "max": penalty.max,
        "unit": penalty.unit or None,
        "role": penalty.role,
        "certainty": penalty.certainty,
        "subject": penalty.subject or None,
        "optional": penalty.optional,
        "summary": penalty.summary(),
        "alternative": penalty.alternative,
        "attached_to": attached_to,
        "multiple_of": penalty.multiple_of or None,
    }


def version_as_dict(version: ArticleVersion) -> dict:
    penalties = version.penalties.all()
    mains = main_kinds(penalties)
    return {
        "valid_from": iso(version.valid_from),
        "valid_to": iso(version.valid_to),
        "certainty": version.certainty,
        "introduced_by": version.introduced_by.number if version.introduced_by else None,
        "note": version.note,
        "penalties": [penalty_as_dict(penalty, mains) for penalty in penalties],
        "unparsed": [
            {"part": u.part, "text": u.text, "reason": u.reason}
            for u in version.unparsed_sanctions.all()
        ],
        "held_from": source_as_dict(version.source) if version.source else None,
        "other_readings": [
            {"source": source_as_dict(c.source), "text": c.quote}
            for c in version.citations.all()
            if c.note == ANOTHER_READING
        ],
    }


def source_as_dict(source) -> dict:
    """Where a held wording comes from: its text, publisher and kind (official_text,
    consolidated_text, conversion)."""
    return {
        "title": source.title,
        "publisher": source.publisher,
        "kind": source.kind,
        "url": source.url or None,
        "current_to": iso(source.current_to or source.published_on),
    }


def edition_as_dict(period: Period, timeline) -> dict:
    """One edition of `timeline`: a held version's keys with `held: true`, its
    `wording_origin` (original, amended, or unidentified: set by a law not identified here)
    and `caveat` (why the wording is not verified for its whole period, or ""); or an edition
    known only from the notes with `held: false`, its bounding laws and no penalties."""
    opened, closed = period.opened_by, period.closed_by
    bounds = {
        "held": period.held,
        "introduced_by_laws": opened.numbers if opened else [],
        "ended_by": closed.numbers if closed else [],
        "valid_from_certainty": opened.certainty if opened else timeline.in_force_from_certainty,
    }
    if period.held:
        version = period.version
        return {
            **version_as_dict(version),
            **bounds,
            "wording_origin": timeline.origin_of(version),
            "caveat": timeline.caveat_of(version),
        }
    return {
        "valid_from": iso(period.valid_from),
        "valid_to": iso(period.valid_to),
        "certainty": bounds["valid_from_certainty"],
        "introduced_by": opened.numbers[0] if opened and opened.numbers else None,
        "note": "The wording of this edition is not held here.",
        "penalties": [],
        "unparsed": [],
        **bounds,
    }


def citation_as_dict(citation: Citation, supports: str) -> dict:
    source = citation.source
    return {
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url or None,
        "published_on": iso(source.published_on),
        "quote": citation.quote,
        "supports": supports,
    }


def statistic_as_dict(stat: ConvictionStat) -> dict:
    citations = stat.citations.all()
    return {
        "year": stat.year,
        "period": stat.period,
        "count": stat.count,
        "qualifier": stat.qualifier,
        "source": citations[0].source.title if citations else None,
        "counted_by": stat.counted_by,
        "measure": stat.measure,
        "scope": stat.scope_label or None,
        "certainty": stat.certainty,
    }


def article_citations(article: Article) -> list[tuple[str, Citation]]:
    """Every citation behind what the article shows, labelled with the fact it supports."""
    labelled = [("article", citation) for citation in article.citations.all()]
    for version in article.versions.all():
        period = f"version from {iso(version.valid_from)}"
        labelled += [(period, citation) for citation in version.citations.all()]
        for penalty in version.penalties.all():
            label = f"{period}, part {penalty.part}: {penalty.summary()}"
            labelled += [(label, citation) for citation in penalty.citations.all()]
    for stat in article_statistics(article):
        labelled += [(f"statistic: {stat}", citation) for citation in stat.citations.all()]
    return labelled


def article_statistics(article: Article) -> list[ConvictionStat]:
    stats = [*article.statistics.all(), *article.group_statistics.all()]
    return sorted(stats, key=lambda stat: (stat.year, stat.period, stat.pk))


def article_as_dict(article: Article, as_of: date | None = None) -> dict:
    """The contract above, for an article fetched with ArticleQuerySet.for_detail()."""
    timeline = timeline_of(article)
    editions = timeline.editions
    status = timeline.status_on(as_of) if as_of else None
    if status is not None:
        editions = [status.period] if status.period and status.period.kind == EDITION else []
    seen = set()
    sources = []
    for supports, citation in article_citations(article):
        key = (citation.source_id, citation.quote, supports)
        if key not in seen:
            seen.add(key)
            sources.append(citation_as_dict(citation, supports))
    return {
        "law": article.law.slug,
        "number": article.number,
        "title_en": article.title_en,
        "title_ru": article.title_ru,
        "topics": [topic.slug for topic in article.topics.all()],
        "repealed_on": iso(article.repealed_on),
        "in_force_from": iso(timeline.in_force_from),
        "in_force_from_certainty": timeline.in_force_from_certainty,
        "in_force_basis": timeline.basis,
        "versions": [edition_as_dict(period, timeline) for period in editions],
        "repeals": [
            {
                "valid_from": iso(period.valid_from),
                "valid_to": iso(period.valid_to),
                "repealed_by": period.opened_by.numbers if period.opened_by else [],
                "valid_from_certainty": period.opened_by.certainty,  # a repeal's law, always
                "caveat": timeline.repeal_caveat(period),
            }
            for period in timeline.periods
            if period.kind == REPEAL
        ],
        "as_of": status.as_dict() if status else None,
        "known_to": iso(timeline.known_to),
        "known_basis": timeline.known_basis,
        "sources": sources,
        "statistics": [statistic_as_dict(stat) for stat in article_statistics(article)],
    }
