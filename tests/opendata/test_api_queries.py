"""What each detail endpoint of the API costs in queries (result cache off), and the cap on a
source's citations its schema promises."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from provisions.models import MAX_SOURCE_CITATIONS, Citation, Source
from tests.factories import make_law, make_source

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_result_cache")]

# Each with one query for the Last-Modified stamp.
DETAIL_QUERIES = {
    # with the changes and notes of its timeline; relations flagged empty are not read
    "/api/articles/criminal-code/275": 10,
    "/api/amendments/260-fz-2022": 7,  # with the articles the editorial notes name
    "/api/sources/{source}": 3,
}


@pytest.mark.parametrize("template", DETAIL_QUERIES)
def test_queries_per_detail_endpoint(client, template, django_assert_max_num_queries):
    url = template.format(source=Source.objects.get(slug="pravo-uk-rf-102041891").pk)
    with django_assert_max_num_queries(DETAIL_QUERIES[template]):
        assert client.get(url).status_code == 200


def test_a_source_returns_its_first_citations_as_its_schema_says(client):
    source, law = make_source(), make_law(short_name="Cited law")
    Citation.objects.bulk_create(
        Citation(source=source, law=law, quote=f"Quote number {n}.")
        for n in range(MAX_SOURCE_CITATIONS + 5)
    )
    with CaptureQueriesContext(connection) as context:
        body = client.get(f"/api/sources/{source.pk}").json()
    assert len(context) == 3
    assert body["citation_count"] == MAX_SOURCE_CITATIONS + 5
    quotes = [citation["quote"] for citation in body["citations"]]
    assert quotes == [f"Quote number {n}." for n in range(MAX_SOURCE_CITATIONS)]
    assert body["citations"][0]["supports"] == "law Cited law"
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]["SourceDetail"]
    assert f"first {MAX_SOURCE_CITATIONS}" in schema["properties"]["citations"]["description"]


def test_the_page_and_the_api_show_the_same_citations_of_a_source(client):
    source = Source.objects.get(slug="pravo-uk-rf-102041891")
    api = client.get(f"/api/sources/{source.pk}").json()["citations"]
    html = client.get(source.get_absolute_url()).content.decode()
    assert len(api) == html.count("<blockquote") == min(source.citations.count(), 200)
