"""Turn fetched objects into what the pages show: parts, diffs, verdicts, chart rows.

Everything here works on prefetched objects and issues no queries of its own.
"""

import difflib
from collections import OrderedDict
from datetime import date

from django.http import Http404

from pages import charts
from provisions.changes import edition_verdict, parts_of
from provisions.fetching import article_for_detail
from provisions.official_texts import comparison
from provisions.penalties import Kind, highest_main_prison_months, part_sort_key
from provisions.serializers import article_citations, article_statistics


def sources_by_document(article) -> list[dict]:
    """Citations grouped by source document, each quote with the fact it supports."""
    grouped: OrderedDict[int, dict] = OrderedDict()
    for supports, citation in article_citations(article):
        entry = grouped.setdefault(citation.source_id, {"source": citation.source, "quotes": []})
        if not any(q["quote"] == citation.quote for q in entry["quotes"]):
            entry["quotes"].append({"quote": citation.quote, "supports": [supports]})
        else:
            quote = next(q for q in entry["quotes"] if q["quote"] == citation.quote)
            if supports not in quote["supports"]:
                quote["supports"].append(supports)
    return list(grouped.values())


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """[(op, text)] with op in equal/delete/insert, word by word."""
    old, new = before.split(), after.split()
    pieces = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("equal", " ".join(old[a1:a2])))
        if op in ("delete", "replace"):
            pieces.append(("delete", " ".join(old[a1:a2])))
        if op in ("insert", "replace"):
            pieces.append(("insert", " ".join(new[b1:b2])))
    return pieces


def max_prison(version) -> tuple[float | None, bool]:
    """(highest maximum prison term in years, life?) of a version's main penalties."""
    penalties = version.penalties.all()
    months = highest_main_prison_months(penalties)
    life = any(p.kind == Kind.LIFE_IMPRISONMENT for p in penalties)
    return (months / 12 if months is not None else None), life


def statistics_by_year(stats) -> list[tuple[int, int, str]]:
    """Whole-year conviction counts per year; disagreeing counts are all named in the label."""
    years: OrderedDict[int, list] = OrderedDict()
    for stat in sorted(stats, key=lambda s: s.year):
        if stat.period == "year" and stat.measure == "convicted" and stat.article_id:
            years.setdefault(stat.year, []).append(stat)
    rows = []
    for year, found in years.items():
        exact = [s for s in found if s.qualifier == "exact"] or found
        label = " / ".join(count_text(s) for s in found)
        rows.append((year, exact[0].count, label))
    return rows


def count_text(stat) -> str:
    return f"≥ {stat.count}" if stat.qualifier == "at_least" else str(stat.count)


def ceiling_chart(article, versions, today: date, timeline):
    # The line stops where the texts held stop: a later change is not known here.
    stops_on = timeline.known_to if timeline.unknown_after(today) else None
    steps = []
    for version in versions:
        years, life = max_prison(version)
        steps.append((version.valid_from, version.valid_to or stops_on, years, life))
    counts = statistics_by_year(article.statistics.all())
    stop = ""
    if stops_on is not None:
        stop = f" The line stops on {stops_on:%d.%m.%Y}: no later change is known here."
    return charts.ceiling_timeline(
        steps,
        counts,
        title=f"Maximum prison term of art. {article.number} over time, with convictions",
        desc="Step line: the highest maximum prison term of each version; bars: people "
        f"convicted per year. The same figures are in the table below.{stop}",
        today=today,
    ), counts


def article_context(article, shown, today: date, timeline) -> dict:
    """What the article and history pages share, from a for_detail() article and its
    timeline (provisions.timeline)."""
    versions = timeline.held_versions
    chart, counts = ceiling_chart(article, versions, today, timeline)
    shaped_by, rows = [], []
    first = next((period for period in timeline.periods if period.kind == "edition"), None)
    for period in timeline.periods:
        row = {
            "period": period,
            "verdict": None,
            "future": bool(period.valid_from and period.valid_from > today),
            "first": period is first,
            "caveat": timeline.period_caveat(period),
        }
        if period.kind == "edition" and period.opened_by and period.opened_by.amendments:
            row["verdict"] = edition_verdict(timeline, period)
            shaped_by.append(row)
        row["current"] = period.covers(today)
        # Today is after the last day the texts held cover: the period is the newest known,
        # not one known to be in force today.
        row["beyond_known"] = period.valid_to is None and timeline.unknown_after(today)
        rows.append(row)
    return {
        "versions": versions,
        "timeline": timeline,
        "timeline_rows": rows,
        "shown": shown,
        # Never "original wording" for a later edition set by a law not identified here, and
        # never a plain "in force" heading for a wording whose period is not verified.
        "shown_origin": timeline.origin_of(shown) if shown else None,
        "shown_caveat": timeline.caveat_of(shown) if shown else "",
        "parts": parts_of(shown) if shown else [],
        "parts_elsewhere": parts_elsewhere(versions, shown),
        "shaped_by": shaped_by,
        "changes": list(getattr(article, "timeline_changes", [])),
        "sources": sources_by_document(article),
        "statistics": article_statistics(article),
        "ceiling_chart": chart,
        "ceiling_rows": [{"version": v, "max": max_prison(v)} for v in versions],
        "yearly_counts": counts,
        "official_comparison": official_comparison(article, timeline),
    }


def official_comparison(article, timeline) -> dict | None:
    """How the penalties read out of the official text kept beside a curated article
    compare with the held wording that text holds (provisions.official_texts.comparison),
    computed now (never the import's stored list, which an edit or load_corpus may have left
    behind): {"version", "differences": [...] or None, "reason": why they were not
    compared}. None without an official text."""
    official = getattr(article, "official_text", None)
    if official is None:
        return None
    return comparison(official, timeline)


def part_numbers(version) -> set[str]:
    """The numbers of the parts the page anchors for `version` (`#part-<number>`)."""
    return {part.number for part in parts_of(version)} if version is not None else set()


def parts_elsewhere(versions, shown) -> list[dict]:
    """The parts other held wordings have and `shown` lacks: [{"number", "held_in": [the
    versions that have it]}], in part order. The page gives each its `#part-<number>` anchor
    so an address to such a part says it is not in this wording instead of showing the
    article silently."""
    have = part_numbers(shown)
    found: OrderedDict[str, list] = OrderedDict()
    for version in versions:
        for number in sorted(part_numbers(version) - have, key=part_sort_key):
            found.setdefault(number, []).append(version)
    return [
        {"number": number, "held_in": held_in}
        for number, held_in in sorted(found.items(), key=lambda item: part_sort_key(item[0]))
    ]


def asked_part(versions, shown, number: str) -> dict | None:
    """What the page says of the part `number` asked for (`?part=`): {"number", "in_shown":
    whether the shown wording has it, "held_in": the held versions that have it}; None when
    no part was asked for."""
    if not number:
        return None
    return {
        "number": number,
        "in_shown": number in part_numbers(shown),
        "held_in": [version for version in versions if number in part_numbers(version)],
    }


def article_or_404(law: str, number: str):
    """Article `number` of the law `law` as article_for_detail() fetches it; Http404 where
    none is held."""
    article = article_for_detail(law__slug=law, number=number)
    if article is None:
        raise Http404(f"No article {number} in {law}.")
    return article
