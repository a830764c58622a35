"""`reverse`, remembered: an object's page address is computed once per process.

Django's `reverse` costs some 45 µs of CPU a call here, and a page links many objects (an
amendment's page names up to ~350 articles, an article's page each law of its timeline and
each source twice): on the pages computed from scratch that was a tenth of their time. The
address depends only on the view name, its arguments, the URLconf and the script prefix
(SCRIPT_NAME), so all four are the key; `clear_url_caches()` (run when a test overrides
ROOT_URLCONF) makes a new resolver, which is part of the key too, so nothing stale is served.
"""

from functools import lru_cache

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse

# Bounded: an address is ~100 bytes; a full synthetic corpus of 100,000 articles would not fit
# and need not (the pages computed from scratch each link a few hundred objects).
MAX_ADDRESSES = 20_000


def address(viewname: str, **kwargs) -> str:
    """reverse(viewname, kwargs=kwargs), remembered."""
    urlconf = get_urlconf()
    return remembered(
        viewname, tuple(kwargs.items()), get_script_prefix(), get_resolver(urlconf), urlconf
    )


@lru_cache(maxsize=MAX_ADDRESSES)
def remembered(viewname, items, _prefix, _resolver, urlconf) -> str:
    return reverse(viewname, kwargs=dict(items), urlconf=urlconf)
