"""The list request: facets from the one filterset, the one JSON payload of ?format=json and
/api/articles, and what a list request costs in queries."""

import json
import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from provisions.models import Article, Penalty
from provisions.penalties import Kind, penalty_summary
from search.facets import facet_counts
from search.filters import ArticleFilter
from search.listing import (
    JSON_COLUMNS,
    ListPenalty,
    attach_penalties,
    list_page,
    list_payload,
    walks_in_number_order,
)
from tests.factories import make_article, make_law, make_penalty, make_version

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_result_cache")]


def filterset_for(query: str) -> ArticleFilter:
    filterset = ArticleFilter(QueryDict(query), queryset=Article.objects.all())
    assert filterset.is_valid(), filterset.errors
    return filterset


def counts(facet: list[dict]) -> dict[str, int]:
    return {choice["value"]: choice["n"] for choice in facet}


@pytest.mark.parametrize("figures_hold", [True, False])
def test_each_facet_leaves_its_own_filter_out(figures_hold):
    chosen = ArticleFilter(
        QueryDict("law=criminal-code&topic=espionage"),
        queryset=Article.objects.all(),
        figures_hold=figures_hold,
    )
    assert chosen.is_valid()
    facets, _ = facet_counts(chosen)
    espionage = Article.objects.filter(topics__slug="espionage")
    criminal = Article.objects.filter(law__slug="criminal-code")
    assert (
        counts(facets["law"])["criminal-code"]
        == espionage.filter(law__slug="criminal-code").count()
    )
    assert sum(counts(facets["law"]).values()) == espionage.count()
    assert counts(facets["topic"])["espionage"] == criminal.filter(topics__slug="espionage").count()


def test_facets_list_every_law_and_topic_in_order():
    filterset = filterset_for("")
    facets, total = facet_counts(filterset)
    assert [choice["value"] for choice in facets["law"]] == [law.slug for law in filterset.laws]
    assert [choice["value"] for choice in facets["topic"]] == [t.slug for t in filterset.topics]
    assert total == Article.objects.count()


@pytest.mark.parametrize("figures_hold", [True, False])
def test_the_kind_facet_and_filter_know_the_administrative_kinds(figures_hold):
    law = make_law()
    version = make_version(make_article(law=law, number="1"))
    make_penalty(version, kind="warning", min=None, max=None, unit="")
    make_penalty(version, subject="citizen", kind="arrest", min=None, max=15, unit="days")
    other = make_version(make_article(law=law, number="2"))
    make_penalty(other, subject="legal_entity", kind="suspension_of_activity", max=90, unit="days")
    query = f"law={law.slug}&penalty_kind=suspension_of_activity"
    chosen = ArticleFilter(
        QueryDict(query), queryset=Article.objects.all(), figures_hold=figures_hold
    )
    assert chosen.is_valid(), chosen.errors
    assert [article.number for article in chosen.qs] == ["2"]
    facets, total = facet_counts(chosen)
    assert total == (1 if figures_hold else None)  # counted with the facets only from figures
    assert [choice["value"] for choice in facets["penalty_kind"]] == list(Kind.values)
    kinds = counts(facets["penalty_kind"])
    assert (kinds["warning"], kinds["arrest"], kinds["suspension_of_activity"]) == (1, 1, 1)
    assert kinds["expulsion"] == 0


def payload_for(query: str, page_size: int = 50) -> dict:
    request = RequestFactory().get("/provisions/", QueryDict(query))
    filterset = filterset_for(query)
    q = filterset.form.cleaned_data.get("q") or ""
    return list_payload(list_page(filterset, request.GET, None, q, page_size), request)


def test_the_payload_keeps_the_json_contract():
    payload = payload_for("law=criminal-code", page_size=3)
    assert list(payload) == ["count", "page", "num_pages", "results", "facets", "search"]
    assert payload["search"] is None, "no query"
    assert payload["count"] == Article.objects.filter(law__slug="criminal-code").count()
    assert payload["page"] == 1 and len(payload["results"]) == 3
    assert all(list(row) == JSON_COLUMNS for row in payload["results"])
    assert payload["results"][0]["url"].startswith("http://testserver/provisions/criminal-code/")
    assert list(payload["facets"]) == ["law", "topic", "penalty_kind", "penalty_unit"]
    assert payload["facets"]["law"]["criminal-code"] == payload["count"]


