"""Snippets (search.query.highlight): the words a query matched, found as the index finds them."""

from search.query import highlight, latin_words_starting


def test_english_forms_are_marked_whatever_their_case_or_irregular_stem():
    text = "Skies darkened. Dying words were heard; the sky is grey. Nothing else."
    marked = highlight(text, ["sky", "die"])
    assert "<mark>Skies</mark>" in marked and "<mark>sky</mark>" in marked
    assert "<mark>Dying</mark>" in marked
    assert "<mark>Nothing</mark>" not in marked


def test_only_latin_words_with_a_wanted_initial_are_looked_at():
    pattern = latin_words_starting(frozenset("s"))
    assert [m.group() for m in pattern.finditer("Sky, ski, ask, ёлка, s2, Snow")] == [
        "Sky",
        "ski",
        "Snow",
    ]
