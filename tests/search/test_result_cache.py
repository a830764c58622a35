"""search/result_cache.py and its default backend (search/cache_backend.py): entries are
versioned by the data generation and keyed by the code, a result computed across a write is
never served, the page key carries the scheme and host, and Last-Modified is the generation
row's `moved_at`."""

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from provisions.models import Law
from search import result_cache
from search.cache_backend import GenerationDatabaseCache
from tests.factories import make_law

pytestmark = pytest.mark.django_db

ARTICLE = "/provisions/criminal-code/275/"
PERMALINK = "/provisions/criminal-code/275/?as_of="
TABLE = "lawbase_result_cache"


def captured(client, url, **extra):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **extra)
    return response, [query["sql"] for query in context.captured_queries]


def entries() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")
        return cursor.fetchone()[0]


def a_key(name: str = "x") -> str:
    return result_cache.cache_key("test", {"q": [name]})


def test_the_default_backend_is_a_table_in_the_database():
    assert isinstance(result_cache.results(), GenerationDatabaseCache)


def test_an_entry_is_kept_under_the_generation_it_was_computed_at():
    found = result_cache.lookup(a_key())
    assert found.value is None
    assert found.generation == result_cache.current_generation()
    result_cache.store(found, {"total": 3})
    assert result_cache.lookup(a_key()) == result_cache.Lookup(
        a_key(), found.generation, {"total": 3}
    )
    # A plain Django cache read finds it under that version, and only there.
    assert result_cache.results().get(a_key(), version=found.generation) == {"total": 3}
    assert result_cache.results().get(a_key(), version=found.generation + 1) is None


def test_a_write_moves_the_generation_past_every_entry():
    found = result_cache.lookup(a_key())
    result_cache.store(found, {"total": 3})
    Law.objects.filter(slug="criminal-code").update(short_name="Renamed")
    after = result_cache.lookup(a_key())
    assert after.generation > found.generation
    assert after.value is None


def test_an_entry_computed_across_a_write_is_never_served():
    found = result_cache.lookup(a_key())
    assert found.value is None
    Law.objects.filter(slug="criminal-code").update(short_name="Written meanwhile")
    result_cache.store(found, {"stale": True})  # computed before the write committed
    assert result_cache.lookup(a_key()).value is None


def test_storing_a_key_again_replaces_it():
    found = result_cache.lookup(a_key())
    result_cache.store(found, {"n": 1})
    result_cache.store(found, {"n": 2})  # two workers computing the same miss
    assert result_cache.lookup(a_key()).value == {"n": 2}


@pytest.mark.django_db(transaction=True)
def test_a_write_committed_on_another_connection_kills_the_entry():
    """Reader and writer on two real connections, each committing as it goes."""
    law = make_law()
    found = result_cache.lookup(a_key())

    def editor_renames():
        try:
            Law.objects.filter(pk=law.pk).update(short_name="Renamed by another worker")
        finally:
            connections.close_all()

    editor = threading.Thread(target=editor_renames)
    editor.start()
    editor.join(timeout=30)
    result_cache.store(found, {"stale": True})
    assert Law.objects.get(pk=law.pk).short_name == "Renamed by another worker"
    assert result_cache.lookup(a_key()).value is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite lets no one read while a writer holds"
)
def test_a_write_in_flight_while_computing_kills_the_entry():
    """The reader reads the generation while the writer's transaction is open, and stores
    after it committed: the entry is dead on arrival."""
    law = make_law()
    written, go_on = threading.Event(), threading.Event()

    def editor_renames():
        try:
            with transaction.atomic():
                Law.objects.filter(pk=law.pk).update(short_name="Committed meanwhile")
                written.set()
                go_on.wait(timeout=30)
        finally:
            connections.close_all()

    editor = threading.Thread(target=editor_renames)
    editor.start()
    assert written.wait(timeout=30)
    found = result_cache.lookup(a_key())  # the write is not visible yet
    computed = {"name": Law.objects.get(pk=law.pk).short_name}
    go_on.set()
    editor.join(timeout=30)
    result_cache.store(found, computed)
    assert computed["name"] != "Committed meanwhile"
    assert result_cache.lookup(a_key()).value is None


def test_a_page_miss_reads_the_generation_once(client):
    """The page cache's lookup reads the counter; the list totals' lookup inside reuses it."""
    response, queries = captured(client, "/provisions/?topic=espionage")
    assert response.status_code == 200
    assert len([sql for sql in queries if "provisions_datageneration" in sql]) == 1
    assert len([sql for sql in queries if TABLE in sql]) == 4  # 2 lookups, 2 stores


def test_another_host_does_not_change_the_permalinks_others_get(client):
    strange = client.get(ARTICLE, HTTP_HOST="localhost:1").content.decode()
    assert f"http://localhost:1{PERMALINK}" in strange
    page = client.get(ARTICLE).content.decode()
    assert f"http://testserver{PERMALINK}" in page
    assert "localhost:1" not in page
    secure = client.get(ARTICLE, secure=True).content.decode()
    assert f"https://testserver{PERMALINK}" in secure
    # Each is kept for its own scheme and host.
    again, queries = captured(client, ARTICLE, HTTP_HOST="localhost:1")
    assert again.content.decode() == strange
    assert len(queries) == 1


