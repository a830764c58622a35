"""The LawBase benchmark: the app under gunicorn on PostgreSQL against Datasette on SQLite.

For each corpus size: a fresh PostgreSQL database (migrate, load_corpus, generate_corpus) and the
same synthetic corpus in an SQLite file; the queries each page runs and their SQL floor; then
wrk drives gunicorn (2 workers) and Datasette at concurrency 1 and 8 while the workers' RSS is
sampled; then a second gunicorn with the result cache off drives the same pages at concurrency 1
(every request computed), and the crawl mix (bench/crawl.py: 20 URL shapes, each request a new
URL, concurrency 8) is sent to the site as deployed. The crawl also runs on the imported corpus
(the 26 codes, `manage.py import_corpus`) in a database of its own. The last lines printed are
the CRAWL line of the imported corpus and the COLD and RESULT summaries of the largest size.

Environment: SIZES (default 1000,10000,100000), DURATION seconds per run (default 10),
PG_URL (default postgres://root@127.0.0.1:5432), BENCH_DB (default lawbase_bench), SEED,
CORPUS ("0" skips the imported corpus; "reuse" keeps its database from an earlier run).
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / ".work"
BIN = Path(sys.executable).parent
SIZES = [int(size) for size in os.environ.get("SIZES", "1000,10000,100000").split(",")]
DURATION = int(os.environ.get("DURATION", "10"))
PG_URL = os.environ.get("PG_URL", "postgres://root@127.0.0.1:5432")
BENCH_DB = os.environ.get("BENCH_DB", "lawbase_bench")
SEED = os.environ.get("SEED", "1")
SECRET_KEY = "bench-only-not-a-secret"
CORPUS = os.environ.get("CORPUS", "1")
CONCURRENCY = (1, 8)
CRAWL_CONCURRENCY = 8
# More paths than any run sends, so none repeats: ~2,000 requests/s at most for DURATION.
CRAWL_PATHS = max(20_000, 2_000 * DURATION)
# The same mix served from the cache: these first paths, each asked once beforehand.
CRAWL_CACHED_PATHS = 200
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


# --- processes -----------------------------------------------------------------------------------


def django_env(database_url: str, *, result_cache: bool = True) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET_KEY,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "LOG_LEVEL": "WARNING",
        "LAWBASE_RESULT_CACHE": "1" if result_cache else "0",
        "LAWBASE_BENCHDATA": "1",  # generate_corpus lives in the benchdata app
    }


def manage(database_url: str, *args: str) -> float:
    """Run a manage.py command; returns how long it took in seconds."""
    started = time.monotonic()
    subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=django_env(database_url),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def helper(database_url: str, *args: str) -> dict:
    """Queries and SQL floor are the page's own work: measured with the result cache off."""
    out = subprocess.run(
        [str(BIN / "python"), str(BENCH / "pages.py"), *args],
        cwd=ROOT,
        env=django_env(database_url, result_cache=False),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=30):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


class Server:
    """A server process we started, stopped by its own pid when done."""

    def __init__(self, args: list[str], env: dict, ready_path: str, log_name: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(WORK / log_name, "w")  # closed in stop()
        args = [arg.replace("{port}", str(self.port)) for arg in args]
        self.process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=self.log, stderr=self.log)
        wait_until_up(self.base + ready_path, self.process)

    def children(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


# GUNICORN="--workers 2" measures the old fixed setting; by default the project's own
# lawbase/gunicorn_conf.py sizes workers and threads for the machine, as in production.
GUNICORN_ARGS = os.environ.get("GUNICORN", "-c python:lawbase.gunicorn_conf").split()


def gunicorn(database_url: str, *, result_cache: bool = True) -> Server:
    return Server(
        [
            str(BIN / "gunicorn"),
            "lawbase.wsgi",
            *GUNICORN_ARGS,
            "--bind",
            "127.0.0.1:{port}",
            "--timeout",
            "120",
        ],
        django_env(database_url, result_cache=result_cache),
        "/",
        "gunicorn.log" if result_cache else "gunicorn-cold.log",
    )


def datasette(path: Path) -> Server:
    return Server(
        [
            str(BIN / "datasette"),
            "serve",
            "-i",
            str(path),
            "-p",
            "{port}",
            "--setting",
            "default_page_size",
            "50",
            "--setting",
            "suggest_facets",
            "off",
        ],
        dict(os.environ),
        "/-/versions.json",
        "datasette.log",
    )


# --- memory ----------------------------------------------------------------------------------


def status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0


class RssSampler:
    """Samples VmRSS of the server's worker processes every 100 ms; keeps the peak."""

    def __init__(self, server: Server):
        self.server, self.peak_kb = server, 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)

    def sample(self):
        while not self.stopping.wait(0.1):
            for pid in self.server.children() or [self.server.process.pid]:
                self.peak_kb = max(self.peak_kb, status_kb(pid, "VmRSS"))

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join()


