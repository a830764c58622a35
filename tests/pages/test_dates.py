"""pages.templatetags.dates: the `day` filter reads as Django's `date` filter, remembered."""

from datetime import UTC, date, datetime

from django.template import engines
from django.template.defaultfilters import date as date_filter
from django.utils import translation

from pages.templatetags.dates import day, formatted


def test_day_reads_as_the_date_filter():
    for value in (date(1997, 1, 1), date(2022, 3, 4), date(2024, 12, 31)):
        for fmt in ("j M Y", "j F Y", "d.m.Y", "Y-m-d", None):
            assert day(value, fmt) == date_filter(value, fmt)


def test_day_passes_what_is_not_a_date_to_the_date_filter():
    moment = datetime(2022, 3, 4, 23, 30, tzinfo=UTC)
    assert day(moment, "j M Y H:i") == date_filter(moment, "j M Y H:i")
    assert day(None, "j M Y") == "" == date_filter(None, "j M Y")
    assert day("", "j M Y") == ""


def test_day_remembers_per_language():
    formatted.cache_clear()
    with translation.override("ru"):
        russian = day(date(2022, 3, 4), "j F Y")
    english = day(date(2022, 3, 4), "j F Y")
    assert english == "4 March 2022"
    assert russian != english and russian == formatted(date(2022, 3, 4), "j F Y", "ru")


def test_day_in_a_template_escapes_as_date_does():
    source = '{% load dates %}{{ d|day:"j M Y" }}|{{ d|date:"j M Y" }}'
    template = engines["django"].from_string(source)
    text = template.render({"d": date(2022, 3, 4)})
    left, right = text.split("|")
    assert left == right == "4 Mar 2022"
