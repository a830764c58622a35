"""Snippets (search.query.highlight): the words a query matched, found as the index finds them."""

import html
import re

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


def test_a_latin_word_starts_after_anything_but_a_letter_or_digit():
    """The initial is matched before the look back for a letter: same words as looking back
    first, at the text's start, after punctuation or an underscore, never inside a word."""
    pattern = latin_words_starting(frozenset("sj"))
    looking_back_first = re.compile(r"(?<![^\W_])[sjSJ][A-Za-z]*(?![^\W_])")
    text = "Sjudge s_sky _Skip 2sky ёsky ssj J. jury-sky «Sky» sкy sky2 Ss"
    found = [m.span() for m in pattern.finditer(text)]
    assert found == [m.span() for m in looking_back_first.finditer(text)]
    words = ["Sjudge", "s", "sky", "Skip", "ssj", "J", "jury", "sky", "Sky", "Ss"]
    assert [text[a:b] for a, b in found] == words  # not 2sky, ёsky, sкy (mixed), sky2


def reference_passage(text: str, hits: set[int], width: int = 64) -> str:
    """The passage as highlight defines it, from the text split whole: `width` tokens (words
    and runs of whitespace) from six before the first hit of the window with most hits."""
    tokens = re.split(r"(\s+)", text)
    best, most = None, 0
    for first in sorted(hits):
        inside = len([hit for hit in hits if first <= hit < first + width])
        if inside > most:
            best, most = first, inside
    start = max(0, best - 6)
    end = min(len(tokens), start + width)
    pieces = [
        f"<mark>{html.escape(tokens[i])}</mark>" if i in hits else html.escape(tokens[i])
        for i in range(start, end)
    ]
    return (("… " if start else "") + "".join(pieces) + (" …" if end < len(tokens) else "")).strip()


def test_the_passage_is_read_around_the_hits_as_if_the_text_were_split_whole():
    filler = " ".join(f"w{i}" for i in range(300))
    cases = [
        ("шпионаж " + filler, {0}),
        ("  шпионаж\u00a0x " + filler, {2}),
        (filler + " шпионаж", {600}),
        (filler + " шпионаж\n\n", {600}),
        ("a b c шпионаж " + filler, {6}),
        ("a b c d шпионаж " + filler, {8}),
        (filler[:200] + " <шпионаж> & " + filler, {2 * len(filler[:200].split())}),
        ("шпионаж " * 40 + filler + " шпионажа" * 70, None),
    ]
    for text, hits in cases:
        if hits is None:
            hits = {i for i, t in enumerate(re.split(r"(\s+)", text)) if "шпионаж" in t}
        assert highlight(text, ["шпионаж"]) == reference_passage(text, hits), text[:40]
