"""The amendments feed: each entry names the articles its law touched, linked, and says which
are assessed; its cost does not grow with them."""

from datetime import date
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from provisions.models import EditorialNote
from tests.factories import make_amendment, make_article, make_change, make_law

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client) -> dict[str, str]:
    """{entry title: its summary (HTML)} of /feeds/amendments/."""
    feed = ElementTree.fromstring(client.get("/feeds/amendments/").content)
    return {
        entry.find(f"{ATOM}title").text: entry.find(f"{ATOM}summary").text
        for entry in feed.iter(f"{ATOM}entry")
    }


def recent_law(number: str, applied=True, **fields):
    return make_amendment(
        number=number,
        title_en="Test",
        signed_on=date(2031, 1, 1),
        in_force_on=date(2031, 1, 1),
        applied_at=timezone.now() if applied else None,
        **fields,
    )


def test_an_entry_lists_curated_changes_then_articles_notes_name(client):
    law = make_law(short_name="Test code")
    changed, named = make_article(law=law, number="9501"), make_article(law=law, number="9502")
    amendment = recent_law("9001-FZ")
    make_change(amendment, changed, parts="1", description="Part 1 reworded.")
    for article in (changed, named):
        EditorialNote.objects.create(
            amendment=amendment, article=article, kind="amended", parts="2", note="(В редакции)"
        )

    summary = entries(client)["9001-FZ of 01.01.2031: Test"]

    assert summary.index("art. 9501") < summary.index("Named only by") < summary.index("9502")
    assert summary.count("art. 9501") == 1
    assert "not assessed here" in summary
    assert f'href="http://testserver/provisions/{law.slug}/9502/"' in summary
    assert "Part 1 reworded." in summary


def test_an_entry_marks_curated_changes_not_applied(client):
    amendment = recent_law("9002-FZ", applied=False)
    make_change(amendment, make_article(number="9503"))

    summary = entries(client)["9002-FZ of 01.01.2031: Test"]
    assert "recorded, not yet applied" in summary
    assert "Curated changes (recorded, not applied)" in summary


def test_an_entry_says_when_no_article_is_recorded(client):
    recent_law("9003-FZ")
    assert (
        "No article it touched is recorded here" in entries(client)["9003-FZ of 01.01.2031: Test"]
    )


@pytest.mark.usefixtures("no_result_cache")
def test_the_feed_costs_three_queries_however_many_articles(client, django_assert_num_queries):
    with django_assert_num_queries(3):  # the entries, their changes, their editorial notes
        assert client.get("/feeds/amendments/").status_code == 200
    law = make_law()
    for n in range(20):
        amendment = recent_law(f"91{n:02}-FZ")
        for _ in range(5):
            article = make_article(law=law)
            make_change(amendment, article)
            EditorialNote.objects.create(
                amendment=amendment, article=make_article(law=law), kind="added", note="(…)"
            )
    with django_assert_num_queries(3):
        assert client.get("/feeds/amendments/").status_code == 200


def test_an_article_feed_tells_its_timeline_held_or_not(client):
    from provisions.models import Law
    from tests.factories import make_version

    article = make_article(law=Law.objects.get(slug="criminal-code"), number="9105")
    earlier = make_amendment(signed_on=date(2005, 1, 10), in_force_on=date(2005, 1, 21))
    later = make_amendment(signed_on=date(2009, 12, 27), in_force_on=date(2009, 12, 27))
    EditorialNote.objects.create(
        amendment=earlier, article=article, kind="amended", note="(В редакции …)"
    )
    make_version(article, valid_from=date(2009, 12, 27), introduced_by=later)
    body = client.get(f"{article.get_absolute_url()}feed/").content.decode()
    assert f"Edition in force from 21.01.2005 by {earlier.number} (wording not held here)" in body
    assert "Edition in force from 01.01.1997 (original wording) (wording not held here)" in body
    assert f"Version in force from 27.12.2009 by {later.number}" in body
    # A held version keeps its entry id.
    assert "lawbase:version:criminal-code:9105:2009-12-27" in body
