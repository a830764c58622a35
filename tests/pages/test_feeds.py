"""The Atom feeds: valid against RFC 4287's RELAX NG schema, dated by the data, text kept as
text; the amendments feed names the articles each law touched, linked, and says which are
assessed, at a cost that does not grow with them; pages link their feeds."""

from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

import pytest
import rnc2rng
from django.utils import timezone
from lxml import etree

from provisions.models import Amendment, EditorialNote
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


# --- validity (RFC 4287) ---------------------------------------------------------------------

SCHEMA = Path(__file__).with_name("atom.rnc")  # RFC 4287 Appendix B, verbatim


@cache
def atom_schema() -> etree.RelaxNG:
    """The RFC's compact schema in the XML syntax lxml reads (rnc2rng). rnc2rng declares the
    empty `local` namespace as xmlns:local="", which XML 1.0 namespaces forbid; its patterns
    name the empty namespace with ns="" and need no declaration."""
    xml = rnc2rng.dumps(rnc2rng.loads(SCHEMA.read_text()))
    return etree.RelaxNG(etree.fromstring(xml.replace('xmlns:local=""', "").encode()))


def assert_valid_atom(content: bytes) -> etree._Element:
    """Valid against the schema, and the RFC's Schematron rules, which RELAX NG does not
    enforce: a feed author (or one on every entry), and a link or content on every entry."""
    feed = etree.fromstring(content)
    schema = atom_schema()
    assert schema.validate(feed), schema.error_log
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert feed.find("a:author/a:name", ns) is not None or all(
        entry.find("a:author", ns) is not None for entry in entries
    )
    for entry in entries:
        assert entry.xpath("a:link[@rel='alternate' or not(@rel)] or a:content", namespaces=ns)
    return feed


FEEDS = [
    "/feeds/amendments/",
    "/provisions/criminal-code/275/feed/",
    "/provisions/criminal-code/275.1/feed/",
    "/provisions/criminal-code/276/feed/",
    "/provisions/administrative-code/20.3.3/feed/",
]


def test_the_schema_refuses_an_entry_without_updated():
    invalid = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id>'
        b"<updated>2024-01-01T00:00:00Z</updated><author><name>a</name></author>"
        b'<entry><title>e</title><id>urn:e</id><link href="http://x/"/></entry></feed>'
    )
    assert not atom_schema().validate(etree.fromstring(invalid))


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_is_valid_atom(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert_valid_atom(response.content)


def test_an_article_feed_with_unheld_editions_and_a_repeal_is_valid(client):
    from provisions.models import Law
    from tests.factories import make_version

    article = make_article(law=Law.objects.get(slug="criminal-code"), number="9106")
    earlier = make_amendment(signed_on=date(2005, 1, 10), in_force_on=date(2005, 1, 21))
    EditorialNote.objects.create(
        amendment=earlier, article=article, kind="amended", note="(В редакции …)"
    )
    make_version(article, valid_from=date(2009, 12, 27), valid_to=date(2012, 1, 1))
    article.repealed_on = date(2012, 1, 2)
    article.save()
    assert_valid_atom(client.get(f"{article.get_absolute_url()}feed/").content)


ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}


def entry_by_title(feed, start: str):
    return next(
        entry
        for entry in feed.findall("a:entry", ATOM_NS)
        if entry.findtext("a:title", namespaces=ATOM_NS).startswith(start)
    )


def test_entries_are_dated_by_the_data_never_by_the_request(client):
    applied = datetime(2030, 6, 1, 12, 0, tzinfo=UTC)
    make_amendment(number="9301-FZ", in_force_on=date(2031, 2, 1), applied_at=applied)
    pending = make_amendment(number="9302-FZ", in_force_on=date(2031, 3, 1))
    pending.history.all().delete()  # as a bulk import leaves it: no save recorded
    feed = assert_valid_atom(client.get("/feeds/amendments/").content)
    first = entry_by_title(feed, "9301-FZ")
    assert first.findtext("a:updated", namespaces=ATOM_NS) == "2030-06-01T12:00:00+00:00"
    second = entry_by_title(feed, "9302-FZ")
    assert second.findtext("a:updated", namespaces=ATOM_NS) == "2031-03-01T00:00:00+00:00"
    updated = [e.findtext("a:updated", namespaces=ATOM_NS) for e in feed.iter("{*}entry")]
    assert feed.findtext("a:updated", namespaces=ATOM_NS) == max(updated)
    # Twice the same: nothing in the feed is the time it was asked for.
    assert client.get("/feeds/amendments/").content == client.get("/feeds/amendments/").content


def test_a_newly_applied_amendment_with_an_old_date_leads_the_feed(client):
    old = make_amendment(number="9303-FZ", signed_on=date(1999, 1, 1), in_force_on=date(1999, 2, 1))
    Amendment.objects.filter(pk=old.pk).update(applied_at=timezone.now() + timedelta(days=1))
    feed = etree.fromstring(client.get("/feeds/amendments/").content)
    assert feed.find("a:entry/a:title", ATOM_NS).text.startswith("9303-FZ")


def test_markup_typed_by_an_editor_reaches_no_reader_as_markup(client):
    from provisions.models import Law
    from tests.factories import make_version

    script = "<script>alert(1)</script>"
    recent_law("9304-FZ", summary=f"Summary {script}")
    feed = assert_valid_atom(client.get("/feeds/amendments/").content)
    summary = entry_by_title(feed, "9304-FZ").find("a:summary", ATOM_NS)
    assert summary.get("type") == "html"
    assert script not in summary.text  # the HTML a reader renders holds it escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in summary.text

    article = make_article(law=Law.objects.get(slug="criminal-code"), number="9107")
    make_version(article, valid_from=date(2010, 1, 1), note=f"Note {script}")
    feed = assert_valid_atom(client.get(f"{article.get_absolute_url()}feed/").content)
    summary = feed.find("a:entry/a:summary", ATOM_NS)
    assert summary.get("type") == "text"  # plain text: shown as those characters
    assert script in summary.text


def test_ids_do_not_depend_on_the_host(client):
    one = etree.fromstring(client.get("/feeds/amendments/").content)
    other = etree.fromstring(client.get("/feeds/amendments/", HTTP_HOST="127.0.0.1").content)
    ids = [e.text for e in one.iter("{http://www.w3.org/2005/Atom}id")]
    assert ids == [e.text for e in other.iter("{http://www.w3.org/2005/Atom}id")]
    assert ids[0] == "lawbase:feed:amendments"


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("/provisions/criminal-code/275/", "/provisions/criminal-code/275/feed/"),
        ("/provisions/criminal-code/275/history/", "/provisions/criminal-code/275/feed/"),
        ("/amendments/", "/feeds/amendments/"),
    ],
)
def test_pages_link_their_feed_in_the_head_and_visibly(client, page, feed):
    html = client.get(page).content.decode()
    head, body = html.split("</head>")
    assert 'rel="alternate" type="application/atom+xml"' in head and f'href="{feed}"' in head
    assert f'href="{feed}" type="application/atom+xml">' in body
