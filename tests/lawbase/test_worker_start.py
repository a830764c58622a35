"""A web worker loads what requests use and freezes it out of the garbage collector's walks."""

import gc
import re

from lawbase import gunicorn_conf
from search.morphology import analyzer


class Log:
    def __init__(self):
        self.lines = []

    def info(self, message, *args):
        self.lines.append(message % args)


class Worker:
    log = Log()


def test_the_worker_hook_loads_the_analyzer_and_freezes_what_is_alive():
    analyzer.cache_clear()
    worker = Worker()
    try:
        gunicorn_conf.post_worker_init(worker)
        assert analyzer.cache_info().currsize == 1  # loaded before any search asks for it
        assert gc.get_freeze_count() > 10_000
        [line] = worker.log.lines
        said = re.fullmatch(r"Froze (\d+) objects out of the garbage collector's walks", line)
        # A frozen object is still freed when its last reference goes (the hook's own frame
        # and locals), so the count read now may be a few below the one logged.
        assert 0 <= int(said.group(1)) - gc.get_freeze_count() < 100
    finally:
        gc.unfreeze()  # the test process goes on collecting as before
