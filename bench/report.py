"""The benchmark's printed report (bench/run.py runs it): the tables per size, the crawl, the
growth by size and the summary lines (bench/README.md, "Running it")."""

import os
import sys

DURATION = int(os.environ.get("DURATION", "10"))
CONCURRENCY = (1, 8)
CRAWL_CONCURRENCY = 8
APP_PAGES = ("list", "list_json", "search_common", "search_rare", "article", "compare", "amendment")
# Each app page and the Datasette request that does the nearest equivalent work.
PAIRS = {
    "list": "ds_list",
    "list_json": "ds_list_json",
    "search_common": "ds_search_common",
    "search_rare": "ds_search_rare",
    "article": "ds_row",
}


def log(message: str):
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


def print_size(result: dict):
    log(f"\nRequests ({result['articles']:,} articles), wrk {DURATION}s per run:")
    header = f"{'request':<18}{'c':>3}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'KB':>7}"
    log(header + f"{'queries':>9}{'SQL floor ms':>14}{'in-process ms':>15}")
    for side in ("app", "ds"):
        for name, figures in result[side].items():
            if name == "peak_rss_mb":
                continue
            q = result["queries"].get(name)
            extra = f"{q['queries']:>9}{q['floor_ms']:>14.1f}{q['page_ms']:>15.1f}" if q else ""
            for c in CONCURRENCY:
                f = figures[c]
                line = f"{name:<18}{c:>3}{f['rps']:>9.1f}{f['p50']:>9.1f}{f['p95']:>9.1f}"
                line += f"{f['p99']:>9.1f}{figures['bytes'] / 1024:>7.0f}"
                errors = f"  ({f['errors']} errors)" if f["errors"] else ""
                log(line + (extra if c == 1 else "") + errors)
    log("Result cache off (every request computed), c=1:")
    for name in APP_PAGES:
        f = result["cold"][name][1]
        errors = f"  ({f['errors']} errors)" if f["errors"] else ""
        log(
            f"{name + ' (cold)':<21}{f['rps']:>9.1f}{f['p50']:>9.1f}{f['p95']:>9.1f}"
            f"{f['p99']:>9.1f}{errors}"
        )
    log(
        f"Peak RSS: gunicorn worker {result['app']['peak_rss_mb']:.0f} MB, "
        f"Datasette {result['ds']['peak_rss_mb']:.0f} MB"
    )
    log("Throughput ratio app / Datasette (c=1, c=8):")
    for app_name, ds_name in PAIRS.items():
        ratios = [
            times(result["app"][app_name][c]["rps"], result["ds"][ds_name][c]["rps"])
            for c in CONCURRENCY
        ]
        log(f"  {app_name:<16} vs {ds_name:<18} {ratios[0]:>7} {ratios[1]:>7}")
    log("Scaling c=8 / c=1 throughput (app):")
    for name in APP_PAGES:
        figures = result["app"][name]
        log(f"  {name:<16} {times(figures[8]['rps'], figures[1]['rps']):>7}")
    print_crawl("synthetic", result["articles"], result["crawl"])
    slow = max(result["queries"].items(), key=lambda item: item[1]["slowest_ms"])
    log(f"Slowest single query ({slow[0]}, {slow[1]['slowest_ms']} ms): {slow[1]['slowest_sql']}")


def times(numerator: float, denominator: float) -> str:
    """A ratio such as "0.23x"; "n/a" when no request finished within the run."""
    return f"{numerator / denominator:.2f}x" if denominator else "n/a"


def print_queries_by_size(results: list[dict]):
    log("\nSQL queries per page by corpus size:")
    log(f"{'page':<16}" + "".join(f"{r['articles']:>10,}" for r in results))
    for name in APP_PAGES:
        log(f"{name:<16}" + "".join(f"{r['queries'][name]['queries']:>10}" for r in results))


def cold_p95(result: dict, name: str) -> float:
    return result["cold"][name][1]["p95"]


