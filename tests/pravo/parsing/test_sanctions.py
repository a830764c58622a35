"""Reading penalties out of Criminal Code sanctions (no database).

The sentences are copied from the official text (pravo.gov.ru nd=102041891, 04.08.2023); the
expected values for arts. 275-283.1, 207.3, 128.1 and 330.1 are the curated facts in
shared/facts.md, and the sample in sample_sanctions.py was read by hand.
"""

from collections import Counter

import pytest

from pravo.parsing.document import parse_file
from pravo.parsing.sanctions import read_sanction
from tests.pravo.parsing.sample_sanctions import SAMPLE
from tests.pravo_data import PRAVO_DIR

CRIMINAL_CODE = PRAVO_DIR / "102041891.html"


def penalties(text):
    reading = read_sanction(text)
    assert reading.complete, reading.problems
    return [(p.kind, p.min, p.max, p.unit, p.role, p.optional) for p in reading.penalties]


def test_275_treason():
    text = (
        "наказывается лишением свободы на срок от двенадцати до двадцати лет со штрафом в размере"
        " до пятисот тысяч рублей или в размере заработной платы или иного дохода осужденного за"
        " период до трех лет либо без такового и с ограничением свободы на срок до двух"
        " лет\xa0или пожизненным лишением свободы."
    )
    assert penalties(text) == [
        ("imprisonment", 12, 20, "years", "main", False),
        ("fine", None, 500_000, "rub", "additional", True),
        ("fine", None, 3, "years", "additional", True),
        ("restriction_of_freedom", None, 2, "years", "additional", False),
        ("life_imprisonment", None, None, "", "main", False),
    ]


def test_275_1_confidential_cooperation():
    text = (
        "наказываются лишением свободы на срок от трех до восьми лет со штрафом в размере до"
        " одного миллиона рублей или в размере заработной платы или иного дохода осужденного за"
        " период до трех лет либо без такового и с ограничением свободы на срок до двух лет либо"
        " без такового."
    )
    assert penalties(text) == [
        ("imprisonment", 3, 8, "years", "main", False),
        ("fine", None, 1_000_000, "rub", "additional", True),
        ("fine", None, 3, "years", "additional", True),
        ("restriction_of_freedom", None, 2, "years", "additional", True),
    ]


def test_276_espionage():
    text = "наказываются лишением свободы на срок от десяти до двадцати лет."
    assert penalties(text) == [("imprisonment", 10, 20, "years", "main", False)]


def test_280_4_part_1():
    text = (
        "наказываются штрафом в размере от ста тысяч до пятисот тысяч рублей или в размере"
        " заработной платы или иного дохода осужденного за период от одного года до трех лет либо"
        " лишением свободы на срок от двух до четырех лет с лишением права занимать определенные"
        " должности или заниматься определенной деятельностью на срок до трех лет или без"
        " такового."
    )
    assert penalties(text) == [
        ("fine", 100_000, 500_000, "rub", "main", False),
        ("fine", 1, 3, "years", "main", False),
        ("imprisonment", 2, 4, "years", "main", False),
        ("deprivation_of_right", None, 3, "years", "additional", True),
    ]


def test_280_4_part_2():
    text = (
        "наказываются штрафом в размере от трехсот тысяч до одного миллиона рублей или в размере"
        " заработной платы или иного дохода осужденного за период от трех до пяти лет либо"
        " лишением свободы на срок от трех до шести лет с лишением права занимать определенные"
        " должности или заниматься определенной деятельностью на срок до пяти лет или без"
        " такового и с ограничением свободы на срок от шести месяцев до двух лет или без"
        " такового."
    )
    assert penalties(text) == [
        ("fine", 300_000, 1_000_000, "rub", "main", False),
        ("fine", 3, 5, "years", "main", False),
        ("imprisonment", 3, 6, "years", "main", False),
        ("deprivation_of_right", None, 5, "years", "additional", True),
        ("restriction_of_freedom", 6, 24, "months", "additional", True),
    ]