def test_last_modified_is_when_the_generation_last_moved(client):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE provisions_datageneration SET moved_at = %s",
            [
                "2020-01-02 03:04:05+00"
                if connection.vendor == "postgresql"
                else "2020-01-02 03:04:05"
            ],
        )
    response, queries = captured(client, "/api/laws")
    assert response["Last-Modified"] == "Thu, 02 Jan 2020 03:04:05 GMT"
    stamps = [sql for sql in queries if "moved_at" in sql]
    assert len(stamps) == 1
    assert not [sql for sql in queries if "history" in sql]
    since = client.get("/api/laws", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304


def test_a_write_moves_last_modified():
    with connection.cursor() as cursor:
        cursor.execute("UPDATE provisions_datageneration SET moved_at = '2000-01-01 00:00:00'")
    assert result_cache.data_moved_at() == datetime(2000, 1, 1, tzinfo=UTC)
    generation = result_cache.current_generation()
    Law.objects.filter(slug="criminal-code").update(short_name="Renamed")
    assert result_cache.current_generation() > generation
    assert result_cache.data_moved_at() > datetime(2000, 1, 1, tzinfo=UTC)


def test_turned_off_it_is_never_read_nor_written(client, settings):
    settings.LAWBASE_RESULT_CACHE = False
    for url in (ARTICLE, "/provisions/?topic=espionage"):
        client.get(url)
        _, queries = captured(client, url)
        assert not [sql for sql in queries if TABLE in sql or "datageneration" in sql], url
    assert entries() == 0


def test_without_a_counter_row_nothing_is_kept(client):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM provisions_datageneration")
    assert client.get(ARTICLE).status_code == 200
    assert client.get(ARTICLE).status_code == 200
    assert entries() == 0
    assert "Last-Modified" not in client.get("/api/laws")


@pytest.fixture
def small_table(settings):
    settings.CACHES = {
        **settings.CACHES,
        "results": {**settings.CACHES["results"], "OPTIONS": {"MAX_ENTRIES": 4}},
    }


@pytest.mark.usefixtures("small_table")
def test_a_full_table_drops_other_generations_first():
    generation = result_cache.current_generation()
    cache = result_cache.results()
    for n in range(4):
        cache.set(a_key(f"old{n}"), {"n": n}, version=generation - 1)
    cache.set(a_key("current"), {"n": 0}, version=generation)
    assert result_cache.lookup(a_key("missing")).value is None  # finds the table full
    assert entries() == 1
    assert result_cache.lookup(a_key("current")).value == {"n": 0}


@pytest.mark.usefixtures("small_table")
def test_a_full_table_stays_near_its_bound(client):
    for n in range(10):
        assert client.get(f"/provisions/?q=word{n}").status_code == 200
    # The bound holds within what one request adds (a page and its totals).
    assert entries() <= 4 + 2


@pytest.fixture
def memory_cache(settings):
    """The results in another Django backend, as production may configure."""
    settings.CACHES = {
        **settings.CACHES,
        "results": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    result_cache.results().clear()
    yield
    result_cache.results().clear()  # it outlives the test's rolled-back generation


@pytest.mark.usefixtures("memory_cache")
def test_another_backend_serves_a_repeat_for_one_query(client):
    first = client.get(ARTICLE)
    second, queries = captured(client, ARTICLE)
    assert second.content == first.content
    assert len(queries) == 1  # the generation
    assert entries() == 0


@pytest.mark.usefixtures("memory_cache")
def test_another_backend_never_serves_across_a_write(client):
    found = result_cache.lookup(a_key())
    Law.objects.filter(slug="criminal-code").update(short_name="Written meanwhile")
    result_cache.store(found, {"stale": True})
    assert result_cache.lookup(a_key()).value is None
    client.get(ARTICLE)
    Law.objects.filter(slug="criminal-code").update(short_name="Renamed Code")
    assert "Renamed Code" in client.get(ARTICLE).content.decode()


def test_a_deploy_that_changes_the_code_or_templates_changes_every_key(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "templates").mkdir()
    view, template = tmp_path / "pages" / "views.py", tmp_path / "templates" / "page.html"
    view.write_text("print('a')\n")
    template.write_text("<p>in force today</p>\n")
    before = result_cache.code_fingerprint(tmp_path)
    template.write_text("<p>no later change known here</p>\n")
    after_template = result_cache.code_fingerprint(tmp_path)
    view.write_text("print('b')\n")
    assert len({before, after_template, result_cache.code_fingerprint(tmp_path)}) == 3
    (tmp_path / "pages" / "notes.txt").write_text("not code\n")
    assert result_cache.code_fingerprint(tmp_path) == result_cache.code_fingerprint(tmp_path)
    # This checkout's fingerprint is part of every key.
    assert a_key().split(":")[1] == result_cache.CODE