@pytest.mark.parametrize("query", ["", "law=criminal-code&q=шпионаж", "in_force_on=2015-01-01"])
def test_the_list_json_and_the_api_give_the_same_payload(client, query):
    page = client.get(f"/provisions/?{query}&format=json").json()
    api = client.get(f"/api/articles?{query}").json()
    assert page == api  # the API's schema writes whole years as floats: 10 == 10.0


def test_the_list_json_is_the_payload_verbatim(client):
    response = client.get("/provisions/?law=criminal-code&format=json")
    expected = payload_for("law=criminal-code")
    assert response.content == json.dumps(expected, ensure_ascii=False, indent=1).encode()


# What one list request costs, with the result cache off (its own two queries are pinned in
# test_result_cache). A text search counts the matching index rows, then their articles, in
# one statement, and reads the articles whose title holds every word (to rank one whose title
# is the query first). Today's law, penalty-kind and penalty-unit facets and the total are one
# query over the stored kinds and units, the topic facet one over the stored topic bits (on
# PostgreSQL the same query, search.facets), and the page's versions in force come with its
# articles (their stored current ones); another day's unit and kind facets read the
# penalties in force (a query each). PostgreSQL adds four around the list and the search's
# decision (search.engine.index_first_plan) inside a test's transaction: a savepoint, reading
# and setting the planner's settings in one statement, setting them back, releasing (serving
# a request, the block is a transaction of its own: two statements); two for the decision's
# blocks inside it, which set and put back the one setting they change; and the planner's
# estimate of the matching index rows, which spares counting a common word
# (search.engine.surely_many).
LIST_QUERIES = {
    "/provisions/": (8, 7),
    "/provisions/?q=шпионаж": (11, 17),
    "/provisions/?q=шпионаж&law=criminal-code": (11, 17),
    "/provisions/?format=json": (8, 7),
    "/provisions/?law=criminal-code&topic=espionage&in_force_on=2015-01-01": (11, 11),
    "/api/articles": (9, 8),  # one more: the Last-Modified stamp
    "/api/articles?q=шпионаж&law=criminal-code": (11, 17),
}


def captured(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in context.captured_queries]


@pytest.mark.parametrize("url", LIST_QUERIES)
def test_queries_per_list_request(client, url, django_assert_max_num_queries):
    sqlite, postgres = LIST_QUERIES[url]
    with django_assert_max_num_queries(postgres if connection.vendor == "postgresql" else sqlite):
        assert client.get(url).status_code == 200


def test_a_typo_search_scores_the_titles_once_for_the_list_and_its_facets(client):
    queries = captured(client, "/provisions/?q=шпеонаж")
    assert len([sql for sql in queries if "<%" in sql or "provisions_title_trigram" in sql]) == 1


@pytest.mark.parametrize("url", LIST_QUERIES)
def test_a_list_request_reads_laws_and_topics_once(client, url):
    queries = captured(client, url)
    for table in ("provisions_law", "provisions_topic"):
        assert len([sql for sql in queries if re.search(f'FROM "{table}"', sql)]) == 1, table


def test_an_invalid_law_costs_one_query_reading_the_laws(client):
    with CaptureQueriesContext(connection) as context:
        assert client.get("/provisions/?law=nope&format=json").status_code == 400
    assert len(context) == 1 and 'FROM "provisions_law"' in context.captured_queries[0]["sql"]