# --- load ------------------------------------------------------------------------------------

WRK_SCRIPT = BENCH / "report.lua"
CRAWL_SCRIPT = BENCH / "crawl.lua"


def warm(url: str, times: int = 3) -> int:
    for _ in range(times):
        with urllib.request.urlopen(url, timeout=120) as response:
            status, size = response.status, len(response.read())
    if status != 200:
        raise RuntimeError(f"{url} answered {status}")
    return size


def wrk(url: str, concurrency: int, script: Path = WRK_SCRIPT, args: tuple = ()) -> dict:
    """Requests per second and latency percentiles (ms) from wrk's Lua report."""
    threads = min(concurrency, 2)
    script_args = ["--", *args, str(threads)] if args else []
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{DURATION}s", "--timeout", "60s"]
        + ["-s", str(script), url, *script_args],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("JSON "))
    report = json.loads(line[5:])
    seconds = report["duration_us"] / 1e6
    return {
        "rps": report["requests"] / seconds,
        "p50": report["p50"] / 1000,
        "p95": report["p95"] / 1000,
        "p99": report["p99"] / 1000,
        "requests": report["requests"],
        "errors": report["errors"] + report["non2xx"],
    }


def drive(server: Server, paths: dict[str, str], concurrency=CONCURRENCY) -> dict[str, dict]:
    """Each path at each concurrency, with the workers' peak RSS over the whole run."""
    results = {}
    with RssSampler(server) as sampler:
        for name, path in paths.items():
            url = server.base + path
            results[name] = {"bytes": warm(url)}
            for c in concurrency:
                results[name][c] = wrk(url, c)
    results["peak_rss_mb"] = sampler.peak_kb / 1024
    return results


def crawl(database_url: str, name: str) -> dict:
    """The crawl mix at concurrency 8 against the site as deployed (result cache on): first
    every request a new URL (computed, and stored), then the first CRAWL_CACHED_PATHS paths,
    asked once beforehand, again and again (served from the cache)."""
    paths_file = WORK / f"crawl-{name}.txt"
    shapes = helper(database_url, "crawl", str(paths_file), str(CRAWL_PATHS))
    failing = {k: v for k, v in shapes.items() if v["status"] != 200}
    if failing:
        raise RuntimeError(f"crawl shapes that do not answer 200: {failing}")
    cached_file = WORK / f"crawl-{name}-cached.txt"
    cached_paths = paths_file.read_text().splitlines()[:CRAWL_CACHED_PATHS]
    cached_file.write_text("\n".join(cached_paths) + "\n")
    app = gunicorn(database_url)
    try:
        warm(app.base + "/")
        unique = wrk(app.base, CRAWL_CONCURRENCY, CRAWL_SCRIPT, (str(paths_file),))
        for path in cached_paths:
            warm(app.base + path, times=1)
        cached = wrk(app.base, CRAWL_CONCURRENCY, CRAWL_SCRIPT, (str(cached_file),))
    finally:
        app.stop()
    if unique["requests"] >= CRAWL_PATHS:
        log(f"  (the crawl sent {unique['requests']} requests: some paths were asked twice)")
    return {"shapes": shapes, "unique": unique, "cached": cached}


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


# --- the imported corpus ----------------------------------------------------------------------


