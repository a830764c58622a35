"""The amendment pages: what each law touched, the assessed core first, filters, and changes
recorded but not applied never shown as history."""

from datetime import date

import pytest
from django.utils import timezone

from provisions.amendment_apply import amendment_apply
from provisions.models import Amendment, Article, EditorialNote, Law
from tests.factories import make_amendment, make_article, make_change, make_law, make_version

pytestmark = pytest.mark.django_db

NOT_ASSESSED = "the site does not hold their wording before this law"


def text(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.content.decode()[:500]
    return " ".join(response.content.decode().split())


def name(amendment, article, kind="amended", parts="", note=None) -> EditorialNote:
    return EditorialNote.objects.create(
        amendment=amendment,
        article=article,
        kind=kind,
        parts=parts,
        note=note or f"(В редакции Федерального закона № {amendment.number})",
    )


def only_named(in_force_on=date(2024, 6, 1), articles=1, law=None) -> Amendment:
    """A law the official texts name on `articles` articles, as the importer records it."""
    law = law or make_law()
    amendment = make_amendment(
        signed_on=in_force_on, in_force_on=in_force_on, applied_at=timezone.now()
    )
    for _ in range(articles):
        name(amendment, make_article(law=law), parts="2")
    return amendment


@pytest.fixture
def curated_and_named():
    """An applied law with a curated change on one article, which an editorial note also
    names, and a note on a second article."""
    law = make_law(short_name="Test code")
    changed, named = make_article(law=law, number="9301"), make_article(law=law, number="9302")
    make_version(changed, valid_from=date(2000, 1, 1))
    amendment = make_amendment(signed_on=date(2014, 6, 28), in_force_on=date(2014, 6, 28))
    make_change(amendment, changed, parts="1", description="Part 1 reworded.")
    amendment_apply(amendment=amendment)
    name(amendment, changed, parts="1", note="(В редакции закона, часть первая)")
    name(amendment, named, kind="restated", parts="2", note="(В редакции закона, часть вторая)")
    return amendment, changed, named


# The amendment page


def test_an_amendment_page_lists_curated_changes_then_the_articles_notes_name(
    client, curated_and_named
):
    amendment, changed, named = curated_and_named
    page = text(client, amendment.get_absolute_url())

    assert page.index("art. 9301") < page.index("Articles the official texts name")
    assert page.index("Articles the official texts name") < page.index("art. 9302")
    assert page.count("art. 9301</a>") == 1, "an article with a change and a note: once"
    assert 'The official text\'s note: <span lang="ru">(В редакции закона, часть первая)' in page
    assert "part 2: restated" in page and "(В редакции закона, часть вторая)" in page
    assert "not assessed" in page and NOT_ASSESSED in page
    assert 'href="/provisions/' + named.law.slug + '/9302/"' in page


def test_a_law_named_only_by_notes_is_not_assessed_rather_than_unknown(client):
    amendment = only_named(articles=2)
    page = text(client, amendment.get_absolute_url())

    assert NOT_ASSESSED in page
    assert "verdict-unknown" not in page and ">unknown<" not in page
    assert "No article changes" not in page


def test_a_law_nothing_here_names_says_so(client):
    page = text(client, make_amendment().get_absolute_url())
    assert "No article this law touched is recorded here" in page


def test_a_change_recorded_but_not_applied_is_never_shown_as_history(client):
    article = Article.objects.get(law__slug="criminal-code", number="275")
    amendment = make_amendment(signed_on=date(2030, 1, 1), in_force_on=date(2030, 1, 10))
    make_change(amendment, article, description="A proposed life term for part 2.")

    page = text(client, amendment.get_absolute_url())
    assert "recorded, not applied" in page
    assert "verdict-" not in page, "no effect is shown for a change not applied"
    assert "penalty-diff" not in page

    article_page = text(client, article.get_absolute_url())
    assert (
        f"<strong>{amendment.number}:</strong> <mark>recorded, not applied</mark> "
        "A proposed life term" in article_page
    )


@pytest.mark.usefixtures("no_result_cache")
def test_the_amendment_page_costs_the_same_queries_for_any_number_of_articles(
    client, django_assert_num_queries
):
    law = make_law()
    pages = []
    for size in (1, 12):
        amendment = make_amendment(in_force_on=date(2021, 1, 10), signed_on=date(2021, 1, 1))
        for _ in range(size):
            article = make_article(law=law)
            make_version(article, valid_from=date(2000, 1, 1))
            make_change(amendment, article)
            name(amendment, article)
            name(amendment, make_article(law=law))
        amendment_apply(amendment=amendment)
        pages.append(amendment.get_absolute_url())
    for url in pages:
        # The amendment, its changes, their articles' versions and penalties, citations,
        # editorial notes, and the laws in force the same day.
        with django_assert_num_queries(8):
            assert client.get(url).status_code == 200
    named_only = only_named(articles=30).get_absolute_url()
    # No curated change: no versions, penalties or same-day laws to read.
    with django_assert_num_queries(4):
        assert client.get(named_only).status_code == 200


# Two laws in force the same day on one article


@pytest.fixture
def same_day_pair():
    article = make_article(law=Law.objects.get(slug="criminal-code"), number="9104")
    make_version(article, valid_from=date(2000, 1, 1))
    pair = []
    for number, part in (("8258-FZ", "1"), ("8260-FZ", "2")):
        amendment = make_amendment(
            number=number, signed_on=date(2022, 7, 14), in_force_on=date(2022, 7, 25)
        )
        term = {"part": part, "kind": "imprisonment", "min": 1, "max": 9, "unit": "years"}
        make_change(amendment, article, penalties=[term], description=f"Part {part}.")
        amendment_apply(amendment=amendment)
        pair.append(amendment)
    return article, *pair


def test_both_laws_of_one_day_are_shown_on_the_article_and_their_pages(client, same_day_pair):
    article, first, second = same_day_pair

    article_page = text(client, article.get_absolute_url())
    assert "Wording set by" in article_page and "8258-FZ" in article_page
    assert "Also amended by 8260-FZ of 14.07.2022, in force the same day" in article_page
    assert "<strong>8258-FZ:</strong> Part 1." in article_page
    assert "<strong>8260-FZ:</strong> Part 2." in article_page

    first_page = text(client, first.get_absolute_url())
    assert "In force the same day as" in first_page and "8260-FZ</a>" in first_page
    second_page = text(client, second.get_absolute_url())
    assert "which opened the article's version from 25 Jul 2022" in second_page
    assert "not assessed apart" in second_page
    assert "penalty-diff" in second_page, "before both laws and after both"


# The timeline


def test_the_timeline_leads_with_the_assessed_amendments(client):
    for n in range(60):  # newer than every curated law, and more than a page
        only_named(in_force_on=date(2025, 1, 1 + n % 28))

    page = text(client, "/amendments/")

    assert page.index("Assessed changes") < page.index("157-FZ") < page.index("Other amending")
    assert "260-FZ" in page and "141-FZ" in page, "the whole curated core on page one"
    assert "Page 1 of" in page
    later = text(client, "/amendments/?page=2")
    assert "Assessed changes" not in later and "Other amending laws (not assessed)" in later


def test_an_unassessed_law_lists_the_articles_its_notes_name(client):
    amendment = only_named(in_force_on=date(2025, 2, 3), articles=15)
    page = text(client, "/amendments/?assessed=no&year=2025")

    assert amendment.number in page
    assert "Named by the official texts:" in page and "(part 2)" in page
    assert "and 3 more" in page
    assert "verdict-unknown" not in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("assessed=yes", ["157-FZ", "260-FZ"], ["7001-FZ"]),
        ("assessed=no", ["7001-FZ", "582-FZ"], ["157-FZ"]),
        ("year=2023", ["157-FZ", "413-FZ"], ["260-FZ", "7001-FZ"]),
        ("law=administrative-code", ["65-FZ"], ["157-FZ"]),
        ("law=criminal-code&year=2022&assessed=yes", ["260-FZ", "32-FZ"], ["65-FZ", "157-FZ"]),
        ("effect=harsher", ["157-FZ"], ["7001-FZ", "63-FZ"]),
        ("effect=unchanged&assessed=yes", ["63-FZ"], ["157-FZ"]),
    ],
)
def test_the_timeline_filters(client, query, shown, hidden):
    make_amendment(number="7001-FZ", signed_on=date(2023, 1, 1), in_force_on=date(2024, 1, 1))
    page = text(client, f"/amendments/?{query}")
    for number in shown:
        assert f"<strong>{number}</strong>" in page, number
    for number in hidden:
        assert f"<strong>{number}</strong>" not in page, number


