"""Reading penalties out of КоАП sanctions (no database).

The sentences are copied from the ConsultantPlus text current to 08.08.2024
(../shared/data/koap/koap_2024-08-08_consultant.txt); the sample in
sample_administrative_sanctions.py was read by hand from that text. The tests over the whole
Code read it where it lies and are skipped without it.
"""

from collections import Counter

import pytest

from pravo.parsing.administrative_sanctions import (
    read_administrative_sanction,
    read_subjects,
    sanction_of,
)
from provisions.penalties import KIND_UNITS, Kind, Subject
from tests.koap_data import KOAP_2024, KOAP_DIR
from tests.pravo.parsing.koap_text import offence_articles
from tests.pravo.parsing.sample_administrative_sanctions import SAMPLE

KOAP = KOAP_DIR / KOAP_2024
needs_koap = pytest.mark.skipif(not KOAP.exists(), reason=f"{KOAP} is not here")


def rows(reading):
    return [
        (p.subject, p.kind, p.min, p.max, p.unit, p.role, p.optional) for p in reading.penalties
    ]


def read(text):
    reading = read_administrative_sanction(text)
    assert reading.complete, reading.problems
    return rows(reading)


# --- sentences ----------------------------------------------------------------------------


def test_20_3_3_part_1_fines_per_subject():
    text = (
        "влекут наложение административного штрафа на граждан в размере от тридцати тысяч до "
        "пятидесяти тысяч рублей; на должностных лиц - от ста тысяч до двухсот тысяч рублей; на "
        "юридических лиц - от трехсот тысяч до пятисот тысяч рублей."
    )
    assert read(text) == [
        ("citizen", "fine", 30_000, 50_000, "rub", "main", False),
        ("official", "fine", 100_000, 200_000, "rub", "main", False),
        ("legal_entity", "fine", 300_000, 500_000, "rub", "main", False),
    ]


def test_20_2_part_8_compulsory_work_in_hours_and_arrest_in_days_are_the_citizens():
    text = (
        "влечет наложение административного штрафа на граждан в размере от ста пятидесяти тысяч "
        "до трехсот тысяч рублей, или обязательные работы на срок от сорока до двухсот часов, или "
        "административный арест на срок до тридцати суток; на должностных лиц - от двухсот тысяч "
        "до шестисот тысяч рублей; на юридических лиц - от пятисот тысяч до одного миллиона рублей."
    )
    reading = read_administrative_sanction(text)
    assert rows(reading)[:3] == [
        ("citizen", "fine", 150_000, 300_000, "rub", "main", False),
        ("citizen", "compulsory_work", 40, 200, "hours", "main", False),
        ("citizen", "arrest", None, 30, "days", "main", False),
    ]
    assert [p.alternative for p in reading.penalties] == [0, 1, 2, 3, 4]


def test_a_penalty_before_the_first_subject_has_none_and_says_so():
    # 20.2 part 7: the first group names no subject.
    text = (
        "влечет наложение административного штрафа в размере от ста пятидесяти тысяч до трехсот "
        "тысяч рублей или административный арест на срок до пятнадцати суток; на должностных лиц "
        "- от двухсот тысяч до шестисот тысяч рублей; на юридических лиц - от пятисот тысяч до "
        "одного миллиона рублей."
    )
    reading = read_administrative_sanction(text)
    assert [(p.subject, p.kind) for p in reading.penalties] == [
        ("", "fine"),
        ("", "arrest"),
        ("official", "fine"),
        ("legal_entity", "fine"),
    ]
    assert "no subject named" in reading.penalties[0].note
    assert reading.penalties[2].note == ""


def test_individual_entrepreneurs_by_either_name():
    assert read_subjects(
        "лиц, осуществляющих предпринимательскую деятельность без образования юридического лица,"
    ) == (["entrepreneur"], "")
    assert read_subjects("индивидуальных предпринимателей") == (["entrepreneur"], "")
    assert read_subjects(
        "граждан, лиц, осуществляющих предпринимательскую деятельность без образования "
        "юридического лица, и юридических лиц"
    ) == (["citizen", "entrepreneur", "legal_entity"], "")
    assert read_subjects("водителя") is None
    assert read_subjects("должностных лиц, ответственных за перевозку") == (
        ["official"],
        "должностных лиц, ответственных за перевозку",
    )


def test_every_subject_read_is_in_the_vocabulary():
    text = (
        "влечет наложение административного штрафа на граждан, должностных лиц и юридических "
        "лиц в размере от одной тысячи до двух тысяч рублей."
    )
    subjects = [p.subject for p in read_administrative_sanction(text).penalties]
    assert subjects == ["citizen", "official", "legal_entity"]
    assert set(subjects) <= set(Subject.values)


