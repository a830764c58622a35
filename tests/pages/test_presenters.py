"""What the article page says of the official text beside a curated article
(pages.presenters.official_comparison): computed from the latest curated wording now, and
"not compared" said as such, never as agreement."""

from datetime import date

import pytest

from provisions.models import Article, OfficialText, Source
from provisions.penalties.differences import COMPARED
from tests.factories import make_source

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
    assert "match the latest curated wording" in page
    assert "stored at import" not in page
    imprisonment = official.article.versions.get(valid_to__isnull=True).penalties.get(
        part="1", kind="imprisonment"
    )
    imprisonment.delete()
    page = client.get(URL).content.decode()
    assert "differ from the latest curated wording" in page
    assert "official text has part 1 alternative 1 main imprisonment –4 years" in page


def test_a_text_older_than_the_curated_wording_is_not_compared(client, official):
    official.edition_date = date(2005, 1, 1)
    official.save()
    page = client.get(URL).content.decode()
    assert "not compared with the curated record: the latest curated wording starts on" in page
    assert "match the curated" not in page


def test_a_text_with_no_penalties_read_is_not_compared(client, official):
    official.extracted_penalties = []
    official.save()
    page = client.get(URL).content.decode()
    assert "not compared with the curated record: no penalties were read out of this text" in page


def test_the_text_says_which_edition_it_is(client, official):
    assert "current to 04.08.2023. Shown beside" in client.get(URL).content.decode()
