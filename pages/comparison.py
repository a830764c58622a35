"""The comparison page: penalty ranges of several articles on one date, side by side."""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db.models import F, OuterRef, Q, Subquery

from pages import charts
from provisions.changes import parts_of
from provisions.currency import covered_to
from provisions.models import (
    Amendment,
    Article,
    ArticleVersion,
    Citation,
    Penalty,
    UnparsedSanction,
)
from provisions.models.common import read_children
from provisions.models.penalties import PENALTY_ORDER, UNPARSED_ORDER
from provisions.params import BadParameter
from provisions.penalties import (
    KIND_PHRASES,
    Kind,
    Unit,
    main_prison_months,
    part_sort_key,
    term_in_months,
    version_on,
)
from provisions.serializers import iso, main_kinds, penalty_as_dict
from search.citations import CRIMINAL_CODE, amendment_number, parse_citation

MAX_ARTICLES = 10
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
NUMBER_RE = re.compile(r"^[0-9]{1,6}(\.[0-9]{1,6}){0,3}$")


def parse_article_keys(raw: str) -> list[tuple[str, str]]:
    """'criminal-code:275,criminal-code:275.1' -> [('criminal-code', '275'), …], deduplicated.

    Citations as the search box reads them (search.citations) are taken too: "275, 276,
    280.4" within the Criminal Code, "УК 275; КоАП 20.3.3", "ст. 275.1 УК РФ". A code held in
    parts (the Civil Code) resolves to the part holding the number. Raises BadParameter."""
    keys = []
    law = CRIMINAL_CODE
    for piece in re.split(r"[,;]", raw):
        piece = piece.strip()
        if not piece:
            continue
        slug, sep, number = (part.strip() for part in piece.partition(":"))
        if sep and SLUG_RE.match(slug) and NUMBER_RE.match(number):
            key = (slug, number)
        else:
            citation = parse_citation(piece)
            if citation is None:
                shown = piece[:40]
                raise BadParameter(
                    f"Articles are citations such as 275.1, УК 276 or criminal-code:275, "
                    f"not {shown!r}."
                )
            law = citation.code or law
            key = (held_slug(law.slugs, citation.number), citation.number)
        if key not in keys:
            keys.append(key)
    if len(keys) > MAX_ARTICLES:
        raise BadParameter(f"Compare at most {MAX_ARTICLES} articles at a time.")
    return keys


def held_slug(slugs: tuple[str, ...], number: str) -> str:
    """The law of `slugs` that holds article `number` (the first when none does)."""
    if len(slugs) == 1:
        return slugs[0]
    found = (
        Article.objects.filter(law__slug__in=slugs, number=number)
        .values_list("law__slug", flat=True)
        .first()
    )
    return found or slugs[0]


def find_amendment(raw: str, articles) -> Amendment | None:
    """The amendment `raw` names: a slug ("260-fz-2022") or a number ("260-ФЗ", "260-FZ");
    of several with that number, the one that changed the compared articles."""
    if SLUG_RE.match(raw):
        found = Amendment.objects.filter(slug=raw).first()
        if found:
            return found
    number = amendment_number(raw)
    if number is None:
        return None
    candidates = list(Amendment.objects.filter(number__iexact=number))
    introduced = {v.introduced_by_id for a in articles for v in a.versions.all()}
    touching = [a for a in candidates if a.pk in introduced]
    if len(touching) == 1 or (not touching and len(candidates) == 1):
        return (touching or candidates)[0]
    return None


@dataclass
class Series:
    """One bar group on the chart: an article's version, labelled."""

    label: str
    article: Article
    version: ArticleVersion | None
    day: date | None = None  # the day compared

    @cached_property
    def texts_current_to(self) -> date | None:
        """The latest day the texts read for the article are current to (provisions.currency:
        `source_to`, each version's source's day, and `read_to`, the latest of the readings
        cited on it)."""
        days = [day for v in self.article.versions.all() for day in (v.source_to, v.read_to)]
        return max(filter(None, days), default=None)

    @property
    def known_to(self) -> date | None:
        """The day the texts held are current to, where the version shown is open-ended and
        the day compared is after it (no later change is known here, none is excluded)."""
        if self.version is None or self.version.valid_to is not None:
            return None
        # The open version is the article's last period (reconcile_periods cuts a version
        # where a later law is known), so provisions.currency's rule applies as on its page.
        known = covered_to(self.texts_current_to, self.version.valid_from, repealed=False)
        return known if known is not None and self.day and self.day > known else None

    @cached_property
    def parts(self) -> list:
        """parts_of(version), once: the charts, the table and the note read it each."""
        return parts_of(self.version) if self.version else []


