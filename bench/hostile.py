"""Hostile requests against a running server: every answer must be a 2xx-4xx (or the 503 of an
unreachable database), never a 5xx or a stack trace, within 10 s.

    python bench/hostile.py http://127.0.0.1:8000

Prints a count per status and every request that broke the rule; exits 1 when one did.
"""

import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from urllib.parse import quote

ARTICLE = "/provisions/criminal-code/275/"
LONG = "x" * 5000
ODD = ["%00", "%ff", "'", "' OR 1=1--", "<script>", "..%2f..%2fetc%2fpasswd", "%0d%0aX: y", LONG]
ODD += ["-1", "0", "99999999999999999999", "1e308", "NaN", "[]", "{}", "ст.%20275", "😀", "%c0%af"]
PATHS = [
    "/",
    "/provisions/",
    ARTICLE,
    "/provisions/criminal-code/275/history/",
    "/compare/",
    "/amendments/",
    "/laws/",
    "/sources/",
    "/statistics/",
    "/data/",
    "/feeds/amendments/",
    "/api/laws",
    "/api/articles",
    "/api/amendments",
    "/api/sources",
    "/api/statistics",
    "/healthz",
]
PARAMS = ["q", "page", "law", "topic", "as_of", "in_force_on", "amended_in", "format", "sort"]


def requests_to_send() -> list[tuple[str, str, dict]]:
    sent = [("GET", path, {}) for path in PATHS]
    sent += [("GET", f"/provisions/?{name}={value}", {}) for name in PARAMS for value in ODD[:8]]
    sent += [("GET", f"/api/articles?{name}={value}", {}) for name in PARAMS for value in ODD[8:]]
    sent += [("GET", f"/api/laws/{value}", {}) for value in ODD]
    sent += [("GET", f"/api/articles/{value}/1", {}) for value in ODD]
    sent += [("GET", f"{ARTICLE}?as_of={value}&committed_on={value}", {}) for value in ODD]
    sent += [("GET", f"/compare/?articles={value}", {}) for value in ODD]
    sent += [(method, "/", {}) for method in ("TRACE", "PUT", "DELETE", "PATCH", "PROPFIND")]
    sent += [("HEAD", path, {}) for path in PATHS]
    sent += [("OPTIONS", "/api/laws", {"Origin": "https://example.org"})]
    sent += [("POST", "/api/laws", {}), ("POST", "/provisions/", {})]
    sent += [("GET", ARTICLE, {"Host": host}) for host in ("evil.example", "", "a" * 300)]
    sent += [("GET", ARTICLE, {"X-Forwarded-Host": "evil.example"})]
    sent += [("GET", "/admin/login/", {}), ("GET", "/admin/provisions/article/", {})]
    sent += [("GET", "/static/../lawbase/settings.py", {}), ("GET", "/%2e%2e/%2e%2e/etc", {})]
    return sent


def send(base: str, method: str, path: str, headers: dict) -> tuple[int, float, str]:
    request = urllib.request.Request(base + quote(path, safe="/?&=%:+,'"), method=method)
    for name, value in headers.items():
        request.add_header(name, value)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, body = response.status, response.read(200_000)
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read(200_000)
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        return 0, time.perf_counter() - started, str(error)
    return status, time.perf_counter() - started, body.decode("utf-8", "replace")


def log(message: str):
    sys.stdout.write(message + "\n")


def main(base: str) -> int:
    statuses, broken = Counter(), []
    sent = requests_to_send()
    for method, path, headers in sent:
        status, seconds, body = send(base, method, path, headers)
        statuses[status] += 1
        traced = "Traceback" in body or 'File "/' in body
        if status == 0 or status >= 500 and status != 503 or traced or seconds > 10:
            broken.append(f"{method} {path[:80]} {headers} -> {status} in {seconds:.1f} s")
    log(
        f"{len(sent)} hostile requests: "
        + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items()))
    )
    log(f"broke the rule (5xx, trace, no answer or > 10 s): {len(broken)}")
    for line in broken:
        log("  " + line)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"))
