"""Error pages that work without the database: a 503 when it is unreachable, else the 500.

A database that does not answer in time (PostgreSQL's connect timeout, settings
DB_CONNECT_TIMEOUT) fails the request with OperationalError; the visitor gets the 503 page with
Retry-After, and the worker is free again at once. /healthz asks the database in a thread it
waits HEALTH_DEADLINE seconds for, so a load balancer has its answer within 2 s either way.
"""

import logging
import sys
import threading

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)
UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
HEALTH_DEADLINE = 1.5  # seconds /healthz waits for the database


def database_is_up() -> bool:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False


class HealthProbe:
    """One database check at a time, in its own thread (its own connection, closed after):
    a probe still waiting when the next request comes counts as the database not answering,
    so a dead database never piles up threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.running: threading.Thread | None = None
        self.result = False

    def _check(self):
        try:
            self.result = database_is_up()
        finally:
            connections.close_all()  # this thread's connections only

    def database_answers(self, deadline: float = HEALTH_DEADLINE) -> bool:
        with self.lock:
            if self.running is not None and self.running.is_alive():
                return False
            self.result = False
            self.running = threading.Thread(target=self._check, daemon=True, name="healthz")
            self.running.start()
            probe = self.running
        probe.join(deadline)
        return not probe.is_alive() and self.result


health_probe = HealthProbe()


def unavailable(request):
    if request.path.startswith("/api/") or request.path == "/healthz":
        response = JsonResponse(
            {"error": "The database is unavailable; please try again shortly."}, status=503
        )
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def never_connected() -> bool:
    """Whether the request's database connection failed to open (nothing to ask again:
    asking would wait out another connect timeout)."""
    return connections["default"].connection is None


def server_error(request):
    """handler500: Django calls it while the exception is still being handled."""
    error = sys.exc_info()[1]
    if isinstance(error, UNAVAILABLE) and (never_connected() or not database_is_up()):
        logger.error("database unavailable: %s", error)
        return unavailable(request)
    if request.path.startswith("/api/"):
        return JsonResponse({"error": "Internal error; it has been logged."}, status=500)
    return HttpResponseServerError(render_to_string("500.html"))
