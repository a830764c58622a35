"""Turn fetched objects into what the pages show: parts, diffs, verdicts, chart rows.

Everything here works on prefetched objects and issues no queries of its own.
"""

import difflib
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from provisions import charts
from provisions.penalty_text import penalty_summary, term_in_months
from provisions.serializers import article_citations, article_statistics
from provisions.severity import (
    UNKNOWN,
    Verdict,
    compare_penalties,
    part_sort_key,
    verdict_between,
)


@dataclass
class Part:
    number: str
    main: list
    additional: list

    @property
    def summary(self) -> str:
        return penalty_summary(self.main)


def parts_of(version) -> list[Part]:
    grouped: OrderedDict[str, Part] = OrderedDict()
    penalties = sorted(version.penalties.all(), key=lambda p: part_sort_key(p.part))
    for penalty in penalties:
        part = grouped.setdefault(penalty.part, Part(penalty.part, [], []))
        (part.main if penalty.role == "main" else part.additional).append(penalty)
    return list(grouped.values())


def version_on(versions, day: date):
    return next((version for version in versions if version.is_in_force_on(day)), None)


def previous_version(versions, version):
    earlier = [v for v in versions if v.valid_from < version.valid_from]
    return earlier[-1] if earlier else None


def change_verdict(versions, version) -> Verdict:
    """How the version changed the penalties of the one before it."""
    before = previous_version(versions, version)
    if before is None and version.introduced_by is None:
        return Verdict(UNKNOWN, ["original wording"])
    return verdict_between(before, version)


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


@dataclass
class MilderLaw:
    committed_on: date
    then: object
    now: object
    verdict: Verdict
    applies: str  # "then", "now", "same", "compare"

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
    """Criminal Code art. 10: the version in force then, now, and which is milder."""
    then, now = version_on(versions, committed_on), version_on(versions, today)
    if then is None or now is None or then.pk == now.pk:
        applies = "same" if then is not None and now is not None else "compare"
        return MilderLaw(committed_on, then, now, Verdict(UNKNOWN, []), applies)
    verdict = compare_penalties(then.penalties.all(), now.penalties.all())
    applies = {"softer": "now", "harsher": "then"}.get(verdict.label, "compare")
    if verdict.label == "unchanged":
        applies = "same"
    return MilderLaw(committed_on, then, now, verdict, applies)


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


def penalty_changes(before, after) -> list[dict]:
    """Per part: the summary before → after, for parts whose penalties differ."""
    old = {part.number: part for part in parts_of(before)} if before else {}
    new = {part.number: part for part in parts_of(after)} if after else {}
    rows = []
    for number in sorted(old.keys() | new.keys(), key=part_sort_key):
        was = describe_part(old.get(number))
        becomes = describe_part(new.get(number))
        rows.append({"part": number, "before": was, "after": becomes, "changed": was != becomes})
    return rows


def describe_part(part: Part | None) -> str:
    if part is None:
        return "—"
    pieces = [p.summary() for p in part.main] + [p.summary() for p in part.additional]
    return "; ".join(pieces) or "no penalties recorded"


def max_prison(version) -> tuple[float | None, bool]:
    """(highest maximum prison term in years, life?) of a version's main penalties."""
    highs = [
        term_in_months(p.max, p.unit)
        for p in version.penalties.all()
        if p.role == "main" and p.kind == "imprisonment"
    ]
    highs = [h for h in highs if h is not None]
    life = any(p.kind == "life_imprisonment" for p in version.penalties.all())
    return (max(highs) / 12 if highs else None), life


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


def ceiling_chart(article, versions, today: date):
    steps = []
    for version in versions:
        years, life = max_prison(version)
        steps.append((version.valid_from, version.valid_to, years, life))
    counts = statistics_by_year(article.statistics.all())
    return charts.ceiling_timeline(
        steps,
        counts,
        title=f"Maximum prison term of art. {article.number} over time, with convictions",
        desc="Step line: the highest maximum prison term of each version; bars: people "
        "convicted per year. The same figures are in the table below.",
        today=today,
    ), counts


def article_context(article, shown, today: date) -> dict:
    versions = list(article.versions.all())
    chart, counts = ceiling_chart(article, versions, today)
    shaped_by = []
    for version in versions:
        if version.introduced_by:
            shaped_by.append({"version": version, "verdict": change_verdict(versions, version)})
    return {
        "versions": versions,
        "shown": shown,
        "parts": parts_of(shown) if shown else [],
        "shaped_by": shaped_by,
        "changes": list(article.changes.all()),
        "sources": sources_by_document(article),
        "statistics": article_statistics(article),
        "ceiling_chart": chart,
        "ceiling_rows": [{"version": v, "max": max_prison(v)} for v in versions],
        "yearly_counts": counts,
    }
