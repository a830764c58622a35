"""The pages never turn "we do not hold the wording of that day" into "not in force"."""

from datetime import date

import pytest

from provisions.models import ANOTHER_READING, Article, Citation, EditorialNote, Law, Source
from tests.factories import (
    make_amendment,
    make_article,
    make_penalty,
    make_source,
    make_version,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_from_2009():
    """A Criminal Code article whose only wording held starts in 2009, set by 377-FZ."""
    article = make_article(law=Law.objects.get(slug="criminal-code"), number="9105")
    amendment = make_amendment(signed_on=date(2009, 12, 27), in_force_on=date(2009, 12, 27))
    make_penalty(make_version(article, valid_from=date(2009, 12, 27), introduced_by=amendment))
    return article


def text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def law_note(article, kind: str, note: str, signed_on: date, in_force_on: date):
    """An editorial note of the official text naming a law that `kind` (added, repealed…)
    `article`, as the importer writes it."""
    amendment = make_amendment(signed_on=signed_on, in_force_on=in_force_on)
    EditorialNote.objects.create(amendment=amendment, article=article, kind=kind, note=note)
    return amendment


def test_a_day_before_the_held_wording_is_not_held_not_out_of_force(client, held_from_2009):
    page = text(client, f"{held_from_2009.get_absolute_url()}?as_of=2005-01-01")
    assert "is not held here" in page
    assert "not in force on" not in page and "not yet in force" not in page


def test_the_art_10_helper_does_not_call_an_unheld_day_no_crime(client, held_from_2009):
    page = text(client, f"{held_from_2009.get_absolute_url()}?committed_on=2005-01-01")
    assert "cannot be compared" in page
    assert "not a crime" not in page


def test_editions_that_cannot_be_compared_are_not_counted_as_compared(client):
    page = text(client, "/provisions/criminal-code/275/?committed_on=2012-01-01")
    assert "cannot be compared" in page
    assert "Editions compared:" not in page


def test_a_first_held_wording_is_not_a_new_offence_without_evidence(client, held_from_2009):
    page = text(client, held_from_2009.get_absolute_url())
    assert "new offence" not in page
    assert "not assessed: the earlier wording is not held here" in page


def test_a_law_signed_after_the_day_that_added_the_article_bounds_it(client, held_from_2009):
    law_note(
        held_from_2009,
        "added",
        "(Дополнение статьей - Федеральный закон от 24.07.2007 № 211-ФЗ)",
        signed_on=date(2007, 7, 24),
        in_force_on=date(2007, 8, 4),
    )
    url = held_from_2009.get_absolute_url()
    assert "not yet in force" in text(client, f"{url}?as_of=2005-01-01")
    assert "not a crime" in text(client, f"{url}?committed_on=2005-01-01")


def test_before_the_code_came_into_force_the_article_was_not(client):
    article = Article.objects.get(law__slug="criminal-code", number="275")
    assert "not yet in force" in text(client, f"{article.get_absolute_url()}?as_of=1996-06-01")


def test_the_in_force_list_says_what_it_counts(client):
    page = text(client, "/provisions/?in_force_on=1998-01-01")
    assert "whether or not its wording of that day is held here" in page
    # A repeal known only by its law's signing counts from an estimate, and the list says so.
    assert "from its estimated in-force date" in page and "may still have been in force" in page


def test_an_amendment_page_names_the_articles_its_notes_name(client, held_from_2009):
    day = date(2014, 6, 28)
    amendment = law_note(held_from_2009, "amended", "(В редакции …)", day, day)
    page = text(client, amendment.get_absolute_url())
    assert "Articles the official texts name" in page
    assert f"art. {held_from_2009.number}" in page


def test_an_unverified_wording_is_not_headed_as_certain_or_original(client):
    page = text(client, "/provisions/criminal-code/330.1/?as_of=2021-06-01")
    assert "Original wording of the law" not in page
    assert "Wording set by a law not identified here (not the original wording)" in page
    assert "Wording as held for 1 Mar 2021 – 28 Dec 2022 (not verified)" in page
    assert "not verified for that day" in page
    assert "as it stood on" not in page
    assert "wording set by a law not identified here" in page  # the timeline row


def test_a_verified_original_wording_keeps_its_plain_heading(client):
    page = text(client, "/provisions/criminal-code/275/?as_of=2000-01-01")
    assert "Original wording of the law" in page
    assert "In force 1 Jan 1997 – 13 Nov 2012" in page


def test_a_part_the_shown_wording_lacks_is_said_to_be_elsewhere(client):
    page = text(client, "/provisions/criminal-code/330.1/?as_of=2015-01-01&part=3")
    assert (
        "<strong>Part 3 is not in this wording</strong> (in force from 21 Nov 2012); it exists "
        "in the wording" in page
    )
    assert 'href="?as_of=2022-12-29&amp;part=3#part-3">29 Dec 2022</a>' in page


def test_a_part_no_wording_has_is_said_to_be_held_nowhere(client):
    page = text(client, "/provisions/criminal-code/275/?part=9")
    assert (
        "<strong>Part 9 is not in this wording</strong> (in force from 9 May 2023), and no "
        "wording held here has a part 9." in page
    )
    assert client.get("/provisions/criminal-code/275/?part=nine").status_code == 400


def test_a_part_held_in_the_shown_wording_needs_no_banner(client):
    page = text(client, "/provisions/criminal-code/330.1/?part=3")
    assert "is not in this wording" not in page.replace('class="missing-part"', "")
    assert 'id="part-3"' in page


def test_an_address_to_a_part_only_another_wording_has_lands_on_a_note(client):
    # "#part-2" never reaches the server: the page itself holds the anchor and says why.
    page = text(client, "/provisions/criminal-code/330.1/?as_of=2015-01-01")
    assert (
        '<p class="missing-part" id="part-2">Part 2 is not in this wording; it exists in the '
        "wording in force from" in page
    )


@pytest.fixture
def text_of_2023():
    """The held wording of held_from_2009 read from a text current to 04.08.2023."""
    return make_source(
        kind=Source.Kind.OFFICIAL_TEXT, title="Export of 2023", current_to=date(2023, 8, 4)
    )


def test_the_newest_wording_held_is_never_said_to_be_today_s(client, held_from_2009, text_of_2023):
    held_from_2009.versions.update(source=text_of_2023)
    url = held_from_2009.get_absolute_url()
    page = text(client, url)
    assert "– today" not in page and 'class="tag">in force today' not in page
    assert "no later change known here after 04.08.2023" in page
    assert (
        "The wording in force today is uncertain: the newest text held here is current to "
        "04.08.2023 (Export of 2023); a change or repeal after that day is not known here."
    ) in page
    assert "newest edition known" in page
    # A day the text covers is read as before; a later one is uncertain, not "not in force".
    assert "as it stood on 1 January 2020" in text(client, f"{url}?as_of=2020-01-01")
    later = text(client, f"{url}?as_of=2024-06-01")
    assert "The wording in force on 1 June 2024 is uncertain:" in later
    assert "not in force" not in later
    # The art. 10 helper says how far its comparison reaches, and an act after that day is
    # not given a version as the law of the act.
    helper = text(client, f"{url}?committed_on=2015-01-01")
    assert "Newest known:" in helper
    assert "A milder law after that day, if any, is not known here." in helper
    after = text(client, f"{url}?committed_on=2024-01-01")
    assert "Then (1 Jan 2024):</strong> wording uncertain (the version held" in after
    assert "The editions in force from the day of the act on cannot be compared" in after
    data = client.get(url, {"format": "json", "as_of": "2024-06-01"}).json()
    assert (data["known_to"], data["as_of"]["wording"]) == ("2023-08-04", "uncertain")
    assert data["versions"][0]["held_from"]["current_to"] == "2023-08-04"


def test_a_later_text_s_reading_of_the_same_wording_moves_the_day_on(
    client, held_from_2009, text_of_2023
):
    version = held_from_2009.versions.get()
    version.source = text_of_2023
    version.save()
    later = make_source(kind=Source.Kind.CONVERSION, title="Conversion of 2025",
                        current_to=date(2025, 10, 15))  # fmt: skip
    Citation.objects.create(source=later, version=version, quote="…", note=ANOTHER_READING)
    data = client.get(held_from_2009.get_absolute_url(), {"format": "json"}).json()
    assert data["known_to"] == "2025-10-15"
    assert data["known_basis"] == (
        "the newest text held here is current to 15.10.2025 (Conversion of 2025)"
    )
    compared = client.get("/compare/", {"articles": "criminal-code:9105", "format": "json"})
    assert compared.json()["articles"][0]["known_to"] == "2025-10-15"
    assert "the newest known (no later change known here after 15 Oct 2025)" in text(
        client, "/compare/?articles=criminal-code:9105"
    )


def test_without_a_dated_text_today_is_not_vouched_for(client, held_from_2009):
    url = held_from_2009.get_absolute_url()
    page = text(client, url)
    assert "– no later change known here after 27.12.2009" in page and "– today" not in page
    assert 'class="tag">in force today' not in page
    data = client.get(url, {"format": "json", "as_of": "2015-01-01"}).json()
    assert data["known_to"] == "2009-12-27"
    assert data["known_basis"] == (
        "no text held here gives the day it is current to; its newest edition known takes "
        "effect on 27.12.2009"
    )
    assert (data["as_of"]["status"], data["as_of"]["wording"]) == ("in_force", "uncertain")


def test_a_repealed_article_s_timeline_never_says_in_force(client, held_from_2009):
    law_note(
        held_from_2009,
        "repealed",
        "(Статья утратила силу - Федеральный закон от 03.07.2016 № 325-ФЗ)",
        signed_on=date(2016, 7, 3),
        in_force_on=date(2016, 7, 14),
    )
    held_from_2009.versions.update(valid_to=date(2016, 7, 13))
    page = text(client, held_from_2009.get_absolute_url())
    assert "repealed with effect from 14 July 2016." in page  # its law's date is confirmed
    assert "14 Jul 2016 – no later change known here" in page
    assert "in force today" not in page and "newest edition known" not in page
    data = client.get(held_from_2009.get_absolute_url(), {"format": "json"}).json()
    assert (data["known_to"], data["known_basis"]) == (None, "")


def test_compare_dates_a_change_after_the_text_as_the_article_page_does(
    client, held_from_2009, text_of_2023
):
    held_from_2009.versions.update(source=text_of_2023, valid_to=date(2024, 8, 31))
    later = make_amendment(signed_on=date(2024, 8, 8), in_force_on=date(2024, 9, 1))
    make_version(held_from_2009, valid_from=date(2024, 9, 1), introduced_by=later)
    page = client.get(held_from_2009.get_absolute_url(), {"format": "json"}).json()
    compared = client.get("/compare/", {"articles": "criminal-code:9105", "format": "json"})
    assert page["known_to"] == compared.json()["articles"][0]["known_to"] == "2024-09-01"


def test_today_between_a_repeals_signing_and_its_estimated_day_is_said_unknown(client):
    """A repealing law signed three days ago, in force by estimate in eight: the page says
    whether the article is in force today is not known, never nothing."""
    from datetime import timedelta

    today = date.today()
    article = make_article(law=Law.objects.get(slug="criminal-code"), number="9106")
    make_penalty(make_version(article, valid_from=date(2009, 12, 27)))
    amendment = law_note(
        article, "repealed", "(Статья утратила силу - Федеральный закон от …)",
        today - timedelta(days=3), today + timedelta(days=8),
    )  # fmt: skip
    amendment.in_force_certainty = "estimated"
    amendment.save()
    page = text(client, article.get_absolute_url())
    assert "Whether this article is in force today is not known here:" in page
    assert "was signed by then" in page
