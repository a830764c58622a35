"""`manage.py import_official`: every format read and summarised; --write imports each text as
an edition beside those already held (texts read where they lie)."""

from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pravo.management.commands.import_official import detect_format
from provisions.models import (
    Amendment,
    Article,
    ArticleVersion,
    EditorialNote,
    Law,
    OfficialText,
    Origin,
    Penalty,
    Source,
)
from tests.pravo_data import EDITIONS_DIR, KOAP_DIR, PRAVO_DIR

pytestmark = pytest.mark.django_db

KOAP_2024 = KOAP_DIR / "koap_2024-08-08_consultant.txt"
KOAP_2024_DOCX = KOAP_DIR / "koap_2024-08-08_consultant.docx"
KOAP_2017 = KOAP_DIR / "koap_2017-03-07_consultant.txt"
CC_2005 = EDITIONS_DIR / "uk_red-2005-07-21.txt"
CC_2017 = EDITIONS_DIR / "uk_red-2017-07-29.txt"
CC_2025 = EDITIONS_DIR / "uk_red-2025-10-15_articles"
CC_PORTAL = PRAVO_DIR / "102041891.html"


def need(*paths: Path):
    for path in paths:
        if not path.exists():
            pytest.skip(f"not found: {path}")


def run(*args) -> str:
    out = StringIO()
    call_command("import_official", *map(str, args), stdout=out)
    return out.getvalue()


def counts():
    return tuple(
        model.objects.count()
        for model in (Article, ArticleVersion, Penalty, Amendment, EditorialNote, OfficialText)
    )


def test_formats_are_told_apart():
    need(KOAP_2024, KOAP_2024_DOCX, CC_2017, CC_2025, CC_PORTAL)
    assert detect_format(KOAP_2024) == "consultant_text"
    assert detect_format(CC_2017) == "consultant_text"  # no header: its notes tell
    assert detect_format(KOAP_2024_DOCX) == "consultant_docx"
    assert detect_format(CC_2025) == "article_markdown"
    assert detect_format(CC_PORTAL) == "pravo_html"


def test_an_unknown_text_needs_a_format(tmp_path):
    plain = tmp_path / "notes.txt"
    plain.write_text("Просто текст.\n", encoding="utf-8")
    with pytest.raises(CommandError, match="--format"):
        run(plain)


def test_summaries_write_nothing():
    need(KOAP_2017, CC_2005, CC_2017, CC_2025)
    before = counts()
    output = run(KOAP_2017, CC_2005, CC_2017, CC_2025)
    assert counts() == before
    assert "Nothing written" in output
    assert (
        "koap_2017-03-07_consultant.txt: consultant_text; act: Кодекс Российской Федерации об "
        "административных правонарушениях (administrative-code); current to 2017-03-07"
    ) in output
    assert "uk_red-2005-07-21.txt: consultant_text; act: Уголовный кодекс Российской Федерации" in (
        output
    )
    assert "articles: 383 (23 with dotted numbers, 7 repealed)" in output
    assert "72 «КонсультантПлюс: примечание» blocks" in output
    assert "uk_red-2025-10-15_articles: article_markdown; act: not named in the text" in output
    assert "could not read: 3" in output  # 2052, 1041, 3303 in the folder alone


def test_markdown_numbers_known_from_the_law_named():
    need(CC_2025)
    output = run(CC_2025, "--law", "criminal-code")
    # The curated Criminal Code does not hold 205.2, 104.1 or 330.3: still said.
    assert "(criminal-code); current to 2025-10-15" in output
    assert "'2052' looks like an article number" in output


