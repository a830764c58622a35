"""Full-text search: one interface, PostgreSQL or SQLite FTS5 underneath.

`search_articles(queryset, q, day=…)` filters any article queryset to the articles whose
version in force on `day` matches `q`, annotated with `search_rank` (higher is better):

1. a bare article reference ("ст. 275.1", "Art. 275.1", "20.2 КоАП") goes straight to it;
2. otherwise websearch syntax over titles (weighted highest), text and penalty names, with
   Russian and English stemming;
3. if nothing matches every word, any word may match (ranked by how much matches);
4. if still nothing, titles within typing distance ("шпеонаж" finds espionage).

Views never know which database they run on; this module is the only one that does.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import Case, F, FloatField, Func, Value, When
from django.db.models.functions import Greatest
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from provisions.models import in_force_q
from search import query as textsearch
from search.db_settings import local_setting

MARK_START, MARK_END = "\u0002", "\u0003"  # never in legal text; turned into <mark> after escaping
TYPO_THRESHOLD = 0.4  # pg_trgm-style word similarity; 0.3 let unrelated titles through
TYPO_LIMIT = 20
FULL_RANK_LIMIT = 2000  # more matches than this are ranked by titles and penalty names


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


class Bm25(Func):
    """SQLite FTS5 relevance (negated so higher is better); weights: title, body, penalties."""

    template = "-bm25(%(expressions)s, 10.0, 1.0, 3.0)"
    output_field = FloatField()


class SourceBm25(Func):
    template = "-bm25(%(expressions)s, 10.0, 1.0)"
    output_field = FloatField()


def clean(query: str | None) -> str:
    return (query or "").replace("\x00", " ").strip()[: textsearch.MAX_QUERY_LENGTH]


def postgres_query(query: str, parsed, *, any_word: bool = False):
    """websearch_to_tsquery in Russian or English; relaxed: any word, still without -excluded."""
    configs = ("russian", "english")
    if not any_word:
        russian, english = (SearchQuery(query, config=c, search_type="websearch") for c in configs)
        return russian | english
    combined = None
    for word in dict.fromkeys(parsed.positive_words):
        for config in configs:
            term = SearchQuery(word, config=config, search_type="plain")
            combined = term if combined is None else combined | term
    for term in parsed.negative_terms:
        for config in configs:
            combined &= SearchQuery(" ".join(term.words), config=config, invert=True)
    return combined


def matching(queryset, query: str, parsed, day: date, *, any_word: bool, current: bool):
    """Articles whose version in force on `day` matches; `current`: that version is each
    article's current one (the stored figures hold), read without the versions table."""
    search = "current_search" if current else "versions__search"
    if is_postgres():
        match = postgres_query(query, parsed, any_word=any_word)
    else:
        match = textsearch.fts5_query(parsed, any_word=any_word)
        if not match:
            return queryset.none()
    conditions = {f"{search}__document__match": match}
    if current:
        return queryset.filter(**conditions)
    # One filter() call, so the in-force condition and the match apply to the same version.
    return queryset.filter(in_force_q(day, "versions__"), **conditions)


def ranked(found, query: str, parsed, *, any_word: bool, current: bool, many: bool):
    """`found` with `search_rank`. PostgreSQL ranks a result of more than FULL_RANK_LIMIT
    articles by titles and penalty names alone: ranking by the text too would read every
    matching document (about 2.5 KB each) for a word that is in most of them."""
    search = "current_search" if current else "versions__search"
    if not is_postgres():
        return found.annotate(search_rank=Bm25(F(f"{search}__document")))
    match = postgres_query(query, parsed, any_word=any_word)
    vector = f"{search}__ranking" if many else f"{search}__document"
    return found.annotate(search_rank=SearchRank(F(vector), match, cover_density=True))


def count_up_to(queryset, limit: int) -> int:
    return len(queryset.order_by().values_list("pk", flat=True)[:limit])


def typo_tolerant(queryset, query: str):
    """Articles whose title is within trigram distance of the query."""
    if is_postgres():
        from django.contrib.postgres.search import TrigramWordSimilarity

        similarity = Greatest(
            TrigramWordSimilarity(query, "title_ru"), TrigramWordSimilarity(query, "title_en")
        )
        return (
            queryset.annotate(search_rank=similarity)
            .filter(search_rank__gt=TYPO_THRESHOLD)
            .order_by("-search_rank")
        )
    scores = sqlite_title_scores(query)
    if not scores:
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    rank = Case(
        *[When(pk=pk, then=Value(score)) for pk, score in scores.items()],
        output_field=FloatField(),
    )
    return queryset.filter(pk__in=scores).annotate(search_rank=rank)


def sqlite_title_scores(query: str) -> dict[int, float]:
    grams = {
        word.lower()[i : i + 3]
        for word in textsearch.words(query)
        for i in range(max(len(word) - 2, 0))
    }
    if not grams:
        return {}
    fts = " OR ".join(textsearch.quote_fts(gram) for gram in sorted(grams))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, title_ru, title_en FROM provisions_title_trigram "
            "WHERE provisions_title_trigram MATCH %s LIMIT 2000",
            [fts],
        )
        rows = cursor.fetchall()
    scores = {
        pk: max(textsearch.word_similarity(query, ru), textsearch.word_similarity(query, en))
        for pk, ru, en in rows
    }
    best = sorted(
        ((pk, score) for pk, score in scores.items() if score >= TYPO_THRESHOLD),
        key=lambda item: -item[1],
    )
    return dict(best[:TYPO_LIMIT])


