"""Searches matching more articles than are worth counting exactly (search.large_results)."""

import re

import pytest
from django.db import connection
from django.http import QueryDict

from provisions.models import Article
from search import engine, large_results
from search.engine import index_first_plan
from search.filters import ArticleFilter
from search.large_results import about
from tests.factories import make_article, make_law, make_version

pytestmark = pytest.mark.django_db
WORD = "zyxquorum"
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="only PostgreSQL estimates a query's rows"
)


@pytest.fixture
def large(monkeypatch, settings):
    """24 articles in two test laws holding WORD, one with it in its title; any match counts
    as large and 10 are paged."""
    settings.LAWBASE_RESULT_CACHE = False
    monkeypatch.setattr(engine, "FULL_RANK_LIMIT", 2)
    monkeypatch.setattr(large_results, "LARGE_FROM", 1)
    monkeypatch.setattr(large_results, "LARGE_PAGED", 10)
    laws = [make_law(slug="test-b-law"), make_law(slug="test-a-law")]
    for n in range(24):
        title = f"On the {WORD}" if n == 17 else f"Article {n}"  # 17: test-a-law 18
        article = make_article(laws[n % 2], str(n + 1), title_en=title)
        make_version(article, text_ru=f"Текст {WORD} статьи", text_en=f"text {WORD}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner's estimate reads the statistics


def listed(client, url) -> tuple[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    rows = re.findall(r'<td><a href="/provisions/(test-[ab]-law)/(\d+)/">\d+</a></td>', html)
    return html, [f"{law}:{number}" for law, number in rows]


def test_about_rounds_to_two_significant_figures():
    assert [about(n) for n in (7, 99, 123, 81_234, 5_049, 100_019)] == [
        7,
        99,
        120,
        81_000,
        5_000,
        100_000,
    ]


@postgres_only
def test_a_large_search_is_estimated_titles_first_then_in_number_order(client, large):
    html, rows = listed(client, f"/provisions/?q={WORD}")
    assert re.search(r"about \d[\d,]* provisions \(estimated\)", html)
    assert "too many to rank by their text" in html
    assert "Counts by law, topic and penalty are not given" in html
    assert 'aria-label="Law counts"' not in html
    # the title match first, then test-a-law (even numbers) before test-b-law, by number
    expected = ["test-a-law:18"] + [f"test-a-law:{n}" for n in range(2, 25, 2) if n != 18]
    assert rows == expected[:10]


@postgres_only
def test_the_windows_of_a_large_search_follow_on_without_gaps(large):
    filterset = ArticleFilter(data=QueryDict(f"q={WORD}"), queryset=Article.objects.all())
    assert filterset.is_valid()
    with index_first_plan(WORD):
        results = large_results.large_results(filterset)
        windows = [results[start : start + 7] for start in range(0, 28, 7)]
    seen = [pk for window in windows for pk in window]
    assert len(seen) == len(set(seen)) == 24
    exact = filterset.qs.values_list("pk", flat=True)
    assert set(seen) == set(exact)
    assert seen[0] == Article.objects.get(law__slug="test-a-law", number="18").pk
    assert results.count() == min(results.estimate, 10)


@postgres_only
def test_a_large_search_counts_exactly_on_request_and_in_json(client, large):
    html, rows = listed(client, f"/provisions/?q={WORD}&count=all")
    assert "24 provisions" in html and "estimated" not in html
    assert 'aria-label="Law counts"' in html
    assert rows[0] == "test-a-law:18"
    payload = client.get(f"/provisions/?q={WORD}&format=json").json()
    assert payload["count"] == 24
    assert payload["facets"]["law"]["test-a-law"] == 12


@postgres_only
def test_a_chosen_sort_lists_exactly(client, large):
    html, _ = listed(client, f"/provisions/?q={WORD}&sort=recent")
    assert "24 provisions" in html


@postgres_only
def test_a_large_search_runs_as_many_queries_as_a_small_one(client, large, monkeypatch):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        listed(client, f"/provisions/?q={WORD}&law=test-a-law")
    monkeypatch.setattr(large_results, "LARGE_FROM", 10**9)
    with CaptureQueriesContext(connection) as exact:
        listed(client, f"/provisions/?q={WORD}")
    assert len(small.captured_queries) <= len(exact.captured_queries)


def test_sqlite_and_small_searches_are_counted_exactly(client, settings):
    settings.LAWBASE_RESULT_CACHE = False
    html, _ = listed(client, "/provisions/?q=шпионаж")
    assert "estimated" not in html
    assert 'aria-label="Law counts"' in html


@postgres_only
def test_a_narrowed_search_lists_exactly_but_leaves_out_facets_counting_every_match(
    client, large, monkeypatch
):
    """12 results in the chosen law, 24 matches before that filter: with LARGE_FROM between
    the planner's estimates of the two (5 and 16 here), the results are counted and listed
    exactly and the facets are left out, said so, and counted on request."""
    monkeypatch.setattr(large_results, "LARGE_FROM", 10)
    html, rows = listed(client, f"/provisions/?q={WORD}&law=test-a-law")
    assert "12 provisions" in html and "estimated" not in html
    assert rows[0] == "test-a-law:18" and len(rows) == 12
    assert "Counts by law, topic and penalty are not given: they would read every one" in html
    assert 'aria-label="Law counts"' not in html
    html, _ = listed(client, f"/provisions/?q={WORD}&law=test-a-law&count=all")
    assert "12 provisions" in html and 'aria-label="Law counts"' in html
    payload = client.get(f"/provisions/?q={WORD}&law=test-a-law&format=json").json()
    laws = payload["facets"]["law"]
    assert (laws["test-a-law"], laws["test-b-law"]) == (12, 12)
