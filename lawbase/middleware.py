"""One JSON log line per request, with its timing and number of SQL queries."""

import json
import logging
import time

from django.db import connections
from django.utils.http import http_date

from search.result_cache import data_moved_at

request_log = logging.getLogger("lawbase.requests")


class JsonFormatter(logging.Formatter):
    """Log records as one JSON object per line; the request fields arrive in `extra`."""

    FIELDS = ("method", "path", "status", "duration_ms", "queries", "user")

    def format(self, record):
        payload = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        payload.update({key: getattr(record, key) for key in self.FIELDS if hasattr(record, key)})
        return json.dumps(payload, ensure_ascii=False)


class QueryCounter:
    """Counts the SQL statements a request runs (with DEBUG off too, unlike connection.queries)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = QueryCounter()
        started = time.perf_counter()
        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        user = getattr(request, "user", None)
        request_log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "queries": counter.count,
                "user": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        return response


class ApiLastModifiedMiddleware:
    """Last-Modified on API answers: when the data last changed (the generation row's
    `moved_at`, one row). ConditionalGetMiddleware, outside it, then answers 304."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.has_header("Last-Modified")
        ):
            latest = data_moved_at()
            if latest is not None:
                response["Last-Modified"] = http_date(latest.timestamp())
        return response