def search_articles(queryset, query: str, *, day: date, current: bool = False, decisions=None):
    """`queryset` narrowed to the articles matching `query` on `day`, with `search_rank`.

    `current`: the version in force on `day` is each article's current one. `decisions`: a
    dict kept for one request, so the filtersets of the facets reuse the main one's choice
    of strict, relaxed or typo-tolerant matching instead of asking the database again.
    """
    query = clean(query)
    if not query:
        return queryset
    reference = textsearch.article_reference(query)
    if reference:
        law, number = reference
        found = queryset.filter(number=number)
        if law:
            found = found.filter(law__slug=law)
        return found.annotate(search_rank=Value(1000.0, output_field=FloatField()))
    parsed = textsearch.parse_websearch(query)
    if parsed.is_empty:
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    decisions = {} if decisions is None else decisions
    key = (query, day, current)
    if key not in decisions:
        decisions[key] = decide(queryset, query, parsed, day, current)
    how, many = decisions[key]
    if how == "typo":
        return typo_tolerant(queryset, query)
    any_word = how == "relaxed"
    found = matching(queryset, query, parsed, day, any_word=any_word, current=current)
    return ranked(found, query, parsed, any_word=any_word, current=current, many=many)


def decide(queryset, query: str, parsed, day: date, current: bool) -> tuple[str, bool]:
    """How to match: ("strict" | "relaxed" | "typo", whether there are over FULL_RANK_LIMIT)."""
    strict = matching(queryset, query, parsed, day, any_word=False, current=current)
    found = count_up_to(strict, FULL_RANK_LIMIT + 1)
    if found:
        return "strict", found > FULL_RANK_LIMIT
    if len(set(parsed.positive_words)) > 1:
        relaxed = matching(queryset, query, parsed, day, any_word=True, current=current)
        found = count_up_to(relaxed, FULL_RANK_LIMIT + 1)
        if found:
            return "relaxed", found > FULL_RANK_LIMIT
    if parsed.negative_terms:
        return "strict", False  # the excluded words ruled everything out; not a typo
    return "typo", False


@contextmanager
def index_first_plan(query: str | None):
    """Around the queries of one text search: on PostgreSQL, sequential scans only as a last
    resort. The planner does not count the cost of reading large documents out of TOAST, so
    for a word in most documents it reads them all (about a second at 100,000 articles)
    where the GIN index gives the same rows in a tenth of that."""
    if not (is_postgres() and clean(query)):
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        with local_setting(cursor, "enable_seqscan", "off"):
            yield


def marked_to_html(text: str) -> SafeString:
    """Escape a headline, then turn our private markers into <mark> elements."""
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)


def article_snippets(articles, query: str) -> dict[int, SafeString]:
    """A highlighted passage per article (of the version each row shows), keyed by article id."""
    query = clean(query)
    if not query or textsearch.article_reference(query):
        return {}
    parsed = textsearch.parse_websearch(query)
    wanted = parsed.positive_words
    versions = {
        article.pk: article.versions_in_force[0]
        for article in articles
        if getattr(article, "versions_in_force", None)
    }
    headlines = postgres_headlines(versions.values(), query) if is_postgres() else {}
    snippets = {}
    for article in articles:
        version = versions.get(article.pk)
        snippet = headlines.get(version.pk) if version else None
        if not snippet and version:
            snippet = textsearch.highlight(f"{version.text_ru} {version.text_en}", wanted)
        if not snippet:
            snippet = textsearch.highlight(f"{article.title_en} · {article.title_ru}", wanted)
        snippets[article.pk] = snippet
    return snippets


def postgres_headlines(versions, query: str) -> dict[int, SafeString]:
    from provisions.models import ArticleVersion

    ids = [version.pk for version in versions]
    if not ids:
        return {}
    options = {
        "start_sel": MARK_START,
        "stop_sel": MARK_END,
        "max_words": 35,
        "min_words": 15,
        "max_fragments": 2,
        "fragment_delimiter": " … ",
    }
    rows = ArticleVersion.objects.filter(pk__in=ids).annotate(
        headline_ru=SearchHeadline(
            "text_ru",
            SearchQuery(query, config="russian", search_type="websearch"),
            config="russian",
            **options,
        ),
        headline_en=SearchHeadline(
            "text_en",
            SearchQuery(query, config="english", search_type="websearch"),
            config="english",
            **options,
        ),
    )
    found = {}
    for row in rows.values("pk", "headline_ru", "headline_en"):
        for text in (row["headline_ru"], row["headline_en"]):
            if text and MARK_START in text:
                found[row["pk"]] = marked_to_html(text)
                break
    return found


@dataclass
class SourceHit:
    source: object
    snippet: SafeString


def search_sources(query: str, *, limit: int = 5) -> list[SourceHit]:
    """Sources whose title or archived text matches, best first, with a highlighted passage."""
    from provisions.models import Source

    query = clean(query)
    parsed = textsearch.parse_websearch(query)
    if parsed.is_empty or textsearch.article_reference(query):
        return []
    if is_postgres():
        match = postgres_query(query, parsed)
        rank = SearchRank(F("search__document"), match)
    else:
        match = textsearch.fts5_query(parsed)
        if not match:
            return []
        rank = SourceBm25(F("search__document"))
    sources = (
        Source.objects.filter(search__document__match=match)
        .annotate(search_rank=rank)
        .order_by("-search_rank", "title")[:limit]
    )
    return [
        SourceHit(
            source,
            textsearch.highlight(source.archived_text, parsed.positive_words)
            or textsearch.highlight(source.title, parsed.positive_words)
            or escape(source.title),
        )
        for source in sources
    ]


def only_punctuation(query: str | None) -> bool:
    """True for a query with characters but no word to search for."""
    text = clean(query)
    return bool(text) and not textsearch.words(text)
