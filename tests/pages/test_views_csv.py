"""The CSV export when the database fails: before the answer starts, the error page; in the
middle of the stream, a closing row that says the file is incomplete, an error in the log, and
a worker whose next request is served as usual (issue #21, defect 4)."""

import csv
import logging

import pytest
from django.db import OperationalError, connection

from lawbase import tabular
from provisions.models import Article

pytestmark = pytest.mark.django_db

CSV_URL = "/provisions/?format=csv"


def refuse_every_query(execute, sql, params, many, context):
    raise OperationalError("server closed the connection unexpectedly")


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(text.lstrip("\ufeff").splitlines()))


def test_a_stream_that_fails_midway_ends_with_a_marker_row(client, monkeypatch, caplog):
    monkeypatch.setattr(tabular, "CSV_CHUNK", 5)
    total = Article.objects.count()
    assert total > 10
    response = client.get(CSV_URL)
    assert response.status_code == 200
    stream = iter(response.streaming_content)
    head = [next(stream) for _ in range(6)]  # the header and the first chunk, read already
    with caplog.at_level(logging.ERROR), connection.execute_wrapper(refuse_every_query):
        rest = list(stream)  # the next chunk's queries fail; the client then closes it

    rows = rows_of(b"".join(head + rest).decode())
    assert rows[-1][0] == tabular.CSV_CUT_SHORT
    assert 5 <= len(rows) - 2 < total, "the rows sent before the failure, and no more"
    assert any("cut short after" in record.getMessage() for record in caplog.records)

    again = client.get(CSV_URL)
    complete = rows_of(b"".join(again.streaming_content).decode())
    assert len(complete) == total + 1 and complete[-1][0] != tabular.CSV_CUT_SHORT


def test_a_query_that_fails_before_the_stream_gets_an_error_page(client, monkeypatch):
    client.raise_request_exception = False
    with connection.execute_wrapper(refuse_every_query):
        response = client.get(CSV_URL)
    assert response.status_code in (500, 503)
    assert not response.streaming
    assert client.get(CSV_URL).status_code == 200
