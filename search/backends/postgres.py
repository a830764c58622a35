"""PostgreSQL search: tsqueries of index tokens (search.morphology) against the weighted
tsvectors of the `lawbase` text search configuration, ts_rank, and pg_trgm word similarity
over the titles' trigram indexes for typos."""

import json
import threading
from contextlib import contextmanager

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils.safestring import SafeString

from search.backends.base import SearchBackend
from search.db_settings import local_setting, local_settings, set_settings
from search.query import Phrase, SearchPlan, Word

# ts_rank's weights of D (unused), C (penalty names), B (text), A (titles).
WEIGHTS = [0.0, 0.1, 0.4, 1.0]

# The planner settings of the index_first_plan blocks open on each connection (by alias),
# innermost last: per thread, as Django's connections are.
open_plans = threading.local()


def lexeme(token: str, title_only: bool) -> str:
    return f"'{token}'" + (":A" if title_only else "")


def tsquery_text(item, title_only: bool = False) -> str:
    """One word (its forms, OR) or phrase (its tokens in order) as tsquery text."""
    if isinstance(item, Word):
        return "(" + " | ".join(lexeme(f, title_only) for f in sorted(item.forms)) + ")"
    assert isinstance(item, Phrase)
    return "(" + " <-> ".join(lexeme(t, title_only) for t in item.tokens) + ")"


def raw_tsquery(plan: SearchPlan) -> str:
    """The plan as to_tsquery text: index tokens only, so the `simple` configuration leaves
    them as they are."""
    groups = [
        "(" + " | ".join(tsquery_text(m, plan.title_only) for m in group) + ")"
        for group in plan.groups
    ]
    text = " & ".join(groups)
    for negative in plan.negatives:
        text += f" & !{tsquery_text(negative)}"
    return text


class PostgresBackend(SearchBackend):
    vendor = "postgresql"
    # Titles (weight A) and penalty names only, with its own GIN index (search migration
    # 0005): matching titles there never reads the whole documents to check their weights.
    title_field = "ranking"
    walks_in_order = True
    groups_in_sets = True

    def prepare_connection(self) -> None:
        """Nothing to set up: the search configurations and pg_trgm are in the database."""

    def match(self, plan: SearchPlan) -> SearchQuery | None:
        if not plan:
            return None
        return SearchQuery(raw_tsquery(plan), config="simple", search_type="raw")

    def article_rank(self, search: str, match, *, many: bool) -> SearchRank:
        """ts_rank scaled to 0–1 (rank / (rank + 1)). Over FULL_RANK_LIMIT articles it ranks
        the small `ranking` vector (titles and penalty names): ranking by the text too would
        read every matching document (about 2.5 KB each) for a word in most of them.

        Not ts_rank_cd: a query word stands for all its forms (search.morphology), so a
        query is an OR of dozens of lexemes, and cover density over that cost 296 ms for
        1,618 small vectors where ts_rank takes 14 ms (42 ms over the whole documents)."""
        column = "ranking" if many else "document"
        vector = f"{search}__{column}" if search else column
        return SearchRank(F(vector), match, weights=WEIGHTS, normalization=32)

    def source_rank(self, match) -> SearchRank:
        return SearchRank(F("search__document"), match, normalization=32)

    def estimated_count(self, queryset) -> int | None:
        """The planner's row estimate for `queryset` (EXPLAIN, not run). For a tsquery it
        comes from the lexemes' frequencies in the column's statistics (ANALYZE), so within
        a few per cent for a common word; for several words it assumes they are independent."""
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:
            return 0
        with self.connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return int(plan[0]["Plan"]["Plan Rows"])

    def title_scores(self, query: str, *, threshold: float, limit: int) -> dict[int, float]:
        """{article id: word similarity} of the best `limit` titles above `threshold`, best
        first: `<%` lets the titles' GIN trigram indexes find them, not a scan."""
        restore = self.connection.in_atomic_block  # else the transaction is this block's
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            cursor.execute("SELECT word_similarity('', '')")  # loads pg_trgm and its setting
            threshold_setting = ("pg_trgm.word_similarity_threshold", str(threshold))
            with local_setting(cursor, *threshold_setting, restore=restore):
                cursor.execute(
                    "SELECT id, greatest(word_similarity(%s, title_ru), "
                    "word_similarity(%s, title_en)) AS score FROM provisions_article "
                    "WHERE %s <%% title_ru OR %s <%% title_en "
                    "ORDER BY score DESC, id LIMIT %s",
                    [query, query, query, query, limit],
                )
                return dict(cursor.fetchall())

    def headlines(self, versions, query: str) -> dict[int, SafeString]:
        """None: the engine highlights the forms the query matched, the same on every
        database (ts_headline would stem the words its own way)."""
        return {}

    @contextmanager
    def index_first_plan(self, *, bitmap_only: bool = False):
        """Sequential scans only as a last resort. The planner does not count the cost of
        reading large documents out of TOAST, so for a word in most documents it reads them
        all (about a second at 100,000 articles) where the GIN index gives the same rows in
        a tenth of that.

        `bitmap_only`: plain index scans too, for the queries that only ask whether and how
        often a query matches (search.engine.decide). The planner guesses a tsquery of many
        word forms to match thousands of rows, so under a LIMIT it walks a primary key
        testing every document (60 ms for a misspelt word on the imported codes) where the
        GIN index answers in 0.2 ms. Not for the page's own queries: joining thousands of
        matches to their articles, plain index scans are three times faster."""
        # Both named every time, so a block inside another sets what it says.
        settings = {"enable_seqscan": "off", "enable_indexscan": "off" if bitmap_only else "on"}
        opened = open_plans.__dict__.setdefault(self.connection.alias, [])
        if opened:
            # Inside another block, in its transaction, whose values are known: set those
            # that differ and put them back after (no savepoint, nothing read first).
            outer = opened[-1]
            changed = {name: value for name, value in settings.items() if outer[name] != value}
            with self.connection.cursor() as cursor:
                set_settings(cursor, changed)
                opened.append(settings)
                aborted = False
                try:
                    yield
                except DatabaseError:
                    aborted = True  # the transaction ends, settings and all: nothing to set
                    raise
                finally:
                    opened.pop()
                    if not aborted:
                        set_settings(cursor, {name: outer[name] for name in changed})
            return
        # A block that is a transaction of its own needs nothing put back: the settings end
        # with it (two statements fewer).
        restore = self.connection.in_atomic_block
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            with local_settings(cursor, settings, restore=restore):
                opened.append(settings)
                try:
                    yield
                finally:
                    opened.pop()
