"""The search backend of a database connection: the one place that looks at the vendor.

Every vendor-specific piece of search (tsvector, ranking, headlines, trigrams on PostgreSQL;
FTS5, bm25, trigrams on SQLite) lives in postgres.py or sqlite.py; the engine asks
`backend_for(connection)` and never checks the vendor itself.
"""

from functools import lru_cache

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from search.backends.base import SearchBackend

BACKENDS = {
    "postgresql": "search.backends.postgres.PostgresBackend",
    "sqlite": "search.backends.sqlite.SQLiteBackend",
}


@lru_cache
def backend_class(vendor: str) -> type[SearchBackend]:
    """The backend class for a `connection.vendor`, imported the first time it is asked for.

    Raises ImproperlyConfigured for a database search does not support."""
    try:
        path = BACKENDS[vendor]
    except KeyError:
        supported = ", ".join(sorted(BACKENDS))
        raise ImproperlyConfigured(
            f"Search supports {supported} databases, not {vendor!r}."
        ) from None
    return import_string(path)


def backend_for(connection) -> SearchBackend:
    """The search backend for `connection` (a Django database connection)."""
    return backend_class(connection.vendor)(connection)


def prepare_connection(sender, connection, **kwargs) -> None:
    """connection_created receiver: lets the connection's backend set it up (SQLite registers
    the functions its index triggers call). Other vendors are left alone here; searching
    on them raises."""
    if connection.vendor in BACKENDS:
        backend_for(connection).prepare_connection()
