"""The search backends: the connection's vendor picks one, and each one's pieces on the
curated corpus. A backend's own tests run on its database and are skipped on the other's;
run the suite with DATABASE_URL=postgres://… for PostgreSQL's."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from provisions.models import Article, Source
from search.backends import backend_class, backend_for
from search.backends.postgres import PostgresBackend
from search.backends.sqlite import SQLiteBackend, fts5_query, quote_fts, trigrams, word_similarity
from search.engine import TYPO_LIMIT, TYPO_THRESHOLD
from search.morphology import index_text, word_forms
from search.query import parse_websearch, plan

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL backend: this run is on SQLite (set DATABASE_URL to a PostgreSQL db)",
)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite backend: this run is on PostgreSQL"
)


def backend():
    return backend_for(connection)


def ranked(query, *, any_word=False, many=False, queryset=None):
    """Article numbers matching `query` through the current versions, best first."""
    parsed = parse_websearch(query)
    match = backend().match(plan(parsed, any_word=any_word))
    found = (queryset or Article.objects.all()).filter(current_search__document__match=match)
    rank = backend().article_rank("current_search", match, many=many)
    ordered = found.annotate(search_rank=rank).order_by("-search_rank", "sort_key")
    return list(ordered.values_list("number", flat=True))


def typo_numbers(query, threshold=TYPO_THRESHOLD, limit=TYPO_LIMIT):
    found = backend().typo_tolerant(Article.objects.all(), query, threshold=threshold, limit=limit)
    return list(found.order_by("-search_rank", "sort_key").values_list("number", flat=True))


def current_version(number):
    return Article.objects.get(law__slug="criminal-code", number=number).current_version


# Which backend


def test_the_connections_vendor_picks_its_backend():
    chosen = backend()
    expected = {"postgresql": PostgresBackend, "sqlite": SQLiteBackend}[connection.vendor]
    assert type(chosen) is expected
    assert chosen.vendor == connection.vendor
    assert chosen.connection is connection


def test_each_supported_vendor_has_one_backend_class():
    assert backend_class("postgresql") is PostgresBackend
    assert backend_class("sqlite") is SQLiteBackend


def test_an_unsupported_database_is_refused_with_a_clear_message():
    with pytest.raises(ImproperlyConfigured, match="postgresql, sqlite databases, not 'mysql'"):
        backend_class("mysql")


# What every backend does, on this run's database


def test_every_word_must_match_and_the_best_comes_first():
    assert ranked("шпионаж")[0] == "276"
    assert ranked("государственная измена")[0] == "275"
    assert ranked("libel шпионаж") == []


def test_any_word_matches_either_but_still_excludes():
    assert {"128.1", "276"} <= set(ranked("libel шпионаж", any_word=True))
    assert "128.1" not in ranked("libel шпионаж -клевета", any_word=True)


@pytest.mark.parametrize(("query", "number"), [("шпионаж", "276"), ("treason", "275")])
def test_very_large_results_still_rank_by_titles(query, number):
    assert ranked(query, many=True)[0] == number


def test_sources_rank_best_first():
    match = backend().match(plan(parse_websearch("confidential cooperation")))
    found = Source.objects.filter(search__document__match=match).annotate(
        search_rank=backend().source_rank(match)
    )
    ranks = list(found.order_by("-search_rank").values_list("search_rank", flat=True))
    assert ranks, "the curated sources report on article 275.1"
    assert all(isinstance(rank, float) for rank in ranks)


@pytest.mark.parametrize(("typo", "number"), [("шпеонаж", "276"), ("treasn", "275")])
def test_a_typo_in_a_title_word_is_forgiven(typo, number):
    assert typo_numbers(typo)[0] == number
    assert typo_numbers(typo, threshold=0.99) == []


def test_typo_ranks_are_similarities():
    found = backend().typo_tolerant(
        Article.objects.all(), "шпеонаж", threshold=TYPO_THRESHOLD, limit=TYPO_LIMIT
    )
    assert all(TYPO_THRESHOLD < rank <= 1 for rank in found.values_list("search_rank", flat=True))


# PostgreSQL's pieces


def test_snippets_mark_the_forms_matched_the_same_on_every_database():
    """The engine highlights in Python on both databases (ts_headline would stem the words
    its own way): every form of the query word is marked, the rest escaped."""
    from search.engine import article_snippets

    article = Article.objects.get(law__slug="criminal-code", number="276")
    article.versions_in_force = [current_version("276")]
    assert backend().headlines(article.versions_in_force, "шпионажа") == {}
    snippet = article_snippets([article], "шпионажа")[article.pk]
    assert "<mark>" in snippet and "\u0002" not in snippet


@postgres_only
def test_postgres_ranks_very_large_results_by_the_small_ranking_vector():
    match = backend().match(plan(parse_websearch("шпионаж")))
    found = Article.objects.annotate(
        search_rank=backend().article_rank("current_search", match, many=True)
    )
    assert '"ranking"' in str(found.query)
    found = Article.objects.annotate(
        search_rank=backend().article_rank("current_search", match, many=False)
    )
    assert '"ranking"' not in str(found.query)


def scan_settings() -> tuple[str, str]:
    """PostgreSQL's enable_seqscan and enable_indexscan, as the session has them now."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan')"
        )
        return cursor.fetchone()


