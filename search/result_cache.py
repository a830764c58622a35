"""Cached results of expensive list and search queries (a total, the facet counts, a page's
article ids and snippets, whole pages), valid until the next write to the data they were
computed from.

Every write to the tables the public pages read bumps one counter,
`provisions_datageneration.n`, by a database trigger (search/generation.py), so the admin, the
importer, bulk loads and raw SQL all invalidate alike; the trigger also records when it moved
(`moved_at`). Entries live in the named cache "results" (settings.CACHES: a DatabaseCache by
default, so every web worker shares them) under the version `n` read *before* they were
computed, and are read only under the counter's current value. A write committed during the
computation therefore makes the entry dead on arrival, never stale: the counter's new value
becomes visible in the same commit as the data.

A lookup with the default backend is one query (the counter and the entry together, see
`cache_backend`); with another backend, one query for the counter and one cache read.
"""

import hashlib
import json
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connections, router

from search.cache_backend import GenerationDatabaseCache

CACHE_NAME = "results"
# Keys carry the day they were computed on, so no entry is read after its day: the bound only
# lets a backend without culling (Redis, memcached) drop dead generations.
ENTRY_SECONDS = 24 * 60 * 60

# The counter value read at the start of this request, when the page cache read it already.
_request_generation: ContextVar[int | None] = ContextVar("request_generation", default=None)


@dataclass
class Lookup:
    key: str
    generation: int | None  # None: no counter row; nothing may be stored
    value: dict | None  # the cached result, or None on a miss


def enabled() -> bool:
    return getattr(settings, "LAWBASE_RESULT_CACHE", True)


def results():
    return caches[CACHE_NAME]


# What the pages are computed by: the project's code and templates. A deploy that changes what
# a page says (a legal statement, a label) must not be answered from entries the old code
# computed, which the data's generation alone would keep until the next write.
CODE_FOLDERS = ("lawbase", "opendata", "pages", "pravo", "provisions", "search", "templates")


def code_fingerprint(root: Path, folders=CODE_FOLDERS) -> str:
    """SHA-256 of the .py and .html files under `root`'s `folders`, by path and content; read
    once per process (about 300 files)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in (".py", ".html") and path.is_file():
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


CODE = code_fingerprint(Path(settings.BASE_DIR))[:16]


def cache_key(namespace: str, params: dict) -> str:
    """A stable key for these request parameters (order and repetition do not matter) and the
    code that computes them (CODE)."""
    canonical = json.dumps(
        {name: sorted(values) for name, values in sorted(params.items()) if values},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return f"{namespace}:{CODE}:{hashlib.sha256(canonical.encode()).hexdigest()}"


def lookup(key: str) -> Lookup:
    """The entry for `key` stored under the current generation, and that generation."""
    cache = results()
    generation = _request_generation.get()
    if generation is not None:
        return Lookup(key, generation, cache.get(key, version=generation))
    if isinstance(cache, GenerationDatabaseCache):
        return Lookup(key, *cache.get_current(key))
    generation = current_generation()
    value = None if generation is None else cache.get(key, version=generation)
    return Lookup(key, generation, value)


def store(found: Lookup, value: dict) -> None:
    """Keep `value` under the generation read before computing it."""
    if found.generation is not None:
        results().set(found.key, value, timeout=ENTRY_SECONDS, version=found.generation)


@contextmanager
def within_generation(generation: int | None):
    """Lookups inside use `generation` instead of reading the counter again. Only for work that
    starts after `generation` was read: what it stores is then dead if a write came between."""
    token = _request_generation.set(generation)
    try:
        yield
    finally:
        _request_generation.reset(token)


def reading_connection():
    """The connection this request reads the data from (a read replica's, when
    lawbase.db_routers routes it there): the counter must be read where the pages are, or a
    lagging replica's page would be kept under the primary's newer generation."""
    from provisions.models import Article

    return connections[router.db_for_read(Article)]


def current_generation() -> int | None:
    with reading_connection().cursor() as cursor:
        cursor.execute("SELECT n FROM provisions_datageneration WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


def data_moved_at() -> datetime | None:
    """When the data any public page shows last changed (an aware UTC datetime), or None
    without a counter row: one row, kept by the same triggers as the counter."""
    with reading_connection().cursor() as cursor:
        cursor.execute("SELECT moved_at FROM provisions_datageneration WHERE id = 1")
        row = cursor.fetchone()
    if row is None:
        return None
    moved_at = row[0]
    if isinstance(moved_at, str):  # SQLite returns the text CURRENT_TIMESTAMP wrote
        moved_at = datetime.fromisoformat(moved_at)
    if moved_at.tzinfo is None:  # UTC, as CURRENT_TIMESTAMP is on SQLite
        moved_at = moved_at.replace(tzinfo=UTC)
    return moved_at