def test_the_law_filter_finds_laws_by_the_articles_their_notes_name(client):
    law = make_law(slug="test-named-law")
    amendment = only_named(law=law)
    page = text(client, "/amendments/?law=test-named-law")
    assert f"<strong>{amendment.number}</strong>" in page and "<strong>157-FZ</strong>" not in page


def test_an_amendment_not_applied_shows_no_effect_on_the_timeline(client):
    article = Article.objects.get(law__slug="criminal-code", number="275")
    amendment = make_amendment(number="7002-FZ", in_force_on=date(2030, 1, 1))
    make_change(amendment, make_article(), action="added", description="New.")
    make_change(amendment, article)

    page = text(client, "/amendments/?assessed=no")
    row = page[page.index("<strong>7002-FZ</strong>") :][:300]
    assert "recorded, not applied" in row and "verdict-" not in row
    pending = text(client, "/amendments/?effect=harsher")  # as its action alone says
    row = pending[pending.index("<strong>7002-FZ</strong>") :][:300]
    assert "recorded, not applied" in row and "verdict-" not in row


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("assessed=maybe", "assessed must be yes or no"),
        ("year=twenty", "year must be a year from 1800 to 9999"),
        ("year=99999", "year must be a year"),
        ("year=-1", "year must be a year"),
        ("year=²⁰²²", "year must be a year"),
        ("year=1799", "year must be a year"),
        ("law=no-such-law", "law must be the slug of a law held here"),
        ("law=%00", "The parameter law holds a NUL byte."),
        ("effect=worse", "effect must be one of"),
        ("law=" + "x" * 5000, "law must be the slug"),
    ],
)
def test_bad_timeline_filters_get_a_400_with_a_message(client, query, message):
    assert message in text(client, f"/amendments/?{query}", status=400)


@pytest.mark.usefixtures("no_result_cache")
@pytest.mark.parametrize("query", ["", "?law={law}&assessed=no&year=2024", "?effect=unknown"])
def test_the_timeline_costs_the_same_queries_for_any_number_of_rows(
    client, query, django_assert_num_queries
):
    law = make_law()
    url = "/amendments/" + query.format(law=law.slug)
    only_named(in_force_on=date(2024, 3, 1), law=law)
    # The laws for the filter, the count, the page, its changes, its editorial notes.
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200
    for _ in range(60):
        only_named(in_force_on=date(2024, 3, 1), articles=3, law=law)
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200


# The home page


def test_the_home_page_lists_the_latest_assessed_amendments(client):
    newer = only_named(in_force_on=date(2025, 5, 5))
    page = text(client, "/")
    latest = page[page.index("Latest amendments") :][:3000]
    assert "413-FZ" in latest and newer.number not in latest
    assert 'href="/amendments/?assessed=no"' in latest
