"""Reading the per-article Markdown of 2025 (../shared/data/editions, where it lies)."""

from datetime import date

import pytest

from pravo.parsing.article_markdown import (
    SKIP_FRONT,
    SKIP_LINKS,
    SKIP_NAV,
    fix_merged_numbers,
    merged_number,
    parse_article_folder,
)
from pravo.parsing.document import PravoFormatError, parse_file
from tests.pravo_data import EDITIONS_DIR, PRAVO_DIR

FOLDER = EDITIONS_DIR / "uk_red-2025-10-15_articles"
ARTICLES = [
    *("207.3", "212.1", "275", "275.1", "276", "276.1", "280.1"),
    *("280.3", "280.4", "283", "284.1", "284.2", "330.1"),
]


@pytest.fixture(scope="module")
def edition():
    if not FOLDER.exists():
        pytest.skip(f"not found: {FOLDER}")
    return parse_article_folder(FOLDER)


def refs(article):
    return {(r.number, r.signed_on, r.note_kind, r.scope) for r in article.amendments}


def test_every_article_in_order(edition):
    assert [a.number for a in edition.articles] == ARTICLES
    assert edition.source_format == "article_markdown"
    assert edition.edition_date == date(2025, 10, 15)  # 378-ФЗ, in art. 330.1's notes
    assert edition.act_title == ""  # the files never name their act


def test_the_repository_additions_are_skipped(edition):
    assert edition.skipped[SKIP_FRONT] == 13 and edition.skipped[SKIP_NAV] == 13
    assert edition.skipped[SKIP_LINKS] >= 1
    for article in edition.articles:
        text = article.text + article.title
        for addition in ("[[", "Ссылки на другие статьи", "номер:", "заголовок:", "---"):
            assert addition not in text, (article.number, addition)


def test_titles_are_completed_and_text_rejoined(edition):
    assert edition.article("276.1").title == (
        "Оказание помощи противнику в деятельности, заведомо направленной против безопасности "
        "Российской Федерации"
    )
    # The continuation starts with a capital: the heading's length tells it was cut.
    assert edition.article("284.2").title.endswith(
        "граждан Российской Федерации или российских юридических лиц"
    )
    assert edition.article("275").title == "Государственная измена"
    treason = edition.article("275")
    assert "Российской Федерации шпионаж" in treason.text  # a wrapped line joined with a space
    assert "(В редакции" not in treason.text and "\n\n" not in treason.text


def test_sanctions_notes_and_editorial_notes(edition):
    treason = edition.article("275")
    [part] = treason.parts
    assert part.sanction.startswith("наказывается лишением свободы на срок от двенадцати")
    assert part.sanction.endswith("пожизненным лишением свободы.")
    assert len(treason.notes) == 3 and treason.notes[0].startswith("Примечания. 1.")
    assert {
        ("157-ФЗ", date(2023, 4, 28), "amended", "part"),
        ("510-ФЗ", date(2024, 12, 28), "restated", "note"),
        ("260-ФЗ", date(2022, 7, 14), "restated", "article"),
    } == refs(treason)
    assert ("510-ФЗ", date(2024, 12, 28), "added", "article") in refs(edition.article("276.1"))
    assert all(part.sanction for article in edition.articles for part in article.parts)


def test_merged_superscripts_become_dotted(edition):
    # "статьями 276, 2761, 278": 276.1 is one of the folder's own articles.
    assert "статьями 276, 276.1, 278 и 279" in edition.article("275").text
    assert "2761" not in edition.article("275").text
    assert "2801, 280.3" not in edition.article("280.4").text
    assert "280, 280.1, 280.3, 284.2 и 354" in edition.article("280.4").text
    # 205.2, 104.1, 330.3 are not in the folder: left as written, and said so.
    assert any("'2052'" in line for line in edition.unparsed)
    assert any("'3303'" in line for line in edition.unparsed)


def test_known_articles_resolve_the_rest():
    export = PRAVO_DIR / "102041891.html"
    if not FOLDER.exists() or not export.exists():
        pytest.skip("the Markdown folder or the portal's export of the Code is absent")
    known = {article.number for article in parse_file(export).articles}
    edition = parse_article_folder(FOLDER, known)
    assert edition.unparsed == []
    assert "статьями 205.2, 280, 280.1" in edition.article("280.4").text
    assert "статье 104.1" in edition.article("280.4").text
    assert "статьей 330.3" in edition.article("284.1").text


def test_merged_number_needs_exactly_one_known_reading():
    assert merged_number("2761", {"276.1"}) == "276.1"
    assert merged_number("2761", set()) is None
    assert merged_number("2761", {"276.1", "27.61"}) is None
    problems = []
    text = fix_merged_numbers("статьями 105, 2761 и 2001 года", {"276.1"}, problems, "1")
    assert text == "статьями 105, 276.1 и 2001 года" and problems == []
    assert fix_merged_numbers("статьей 2761.", {"276.1"}, problems, "1") == "статьей 276.1."


def test_a_folder_without_articles_is_refused(tmp_path):
    (tmp_path / "note.md").write_text("# Заметка\n\nНе статья.\n", encoding="utf-8")
    with pytest.raises(PravoFormatError):
        parse_article_folder(tmp_path)