def test_suspension_in_days_for_entrepreneurs_and_legal_entities():
    # 20.4 part 6.1
    text = (
        "влечет наложение административного штрафа на юридических лиц в размере от одного "
        "миллиона до двух миллионов рублей или административное приостановление деятельности на "
        "срок до девяноста суток."
    )
    assert read(text) == [
        ("legal_entity", "fine", 1_000_000, 2_000_000, "rub", "main", False),
        ("legal_entity", "suspension_of_activity", None, 90, "days", "main", False),
    ]


def test_disqualification_fixed_or_in_mixed_units():
    assert read("влечет дисквалификацию сроком на один год.") == [
        ("", "disqualification", 1, 1, "years", "main", False)
    ]
    text = (
        "влечет наложение административного штрафа на должностных лиц в размере от пяти тысяч до "
        "десяти тысяч рублей либо дисквалификацию на срок от шести месяцев до одного года."
    )
    assert read(text)[1] == ("official", "disqualification", 6, 12, "months", "main", False)


def test_additional_penalties_optional_or_not():
    # 19.34 part 9; 20.25 part 3 ("и"); 20.31 part 1 (the sports ban)
    assert read(
        "влекут наложение административного штрафа в размере от тридцати тысяч до пятидесяти "
        "тысяч рублей с административным выдворением за пределы Российской Федерации или без "
        "такового."
    ) == [
        ("", "fine", 30_000, 50_000, "rub", "main", False),
        ("", "expulsion", None, None, "", "additional", True),
    ]
    reading = read_administrative_sanction(
        "влечет наложение административного штрафа в размере от трех тысяч до пяти тысяч рублей "
        "и административное выдворение за пределы Российской Федерации."
    )
    assert rows(reading)[1] == ("", "expulsion", None, None, "", "additional", False)
    assert "'и'" in reading.penalties[1].note
    assert read(
        "влечет наложение административного штрафа в размере от трех тысяч до десяти тысяч "
        "рублей или обязательные работы на срок до ста шестидесяти часов с наложением "
        "административного запрета на посещение мест проведения официальных спортивных "
        "соревнований в дни их проведения на срок от шести месяцев до трех лет либо без "
        "такового."
    )[2] == ("", "sports_event_ban", 6, 36, "months", "additional", True)


def test_confiscation_main_or_additional_keeps_what_is_confiscated():
    text = (
        "влечет предупреждение или наложение административного штрафа на граждан в размере от "
        "одной тысячи до двух тысяч пятисот рублей с конфискацией товаров, явившихся предметами "
        "административного правонарушения, или без таковой либо конфискацию предметов "
        "административного правонарушения; на должностных лиц - от пяти тысяч до десяти тысяч "
        "рублей; на юридических лиц - от пятидесяти тысяч до ста тысяч рублей."
    )
    reading = read_administrative_sanction(text)
    assert reading.complete, reading.problems
    assert rows(reading)[:4] == [
        ("", "warning", None, None, "", "main", False),
        ("citizen", "fine", 1_000, 2_500, "rub", "main", False),
        ("citizen", "confiscation", None, None, "", "additional", True),
        ("citizen", "confiscation", None, None, "", "main", False),
    ]
    notes = [p.note for p in reading.penalties[2:4]]
    assert notes == [
        "конфискацией товаров, явившихся предметами административного правонарушения",
        "конфискацию предметов административного правонарушения",
    ]


def test_a_deprivation_of_a_special_right_and_a_subject_before_the_noun():
    # 8.37 part 1.2
    text = (
        "влечет для граждан лишение права осуществлять охоту на срок от одного года до двух лет; "
        "наложение административного штрафа на должностных лиц в размере от тридцати пяти тысяч "
        "до пятидесяти тысяч рублей с конфискацией орудий охоты или без таковой."
    )
    reading = read_administrative_sanction(text)
    assert rows(reading) == [
        ("citizen", "deprivation_of_special_right", 1, 2, "years", "main", False),
        ("official", "fine", 35_000, 50_000, "rub", "main", False),
        ("official", "confiscation", None, None, "", "additional", True),
    ]
    assert reading.penalties[0].note == "лишение права осуществлять охоту"


def test_a_fixed_fine_has_equal_bounds():
    assert read(
        "влечет наложение административного штрафа в размере пяти тысяч рублей или лишение права "
        "управления транспортными средствами на срок от одного до трех месяцев."
    ) == [
        ("", "fine", 5_000, 5_000, "rub", "main", False),
        ("", "deprivation_of_special_right", 1, 3, "months", "main", False),
    ]


def test_a_fine_computed_otherwise_is_reported_never_read_as_roubles():
    # 7.30 part 6: the cap in roubles is no fine of its own
    reading = read_administrative_sanction(
        "влекут наложение административного штрафа на должностных лиц в размере 5 процентов "
        "начальной (максимальной) цены контракта, но не более тридцати тысяч рублей."
    )
    assert not reading.complete
    assert reading.penalties == []
    [item] = reading.unread
    assert (item.subject, item.kind) == ("official", "fine")
    assert "5 процентов" in item.text
    assert reading.problems == [item.describe()]


