"""The public pages: real content from the corpus, bad input never a 500, pinned query counts."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from pages.views import facet_link
from provisions.models import Amendment, Source
from tests.factories import cite, make_article, make_law, make_penalty, make_version

pytestmark = pytest.mark.django_db

LONG = "x" * 10_000


def page_urls():
    amendment = Amendment.objects.get(slug="157-fz-2023")
    source = Source.objects.get(slug="pravo-uk-rf-102041891")
    return {
        "home": "/",
        "list": "/provisions/",
        "article": "/provisions/criminal-code/275/",
        "history": "/provisions/criminal-code/275/history/",
        "compare": "/compare/?articles=criminal-code:275,criminal-code:275.1,criminal-code:276",
        "amendments": "/amendments/",
        "amendment": amendment.get_absolute_url(),
        "laws": "/laws/",
        "law": "/laws/criminal-code/",
        "sources": "/sources/",
        "source": source.get_absolute_url(),
        "statistics": "/statistics/",
    }


def test_every_page_renders_real_content(client):
    expected = {
        "home": "treason",
        "list": "Confidential cooperation",
        "article": "12–20 years",
        "history": "157-FZ",
        "compare": "<svg",
        "amendments": "260-FZ",
        "amendment": "life imprisonment",
        "laws": "Criminal Code",
        "law": "275.1",
        "sources": "pravo.gov.ru",
        "source": "Supports",
        "statistics": "145",
    }
    for name, url in page_urls().items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert expected[name] in response.content.decode(), name


def test_list_json_contract_and_order(client):
    data = client.get("/provisions/", {"law": "criminal-code", "format": "json"}).json()
    assert data.keys() >= {"count", "page", "num_pages", "results", "facets"}
    numbers = [row["number"] for row in data["results"]]
    assert numbers.index("275") < numbers.index("275.1") < numbers.index("276")
    row = next(row for row in data["results"] if row["number"] == "275.1")
    assert row.keys() >= {
        "law",
        "number",
        "title_en",
        "title_ru",
        "url",
        "max_prison_years",
        "life_imprisonment",
        "penalty_summary",
        "last_amended",
        "certainty",
    }
    assert row["max_prison_years"] == 8 and row["life_imprisonment"] is False
    assert row["penalty_summary"].startswith("3–8 years")
    assert row["last_amended"] == "2022-07-25"
    assert data["facets"]["law"]["criminal-code"] == data["count"]
    assert data["facets"]["penalty_kind"]["life_imprisonment"] >= 1


def test_heaviest_first_puts_life_terms_on_top(client):
    data = client.get("/provisions/", {"sort": "heaviest", "format": "json"}).json()
    assert data["results"][0]["life_imprisonment"] is True
    assert data["results"][0]["number"] == "275"


def test_espionage_before_and_after_july_2022(client):
    """The journalist's question: what did espionage carry before July 2022, and after?"""
    before = client.get(
        "/provisions/", {"q": "Espionage", "in_force_on": "2022-07-01", "format": "json"}
    ).json()
    after = client.get(
        "/provisions/", {"q": "Espionage", "in_force_on": "2022-08-01", "format": "json"}
    ).json()
    spy_before = next(r for r in before["results"] if r["number"] == "276")
    spy_after = next(r for r in after["results"] if r["number"] == "276")
    assert spy_before["max_prison_years"] == spy_after["max_prison_years"] == 20
    assert spy_before["last_amended"] == "2012-11-14"
    assert spy_after["last_amended"] == "2022-07-25"


def test_filters_combine(client):
    data = client.get(
        "/provisions/",
        {"topic": "treason", "max_prison_years_min": "10", "format": "json"},
    ).json()
    assert {row["number"] for row in data["results"]} >= {"275"}
    assert all(r["max_prison_years"] >= 10 or r["life_imprisonment"] for r in data["results"])
    in_2012 = client.get("/provisions/", {"amended_in": "2012", "format": "json"}).json()
    assert "283.1" in {row["number"] for row in in_2012["results"]}
    kind = client.get("/provisions/", {"penalty_kind": "life_imprisonment", "format": "json"})
    assert [row["number"] for row in kind.json()["results"]] == ["275"]


