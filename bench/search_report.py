"""Search relevance and speed on the configured database: for every query of the relevance
table (tests/search/test_relevance.py) its first result and its time (median of 5, warm), and
over typo queries the p95 of the typo step (title trigram matching) and of the whole search
(every step decided from scratch: the strict and any-word tries, the titles, the results).

    DEBUG=1 .venv/bin/python bench/search_report.py            # the SQLite file
    DATABASE_URL=postgres://… .venv/bin/python bench/search_report.py

Run it on a database holding the imported corpus (`make run`, or `manage.py import_corpus`).
"""

import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lawbase.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")

import django

django.setup()

from django.db import connection  # noqa: E402

from search.backends import backend_for  # noqa: E402
from search.engine import TYPO_LIMIT, TYPO_THRESHOLD  # noqa: E402
from tests.search.test_relevance import TABLE, ranked  # noqa: E402

TYPOS = [
    "шпеонаж", "измна", "гасударственая измена", "клевита", "treasn", "убийсво", "терроризьм",
    "экстремисткой", "дискредетация", "мошеничество", "взятька", "разглашение гостайны",
    "espionnage", "насилие над прдставителем власти",
]  # fmt: skip


def timed(function, *args, repeat=5):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args)
        times.append((time.perf_counter() - start) * 1000)
    return result, statistics.median(times)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def main():
    say(f"# {connection.vendor}, {date.today()}")
    ranked("прогрев")  # load the morphological dictionary
    for query, expected, where in TABLE:
        found, ms = timed(ranked, query)
        first = found[0] if found else "—"
        ok = (found[:1] == [expected]) if where == "first" else (expected in found)
        say(f"{'ok ' if ok else 'NO '}{ms:7.1f} ms  {first:<28} {query}")
    backend = backend_for(connection)
    step, whole = [], []
    for _ in range(10):
        for query in TYPOS:
            start = time.perf_counter()
            backend.title_scores(query, threshold=TYPO_THRESHOLD, limit=TYPO_LIMIT)
            step.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            ranked(query)  # the strict and any-word tries, then the titles, then the results
            whole.append((time.perf_counter() - start) * 1000)
    say(f"typo step (title trigrams alone): {summary(step)}")
    say(f"typo search (decided from scratch, first three results): {summary(whole)}")


def summary(times: list[float]) -> str:
    times = sorted(times)
    p95 = times[int(len(times) * 0.95)]
    return f"n={len(times)} median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms"


if __name__ == "__main__":
    main()
