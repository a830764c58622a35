"""Marking Russian text for browsers, screen readers and translators (WCAG 3.1.2, Language of
Parts): `{{ value|ru }}` wraps a text that is mostly Cyrillic in `<span lang="ru">`, and
`{{ value|lang_ru }}` gives ` lang="ru"` to put on an element of one's own.

Imported articles often hold only a Russian title, chapter or note, so whether a value is
Russian is read from the value itself: more Cyrillic letters than Latin ones. A value that is
already safe HTML (a search snippet with its <mark>s) is wrapped as it is; any other is escaped.
"""

import re

from django import template
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import SafeData, mark_safe

register = template.Library()

# Runs of letters, counted by their lengths: a match per word, not per letter (half the time on
# an article page's quotes, which an article page marks by the dozen).
CYRILLIC = re.compile(r"[\u0400-\u04FF]+")
LATIN = re.compile(r"[A-Za-z]+")


def letters(pattern, text: str) -> int:
    return sum(map(len, pattern.findall(text)))


def is_russian(value) -> bool:
    """More Cyrillic letters than Latin ones (tags of safe HTML not counted). A text without
    Latin letters (most Russian ones) is Russian as soon as it has a Cyrillic one."""
    text = str(value)
    if CYRILLIC.search(text) is None:
        return False  # stripping tags adds no letter: an English snippet is never parsed
    if isinstance(value, SafeData):
        text = strip_tags(text)
    if LATIN.search(text) is None:
        return CYRILLIC.search(text) is not None
    cyrillic = letters(CYRILLIC, text)
    return cyrillic > 0 and cyrillic > letters(LATIN, text)


@register.filter
def ru(value):
    """The value, escaped unless already safe, in `<span lang="ru">` when it is Russian."""
    if value in (None, ""):
        return value
    if not is_russian(value):
        return conditional_escape(value)
    return format_html('<span lang="ru">{}</span>', value)


@register.filter
def lang_ru(value):
    """` lang="ru"` for an element whose text is `value`, when it is Russian; else ""."""
    return mark_safe(' lang="ru"') if value and is_russian(value) else ""
