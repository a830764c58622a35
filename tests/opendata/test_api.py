"""The read-only API through Django's test client: shapes, caching headers, bad input."""

import pytest

pytestmark = pytest.mark.django_db


def test_article_endpoint_keeps_the_article_json_contract(client):
    api = client.get("/api/articles/criminal-code/275.1").json()
    page = client.get("/provisions/criminal-code/275.1/", {"format": "json"}).json()
    assert api == page


def test_article_as_of(client):
    data = client.get("/api/articles/criminal-code/275", {"as_of": "2023-01-01"}).json()
    assert [v["introduced_by"] for v in data["versions"]] == ["260-FZ"]
    assert client.get("/api/articles/criminal-code/275", {"as_of": "x"}).status_code == 400
    assert client.get("/api/articles/criminal-code/9999").status_code == 404


def test_article_list_has_every_filter_of_the_list_page(client):
    api = client.get(
        "/api/articles", {"topic": "treason", "max_prison_years_min": "10", "sort": "heaviest"}
    ).json()
    page = client.get(
        "/provisions/",
        {"topic": "treason", "max_prison_years_min": "10", "sort": "heaviest", "format": "json"},
    ).json()
    assert [r["number"] for r in api["results"]] == [r["number"] for r in page["results"]]
    assert api["facets"] == page["facets"]
    bad = client.get("/api/articles", {"in_force_on": "notadate"})
    assert bad.status_code == 400 and "in_force_on" in bad.json()["errors"]


def test_pagination_is_stable_and_capped(client):
    first = client.get("/api/sources", {"page_size": 10}).json()
    second = client.get("/api/sources", {"page_size": 10, "page": 2}).json()
    ids = [s["id"] for s in first["results"] + second["results"]]
    assert ids == sorted(ids) and len(set(ids)) == 20
    assert client.get("/api/sources", {"page_size": 1000}).status_code == 400
    assert client.get("/api/sources", {"page": 10_000}).status_code == 400


def test_amendment_with_changes(client):
    data = client.get("/api/amendments/157-fz-2023").json()
    change = next(c for c in data["changes"] if c["article"] == "275")
    assert change["effect"] == "harsher"
    assert any(p["kind"] == "life_imprisonment" for p in change["penalties_after"])
    assert not any(p["kind"] == "life_imprisonment" for p in change["penalties_before"])


def test_statistics_and_sources(client):
    stats = client.get("/api/statistics", {"page_size": 100}).json()
    assert any(s["count"] == 145 and s["article"] == "275" for s in stats["results"])
    laws = client.get("/api/laws").json()
    assert "criminal-code" in [law["slug"] for law in laws["results"]]


def test_conditional_get_answers_304(client):
    first = client.get("/api/articles/criminal-code/275")
    assert first["ETag"] and first["Last-Modified"]
    again = client.get("/api/articles/criminal-code/275", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = client.get(
        "/api/articles/criminal-code/275", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert since.status_code == 304


def test_cors_is_open_for_reading_only(client):
    response = client.get("/api/laws", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/laws",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "POST" not in preflight.get("Access-Control-Allow-Methods", "")
    assert client.post("/api/laws", {}).status_code == 405


def test_openapi_schema_and_docs(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/articles/{law}/{number}" in schema["paths"]
    docs = client.get("/api/docs/").content.decode()
    assert "cdn." not in docs, "the docs page serves its own bundle"


def test_feeds(client):
    feed = client.get("/feeds/amendments/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "157-FZ" in feed.content.decode()
    article = client.get("/provisions/criminal-code/275/feed/").content.decode()
    assert "Version in force from 09.05.2023 by 157-FZ" in article
    assert client.get("/provisions/criminal-code/9999/feed/").status_code == 404


def test_operation_ids_are_a_stable_contract(client):
    """Clients generated from the schema name their calls by operationId: these stay as they
    were when the API lived in provisions.api."""
    schema = client.get("/api/openapi.json").json()
    ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert ids == {
        f"provisions_api_{name}"
        for name in (
            "laws",
            "law",
            "articles",
            "article",
            "amendments",
            "amendment",
            "sources",
            "source",
            "statistics",
        )
    }
