"""ConsultantPlus editorial notes read as AmendmentRef (made-up laws: 9xx-ФЗ)."""

from datetime import date

import pytest

from pravo.parsing.consultant_notes import (
    acts_named,
    is_note_line,
    named_parts,
    refs_in,
)


def read(note, scope="part", part="2", **kwargs):
    return [
        (r.number, r.signed_on, r.note_kind, r.scope, r.part)
        for r in refs_in(note, scope, part, **kwargs)
    ]


def test_amended_with_n_or_numero_sign():
    expected = [("901-ФЗ", date(2020, 1, 2), "amended", "part", "2")]
    assert read("(в ред. Федерального закона от 02.01.2020 N 901-ФЗ)") == expected
    assert read("(в ред. Федерального закона от 02.01.2020 №901-ФЗ)") == expected
    assert read("(в ред. Федерального закона от 02.01.2020 № 901-ФЗ)") == expected


def test_one_ref_per_law_and_the_kind_written_before_it():
    note = (
        "(часть 3 введена Федеральным законом от 03.07.2016 N 916-ФЗ; в ред. Федеральных "
        "законов от 08.12.2020 N 910-ФЗ, 09.12.2020 N 911-ФЗ)"
    )
    assert read(note) == [
        ("916-ФЗ", date(2016, 7, 3), "added", "part", "3"),
        ("910-ФЗ", date(2020, 12, 8), "amended", "part", "3"),
        ("911-ФЗ", date(2020, 12, 9), "amended", "part", "3"),
    ]


@pytest.mark.parametrize(
    ("note", "scope", "part"),
    [
        ("(часть 1 в ред. Федерального закона от 02.01.2020 N 901-ФЗ)", "part", "1"),
        ("(часть вторая.1 введена Федеральным законом от 02.01.2020 N 901-ФЗ)", "part", "2.1"),
        ("(примечание введено Федеральным законом от 02.01.2020 N 901-ФЗ)", "note", None),
        ("(п. 3.1 введен Федеральным законом от 02.01.2020 N 901-ФЗ)", "other", None),
        ("(наименование в ред. Федерального закона от 02.01.2020 N 901-ФЗ)", "title", None),
        ("(статья в ред. Федерального закона от 02.01.2020 N 901-ФЗ)", "article", None),
    ],
)
def test_a_named_unit_wins(note, scope, part):
    [(_, _, _, found_scope, found_part)] = read(note, "part", "7")
    assert (found_scope, found_part) == (scope, part)


def test_under_a_heading_added_is_the_article_amended_its_title():
    kinds = {"added": "article", "amended": "title", "repealed": "article"}
    assert read(
        "(введена Федеральным законом от 02.01.2020 N 901-ФЗ)", "article", None, kinds=kinds
    )[0][2:] == ("added", "article", None)
    assert read(
        "(в ред. Федерального закона от 02.01.2020 N 901-ФЗ)", "article", None, kinds=kinds
    )[0][2:] == ("amended", "title", None)


def test_repealed_and_court_rulings():
    assert read("(утратила силу - Федеральный закон от 02.01.2020 N 901-ФЗ)")[0][2] == "repealed"
    # A Constitutional Court ruling is no amending law.
    assert read("(в ред. Постановления Конституционного Суда РФ от 02.01.2020 N 9-П)") == []


def test_named_parts():
    assert named_parts("(части 3 - 5 утратили силу …)") == ["3", "4", "5"]
    assert named_parts("(части первая и вторая в ред. …)") == ["1", "2"]
    assert named_parts("(в ред. …)") == []


def test_note_lines_and_lists():
    assert is_note_line("(в ред. Федерального закона от 02.01.2020 N 901-ФЗ)")
    assert is_note_line('(п. "б" введен Федеральным законом от 02.01.2020 N 901-ФЗ)')
    assert not is_note_line("(при отсутствии признаков преступления)")
    laws, others = acts_named("от 02.01.2020 N 901-ФЗ, от 03.01.2020 N 9-П, от 04.01.2020 N 902-ФЗ")
    assert [law.number for law in laws] == ["901-ФЗ", "902-ФЗ"] and others == 1
