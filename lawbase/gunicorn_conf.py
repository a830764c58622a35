"""gunicorn's settings for LawBase: `gunicorn -c python:lawbase.gunicorn_conf lawbase.wsgi`.

Sized for the machine: a page spends part of its time waiting for PostgreSQL, so each worker
process runs several threads (gthread) and the processes cover the cores. Override with the
environment: WEB_CONCURRENCY (worker processes; default 2 per core), GUNICORN_THREADS (threads
per worker; default 4), PORT/BIND, GUNICORN_TIMEOUT (seconds; the statement timeout of
lawbase/wsgi.py cancels a slow query well before it).
"""

import os

cores = os.cpu_count() or 1
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * cores))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread" if threads > 1 else "sync"
bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
# A worker is replaced after this many requests (with jitter, not all at once): memory held
# by a long-lived process is returned.
max_requests = 5000
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None


def post_worker_init(worker):
    """Once the worker has loaded the site: load what requests use and freeze it out of the
    garbage collector's full collections (lawbase.worker_start)."""
    from lawbase.worker_start import load_and_freeze

    frozen = load_and_freeze()
    worker.log.info("Froze %d objects out of the garbage collector's walks", frozen)
