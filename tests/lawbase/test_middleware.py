"""What no view should see: NUL bytes, methods the site does not answer; and HEAD on the API
answered as GET without the body (issue #21, defects 6, 7 and TRACE)."""

import pytest

pytestmark = pytest.mark.django_db

NUL_PATHS = [
    "/api/laws/%00",
    "/api/amendments/%00",
    "/api/articles/%00/1",
    "/api/articles/criminal-code/%00",
    "/api/sources/%00",
    "/laws/%00/",
    "/amendments/%00/",
    "/provisions/criminal-code/%00/",
    "/provisions/%00/",
    "/%00",
]


@pytest.mark.parametrize("path", NUL_PATHS)
def test_a_nul_byte_in_a_path_is_not_found(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/articles?q=%00",
        "/api/articles?law=criminal%00code",
        "/api/articles/criminal-code/275?as_of=%00",
        "/provisions/?q=a%00b",
        "/provisions/?topic=%00",
        "/compare/?articles=criminal-code:275%00",
        "/amendments/?year=%00",
    ],
)
def test_a_nul_byte_in_a_parameter_is_a_bad_request(client, url):
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response.json()["error"].endswith("holds a NUL byte.")


@pytest.mark.parametrize("method", ["trace", "put", "patch", "delete"])
def test_methods_the_site_does_not_answer_are_405(client, method):
    response = getattr(client, method)("/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST, OPTIONS"


def test_trace_echoes_nothing(client):
    response = client.generic("TRACE", "/", HTTP_COOKIE="secret=1")
    assert response.status_code == 405 and b"secret" not in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/api/laws",
        "/api/laws/criminal-code",
        "/api/articles?law=criminal-code",
        "/api/articles/criminal-code/275",
        "/api/amendments",
        "/api/sources",
        "/api/statistics",
        "/api/openapi.json",
    ],
)
def test_head_on_the_api_is_get_without_a_body(client, path):
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == got["Content-Type"]
    assert int(head["Content-Length"]) == len(got.content)
    assert head.get("Last-Modified") == got.get("Last-Modified")


def test_head_on_a_missing_api_object_is_404(client):
    assert client.head("/api/laws/no-such-law").status_code == 404