@dataclass
class Comparison:
    day: date
    keys: list
    series: list[Series] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    around: Amendment | None = None
    around_missing: str = ""

    @property
    def prison_rows(self) -> list[charts.RangeRow]:
        rows = []
        for series in self.series:
            if series.version is None:
                continue
            for part in series.parts:
                terms = [p for p in part.main if p.kind == Kind.IMPRISONMENT]
                life = any(p.kind == Kind.LIFE_IMPRISONMENT for p in part.main)
                if not terms and not life:
                    continue
                lows = [term_in_months(p.min, p.unit) for p in terms if p.min is not None]
                highs = [main_prison_months(p) for p in terms if p.max is not None]
                low = min(lows) / 12 if lows else 0
                high = max(highs) / 12 if highs else None
                note = part.summary
                rows.append(
                    charts.RangeRow(f"{series.label} · part {part.number}", low, high, life, note)
                )
        return rows

    @property
    def fine_rows(self) -> list[charts.RangeRow]:
        rows = []
        for series in self.series:
            if series.version is None:
                continue
            for part in series.parts:
                for penalty in part.main:
                    if penalty.kind == Kind.FINE and penalty.unit == "rub":
                        label = f"{series.label} · part {part.number}"
                        if penalty.subject:
                            label += f" ({penalty.get_subject_display().lower()})"
                        rows.append(charts.RangeRow(label, penalty.min, penalty.max))
        return rows

    @property
    def day_rows(self) -> list[charts.RangeRow]:
        """Main terms counted in days: administrative arrest and suspension of activity."""
        rows = []
        for series in self.series:
            if series.version is None:
                continue
            for part in series.parts:
                for penalty in part.main:
                    if charted_in_days(penalty):
                        label = f"{series.label} · part {part.number}: {KIND_PHRASES[penalty.kind]}"
                        if penalty.subject:
                            label += f" ({penalty.get_subject_display().lower()})"
                        rows.append(charts.RangeRow(label, penalty.min, penalty.max))
        return rows

    @property
    def not_charted(self) -> list[dict]:
        """The main penalties no chart draws (they are in the table), by kind: the charts draw
        prison terms, fines in roubles and terms in days only."""
        found: dict[tuple[str, str], list[str]] = {}
        for series in self.series:
            if series.version is None:
                continue
            for part in series.parts:
                for penalty in part.main:
                    if not charted(penalty):
                        where = f"{series.label} part {part.number}"
                        unit = penalty.unit if penalty.kind == Kind.FINE else ""
                        places = found.setdefault((penalty.kind, unit), [])
                        if where not in places:
                            places.append(where)
        return [
            {
                "kind": kind,
                "unit": unit or None,
                "label": uncharted_label(kind, unit),
                "parts": parts,
            }
            for (kind, unit), parts in sorted(found.items())
        ]

    def prison_chart(self):
        return charts.range_chart(
            self.prison_rows,
            title="Prison terms side by side",
            desc="Minimum to maximum prison term per article and part; hatched bars running "
            "off the axis mean life imprisonment. The table below has the same figures.",
            unit="years of imprisonment",
            fmt=charts.years_label,
            css_class="compare-prison",
        )

    def fine_chart(self):
        return charts.range_chart(
            self.fine_rows,
            title="Main fines side by side",
            desc="Minimum to maximum fine in roubles per article and part (fines as income "
            "for a period are listed in the table only).",
            unit="roubles",
            fmt=charts.roubles_label,
            css_class="compare-fines",
        )

    def day_chart(self):
        return charts.range_chart(
            self.day_rows,
            title="Terms in days side by side",
            desc="Minimum to maximum administrative arrest and suspension of activity, in "
            "days, per article, part and subject. The table below has the same figures.",
            unit="days",
            fmt=charts.years_label,
            css_class="compare-days",
        )

    def as_json(self) -> dict:
        return {
            "as_of": self.day.isoformat(),
            "articles": [
                {
                    "law": series.article.law.slug,
                    "number": series.article.number,
                    "label": series.label,
                    "valid_from": series.version.valid_from.isoformat() if series.version else None,
                    # The day the texts held are current to, where the day asked is after it.
                    "known_to": iso(series.known_to),
                    "penalties": [
                        penalty_as_dict(p, main_kinds(series.version.penalties.all()))
                        for p in sorted(
                            series.version.penalties.all(), key=lambda p: part_sort_key(p.part)
                        )
                    ]
                    if series.version
                    else [],
                    "unparsed": [
                        {"part": u.part, "text": u.text, "reason": u.reason}
                        for u in series.version.unparsed_sanctions.all()
                    ]
                    if series.version
                    else [],
                }
                for series in self.series
            ],
            "unknown": self.unknown,
            "around": self.around.number if self.around else None,
            "not_charted": self.not_charted,
        }


