"""`|ru` and `|lang_ru` mark a value Russian when it has more Cyrillic letters than Latin ones
(WCAG 3.1.2), counted in the text without the tags of safe HTML."""

import pytest
from django.utils.safestring import mark_safe

from pages.templatetags.language import is_russian, lang_ru, ru


def by_letters(text: str) -> bool:
    """The rule, letter by letter."""
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in text)
    latin = sum(ch.isascii() and ch.isalpha() for ch in text)
    return cyrillic > 0 and cyrillic > latin


@pytest.mark.parametrize(
    "text",
    [
        "Статья 275. Государственная измена",
        "Treason",
        "",
        "275.1",
        "сети «Интернет» либо Internet",
        "Law 64-FZ (Федеральный закон)",
        "Federal Law 64-ФЗ of 13.06.1996",
        "abc где",
        "ab где",
        "Ёё Ѐ ӿ",
        "x" * 300 + "я" * 299,
        "x" * 299 + "я" * 300,
    ],
)
def test_a_value_is_russian_by_its_letters(text):
    assert is_russian(text) is by_letters(text)


def test_the_tags_of_safe_html_are_not_counted():
    snippet = mark_safe('<mark class="highlight">измена</mark>')
    assert is_russian(snippet)
    assert ru(snippet) == '<span lang="ru"><mark class="highlight">измена</mark></span>'
    assert lang_ru("Статья") == ' lang="ru"' and lang_ru("Article") == ""
    assert ru("Article <1>") == "Article &lt;1&gt;"


def test_safe_html_without_cyrillic_is_not_russian_whatever_its_tags():
    """Read without parsing its tags (an English snippet): tags never add a letter."""
    assert not is_russian(mark_safe("<mark>Jurisdiction</mark> of the court"))
    assert not is_russian(mark_safe("<mark>42</mark>"))
    assert is_russian(mark_safe('<b title="Statute of the federation">статья</b> 5'))