def test_write_the_code_of_administrative_offences_once():
    need(KOAP_2024)
    curated = Article.objects.get(law__slug="administrative-code", number="20.2")
    curated_versions = set(curated.versions.values_list("pk", "valid_from"))
    curated_note = Law.objects.get(slug="administrative-code").note

    output = run(KOAP_2024, "--write")

    # The curated law's signing date and note stand (the text's signature agrees).
    law = Law.objects.get(slug="administrative-code")
    assert law.adopted_on == date(2001, 12, 30)
    assert law.note == curated_note

    discrediting = Article.objects.get(law__slug="administrative-code", number="20.3.3")
    assert discrediting.origin == Origin.CURATED  # a curated record; the text completes it
    version = discrediting.versions.get(valid_to__isnull=True)
    assert version.source.kind == Source.Kind.CONSOLIDATED_TEXT
    assert version.source.published_on == date(2024, 8, 8)
    assert version.text_ru.startswith("1. Публичные действия, направленные на дискредитацию")
    assert EditorialNote.objects.get(article=discrediting, amendment__number="31-FZ").kind == (
        "added"
    )
    assert set(
        EditorialNote.objects.filter(article=discrediting).values_list(
            "amendment__number", flat=True
        )
    ) == {"31-FZ", "62-FZ", "57-FZ", "640-FZ"}
    # Curated records win: 20.2 keeps its versions (a later wording joins them); the
    # official text stands beside it.
    curated.refresh_from_db()
    assert curated.origin == Origin.CURATED
    assert curated_versions <= set(curated.versions.values_list("pk", "valid_from"))
    assert OfficialText.objects.get(article=curated).text_ru.startswith("1. Нарушение")
    assert Article.objects.get(law__slug="administrative-code", number="20.2.1").repealed_on
    assert "curated kept as they are" in output

    first = counts()
    again = run(KOAP_2024, "--write")
    assert counts() == first
    assert "wordings: 0 new" in again


def test_two_editions_are_held_side_by_side():
    need(KOAP_2017, KOAP_2024)
    run(KOAP_2024, KOAP_2017, "--write")
    undesirable = Article.objects.get(law__slug="administrative-code", number="20.33")
    versions = list(undesirable.versions.select_related("source").order_by("valid_from"))
    # The 2015 wording from the 2017 text, the current one from the 2024 text.
    assert [v.source.published_on.year for v in versions][-2:] == [2017, 2024]
    assert versions[-1].valid_to is None and versions[-2].valid_to is not None
    assert Article.objects.filter(law__slug="administrative-code", number="20.3.3").exists()
    assert Amendment.objects.filter(number="285-FZ", signed_on=date(2024, 8, 8)).exists()


def test_an_older_criminal_code_edition_joins_the_portal_import():
    need(CC_PORTAL, CC_2005)
    call_command("import_pravo", str(CC_PORTAL), verbosity=0)
    run(CC_2005, "--write")
    murder = Article.objects.get(law__slug="criminal-code", number="105")
    kinds = [v.source.kind for v in murder.versions.select_related("source").order_by("valid_from")]
    assert kinds[0] == Source.Kind.CONSOLIDATED_TEXT and kinds[-1] == Source.Kind.OFFICIAL_TEXT
    assert len(kinds) == 2


def test_an_act_not_named_is_not_written():
    need(CC_2025)
    before = counts()
    assert "its act is not known; say which law with --law" in run(CC_2025, "--write")
    assert counts() == before


def test_treason_reads_as_it_stood_in_2006_and_2018_with_its_sources():
    need(CC_PORTAL, CC_2005, CC_2017)
    call_command("import_pravo", str(CC_PORTAL), verbosity=0)
    run(CC_2005, CC_2017, "--write")
    treason = Article.objects.get(law__slug="criminal-code", number="275")
    on_2006 = treason.versions.get(valid_from__lte=date(2006, 1, 1), valid_to__gte=date(2006, 1, 1))
    on_2018 = treason.versions.get(valid_from__lte=date(2018, 1, 1), valid_to__gte=date(2018, 1, 1))
    # 162-FZ (2003) changed the article after the curated 1996 wording: the 2005 text holds it.
    assert on_2006.introduced_by.number == "162-FZ"
    assert on_2006.source.published_on == date(2005, 7, 21)
    assert on_2006.text_ru.startswith("Государственная измена")
    assert on_2018.introduced_by.number == "190-FZ" and on_2018.source.kind == "consolidated_text"
    original = treason.versions.get(valid_from=date(1997, 1, 1))
    assert original.valid_to == on_2006.valid_from - timedelta(days=1)


def test_what_the_sanction_reader_could_not_read_is_said_on_the_wording():
    need(KOAP_2024)
    run(KOAP_2024, "--write")
    unpaid = Article.objects.get(law__slug="administrative-code", number="20.25")
    current = unpaid.versions.get(valid_to__isnull=True)
    # Kept beside the penalties it did read, with its words and why (UnparsedSanction).
    unread = list(current.unparsed_sanctions.values_list("part", "text", "reason"))
    assert unread and all(text and reason for _, text, reason in unread)
    assert "1" in {part for part, _, _ in unread}
