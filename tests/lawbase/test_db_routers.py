"""Reads from read replicas, writes and editors' reads from the primary (lawbase/db_routers.py).

The routing decisions are checked on every run; the live test runs the app under gunicorn
against a real streaming replica of the test cluster when LAWBASE_TEST_REPLICA_URL names one
(postgres://user@host:port, no database: the test database is read there by its own name).
CI starts one (.ci/replica) and sets LAWBASE_REQUIRE_REPLICA=1, so there it never skips.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
import requests
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from lawbase.db_routers import PIN_COOKIE, PIN_SECONDS, PrimaryPinMiddleware, ReplicaRouter
from provisions.models import Article, Topic

ROOT = Path(__file__).resolve().parents[2]
REPLICA_URL = os.environ.get("LAWBASE_TEST_REPLICA_URL", "")


# --- routing decisions ---------------------------------------------------------------------
# No database here: a test's own transaction would route every read to the primary.


def routed(request, *, replicas=("replica1",), settings=None):
    """(read alias, write alias) the router gives a query made while `request` is served."""
    settings.LAWBASE_REPLICAS = list(replicas)
    seen = {}

    def view(request):
        router = ReplicaRouter()
        seen["read"] = router.db_for_read(Article)
        seen["write"] = router.db_for_write(Article)
        return HttpResponse("ok")

    response = PrimaryPinMiddleware(view)(request)
    return seen["read"], seen["write"], response


def test_anonymous_get_reads_a_replica_and_writes_the_primary(settings):
    read, write, response = routed(RequestFactory().get("/provisions/"), settings=settings)
    assert (read, write) == ("replica1", "default")
    assert PIN_COOKIE not in response.cookies


def test_replicas_are_shared_among_requests(settings):
    reads = {
        routed(RequestFactory().get("/"), replicas=("replica1", "replica2"), settings=settings)[0]
        for _ in range(60)
    }
    assert reads == {"replica1", "replica2"}


@pytest.mark.parametrize(
    "cookie", [django_settings.SESSION_COOKIE_NAME, PIN_COOKIE], ids=["session", "pin"]
)
def test_an_editor_or_a_pinned_browser_reads_the_primary(settings, cookie):
    request = RequestFactory().get("/provisions/")
    request.COOKIES[cookie] = "x"
    assert routed(request, settings=settings)[:2] == ("default", "default")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_write_reads_the_primary_and_pins_the_next_requests(settings, method):
    request = getattr(RequestFactory(), method)("/admin/provisions/topic/add/")
    read, write, response = routed(request, settings=settings)
    assert (read, write) == ("default", "default")
    pin = response.cookies[PIN_COOKIE]
    assert pin["max-age"] == PIN_SECONDS
    assert pin["httponly"]


def test_outside_a_request_and_without_replicas_everything_is_the_primary(settings):
    settings.LAWBASE_REPLICAS = ["replica1"]
    router = ReplicaRouter()
    assert router.db_for_read(Article) == "default"  # commands, shell, tests
    assert routed(RequestFactory().get("/"), replicas=(), settings=settings)[0] == "default"


@pytest.mark.django_db(transaction=True)
def test_a_read_inside_a_transaction_reads_the_primary(settings):
    settings.LAWBASE_REPLICAS = ["replica1"]

    def view(request):
        with transaction.atomic():
            inside = ReplicaRouter().db_for_read(Article)
        return HttpResponse(inside)

    response = PrimaryPinMiddleware(view)(RequestFactory().get("/"))
    assert response.content == b"default"


def test_replicas_are_never_migrated():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "provisions")
    assert not router.allow_migrate("replica1", "provisions")


# --- a real streaming replica ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(base: str, name: str) -> str:
    return f"{base.rstrip('/')}/{name}"


def primary_url() -> str:
    db = connection.settings_dict
    user = db["USER"] or "root"
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"


def replica_query(sql: str, params=()):
    with psycopg.connect(database_url(REPLICA_URL, "postgres"), autocommit=True) as conn:
        return conn.execute(sql, params).fetchone()


def wait_for_replay(timeout: float = 30):
    """Until the replica has replayed everything the primary has written so far."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        target = cursor.fetchone()[0]
    deadline = time.monotonic() + timeout
    while not replica_query("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (target,))[0]:
        if time.monotonic() > deadline:
            raise AssertionError(f"the replica did not replay up to {target} in {timeout}s")
        time.sleep(0.1)


REPLICA_REDIS = os.environ.get("LAWBASE_TEST_REPLICA_REDIS_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture(params=["database cache", "redis cache"])
def replica_site(request, transactional_db, django_user_model, tmp_path):
    """gunicorn serving the test database: DATABASE_URL the primary, DATABASE_REPLICA_URLS the
    same database on the replica; the curated corpus and an editor, replayed there first. The
    result cache in its database table, then in Redis (CACHE_URL; a Redis database of its own,
    emptied before and after)."""
    if not REPLICA_URL:
        if os.environ.get("LAWBASE_REQUIRE_REPLICA"):
            pytest.fail("LAWBASE_REQUIRE_REPLICA is set but LAWBASE_TEST_REPLICA_URL is not")
        pytest.skip("no streaming replica (LAWBASE_TEST_REPLICA_URL; CI starts one)")
    if connection.vendor != "postgresql":
        pytest.skip("replicas are PostgreSQL's")
    assert replica_query("SELECT pg_is_in_recovery()")[0], "LAWBASE_TEST_REPLICA_URL: no standby"
    call_command("load_corpus", verbosity=0)
    # A superuser: a transactional test before this one may have emptied the editors group
    # its migration made.
    django_user_model.objects.create_superuser(
        username="replica-editor", password="a-long-editor-password"
    )
    wait_for_replay()
    name = connection.settings_dict["NAME"]
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(primary_url(), name),
        "DATABASE_REPLICA_URLS": database_url(REPLICA_URL, name),
        "SECRET_KEY": "test-only-not-a-secret",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    if request.param == "redis cache":
        import redis

        redis.Redis.from_url(REPLICA_REDIS).flushdb()
        request.addfinalizer(lambda: redis.Redis.from_url(REPLICA_REDIS).flushdb())
        env["CACHE_URL"] = REPLICA_REDIS
    # DEBUG off serves hashed static files: the manifest must hold every file the pages name.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    log = tmp_path / "gunicorn.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "lawbase.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(base + "/healthz", timeout=5)
                break
            except requests.ConnectionError as error:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"gunicorn did not start: {log.read_text()}") from error
                time.sleep(0.2)
        yield base
    finally:
        replica_query("SELECT pg_wal_replay_resume()")
        server.send_signal(signal.SIGTERM)
        server.wait(30)


READ_ONLY_PAGES = [
    "/",
    "/provisions/?topic=treason",
    "/provisions/?q=treason",
    "/provisions/criminal-code/275/",
    "/provisions/criminal-code/275/history/",
    "/compare/?articles=criminal-code:275,criminal-code:276",
    "/amendments/",
    "/laws/criminal-code/",
    "/statistics/",
    "/api/articles/criminal-code/275",
    "/api/articles?q=treason",
]


def app_sessions_on_replica(name: str) -> int:
    return replica_query(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
        "AND backend_type = 'client backend'",
        (name,),
    )[0]


def csrf_token(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=30)
    assert page.status_code == 200, url
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def test_read_only_pages_from_the_replica_and_an_editors_write_read_back(replica_site):
    name = connection.settings_dict["NAME"]
    for path in READ_ONLY_PAGES:
        response = requests.get(replica_site + path, timeout=60)
        assert response.status_code == 200, path
    assert app_sessions_on_replica(name) >= 1  # the app's reads went to the replica

    # With replay paused, whatever reaches the primary only is invisible on the replica: a
    # page that shows it was read from the primary.
    replica_query("SELECT pg_wal_replay_pause()")
    editor = requests.Session()
    token = csrf_token(editor, replica_site + "/admin/login/")
    login = editor.post(
        replica_site + "/admin/login/?next=/admin/",
        data={
            "username": "replica-editor",
            "password": "a-long-editor-password",
            "csrfmiddlewaretoken": token,
        },
        timeout=30,
    )
    assert login.status_code == 200 and "Log out" in login.text
    token = csrf_token(editor, replica_site + "/admin/provisions/topic/add/")
    added = editor.post(
        replica_site + "/admin/provisions/topic/add/",
        data={
            "slug": "replica-check",
            "name_en": "Replica check",
            "name_ru": "",
            "description": "",
            "csrfmiddlewaretoken": token,
            "_save": "Save",
        },
        allow_redirects=False,
        timeout=30,
    )
    assert added.status_code == 302, added.text[:2000]
    assert Topic.objects.filter(slug="replica-check").exists()  # written to the primary
    assert PIN_COOKIE in added.cookies

    # The editor's next request (signed in) reads the primary and shows the write …
    assert "Replica check" in editor.get(replica_site + "/", timeout=30).text
    # … and so does a browser pinned by the write's cookie alone, without a session,
    pinned = requests.get(replica_site + "/", cookies={PIN_COOKIE: "1"}, timeout=30)
    assert "Replica check" in pinned.text
    # while an anonymous visitor reads the paused replica, which has not seen it yet.
    assert "Replica check" not in requests.get(replica_site + "/", timeout=30).text

    replica_query("SELECT pg_wal_replay_resume()")
    wait_for_replay()
    assert "Replica check" in requests.get(replica_site + "/", timeout=30).text
