"""The search index's triggers (search migration 0001) and what a bulk load does with them
(search.index): suspended meanwhile, then the index rebuilt with the same SQL."""

import pytest
from django.db import connection

from search.index import SQLITE_REFRESH, rebuild_search_index, search_triggers_suspended
from search.models import SourceSearch, VersionSearch
from search.query import PENALTY_WORDS
from search.result_cache import current_generation
from tests.factories import make_article, make_penalty, make_source, make_version

pytestmark = pytest.mark.django_db

SEARCH_TRIGGERS = {
    "postgresql": [
        "provisions_version_search_write",
        "provisions_penalty_search_write",
        "provisions_article_search_write",
        "provisions_source_search_write",
        "provisions_version_search_forget",
        "provisions_version_search_truncate",
        "provisions_source_search_forget",
        "provisions_source_search_truncate",
    ],
    "sqlite": [
        f"provisions_{table}_search_{event}"
        for table in ("version", "penalty", "article", "source")
        for event in ("insert", "update", "delete")
    ],
}


def triggers() -> dict[str, str]:
    """Trigger name -> its SQL, whitespace collapsed (PostgreSQL: with its function's body)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT t.tgname, pg_get_triggerdef(t.oid) || ' ' || p.prosrc FROM pg_trigger t "
                "JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal"
            )
        else:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        return {name: " ".join(sql.split()) for name, sql in cursor.fetchall()}


def test_the_search_triggers_exist_and_sqlites_ask_whether_to_run():
    found = triggers()
    for name in SEARCH_TRIGGERS[connection.vendor]:
        assert name in found, name
        if connection.vendor == "sqlite":
            assert " WHEN lawbase_triggers_on() BEGIN " in found[name], name


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's trigger SQL")
def test_the_bulk_rebuild_runs_what_the_sqlite_triggers_run():
    body = " ".join(SQLITE_REFRESH.format(ids="NEW.id").split())
    assert body in triggers()["provisions_version_search_insert"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's function")
def test_the_penalty_names_postgresql_indexes_are_the_vocabulary():
    with connection.cursor() as cursor:
        cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = 'provisions_penalty_words'")
        (source,) = cursor.fetchone()
    for kind, (english, russian) in PENALTY_WORDS.items():
        assert f"('{kind}', '{english}', '{russian}')" in source


def test_suspended_search_triggers_leave_the_index_to_the_rebuild():
    article = make_article(number="9302", title_en="Tapir export")
    with search_triggers_suspended():
        version = make_version(article, text_en="quagga")
        make_penalty(version)
        source = make_source(title="Zebra gazette")
    assert not VersionSearch.objects.filter(version=version).exists()
    assert not SourceSearch.objects.filter(source=source).exists()
    rebuild_search_index()
    assert VersionSearch.objects.filter(version=version).exists()
    assert SourceSearch.objects.filter(source=source).exists()


def test_the_data_generation_moves_while_the_triggers_are_suspended():
    before = current_generation()
    with search_triggers_suspended():
        make_article()
    assert current_generation() > before
