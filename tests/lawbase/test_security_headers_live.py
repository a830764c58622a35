"""The security headers as a real HTTP client receives them from a live server."""

import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/",
    "/provisions/?topic=treason",
    "/provisions/criminal-code/275/",
    "/compare/?articles=criminal-code:275,criminal-code:276",
    "/amendments/",
    "/data/",
    "/api/articles/criminal-code/275",
    "/feeds/amendments/",
    "/healthz",
    "/provisions/?in_force_on=bad",
    "/no-such-page/",
]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_headers_over_real_http(site):
    for path in PAGES:
        status, headers = fetch(site.url + path)
        assert status in (200, 400, 404), path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] == "same-origin", path
        assert headers["X-Frame-Options"] == "DENY", path
        assert "script-src 'self'" in headers["Content-Security-Policy"], path
        assert "unsafe-inline" not in headers["Content-Security-Policy"], path
