"""The provisions list: rows, facet counts and pagination, for HTML, JSON and CSV alike."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count
from django.utils.safestring import SafeString

from provisions.models import Article, Penalty, in_force_q
from provisions.penalties import PENALTY_KIND_BITS, PENALTY_UNIT_BITS, penalty_summary
from search import result_cache
from search.backends import backend_for
from search.engine import article_snippets, index_first_plan
from search.filters import UNIT_CHOICES
from search.large_results import about, large_results
from search.number_order import walk_in_number_order

PAGE_SIZE = 50
FACETS = ("law", "topic", "penalty_kind", "penalty_unit")
CSV_COLUMNS = [
    "law",
    "number",
    "title_en",
    "title_ru",
    "url",
    "max_prison_years",
    "life_imprisonment",
    "penalty_summary",
    "last_amended",
    "certainty",
]
JSON_COLUMNS = [*CSV_COLUMNS, "snippet"]


def prison_years(months: int | None):
    if months is None:
        return None
    years = months / 12
    return int(years) if years.is_integer() else round(years, 2)


def no_wording(article) -> str:
    """A row's summary where no wording of the list's day is held: repealed only where the
    article is marked so; otherwise the wording is simply not held (not "not in force")."""
    day = getattr(article, "list_day", None) or date.today()
    if article.repealed_on and article.repealed_on <= day:
        return "Repealed"
    return "Wording not held for this day"


def row_data(article, request=None, snippet=None) -> dict:
    """One list row: the JSON contract's keys, the law's display name and a search snippet."""
    versions = getattr(article, "versions_in_force", [])
    penalties = versions[0].penalties.all() if versions else []
    url = article.get_absolute_url()
    return {
        "law": article.law.slug,
        "number": article.number,
        "title_en": article.title_en,
        "title_ru": article.title_ru,
        "url": request.build_absolute_uri(url) if request else url,
        "max_prison_years": prison_years(article.list_max_prison_months),
        "life_imprisonment": bool(article.list_life_imprisonment),
        "penalty_summary": penalty_summary(penalties) if versions else no_wording(article),
        "last_amended": article.list_last_amended.isoformat()
        if article.list_last_amended
        else None,
        "certainty": article.list_certainty or None,
        "law_name": article.law.short_name,
        "title": article.title,
        "snippet": snippet or "",
    }


def clamp_page(raw: str | None, num_pages: int) -> tuple[int, str]:
    """The page to show and, when the request asked for another, a message saying why."""
    if raw in (None, ""):
        return 1, ""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1, f"“{raw[:20]}” is not a page number; showing page 1."
    if number < 1:
        return 1, "Pages start at 1; showing page 1."
    if number > num_pages:
        return num_pages, f"There are only {num_pages} page(s); showing the last one."
    return number, ""


def paginate(queryset, raw_page, page_size=PAGE_SIZE):
    paginator = Paginator(queryset, page_size)
    number, message = clamp_page(raw_page, paginator.num_pages)
    return paginator, paginator.page(number), message


def facet_counts(filterset) -> tuple[dict[str, list[dict]], int | None]:
    """For each facet, how many results each choice would give with the other filters of
    `filterset` applied (the facet's own left out); and the total, when it came with them
    (else None).

    {"law": [{"value": slug, "label": name, "n": count}, …], "topic": …, "penalty_kind": …}
    """
    counts, total, names = {}, None, FACETS
    if filterset.figures_hold:
        stored, total = stored_facet_counts(filterset)
        counts.update(stored)
        names = ("topic",)
    for name in names:
        matching = filterset.without(name).values("pk")
        if name == "law":
            found = dict(
                Article.objects.filter(pk__in=matching)
                .order_by()
                .values_list("law_id")
                .annotate(n=Count("pk"))
            )
            counts[name] = law_choices(filterset.laws, found)
        elif name == "topic":
            found = topic_counts(filterset)
            counts[name] = [
                {"value": topic.slug, "label": topic.name_en, "n": found.get(topic.pk, 0)}
                for topic in filterset.topics
            ]
        else:
            column = "kind" if name == "penalty_kind" else "unit"
            penalties = Penalty.objects.filter(
                in_force_q(filterset.day, "version__"), version__article__in=matching
            )
            # order_by(): the models' default orderings would join articles and laws.
            rows = (
                penalties.order_by().values(column).annotate(n=Count("version_id", distinct=True))
            )
            found = {row[column]: row["n"] for row in rows}
            counts[name] = kind_choices(found) if name == "penalty_kind" else unit_choices(found)
    return {name: counts[name] for name in FACETS}, total


def topic_counts(filterset) -> dict[int, int]:
    """The topic facet: topic id → how many results there are of that topic with the other
    filters applied. Grouped by the articles' stored topic bits (a few hundred combinations,
    read from the list index) and spread over the topics in Python; through the article–topic
    table when a topic has no bit (Topic.bit)."""
    matching = filterset.without("topic")
    if any(topic.bit is None for topic in filterset.topics):
        return dict(
            Article.topics.through.objects.filter(article__in=matching.values("pk"))
            .order_by()
            .values_list("topic_id")
            .annotate(n=Count("article_id"))
        )
    combinations = list(matching.values_list("topic_bits").annotate(n=Count("pk")))
    found = {}
    for topic in filterset.topics:
        found[topic.pk] = sum(n for bits, n in combinations if (bits or 0) & topic.bit)
    return found


def law_choices(laws, found: dict[int, int]) -> list[dict]:
    """The law facet: each of `laws` (in order) with its count in `found` (law id → n)."""
    return [{"value": law.slug, "label": law.short_name, "n": found.get(law.pk, 0)} for law in laws]


def unit_choices(found: dict[str, int]) -> list[dict]:
    return [
        {"value": unit, "label": label, "n": found.get(unit, 0)} for unit, label in UNIT_CHOICES
    ]


def kind_choices(found: dict[str, int]) -> list[dict]:
    return [
        {"value": kind, "label": label, "n": found.get(kind, 0)}
        for kind, label in Penalty.Kind.choices
    ]


def stored_facet_counts(filterset) -> tuple[dict[str, list[dict]], int]:
    """The law, penalty-kind and penalty-unit facets and the total, from one query over the
    stored kinds and units of each article's current version (valid when the stored figures
    hold): the results without those three filters, counted per combination of law, kinds
    and units (a few hundred groups); each facet then sums the groups that pass the other two
    facets' filters.

    The counts are written as SQL around the results' own query. Grouping and summing in
    Python beats conditional sums in SQL: at 100,000 synthetic articles the unfiltered list's
    26 SUM(CASE …) took 59 ms, this grouping 17 ms."""
    base = filterset.without("law", "penalty_kind", "penalty_unit")
    cleaned = filterset.form.cleaned_data
    chosen_law, chosen_kind = cleaned.get("law"), cleaned.get("penalty_kind")
    chosen_unit = cleaned.get("penalty_unit")
    kind_wanted = PENALTY_KIND_BITS[chosen_kind] if chosen_kind else 0
    unit_wanted = PENALTY_UNIT_BITS[chosen_unit] if chosen_unit else 0
    columns = base.values_list("law_id", "current_penalty_kinds", "current_penalty_units")
    try:
        sql, params = columns.query.sql_with_params()
    except EmptyResultSet:  # known to match nothing (a search with no match): no query
        groups = []
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT law_id, current_penalty_kinds, current_penalty_units, COUNT(*) "
                f"FROM ({sql}) listed GROUP BY 1, 2, 3",
                params,
            )
            groups = cursor.fetchall()
    laws, total = {}, 0
    kinds = dict.fromkeys(PENALTY_KIND_BITS, 0)
    units = dict.fromkeys(PENALTY_UNIT_BITS, 0)
    for law_id, kind_bits, unit_bits, n in groups:
        kind_bits, unit_bits = kind_bits or 0, unit_bits or 0  # no current version: none
        kind_passes = not kind_wanted or kind_bits & kind_wanted
        unit_passes = not unit_wanted or unit_bits & unit_wanted
        if kind_passes and unit_passes:
            laws[law_id] = laws.get(law_id, 0) + n
        if chosen_law is not None and law_id != chosen_law.pk:
            continue
        if kind_passes and unit_passes:
            total += n
        if unit_passes:
            for kind, bit in KIND_BITS:
                if kind_bits & bit:
                    kinds[kind] += n
        if kind_passes:
            for unit, bit in UNIT_BITS:
                if unit_bits & bit:
                    units[unit] += n
    facets = {
        "law": law_choices(filterset.laws, laws),
        "penalty_kind": kind_choices(kinds),
        "penalty_unit": unit_choices(units),
    }
    return facets, total


KIND_BITS = list(PENALTY_KIND_BITS.items())
UNIT_BITS = list(PENALTY_UNIT_BITS.items())


def facets_as_json(facets) -> dict[str, dict[str, int]]:
    return {name: {c["value"]: c["n"] for c in choices} for name, choices in facets.items()}


def form_errors(filterset) -> dict[str, list[str]]:
    return {field: list(errors) for field, errors in filterset.form.errors.items()}


@dataclass
class ListPage:
    """What a list request shows: the page of articles, their snippets, and the facets."""

    paginator: Paginator
    page: Page
    page_message: str
    snippets: dict[int, SafeString]
    facets: dict[str, list[dict]]
    search: object = None  # search.engine.SearchInfo of the query, if any
    # A large search (search.large_results): the estimated count, rounded; facets not counted
    about: int | None = None


def list_page(
    filterset, data, raw_page, query: str, page_size: int = PAGE_SIZE, *, estimate: bool = False
) -> ListPage:
    """The requested page of a valid filterset, with the total and facet counts.

    `estimate`: a search matching tens of thousands of articles may be listed with an
    estimated count and no facets (search.large_results); the HTML page allows it, the
    downloads and JSON never do.

    The total and the facets do not depend on the page or the order: they are kept in the
    result cache (`result_cache`) until the next write, so paging through a large result set
    counts it once. The page itself is always read fresh.
    """
    ignored = ("format", "page", "sort", "page_size")
    params = {name: data.getlist(name) for name in data if name not in ignored}
    params["_day"] = [date.today().isoformat()]  # "today" moves the figures and in-force text
    found = None
    if result_cache.enabled():
        found = result_cache.lookup(result_cache.cache_key("list-totals", params))
    with index_first_plan(query):
        large = large_results(filterset) if estimate and query else None
        if large is not None:
            return large_page(filterset, large, raw_page, query, page_size)
        if found is not None and found.value is not None:
            filterset.figures_hold = found.value["figures_hold"]
            paginator = Paginator(filterset.qs, page_size)
            paginator.count = found.value["count"]  # a cached_property: never counted again
            facets = found.value["facets"]
        else:
            paginator = Paginator(filterset.qs, page_size)
            facets, total = facet_counts(filterset)
            if total is not None:
                paginator.count = total  # counted with the facets
            if found is not None:
                totals = {"count": paginator.count, "facets": facets}
                result_cache.store(found, {**totals, "figures_hold": filterset.figures_hold})
        number, page_message = clamp_page(raw_page, paginator.num_pages)
        page = paginator.page(number)
        window = page.object_list
        if walks_in_number_order(filterset, query, paginator.count, number):
            offset = (number - 1) * page_size
            window = walk_in_number_order(filterset, [], offset, page_size)
        page.object_list = page_rows(filterset, window, texts=bool(query))
        snippets = article_snippets(page.object_list, query) if query else {}
    return ListPage(paginator, page, page_message, snippets, facets, filterset.search_info)


WALK_FROM = 2000  # results from which a list's first pages are read law by law in order
WALK_PAGES = 5  # deeper pages would walk past too many rows: sorted as usual


def walks_in_number_order(filterset, query: str, total: int, number: int) -> bool:
    """Whether the page is read by walk_in_number_order rather than by sorting every result:
    a list in number order (no search, no other sort) of at least WALK_FROM results, on one
    of its first WALK_PAGES pages, where the database can (PostgreSQL's LATERAL joins). At
    100,000 synthetic articles, a page of 54,000 results: 22 ms sorted, 2 ms walked."""
    return (
        not query
        and not filterset.form.cleaned_data.get("sort")
        and total >= WALK_FROM
        and number <= WALK_PAGES
        and backend_for(connection).walks_in_order
    )


def large_page(filterset, large, raw_page, query: str, page_size: int) -> ListPage:
    """list_page for a large search: its window of ids, no facets, the estimate rounded."""
    paginator = Paginator(large, page_size)
    number, page_message = clamp_page(raw_page, paginator.num_pages)
    page = paginator.page(number)
    page.object_list = page_rows(filterset, page.object_list)
    snippets = article_snippets(page.object_list, query)
    info = filterset.search_info
    return ListPage(paginator, page, page_message, snippets, {}, info, about(large.estimate))


def list_payload(listed: ListPage, request) -> dict:
    """The list as JSON, for ?format=json and /api/articles alike: {"count": int, "page": int,
    "num_pages": int, "results": [{JSON_COLUMNS…} per row, "url" absolute for `request`],
    "facets": {facet: {value: count}}, "search": {"mode", "relaxed", …} for a query, else null}."""
    paginator, page = listed.paginator, listed.page
    rows = (
        row_data(article, request, listed.snippets.get(article.pk)) for article in page.object_list
    )
    return {
        "count": paginator.count,
        "page": page.number,
        "num_pages": paginator.num_pages,
        "results": [{key: row[key] for key in JSON_COLUMNS} for row in rows],
        "facets": facets_as_json(listed.facets),
        "search": listed.search.as_json() if listed.search else None,
    }


def page_rows(filterset, window, *, texts: bool = True) -> list:
    """The page's articles (`window`: a slice of the results, or their ids in order): first
    their ids in the list's order (a query the covering index
    answers without reading the wide article rows), then just those rows with what a row
    shows (`texts`: with their version's wordings, for search snippets)."""
    if isinstance(window, list):  # already ids (search.large_results)
        ids = window
    else:
        # The rank is selected too: PostgreSQL refuses ORDER BY a bare constant (an article
        # reference's rank), which is what ordering by an unselected annotation would send.
        ranked = "search_rank" in window.query.annotations
        ids = [row[0] for row in window.values_list("pk", *(["search_rank"] if ranked else []))]
    rows = Article.objects.filter(pk__in=ids).with_list_columns(
        filterset.day, figures_hold=filterset.figures_hold, texts=texts
    )
    if filterset.figures_hold:
        rows = current_versions_joined(rows, texts=texts)
    by_pk = {article.pk: article for article in rows}
    for article in by_pk.values():
        article.list_day = filterset.day  # what a row without that day's wording says
        if filterset.figures_hold:
            version = article.current_version
            article.versions_in_force = [version] if version is not None else []
    return [by_pk[pk] for pk in ids]


def current_versions_joined(rows, *, texts: bool):
    """`rows` (with_list_columns of a day the stored figures hold) reading each article's
    version in force, its stored current one, in the same query as the article rather than
    by a prefetch of the versions: one query fewer; then its penalties."""
    rows = rows.prefetch_related(None).select_related("law", "current_version")
    if not texts:
        rows = rows.defer("current_version__text_ru", "current_version__text_en")
    return rows.prefetch_related("current_version__penalties")
