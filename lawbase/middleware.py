"""One JSON log line per request, with its timing and number of SQL queries."""

import json
import logging
import time

from django.db import connections
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
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


# Methods the site answers; anything else (TRACE, CONNECT, PROPFIND…) is a 405 before any view.
ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")


class RequestSanityMiddleware:
    """Refuse what no view should see: a method the site does not answer (405; TRACE echoed
    the request back with 200), a NUL byte in the path (404: no address has one) or in a
    query value (400: PostgreSQL cannot store or compare it, which answered 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ALLOWED_METHODS:
            response = HttpResponseNotAllowed(ALLOWED_METHODS)
            response.content = b"Method not allowed.\n"
            return response
        if "\x00" in request.path:
            return self.refuse(request, 404, "No such page.")
        for key, values in request.GET.lists():
            if "\x00" in "".join([key, *values]):
                name = key.replace("\x00", "\\0")[:40]
                return self.refuse(request, 400, f"The parameter {name} holds a NUL byte.")
        return self.get_response(request)

    @staticmethod
    def refuse(request, status: int, message: str):
        if request.path.startswith("/api/") or request.GET.get("format") in ("json", "csv"):
            return JsonResponse({"error": message}, status=status)
        if status == 404:
            return render(request, "404.html", status=404)
        return render(request, "400.html", {"message": message}, status=status)


class ApiHeadMiddleware:
    """HEAD on the API answers as GET does, without the body (the API's routes are GET-only,
    and CORS advertises HEAD): the headers, Content-Length included, are the GET's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD" or not request.path.startswith("/api/"):
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response
