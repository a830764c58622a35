"""A database that stops answering: gunicorn, over real HTTP, with PostgreSQL behind a socket
that accepts connections and never says a word. Every page answers the 503 (with Retry-After)
once the connect timeout is out, and /healthz within its own deadline, instead of each worker
hanging until gunicorn kills it (issue #21, defect 3)."""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
CONNECT_TIMEOUT = 2  # seconds (libpq's least)
# The client waits this long: the connect timeout, the page, and room for a loaded machine;
# far under gunicorn's 30 s worker timeout, after which the bare 500 would come.
CLIENT_WAIT = 12


class BlackHole:
    """A TCP server that accepts every connection and never sends anything."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.held: list[socket.socket] = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.held.append(connection)

    def close(self):
        self.server.close()
        for connection in self.held:
            connection.close()


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def stuck_site():
    hole = BlackHole()
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "test-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://nobody@127.0.0.1:{hole.port}/nothing",
        "DB_CONNECT_TIMEOUT": str(CONNECT_TIMEOUT),
        "LAWBASE_BENCHDATA": "0",
    }
    server = subprocess.Popen(
        [str(GUNICORN), "lawbase.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--timeout", "30"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)
        hole.close()


def get(url: str, wait: float = CLIENT_WAIT):
    try:
        with urllib.request.urlopen(url, timeout=wait) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.mark.parametrize(
    ("path", "marker"),
    [
        ("/provisions/criminal-code/275/", "briefly unavailable"),
        ("/", "briefly unavailable"),
        ("/api/laws", "The database is unavailable"),
        ("/provisions/?format=csv", "briefly unavailable"),
    ],
)
def test_a_silent_database_gives_the_503_in_time(stuck_site, path, marker):
    status, headers, body = get(stuck_site + path)
    assert status == 503, body[:300]
    assert headers["Retry-After"] == "30"
    assert marker in body


def test_healthz_answers_within_two_seconds_when_the_database_is_silent(stuck_site):
    status, headers, body = get(stuck_site + "/healthz", wait=4)
    assert status == 503 and '"database": "unavailable"' in body
    assert headers["Retry-After"] == "30"
    # A second probe while the first still waits for the database: answered at once.
    assert get(stuck_site + "/healthz", wait=4)[0] == 503
