"""Cached results of expensive list and search queries (a total, the facet counts, a page's
article ids and snippets), valid until the next write to the data they were computed from.

Every write to the tables the list reads bumps one counter, `provisions_datageneration.n`, by
a database trigger (see `generation_schema`), so the admin, the importer, bulk loads and raw SQL
all invalidate alike. An entry is stored with the counter value read *before* it was computed
and served only while the counter still has that value. A write committed during the
computation therefore makes the entry dead on arrival, never stale: the counter's new value
becomes visible in the same commit as the data.

The entries live in the database (`provisions_resultcache`), so every web worker shares them
and a lookup is one indexed query that also reads the counter.
"""

import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

MAX_ENTRIES = 5000  # distinct queries kept before the oldest are dropped


@dataclass
class Lookup:
    key: str
    generation: int | None  # None: no counter row (a flushed database); do not store
    value: dict | None  # the cached result, or None on a miss
    entries: int = 0  # on a miss, how many entries the cache holds


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


def lookup(key: str) -> Lookup:
    """The entry for `key` if it was computed at the current generation, and that generation."""
    with connection.cursor() as cursor:
        cursor.execute(
            # The size is counted only on a miss, when an entry is about to be added.
            "SELECT g.n, c.value, CASE WHEN c.value IS NULL THEN "
            "(SELECT COUNT(*) FROM provisions_resultcache) END "
            "FROM provisions_datageneration g "
            "LEFT JOIN provisions_resultcache c ON c.key = %s AND c.generation = g.n "
            "WHERE g.id = 1",
            [key],
        )
        row = cursor.fetchone()
    if row is None:
        restore_counter()
        return Lookup(key, None, None)
    generation, value, entries = row
    if value is None:
        return Lookup(key, generation, None, entries)
    return Lookup(key, generation, json.loads(value))


def store(found: Lookup, value: dict) -> None:
    """Keep `value` under the generation read before computing it."""
    if found.generation is None:
        return
    payload = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    with connection.cursor() as cursor:
        if found.entries >= MAX_ENTRIES:
            prune(cursor, found.generation)
        cursor.execute(
            "INSERT INTO provisions_resultcache (key, generation, value, stored_at) "
            "VALUES (%s, %s, %s, CURRENT_TIMESTAMP) "
            "ON CONFLICT (key) DO UPDATE SET generation = excluded.generation, "
            "value = excluded.value, stored_at = excluded.stored_at",
            [found.key, found.generation, payload],
        )


def prune(cursor, generation: int) -> None:
    """Drop entries of past generations and, if still full, the older half."""
    cursor.execute("DELETE FROM provisions_resultcache WHERE generation <> %s", [generation])
    cursor.execute(
        "DELETE FROM provisions_resultcache WHERE key IN ("
        "SELECT key FROM provisions_resultcache ORDER BY stored_at DESC LIMIT %s OFFSET %s)",
        [2**62, MAX_ENTRIES // 2],
    )


def restore_counter() -> None:
    """A flush (tests, `manage.py flush`) empties the counter table; start it again past every
    generation an entry could have been stored under."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO provisions_datageneration (id, n) "
            "SELECT 1, COALESCE(MAX(generation), 0) + 1 FROM provisions_resultcache "
            # WHERE true: SQLite needs it to tell the SELECT's end from ON CONFLICT.
            "WHERE true ON CONFLICT (id) DO NOTHING"
        )


def current_generation() -> int | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM provisions_datageneration WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None
