"""`{{ value|day:"j M Y" }}`: Django's `date` filter, remembered per date, format and language.

A timeline row formats its two dates and each amending law's signing date; a КоАП article
with ~270 editorial notes formats some 600 dates a page, at ~20 µs of CPU each (the month
names go through gettext). The same dates recur on page after page (a law's in-force date on
every article it changed), so a bounded memo serves them. The text is the `date` filter's own;
a datetime (whose text depends on the time zone) is not remembered.
"""

from datetime import date
from functools import lru_cache

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.translation import get_language

register = template.Library()

MAX_DATES = 8192  # ~40 years of days: more than the corpus's distinct dates


@register.filter(expects_localtime=True, is_safe=False)
def day(value, arg=None):
    if type(value) is not date:
        return date_filter(value, arg)
    return formatted(value, arg, get_language())


@lru_cache(maxsize=MAX_DATES)
def formatted(value, arg, _language) -> str:
    return date_filter(value, arg)
