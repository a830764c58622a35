"""Inside Django (run by bench/run.py in a subprocess): pick the pages to load, and count the
SQL queries each page runs and how long those queries take on their own (the "SQL floor").

    python bench/pages.py pick            -> JSON {name: path} of the pages to benchmark
    python bench/pages.py queries PATH…   -> JSON {path: {queries, floor_ms, page_ms, slowest}}
    python bench/pages.py crawl FILE N    -> writes N crawl paths (bench/crawl.py) to FILE, one
                                             a line; JSON {shape: {path, status, queries, page_ms}}
                                             for the first path of each of the 20 shapes
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lawbase.settings")

import django

django.setup()

from django.db import connection  # noqa: E402 (after django.setup)
from django.db.models import Count  # noqa: E402 (after django.setup)
from django.test import Client  # noqa: E402 (after django.setup)
from django.test.utils import CaptureQueriesContext  # noqa: E402 (after django.setup)

from benchdata import synthetic  # noqa: E402 (after django.setup
from provisions.models import Amendment, Article, Topic  # noqa: E402 (after django.setup)
from search.engine import index_first_plan  # noqa: E402 (after django.setup)

REPEAT = 3


def pick() -> dict[str, str]:
    """Typical synthetic pages: the busiest topic, an article with three versions, …"""
    articles = Article.objects.filter(origin="synthetic")
    topic = (
        Topic.objects.filter(articles__origin="synthetic")
        .annotate(n=Count("articles"))
        .order_by("-n", "slug")
        .first()
    )
    three = (
        articles.annotate(n=Count("versions")).filter(n=3).order_by("law__slug", "sort_key").first()
    )
    compared = articles.filter(law=three.law).order_by("sort_key")[:5]
    amendment = (
        Amendment.objects.filter(slug__startswith=synthetic.SLUG_PREFIX)
        .annotate(n=Count("changes"))
        .order_by("slug")
        .first()
    )
    keys = ",".join(f"{a.law.slug}:{a.number}" for a in compared)
    listing = f"/provisions/?topic={topic.slug}&max_prison_years_min=10"
    return {
        "list": listing,
        "list_json": listing + "&format=json",
        "search_common": f"/provisions/?q={synthetic.COMMON_WORD}",
        "search_rare": f"/provisions/?q={synthetic.rare_word(0)}",
        "article": three.get_absolute_url(),
        "compare": f"/compare/?articles={keys}",
        "amendment": amendment.get_absolute_url(),
        # For Datasette's copy: the same things by name.
        "topic": topic.slug,
        "article_law": three.law.slug,
        "article_number": three.number,
        "amendment_changes": amendment.n,
    }


def timed(run) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def as_select(sql: str) -> str | None:
    """The SELECT to time: a server-side cursor's query is timed whole; FETCH/CLOSE skipped."""
    if sql.startswith("DECLARE "):
        sql = sql.split(" CURSOR ", 1)[1].split(" FOR ", 1)[1]
    return sql if sql.lstrip().upper().startswith(("SELECT", "WITH")) else None


def sql_floor(queries: list[str], query: str = "") -> tuple[float, list[float]]:
    """Median time of running the page's captured queries alone, and each query's median
    (a text search's under the same plan settings as the page: search.index_first_plan)."""
    per_query = []
    with index_first_plan(query), connection.cursor() as cursor:
        for sql in queries:
            sql = as_select(sql)
            if sql is None:
                per_query.append(0.0)
                continue
            per_query.append(
                statistics.median(
                    timed(lambda sql=sql: (cursor.execute(sql), cursor.fetchall()))
                    for _ in range(REPEAT)
                )
            )
    return sum(per_query), per_query


def measure(path: str) -> dict:
    client = Client()
    client.get(path)  # warm caches and the connection
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    # Read them now: the next request's request_started signal empties the query log.
    sqls = [query["sql"] for query in captured.captured_queries]
    page_ms = statistics.median(timed(lambda: client.get(path)) for _ in range(REPEAT))
    floor, per_query = sql_floor(sqls, parse_qs(urlsplit(path).query).get("q", [""])[0])
    slowest = max(range(len(sqls)), key=per_query.__getitem__) if sqls else None
    return {
        "status": response.status_code,
        "queries": len(sqls),
        "page_ms": round(page_ms, 1),
        "floor_ms": round(floor, 1),
        "slowest_ms": round(per_query[slowest], 1) if sqls else 0,
        "slowest_sql": sqls[slowest][:600] if sqls else "",
    }


def crawl(file: str, count: str) -> dict:
    """Write the crawl's paths; check and time the first of each shape once (result cache off)."""
    from crawl import SHAPES, crawl_urls

    urls = crawl_urls(int(count))
    Path(file).write_text("\n".join(urls) + "\n")
    client, checked = Client(), {}
    for shape, path in enumerate(urls[:SHAPES]):
        client.get(path)  # warm
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            page_ms = (time.perf_counter() - started) * 1000
        checked[shape] = {
            "path": path,
            "status": response.status_code,
            "queries": len(captured.captured_queries),
            "page_ms": round(page_ms, 1),
        }
    return checked


def main(argv: list[str]):
    if argv[:1] == ["pick"]:
        result = pick()
    elif argv[:1] == ["crawl"] and len(argv) == 3:
        result = crawl(*argv[1:])
    elif argv[:1] == ["queries"]:
        result = {path: measure(path) for path in argv[1:]}
    else:
        raise SystemExit(__doc__)
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
