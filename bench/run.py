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
# More paths than any run sends, so none repeats: ~2,000 requests/s at most for DURATION.
CRAWL_PATHS = max(20_000, 2_000 * DURATION)
# The same mix served from the cache: these first paths, each asked once beforehand.
CRAWL_CACHED_PATHS = 200
from report import (  # noqa: E402 (bench/ is on sys.path when run as bench/run.py)
    APP_PAGES,
    CONCURRENCY,
    CRAWL_CONCURRENCY,
    cold_summary,
    crawl_summary,
    log,
    print_crawl,
    print_growth,
    print_queries_by_size,
    print_size,
    summary,
)

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
