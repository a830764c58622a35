"""Reading an act's own repeal from the line the portal prints above its title."""

from datetime import date

import pytest

from pravo.parsing.act_repeal import read_act_repeal
from pravo.parsing.document import parse_file
from tests.pravo_data import PRAVO_DIR

WATER_1995 = "Утратил силу - Федеральный закон от 03.06.2006 г. N 73-ФЗ"
CUSTOMS_1993 = (
    "Утратил силу, за исключением главы 12, которая утрачивает силу со дня вступления в силу "
    "федерального закона, регулирующего правоотношения по установлению и применению "
    "таможенного режима свободной таможенной зоны (свободного склада) - Кодекс Российской "
    "Федерации от 28.05.2003 № 61-ФЗ"
)


def test_a_whole_act_repealed_by_a_federal_law():
    repeal = read_act_repeal(WATER_1995)
    assert (repeal.number, repeal.signed_on) == ("73-ФЗ", date(2006, 6, 3))
    assert repeal.note == WATER_1995
    assert (repeal.kept_chapters, repeal.unread_exception) == ((), "")


def test_an_excepted_chapter_stays_in_force():
    repeal = read_act_repeal(CUSTOMS_1993)
    assert (repeal.number, repeal.signed_on) == ("61-ФЗ", date(2003, 5, 28))
    assert repeal.kept_chapters == ("12",)
    assert repeal.unread_exception == ""
    several = read_act_repeal(
        "Утратил силу, за исключением глав 12 и 13 - Федеральный закон от 01.02.2010 № 5-ФЗ"
    )
    assert several.kept_chapters == ("12", "13")


def test_an_exception_that_is_not_chapters_is_kept_unread():
    """Never guessed: "главы 12 и статьи 5" cannot be matched to chapters alone."""
    repeal = read_act_repeal(
        "Утратил силу, за исключением главы 12 и статьи 5 - Федеральный закон от 01.02.2010 № 5-ФЗ"
    )
    assert repeal.kept_chapters == ()
    assert repeal.unread_exception == "главы 12 и статьи 5"


@pytest.mark.parametrize(
    "line",
    [
        "(Утратила силу - Федеральный закон от 10.03.2010 № 20-ФЗ)",  # an article's note
        "Утратил силу",  # no law named
        "Утратил силу - Федеральный закон от 31.02.2006 г. N 73-ФЗ",  # no such day
        "Водный кодекс Российской Федерации",
    ],
)
def test_other_lines_are_not_an_act_repeal(line):
    assert read_act_repeal(line) is None


@pytest.mark.skipif(not PRAVO_DIR.exists(), reason="../shared/data/pravo not present")
@pytest.mark.parametrize(
    "nd, line",
    [("102038209", WATER_1995), ("102024315", CUSTOMS_1993), ("102041891", None)],
)
def test_the_portal_exports_head_lines(nd, line):
    """The two superseded codes open with their repeal; the Criminal Code does not."""
    document = parse_file(PRAVO_DIR / f"{nd}.html")
    assert (document.repealed_by.note if document.repealed_by else None) == line
    assert not any("свободного склада" in text for text in document.unparsed)