def test_280_4_part_3():
    text = (
        "наказываются лишением свободы на срок от пяти до семи лет со штрафом в размере от"
        " пятисот тысяч до двух миллионов пятисот тысяч рублей или в размере заработной платы или"
        " иного дохода осужденного за период от трех до пяти лет или без такового с лишением"
        " права занимать определенные должности или заниматься определенной деятельностью на"
        " срок до пятнадцати лет или без такового и с ограничением свободы на срок от шести"
        " месяцев до двух лет или без такового."
    )
    assert penalties(text) == [
        ("imprisonment", 5, 7, "years", "main", False),
        ("fine", 500_000, 2_500_000, "rub", "additional", True),
        ("fine", 3, 5, "years", "additional", True),
        ("deprivation_of_right", None, 15, "years", "additional", True),
        ("restriction_of_freedom", 6, 24, "months", "additional", True),
    ]


def test_283_parts_1_and_2():
    part1 = (
        "наказывается арестом на срок от четырех до шести месяцев либо лишением свободы на срок"
        " до четырех лет с лишением права занимать определенные должности или заниматься"
        " определенной деятельностью на срок до трех лет или без такового."
    )
    part2 = (
        "наказывается лишением свободы на срок от трех до семи лет с лишением права занимать"
        " определенные должности или заниматься определенной деятельностью на срок до трех лет."
    )
    assert penalties(part1) == [
        ("arrest", 4, 6, "months", "main", False),
        ("imprisonment", None, 4, "years", "main", False),
        ("deprivation_of_right", None, 3, "years", "additional", True),
    ]
    assert penalties(part2) == [
        ("imprisonment", 3, 7, "years", "main", False),
        ("deprivation_of_right", None, 3, "years", "additional", False),
    ]


def test_283_1_parts_1_and_2():
    part1 = (
        "наказывается штрафом в размере от двухсот тысяч до пятисот тысяч рублей или в размере"
        " заработной платы или иного дохода осужденного за период от одного года до трех лет"
        " либо лишением свободы на срок до четырех лет."
    )
    assert penalties(part1) == [
        ("fine", 200_000, 500_000, "rub", "main", False),
        ("fine", 1, 3, "years", "main", False),
        ("imprisonment", None, 4, "years", "main", False),
    ]
    part2 = "наказывается лишением свободы на срок от трех до восьми лет."
    assert penalties(part2) == [("imprisonment", 3, 8, "years", "main", False)]


def test_207_3_part_1_same_term_and_mixed_units():
    text = (
        "наказывается штрафом в размере от семисот тысяч до полутора миллионов рублей или в"
        " размере заработной платы или иного дохода осужденного за период от одного года до"
        " восемнадцати месяцев, либо исправительными работами на срок до одного года, либо"
        " принудительными работами на срок до пяти лет, либо лишением свободы на тот же срок."
    )
    assert penalties(text) == [
        ("fine", 700_000, 1_500_000, "rub", "main", False),
        ("fine", 12, 18, "months", "main", False),
        ("correctional_labour", None, 1, "years", "main", False),
        ("forced_labour", None, 5, "years", "main", False),
        ("imprisonment", None, 5, "years", "main", False),
    ]


def test_128_1_part_2():
    text = (
        "наказывается штрафом в размере до одного миллиона рублей или в размере заработной платы"
        " или иного дохода осужденного за период до одного года, либо обязательными работами на"
        " срок до двухсот сорока часов, либо принудительными работами на срок до двух лет, либо"
        " арестом на срок до двух месяцев, либо лишением свободы на срок до двух лет."
    )
    assert penalties(text) == [
        ("fine", None, 1_000_000, "rub", "main", False),
        ("fine", None, 1, "years", "main", False),
        ("compulsory_work", None, 240, "hours", "main", False),
        ("forced_labour", None, 2, "years", "main", False),
        ("arrest", None, 2, "months", "main", False),
        ("imprisonment", None, 2, "years", "main", False),
    ]


