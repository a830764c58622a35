"""The result cache's default backend: Django's DatabaseCache, with the two operations
`result_cache` runs on every cached request made one statement each.

`get_current(key)` reads the data generation and the entry stored under it together (stock:
one query for the generation, one for the entry); `set` is an upsert (stock: a count, a select
and a write, in a savepoint). The table is the one `manage.py createcachetable` makes, and
every other operation (get, add, delete, clear) is DatabaseCache's own, so entries written here
read back through `cache.get(key, version=generation)` and the other way round.

The table is culled when a lookup misses and finds it full (stock DatabaseCache counts it on
every set): first the entries of other generations, which can never be read again, then
DatabaseCache's own cull.
"""

import base64
import pickle
from datetime import UTC, datetime

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.utils.timezone import now as tz_now

GENERATION_MARK = "{generation}"  # stands for the version while the key is built in SQL


class GenerationDatabaseCache(DatabaseCache):
    def get_current(self, key: str):
        """(generation, value) in one query: the counter `provisions_datageneration.n` and the
        entry stored for `key` under that version, or None for it. (None, None) when the
        counter row is missing (nothing may be cached then)."""
        before, found, after = self.make_key(key, version=GENERATION_MARK).partition(
            GENERATION_MARK
        )
        if not found:  # a KEY_FUNCTION that hides the version: two queries
            return self._get_in_two(key)
        db = router.db_for_read(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        now = connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0))
        with connection.cursor() as cursor:
            cursor.execute(
                # The table is counted only on a miss, to know whether to cull.
                "SELECT g.n, c.value, CASE WHEN c.value IS NULL THEN "
                f"(SELECT COUNT(*) FROM {table}) END "
                "FROM provisions_datageneration g "
                f"LEFT JOIN {table} c ON c.cache_key = %s || CAST(g.n AS TEXT) || %s "
                "AND c.expires > %s "
                "WHERE g.id = 1",
                [before, after, now],
            )
            row = cursor.fetchone()
            if row is None:
                return None, None
            generation, value, size = row
            if value is not None:
                value = connection.ops.process_clob(value)
                return generation, pickle.loads(base64.b64decode(value.encode()))
        if size > self._max_entries:
            # Culling deletes: on the primary, when this read came from a read replica.
            write_db = router.db_for_write(self.cache_model_class)
            with connections[write_db].cursor() as write_cursor:
                self._cull_other_generations(write_db, write_cursor, generation, size)
        return generation, None

    def _get_in_two(self, key):
        with connections[router.db_for_read(self.cache_model_class)].cursor() as cursor:
            cursor.execute("SELECT n FROM provisions_datageneration WHERE id = 1")
            row = cursor.fetchone()
        if row is None:
            return None, None
        return row[0], self.get(key, version=row[0])

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """Store `value` in one statement (an upsert: concurrent stores of a key both succeed,
        the later one wins)."""
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        expires = datetime.max if timeout is None else datetime.fromtimestamp(timeout, tz=UTC)
        connection = connections[router.db_for_write(self.cache_model_class)]
        table = connection.ops.quote_name(self._table)
        pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s) "
                "ON CONFLICT (cache_key) DO UPDATE "
                "SET value = excluded.value, expires = excluded.expires",
                [
                    key,
                    pickled,
                    connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0)),
                ],
            )

    def _cull_other_generations(self, db, cursor, generation: int, size: int) -> None:
        prefix = self.make_key("", version=generation)
        table = connections[db].ops.quote_name(self._table)
        cursor.execute(
            f"DELETE FROM {table} WHERE SUBSTR(cache_key, 1, %s) <> %s", [len(prefix), prefix]
        )
        remaining = size - cursor.rowcount
        if remaining > self._max_entries:
            self._cull(db, cursor, tz_now().replace(microsecond=0), remaining)
