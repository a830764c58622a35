"""The current text index (search migration 0007, search.current_index): kept in step with the
articles and their versions' index rows by its triggers, and standing for the articles' own
query only where it gives the same results in the same order."""

from datetime import date

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from provisions.models import Article, Penalty, Topic
from search.current_index import current_rows, ranked_rows, table_held
from search.filters import ArticleFilter
from search.index import rebuild_search_index, search_triggers_suspended
from search.listing import paged_results
from tests.factories import make_article, make_law, make_penalty, make_version

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the table is PostgreSQL's (search migration 0007)"
)

COPIED = ("law_id", "current_penalty_kinds", "current_penalty_units", "topic_bits", "sort_key")


def held_rows() -> set[tuple]:
    """The table's rows: (article, document, ranking, copied columns…)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT article_id, document::text, ranking::text, {', '.join(COPIED)} "
            "FROM provisions_current_search"
        )
        return set(cursor.fetchall())


def derived_rows() -> set[tuple]:
    """What the table should hold: each article joined to its current version's index row."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.id, s.provisions_version_search::text, s.ranking::text, "
            f"{', '.join(f'a.{c}' for c in COPIED)} FROM provisions_article a "
            "JOIN provisions_version_search s ON s.rowid = a.current_version_id"
        )
        return set(cursor.fetchall())


def in_step():
    assert held_rows() == derived_rows()


@postgres_only
def test_every_write_keeps_the_table_in_step():
    law = make_law()
    article = make_article(law, "1", title_en="Espionage abroad")
    in_step()
    first = make_version(article, valid_from=date(2001, 1, 1), valid_to=date(2009, 12, 31))
    first.text_ru = "шпионаж"
    first.save()
    current = make_version(article, valid_from=date(2010, 1, 1), text_ru="государственная измена")
    in_step()
    assert {row[0] for row in held_rows()} >= {article.pk}
    make_penalty(current, kind=Penalty.Kind.FINE)  # the kinds and the penalty words move
    in_step()
    current.text_ru = "разглашение государственной тайны"
    current.save()
    in_step()
    article.title_en = "Treason"
    article.number = "2"
    article.save()
    article.topics.add(Topic.objects.order_by("pk").first())
    in_step()
    article.law = make_law()
    article.save()
    in_step()
    # The current version goes (none is current), then the earlier one is open again.
    current.delete()
    in_step()
    first.valid_to = None
    first.save()
    in_step()
    article.delete()
    in_step()
    assert article.pk not in {row[0] for row in held_rows()}


@postgres_only
def test_a_bulk_load_leaves_it_in_step():
    law = make_law()
    with search_triggers_suspended():
        articles = [make_article(law, str(n), title_en=f"Bulk {n}") for n in range(1, 6)]
        for article in articles:
            make_version(article, text_ru="контрабанда оружия")
    rebuild_search_index()
    in_step()
    assert {a.pk for a in articles} <= {row[0] for row in held_rows()}


def listed(query: str) -> ArticleFilter:
    filterset = ArticleFilter(QueryDict(query), queryset=Article.objects.all())
    assert filterset.is_valid(), filterset.form.errors
    assert filterset.qs is not None  # built: the search decides as the results are built
    return filterset


@pytest.fixture
def searchable():
    """Twelve articles with a shared word, in two laws, two of them titled with it."""
    laws = [make_law(slug="test-a-law"), make_law(slug="test-b-law")]
    for n in range(12):
        article = make_article(
            laws[n % 2],
            str(n + 1),
            title_en="Smuggling of arms" if n in (3, 8) else f"Customs rule {n}",
        )
        version = make_version(article, text_en=f"smuggling across the border, case {n}")
        if n % 3 == 0:
            make_penalty(version, kind=Penalty.Kind.FINE)
    return laws


@postgres_only
@pytest.mark.parametrize(
    "query",
    [
        "q=smuggling",
        "q=smuggling&law=test-b-law",
        "q=smuggling+border",
        'q="across+the+border"',
        "q=smuggling&penalty_kind=fine",
        "q=smuggling+nothingelse",  # any word: relaxed
    ],
)
def test_the_table_gives_the_articles_results_in_their_order(searchable, query):
    filterset = listed(query)
    ranked = ranked_rows(filterset)
    assert ranked is not None
    expected = list(filterset.qs.values_list("pk", flat=True))
    assert ranked[0 : len(expected) + 5] == expected
    assert ranked.count() == len(expected) > 0
    rows = current_rows(filterset, "law", "topic", "penalty_kind", "penalty_unit")
    assert set(rows.values_list("pk", flat=True)) == set(
        filterset.without("law", "topic", "penalty_kind", "penalty_unit").values_list(
            "pk", flat=True
        )
    )


@pytest.mark.parametrize(
    "query",
    [
        "law=test-a-law",  # no search
        "q=smuggling&sort=heaviest",  # another order
        "q=smuggling&max_prison_years_min=1",  # a filter the table cannot apply
        "q=smuggling&in_force_on=2005-01-01",  # another day
        "q=1",  # a citation
    ],
)
def test_elsewhere_the_articles_are_read(searchable, query):
    filterset = listed(query)
    assert ranked_rows(filterset) is None
    assert paged_results(filterset) is filterset.qs


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite has no such table")
def test_sqlite_reads_the_articles(searchable):
    assert not table_held()
    filterset = listed("q=smuggling")
    assert ranked_rows(filterset) is None and current_rows(filterset) is None


@postgres_only
@pytest.mark.parametrize(
    ("query", "cut_from_tiers"),
    [
        ("q=smuggling", [(0, 1), (0, 2), (1, 2)]),  # both titled articles are kept
        ("q=smuggling&law=test-b-law", [(0, 1)]),  # one is: beyond it, every match ranked
    ],
)
def test_a_window_within_the_tiered_articles_is_cut_from_them(searchable, query, cut_from_tiers):
    filterset = listed(query)
    ranked = ranked_rows(filterset)
    expected = list(filterset.qs.values_list("pk", flat=True))
    for start, stop in [(0, 1), (0, 2), (1, 2), (0, 3)]:
        with CaptureQueriesContext(connection) as queries:
            assert ranked[start:stop] == expected[start:stop]
        where = queries.captured_queries[-1]["sql"].split(" WHERE ", 1)[1]
        from_tiers = '"provisions_current_search"."article_id" IN' in where
        assert from_tiers is ((start, stop) in cut_from_tiers)
