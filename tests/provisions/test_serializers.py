"""The article JSON contract on the curated corpus, including `as_of` around amendments."""

import pytest

pytestmark = pytest.mark.django_db

VERSION_KEYS = {"valid_from", "valid_to", "certainty", "introduced_by", "penalties"}
PENALTY_KEYS = {"part", "kind", "min", "max", "unit", "role", "certainty"}
SOURCE_KEYS = {"title", "publisher", "url", "published_on", "quote"}
STAT_KEYS = {"year", "period", "count", "qualifier", "source"}
KINDS = {
    "imprisonment",
    "life_imprisonment",
    "death_penalty",
    "fine",
    "forced_labour",
    "restriction_of_freedom",
    "compulsory_work",
    "correctional_labour",
    "arrest",
    "deprivation_of_right",
}


def article_json(client, number, law="criminal-code", **params):
    response = client.get(f"/provisions/{law}/{number}/", {"format": "json", **params})
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def assert_contract(data):
    assert {"law", "number", "title_en", "title_ru", "topics", "versions", "sources", "statistics"}
    assert data.keys() >= {
        "law",
        "number",
        "title_en",
        "title_ru",
        "topics",
        "versions",
        "sources",
        "statistics",
    }
    for version in data["versions"]:
        assert version.keys() >= VERSION_KEYS
        for penalty in version["penalties"]:
            assert penalty.keys() >= PENALTY_KEYS
            assert penalty["kind"] in KINDS
            assert penalty["unit"] in {"years", "months", "hours", "rub", None}
            assert penalty["role"] in {"main", "additional"}
            assert penalty["certainty"] in {"confirmed", "inferred", "unverified"}
            if penalty["kind"] in {"life_imprisonment", "death_penalty"}:
                assert penalty["unit"] is None and penalty["max"] is None
    for source in data["sources"]:
        assert source.keys() >= SOURCE_KEYS
        assert source["quote"]
    for stat in data["statistics"]:
        assert stat.keys() >= STAT_KEYS


def main_terms(version, kind="imprisonment", part="1"):
    return [
        (p["min"], p["max"], p["unit"])
        for p in version["penalties"]
        if p["kind"] == kind and p["part"] == part and p["role"] == "main"
    ]


def kinds_of(version):
    return {p["kind"] for p in version["penalties"] if p["role"] == "main"}


def test_treason_full_history(client):
    data = article_json(client, "275")
    assert_contract(data)
    assert (data["law"], data["number"]) == ("criminal-code", "275")
    assert "treason" in data["topics"]
    starts = [v["valid_from"] for v in data["versions"]]
    assert starts == ["1997-01-01", "2012-11-14", "2022-07-25", "2023-05-09"]
    assert [v["valid_to"] for v in data["versions"]][-1] is None
    assert [v["introduced_by"] for v in data["versions"]] == [None, "190-FZ", "260-FZ", "157-FZ"]
    current = data["versions"][-1]
    assert main_terms(current) == [(12, 20, "years")]
    assert "life_imprisonment" in kinds_of(current)
    assert data["sources"], "every fact links to a source"
    years = {(s["year"], s["count"]) for s in data["statistics"] if s["period"] == "year"}
    assert {(2022, 16), (2023, 39), (2024, 145)} <= years


def test_treason_before_and_after_life_imprisonment(client):
    before = article_json(client, "275", as_of="2023-01-01")
    assert_contract(before)
    (version,) = before["versions"]
    assert version["introduced_by"] == "260-FZ"
    assert "life_imprisonment" not in kinds_of(version)

    after = article_json(client, "275", as_of="2023-05-09")
    (version,) = after["versions"]
    assert version["introduced_by"] == "157-FZ"
    assert "life_imprisonment" in kinds_of(version)


def test_confidential_cooperation(client):
    data = article_json(client, "275.1")
    assert_contract(data)
    (version,) = data["versions"]
    assert version["valid_from"] == "2022-07-25" and version["introduced_by"] == "260-FZ"
    assert version["certainty"] == "inferred", "the in-force date is inferred in facts.md"
    assert main_terms(version) == [(3, 8, "years")]
    fines = [p for p in version["penalties"] if p["kind"] == "fine" and p["unit"] == "rub"]
    assert [(f["max"], f["role"]) for f in fines] == [(1_000_000, "additional")]
    assert {(s["year"], s["count"]) for s in data["statistics"]} >= {(2023, 2), (2024, 21)}


def test_confidential_cooperation_did_not_exist_before_july_2022(client):
    data = article_json(client, "275.1", as_of="2022-07-24")
    assert data["versions"] == []


def test_false_information_part_one_raised_from_three_to_five_years(client):
    data = article_json(client, "207.3")
    assert_contract(data)
    assert data["versions"][0]["introduced_by"] == "32-FZ"
    before = article_json(client, "207.3", as_of="2023-03-28")["versions"][0]
    after = article_json(client, "207.3", as_of="2023-03-29")["versions"][0]
    assert max(t[1] for t in main_terms(before)) == 3
    assert after["introduced_by"] == "58-FZ"
    assert max(t[1] for t in main_terms(after)) == 5
    assert main_terms(after, part="3") == [(10, 15, "years")]


def test_unknown_article_is_404(client):
    assert client.get("/provisions/criminal-code/9999/", {"format": "json"}).status_code == 404
    assert client.get("/provisions/no-such-law/275/", {"format": "json"}).status_code == 404


@pytest.mark.parametrize("bad", ["notadate", "2023-13-01", "2023-02-30", "2023", "x" * 5000])
def test_bad_as_of_is_400_with_a_message(client, bad):
    response = client.get("/provisions/criminal-code/275/", {"format": "json", "as_of": bad})
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json()["error"]
    html = client.get("/provisions/criminal-code/275/", {"as_of": bad})
    assert html.status_code == 400
    assert "YYYY-MM-DD" in html.content.decode()


@pytest.mark.usefixtures("no_result_cache")
def test_article_json_query_count_is_fixed(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        article_json(client, "275")


def test_a_later_wording_set_by_an_unidentified_law_is_not_called_original(client):
    # 330.1's 2021 wording: a December 2020 law whose number is not held set it.
    data = article_json(client, "330.1", as_of="2021-06-01")
    (version,) = data["versions"]
    assert version["introduced_by"] is None
    assert version["wording_origin"] == "unidentified"
    assert "amendments between 01.03.2021 and 29.12.2022 are not known" in version["caveat"]
    assert data["as_of"]["wording"] == "held"
    assert data["as_of"]["caveat"] == version["caveat"]


def test_a_verified_original_wording_says_so_without_a_caveat(client):
    data = article_json(client, "275", as_of="2000-01-01")
    (version,) = data["versions"]
    assert version["wording_origin"] == "original"
    assert version["caveat"] == ""
    assert data["as_of"]["caveat"] == ""
