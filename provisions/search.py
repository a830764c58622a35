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

from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Func, Value, When
from django.db.models.functions import Greatest
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from provisions import textsearch
from provisions.querysets import in_force_q

MARK_START, MARK_END = "\u0002", "\u0003"  # never in legal text; turned into <mark> after escaping
TYPO_THRESHOLD = 0.4  # pg_trgm-style word similarity; 0.3 let unrelated titles through
TYPO_LIMIT = 20


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


def matching(queryset, query: str, parsed, day: date, *, any_word: bool):
    """Articles whose version in force on `day` matches, with the match's rank."""
    document = "versions__search__document"
    if is_postgres():
        match = postgres_query(query, parsed, any_word=any_word)
        rank = SearchRank(F(document), match, cover_density=True)
    else:
        match = textsearch.fts5_query(parsed, any_word=any_word)
        if not match:
            return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
        rank = Bm25(F(document))
    # One filter() call, so the in-force condition and the match apply to the same version.
    return queryset.filter(in_force_q(day, "versions__"), **{f"{document}__match": match}).annotate(
        search_rank=rank
    )


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


def search_articles(queryset, query: str, *, day: date):
    """`queryset` narrowed to the articles matching `query` on `day`, with `search_rank`."""
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
    strict = matching(queryset, query, parsed, day, any_word=False)
    if strict.exists():
        return strict
    if len(set(parsed.positive_words)) > 1:
        relaxed = matching(queryset, query, parsed, day, any_word=True)
        if relaxed.exists():
            return relaxed
    if parsed.negative_terms:
        return strict  # the excluded words ruled everything out; typos are not the reason
    return typo_tolerant(queryset, query)


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
