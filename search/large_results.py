"""Searches matching tens of thousands of articles: an estimated count, pages read in order.

A word in most articles ("jurisdiction" in 80,000 of 100,000) cannot be counted, faceted and
ranked exactly without reading every match three times (about 700 ms at 100,000 articles on
PostgreSQL). For such a search the HTML list instead:

- says how many articles match as the planner's estimate, rounded and labelled "about";
- orders the articles ranked above the text rank (search.engine.rank_tiers: the title is the
  query, a pasted passage, every word in the title) first, then the rest in the list's number
  order, read from the (law, sort_key) index law by law until the page is full, so a page
  reads about as many matches as it shows;
- pages through the first LARGE_PAGED of them, and offers the exact count and the facets on
  request (`?count=all`), which is what JSON, CSV and the API always give.

Only where the database can estimate a query's rows (PostgreSQL) and the list is in its
default order on a day the stored figures describe; anywhere else the list is exact.

A search narrowed by filters to fewer results is listed, counted and ranked exactly, but its
facets count the matches each filter leaves out (the law facet: the word in every law); where
those are tens of thousands (`large_facets`), the HTML list leaves the facets out in the same
way, said so, and counts them on request.
"""

from django.db import connection

from search.backends import backend_for
from search.number_order import walk_in_number_order

LARGE_FROM = 5000  # estimated matches from which a search lists in this way
LARGE_PAGED = 5000  # results paged through; narrow the search to reach the rest
EXACT_PARAMETER, EXACT_VALUE = "count", "all"


def about(estimate: int) -> int:
    """`estimate` rounded to two significant figures (81,234 → 81,000)."""
    if estimate < 100:
        return estimate
    scale = 10 ** (len(str(estimate)) - 2)
    return round(estimate / scale) * scale


class LargeResults:
    """The results of a large search as Paginator's object list: `count()` the rows paged
    through (at most LARGE_PAGED), a slice the article ids of that window, tiered first."""

    def __init__(self, filterset, tiered: list[int], estimate: int):
        self.filterset = filterset
        self.tiered = tiered
        self.estimate = estimate

    def count(self) -> int:
        return min(self.estimate, LARGE_PAGED)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[int]:
        start, stop = window.start or 0, window.stop
        ids = self.tiered[start:stop]
        wanted = stop - start - len(ids)
        if wanted > 0:
            offset = max(start - len(self.tiered), 0)
            ids += walk_in_number_order(self.filterset, self.tiered, offset, wanted)
        return ids


def large_facets(filterset) -> int | None:
    """The estimated matches the facets of the filterset's search would count, when they are
    at least LARGE_FROM and the HTML list should leave the facets out (module docstring);
    None when they are to be counted. Call after large_results."""
    from search.engine import search_decision
    from search.facets import FACETS

    decision = search_decision(filterset.search_decisions)
    if (
        decision is None
        or not decision.many
        or not filterset.figures_hold
        or filterset.form.data.get(EXACT_PARAMETER) == EXACT_VALUE
    ):
        return None
    counted = filterset.without(*FACETS).values("pk")
    estimate = backend_for(connection).estimated_count(counted)
    return estimate if estimate is not None and estimate >= LARGE_FROM else None


def large_results(filterset) -> LargeResults | None:
    """The filterset's results as LargeResults when its search is large (module docstring);
    None when the list should be counted and ordered exactly."""
    from search.engine import search_decision

    results = filterset.qs  # built first: the search decides as it filters
    decision = search_decision(filterset.search_decisions)
    cleaned = filterset.form.cleaned_data
    if (
        decision is None
        or not decision.many
        or not filterset.figures_hold
        or cleaned.get("sort")
        or filterset.form.data.get(EXACT_PARAMETER) == EXACT_VALUE
    ):
        return None
    estimate = backend_for(connection).estimated_count(results.order_by().values("pk"))
    if estimate is None or estimate < LARGE_FROM:
        return None
    # Of the articles ranked above the text rank (at most TITLE_CANDIDATES), those the other
    # filters keep, in the list's order: rank tier first, then number.
    tiered = list(results.filter(pk__in=list(decision.tiers)).values_list("pk", flat=True))
    return LargeResults(filterset, tiered, estimate)
