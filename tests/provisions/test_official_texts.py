"""The stored comparison of an official text with the curated record (provisions.official_texts)
follows the curated record, and a pair not compared is never reported as agreeing."""

from datetime import date

import pytest
from django.core.management import call_command

from provisions.models import Article, OfficialText, Source
from provisions.official_texts import refresh_official_differences
from provisions.penalties.differences import COMPARED, official_text_differences
from tests.factories import make_source

pytestmark = pytest.mark.django_db


def official_text(article, penalties, edition=date(2023, 8, 4)) -> OfficialText:
    return OfficialText.objects.create(
        article=article,
        source=make_source(kind=Source.Kind.OFFICIAL_TEXT),
        text_ru=f"Статья {article.number}.",
        edition_date=edition,
        extracted_penalties=[{name: getattr(p, name) for name in COMPARED} for p in penalties],
    )


def test_the_stored_differences_follow_the_curated_record():
    article = Article.objects.get(law__slug="criminal-code", number="283.1")
    current = article.versions.get(valid_to__isnull=True)
    text = official_text(article, current.penalties.all())
    current.penalties.get(part="1", kind="imprisonment").delete()
    assert refresh_official_differences() == 1
    text.refresh_from_db()
    assert text.differences == [
        "official text has part 1 alternative 1 main imprisonment –4 years, curated does not"
    ]
    call_command("load_corpus", verbosity=0)  # the fixtures put the penalty back
    text.refresh_from_db()
    assert text.differences == []


def test_a_curated_version_newer_than_the_text_is_not_compared():
    article = Article.objects.get(law__slug="criminal-code", number="283.1")
    current = article.versions.get(valid_to__isnull=True)
    text = official_text(article, [], edition=current.valid_from.replace(year=2005))
    text.extracted_penalties = [{"kind": "fine", "part": "1", "role": "main"}]
    assert official_text_differences(text, current) is None
    assert official_text_differences(text, None) is None
    text.extracted_penalties = []
    text.edition_date = date(2023, 8, 4)
    assert official_text_differences(text, current) is None  # nothing read out of the text