def test_330_1_parts_1_and_3():
    part1 = (
        "наказывается штрафом в размере до трехсот тысяч рублей или в размере заработной платы"
        " или иного дохода осужденного за период до двух лет, либо обязательными работами на срок"
        " до четырехсот восьмидесяти часов, либо исправительными работами на срок до двух лет,"
        " либо лишением свободы на тот же срок."
    )
    part3 = (
        "наказывается штрафом в размере до трехсот тысяч рублей или в размере заработной платы"
        " или иного дохода осужденного за период до двух лет, либо обязательными работами на срок"
        " до четырехсот восьмидесяти часов, либо принудительными работами на срок до пяти лет,"
        " либо лишением свободы на тот же срок."
    )
    assert penalties(part1) == [
        ("fine", None, 300_000, "rub", "main", False),
        ("fine", None, 2, "years", "main", False),
        ("compulsory_work", None, 480, "hours", "main", False),
        ("correctional_labour", None, 2, "years", "main", False),
        ("imprisonment", None, 2, "years", "main", False),
    ]
    assert penalties(part3) == [
        ("fine", None, 300_000, "rub", "main", False),
        ("fine", None, 2, "years", "main", False),
        ("compulsory_work", None, 480, "hours", "main", False),
        ("forced_labour", None, 5, "years", "main", False),
        ("imprisonment", None, 5, "years", "main", False),
    ]


def test_life_inside_life_imprisonment_is_not_plain_imprisonment():
    reading = read_sanction("наказывается пожизненным лишением свободы или смертной казнью.")
    assert [p.kind for p in reading.penalties] == ["life_imprisonment", "death_penalty"]


def test_fine_as_multiple_of_bribe():
    text = (
        "наказывается лишением свободы на срок до трех лет со штрафом в размере от десятикратной"
        " до двадцатикратной суммы взятки или без такового."
    )
    assert penalties(text)[1] == ("fine", 10, 20, "multiple", "additional", True)


def attached(text):
    reading = read_sanction(text)
    assert reading.complete, reading.problems
    return [(p.alternative, p.role, p.kind, p.max, p.unit, p.optional) for p in reading.penalties]


def test_each_additional_penalty_belongs_to_its_alternative():
    # Art. 134 part 1 (04.08.2023): 3 years' disqualification with forced labour, 10 with prison.
    text = (
        "наказывается обязательными работами на срок до четырехсот восьмидесяти часов, либо"
        " ограничением свободы на срок до четырех лет, либо принудительными работами на срок до"
        " четырех лет с лишением права занимать определенные должности или заниматься"
        " определенной деятельностью на срок до трех лет или без такового, либо лишением свободы"
        " на срок до четырех лет с лишением права занимать определенные должности или заниматься"
        " определенной деятельностью на срок до десяти лет или без такового."
    )
    assert attached(text) == [
        (0, "main", "compulsory_work", 480, "hours", False),
        (1, "main", "restriction_of_freedom", 4, "years", False),
        (2, "main", "forced_labour", 4, "years", False),
        (2, "additional", "deprivation_of_right", 3, "years", True),
        (3, "main", "imprisonment", 4, "years", False),
        (3, "additional", "deprivation_of_right", 10, "years", True),
    ]


def test_optional_with_one_alternative_mandatory_with_another():
    # Art. 203 part 1: optional 3 years with forced labour, a mandatory 2 with prison.
    text = (
        "наказывается штрафом в размере от ста тысяч до трехсот тысяч рублей или в размере"
        " заработной платы или иного дохода осужденного за период от одного года до двух лет,"
        " либо ограничением свободы на срок до двух лет, либо принудительными работами на срок до"
        " двух лет с лишением права занимать определенные должности или заниматься определенной"
        " деятельностью на срок до трех лет или без такового, либо лишением свободы на срок до"
        " двух лет с лишением права занимать определенные должности или заниматься определенной"
        " деятельностью на срок до двух лет."
    )
    rows = attached(text)
    assert rows[:2] == [
        (0, "main", "fine", 300000, "rub", False),
        (0, "main", "fine", 2, "years", False),
    ]
    assert (2, "additional", "deprivation_of_right", 3, "years", True) in rows
    assert (3, "additional", "deprivation_of_right", 2, "years", False) in rows


def test_the_same_term_is_the_last_main_term_not_an_additional_one():
    # Art. 200.6 part 3: "лишением свободы на тот же срок" is 4 years (forced labour's), not 5.
    text = (
        "наказывается ограничением свободы на срок до четырех лет с лишением права занимать"
        " определенные должности или заниматься определенной деятельностью на срок до пяти лет"
        " или без такового, либо принудительными работами на срок до четырех лет с лишением права"
        " занимать определенные должности или заниматься определенной деятельностью на срок до"
        " пяти лет или без такового, либо лишением свободы на тот же срок с лишением права"
        " занимать определенные должности или заниматься определенной деятельностью на срок до"
        " пяти лет или без такового."
    )
    rows = attached(text)
    assert (2, "main", "imprisonment", 4, "years", False) in rows
    assert (2, "additional", "deprivation_of_right", 5, "years", True) in rows


