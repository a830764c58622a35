"""The result cache: repeated reads are served without recomputing, and every kind of write
is visible on the very next request (the generation counter the triggers keep)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from provisions.models import (
    Amendment,
    Article,
    Citation,
    ConvictionStat,
    Law,
    Penalty,
    Source,
    Topic,
)
from tests.factories import make_article, make_law, make_penalty, make_version

pytestmark = pytest.mark.django_db

ARTICLE = "/provisions/criminal-code/275/"


def captured(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    return response, [query["sql"] for query in context.captured_queries]


def law_with_articles(size: int) -> Law:
    law = make_law()
    for n in range(size):
        version = make_version(
            make_article(law=law, number=str(n + 1)), valid_from=date(2010, 1, 1)
        )
        make_penalty(version, max=n % 12 + 2)
    return law


@pytest.mark.parametrize(
    "url",
    [
        ARTICLE,
        "/provisions/?topic=espionage",
        "/provisions/?q=шпионаж",
        "/provisions/?law=criminal-code&format=json",
        "/compare/?articles=criminal-code:275,criminal-code:276",
        "/amendments/157-fz-2023/",
    ],
)
def test_a_repeated_request_is_one_query(client, url, django_assert_max_num_queries):
    first = client.get(url)
    with django_assert_max_num_queries(1):
        second = client.get(url)
    assert second.status_code == first.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_a_first_request_costs_two_queries_more(client, settings):
    settings.LAWBASE_RESULT_CACHE = False
    _, uncached = captured(client, ARTICLE)
    settings.LAWBASE_RESULT_CACHE = True
    _, first = captured(client, ARTICLE)
    assert len(first) == len(uncached) + 2  # the lookup, and the store


def edit_article_title():
    Article.objects.filter(law__slug="criminal-code", number="275").update(
        title_en="Treason (edited)"
    )
    return "Treason (edited)"


def edit_penalty():
    article = Article.objects.get(law__slug="criminal-code", number="275")
    penalty = Penalty.objects.filter(version=article.current_version, kind="fine").first()
    penalty.max = 123_456
    penalty.save()
    return "123,456"


def rename_law():
    Law.objects.filter(slug="criminal-code").update(short_name="Renamed Code")
    return "Renamed Code"


def rename_topic():
    Topic.objects.filter(slug="treason").update(name_en="High treason (renamed)")
    return "High treason (renamed)"


def add_topic_to_article():
    topic = Topic.objects.create(slug="test-new-topic", name_en="A brand-new topic")
    Article.objects.get(law__slug="criminal-code", number="275").topics.add(topic)
    return "A brand-new topic"


def renumber_amendment():
    Amendment.objects.filter(slug="157-fz-2023").update(number="9157-FZ")
    return "9157-FZ"


def retitle_source():
    source = Source.objects.filter(
        citations__version__article__law__slug="criminal-code",
        citations__version__article__number="275",
    ).first()
    source.title = "A retitled source"
    source.save()
    return "A retitled source"


def edit_statistic():
    stat = ConvictionStat.objects.filter(
        article__law__slug="criminal-code", article__number="275"
    ).first()
    stat.count = 98765
    stat.save()
    return "98765"


def edit_citation_quote():
    Citation.objects.filter(
        version__article__law__slug="criminal-code", version__article__number="275"
    ).update(quote="A quote edited meanwhile.")
    return "A quote edited meanwhile."


@pytest.mark.parametrize(
    "edit",
    [
        edit_statistic,
        edit_citation_quote,
        edit_article_title,
        edit_penalty,
        rename_law,
        rename_topic,
        add_topic_to_article,
        renumber_amendment,
        retitle_source,
    ],
)
def test_every_kind_of_write_shows_on_the_next_request(client, edit):
    before = client.get(ARTICLE).content.decode()
    expected = edit()
    assert expected not in before
    assert expected in client.get(ARTICLE).content.decode()


def test_the_list_counts_again_after_a_write(client):
    law = law_with_articles(3)
    url = f"/provisions/?law={law.slug}&format=json"
    assert client.get(url).json()["count"] == 3
    make_version(make_article(law=law, number="99"), valid_from=date(2010, 1, 1))
    assert client.get(url).json()["count"] == 4


def test_paging_counts_the_results_once(client):
    law = law_with_articles(60)
    first, _ = captured(client, f"/provisions/?law={law.slug}")
    second, queries = captured(client, f"/provisions/?law={law.slug}&page=2")
    assert first.status_code == second.status_code == 200
    assert "Page 2 of 2" in second.content.decode()
    assert not [sql for sql in queries if 'COUNT(*) AS "__count"' in sql]
    assert not [sql for sql in queries if "GROUP BY" in sql]  # the facets came cached


def test_errors_redirects_and_streams_are_not_kept(client):
    for url, status in [
        ("/provisions/?max_prison_years_min=abc", 400),
        ("/provisions/?q=ст. 275", 302),
        ("/provisions/?format=csv", 200),
        ("/provisions/criminal-code/99999/", 404),
    ]:
        client.get(url)
        response, queries = captured(client, url)
        assert response.status_code == status
        assert len(queries) > 1, url


def test_signed_in_editors_always_get_a_fresh_page(editor_client):
    editor_client.get(ARTICLE)
    response, queries = captured(editor_client, ARTICLE)
    assert response.status_code == 200
    assert len(queries) > 2


def watched_tables() -> set[str]:
    """The tables whose writes bump the counter, as the database's own triggers say: on
    SQLite an insert, an update and a delete trigger each."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT t.tgrelid::regclass::text FROM pg_trigger t "
                "JOIN pg_proc p ON p.oid = t.tgfoid WHERE p.proname = 'provisions_bump_generation'"
            )
        else:
            cursor.execute(
                "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' "
                "AND sql LIKE '%UPDATE provisions_datageneration SET n = n + 1%' "
                "GROUP BY tbl_name HAVING COUNT(*) = 3"
            )
        return {table for (table,) in cursor.fetchall()}


def test_every_table_of_the_public_pages_is_watched():
    """A new model whose rows a page shows needs a generation trigger (search migration 0002)."""
    from django.apps import apps

    tables = set()
    for model in apps.get_app_config("provisions").get_models(include_auto_created=True):
        if model._meta.managed and not model.__name__.startswith("Historical"):
            tables.add(model._meta.db_table)
    assert tables == watched_tables()


def test_a_revisit_gets_304_until_the_data_changes(client):
    etag = client.get(ARTICLE)["ETag"]
    assert client.get(ARTICLE, headers={"If-None-Match": etag}).status_code == 304
    edit_article_title()
    again = client.get(ARTICLE, headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert again["ETag"] != etag
