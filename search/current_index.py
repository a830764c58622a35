"""A search of today's text counted and ranked from one table (PostgreSQL).

The list's results are articles: a search joins each article to the index row of its current
version, so counting the facets and ranking a page read the articles too. For a word in a
third of 100,000 synthetic articles that was 250 ms a query, twice per page
(/api/articles?q=technical, the slowest shape of the crawl). Search migration 0007 keeps a
row per article (search.models.CurrentSearch) with that index row and the columns the facets
and the number order read: law, penalty kinds and units, topic bits, number key. Where the
list is narrowed by the query and nothing those columns cannot say, its facets are counted
and its page ranked from that table alone (54 and 51 ms), and only the page's 50 articles are
read after.

The same results in the same order as the articles' own query: the match, the rank (tiers
decided in Python, then the database's text rank) and the order (rank, law, number) are built
by the same functions (search.engine); tests/search/test_current_index.py holds the two side
by side. Elsewhere (SQLite, another day, other filters, a citation or typo search, a sort)
the list reads the articles as before.
"""

from django.db import connection
from django.db.models import F

from provisions.penalties import PENALTY_KIND_BITS, PENALTY_UNIT_BITS
from search.backends import backend_for
from search.engine import search_decision, text_match, with_tiers
from search.models import CurrentSearch

# Filters whose effect the table's own columns give (the rest need the articles).
NARROWED_HERE = frozenset({"q", "law", "topic", "penalty_kind", "penalty_unit"})
TEXT_MODES = frozenset({"all", "any", "phrase"})  # a citation or typo search ranks otherwise


def table_held() -> bool:
    """Whether this database keeps the table (search migration 0007: PostgreSQL)."""
    return connection.vendor == "postgresql"


def text_search(filterset):
    """(decision, match) of the filterset's text search where this table can answer it (not
    SQLite, the stored figures today's, a word or phrase search), else (None, None). Call once
    the filterset's results were built (its search decided)."""
    if not table_held() or not filterset.figures_hold:
        return None, None
    decision = search_decision(filterset.search_decisions)
    if decision is None or decision.how not in TEXT_MODES:
        return None, None
    return decision, text_match(filterset.form.cleaned_data["q"], decision)


def current_rows(filterset, *left_out: str):
    """The filterset's results without the filters `left_out`, as a CurrentSearch queryset
    (one row per article, `pk` its id), or None where that table cannot stand for them
    (text_search, or a filter active that its columns cannot apply)."""
    cleaned = filterset.form.cleaned_data
    active = filterset.active() - set(left_out)
    if "q" not in active or active - NARROWED_HERE:
        return None
    decision, match = text_search(filterset)
    if match is None:
        return None
    rows = CurrentSearch.objects.filter(document__match=match)
    if "law" in active:
        rows = rows.filter(law=cleaned["law"])
    if "topic" in active:
        bit = cleaned["topic"].bit
        if bit is None:
            return None  # counted through the article–topic table
        rows = rows.alias(has_topic=F("topic_bits").bitand(bit)).filter(has_topic__gt=0)
    if "penalty_kind" in active:
        bit = PENALTY_KIND_BITS[cleaned["penalty_kind"]]
        rows = rows.alias(has_kind=F("current_penalty_kinds").bitand(bit)).filter(has_kind__gt=0)
    if "penalty_unit" in active:
        bit = PENALTY_UNIT_BITS[cleaned["penalty_unit"]]
        rows = rows.alias(has_unit=F("current_penalty_units").bitand(bit)).filter(has_unit__gt=0)
    return rows


class RankedRows:
    """The results of such a search as a Paginator's object list: `count()` the rows (the
    caller sets the count from the facets where it has it), a slice the article ids of that
    window in the list's order: rank, then law and number (search.filters.SORTS)."""

    def __init__(self, rows, decision, match):
        rank = backend_for(connection).article_rank("", match, many=decision.many)
        self.rows = rows.annotate(search_rank=with_tiers(rank, decision.tiers)).order_by(
            F("search_rank").desc(), F("law__slug").asc(), F("sort_key").asc()
        )
        self.tiered = list(decision.tiers)

    def count(self) -> int:
        return self.rows.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[int]:
        """The ids of `window` (a slice with a stop), in the list's order. A window within the
        articles ranked in tiers (every tier is above the text rank, which is 0 to 1) is cut
        from those alone: for a word in 36,000 of 100,000 synthetic articles, ranking every
        match took 35 ms (/api/articles?q=discrediting), the 500 tiered ones about 1 ms."""
        if window.stop is not None and len(self.tiered) >= window.stop > 0:
            ids = self.ids(self.rows.filter(pk__in=self.tiered), slice(0, window.stop))
            if len(ids) == window.stop:  # the other filters kept enough of them
                return ids[window]
        return self.ids(self.rows, window)

    @staticmethod
    def ids(rows, window: slice = slice(None)) -> list[int]:
        # The rank selected too: ORDER BY an unselected annotation may be a bare constant.
        return [pk for pk, _ in rows.values_list("pk", "search_rank")[window]]


def ranked_rows(filterset) -> RankedRows | None:
    """The filterset's results as RankedRows where current_rows can stand for them and the
    list is in its default order (no `sort`); else None."""
    if filterset.form.cleaned_data.get("sort"):
        return None
    rows = current_rows(filterset)
    if rows is None:
        return None
    decision, match = text_search(filterset)
    return RankedRows(rows, decision, match)
