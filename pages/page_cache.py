"""Whole responses of the public read pages, kept while the data they show is unchanged.

`cached_while_unchanged(view)` serves an anonymous GET from the result cache (`result_cache`)
when the same URL, on the same scheme and host, was rendered on the same day at the current
data generation; every write to the data moves the generation, so an editor's change shows on
the next request. Only complete 200 responses in HTML or JSON are kept; streams (CSV),
redirects and errors never are. Nothing in these pages depends on the visitor (no CSRF token,
no nonce) except the absolute links, built from the request's scheme and host, hence those in
the key; signed-in users always get a fresh render, so an editor never doubts what they see.
"""

from datetime import date
from functools import wraps

from django.http import HttpResponse

from search import result_cache

CACHEABLE_TYPES = ("text/html", "application/json")


def page_key(request) -> str:
    params = {name: request.GET.getlist(name) for name in request.GET}
    params["_path"] = [request.path]
    # Permanent links are absolute: one visitor's Host (ALLOWED_HOSTS validated it before the
    # view) must not become every visitor's.
    params["_origin"] = [f"{request.scheme}://{request.get_host()}"]
    params["_day"] = [date.today().isoformat()]  # pages say what is in force today
    return result_cache.cache_key("page", params)


def cacheable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
    )


def cached_while_unchanged(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or not result_cache.enabled() or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        found = result_cache.lookup(page_key(request))
        if found.value is not None:
            response = HttpResponse(found.value["body"], status=200)
            for name, value in found.value["headers"]:
                response[name] = value
            return response
        with result_cache.within_generation(found.generation):  # the list totals' lookup
            response = view(request, *args, **kwargs)
        if cacheable(response) and found.generation is not None:
            # The same URL at the same generation renders the same page: a validator that
            # costs no hashing, and ConditionalGetMiddleware answers a revisit with a 304.
            response["ETag"] = f'"{found.generation}-{result_cache.CODE[:6]}{found.key[-16:]}"'
            result_cache.store(
                found,
                {
                    "body": response.content.decode(response.charset),
                    "headers": list(response.headers.items()),
                },
            )
        return response

    return wrapper
