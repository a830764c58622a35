"""Reading ConsultantPlus consolidated texts (КоАП 2024 .txt/.docx and 2017, the Criminal Code
of 2005 and 2017) from ../shared/data, where they lie; each test skips when its file is absent.
The synthetic texts at the end are made up ("Пробный кодекс") and test the layouts alone."""

import re
from datetime import date
from pathlib import Path

import pytest

from pravo.parsing.consultant import (
    SKIP_BLOCKS,
    SKIP_COURTS,
    SKIP_HEADER,
    SKIP_TOC,
    parse_consultant,
    parse_consultant_file,
    publisher_skipped,
)
from pravo.parsing.document import PravoFormatError
from tests.pravo_data import EDITIONS_DIR, KOAP_DIR

KOAP_2024 = KOAP_DIR / "koap_2024-08-08_consultant.txt"
KOAP_2024_DOCX = KOAP_DIR / "koap_2024-08-08_consultant.docx"
KOAP_2017 = KOAP_DIR / "koap_2017-03-07_consultant.txt"
CC_2005 = EDITIONS_DIR / "uk_red-2005-07-21.txt"
CC_2017 = EDITIONS_DIR / "uk_red-2017-07-29.txt"


def parsed(path: Path):
    if not path.exists():
        pytest.skip(f"not found: {path}")
    return parse_consultant_file(path)


@pytest.fixture(scope="module")
def koap24():
    return parsed(KOAP_2024)


@pytest.fixture(scope="module")
def koap17():
    return parsed(KOAP_2017)


@pytest.fixture(scope="module")
def cc05():
    return parsed(CC_2005)


@pytest.fixture(scope="module")
def cc17():
    return parsed(CC_2017)


def refs(article):
    return {(r.number, r.signed_on, r.note_kind, r.scope, r.part) for r in article.amendments}


def numbers(document):
    return [a.number for a in document.articles]


# --- КоАП, 08.08.2024 ----------------------------------------------------------------------------


def test_koap_2024_act_edition_and_preamble(koap24):
    assert koap24.act_title == "Кодекс Российской Федерации об административных правонарушениях"
    assert koap24.title == koap24.act_title
    assert koap24.source_format == "consultant_text"
    assert koap24.edition_date == date(2024, 8, 8)  # the header's "(ред. от 08.08.2024)"
    first, last = koap24.amending_laws[0], koap24.amending_laws[-1]
    assert (first.number, first.signed_on) == ("41-ФЗ", date(2002, 4, 25))
    assert (last.number, last.signed_on) == ("285-ФЗ", date(2024, 8, 8))
    # Constitutional Court rulings ("N 4-П") are not amending laws.
    assert all(re.fullmatch(r"\d+-ФК?З", ref.number) for ref in koap24.amending_laws)
    assert koap24.signature[0] == "Президент Российской Федерации В.ПУТИН"
    assert koap24.unparsed == []


def test_koap_2024_articles_and_dotted_numbers(koap24):
    found = numbers(koap24)
    assert len(found) == len(set(found)) > 1000
    assert {"1.1", "19.34", "19.34.1", "20.2", "20.2.2", "20.3.1", "20.3.3", "20.3.4"} <= set(found)
    assert "20.29" in found and "20.33" in found and found[-1] == "32.14"
    assert {int(n.split(".")[0]) for n in found} == set(range(1, 33))
    assert koap24.article("20.3.3").title.startswith("Публичные действия, направленные на дискр")
    assert koap24.article("20.2").chapter.startswith("Глава 20. АДМИНИСТРАТИВНЫЕ ПРАВОНАРУШЕНИЯ")


def test_koap_2024_notes_of_20_3_3(koap24):
    article = koap24.article("20.3.3")
    assert {
        ("31-ФЗ", date(2022, 3, 4), "added", "article", None),
        ("62-ФЗ", date(2022, 3, 25), "amended", "title", None),
        ("57-ФЗ", date(2023, 3, 18), "amended", "title", None),
        ("640-ФЗ", date(2023, 12, 25), "amended", "title", None),
        ("57-ФЗ", date(2023, 3, 18), "amended", "part", "1"),  # "(часть 1 в ред. …)"
        ("640-ФЗ", date(2023, 12, 25), "amended", "part", "1"),
    } == refs(article)
    assert [p.number for p in article.parts] == ["1", "2"]
    assert [r.number for r in article.parts[0].amendments] == ["640-ФЗ", "57-ФЗ"]