@postgres_only
def test_postgres_index_first_plan_turns_scans_off_inside_only():
    with backend().index_first_plan():
        assert scan_settings() == ("off", "on")
    with backend().index_first_plan(bitmap_only=True):
        assert scan_settings() == ("off", "off")
    assert scan_settings() == ("on", "on")


@postgres_only
def test_postgres_a_block_inside_another_sets_only_what_differs_and_puts_it_back():
    """No savepoint and nothing read first: the outer block's values are known."""

    with backend().index_first_plan():
        with CaptureQueriesContext(connection) as inner:
            with backend().index_first_plan(bitmap_only=True):
                assert scan_settings() == ("off", "off")
                with backend().index_first_plan(bitmap_only=True):
                    assert scan_settings() == ("off", "off")
            assert scan_settings() == ("off", "on")
    assert scan_settings() == ("on", "on")
    statements = [q["sql"] for q in inner.captured_queries if "current_setting" not in q["sql"]]
    assert statements == [
        "SELECT set_config('enable_indexscan', 'off', true)",
        "SELECT set_config('enable_indexscan', 'on', true)",
    ]


@postgres_only
def test_postgres_an_error_inside_a_nested_block_ends_the_outer_one_cleanly():
    from django.db import DatabaseError

    with pytest.raises(DatabaseError):
        with backend().index_first_plan():
            with backend().index_first_plan(bitmap_only=True):
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1 / 0")
    assert Article.objects.filter(number="275").exists()  # the connection is usable
    with backend().index_first_plan(bitmap_only=True), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_indexscan')")
        assert cursor.fetchone() == ("off",)  # a new outermost block, nothing left open


def test_typo_search_keeps_the_best_titles_up_to_the_limit_on_every_database():
    """The same `limit` on both: pg_trgm's index (`<%`) or FTS5's trigram table finds them."""
    assert typo_numbers("шпеонаж", limit=1) == ["276"]
    assert typo_numbers("шпеонаж", limit=0) == []


# SQLite's pieces


@sqlite_only
def test_sqlite_connections_index_snowball_stems():
    with connection.cursor() as cursor:
        cursor.execute("SELECT lawbase_tokens(%s)", ["Иностранных агентах, ёлки; Foreign agents"])
        assert cursor.fetchone()[0] == index_text("Иностранных агентах, ёлки; Foreign agents")
        assert index_text("Иностранных агентах, ёлки; Foreign agents") == (
            "иностранных агентах елки foreign agent"
        )


@sqlite_only
def test_sqlite_matches_with_an_fts5_query_of_stems():
    parsed = parse_websearch("иностранного агента")
    assert backend().match(plan(parsed)) == fts5_query(plan(parsed))
    assert '"агентах"' in fts5_query(plan(parsed, any_word=True))
    assert "агентах" in word_forms("агента") and "иностранных" in word_forms("иностранного")
    assert backend().match(plan(parse_websearch("the"))) is None, "only a stopword"


def test_sqlite_quotes_every_fts5_term():
    assert quote_fts('NEAR(a "b")') == '"NEAR(a ""b"")"'


def test_sqlite_trigram_similarity_works_like_pg_trgm():
    assert trigrams("ab") == {"  a", " ab", "ab "}
    assert word_similarity("шпионаж", "Шпионаж") == 1.0
    assert word_similarity("шпеонаж", "Шпионаж") >= TYPO_THRESHOLD
    assert word_similarity("!!!", "Шпионаж") == 0.0


@sqlite_only
def test_sqlite_typo_search_keeps_at_most_the_limit():
    assert len(typo_numbers("государственной", threshold=0.1, limit=2)) == 2


@sqlite_only
def test_sqlite_makes_no_headlines_and_needs_no_plan_hint():
    assert backend().headlines([current_version("276")], "шпионаж") == {}
    with CaptureQueriesContext(connection) as context, backend().index_first_plan():
        pass
    assert context.captured_queries == []
