"""What a search backend provides: the database-specific half of full-text search.

search/engine.py decides how to match (strict, any word, then typos) without knowing the
database; a backend turns each decision into its database's SQL. One subclass per vendor,
in postgres.py and sqlite.py; search/backends/__init__.py picks one for a connection.
"""

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager

from django.db.models import Case, Expression, FloatField, QuerySet, Value, When
from django.utils.safestring import SafeString

from search.query import SearchPlan


class SearchBackend(ABC):
    """The vendor-specific pieces, for one database connection.

    A match is whatever the `match` lookup of a search document takes on this database
    (a tsquery expression, an FTS5 query string); the engine only passes it on.
    """

    vendor = ""  # the `connection.vendor` this backend serves
    # The search row's field a titles-only match (SearchPlan.title_only) is run against.
    title_field = "document"
    # Whether a list may be read law by law in number order through LATERAL joins
    # (search.number_order).
    walks_in_order = False
    # Whether one query may count several groupings of the results (GROUPING SETS, FILTER):
    # the list's facets in one pass (search.facets).
    groups_in_sets = False

    def __init__(self, connection):
        self.connection = connection

    @abstractmethod
    def prepare_connection(self) -> None:
        """Sets up a new database connection, before its first query."""

    @abstractmethod
    def match(self, plan: SearchPlan):
        """The match for `plan` (search.query.plan): every group, none of the negatives;
        in the titles only when `plan.title_only`. None when nothing is left to search for.
        """

    @abstractmethod
    def article_rank(self, search: str, match, *, many: bool) -> Expression:
        """A float relevance from 0 to 1, higher is better, for articles filtered by `match`
        through the search index relation `search` ("current_search" or "versions__search";
        "" for rows of an index table itself, search.current_index);
        titles weigh more than the text, the text more than penalty names.

        `many`: the result holds more than the engine's FULL_RANK_LIMIT articles; a backend
        may then rank by cheaper parts of the document (titles, penalty names).
        """

    @abstractmethod
    def source_rank(self, match) -> Expression:
        """A float relevance, higher is better, for sources filtered by `match`."""

    def typo_tolerant(self, queryset: QuerySet, query: str, *, threshold: float, limit: int):
        """`queryset` narrowed to the `limit` articles whose Russian or English title is most
        similar to `query` (trigram word similarity at least `threshold`), annotated with
        `search_rank` (the similarity, 0 to 1)."""
        return self.ranked_by_scores(
            queryset, self.title_scores(query, threshold=threshold, limit=limit)
        )

    @staticmethod
    def ranked_by_scores(queryset: QuerySet, scores: dict[int, float]):
        """`queryset` narrowed to the articles in `scores` ({id: similarity}, from
        `title_scores`), annotated with their similarity as `search_rank`."""
        if not scores:
            return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
        rank = Case(
            *[When(pk=pk, then=Value(float(score))) for pk, score in scores.items()],
            output_field=FloatField(),
        )
        return queryset.filter(pk__in=scores).annotate(search_rank=rank)

    def estimated_count(self, queryset: QuerySet) -> int | None:
        """The rows the database's planner expects `queryset` to return, without running it;
        None where the database gives no estimate worth showing (search.large_results)."""
        return None

    @abstractmethod
    def title_scores(self, query: str, *, threshold: float, limit: int) -> dict[int, float]:
        """{article id: similarity} of the best `limit` titles at or above `threshold`,
        found through a trigram index of the titles, not by reading them all."""

    @abstractmethod
    def headlines(self, versions, query: str) -> dict[int, SafeString]:
        """Highlighted passages made by the database, keyed by version id; only versions with
        a highlighted word appear; empty where the database makes none (the engine then
        highlights in Python)."""

    @abstractmethod
    def index_first_plan(self, *, bitmap_only: bool = False) -> AbstractContextManager:
        """A context for the queries of one text search in which the planner prefers the
        search indexes (`bitmap_only`: reads them as bitmaps only, for queries that ask
        whether and how often a query matches); a no-op where the planner needs no hint."""