@pytest.mark.parametrize(
    ("query", "number", "total", "walked"),
    [
        ("", 3, 2000, True),  # a first page: walked whatever the filters
        ("topic=espionage", 5, 2000, True),
        ("topic=espionage", 6, 10**6, False),  # deeper, a filtered list: sorted
        ("", 20, 10**6, True),  # a list narrowed by nothing, or its law, walks while each
        ("law=criminal-code", 60, 10**6, True),  # law's first rows are fewer than the results
        ("", 20, 1999, False),  # too few results to walk at all
        ("law=criminal-code&sort=heaviest", 1, 10**6, False),  # another order
        ("q=шпионаж", 1, 10**6, False),  # a search: ranked
    ],
)
def test_which_pages_are_walked_in_number_order(query, number, total, walked):
    filterset = filterset_for(query)
    q = filterset.form.cleaned_data.get("q") or ""
    expected = walked and connection.vendor == "postgresql"  # LATERAL joins
    if expected and number > 5:
        # at the edge: walked while laws × the page's end stays within the results
        laws = 1 if "law=" in query else len(filterset.laws)  # one law's rows, or every law's
        edge = laws * number * 50
        assert walks_in_number_order(filterset, "", edge, number)
        assert not walks_in_number_order(filterset, "", edge - 1, number)
    assert walks_in_number_order(filterset, q, total, number) is expected


@pytest.mark.parametrize("query", ["", "law=criminal-code", "topic=espionage&page=2"])
def test_a_page_walked_in_number_order_is_the_page_sorted(query, monkeypatch):
    """On PostgreSQL a long list's first pages are read law by law from the (law, sort_key)
    index (walks_in_number_order); they must be the rows the sort gives, page by page."""
    import search.listing as listing

    def rows(walk_from: int) -> list[int]:
        monkeypatch.setattr(listing, "WALK_FROM", walk_from)
        filterset = filterset_for(query)
        listed = list_page(filterset, filterset.data, filterset.data.get("page"), "", 5)
        return [article.pk for article in listed.page.object_list]

    with CaptureQueriesContext(connection) as context:
        walked = rows(1)
    sorted_rows = rows(10**9)
    assert walked == sorted_rows
    lateral = any("CROSS JOIN LATERAL" in q["sql"] for q in context.captured_queries)
    assert lateral == (connection.vendor == "postgresql")
    assert walked  # the curated corpus has rows on each of these pages


@pytest.mark.parametrize(
    ("query", "walked"),
    [
        ("page=3", True),
        ("law=criminal-code&page=3", True),
        ("max_prison_years_min=1&page=3", False),  # filtered: sorted past the first pages
    ],
)
def test_a_deeper_page_of_a_dense_list_walked_is_the_page_sorted(query, walked, monkeypatch):
    """Past the first pages (here the first), a list narrowed by nothing but its law is still
    walked while the rows walked (laws × the page's end) are within the results: 6 laws × 3
    rows for the curated corpus's 19 articles, one law × 3 for the Criminal Code's 15."""
    import search.listing as listing

    monkeypatch.setattr(listing, "WALK_PAGES", 1)

    def rows(walk_from: int) -> list[int]:
        monkeypatch.setattr(listing, "WALK_FROM", walk_from)
        filterset = filterset_for(query)
        listed = list_page(filterset, filterset.data, filterset.data.get("page"), "", 1)
        assert listed.page.number == 3
        return [article.pk for article in listed.page.object_list]

    with CaptureQueriesContext(connection) as context:
        walked_rows = rows(1)
    assert walked_rows == rows(10**9) and walked_rows
    lateral = any("CROSS JOIN LATERAL" in q["sql"] for q in context.captured_queries)
    assert lateral == (walked and connection.vendor == "postgresql")


def test_a_list_row_summarises_its_main_penalties_from_tuples():
    """attach_penalties keeps only the main penalties' figures, as ListPenalty tuples; the
    row's summary is the one the penalties themselves give."""
    version = make_version()
    make_penalty(version, kind=Kind.IMPRISONMENT, min=3, max=8)
    make_penalty(version, kind=Kind.FINE, min=None, max=500_000, unit="rub")
    make_penalty(version, kind=Kind.DEPRIVATION_OF_RIGHT, role="additional", optional=True)
    attach_penalties([version])
    assert all(isinstance(p, ListPenalty) for p in version.list_penalties)
    assert [p.kind for p in version.list_penalties] == [Kind.IMPRISONMENT, Kind.FINE]
    everything = list(Penalty.objects.filter(version=version))
    assert penalty_summary(version.list_penalties) == penalty_summary(everything)
    assert penalty_summary(version.list_penalties) == "3–8 years; fine up to 500,000 RUB"
