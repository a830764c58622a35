"""The statistics page: 50 counts a page (issue #22), the downloads whole."""

import json

import pytest

from provisions.models import ConvictionStat
from tests.factories import make_article, make_law
from tests.pages.test_views import queries_for

pytestmark = pytest.mark.django_db


def add_counts(size: int) -> None:
    law = make_law()
    ConvictionStat.objects.bulk_create(
        ConvictionStat(
            article=make_article(law=law, number=str(n + 1)),
            year=2020,
            count=n + 1,
            counted_by="Judicial Department",
        )
        for n in range(size)
    )


def rows(html: str) -> int:
    return html.split("<tbody>")[1].split("</tbody>")[0].count("<tr>")


def test_the_page_lists_50_counts_and_the_downloads_every_count(client):
    held = ConvictionStat.objects.count()
    add_counts(120 - held)
    first = client.get("/statistics/").content.decode()
    last = client.get("/statistics/", {"page": 3}).content.decode()
    assert (rows(first), rows(last)) == (50, 20)
    assert "Page 1 of 3" in first and "Page 3 of 3" in last
    # The download links leave the page out: every count, whichever page offers them.
    assert "?page=3&amp;format=csv" not in last and "?format=csv" in last
    whole = json.loads(client.get("/statistics/", {"format": "json", "page": 2}).content)
    assert len(whole["results"] if isinstance(whole, dict) else whole) == 120
    csv = b"".join(client.get("/statistics/", {"format": "csv"}).streaming_content)
    assert csv.decode().strip().count("\n") == 120


def test_a_bad_page_number_shows_page_1_with_a_message(client):
    html = client.get("/statistics/", {"page": "x"}).content.decode()
    assert "“x” is not a page number; showing page 1." in html


@pytest.mark.usefixtures("no_result_cache")
def test_the_queries_do_not_grow_with_the_counts(client):
    before = queries_for(client, "/statistics/")
    add_counts(200)
    assert queries_for(client, "/statistics/?page=4") == before
