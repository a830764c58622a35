"""What the article page says of the official text beside a curated article
(pages.presenters.official_comparison): computed now from the held wording the text holds
(a text current to D holds every law signed by D), and "not compared" said as such, with why,
never as agreement."""

from datetime import date

import pytest

from provisions.models import Article, EditorialNote, OfficialText, Source
from provisions.penalties.differences import COMPARED
from tests.factories import make_amendment, make_source

pytestmark = pytest.mark.django_db

URL = "/provisions/criminal-code/283.1/"


@pytest.fixture
def official():
    article = Article.objects.get(law__slug="criminal-code", number="283.1")
    current = article.versions.get(valid_to__isnull=True)
    return OfficialText.objects.create(
        article=article,
        source=make_source(kind=Source.Kind.OFFICIAL_TEXT),
        text_ru="Статья 283.1.",
        edition_date=date(2023, 8, 4),
        extracted_penalties=[
            {name: getattr(p, name) for name in COMPARED} for p in current.penalties.all()
        ],
        differences=["stored at import: curated has something it no longer has"],
    )


def test_the_comparison_is_made_now_not_read_from_the_import(client, official):
    page = client.get(URL).content.decode()
    assert "match the wording it holds, the one in force from" in page
    assert "stored at import" not in page
    imprisonment = official.article.versions.get(valid_to__isnull=True).penalties.get(
        part="1", kind="imprisonment"
    )
    imprisonment.delete()
    page = client.get(URL).content.decode()
    assert "differ from the wording it holds" in page
    assert "official text has part 1 alternative 1 main imprisonment –4 years" in page


def test_a_text_older_than_the_curated_wording_is_not_compared(client, official):
    official.edition_date = date(2005, 1, 1)
    official.save()
    page = client.get(URL).content.decode()
    assert (
        "not compared with the curated record: this text (current to 01.01.2005) predates "
        "every edition of the article known here" in page
    )
    assert "match the" not in page


def test_a_text_with_no_penalties_read_is_not_compared(client, official):
    official.extracted_penalties = []
    official.save()
    page = client.get(URL).content.decode()
    assert "not compared with the curated record: no penalties were read out of this text" in page


def test_the_text_says_which_edition_it_is(client, official):
    assert "current to 04.08.2023. Shown beside" in client.get(URL).content.decode()


def test_a_text_holds_a_law_signed_by_its_date_though_in_force_later(client, official):
    # 190-FZ was signed on 12.11.2012 and came into force on 14.11.2012: a text current to
    # 12.11.2012 holds its wording, so the two are compared, not called "after the text".
    official.edition_date = date(2012, 11, 12)
    official.save()
    page = " ".join(client.get(URL).content.decode().split())
    assert "match the wording it holds, the one in force from" in page
    assert "not compared" not in page


def test_a_text_whose_wording_is_not_held_says_which_wording_that_is(client, official):
    article = official.article
    current = article.versions.get(valid_to__isnull=True)
    current.valid_to = date(2024, 3, 11)  # the curated wording ends where a law's begins
    current.save()
    later = make_amendment(signed_on=date(2024, 3, 1), in_force_on=date(2024, 3, 12))
    EditorialNote.objects.create(
        amendment=later, article=article, kind="amended", note="(В редакции …)"
    )
    official.edition_date = date(2024, 3, 1)
    official.save()
    page = " ".join(client.get(URL).content.decode().split())
    assert (
        f"this text (current to 01.03.2024) holds the wording set by {later.number} of "
        "01.03.2024, in force from 12.03.2024, and that wording is not held here" in page
    )
    assert "match the" not in page
