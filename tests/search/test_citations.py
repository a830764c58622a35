"""The citation grammar (search.citations): every form issue #19 lists, read without a
database. Each row is the text a lawyer types and what it cites."""

import pytest

from search.citations import (
    CRIMINAL_CODE,
    amendment_number,
    parse_citation,
    parse_citation_list,
    parse_citations,
)

UK = "criminal-code"
KOAP = "administrative-code"

CITATIONS = [
    # The article alone, in every spelling.
    ("275.1", None, "275.1", "", ""),
    ("ст. 275.1", None, "275.1", "", ""),
    ("ст 275", None, "275", "", ""),
    ("ст.275", None, "275", "", ""),
    ("статья 275.1", None, "275.1", "", ""),
    ("статьи 275", None, "275", "", ""),
    ("Art. 276", None, "276", "", ""),
    ("art 276", None, "276", "", ""),
    ("article 276", None, "276", "", ""),
    # Superscripts as dotted numbers.
    ("275¹", None, "275.1", "", ""),
    ("ст. 207³ УК РФ", UK, "207.3", "", ""),
    ("275<sup>1</sup>", None, "275.1", "", ""),
    # The law before or after.
    ("УК РФ 276", UK, "276", "", ""),
    ("УК 275.1", UK, "275.1", "", ""),
    ("275.1 УК", UK, "275.1", "", ""),
    ("ст. 275.1 УК РФ", UK, "275.1", "", ""),
    ("статья 275 Уголовного кодекса Российской Федерации", UK, "275", "", ""),
    ("20.2 КоАП", KOAP, "20.2", "", ""),
    ("ст. 20.3.3 КоАП РФ", KOAP, "20.3.3", "", ""),
    ("Criminal Code art. 275", UK, "275", "", ""),
    # Parts and points before or after the article.
    ("ч. 1 ст. 275.1 УК РФ", UK, "275.1", "1", ""),
    ("ст. 275.1 ч. 1", None, "275.1", "1", ""),
    ("ч.2 ст.280.4", None, "280.4", "2", ""),
    ("часть 2 статьи 207.3 УК РФ", UK, "207.3", "2", ""),
    ("п. «а» ч. 2 ст. 105 УК РФ", UK, "105", "2", "а"),
    ("ст. 105 ч. 2 п. а", None, "105", "2", "а"),
    ("part 2 of article 280.4", None, "280.4", "2", ""),
]


@pytest.mark.parametrize(("text", "law", "number", "part", "point"), CITATIONS)
def test_every_form_reads(text, law, number, part, point):
    found = parse_citation(text)
    assert found is not None, text
    assert (found.number, found.part, found.point) == (number, part, point)
    assert found.laws == ((law,) if law else ())
    assert found.anchor == (f"part-{part}" if part else "")


def test_a_code_not_held_is_still_recognised_by_name():
    found = parse_citation("ст. 159 УПК РФ")
    assert found is not None and found.code is not None
    assert found.code.name and found.number == "159"


@pytest.mark.parametrize(
    "text",
    ["государственная измена", "шпионаж 275", "убийство", "", "ч. 2 275", "ст. 275 ст. 276"],
)
def test_anything_else_is_a_search(text):
    assert parse_citation(text) is None


def test_a_list_carries_the_law_named_last_and_defaults_to_the_criminal_code():
    listed = parse_citation_list("275, 276, 280.4", default=CRIMINAL_CODE)
    assert [(c.number, c.laws) for c in listed] == [
        ("275", (UK,)),
        ("276", (UK,)),
        ("280.4", (UK,)),
    ]
    mixed = parse_citation_list("УК 275; КоАП 20.3.3, 19.34")
    assert [(c.number, c.laws) for c in mixed] == [
        ("275", (UK,)),
        ("20.3.3", (KOAP,)),
        ("19.34", (KOAP,)),
    ]
    assert parse_citation_list("275, измена") is None


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("260-ФЗ", "260-FZ"),
        ("260-FZ", "260-FZ"),
        ("№ 260-ФЗ", "260-FZ"),
        ("Федеральный закон 260-ФЗ", "260-FZ"),
        ("260 фз", "260-FZ"),
        ("260", None),
        ("закон об измене", None),
    ],
)
def test_amendment_numbers(text, number):
    assert amendment_number(text) == number


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("275 276", [("275", ()), ("276", ())]),
        ("275, 276", [("275", ()), ("276", ())]),
        ("275 и 276", [("275", ()), ("276", ())]),
        ("276 275", [("276", ()), ("275", ())]),  # the order asked
        ("ст. 275, 276 УК", [("275", (UK,)), ("276", (UK,))]),  # the law named last: all
        ("ст. ст. 275 и 276 УК РФ", [("275", (UK,)), ("276", (UK,))]),
        ("статьи 275 и 276 УК", [("275", (UK,)), ("276", (UK,))]),
        ("УК 275, 276", [("275", (UK,)), ("276", (UK,))]),
        ("ст. 275 УК, 20.3.3 КоАП", [("275", (UK,)), ("20.3.3", (KOAP,))]),
        ("arts. 275 and 276", [("275", ()), ("276", ())]),
        ("275 276 275", [("275", ()), ("276", ())]),  # a repeat is dropped
        ("ч. 1 ст. 275, ст. 276 УК", [("275", (UK,)), ("276", (UK,))]),
        ("275", [("275", ())]),  # one citation is one
    ],
)
def test_several_citations_read_in_the_order_asked(text, read):
    assert [(c.number, c.laws) for c in parse_citations(text)] == read


@pytest.mark.parametrize(
    "text",
    ["275-280", "500 000", "штраф 500", "измена 275", "275 276 измена", "", "ст. 275 ст. 276"],
)
def test_what_is_not_a_list_of_citations(text):
    # a range does not say which articles lie between; "000" is no article's number
    assert parse_citations(text) is None
