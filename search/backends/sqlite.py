"""SQLite search: FTS5 tables of Snowball stems (the index triggers call `lawbase_stems`),
bm25 ranking, and typo tolerance from an FTS5 trigram table of titles, scored in Python the
way pg_trgm's word_similarity scores on PostgreSQL."""

from contextlib import nullcontext

from django.db.models import Case, F, FloatField, Func, Value, When
from django.utils.safestring import SafeString

from search.backends.base import SearchBackend
from search.query import STOPWORDS, ParsedQuery, Term, penalty_words, stem, stems_text, words

TITLE_CANDIDATES = 2000  # titles sharing a trigram with the query, scored in Python


class Bm25(Func):
    """FTS5 relevance (negated so higher is better); weights: title, body, penalties."""

    template = "-bm25(%(expressions)s, 10.0, 1.0, 3.0)"
    output_field = FloatField()


class SourceBm25(Func):
    """FTS5 relevance of a source (negated so higher is better); weights: title, body."""

    template = "-bm25(%(expressions)s, 10.0, 1.0)"
    output_field = FloatField()


def quote_fts(text: str) -> str:
    """`text` as one FTS5 string (a phrase), so no character in it is FTS5 syntax."""
    return '"' + text.replace('"', '""') + '"'


def fts5_query(parsed: ParsedQuery, *, any_word: bool = False) -> str:
    """The query for the stemmed FTS5 index; `any_word` relaxes AND to OR (the fallback).

    Stopwords are left out of single-word terms (they stay inside quoted phrases). An empty
    string when no word is left.
    """

    def phrase(term: Term) -> str | None:
        kept = (
            term.words
            if len(term.words) > 1
            else [w for w in term.words if w.lower() not in STOPWORDS]
        )
        return quote_fts(" ".join(stem(w) for w in kept)) if kept else None

    if any_word:
        positives = [quote_fts(stem(w)) for w in dict.fromkeys(parsed.positive_words)]
        positives = [" OR ".join(positives)] if positives else []
    else:
        positives = []
        for group in parsed.groups:
            alternatives = [p for t in group if not t.negated and (p := phrase(t))]
            if alternatives:
                positives.append(
                    alternatives[0] if len(alternatives) == 1 else f"({' OR '.join(alternatives)})"
                )
    if not positives:
        return ""
    text = " AND ".join(positives)
    for negative in filter(None, map(phrase, parsed.negative_terms)):
        text = f"({text}) NOT {negative}"
    return text


def trigrams(text: str) -> set[str]:
    """pg_trgm-style trigrams of each word (padded with two spaces before, one after)."""
    grams = set()
    for word in words(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def word_similarity(query: str, title: str) -> float:
    """Best trigram similarity (0 to 1) between the query and any run of up to four of the
    title's words."""
    query_grams = trigrams(query)
    if not query_grams:
        return 0.0
    best = 0.0
    title_words = words(title.lower())
    for size in range(1, min(len(title_words), 4) + 1):
        for i in range(len(title_words) - size + 1):
            grams = trigrams(" ".join(title_words[i : i + size]))
            union = query_grams | grams
            best = max(best, len(query_grams & grams) / len(union) if union else 0.0)
    return best


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    def prepare_connection(self) -> None:
        """Registers the Python functions the index triggers call to store Snowball stems."""
        raw = self.connection.connection
        raw.create_function("lawbase_stems", 1, stems_text, deterministic=True)
        raw.create_function("lawbase_penalty_words", 1, penalty_words, deterministic=True)

    def match(self, query: str, parsed: ParsedQuery, *, any_word: bool = False) -> str | None:
        return fts5_query(parsed, any_word=any_word) or None

    def article_rank(self, search: str, match, *, many: bool) -> Bm25:
        """bm25 whatever the size of the result: FTS5 computes it from the index alone."""
        return Bm25(F(f"{search}__document"))

    def source_rank(self, match) -> SourceBm25:
        return SourceBm25(F("search__document"))

    def typo_tolerant(self, queryset, query: str, *, threshold: float, limit: int):
        scores = self.title_scores(query, threshold=threshold, limit=limit)
        if not scores:
            return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
        rank = Case(
            *[When(pk=pk, then=Value(score)) for pk, score in scores.items()],
            output_field=FloatField(),
        )
        return queryset.filter(pk__in=scores).annotate(search_rank=rank)

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
                f"WHERE provisions_title_trigram MATCH %s LIMIT {TITLE_CANDIDATES}",
                [fts],
            )
            rows = cursor.fetchall()
        scores = {
            pk: max(word_similarity(query, ru), word_similarity(query, en)) for pk, ru, en in rows
        }
        best = sorted(
            ((pk, score) for pk, score in scores.items() if score >= threshold),
            key=lambda item: -item[1],
        )
        return dict(best[:limit])

    def headlines(self, versions, query: str) -> dict[int, SafeString]:
        """None: FTS5's snippet() would show stems, not the text as written."""
        return {}

    def index_first_plan(self):
        """Nothing to do: FTS5 tables are only ever read through their own index."""
        return nullcontext()
