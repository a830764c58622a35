"""CSV that spreadsheets open safely and xlsx with typed cells (lawbase/tabular.py), read back
with the csv module and openpyxl."""

import csv
import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from lawbase import tabular

HEADER = ["law", "number", "part", "law_number", "in_force_on", "max_years", "life", "note"]
ROWS = [
    ["administrative-code", "20.2", "1.1", "157-FZ", date(2023, 5, 9), 20, False, "Митинг"],
    ["criminal-code", "265.10", "3", "001", date(2024, 1, 1), 2.5, True, "=1+1"],
    ["criminal-code", "265.1", "10", "44-FZ", None, None, None, "#N/A"],
]
DANGEROUS = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_starts_with_a_bom_and_keeps_cyrillic():
    text = "".join(tabular.csv_lines(HEADER, ROWS))
    assert text.startswith("\ufeff")
    rows = read_csv(text.removeprefix("\ufeff"))
    assert rows[0] == HEADER
    assert rows[1][:5] == ["administrative-code", "20.2", "1.1", "157-FZ", "2023-05-09"]
    assert rows[1][7] == "Митинг"
    assert rows[3][4:7] == ["", "", ""]  # None is an empty cell


@pytest.mark.parametrize("value", DANGEROUS)
def test_csv_neutralises_every_formula_start(value):
    rows = read_csv("".join(tabular.csv_lines(["note"], [[value]])).removeprefix("\ufeff"))
    assert rows[1] == ["'" + value]


def test_csv_leaves_numbers_and_plain_text_alone():
    rows = read_csv("".join(tabular.csv_lines(["a", "b", "c"], [[-3, "a-b", "20.2"]]))[1:])
    assert rows[1] == ["-3", "a-b", "20.2"]


def test_csv_joins_lists_and_writes_times_in_utc():
    moment = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
    rows = read_csv("".join(tabular.csv_lines(["a", "b"], [[["x:1", "y:2"], moment]]))[1:])
    assert rows[1] == ["x:1;y:2", "2024-05-01T12:30:00Z"]


def test_xlsx_round_trip_keeps_numbers_as_text_and_dates_as_dates():
    workbook = load_workbook(io.BytesIO(tabular.xlsx_bytes("provisions", HEADER, ROWS)))
    sheet = workbook["provisions"]
    assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[1]] == HEADER
    assert all(cell.font.bold for cell in sheet[1])
    first, second, third = sheet[2], sheet[3], sheet[4]
    # Article, part and law numbers stay text: never a date, never 265.1 for 265.10.
    for cell in (first[1], first[2], first[3], second[1], second[3], third[1], third[2]):
        assert cell.data_type == "s"
        assert isinstance(cell.value, str)
    assert [first[1].value, second[1].value, third[1].value] == ["20.2", "265.10", "265.1"]
    assert second[3].value == "001"
    # Dates are dates, numbers numbers, booleans booleans; Cyrillic intact.
    assert first[4].is_date and first[4].value.date() == date(2023, 5, 9)
    assert first[5].value == 20 and first[5].data_type == "n"
    assert second[5].value == 2.5
    assert second[6].value is True
    assert first[7].value == "Митинг"
    # Formula-like and error-like text stays text.
    assert second[7].data_type == "s" and second[7].value == "=1+1"
    assert third[7].data_type == "s" and third[7].value == "#N/A"
    assert third[4].value is None


def test_xlsx_drops_characters_xml_cannot_hold():
    sheet = load_workbook(io.BytesIO(tabular.xlsx_bytes("t", ["a"], [["a\x00b\x1fc"]])))["t"]
    assert sheet["A2"].value == "abc"