def growth(results: list[dict], name: str) -> str:
    """How a computed page's p95 grows from 10,000 articles to the largest size."""
    base = next((r for r in results if r["articles"] == 10_000), None)
    largest = max(results, key=lambda r: r["articles"])
    if base is None or largest is base or not cold_p95(base, name):
        return "n/a"
    return f"{cold_p95(largest, name) / cold_p95(base, name):.2f}"


def cold_summary(results: list[dict]) -> str:
    """The issue's COLD line for the largest size: every request computed, c=1; ratios are
    Datasette's p95 over ours for the same request in the same run (above 1: we are faster)."""
    result = max(results, key=lambda r: r["articles"])
    ds, crawled = result["ds"], result["crawl"]["unique"]
    fields = [f"{name}_p95_ms={cold_p95(result, name):.1f}" for name in APP_PAGES]
    for app_name, ds_name in PAIRS.items():
        ours = cold_p95(result, app_name)
        ratio = f"{ds[ds_name][1]['p95'] / ours:.2f}" if ours else "n/a"
        fields.append(f"ratio_{app_name}={ratio}")
    fields += [f"crawl_rps={crawled['rps']:.1f}", f"crawl_p95_ms={crawled['p95']:.1f}"]
    fields += [f"growth_{name}={growth(results, name)}" for name in ("list", "search_common")]
    return f"COLD n={result['articles']} " + " ".join(fields)


def print_growth(results: list[dict]):
    log("\nComputed p95 (cache off, c=1) by corpus size, and growth from 10,000 to the largest:")
    log(f"{'page':<16}" + "".join(f"{r['articles']:>10,}" for r in results) + f"{'growth':>8}")
    for name in APP_PAGES:
        row = "".join(f"{cold_p95(r, name):>10.1f}" for r in results)
        log(f"{name:<16}{row}{growth(results, name):>8}")


def summary(result: dict) -> str:
    app, ds, q = result["app"], result["ds"], result["queries"]

    def ratio(app_name, ds_name):
        return times(app[app_name][8]["rps"], ds[ds_name][8]["rps"]).rstrip("x")

    return (
        f"RESULT n={result['articles']} list_p95_ms={app['list'][1]['p95']:.1f} "
        f"search_common_p95_ms={app['search_common'][1]['p95']:.1f} "
        f"search_rare_p95_ms={app['search_rare'][1]['p95']:.1f} "
        f"article_p95_ms={app['article'][1]['p95']:.1f} "
        f"ratio_list={ratio('list', 'ds_list')} "
        f"ratio_search={ratio('search_common', 'ds_search_common')} "
        f"queries_list={q['list']['queries']} queries_article={q['article']['queries']}"
    )


def print_crawl(name: str, articles: int, result: dict):
    log(f"Crawl mix ({name}, {articles:,} articles), 20 shapes, c={CRAWL_CONCURRENCY}:")
    log(f"{'shape':<6}{'queries':>8}{'in-process ms':>15}  path (first of its shape)")
    for shape, figures in result["shapes"].items():
        log(f"{shape:<6}{figures['queries']:>8}{figures['page_ms']:>15.1f}  {figures['path']}")
    for label in ("unique", "cached"):
        f = result[label]
        errors = f"  ({f['errors']} errors)" if f["errors"] else ""
        log(
            f"  {label:<8} {f['rps']:>8.1f} req/s  p50 {f['p50']:.1f} ms  p95 {f['p95']:.1f} ms"
            f"  p99 {f['p99']:.1f} ms{errors}"
        )


def crawl_summary(name: str, articles: int, result: dict) -> str:
    unique, cached = result["unique"], result["cached"]
    return (
        f"CRAWL corpus={name} articles={articles} crawl_rps={unique['rps']:.1f} "
        f"crawl_p95_ms={unique['p95']:.1f} cached_rps={cached['rps']:.1f} "
        f"cached_p95_ms={cached['p95']:.1f}"
    )
