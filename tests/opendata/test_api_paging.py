"""Paging and the schema say what is true: a page past the end shows nothing and says so;
every page parameter has its bounds and as_of is a date in the schema (issue #21, defect 9)."""

import pytest

from opendata.api import api

pytestmark = pytest.mark.django_db

PAGED = ["/api/laws", "/api/articles", "/api/amendments", "/api/sources", "/api/statistics"]


@pytest.mark.parametrize("path", PAGED)
def test_a_page_past_the_end_says_there_is_none(client, path):
    pages = client.get(path, {"page_size": 100}).json()["num_pages"]
    response = client.get(path, {"page": pages + 1, "page_size": 100})
    assert response.status_code == 400
    message = response.json()["error"]
    assert message == f"Page {pages + 1} is past the end: there are {pages} page(s)."
    assert "showing" not in message


def parameters(path: str) -> dict:
    schema = api.get_openapi_schema()
    return {p["name"]: p["schema"] for p in schema["paths"][path]["get"]["parameters"]}


@pytest.mark.parametrize("path", PAGED)
def test_the_schema_bounds_every_page_parameter(path):
    found = parameters(path)
    assert (found["page"]["minimum"], found["page"]["maximum"]) == (1, 1_000_000)
    assert (found["page_size"]["minimum"], found["page_size"]["maximum"]) == (1, 100)


def test_as_of_is_a_date_in_the_schema_and_in_fact(client):
    as_of = parameters("/api/articles/{law}/{number}")["as_of"]
    assert {"type": "string", "format": "date"} in as_of["anyOf"]
    url = "/api/articles/criminal-code/275"
    assert client.get(url, {"as_of": "2023-01-01"}).status_code == 200
    for bad in ("0", "1700000000", "2023-1-1", "2023-02-30", "yesterday"):
        response = client.get(url, {"as_of": bad})
        assert response.status_code == 400, bad
        assert "as_of" in response.json()["errors"], bad


def test_the_lists_json_says_no_page_is_shown(client):
    response = client.get("/provisions/", {"format": "json", "page": 999999})
    assert response.status_code == 400
    assert response.json()["error"].endswith("; none is shown.")
