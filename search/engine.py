"""Full-text search: one interface, PostgreSQL or SQLite FTS5 underneath.

`search_articles(queryset, q, day=…)` filters any article queryset to the articles whose
version in force on `day` (or, where that day's wording is not held, the current one)
matches `q`, annotated with `search_rank` (higher is better):

1. a bare article reference ("ст. 275.1", "Art. 275.1", "20.2 КоАП") goes straight to it;
2. otherwise websearch syntax over titles (weighted highest), text and penalty names, with
   Russian and English stemming;
3. if nothing matches every word, any word may match (ranked by how much matches);
4. if still nothing, titles within typing distance ("шпеонаж" finds espionage).

Views never know which database they run on, and neither does this module: the SQL of each
step comes from the connection's backend (search/backends).
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import Exists, FloatField, OuterRef, Q, Value
from django.utils.html import escape
from django.utils.safestring import SafeString

from provisions.models import ArticleVersion, in_force_q
from search import query as textsearch
from search.backends import backend_for

TYPO_THRESHOLD = 0.4  # pg_trgm-style word similarity; 0.3 let unrelated titles through
TYPO_LIMIT = 20
FULL_RANK_LIMIT = 2000  # more matches than this are ranked by titles and penalty names


def clean(query: str | None) -> str:
    return (query or "").replace("\x00", " ").strip()[: textsearch.MAX_QUERY_LENGTH]


def search_relation(current: bool) -> str:
    """The article's path to the search index row of the version searched."""
    return "current_search" if current else "versions__search"


def matching(queryset, match, day: date, *, current: bool):
    """Articles whose version in force on `day` matches `match` (a backend's; None matches
    nothing); `current`: that version is each article's current one (the stored figures
    hold), read without the versions table."""
    if match is None:
        return queryset.none()
    conditions = {f"{search_relation(current)}__document__match": match}
    if current:
        return queryset.filter(**conditions)
    # One filter() call, so the in-force condition and the match apply to the same version:
    # the one in force on `day`, or where no wording of that day is held (the article may
    # still have been in force: the list's in_force_on filter says), the current one.
    held_that_day = ArticleVersion.objects.filter(in_force_q(day), article=OuterRef("pk"))
    searched = in_force_q(day, "versions__") | (
        Q(versions__valid_to__isnull=True) & ~Exists(held_that_day)
    )
    return queryset.filter(searched, **conditions)


def count_up_to(queryset, limit: int) -> int:
    return len(queryset.order_by().values_list("pk", flat=True)[:limit])


def typo_tolerant(queryset, query: str):
    """Articles whose title is within trigram distance of the query."""
    backend = backend_for(connection)
    return backend.typo_tolerant(queryset, query, threshold=TYPO_THRESHOLD, limit=TYPO_LIMIT)


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
    backend = backend_for(connection)
    match = backend.match(query, parsed, any_word=how == "relaxed")
    found = matching(queryset, match, day, current=current)
    rank = backend.article_rank(search_relation(current), match, many=many)
    return found.annotate(search_rank=rank)


def decide(queryset, query: str, parsed, day: date, current: bool) -> tuple[str, bool]:
    """How to match: ("strict" | "relaxed" | "typo", whether there are over FULL_RANK_LIMIT)."""
    backend = backend_for(connection)
    strict = matching(queryset, backend.match(query, parsed), day, current=current)
    found = count_up_to(strict, FULL_RANK_LIMIT + 1)
    if found:
        return "strict", found > FULL_RANK_LIMIT
    if len(set(parsed.positive_words)) > 1:
        match = backend.match(query, parsed, any_word=True)
        found = count_up_to(matching(queryset, match, day, current=current), FULL_RANK_LIMIT + 1)
        if found:
            return "relaxed", found > FULL_RANK_LIMIT
    if parsed.negative_terms:
        return "strict", False  # the excluded words ruled everything out; not a typo
    return "typo", False


@contextmanager
def index_first_plan(query: str | None):
    """Around the queries of one text search (none without a query): the backend's hint that
    the planner should use the search indexes (on PostgreSQL, sequential scans only as a
    last resort)."""
    if not clean(query):
        yield
        return
    with backend_for(connection).index_first_plan():
        yield


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
    headlines = backend_for(connection).headlines(versions.values(), query)
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
    backend = backend_for(connection)
    match = backend.match(query, parsed)
    if match is None:
        return []
    sources = (
        Source.objects.filter(search__document__match=match)
        .annotate(search_rank=backend.source_rank(match))
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
