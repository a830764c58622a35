"""What a web worker does once its application is loaded, before its first request.

Python's cyclic garbage collector walks every object of the oldest generation on each full
collection: in a worker that has loaded Django, the site and the Russian morphology dictionary,
that is about 120,000 objects and 40-45 ms, a pause that lands on whichever request is running
(measured in-process at 100,000 synthetic articles: list, search and article pages in turn, p99
76 ms against a p50 of 27). `gc.freeze()` (the standard library's, made for long-lived server
processes) moves the objects alive at that moment out of the collector's sight: a full
collection then takes 9-12 ms and the p99 was 45 ms.

So what every request would otherwise load on its first use is loaded first: the URL
configuration (and with it the views and their modules) and the morphology analyzer (about
0.2 s, which the worker's first search used to pay).
"""

import gc


def load_and_freeze() -> int:
    """Load the URL configuration and the morphology analyzer, collect, then freeze every
    object alive. Returns how many objects the collector no longer walks."""
    from django.urls import resolve

    from search.morphology import analyzer

    resolve("/")  # imports the URL configuration, and with it every view module
    analyzer()
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
