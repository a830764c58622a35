"""The provisions list: rows, facet counts and pagination, for HTML, JSON and CSV alike."""

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.core.paginator import Page, Paginator
from django.db import connection
from django.utils.safestring import SafeString

from provisions.models import Article, Penalty
from provisions.models.amendments import repeals_estimated
from provisions.models.penalties import PENALTY_ORDER
from provisions.penalties import Role, penalty_summary
from search import result_cache
from search.backends import backend_for
from search.current_index import ranked_rows
from search.engine import article_snippets, index_first_plan
from search.facets import facet_counts
from search.large_results import about, large_facets, large_results
from search.number_order import walk_in_number_order

PAGE_SIZE = 50
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
    article is marked so, "(date estimated)" where its repealing law's in-force date is
    (`list_repeal_estimated`, provisions.models.amendments.repeals_estimated); otherwise
    the wording is simply not held (not "not in force")."""
    day = getattr(article, "list_day", None) or date.today()
    if article.repealed_on and article.repealed_on <= day:
        if getattr(article, "list_repeal_estimated", False):
            return "Repealed (date estimated)"  # a later day is not excluded (timeline)
        return "Repealed"
    return "Wording not held for this day"


def row_data(article, request=None, snippet=None) -> dict:
    """One list row: the JSON contract's keys, the law's display name and a search snippet."""
    versions = getattr(article, "versions_in_force", [])
    penalties = []
    if versions:  # today's rows carry their main penalties' figures (attach_penalties)
        penalties = getattr(versions[0], "list_penalties", None)
        if penalties is None:
            penalties = versions[0].penalties.all()
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
    # A search whose facets would count tens of thousands of matches (large_facets): their
    # estimated number, rounded; facets not counted
    facets_about: int | None = None


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
    found, facets_about = None, None
    if result_cache.enabled():
        found = result_cache.lookup(result_cache.cache_key("list-totals", params))
    with index_first_plan(query):
        large = large_results(filterset) if estimate and query else None
        if large is not None:
            return large_page(filterset, large, raw_page, query, page_size)
        if found is not None and found.value is not None:
            filterset.figures_hold = found.value["figures_hold"]
            paginator = Paginator(paged_results(filterset), page_size)
            paginator.count = found.value["count"]  # a cached_property: never counted again
            facets = found.value["facets"]
        elif estimate and query and (facets_about := large_facets(filterset)):
            paginator, facets = Paginator(paged_results(filterset), page_size), {}
        else:
            paginator = Paginator(paged_results(filterset), page_size)
            facets, total = facet_counts(filterset)
            if total is not None:
                paginator.count = total  # counted with the facets
            if found is not None:
                totals = {"count": paginator.count, "facets": facets}
                result_cache.store(found, {**totals, "figures_hold": filterset.figures_hold})
        number, page_message = clamp_page(raw_page, paginator.num_pages)
        page = paginator.page(number)
        window = page.object_list
        if walks_in_number_order(filterset, query, paginator.count, number, page_size):
            offset = (number - 1) * page_size
            window = walk_in_number_order(filterset, [], offset, page_size)
        page.object_list = page_rows(filterset, window, texts=bool(query))
        snippets = article_snippets(page.object_list, query) if query else {}
    facets_about = about(facets_about) if facets_about else None
    info = filterset.search_info
    return ListPage(paginator, page, page_message, snippets, facets, info, None, facets_about)


def paged_results(filterset):
    """What the list's pages are cut from: the results, or for a search narrowed by nothing
    else, the same results ranked from the current text index (search.current_index)."""
    results = filterset.qs  # built first: the search decides as it filters
    ranked = ranked_rows(filterset)  # never tested for truth: that would count it
    return results if ranked is None else ranked


WALK_FROM = 2000  # results from which a list's pages may be read law by law in order
WALK_PAGES = 5  # deeper pages of a filtered list would walk past too many rows: sorted
# Filters that leave a list dense in each law's index: every row walked is a result.
DENSE_FILTERS = frozenset({"law"})


def walks_in_number_order(
    filterset, query: str, total: int, number: int, page_size: int = PAGE_SIZE
) -> bool:
    """Whether the page is read by walk_in_number_order rather than by sorting every result:
    a list in number order (no search, no other sort) of at least WALK_FROM results, where the
    database can (PostgreSQL's LATERAL joins), on one of its first WALK_PAGES pages; or on any
    page of a list narrowed by nothing but its law, while the walk reads fewer rows than the
    sort (each law's first rows up to the page's end: every row walked is a result).

    At 100,000 synthetic articles, a page of 54,000 results: 22 ms sorted, 2 ms walked; the
    unfiltered list's sixth to twentieth pages: 103 ms sorted (PostgreSQL joined every
    article to every law to sort by the law's slug), 43 ms walked (whole requests)."""
    if (
        query
        or filterset.form.cleaned_data.get("sort")
        or total < WALK_FROM
        or not backend_for(connection).walks_in_order
    ):
        return False
    if number <= WALK_PAGES:
        return True
    active = filterset.active()
    laws = 1 if "law" in active else len(filterset.laws)  # the other laws' walks find nothing
    return active <= DENSE_FILTERS and laws * number * page_size <= total  # rows walked at most


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
    if filterset.figures_hold:
        attach_penalties([a.current_version for a in by_pk.values() if a.current_version])
    repeals_estimated(list(by_pk.values()), filterset.day)
    return [by_pk[pk] for pk in ids]


class ListPenalty(NamedTuple):
    """What a list row's penalty summary reads of a main penalty (penalty_summary): a tuple,
    not a Penalty model. A page of the imported codes holds some 550 penalties (430 of them
    main); reading the main ones as tuples took the page's rows from 14.9 to 11.5 ms."""

    version_id: int
    kind: str
    role: str
    unit: str
    min: int | None
    max: int | None
    subject: str
    optional: bool
    multiple_of: str


def attach_penalties(versions) -> None:
    """Each of `versions`' main penalties (the summary reads no other), in PENALTY_ORDER, as
    ListPenalty tuples in `version.list_penalties`: one query."""
    shares = {version.pk: [] for version in versions}
    if shares:
        rows = Penalty.objects.filter(version_id__in=list(shares), role=Role.MAIN)
        rows = rows.order_by(*PENALTY_ORDER).values_list(*ListPenalty._fields)
        for row in rows:
            shares[row[0]].append(ListPenalty._make(row))
    for version in versions:
        version.list_penalties = shares[version.pk]


def current_versions_joined(rows, *, texts: bool):
    """`rows` (with_list_columns of a day the stored figures hold) reading each article's
    version in force, its stored current one, in the same query as the article rather than
    by a prefetch of the versions: one query fewer (its penalties: attach_penalties)."""
    rows = rows.prefetch_related(None).select_related("law", "current_version")
    if not texts:
        rows = rows.defer("current_version__text_ru", "current_version__text_en")
    return rows  # their penalties: attach_penalties
