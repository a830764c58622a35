"""Cached results of expensive list and search queries (a total, the facet counts, a page's
article ids and snippets), valid until the next write to the data they were computed from.

Every write to the tables the list reads bumps one counter, `provisions_datageneration.n`, by
a database trigger (search migration 0002), so the admin, the importer, bulk loads and raw SQL
all invalidate alike. An entry is stored with the counter value read *before* it was computed
and served only while the counter still has that value. A write committed during the
computation therefore makes the entry dead on arrival, never stale: the counter's new value
becomes visible in the same commit as the data.

The entries live in Django's cache (settings.CACHES), keyed by the request's key and the
counter value, so a lookup is one query, the counter's; entries of past generations are never
asked for again and the cache drops them in time.
"""

import hashlib
import json
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection


@dataclass
class Lookup:
    key: str
    generation: int | None  # None: no counter row (a flushed database); do not store
    value: dict | None  # the cached result, or None on a miss


def enabled() -> bool:
    return getattr(settings, "LAWBASE_RESULT_CACHE", True)


def cache_key(namespace: str, params: dict) -> str:
    """A stable key for these request parameters (order and repetition do not matter)."""
    canonical = json.dumps(
        {name: sorted(values) for name, values in sorted(params.items()) if values},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return f"{namespace}:{hashlib.sha256(canonical.encode()).hexdigest()}"


def entry_key(key: str, generation: int) -> str:
    return f"result:{key}:{generation}"


def lookup(key: str) -> Lookup:
    """The entry for `key` if it was computed at the current generation, and that generation."""
    generation = current_generation()
    if generation is None:
        restore_counter()
        return Lookup(key, None, None)
    value = cache.get(entry_key(key, generation))
    return Lookup(key, generation, None if value is None else json.loads(value))


def store(found: Lookup, value: dict) -> None:
    """Keep `value` under the generation read before computing it."""
    if found.generation is None:
        return
    payload = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    cache.set(entry_key(found.key, found.generation), payload, timeout=None)


def restore_counter() -> None:
    """A lost counter row starts again past every generation an entry could have been stored
    under: at the clock in microseconds, more than the writes ever counted."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO provisions_datageneration (id, n, moved_at) "
            "SELECT 1, %s, CURRENT_TIMESTAMP "
            # WHERE true: SQLite needs it to tell the SELECT's end from ON CONFLICT.
            "WHERE true ON CONFLICT (id) DO NOTHING",
            [time.time_ns() // 1000],
        )


def current_generation() -> int | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM provisions_datageneration WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None
