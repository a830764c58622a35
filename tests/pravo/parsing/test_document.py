"""Parsing pravo.gov.ru exports into articles, parts, notes and amendment refs (no database)."""

import re
from datetime import date
from pathlib import Path

import pytest

from pravo.parsing.document import PravoFormatError, parse_document, parse_file
from tests.pravo_data import PRAVO_DIR

DATA = PRAVO_DIR
CRIMINAL_CODE = DATA / "102041891.html"


def _require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"official text not found at {path}")
    return path


@pytest.fixture(scope="module")
def cc():
    return parse_file(_require(CRIMINAL_CODE))


def refs(article):
    return {(r.number, r.signed_on, r.note_kind, r.scope) for r in article.amendments}


def test_title_and_preamble_list_of_amending_laws(cc):
    assert cc.title == "Уголовный кодекс Российской Федерации"
    # The preamble lists every amending law: 304 of them, the last 413-ФЗ of 04.08.2023.
    assert len(cc.amending_laws) == 304
    last = cc.amending_laws[-1]
    assert (last.number, last.signed_on, last.number_latin) == (
        "413-ФЗ",
        date(2023, 8, 4),
        "413-FZ",
    )
    assert cc.unparsed == []
    assert cc.signature[0].startswith("Президент Российской Федерации")


def test_article_count(cc):
    # The export has 523 "Статья N" headings: articles 1-361 plus 162 dotted ones, 14 of them
    # repealed. (The data README's "526 articles" does not match the headings.)
    numbers = [a.number for a in cc.articles]
    assert len(numbers) == 523 == len(set(numbers))
    assert {int(n.split(".")[0]) for n in numbers} == set(range(1, 362))
    assert sum("." in n for n in numbers) == 162


def test_dotted_numbers_come_from_superscripts(cc):
    numbers = {a.number for a in cc.articles}
    assert {"275.1", "280.4", "283.2", "104.1", "207.3"} <= numbers
    assert not [n for n in numbers if re.fullmatch(r"\d{4,}", n)]
    assert "2751" not in numbers
    # Superscripts inside the text become dotted too ("статьей 76.2 настоящего Кодекса").
    assert "76.2" in cc.article("104.4").text


def test_structure_of_article_275(cc):
    art = cc.article("275")
    assert art.title == "Государственная измена"
    assert art.section == "Раздел X. ПРЕСТУПЛЕНИЯ ПРОТИВ ГОСУДАРСТВЕННОЙ ВЛАСТИ"
    assert art.chapter.startswith("ГЛАВА 29. ПРЕСТУПЛЕНИЯ ПРОТИВ ОСНОВ КОНСТИТУЦИОННОГО СТРОЯ")
    assert not art.repealed
    [part] = art.parts
    assert part.number == ""
    assert part.sanction.startswith("наказывается лишением свободы на срок от двенадцати")
    assert part.sanction.endswith("или пожизненным лишением свободы.")
    assert len(art.notes) == 2 and art.notes[0].startswith("Примечания. 1.")
    assert "В редакции" not in art.text and "ФЗ" not in art.text


def test_amendments_of_275_and_275_1(cc):
    assert ("157-ФЗ", date(2023, 4, 28), "amended", "part") in refs(cc.article("275"))
    assert ("260-ФЗ", date(2022, 7, 14), "restated", "article") in refs(cc.article("275"))
    [sanction_ref] = cc.article("275").parts[0].amendments
    assert sanction_ref.number_latin == "157-FZ"
    assert ("260-ФЗ", date(2022, 7, 14), "added", "article") in refs(cc.article("275.1"))
    assert refs(cc.article("276")) >= {
        ("190-ФЗ", date(2012, 11, 12), "amended", "part"),
        ("260-ФЗ", date(2022, 7, 14), "amended", "part"),
        ("260-ФЗ", date(2022, 7, 14), "added", "note"),
    }


def test_part_level_amendments(cc):
    part1 = cc.article("207.3").parts[0]
    assert part1.number == "1"
    assert [(r.number, r.note_kind, r.scope, r.part) for r in part1.amendments] == [
        ("58-ФЗ", "restated", "part", "1")
    ]
    assert ("63-ФЗ", date(2022, 3, 25), "restated", "title") in refs(cc.article("207.3"))
    assert ("32-ФЗ", date(2022, 3, 4), "added", "article") in refs(cc.article("207.3"))


def test_parts_and_sanctions(cc):
    assert [p.number for p in cc.article("280.4").parts] == ["1", "2", "3"]
    assert [p.number for p in cc.article("283").parts] == ["1", "2"]
    assert all(p.sanction.startswith("наказыва") for p in cc.article("128.1").parts)
    # Every live part of the Special Part has a sanction, except the definition in art. 331.
    special = [a for a in cc.articles if int(a.number.split(".")[0]) >= 105 and not a.repealed]
    parts = [(a.number, p) for a in special for p in a.parts if not p.repealed]
    assert [(n, p.number) for n, p in parts if not p.sanction] == [("331", "1")]
    assert len(parts) > 1000


def test_repealed_articles_and_parts(cc):
    art = cc.article("16")
    assert art.repealed and art.parts == [] and art.title == ""
    assert ("162-ФЗ", date(2003, 12, 8), "repealed", "article") in refs(art)
    assert sum(a.repealed for a in cc.articles) == 14  # 159.4 too: "Статья 159.4." + note
    part3 = cc.article("56").parts[2]
    assert (part3.number, part3.repealed, part3.text) == ("3", True, "")