def test_csv_download_keeps_cyrillic(client):
    response = client.get("/provisions/", {"law": "criminal-code", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff"), "a BOM tells spreadsheets the file is UTF-8"
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    treason = next(row for row in rows if row["number"] == "275")
    assert treason["title_ru"] == "Государственная измена"


BAD_LIST_PARAMS = [
    {"in_force_on": "notadate"},
    {"in_force_on": "2023-02-30"},
    {"max_prison_years_min": "abc"},
    {"max_prison_years_max": "-5"},
    {"amended_in": "12x"},
    {"page": "999999"},
    {"page": "abc"},
    {"page": "-1"},
    {"sort": ";drop table provisions_article"},
    {"law": "no-such-law"},
    {"topic": "no-such-topic"},
    {"penalty_kind": "flogging"},
    {"q": LONG},
    {"q": "\x00"},
    {"format": "xml"},
]


@pytest.mark.parametrize("params", BAD_LIST_PARAMS)
@pytest.mark.parametrize("fmt", ["html", "json", "csv"])
def test_bad_list_input_gets_a_message_not_a_500(client, params, fmt):
    response = client.get("/provisions/", {**params, "format": params.get("format", fmt)})
    assert response.status_code in (200, 400)
    if response.status_code == 400 and fmt != "html" and "format" not in params:
        assert response.json()["error"]
    if response.status_code == 200 and "page" in params and fmt == "html":
        assert "showing" in response.content.decode()


BAD_PAGE_REQUESTS = [
    "/provisions/criminal-code/275/?as_of=notadate",
    "/provisions/criminal-code/275/?committed_on=2023-13-45",
    "/provisions/criminal-code/275/?as_of=" + LONG,
    "/provisions/criminal-code/275/?format=pdf",
    "/provisions/criminal-code/275/history/?from=notadate",
    "/provisions/criminal-code/275/history/?from=1990-01-01&to=2050-01-01",
    "/compare/?articles=" + LONG,
    "/compare/?articles=nocolon",
    "/compare/?articles=" + ",".join(f"criminal-code:{n}" for n in range(100, 120)),
    "/compare/?articles=criminal-code:275&as_of=yesterday",
    "/compare/?articles=no-law:1,criminal-code:275",
    "/compare/?articles=criminal-code:275&around=no-such-amendment",
    "/compare/?articles=criminal-code:275&format=csv",
    "/amendments/?effect=;drop",
    "/amendments/no-such-amendment/",
    "/laws/no-such-law/",
    "/sources/999999/",
    "/provisions/criminal-code/%00/",
    "/compare/?articles=criminal-code:27%00",
    "/compare/?articles=criminal-code:275&around=%00",
    "/provisions/criminal-code/275/history/?from=%00",
    "/amendments/?effect=%00",
]


@pytest.mark.parametrize("url", BAD_PAGE_REQUESTS)
def test_bad_page_input_gets_a_message_not_a_500(client, url):
    response = client.get(url)
    assert response.status_code in (200, 400, 404)
    if response.status_code in (400, 404):
        assert b"LawBase" in response.content or response["Content-Type"].startswith(
            "application/json"
        )


def test_as_of_shows_a_banner_and_the_old_version(client):
    html = client.get("/provisions/criminal-code/275/", {"as_of": "2020-01-01"}).content.decode()
    assert "as it stood on 1 January 2020" in html
    assert "190-FZ" in html


def test_article_10_helper_names_the_milder_version(client):
    html = client.get(
        "/provisions/criminal-code/275/", {"committed_on": "2023-01-01"}
    ).content.decode()
    assert "The law of the act is the mildest" in html
    assert "not legal advice" in html


def test_history_diff_and_penalty_change(client):
    html = client.get(
        "/provisions/criminal-code/275/history/", {"from": "2022-07-25", "to": "2023-05-09"}
    ).content.decode()
    assert "life imprisonment" in html
    assert "harsher" in html


def test_compare_json_matches_article_json_penalties(client):
    data = client.get(
        "/compare/",
        {
            "articles": "criminal-code:275,criminal-code:275.1",
            "as_of": "2023-01-01",
            "format": "json",
        },
    ).json()
    assert [(a["law"], a["number"]) for a in data["articles"]] == [
        ("criminal-code", "275"),
        ("criminal-code", "275.1"),
    ]
    article = client.get(
        "/provisions/criminal-code/275/", {"as_of": "2023-01-01", "format": "json"}
    ).json()
    key = ("part", "kind", "min", "max", "unit", "role", "certainty")
    compared = sorted(tuple(p[k] for k in key) for p in data["articles"][0]["penalties"])
    direct = sorted(tuple(p[k] for k in key) for p in article["versions"][0]["penalties"])
    assert compared == direct


def test_compare_around_an_amendment(client):
    data = client.get(
        "/compare/", {"articles": "criminal-code:275", "around": "157-fz-2023", "format": "json"}
    ).json()
    labels = [a["label"] for a in data["articles"]]
    assert any("before 157-FZ" in label for label in labels)
    assert any("after 157-FZ" in label for label in labels)


def test_amendments_filter_by_effect(client):
    harsher = client.get("/amendments/", {"effect": "harsher"}).content.decode()
    assert "157-FZ" in harsher


def test_statistics_show_disagreeing_counts_side_by_side(client):
    html = client.get("/statistics/").content.decode()
    assert "RTVI" in html and "at least 28" in html
    assert "at least 209" in html or "209" in html


# Query counts: the same number of queries with 5 and with 50 articles of a law.


def make_corpus_law(size: int):
    law = make_law()
    for n in range(size):
        article = make_article(law=law, number=str(n + 1))
        version = make_version(article, valid_from=date(2010, 1, 1))
        cite(penalty=make_penalty(version, min=1, max=n % 20 + 2))
        make_penalty(version, part="2", kind="fine", min=None, max=100_000, unit="rub")
    return law


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


QUERY_LIMITS = {
    "/provisions/?law={slug}": 16,
    "/provisions/?law={slug}&format=json": 14,
    # the totals in a query of their own (LawQuerySet.with_totals); the act's own repeal
    "/laws/{slug}/": 10,
    "/compare/?articles={slug}:1,{slug}:2,{slug}:3": 6,
    "/provisions/{slug}/1/": 4,  # relations flagged empty are not read (provisions.fetching)
    "/provisions/{slug}/1/history/": 4,
}


@pytest.mark.usefixtures("no_result_cache")
@pytest.mark.parametrize("template", QUERY_LIMITS)
def test_query_count_is_constant_in_the_number_of_rows(
    client, template, django_assert_max_num_queries
):
    small, large = make_corpus_law(5), make_corpus_law(50)
    with django_assert_max_num_queries(QUERY_LIMITS[template]):
        small_count = queries_for(client, template.format(slug=small.slug))
    large_count = queries_for(client, template.format(slug=large.slug))
    assert small_count == large_count


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("home", 6),
        ("amendments", 6),
        ("amendment", 8),
        ("laws", 2),
        ("sources", 2),
        ("source", 3),
        ("statistics", 3),
        ("article", 9),
        ("history", 14),
        ("compare", 6),
    ],
)
@pytest.mark.usefixtures("no_result_cache")
def test_query_count_per_page(client, name, limit, django_assert_max_num_queries):
    url = page_urls()[name]
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "query",
    ["", "page=2", "law=x&page=3&q=%D1%88+%26+%3D", "topic=a&topic=b&sort=heaviest", "q=%00&law="],
)
def test_a_facet_link_is_the_query_with_that_choice_and_no_page(query):
    current = QueryDict(query)
    for name in ("law", "topic", "penalty_unit"):
        link = facet_link(current, name)
        for value in ("criminal-code", "Щ & ?", ""):
            expected = current.copy()
            expected.pop("page", None)
            expected[name] = value
            assert link(value) == "?" + expected.urlencode()