def charted_in_days(penalty) -> bool:
    return penalty.unit == Unit.DAYS and penalty.max is not None


def uncharted_label(kind: str, unit: str) -> str:
    """What the note under the charts calls a kind of main penalty they do not draw."""
    if kind == Kind.FINE and unit == Unit.MULTIPLE:
        return "fine as a multiple of a sum (the bribe, …)"
    if kind == Kind.FINE and unit:
        return "fine as the convict's income for a period"
    return KIND_PHRASES.get(kind, kind)


def charted(penalty) -> bool:
    """Whether a main penalty is drawn on one of the charts."""
    if penalty.kind in (Kind.IMPRISONMENT, Kind.LIFE_IMPRISONMENT):
        return True
    if penalty.kind == Kind.FINE and penalty.unit == Unit.RUB:
        return True
    return charted_in_days(penalty)


def build_comparison(keys, day: date, around_slug: str = "") -> Comparison:
    comparison = Comparison(day=day, keys=keys)
    if not keys:
        return comparison
    wanted = Q()
    for law, number in keys:
        wanted |= Q(law__slug=law, number=number)
    # The texts each wording was read from (its source, the readings cited on it): the day
    # they are current to bounds what "in force" can mean (Series.known_to). The readings'
    # latest day comes as a column, not as rows to build.
    read_to = (
        Citation.objects.filter(version=OuterRef("pk"), source__current_to__isnull=False)
        .order_by("-source__current_to")
        .values("source__current_to")[:1]
    )
    # Neither the page nor its JSON shows the texts (most of each row's bytes): deferred.
    versions = (
        ArticleVersion.objects.defer("text_ru", "text_en")
        .select_related("introduced_by")
        .annotate(source_to=F("source__current_to"), read_to=Subquery(read_to))
        .order_by("valid_from")
    )
    # The OR of (law, number) pairs alone is planned as a scan of each law's articles (20,000
    # rows a law at 100,000 articles, ~10 ms); slug IN … AND number IN … reaches the unique
    # (law, number) index, and the pairs then keep exactly the articles asked for.
    articles = list(
        Article.objects.filter(
            law__slug__in={law for law, _ in keys}, number__in={number for _, number in keys}
        )
        .filter(wanted)
        .select_related("law")
    )
    # Read by hand, not prefetched: prefetch_related builds a queryset per article and version
    # (read_children).
    held = read_children(articles, versions, "versions")
    read_children(held, Penalty.objects.order_by(*PENALTY_ORDER), "penalties")
    read_children(held, UnparsedSanction.objects.order_by(*UNPARSED_ORDER), "unparsed_sanctions")
    found = {(article.law.slug, article.number): article for article in articles}
    around_slug = around_slug.strip()
    if around_slug:
        comparison.around = find_amendment(around_slug[:200], found.values())
        if comparison.around is None:
            comparison.around_missing = around_slug[:100]
    for key in keys:
        article = found.get(key)
        if article is None:
            comparison.unknown.append(":".join(key))
            continue
        versions_list = list(article.versions.all())
        label = f"{article.law.short_name} {article.number}"
        comparison.series.append(Series(label, article, version_on(versions_list, day), day))
        if comparison.around:
            after = next(
                (v for v in versions_list if v.introduced_by_id == comparison.around.pk), None
            )
            if after is not None:
                earlier = [v for v in versions_list if v.valid_from < after.valid_from]
                if earlier:
                    number = comparison.around.number
                    comparison.series.append(
                        Series(f"{label} before {number}", article, earlier[-1], day)
                    )
                comparison.series.append(
                    Series(f"{label} after {comparison.around.number}", article, after, day)
                )
    return comparison
