"""A code's in-force date from its own final provisions (no database)."""

from datetime import date

import pytest

from pravo.parsing.document import parse_document, parse_file
from pravo.parsing.in_force import DATE, ENACTING_LAW, PUBLICATION, read_in_force
from tests.pravo_data import PRAVO_DIR


def export(*articles: str, preamble: str = "") -> str:
    """A minimal export: a title, an optional preamble and the given article blocks."""
    return (
        "<html><body><p>Тестовый кодекс Российской Федерации</p>"
        f"{preamble}{''.join(articles)}</body></html>"
    )


def article(number: str, title: str, *paragraphs: str, chapter: str = "") -> str:
    head = f'<p class="H">{chapter}</p>' if chapter else ""
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return f'{head}<p class="H">Статья {number}. {title}</p>{body}'


FIRST = article("1", "Предмет", "Настоящий Кодекс регулирует отношения.")


def test_the_labour_code_sentence():
    html = export(
        FIRST,
        article(
            "420",
            "Сроки введения в действие настоящего Кодекса",
            "Настоящий Кодекс вводится в действие с 1 февраля 2002 года.",
        ),
    )
    reading = read_in_force(parse_document(html))
    statement = reading.statement
    assert (statement.on, statement.basis, statement.article, statement.part) == (
        date(2002, 2, 1),
        DATE,
        "420",
        "",
    )
    assert statement.sentence == "Настоящий Кодекс вводится в действие с 1 февраля 2002 года."
    assert statement.where == "art. 420"
    assert reading.problems == [] and reading.skipped == []


def test_exceptions_stay_in_the_quote_and_other_sentences_are_left_out():
    html = export(
        FIRST,
        article(
            "168",
            "Порядок введения в действие настоящего Кодекса",
            "1. Ввести в действие настоящий Кодекс с 1 марта 1996 года, за исключением "
            "положений, для которых настоящим Кодексом установлены иные сроки введения в "
            "действие. Статья 5 настоящего Кодекса вводится в действие с 1 января 1997 года.",
            "2. Признать утратившими силу с 1 марта 1996 года: Кодекс о браке и семье РСФСР.",
            chapter="Глава 9. ЗАКЛЮЧИТЕЛЬНЫЕ ПОЛОЖЕНИЯ",
        ),
    )
    statement = read_in_force(parse_document(html)).statement
    assert statement.on == date(1996, 3, 1)
    assert statement.sentence.startswith("Ввести в действие настоящий Кодекс с 1 марта 1996 года")
    assert statement.sentence.endswith("иные сроки введения в действие.")
    assert (statement.article, statement.part, statement.where) == ("168", "1", "art. 168, part 1")


def test_a_date_for_some_provisions_only_is_not_the_codes_date():
    html = export(
        FIRST,
        article(
            "50",
            "Введение в действие настоящего Кодекса",
            "1. Глава 3 настоящего Кодекса вступает в силу с 1 января 2004 года.",
            "2. Статья 7 настоящего Кодекса вводится в действие с 1 июля 2005 года.",
            "3. Настоящий Кодекс вводится в действие с 1 июля 2003 года в части главы 2.",
        ),
    )
    reading = read_in_force(parse_document(html))
    assert reading.statement is None
    [skipped] = reading.skipped
    assert (skipped.on, skipped.part) == (date(2003, 7, 1), "3")


def test_amending_laws_notes_and_other_articles_give_no_date():
    notes = "(В редакции Федерального закона от 01.02.2010 № 10-ФЗ)"
    html = export(
        article(
            "1",
            "Предмет",
            # Not in the final provisions: the sentence form alone does not make it count.
            "Настоящий Кодекс вступает в силу с 1 января 1999 года.",
        ),
        article(
            "90",
            "Заключительные положения",
            f"Правительству привести свои акты в соответствие с настоящим Кодексом. {notes}",
            "(Дополнение статьей - Федеральный закон от 05.05.2014 № 99-ФЗ)",
        ),
        preamble=f"<p>{notes}</p>",
    )
    document = parse_document(html)
    assert document.amending_laws  # the notes were read, as amending laws
    assert read_in_force(document).statement is None


def test_on_publication_and_by_an_enacting_law_give_no_date():
    on_publication = export(
        FIRST,
        article(
            "147",
            "Введение в действие настоящего Кодекса",
            "Ввести в действие настоящий Кодекс со дня его официального опубликования.",
        ),
    )
    statement = read_in_force(parse_document(on_publication)).statement
    assert (statement.basis, statement.on, statement.article) == (PUBLICATION, None, "147")
    by_law = export(
        FIRST,
        article(
            "307",
            "Введение в действие настоящего Кодекса",
            "Настоящий Кодекс вводится в действие федеральным законом о введении в действие "
            "Тестового кодекса Российской Федерации.",
        ),
    )
    statement = read_in_force(parse_document(by_law)).statement
    assert (statement.basis, statement.on) == (ENACTING_LAW, None)


def test_two_different_dates_are_reported_not_chosen():
    html = export(
        FIRST,
        article(
            "90",
            "Введение в действие настоящего Кодекса",
            "1. Настоящий Кодекс вводится в действие с 1 января 2003 года.",
            "2. Настоящий Кодекс вступает в силу с 01.02.2003.",
        ),
    )
    reading = read_in_force(parse_document(html))
    assert reading.statement is None and reading.on is None
    [problem] = reading.problems
    assert "different dates" in problem and "art. 90, part 2" in problem


def test_a_code_without_final_provisions():
    assert read_in_force(parse_document(export(FIRST))).statement is None


# The official exports: what each code's own text says (../shared/data/pravo).
OFFICIAL = [
    ("102074279.html", DATE, date(2002, 2, 1), "420", "Настоящий Кодекс вводится в действие"),
    ("102038925.html", DATE, date(1996, 3, 1), "168", "Ввести в действие настоящий Кодекс"),
    ("102046246.html", DATE, date(1997, 4, 1), "136", "Ввести в действие настоящий Кодекс"),
    ("102059464.html", DATE, date(1999, 5, 1), "428", "Ввести в действие настоящий Кодекс"),
    ("102038209.html", PUBLICATION, None, "147", "Ввести в действие настоящий Кодекс"),
    ("102069974.html", PUBLICATION, None, "165", "Ввести в действие настоящий Кодекс"),
    ("102027595.html", PUBLICATION, None, "", "Конституция Российской Федерации вступает"),
    ("102054721.html", ENACTING_LAW, None, "307", "Настоящий Кодекс вводится в действие"),
    ("102380990.html", ENACTING_LAW, None, "365", "Порядок введения в действие"),
]


@pytest.mark.parametrize(("name", "basis", "day", "number", "opening"), OFFICIAL)
def test_official_exports(name, basis, day, number, opening):
    path = PRAVO_DIR / name
    if not path.exists():
        pytest.skip(f"official text not found at {path}")
    reading = read_in_force(parse_file(path))
    statement = reading.statement
    assert (statement.basis, statement.on, statement.article) == (basis, day, number)
    assert statement.sentence.startswith(opening)
    assert reading.problems == [] and reading.skipped == []


@pytest.mark.parametrize("name", ["102041891.html", "102033239.html"])
def test_codes_enacted_by_a_separate_law_state_no_date(name):
    """The Criminal Code (brought into force by 64-FZ) and the Civil Code, part one: their own
    texts state no date."""
    path = PRAVO_DIR / name
    if not path.exists():
        pytest.skip(f"official text not found at {path}")
    reading = read_in_force(parse_file(path))
    assert reading.statement is None and reading.problems == []