def test_a_subject_outside_the_vocabulary_is_reported_with_its_penalties():
    # 12.21.2 part 2
    reading = read_administrative_sanction(
        "влечет наложение административного штрафа на водителя в размере от одной тысячи до "
        "одной тысячи пятисот рублей; на должностных лиц, ответственных за перевозку, - от пяти "
        "тысяч до десяти тысяч рублей; на юридических лиц - от ста пятидесяти тысяч до двухсот "
        "пятидесяти тысяч рублей."
    )
    assert not reading.complete
    assert [(u.kind, u.reason) for u in reading.unread] == [
        ("fine", "a penalty for a subject not read")
    ]
    assert "на водителя" in reading.unread[0].text
    assert [(p.subject, p.max, p.note) for p in reading.penalties] == [
        ("official", 10_000, "на должностных лиц, ответственных за перевозку"),
        ("legal_entity", 250_000, ""),
    ]


def test_words_not_read_make_the_reading_incomplete():
    reading = read_administrative_sanction(
        "влечет лишение права управления транспортными средствами на срок один год, а в случае "
        "фиксации административного правонарушения работающими в автоматическом режиме "
        "специальными техническими средствами - наложение административного штрафа в размере "
        "пяти тысяч рублей."
    )
    assert not reading.complete
    assert reading.problems
    assert not read_administrative_sanction("влечет ответственность.").complete


def test_sanction_of_a_part_is_its_paragraph_from_the_verb():
    part = (
        "5. Нарушение участником публичного мероприятия установленного порядка проведения "
        "собрания, митинга, демонстрации, шествия или пикетирования, за исключением случаев, "
        "предусмотренных частью 6 настоящей статьи, -\n"
        "(в ред. Федерального закона от 08.06.2012 N 65-ФЗ)\n"
        "влечет наложение административного штрафа в размере от десяти тысяч до двадцати тысяч "
        "рублей или обязательные работы на срок до сорока часов.\n"
        "(в ред. Федерального закона от 21.07.2014 N 258-ФЗ)"
    )
    assert sanction_of(part) == (
        "влечет наложение административного штрафа в размере от десяти тысяч до двадцати тысяч "
        "рублей или обязательные работы на срок до сорока часов."
    )
    assert sanction_of("1. Повторное совершение …, - влекут наложение штрафа") == (
        "влекут наложение штрафа"
    )
    assert sanction_of("3. Не влечет административной ответственности использование …") is None


# --- the Code, read by hand ---------------------------------------------------------------


@pytest.fixture(scope="module")
def koap():
    if not KOAP.exists():
        pytest.skip(f"{KOAP} is not here")
    return offence_articles(KOAP)


@needs_koap
@pytest.mark.parametrize(
    ("key", "expected"), sorted(SAMPLE.items()), ids=[f"{a}:{p}" for a, p in sorted(SAMPLE)]
)
def test_the_hand_checked_sample(koap, key, expected):
    article, part = key
    complete, penalties, unread = expected
    reading = read_administrative_sanction(koap[article].part(part).sanction)
    assert rows(reading) == penalties
    assert [(u.subject, u.kind) for u in reading.unread] == unread
    assert reading.complete is complete
    assert bool(reading.problems) is not complete


def test_the_sample_is_large_enough_and_covers_the_brief():
    assert len(SAMPLE) >= 40
    articles = Counter(article for article, _ in SAMPLE)
    assert articles["20.2"] == 13  # every part of 20.2
    for article in ("20.3.3", "19.34", "20.33", "20.29", "20.3.4", "20.2.2"):
        assert articles[article], article
    kinds = {penalty[1] for _, penalties, _ in SAMPLE.values() for penalty in penalties}
    subjects = {penalty[0] for _, penalties, _ in SAMPLE.values() for penalty in penalties}
    assert {"warning", "arrest", "suspension_of_activity", "disqualification"} <= kinds
    assert {"confiscation", "expulsion", "compulsory_work"} <= kinds
    assert {"citizen", "official", "legal_entity", "entrepreneur", ""} == subjects


@needs_koap
def test_every_sanction_of_the_code_is_read_or_reported(koap):
    """Over the whole Section II: every reading is complete or names what it left unread,
    and every penalty read fits the vocabulary's kinds, units and subjects."""
    parts = complete = 0
    for article in koap.values():
        for part in article.parts:
            if not part.sanction:
                continue
            parts += 1
            reading = read_administrative_sanction(part.sanction)
            assert reading.complete is (not reading.unread), (article.number, part.number)
            assert len(reading.problems) == len(reading.unread)
            complete += reading.complete
            for p in reading.penalties:
                assert p.kind in Kind.values and p.subject in Subject.values
                assert p.unit in KIND_UNITS[p.kind] or (p.unit == "" and not KIND_UNITS[p.kind])
                assert p.min is None or p.max is None or p.min <= p.max
    # 2,073 sanctioned parts in the 2024 text, 1,895 read completely when this was written.
    assert parts > 2000
    assert complete / parts > 0.9
