"""Reads from PostgreSQL read replicas, every write and every editor's read from the primary.

With DATABASE_REPLICA_URLS set (settings.py), each replica is a database alias ("replica1",
"replica2", … in settings.LAWBASE_REPLICAS) and `ReplicaRouter` is the database router:

- every write goes to "default", the primary;
- a read goes to a replica only inside a web request that `PrimaryPinMiddleware` found safe to
  serve from one: a GET or HEAD of a visitor without a session (an editor signed in to the
  admin has one) and without the `lawbase_primary` cookie. Everything else reads the primary:
  editors' requests, POSTs, management commands (imports decide what to write from what they
  read), the shell, tests, and any read inside a transaction on the primary;
- after a request that may have written (any method but GET, HEAD, OPTIONS, TRACE), the response
  sets `lawbase_primary` for PIN_SECONDS, so the next requests of that browser read the primary
  too and see the write although a replica may still lag behind (read-your-writes).

A visitor with neither cookie may see a replica's data up to its replication lag old; the
result cache keys pages by the data generation read from that same replica, so a lagging
replica serves its own consistent state, never a page mixed from two.

Replicas are chosen at random per request (one connection per request and alias; a stateless
app server behind a load balancer needs nothing shared but the database and the cache).
"""

import random
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

PIN_COOKIE = "lawbase_primary"
# Longer than any replication lag this deployment tolerates (streaming replicas on a LAN
# replay within milliseconds; an overloaded one can lag for seconds).
PIN_SECONDS = 30
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")

# The replica alias this request reads from, or None: read the primary.
_replica: ContextVar[str | None] = ContextVar("lawbase_replica", default=None)


def replicas() -> list[str]:
    """The replica aliases (settings.LAWBASE_REPLICAS; empty without DATABASE_REPLICA_URLS)."""
    return list(getattr(settings, "LAWBASE_REPLICAS", []))


def may_read_replica(request) -> bool:
    """True for a request whose reads may be a replication lag old: a safe method, no session
    (an editor's requests carry one), no pin set by an earlier write."""
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and PIN_COOKIE not in request.COOKIES
    )


class ReplicaRouter:
    """Django database router (settings.DATABASE_ROUTERS) for the primary and its replicas."""

    def db_for_read(self, model, **hints):
        alias = _replica.get()
        if alias is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS  # a read inside a write's transaction sees that write
        return alias

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # replicas hold the primary's rows: one database, several servers

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS  # a replica receives the primary's schema by streaming


class PrimaryPinMiddleware:
    """Chooses where the request reads (see the module docstring) and pins the browser to the
    primary after a request that may have written. First in settings.MIDDLEWARE, before any
    middleware that reads the database (sessions, the request log's data timestamp)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        aliases = replicas()
        chosen = random.choice(aliases) if aliases and may_read_replica(request) else None
        token = _replica.set(chosen)
        try:
            response = self.get_response(request)
        finally:
            _replica.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
