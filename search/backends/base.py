"""What a search backend provides: the database-specific half of full-text search.

search/engine.py decides how to match (strict, any word, then typos) without knowing the
database; a backend turns each decision into its database's SQL. One subclass per vendor,
in postgres.py and sqlite.py; search/backends/__init__.py picks one for a connection.
"""

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager

from django.db.models import Expression, QuerySet
from django.utils.safestring import SafeString

from search.query import ParsedQuery


class SearchBackend(ABC):
    """The vendor-specific pieces, for one database connection.

    A match is whatever the `match` lookup of a search document takes on this database
    (a tsquery expression, an FTS5 query string); the engine only passes it on.
    """

    vendor = ""  # the `connection.vendor` this backend serves

    def __init__(self, connection):
        self.connection = connection

    @abstractmethod
    def prepare_connection(self) -> None:
        """Sets up a new database connection, before its first query."""

    @abstractmethod
    def match(self, query: str, parsed: ParsedQuery, *, any_word: bool = False):
        """The match for `query` (websearch syntax; `parsed` is the same query parsed).

        Every word must match; with `any_word`, any of the positive words may (excluded
        words still rule a document out). None when nothing is left to search for.
        """

    @abstractmethod
    def article_rank(self, search: str, match, *, many: bool) -> Expression:
        """A float relevance, higher is better, for articles filtered by `match` through the
        search index relation `search` ("current_search" or "versions__search").

        `many`: the result holds more than the engine's FULL_RANK_LIMIT articles; a backend
        may then rank by cheaper parts of the document (titles, penalty names).
        """

    @abstractmethod
    def source_rank(self, match) -> Expression:
        """A float relevance, higher is better, for sources filtered by `match`."""

    @abstractmethod
    def typo_tolerant(self, queryset: QuerySet, query: str, *, threshold: float, limit: int):
        """`queryset` narrowed to articles whose Russian or English title is within trigram
        distance of `query`, annotated with `search_rank` (the similarity, 0 to 1).

        `threshold`: the least similarity kept. `limit`: the most titles kept by a backend
        that scores them outside the database.
        """

    @abstractmethod
    def headlines(self, versions, query: str) -> dict[int, SafeString]:
        """Highlighted passages made by the database, keyed by version id; only versions with
        a highlighted word appear; empty where the database makes none (the engine then
        highlights in Python)."""

    @abstractmethod
    def index_first_plan(self) -> AbstractContextManager:
        """A context for the queries of one text search in which the planner prefers the
        search indexes; a no-op where the planner needs no hint."""
