"""The forms a query word matches: its dictionary lexemes and the words of its -изм / -ист
stem (search.morphology)."""

import pytest

from search.morphology import derived_lemmas, dictionary_lexeme, word_forms


@pytest.mark.parametrize(
    ("word", "reaches"),
    [
        ("экстремизм", {"экстремистской", "экстремистского", "экстремистов"}),
        ("экстремист", {"экстремизма", "экстремистская"}),
        ("экстремистская", {"экстремизм", "экстремисты"}),
        ("терроризм", {"террористический", "террористов"}),
    ],
)
def test_a_doctrine_its_follower_and_their_adjective_reach_each_other(word, reaches):
    assert reaches <= word_forms(word)


def test_only_words_the_dictionary_holds_are_linked():
    # "статистический" is статистика's, not статист's; "экстремистика" is only the analyzer's
    # guess from a known ending, no dictionary word.
    assert derived_lemmas("статистический") == []
    assert "статист" not in word_forms("статистический")
    assert dictionary_lexeme("экстремистика") is None
    assert dictionary_lexeme("экстремистский") is not None
    # A lemma too short to have a stem links nothing ("лист" is no -ист word).
    assert derived_lemmas("лист") == []
    assert word_forms("измена") == word_forms("измены")  # other words are as before
    assert not {w for w in word_forms("измена") if w.startswith("изменист")}
