"""Error pages that work without the database: a 503 when it is unreachable, else the 500."""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)
UNAVAILABLE = (OperationalError, InterfaceError)


def database_is_up() -> bool:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False


def unavailable(request):
    if request.path.startswith("/api/") or request.path == "/healthz":
        response = JsonResponse(
            {"error": "The database is unavailable; please try again shortly."}, status=503
        )
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    return response


def server_error(request):
    """handler500: Django calls it while the exception is still being handled."""
    error = sys.exc_info()[1]
    if isinstance(error, UNAVAILABLE) and not database_is_up():
        logger.error("database unavailable: %s", error)
        return unavailable(request)
    if request.path.startswith("/api/"):
        return JsonResponse({"error": "Internal error; it has been logged."}, status=500)
    return HttpResponseServerError(render_to_string("500.html"))