# A repealed part or point, printed with its note in its place: "3. (Часть утратила силу …)",
# "н) (Пункт утратил силу …)".
REPEALED_IN_PLACE = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,2})?\.|[а-я](?:\.\d{1,2})?\)) \((?:Часть|Пункт)? ?утратил", re.I
)


def test_no_editorial_notes_left_in_text_but_a_repealed_part_or_points(cc):
    for art in cc.articles:
        kept = [line for line in art.text.split("\n") if not REPEALED_IN_PLACE.match(line)]
        assert not re.search(r"\(\s*(В редакции|Дополнение|Утратил)", "\n".join(kept)), art.number


def test_a_repealed_part_or_point_keeps_its_note_in_its_place(cc):
    """The portal prints "н) (Пункт утратил силу - …)" in art. 105 part 2: the wording shows
    the note there, not a bare letter; a repealed part likewise."""
    assert "\nн) (Пункт утратил силу - Федеральный закон от 08.12.2003 № 162-ФЗ)\n" in (
        cc.article("105").text
    )
    part3 = cc.article("56").parts[2]
    assert part3.repeal_note.startswith("(Часть утратила силу")
    assert f"\n3. {part3.repeal_note}\n" in cc.article("56").text


@pytest.mark.parametrize(
    ("name", "count", "sample"),
    [
        ("102074279.html", 529, "81"),  # Labour Code
        ("102033239.html", 590, "123.7-1"),  # Civil Code, part one
        ("102038925.html", 177, "1"),  # Family Code
        ("102027595.html", 142, "67.1"),  # Constitution: "Статья 1" headings without titles
        ("102038209.html", 150, "65-1"),  # Water Code 1995: one <pre> block, "С т а т ь я"
    ],
)
def test_other_codes(name, count, sample):
    doc = parse_file(_require(DATA / name))
    assert len(doc.articles) == count
    assert doc.article(sample).text


def test_constitution_chapter_titles_on_their_own_line():
    doc = parse_file(_require(DATA / "102027595.html"))
    assert doc.article("1").chapter == "ГЛАВА 1. ОСНОВЫ КОНСТИТУЦИОННОГО СТРОЯ"


def test_truncated_export_is_rejected():
    head = _require(CRIMINAL_CODE).read_bytes()[:5000]
    with pytest.raises(PravoFormatError, match="truncated"):
        parse_document(head)


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><p>Hello</p></body></html>",
        b"<html><body><p>Hello</p></body></html>",
        "",
        b"",
        "just some text",
    ],
)
def test_foreign_or_empty_input_is_rejected(html):
    with pytest.raises(PravoFormatError):
        parse_document(html)


def test_minimal_export_with_other_markup():
    html = """<html><head><style>.up { vertical-align: super; }</style></head><body>
    <p class="T">Раздел I. ОБЩИЕ</p><p class="X">Глава 1. Начала</p>
    <p><b>Статья 5<span class="up">1</span>. Проба</b></p>
    <p>1.&nbsp;Деяние, -</p><p>наказывается арестом на срок до&nbsp;шести месяцев.</p>
    <p>2. Текст. (В редакции Федерального закона от 01.02.2020 N 5-ФЗ)</p>
    </body></html>"""
    doc = parse_document(html)
    [art] = doc.articles
    assert (art.number, art.title, art.section, art.chapter) == (
        "5.1",
        "Проба",
        "Раздел I. ОБЩИЕ",
        "Глава 1. Начала",
    )
    assert [p.number for p in art.parts] == ["1", "2"]
    assert art.parts[0].sanction == "наказывается арестом на срок до шести месяцев."
    assert art.parts[1].text == "Текст."
    [ref] = art.parts[1].amendments
    assert (ref.number, ref.signed_on, ref.scope, ref.part) == (
        "5-ФЗ",
        date(2020, 2, 1),
        "part",
        "2",
    )


def test_raised_numbers_after_numeral_words_and_point_letters_take_a_dot():
    html = """<html><head><style>.W9 { vertical-align: super; }</style></head><body>
    <p class="H">Статья 5<span class="W9">1</span>. Проба</p>
    <p>1.&nbsp;Лицо, указанное в частях первой<span class="W9">1</span> и третьей<span
    class="W9">2</span> статьи 20<span class="W9">3</span>, пункте е<span class="W9">1</span>)
    части второй и в статьях 205, 205<span class="W9">l</span>, Кодекса<span
    class="W9">2</span>.</p>
    </body></html>"""
    [art] = parse_document(html).articles
    # "частях первой.1", "е.1)", "20.3": as the official citations and consolidated texts write
    # them; the portal's one "l" for a raised 1 is read after a number only; a raised mark
    # after any other word (a footnote's) is left as it was.
    assert art.parts[0].text == (
        "Лицо, указанное в частях первой.1 и третьей.2 статьи 20.3, пункте е.1) части второй "
        "и в статьях 205, 205.1, Кодекса2."
    )


def test_raised_numbers_inside_the_criminal_codes_text(cc):
    # Art. 280.4 part 1 cites 205.2 (the portal writes 205<span class="W9">2</span>).
    assert "статьями 205.2, 280, 280.1, 280.3, 284.2 и 354" in cc.article("280.4").text
    assert "205.1, 205.2" in cc.article("104.1").text  # its export types "205<sup>l</sup>"
    assert "частью первой.1 настоящей статьи" in cc.article("258.1").text
    assert "предусмотренных частями третьей.2 и третьей.3 настоящей" in cc.article("72").text
    assert "е.1)" in cc.article("105").text
    assert not re.search(r"(?:первой|второй|третьей)\d", cc.article("210").text)
