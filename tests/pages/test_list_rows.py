"""pages.list_rows writes exactly what includes/_list_row.html writes, for lists with every
kind of row: searched (with highlighted snippets), Russian titles, titles in both languages,
no wording held for the day, no certainty."""

import pytest
from django.template.loader import render_to_string

from pages.list_rows import list_row

pytestmark = pytest.mark.django_db


def rows_of(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    return response.context["rows"]


@pytest.mark.parametrize(
    "url",
    [
        "/provisions/",
        "/provisions/?q=измена",
        "/provisions/?q=treason",
        "/provisions/?in_force_on=2000-01-01&law=criminal-code",
        "/provisions/?topic=treason&sort=heaviest",
    ],
)
def test_every_row_is_written_as_the_include_writes_it(client, url):
    rows = rows_of(client, url)
    assert rows
    for row in rows:
        assert list_row(row) == render_to_string("includes/_list_row.html", {"row": row})


def test_markup_in_a_row_is_escaped_alike(client):
    row = {
        **rows_of(client, "/provisions/?topic=treason")[0],
        "title": '<b>"Treason"</b> & more',
        "title_en": '<b>"Treason"</b> & more',
        "snippet": "a <i>snippet</i>",
        "certainty": None,
        "last_amended": None,
    }
    python = list_row(row)
    assert python == render_to_string("includes/_list_row.html", {"row": row})
    assert "&lt;b&gt;&quot;Treason&quot;&lt;/b&gt; &amp; more" in python
