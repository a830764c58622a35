"""The second group of a search's results: the sources held (their titles and archived texts)
that match, best first, each with a highlighted passage."""

from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString

from provisions.models import Source
from search import query as textsearch
from search.backends import backend_for
from search.citations import parse_citations
from search.engine import clean


@dataclass
class SourceHit:
    source: object
    snippet: SafeString


def search_sources(query: str, *, limit: int = 5) -> list[SourceHit]:
    """Sources whose title or archived text matches, best first, with a highlighted passage."""
    query = clean(query)
    parsed = textsearch.parse_websearch(query)
    if parsed.is_empty or parse_citations(query):
        return []
    backend = backend_for(connection)
    match = backend.match(textsearch.plan(parsed))
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
