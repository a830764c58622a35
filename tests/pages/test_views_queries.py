"""What each detail page costs in queries (result cache off), and the source page's cap."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from provisions.models import MAX_SOURCE_CITATIONS, Citation, Source
from tests.factories import make_law, make_source

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_result_cache")]

OFFICIAL_TEXT = "pravo-uk-rf-102041891"

DETAIL_QUERIES = {
    # With the curated changes and the editorial notes its timeline is built from, so a day
    # whose wording is not held is never called "not in force"; the citations behind the
    # article, its versions, penalties and statistics in one query; a relation the article
    # row flags empty is not read (provisions.fetching).
    "/provisions/criminal-code/275/": 9,
    "/provisions/criminal-code/275/?format=json": 9,
    "/compare/?articles=criminal-code:275,criminal-code:276": 4,
    # With the articles the editorial notes name, and the laws in force the same day.
    "/amendments/260-fz-2022/": 8,
    "/sources/{source}/": 2,
}


@pytest.mark.parametrize("template", DETAIL_QUERIES)
def test_queries_per_detail_page(client, template, django_assert_max_num_queries):
    url = template.format(source=Source.objects.get(slug=OFFICIAL_TEXT).pk)
    with django_assert_max_num_queries(DETAIL_QUERIES[template]):
        assert client.get(url).status_code == 200


def test_a_source_page_shows_its_first_citations_whatever_their_number(client):
    source, law = make_source(), make_law(short_name="Cited law")
    Citation.objects.bulk_create(
        Citation(source=source, law=law, quote=f"Quote number {n}.")
        for n in range(MAX_SOURCE_CITATIONS + 5)
    )
    with CaptureQueriesContext(connection) as context:
        html = client.get(source.get_absolute_url()).content.decode()
    assert len(context) == 2
    assert html.count("<blockquote>") == MAX_SOURCE_CITATIONS
    assert f"It supports {MAX_SOURCE_CITATIONS + 5} facts" in html
    assert "Quote number 0." in html and f"Quote number {MAX_SOURCE_CITATIONS}." not in html
