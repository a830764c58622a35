"""Search latency in-process (Django test client, no HTTP server), on whatever database
DATABASE_URL names: p50/p95 of a common-word, a rare-word, a Russian and an article-number
query, with highlighted snippets. Run after generate_corpus, e.g.

    DATABASE_URL=sqlite:////path/bench.sqlite3 DEBUG=1 .venv/bin/python bench/search.py
"""

import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lawbase.settings")

import django

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from benchdata.synthetic import COMMON_WORD, rare_word  # noqa: E402
from provisions.models import Article  # noqa: E402

RUNS = int(os.environ.get("RUNS", "30"))


def log(line: str) -> None:
    sys.stdout.write(line + "\n")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    logging.disable(logging.CRITICAL)
    setup_test_environment()
    client = Client()
    queries = {
        "common": COMMON_WORD,
        "rare": rare_word(7),
        "russian": "иностранного агента",
        "number": "ст. 275.1",
    }
    log(f"{Article.objects.count():,} articles on {django.db.connection.vendor}")
    for name, query in queries.items():
        timings = []
        for _ in range(RUNS):
            started = time.perf_counter()
            response = client.get("/provisions/", {"q": query, "format": "json"})
            timings.append((time.perf_counter() - started) * 1000)
        count = (
            response.json().get("count") if response.status_code == 200 else response.status_code
        )
        log(
            f"{name:8} q={query!r:28} results={count!s:>7}  "
            f"p50={statistics.median(timings):7.1f} ms  p95={percentile(timings, 0.95):7.1f} ms"
        )


if __name__ == "__main__":
    main()
