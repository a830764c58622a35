"""PostgreSQL search: websearch_to_tsquery against weighted tsvectors in Russian and English,
ts_rank_cd, ts_headline for snippets and pg_trgm word similarity for typos."""

from contextlib import contextmanager

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from provisions.models import ArticleVersion
from search.backends.base import SearchBackend
from search.db_settings import local_setting
from search.query import ParsedQuery

CONFIGS = ("russian", "english")  # every query is read in both; the documents hold both
MARK_START, MARK_END = "\u0002", "\u0003"  # never in legal text; turned into <mark> after escaping
HEADLINE_OPTIONS = {
    "start_sel": MARK_START,
    "stop_sel": MARK_END,
    "max_words": 35,
    "min_words": 15,
    "max_fragments": 2,
    "fragment_delimiter": " … ",
}


def text_query(query: str, parsed: ParsedQuery, *, any_word: bool = False) -> SearchQuery:
    """websearch_to_tsquery in Russian or English; `any_word`: any positive word, in either
    language, still without the -excluded ones."""
    if not any_word:
        russian, english = (SearchQuery(query, config=c, search_type="websearch") for c in CONFIGS)
        return russian | english
    combined = None
    for word in dict.fromkeys(parsed.positive_words):
        for config in CONFIGS:
            term = SearchQuery(word, config=config, search_type="plain")
            combined = term if combined is None else combined | term
    for term in parsed.negative_terms:
        for config in CONFIGS:
            combined &= SearchQuery(" ".join(term.words), config=config, invert=True)
    return combined


def marked_to_html(text: str) -> SafeString:
    """Escape a headline, then turn our private markers into <mark> elements."""
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)


def headline(field: str, config: str, query: str) -> SearchHeadline:
    """ts_headline of `field` for `query` read in `config`, marked with MARK_START/MARK_END."""
    return SearchHeadline(
        field,
        SearchQuery(query, config=config, search_type="websearch"),
        config=config,
        **HEADLINE_OPTIONS,
    )


class PostgresBackend(SearchBackend):
    vendor = "postgresql"

    def prepare_connection(self) -> None:
        """Nothing to set up: the search configurations and pg_trgm are in the database."""

    def match(self, query: str, parsed: ParsedQuery, *, any_word: bool = False) -> SearchQuery:
        return text_query(query, parsed, any_word=any_word)

    def article_rank(self, search: str, match, *, many: bool) -> SearchRank:
        """ts_rank_cd. Over FULL_RANK_LIMIT articles it ranks the small `ranking` vector
        (titles and penalty names): ranking by the text too would read every matching
        document (about 2.5 KB each) for a word that is in most of them."""
        vector = f"{search}__ranking" if many else f"{search}__document"
        return SearchRank(F(vector), match, cover_density=True)

    def source_rank(self, match) -> SearchRank:
        return SearchRank(F("search__document"), match)

    def typo_tolerant(self, queryset, query: str, *, threshold: float, limit: int):
        """Every title above `threshold`, best first (the trigram index finds them, so no
        `limit` is needed)."""
        similarity = Greatest(
            TrigramWordSimilarity(query, "title_ru"), TrigramWordSimilarity(query, "title_en")
        )
        return (
            queryset.annotate(search_rank=similarity)
            .filter(search_rank__gt=threshold)
            .order_by("-search_rank")
        )

    def headlines(self, versions, query: str) -> dict[int, SafeString]:
        """ts_headline of each version's Russian text, else its English one: up to two
        fragments of 15–35 words, in one query."""
        ids = [version.pk for version in versions]
        if not ids:
            return {}
        rows = ArticleVersion.objects.filter(pk__in=ids).annotate(
            headline_ru=headline("text_ru", "russian", query),
            headline_en=headline("text_en", "english", query),
        )
        found = {}
        for row in rows.values("pk", "headline_ru", "headline_en"):
            for text in (row["headline_ru"], row["headline_en"]):
                if text and MARK_START in text:
                    found[row["pk"]] = marked_to_html(text)
                    break
        return found

    @contextmanager
    def index_first_plan(self):
        """Sequential scans only as a last resort. The planner does not count the cost of
        reading large documents out of TOAST, so for a word in most documents it reads them
        all (about a second at 100,000 articles) where the GIN index gives the same rows in
        a tenth of that."""
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            with local_setting(cursor, "enable_seqscan", "off"):
                yield