def test_koap_2024_sanctions_of_20_2(koap24):
    parts = koap24.article("20.2").parts
    assert [p.number for p in parts] == [
        *("1", "1.1", "2", "3", "4", "5", "6", "6.1", "6.2", "7", "8", "9", "10"),
    ]
    for part in parts:
        assert re.match(r"влеч[её]т|влекут", part.sanction), part.number
    assert parts[0].sanction.startswith(
        "влечет наложение административного штрафа на граждан в размере от десяти тысяч"
    )
    assert ("557-ФЗ", date(2018, 12, 27), "added", "part", "1.1") in refs(koap24.article("20.2"))


def test_koap_2024_repealed_articles_and_parts(koap24):
    repealed = koap24.article("20.2.1")  # "Статья 20.2.1. Утратила силу. - Федеральный закон …"
    assert repealed.repealed and repealed.parts == [] and repealed.title == "Утратила силу"
    assert refs(repealed) == {("57-ФЗ", date(2006, 4, 29), "repealed", "article", None)}
    # "Статьи 11.18 - 11.19. Утратили силу. - …" is two repealed articles.
    assert koap24.article("11.18").repealed and koap24.article("11.19").repealed
    assert koap24.article("19.7.5-3").repealed
    ranged = next(p for p in koap24.article("20.4").parts if p.number == "3-5")
    assert ranged.repealed and not ranged.text
    assert [r.part for r in ranged.amendments] == ["3", "4", "5"]


def test_koap_2024_publisher_additions_are_skipped(koap24):
    assert koap24.skipped[SKIP_BLOCKS] == 150  # as the data README counts them
    assert koap24.skipped[SKIP_HEADER] == 6
    assert publisher_skipped(koap24) == 156
    for article in koap24.articles:
        assert "КонсультантПлюс" not in article.text + article.title, article.number
        assert "Дата сохранения" not in article.text
        assert "утрачивает силу" not in article.text  # "С 01.01.2026 п. 1.1 … утрачивает силу"


def test_koap_docx_reads_as_the_txt(koap24):
    if not KOAP_2024_DOCX.exists():
        pytest.skip(f"not found: {KOAP_2024_DOCX}")
    from_docx = parse_consultant_file(KOAP_2024_DOCX)
    assert from_docx.source_format == "consultant_docx"
    assert from_docx.articles == koap24.articles
    assert from_docx.amending_laws == koap24.amending_laws
    assert (from_docx.edition_date, from_docx.act_title, from_docx.skipped) == (
        koap24.edition_date,
        koap24.act_title,
        koap24.skipped,
    )


# --- КоАП, 07.03.2017 ----------------------------------------------------------------------------


def test_koap_2017(koap17):
    found = numbers(koap17)
    assert found[0] == "1.1" and found[-1] == "21.7"  # Sections I–II only
    assert len(found) == len(set(found)) > 700
    assert {"19.34", "20.2", "20.2.2", "20.29", "20.33"} <= set(found)
    assert not {"20.3.1", "20.3.3", "20.3.4"} & set(found)  # not yet in the Code
    assert "иностранного агента" in koap17.article("19.34").title
    assert koap17.article("20.33").title.startswith("Осуществление деятельности")
    assert koap17.edition_date == date(2017, 3, 7)  # the latest law of the preamble's list
    assert koap17.amending_laws[-1].number == "26-ФЗ"
    assert koap17.skipped[SKIP_BLOCKS] == 72
    # "Раздел II. ОСОБЕННАЯ ЧАСТЬСтатья 5.1. …": a heading glued to the section's.
    assert koap17.article("5.1").section == "Раздел II. ОСОБЕННАЯ ЧАСТЬ"
    assert all(p.sanction for p in koap17.article("20.2").parts)
    assert all("КонсультантПлюс" not in a.text for a in koap17.articles)
    assert koap17.unparsed == []


# --- Criminal Code, 21.07.2005 -------------------------------------------------------------------


def test_cc_2005_broken_dotted_numbers(cc05):
    found = numbers(cc05)
    assert len(found) == len(set(found)) == 383
    assert {int(n.split(".")[0]) for n in found} == set(range(1, 361))
    # "Статья 282." then "1. Организация экстремистского сообщества" is 282.1.
    assert cc05.article("282.1").title == "Организация экстремистского сообщества"
    assert cc05.article("282.2").title == "Организация деятельности экстремистской организации"
    assert cc05.article("282").title.startswith("Возбуждение ненависти либо вражды")
    assert found.index("282.1") == found.index("282") + 1
    assert ("112-ФЗ", date(2002, 7, 25), "added", "article", None) in refs(cc05.article("282.1"))
    # The table of contents (same defect) agrees with every heading: nothing unparsed.
    assert cc05.skipped[SKIP_TOC] > 360
    assert cc05.unparsed == []