@pytest.mark.parametrize(
    ("words", "of"),
    [
        ("суммы взятки", "bribe"),
        ("суммы коммерческого подкупа", "commercial_bribe"),
        ("суммы подкупа", "subornation"),
        (
            "суммы незаконно перемещенных наличных денежных средств и (или) стоимости незаконно"
            " перемещенных денежных инструментов",
            "smuggled_cash",
        ),
    ],
)
def test_a_multiple_names_what_it_multiplies(words, of):
    text = f"наказывается штрафом в размере от десятикратной до пятидесятикратной {words}."
    [fine] = read_sanction(text).penalties
    assert (fine.min, fine.max, fine.unit, fine.multiple_of) == (10, 50, "multiple", of)


def test_a_multiple_of_an_unknown_sum_is_kept_unparsed():
    reading = read_sanction("наказывается штрафом в размере пятикратной суммы ущерба.")
    assert not reading.complete and not reading.penalties
    assert reading.unparsed == ["штрафом в размере пятикратной суммы ущерба"]


def test_the_military_penalties_are_kinds():
    # Art. 336 part 1: the whole sanction is military.
    text = (
        "наказывается ограничением по военной службе на срок до шести месяцев или содержанием в"
        " дисциплинарной воинской части на тот же срок."
    )
    assert attached(text) == [
        (0, "main", "military_service_restriction", 6, "months", False),
        (1, "main", "disciplinary_military_unit", 6, "months", False),
    ]


def test_confiscation_is_kept_unparsed_not_dropped():
    reading = read_sanction(
        "наказывается лишением свободы на срок до пяти лет с конфискацией имущества."
    )
    assert [p.kind for p in reading.penalties] == ["imprisonment"]
    assert reading.unparsed == ["с конфискацией имущества"]
    assert not reading.complete


def test_unknown_words_make_the_reading_incomplete():
    reading = read_sanction("наказывается лишением свободы на срок до двух лет в колонии.")
    assert not reading.complete
    assert "колонии" in reading.problems[0]
    assert reading.unparsed == ["лишением свободы на срок до двух лет в колонии"]
    reading = read_sanction("наказывается порицанием.")
    assert not reading.complete and not reading.penalties
    assert reading.unparsed == ["порицанием"]


# --- the hand-checked sample, read from the parsed Code --------------------------------------


@pytest.fixture(scope="module")
def criminal_code():
    if not CRIMINAL_CODE.exists():
        pytest.skip(f"official text not found at {CRIMINAL_CODE}")
    return parse_file(CRIMINAL_CODE)


def _expected_by_part():
    by_part = {}
    for article, part, kind, lo, hi, unit in SAMPLE:
        by_part.setdefault((article, part), []).append((kind, lo, hi, unit))
    return by_part


EXPECTED = _expected_by_part()


def test_sample_is_large_and_spread_over_the_code():
    articles = {article for article, _ in EXPECTED}
    assert len(articles) >= 40
    chapters_spread = {int(float(a)) // 20 for a in articles}
    assert len(chapters_spread) >= 10


@pytest.mark.parametrize(("article", "part"), sorted(EXPECTED))
def test_sample_sanction(criminal_code, article, part):
    found = next(p for p in criminal_code.article(article).parts if p.number == part)
    reading = read_sanction(found.sanction)
    assert reading.complete, reading.problems
    got = Counter((p.kind, p.min, p.max, p.unit) for p in reading.penalties)
    assert got == Counter(EXPECTED[(article, part)])


def test_almost_every_sanction_of_the_code_is_read(criminal_code):
    sanctions = [p.sanction for a in criminal_code.articles for p in a.parts if p.sanction]
    complete = sum(read_sanction(s).complete for s in sanctions)
    assert len(sanctions) > 1000
    assert complete / len(sanctions) >= 0.95