def run_imported() -> dict | None:
    """The crawl on the 26 imported codes (`import_corpus`) in BENCH_DB_corpus."""
    database_url = f"{PG_URL}/{BENCH_DB}_corpus"
    log("\n=== imported corpus ===")
    exists = subprocess.run(
        ["psql", f"{PG_URL}/{BENCH_DB}_corpus", "-Atqc", "SELECT count(*) FROM provisions_article"],
        capture_output=True,
        text=True,
    )
    if CORPUS == "reuse" and exists.returncode == 0 and int(exists.stdout.strip() or 0):
        log("Reusing the imported corpus of an earlier run (CORPUS=reuse)")
    else:
        fresh_postgres(database_url, f"{BENCH_DB}_corpus")
        timings = {"migrate": manage(database_url, "migrate", "--noinput")}
        manage(database_url, "createcachetable")
        timings["import"] = manage(database_url, "import_corpus")
        log(f"PostgreSQL: migrate {timings['migrate']:.1f}s, import {timings['import']:.1f}s")
    articles = int(
        subprocess.run(
            ["psql", database_url, "-Atqc", "SELECT count(*) FROM provisions_article"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    if articles < 1000:
        log(f"Only {articles} articles: no official texts found (../shared/data); crawl skipped")
        return None
    result = crawl(database_url, "imported")
    print_crawl("imported", articles, result)
    return {"articles": articles, "crawl": result}


# --- one size --------------------------------------------------------------------------------


def fresh_postgres(database_url: str, name: str = BENCH_DB):
    for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(
            ["psql", f"{PG_URL}/postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],
            check=True,
            stderr=subprocess.DEVNULL,
        )


def build(database_url: str, articles: int) -> dict[str, float]:
    timings = {"migrate": manage(database_url, "migrate", "--noinput")}
    manage(database_url, "createcachetable")  # the result cache's table
    timings["load_corpus"] = manage(database_url, "load_corpus")
    timings["generate"] = manage(
        database_url, "generate_corpus", "--articles", str(articles), "--seed", SEED
    )
    return timings


def datasette_paths(sqlite_path: Path, picked: dict) -> dict[str, str]:
    sys.path.insert(0, str(BENCH))
    from datasette_copy import LIFE, article_id

    rare = picked["search_rare"].split("q=")[1]
    common = picked["search_common"].split("q=")[1]
    row = article_id(str(sqlite_path), picked["article_law"], picked["article_number"])
    db = sqlite_path.stem
    listing = (
        f"?topic={picked['topic']}&max_prison_years__gte=10&max_prison_years__lte={LIFE}"
        "&_facet=law&_facet=penalty_kind&_sort=sort_key"
    )
    return {
        "ds_list": f"/{db}/article_list{listing}",
        "ds_list_json": f"/{db}/article_list.json{listing}",
        "ds_search_common": f"/{db}/article_text?_search={common}",
        "ds_search_rare": f"/{db}/article_text?_search={rare}",
        "ds_row": f"/{db}/provisions_article/{row}",
    }


def run_size(articles: int) -> dict:
    log(f"\n=== {articles:,} articles ===")
    database_url = f"{PG_URL}/{BENCH_DB}"
    fresh_postgres(database_url)
    timings = build(database_url, articles)
    log(
        f"PostgreSQL: migrate {timings['migrate']:.1f}s, load_corpus {timings['load_corpus']:.1f}s,"
        f" generate_corpus {timings['generate']:.1f}s"
    )
    sqlite_path = WORK / "lawbase_bench.sqlite3"
    sqlite_path.unlink(missing_ok=True)
    sqlite_timings = build(f"sqlite:///{sqlite_path}", articles)
    from datasette_copy import prepare

    started = time.monotonic()
    prepare(str(sqlite_path))
    log(
        f"SQLite: generate_corpus {sqlite_timings['generate']:.1f}s, Datasette tables "
        f"{time.monotonic() - started:.1f}s, file {sqlite_path.stat().st_size / 1e6:.0f} MB"
    )
    picked = helper(database_url, "pick")
    app_paths = {name: picked[name] for name in APP_PAGES}
    queries = helper(database_url, "queries", *app_paths.values())
    app = gunicorn(database_url)
    try:
        app_results = drive(app, app_paths)
    finally:
        app.stop()
    # The same pages computed on every request: what a first visitor, or one just after an
    # editor's write, waits for.
    cold = gunicorn(database_url, result_cache=False)
    try:
        cold_results = drive(cold, app_paths, concurrency=(1,))
    finally:
        cold.stop()
    crawled = crawl(database_url, f"n{articles}")
    ds_paths = datasette_paths(sqlite_path, picked)
    ds = datasette(sqlite_path)
    try:
        ds_results = drive(ds, ds_paths)
    finally:
        ds.stop()
    return {
        "articles": articles,
        "timings": timings,
        "sqlite_generate": sqlite_timings["generate"],
        "paths": {**app_paths, **ds_paths},
        "queries": {name: queries[path] for name, path in app_paths.items()},
        "app": app_results,
        "cold": cold_results,
        "ds": ds_results,
        "crawl": crawled,
    }


# --- report ----------------------------------------------------------------------------------


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


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install -y wrk (make bench does it).")
    WORK.mkdir(exist_ok=True)
    sys.path.insert(0, str(BENCH))
    log(
        f"LawBase benchmark {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, sizes {SIZES}"
    )
    manage(
        f"sqlite:///{WORK / 'unused.sqlite3'}", "collectstatic", "--noinput"
    )  # DEBUG=0 needs the manifest
    imported = run_imported() if CORPUS != "0" else None
    if imported:
        (WORK / "result-imported.json").write_text(json.dumps(imported, indent=1))
    results = []
    for articles in SIZES:
        results.append(run_size(articles))
        (WORK / f"result-{articles}.json").write_text(json.dumps(results[-1], indent=1))
        print_size(results[-1])
    print_queries_by_size(results)
    print_growth(results)
    largest = max(results, key=lambda r: r["articles"])
    if imported:
        log(crawl_summary("imported", imported["articles"], imported["crawl"]))
    log(crawl_summary("synthetic", largest["articles"], largest["crawl"]))
    log(cold_summary(results))
    log(summary(largest))


if __name__ == "__main__":
    main()
