"""Tables as files a person can open: CSV that spreadsheets read safely, and xlsx with typed cells.

Shared by the pages' list downloads and `manage.py export` (both may import lawbase; they may
not import each other). Rows are sequences of plain Python values: str, int, float, bool,
date, datetime, None, lists of str (joined) and dicts (written as JSON text).

CSV: UTF-8 with a byte-order mark, so spreadsheets read the Cyrillic intact; and OWASP's rule
against CSV injection (https://owasp.org/www-community/attacks/CSV_Injection): a text cell
beginning with "=", "+", "-", "@", a tab or a carriage return is written with a leading "'",
so no spreadsheet reads it as a formula. Numbers are written as numbers, never altered.

xlsx (openpyxl): text is always a text cell ("20.2" stays 20.2, never a date; "265.10" stays
apart from "265.1"; "=1+1" stays text, never a formula), dates are date cells, numbers number
cells, booleans boolean cells; the header row is bold and frozen.
"""

import csv
import json
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from io import BytesIO
from itertools import chain, islice

from django.db import DatabaseError, connections
from django.http import HttpResponse, StreamingHttpResponse

logger = logging.getLogger(__name__)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = ";"
BOM = "\ufeff"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Characters XML 1.0 cannot hold (openpyxl refuses them): control characters but tab and
# line breaks. A text holding one is written without it.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_XLSX_TEXT = 32767  # characters Excel holds in one cell
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


def neutralised(text: str) -> str:
    """`text` as a CSV cell no spreadsheet runs: "'" before a leading =, +, -, @, tab, CR."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_value(value):
    """One CSV cell: "" for None, ISO dates (times in UTC, "Z"), lists joined with ";",
    dicts as JSON text, text neutralised; numbers and booleans as the csv module writes them."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return neutralised(value)
    return value


def iso_utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        return moment.isoformat()
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


class _Echo:
    """A file-like object whose write returns what it was given (for streaming CSV)."""

    def write(self, value):
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence]) -> Iterator[str]:
    """The CSV text line by line, the BOM before the header."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow([neutralised(name) for name in header])
    for row in rows:
        yield writer.writerow([csv_value(value) for value in row])


def write_csv(stream, header: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Write the CSV (BOM, header, rows) to a text stream opened with newline=""; return the
    number of rows."""
    lines = csv_lines(header, rows)
    stream.write(next(lines))
    count = 0
    for line in lines:
        stream.write(line)
        count += 1
    return count


CSV_CHUNK = 500  # rows a download reads per query; the first chunk before the answer starts
CSV_CUT_SHORT = (
    "ERROR: this export is incomplete: the database failed after the rows above. "
    "It has been logged; please download it again."
)


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]):
    """A streamed download: rows are read as they are written.

    The first CSV_CHUNK rows are read before any byte is sent, so a query that fails gets the
    error page (503 when the database is unreachable). A failure later in the stream ends it
    with a CSV_CUT_SHORT row, never a silently shorter file; it is logged, and the connection
    is closed so the worker's next request opens a fresh one (issue #21)."""
    rows = iter(rows)
    first = list(islice(rows, CSV_CHUNK))

    def lines() -> Iterator[str]:
        sent = 0
        written = csv_lines(header, chain(first, rows))
        try:
            for line in written:
                yield line
                sent += 1
        except DatabaseError as error:
            logger.error("CSV download %s cut short after %d rows: %s", filename, sent - 1, error)
            connection = connections["default"]
            if not connection.in_atomic_block:  # inside one, its owner rolls back
                connection.close()
            yield csv.writer(_Echo()).writerow([CSV_CUT_SHORT] + [""] * (len(header) - 1))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_bytes(sheet: str, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """An .xlsx workbook with one sheet (its name cut to Excel's 31 characters)."""
    from openpyxl import Workbook  # only when a spreadsheet is asked for
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=sheet[:31])
    worksheet.freeze_panes = "A2"
    widths = [min(max(len(name), 8), 60) for name in header]
    bold = Font(bold=True)

    def cell(value, column: int):
        item = WriteOnlyCell(worksheet)
        set_cell(item, value)
        if isinstance(value, str):
            widths[column] = min(max(widths[column], len(value)), 60)
        return item

    def head(name):
        item = cell(name, 0)
        item.font = bold
        return item

    buffered = [[head(name) for name in header]]
    buffered += [[cell(value, i) for i, value in enumerate(row)] for row in rows]
    # Column widths must precede the rows in a write-only sheet, hence the buffering.
    for index, width in enumerate(widths):
        worksheet.column_dimensions[column_letter(index)].width = width + 2
    for row in buffered:
        worksheet.append(row)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def set_cell(item, value) -> None:
    """Give a write-only cell its value and type (see the module docstring)."""
    if value is None:
        return
    if isinstance(value, bool):
        item.value = value
    elif isinstance(value, datetime):
        moment = value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
        item.value = moment
        item.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        item.value = value
        item.number_format = DATE_FORMAT
    elif isinstance(value, int | float):
        item.value = value
    else:
        if isinstance(value, list | tuple):
            value = LIST_SEPARATOR.join(str(part) for part in value)
        elif isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False)
        item.value = XML_ILLEGAL.sub("", str(value))[:MAX_XLSX_TEXT]
        # openpyxl reads "=…" as a formula and "#N/A" as an error: always text here.
        item.data_type = "s"
        item.number_format = "@"


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def xlsx_response(filename: str, sheet: str, header: Sequence[str], rows: Iterable[Sequence]):
    response = HttpResponse(xlsx_bytes(sheet, header, rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
