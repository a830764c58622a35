"""Every list page as a download: `?format=csv`, `?format=json` or `?format=xlsx`, with the
filters of the page (the views filter, this module writes) and every matching row, not one page.

Columns hold typed values (text, numbers, dates, booleans, lists); lawbase.tabular writes them:
CSV in UTF-8 with a BOM and cells neutralised against formula injection, xlsx with article,
part and law numbers as text cells and dates as date cells. JSON is
`{"count": n, "columns": [...], "results": [{column: value}, ...]}`, dates as ISO strings.
"""

from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from django.http import JsonResponse

from lawbase import tabular
from provisions.models import ArticleChange, EditorialNote
from provisions.timeline import REPEAL
from search.listing import CSV_COLUMNS, row_data

FORMATS = ("csv", "json", "xlsx")
JSON_OPTIONS = {"ensure_ascii": False, "indent": 1}


def respond(fmt: str, name: str, columns: Sequence[str], rows: Iterable[Sequence]):
    """The download of `rows` (sequences in `columns` order) in `fmt`, named lawbase-<name>."""
    filename = f"lawbase-{name}.{fmt}"
    if fmt == "csv":
        return tabular.csv_response(filename, columns, rows)
    if fmt == "xlsx":
        return tabular.xlsx_response(filename, name, columns, rows)
    results = [dict(zip(columns, row, strict=True)) for row in rows]
    response = JsonResponse(
        {"count": len(results), "columns": list(columns), "results": results},
        json_dumps_params=JSON_OPTIONS,
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def absolute(request, url: str) -> str:
    return request.build_absolute_uri(url)


# --- /provisions/ ----------------------------------------------------------------------------


def provisions(request, results, fmt: str):
    """The filtered list as CSV (its published columns, unchanged) or xlsx (the same columns,
    typed: last_amended a date, max_prison_years a number)."""

    def rows() -> Iterator[list]:
        # In chunks as the CSV goes out (lawbase.tabular.csv_response reads the first before
        # answering, and ends a stream whose later chunk fails with a marker row).
        for article in results.iterator(chunk_size=tabular.CSV_CHUNK):
            row = row_data(article, request)
            if fmt == "xlsx" and row["last_amended"]:
                row["last_amended"] = date.fromisoformat(row["last_amended"])
            yield [row[column] for column in CSV_COLUMNS]

    return respond(fmt, "provisions", CSV_COLUMNS, rows())


# --- /amendments/ ----------------------------------------------------------------------------

AMENDMENT_COLUMNS = (
    "slug",
    "number",
    "title_en",
    "title_ru",
    "signed_on",
    "in_force_on",
    "in_force_certainty",
    "certainty",
    "assessed",
    "applied_at",
    "effect",
    "articles_curated",
    "articles_named",
    "url",
)


def amendments(request, ordered, fmt: str):
    """One row per amending law matching the page's filters, in the page's order. `effect` is
    the stored effect of an applied amendment's curated changes (empty where none is
    assessed); `articles_curated` and `articles_named` list "law:number" (the curated changes,
    then the articles only the official texts' editorial notes name, as on the page: an
    article with both counts as curated). Three queries, whatever the number of rows."""
    ordered = ordered.prefetch_related(None)  # the page's prefetch is slow for every row
    chosen = ordered.values("pk")
    curated = touched_refs(ArticleChange.objects.filter(amendment__in=chosen))
    named = touched_refs(EditorialNote.objects.filter(amendment__in=chosen))

    def rows() -> Iterator[list]:
        for amendment in ordered:
            own = curated.get(amendment.pk, [])
            yield [
                amendment.slug,
                amendment.number,
                amendment.title_en,
                amendment.title_ru,
                amendment.signed_on,
                amendment.in_force_on,
                amendment.in_force_certainty,
                amendment.certainty,
                bool(amendment.assessed),
                amendment.applied_at,
                amendment.effect if (amendment.applied_at and own) else None,
                own,
                [item for item in named.get(amendment.pk, []) if item not in own],
                absolute(request, amendment.get_absolute_url()),
            ]

    return respond(fmt, "amendments", AMENDMENT_COLUMNS, rows())


def touched_refs(queryset) -> dict[int, list[str]]:
    """{amendment id: ["law:number", ...]} from changes or editorial notes, in law and
    article order."""
    found: dict[int, list[str]] = {}
    pairs = queryset.order_by("article__law__slug", "article__sort_key").values_list(
        "amendment_id", "article__law__slug", "article__number"
    )
    for amendment, law, number in pairs:
        found.setdefault(amendment, []).append(f"{law}:{number}")
    return found


def ref(article) -> str:
    return f"{article.law.slug}:{article.number}"


# --- /laws/, /sources/, /statistics/ ---------------------------------------------------------

LAW_COLUMNS = (
    "slug",
    "short_name",
    "title_en",
    "title_ru",
    "number",
    "kind",
    "adopted_on",
    "in_force_on",
    "in_force_certainty",
    "articles_held",
    "certainty",
    "official_url",
    "url",
)


def laws(request, listed, fmt: str):
    """One row per law, as the page lists them (annotated with `article_count`)."""
    rows = (
        [
            law.slug,
            law.short_name,
            law.title_en,
            law.title_ru,
            law.number,
            law.kind,
            law.adopted_on,
            law.in_force_on,
            law.in_force_certainty,
            law.article_count,
            law.certainty,
            law.official_url,
            absolute(request, law.get_absolute_url()),
        ]
        for law in listed
    )
    return respond(fmt, "laws", LAW_COLUMNS, rows)


SOURCE_COLUMNS = (
    "id",
    "slug",
    "title",
    "publisher",
    "kind",
    "source_url",
    "published_on",
    "date_note",
    "language",
    "archived_copy",
    "facts_supported",
    "url",
)


def sources(request, listed, fmt: str):
    """One row per source (annotated with `citation_count`); `archived_copy` says whether
    its text is archived here, `url` is its page here, `source_url` the original."""
    rows = (
        [
            source.pk,
            source.slug,
            source.title,
            source.publisher,
            source.kind,
            source.url,
            source.published_on,
            source.date_note,
            source.language,
            bool(source.archived_text),
            source.citation_count,
            absolute(request, source.get_absolute_url()),
        ]
        for source in listed
    )
    return respond(fmt, "sources", SOURCE_COLUMNS, rows)


STATISTIC_COLUMNS = (
    "id",
    "law",
    "number",
    "scope_label",
    "year",
    "period",
    "measure",
    "count",
    "qualifier",
    "counted_by",
    "certainty",
    "note",
    "sources",
    "source_urls",
)


def statistics(request, stats, fmt: str):
    """Every count as the page lists it (citations prefetched); `qualifier` "at_least" marks
    a lower bound; `sources` are the citing sources' publishers."""
    rows = (
        [
            stat.pk,
            stat.article.law.slug if stat.article_id else None,
            stat.article.number if stat.article_id else None,
            stat.scope_label,
            stat.year,
            stat.period,
            stat.measure,
            stat.count,
            stat.qualifier,
            stat.counted_by,
            stat.certainty,
            stat.note,
            [citation.source.publisher for citation in stat.citations.all()],
            [citation.source.url for citation in stat.citations.all() if citation.source.url],
        ]
        for stat in stats
    )
    return respond(fmt, "statistics", STATISTIC_COLUMNS, rows)


# --- an article's versions -------------------------------------------------------------------

VERSION_COLUMNS = (
    "law",
    "number",
    "kind",
    "valid_from",
    "valid_to",
    "held",
    "certainty",
    "opened_by",
    "closed_by",
    "penalties",
    "text_ru",
    "text_en",
    "note",
    "url",
    "known_to",
)


def versions(request, article, timeline, fmt: str):
    """The article's timeline, oldest first (provisions.timeline): each edition, held or known
    only from the official text's notes (`held` false: no wording, no penalties, never "not in
    force"), and each repeal. `opened_by`/`closed_by` are the laws' numbers; `valid_from`
    empty where the article's start is unknown; `certainty` the held version's, else the
    certainty of the date that opened the period; `known_to`, on an open period (`valid_to`
    empty), the last day the texts held cover: no later change is known here after it."""

    def rows() -> Iterator[list]:
        for period in timeline.periods:
            version = period.version
            url = article.get_absolute_url()
            if period.valid_from:
                url += f"?as_of={period.valid_from.isoformat()}"
            yield [
                article.law.slug,
                article.number,
                "repeal" if period.kind == REPEAL else "edition",
                period.valid_from,
                period.valid_to,
                period.held,
                version.certainty if version else period_certainty(period),
                period.opened_by.numbers if period.opened_by else [],
                period.closed_by.numbers if period.closed_by else [],
                penalties_of(version) if version else None,
                version.text_ru if version else None,
                version.text_en if version else None,
                version.note if version else None,
                absolute(request, url),
                timeline.known_to if period.valid_to is None else None,
            ]

    name = f"{article.law.slug}-{article.number}-versions"
    return respond(fmt, name, VERSION_COLUMNS, rows())


def period_certainty(period) -> str | None:
    return period.opened_by.certainty if period.opened_by else None


def penalties_of(version) -> str:
    """ "part 1: …, …; part 2: …": each penalty of the version as the article page words it;
    empty where none is recorded."""
    parts: dict[str, list[str]] = {}
    for penalty in version.penalties.all():
        parts.setdefault(penalty.part, []).append(penalty.summary())
    return "; ".join(f"part {part}: {', '.join(items)}" for part, items in parts.items())