def test_cc_2005_edition_notes_and_skipped_references(cc05):
    assert cc05.act_title == "Уголовный кодекс Российской Федерации"
    assert cc05.edition_date == date(2005, 7, 21)
    assert cc05.amending_laws[-1].number == "93-ФЗ"
    treason = cc05.article("275")
    assert treason.parts[0].sanction.startswith(
        "наказывается лишением свободы на срок от двенадцати"
    )
    assert "выдача государственной тайны" in treason.text
    assert refs(treason) == {("162-ФЗ", date(2003, 12, 8), "amended", "part", "")}
    assert treason.notes[0].startswith("Примечание.")
    # "(в ред. … от 08.12.2003 №162-ФЗ, 21.07.2004 №73-ФЗ)": the second law has no "от".
    assert ("73-ФЗ", date(2004, 7, 21), "amended", "part", "3") in refs(cc05.article("282.1"))
    assert cc05.article("16").repealed
    assert cc05.skipped[SKIP_COURTS] > 40
    for article in cc05.articles:
        assert not re.search(r"КонсультантПлюс|Суда РФ|\sсм\.\s", article.text), article.number


# --- Criminal Code, 29.07.2017 -------------------------------------------------------------------


def test_cc_2017(cc17):
    found = numbers(cc17)
    assert len(found) == len(set(found)) > 470
    assert {int(n.split(".")[0]) for n in found} == set(range(1, 362))
    assert {"212.1", "280.1", "284.1", "330.1"} <= set(found)
    assert cc17.article("212.1").title.startswith("Неоднократное нарушение установленного")
    # No preamble: the act from its first chapter's heading, the edition from the notes.
    assert cc17.act_title == "Уголовный кодекс Российской Федерации"
    assert cc17.edition_date == date(2017, 7, 29)
    assert cc17.amending_laws == []
    treason = cc17.article("275")
    assert "шпионаж, выдача иностранному государству" in treason.text
    assert treason.parts[0].sanction.startswith("наказывается лишением свободы")
    assert ("190-ФЗ", date(2012, 11, 12), "amended", "part", "") in refs(treason)
    assert cc17.unparsed == []


# --- The layouts, on made-up text ----------------------------------------------------------------

BROKEN = """Пробный кодекс

Статья 1.

Статья 1.

Статья 2.
* * *
Пробный кодекс Российской Федерации

(в ред. Федеральных законов от 01.02.2003 №10-ФЗ, от 02.03.2004 №20-ФЗ)

Общая часть

Статья 1.

Первая статья

1. Текст первой части –

наказывается штрафом.

(в ред. Федерального закона от 01.02.2003 №10-ФЗ)

КонсультантПлюс: примечание.

Комментарий издателя.

Статья 1.

1. Вставная статья

(введена Федеральным законом от 02.03.2004 №20-ФЗ)

Текст.

О чем-то см. Постановление Конституционного Суда РФ от 01.01.2004 №1-П.

Статья 2.

Утратила силу. – Федеральный закон от 02.03.2004 №20-ФЗ.
"""


def test_a_broken_dotted_number_is_completed_and_checked():
    document = parse_consultant(BROKEN)
    assert numbers(document) == ["1", "1.1", "2"]
    assert document.article("1.1").title == "Вставная статья"
    assert document.article("1").parts[0].sanction == "наказывается штрафом."
    assert document.article("2").repealed
    assert document.edition_date == date(2004, 3, 2)
    assert document.skipped[SKIP_TOC] == 4
    assert document.skipped[SKIP_BLOCKS] == 1 and document.skipped[SKIP_COURTS] == 1
    assert "Комментарий" not in document.article("1").text
    assert document.unparsed == []


def test_a_dotted_reading_the_contents_do_not_confirm_is_listed():
    document = parse_consultant(
        BROKEN.replace("Статья 1.\n\nСтатья 1.\n\nСтатья 2.", "Статья 1.\n\nСтатья 2.\n\nСтатья 3.")
    )
    assert "art. 1.1 is not in the table of contents" in document.unparsed
    assert any("art. 3;" in line for line in document.unparsed)


def test_a_dotted_reading_out_of_order_is_listed():
    text = "Статья 4.\n\nЧетвертая\n\nТекст.\n\nСтатья 5.\n\n1. Вставная\n\nТекст.\n"
    document = parse_consultant(text)
    assert numbers(document) == ["4", "5.1"]
    assert document.unparsed == [
        "check: art. 5.1 (heading 'Статья 5.' and '1. Вставная') does not follow art. 5"
    ]


def test_text_with_no_article_is_refused():
    with pytest.raises(PravoFormatError):
        parse_consultant("Документ предоставлен КонсультантПлюс\n\nПросто текст.\n")
