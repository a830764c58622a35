"""Every list downloads as CSV, JSON and xlsx with its page's filters (pages/downloads.py), and
each page links its downloads."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from pages import downloads
from provisions.models import Amendment, Source

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_result_cache")]

LISTS = {
    "/amendments/": downloads.AMENDMENT_COLUMNS,
    "/laws/": downloads.LAW_COLUMNS,
    "/sources/": downloads.SOURCE_COLUMNS,
    "/statistics/": downloads.STATISTIC_COLUMNS,
    "/provisions/criminal-code/275/history/": downloads.VERSION_COLUMNS,
}


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[dict]:
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def sheet(response):
    workbook = load_workbook(io.BytesIO(body(response)))
    return workbook[workbook.sheetnames[0]]


@pytest.mark.parametrize("url", LISTS)
def test_each_list_downloads_in_three_formats(client, url):
    columns = list(LISTS[url])
    as_csv = client.get(url, {"format": "csv"})
    assert as_csv.status_code == 200
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in as_csv["Content-Disposition"]
    rows = csv_rows(as_csv)
    assert rows and list(rows[0]) == columns

    as_json = client.get(url, {"format": "json"}).json()
    assert as_json["columns"] == columns
    assert as_json["count"] == len(as_json["results"]) == len(rows)

    as_xlsx = client.get(url, {"format": "xlsx"})
    assert as_xlsx["Content-Type"] == downloads.tabular.XLSX_TYPE
    table = sheet(as_xlsx)
    assert [cell.value for cell in table[1]] == columns
    assert table.max_row == len(rows) + 1
    assert table.freeze_panes == "A2"


@pytest.mark.parametrize("url", LISTS)
def test_each_list_links_its_downloads(client, url):
    html = client.get(url).content.decode()
    for fmt in downloads.FORMATS:
        assert f"format={fmt}" in html


def test_an_unknown_format_is_a_bad_request(client):
    for url in LISTS:
        assert client.get(url, {"format": "pdf"}).status_code == 400


def test_amendment_downloads_keep_the_page_filters(client):
    everything = client.get("/amendments/", {"format": "json"}).json()
    filtered = client.get(
        "/amendments/", {"format": "json", "law": "criminal-code", "assessed": "yes"}
    ).json()
    assert 0 < filtered["count"] < everything["count"]
    assert all(row["assessed"] for row in filtered["results"])
    assert all(
        any(ref.startswith("criminal-code:") for ref in row["articles_curated"])
        or any(ref.startswith("criminal-code:") for ref in row["articles_named"])
        for row in filtered["results"]
    )
    harsher = client.get("/amendments/", {"format": "csv", "effect": "harsher"})
    assert {row["effect"] for row in csv_rows(harsher)} == {"harsher"}
    # The page's links carry its filters.
    html = client.get("/amendments/", {"law": "criminal-code"}).content.decode()
    assert "law=criminal-code&amp;format=csv" in html


def test_a_bad_filter_is_a_bad_request_in_the_asked_format(client):
    response = client.get("/amendments/", {"format": "csv", "year": "12"})
    assert response.status_code == 400
    assert "year" in response.json()["error"]


def test_amendment_rows_say_what_is_known(client):
    rows = {row["slug"]: row for row in client.get("/amendments/?format=json").json()["results"]}
    law = rows["157-fz-2023"]
    amendment = Amendment.objects.get(slug="157-fz-2023")
    assert law["in_force_on"] == amendment.in_force_on.isoformat()
    assert "criminal-code:275" in law["articles_curated"]
    assert law["url"].endswith("/amendments/157-fz-2023/")


def test_versions_download_lists_the_timeline_with_typed_cells(client):
    url = "/provisions/criminal-code/275/history/"
    rows = client.get(url, {"format": "json"}).json()["results"]
    assert [row["valid_from"] for row in rows] == sorted(row["valid_from"] for row in rows)
    held = [row for row in rows if row["held"]]
    assert held and all(row["penalties"].startswith("part ") for row in held)
    assert any("157-FZ" in row["opened_by"] for row in rows)
    table = sheet(client.get(url, {"format": "xlsx"}))
    number, valid_from = table["B2"], table["D2"]
    assert number.value == "275" and number.data_type == "s"
    assert valid_from.is_date and valid_from.value.date() == date.fromisoformat(
        rows[0]["valid_from"]
    )


def test_provisions_spreadsheet_keeps_numbers_as_text(client):
    table = sheet(client.get("/provisions/", {"format": "xlsx", "law": "criminal-code"}))
    header = [cell.value for cell in table[1]]
    number = header.index("number")
    numbers = [row[number] for row in table.iter_rows(min_row=2)]
    assert "275.1" in [cell.value for cell in numbers]
    assert all(cell.data_type == "s" for cell in numbers)
    amended = header.index("last_amended")
    assert any(row[amended].is_date for row in table.iter_rows(min_row=2))


def test_page_downloads_neutralise_formula_text(client):
    Source.objects.create(
        slug="formula",
        title='=HYPERLINK("http://evil.example","click")',
        publisher="@x",
        kind="news",
    )
    rows = csv_rows(client.get("/sources/", {"format": "csv"}))
    row = next(row for row in rows if row["slug"] == "formula")
    assert row["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["publisher"] == "'@x"
    # The spreadsheet holds the text itself, as a text cell, never a formula.
    table = sheet(client.get("/sources/", {"format": "xlsx"}))
    cell = next(row[2] for row in table.iter_rows(min_row=2) if row[1].value == "formula")
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
