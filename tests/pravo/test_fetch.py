"""`import_pravo --fetch ND` against a local HTTP server standing in for the portal: it serves
the exports in ../shared/data/pravo by their nd, as the portal does (never copied here)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pravo.fetch import FetchError, fetch_export
from provisions.models import Article, Law
from tests.pravo_data import PRAVO_DIR

pytestmark = pytest.mark.django_db

AIR_CODE = "102046246"
requires_exports = pytest.mark.skipif(
    not (PRAVO_DIR / f"{AIR_CODE}.html").exists(), reason=f"no exports at {PRAVO_DIR}"
)


class Portal(BaseHTTPRequestHandler):
    """/proxy/ips/?docbody=&nd=N: the file N.html, in the encoding the server is told to use;
    the first `failures` requests answer 503 (a busy portal)."""

    encoding = "utf-8"
    failures = 0
    requests = 0

    def do_GET(self):
        type(self).requests += 1
        nd = parse_qs(urlparse(self.path).query).get("nd", [""])[0]
        path = PRAVO_DIR / f"{nd}.html"
        if type(self).requests <= self.failures:
            self.send_error(503)
            return
        if not nd.isdigit() or not path.exists():
            self.send_error(404)
            return
        body = path.read_text(encoding="utf-8")
        if self.encoding != "utf-8":  # the page as the portal's older servers sent it
            body = body.replace("charset=utf-8", "")
        data = body.encode(self.encoding)
        self.send_response(200)
        self.send_header("Content-Type", f"text/html; charset={self.encoding}")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def portal(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Portal.encoding, Portal.failures, Portal.requests = "utf-8", 0, 0
    settings.PRAVO_DOCUMENT_URL = (
        f"http://127.0.0.1:{server.server_address[1]}/proxy/ips/?docbody=&nd={{nd}}"
    )
    settings.PRAVO_FETCH_BACKOFF = 0
    yield Portal
    server.shutdown()
    server.server_close()


@requires_exports
def test_fetch_downloads_and_imports_an_export(portal, tmp_path):
    portal.failures = 2  # retried
    out = StringIO()
    call_command("import_pravo", "--fetch", AIR_CODE, "--save", str(tmp_path), stdout=out)
    assert "Downloading http://127.0.0.1" in out.getvalue()
    law = Law.objects.get(slug="air-code")
    assert law.official_url.endswith(f"nd={AIR_CODE}")
    assert Article.objects.filter(law=law).count() > 100
    assert (tmp_path / f"{AIR_CODE}.html").read_bytes() == (
        PRAVO_DIR / f"{AIR_CODE}.html"
    ).read_bytes()
    assert portal.requests == 3


@requires_exports
def test_the_encoding_the_portal_declares_is_used(portal):
    portal.encoding = "windows-1251"
    text = fetch_export(AIR_CODE)
    assert isinstance(text, str) and "Воздушный кодекс Российской Федерации" in text


def test_offline_is_a_clear_error(settings):
    settings.PRAVO_DOCUMENT_URL = "http://127.0.0.1:9/proxy/ips/?docbody=&nd={nd}"
    settings.PRAVO_FETCH_BACKOFF = 0
    with pytest.raises(CommandError, match="cannot reach .*offline, or the portal is down"):
        call_command("import_pravo", "--fetch", AIR_CODE)
    with pytest.raises(FetchError, match="not a portal document number"):
        fetch_export("../etc")


@requires_exports
def test_a_missing_document_is_an_error_and_nothing_is_written(portal):
    with pytest.raises(CommandError, match="404"):
        call_command("import_pravo", "--fetch", "999999999", "--law", "nothing")
    assert not Law.objects.filter(slug="nothing").exists()
