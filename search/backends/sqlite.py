"""SQLite search: FTS5 tables of index tokens (search.morphology; the index triggers call
`lawbase_tokens`), bm25 ranking, and typo tolerance from an FTS5 trigram table of titles,
scored in Python the way pg_trgm's word_similarity scores on PostgreSQL."""

from contextlib import nullcontext
from functools import lru_cache

from django.db.models import F, FloatField, Func
from django.utils.safestring import SafeString

from search.backends.base import SearchBackend
from search.morphology import index_text
from search.query import Phrase, SearchPlan, Word, penalty_words, words

TITLE_CANDIDATES = 100  # the titles sharing most trigrams with the query (bm25), scored
# bm25 weights of the columns: title, body, penalties (titles over text over penalty names).
WEIGHTS = "10.0, 2.0, 1.0"


class Bm25(Func):
    """FTS5 relevance scaled to 0–1 (x / (x + 1) of the negated bm25, so higher is better)."""

    template = f"(-bm25(%(expressions)s, {WEIGHTS})) / (1.0 - bm25(%(expressions)s, {WEIGHTS}))"
    output_field = FloatField()


class SourceBm25(Func):
    """FTS5 relevance of a source (negated so higher is better); weights: title, body."""

    template = "-bm25(%(expressions)s, 10.0, 1.0)"
    output_field = FloatField()


def quote_fts(text: str) -> str:
    """`text` as one FTS5 string (a phrase), so no character in it is FTS5 syntax."""
    return '"' + text.replace('"', '""') + '"'


def fts5_item(item) -> str:
    if isinstance(item, Word):
        forms = sorted(item.forms)
        return quote_fts(forms[0]) if len(forms) == 1 else f"({' OR '.join(map(quote_fts, forms))})"
    assert isinstance(item, Phrase)
    return quote_fts(" ".join(item.tokens))


def fts5_query(plan: SearchPlan) -> str:
    """The plan as an FTS5 query over the index tokens; "" when nothing is left."""
    if not plan:
        return ""
    groups = []
    for group in plan.groups:
        items = [fts5_item(m) for m in group]
        groups.append(items[0] if len(items) == 1 else f"({' OR '.join(items)})")
    text = " AND ".join(groups)
    if plan.title_only:
        text = f"title : ({text})"
    for negative in plan.negatives:
        text = f"({text}) NOT {fts5_item(negative)}"
    return text


@lru_cache(maxsize=100_000)
def word_trigrams(word: str) -> frozenset[str]:
    """pg_trgm-style trigrams of one lower-case word (padded: two spaces before, one after)."""
    padded = f"  {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def trigrams(text: str) -> set[str]:
    """pg_trgm-style trigrams of each word of `text`."""
    grams = set()
    for word in words(text.lower()):
        grams |= word_trigrams(word)
    return grams


def word_similarity(query: str, title: str, query_grams: set[str] | None = None) -> float:
    """Best trigram similarity (0 to 1) between the query and any run of the title's words
    (up to one word more than the query has, and four at most), as pg_trgm's
    word_similarity scores a query against the best extent of a text."""
    query_grams = trigrams(query) if query_grams is None else query_grams
    if not query_grams:
        return 0.0
    title_grams = [word_trigrams(word) for word in words(title.lower())]
    longest = min(len(words(query)) + 1, 4)
    best = 0.0
    for i, grams in enumerate(title_grams):
        if query_grams.isdisjoint(grams):
            continue  # a best run starts with a word sharing a trigram
        run = set()
        for following in title_grams[i : i + longest]:
            run |= following
            shared = len(query_grams & run)
            best = max(best, shared / (len(query_grams) + len(run) - shared))
    return best


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    def prepare_connection(self) -> None:
        """Registers the Python functions the index triggers call to store Snowball stems."""
        raw = self.connection.connection
        raw.create_function("lawbase_tokens", 1, index_text, deterministic=True)
        # Search migration 0001's triggers, until 0003 replaces them.
        raw.create_function("lawbase_stems", 1, index_text, deterministic=True)
        raw.create_function("lawbase_penalty_words", 1, penalty_words, deterministic=True)

    def match(self, plan: SearchPlan) -> str | None:
        return fts5_query(plan) or None

    def article_rank(self, search: str, match, *, many: bool) -> Bm25:
        """bm25 whatever the size of the result: FTS5 computes it from the index alone."""
        return Bm25(F(f"{search}__document"))

    def source_rank(self, match) -> SourceBm25:
        return SourceBm25(F("search__document"))

    def title_scores(self, query: str, *, threshold: float, limit: int) -> dict[int, float]:
        """{article id: similarity} of the best `limit` titles at or above `threshold`, best
        first: the trigram table finds candidates sharing a trigram, Python scores them."""
        grams = {
            word.lower()[i : i + 3] for word in words(query) for i in range(max(len(word) - 2, 0))
        }
        if not grams:
            return {}
        fts = " OR ".join(quote_fts(gram) for gram in sorted(grams))
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid, title_ru, title_en FROM provisions_title_trigram "
                "WHERE provisions_title_trigram MATCH %s "
                f"ORDER BY bm25(provisions_title_trigram) LIMIT {TITLE_CANDIDATES}",
                [fts],
            )
            rows = cursor.fetchall()
        query_grams = trigrams(query)
        scores = {
            pk: max(
                word_similarity(query, ru, query_grams), word_similarity(query, en, query_grams)
            )
            for pk, ru, en in rows
        }
        best = sorted(
            ((pk, score) for pk, score in scores.items() if score >= threshold),
            key=lambda item: -item[1],
        )
        return dict(best[:limit])

    def headlines(self, versions, query: str) -> dict[int, SafeString]:
        """None: FTS5's snippet() would show stems, not the text as written."""
        return {}

    def index_first_plan(self, *, bitmap_only: bool = False):
        """Nothing to do: FTS5 tables are only ever read through their own index."""
        return nullcontext()
