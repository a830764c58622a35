"""Importing the official Criminal Code export from ../shared/data/pravo (never copied here)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from provisions.models import (
    Amendment,
    Article,
    ArticleVersion,
    EditorialNote,
    OfficialText,
    Origin,
    Penalty,
)
from provisions.validation import corpus_problems
from tests.pravo_data import PRAVO_DIR

pytestmark = pytest.mark.django_db

PRAVO = PRAVO_DIR
CRIMINAL_CODE = PRAVO / "102041891.html"
CURATED = [
    "128.1",
    "207.3",
    "275",
    "275.1",
    "276",
    "280.3",
    "280.4",
    "283",
    "283.1",
    "283.2",
    "284",
    "284.1",
    "330.1",
]

requires_exports = pytest.mark.skipif(
    not CRIMINAL_CODE.exists(), reason=f"the official exports are not at {PRAVO}"
)


def counts():
    return tuple(
        model.objects.count()
        for model in (Article, ArticleVersion, Penalty, Amendment, EditorialNote, OfficialText)
    )


def curated_snapshot():
    return sorted(
        Penalty.objects.filter(version__article__origin=Origin.CURATED).values_list(
            "version__article__number", "version__valid_from", "part", "kind", "min", "max"
        )
    )


@requires_exports
def test_import_the_criminal_code_twice(capsys):
    curated_before = curated_snapshot()

    call_command("import_pravo", str(CRIMINAL_CODE))
    first = counts()
    call_command("import_pravo", str(CRIMINAL_CODE))

    assert counts() == first, "a second import changes nothing"
    output = capsys.readouterr().out
    assert "510 unchanged" in output
    code = Article.objects.filter(law__slug="criminal-code")
    assert code.count() == 523
    numbers = set(code.values_list("number", flat=True))
    assert {"105", "275.1", "280.4", "283.2", "361"} <= numbers
    assert "2751" not in numbers
    repealed = code.get(number="159.4")
    assert repealed.repealed_on is not None and not repealed.versions.exists()
    assert curated_snapshot() == curated_before, "curated records are never overwritten"
    assert code.get(number="275").versions.count() == 4
    murder = code.get(number="105").versions.get()
    assert murder.text_ru.startswith("1. Убийство")
    assert {("1", "imprisonment", 6, 15), ("2", "life_imprisonment", None, None)} <= set(
        murder.penalties.values_list("part", "kind", "min", "max")
    )
    assert all(p.certainty == "extracted" for p in murder.penalties.all())
    assert murder.penalties.first().citations.get().source.url.endswith("nd=102041891")
    note = EditorialNote.objects.get(article__number="280.1", amendment__number="433-FZ")
    assert note.kind == "added" and "433-ФЗ" in note.note
    assert EditorialNote.objects.get(article__number="280.1", amendment__number="274-FZ").parts == (
        "1, 2"
    )
    assert corpus_problems() == []


@requires_exports
def test_curated_penalties_match_the_official_text():
    """Each curated article's penalties in force appear in the importer's reading of the text.

    The reading also finds alternatives facts.md does not list (e.g. fines set as months of
    income, compulsory work in 330.1 part 3); those are kept as OfficialText.differences.
    """
    call_command("import_pravo", str(CRIMINAL_CODE))
    mismatches = {}
    for number in CURATED:
        official = OfficialText.objects.get(
            article__law__slug="criminal-code", article__number=number
        )
        missing = [d for d in official.differences if d.startswith("curated has")]
        if missing:
            mismatches[number] = missing
    assert mismatches == {}


@requires_exports
def test_imported_code_is_filterable_and_comparable(client):
    call_command("import_pravo", str(CRIMINAL_CODE))
    heavy = client.get(
        "/provisions/",
        {"law": "criminal-code", "max_prison_years_min": "15", "format": "json", "sort": "number"},
    ).json()
    numbers = [row["number"] for row in heavy["results"]]
    assert {"105", "275"} <= set(numbers)
    assert heavy["count"] > 30
    compared = client.get(
        "/compare/", {"articles": "criminal-code:105,criminal-code:275", "format": "json"}
    ).json()
    assert [a["number"] for a in compared["articles"]] == ["105", "275"]
    page = client.get("/provisions/criminal-code/275/").content.decode()
    assert "Official text" in page
    assert client.get("/provisions/criminal-code/105/").status_code == 200


@pytest.mark.parametrize(
    "content",
    [
        None,  # the first 5,000 bytes of the real export: truncated
        b"<html><body><p>Hello</p></body></html>",
        b"",
        b"not html at all",
    ],
)
@requires_exports
def test_a_file_that_is_not_an_export_is_refused_with_no_writes(tmp_path, content):
    bad = tmp_path / "102041891.html"
    bad.write_bytes(CRIMINAL_CODE.read_bytes()[:5000] if content is None else content)
    before = counts()
    with pytest.raises(CommandError, match="not a pravo.gov.ru export"):
        call_command("import_pravo", str(bad))
    assert counts() == before


def test_unknown_file_needs_a_law_slug(tmp_path):
    export = tmp_path / "999.html"
    export.write_text("<html></html>")
    with pytest.raises(CommandError, match="--law"):
        call_command("import_pravo", str(export))
