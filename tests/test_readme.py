"""The README as a new user meets it: a fresh clone, `make run` (the whole corpus, exports on
/data/ from the first start), `make run` again (seconds), then every command of the README's
shell blocks, as written, in that clone.

Slow (an install, the import of every official text): marked `fresh_clone`, left out of the
normal suite (pyproject.toml) and run once by CI (`.ci/run`): `pytest -m fresh_clone`. The clone
is of the committed HEAD; the official texts are found at ../shared/data as the README says (a
link beside the clone to the shared folder beside this checkout, or the workplace's copy).
Timings and sizes are written to test-artifacts/fresh-clone.json.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
ARTIFACT = ROOT / "test-artifacts" / "fresh-clone.json"
SHARED = [ROOT.parent / "shared", Path("/work/shared")]
FIRST_RUN_SECONDS = 30 * 60  # a generous bound on a busy machine, not a benchmark
# Shell-block commands not run here, and why.
NOT_RUN = {
    "make run": "run first, twice, with the checks below",
    "make test": "the suite this test belongs to; CI runs it on SQLite and PostgreSQL",
}
NOT_RUN_BLOCKS = {
    "db.example": "production: needs the operator's PostgreSQL server and host names",
    "DATABASE_URL=postgres://user@": "the suite on PostgreSQL: CI runs it (.ci/run)",
}
# The corpus the official texts give: far more than the curated records.
MIN_ARTICLES = 8000


def shell_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, flags=re.S)


def commands(block: str) -> list[str]:
    """The block's commands: continuation lines joined, trailing comments dropped."""
    joined = re.sub(r"\\\n\s*", " ", block)
    found = []
    for line in joined.splitlines():
        line = re.sub(r"\s+#.*$", "", line).strip()
        if line and not line.startswith("#"):
            found.append(line)
    return found


def readme_commands() -> list[str]:
    found = []
    for block in shell_blocks(README.read_text()):
        if any(marker in block for marker in NOT_RUN_BLOCKS):
            continue
        found += [command for command in commands(block) if command not in NOT_RUN]
    return found


def test_the_readme_commands_are_found():
    """Guards the fresh-clone test against running nothing because the README changed shape."""
    found = readme_commands()
    assert any("import_pravo" in command for command in found)
    assert any("import_official" in command for command in found)
    assert "make export" in found and "make import" in found


# The project's own settings and the test run's: a new user's shell has none of them.
PROJECT_VARIABLES = re.compile(
    r"^(SECRET_KEY|DEBUG|DATABASE_URL|ALLOWED_HOSTS|HTTPS|DATA_EXPORT_ROOT|LAWBASE_.*|DJANGO_.*"
    r"|PYTEST_.*|VIRTUAL_ENV|DB_STATEMENT_TIMEOUT_MS|CONN_MAX_AGE|AXES_.*)$"
)


def clean_environment() -> dict:
    """The machine's environment (PATH, HOME and its pip cache, proxies, pip's settings) less
    every variable the project reads or the test run set."""
    return {name: value for name, value in os.environ.items() if not PROJECT_VARIABLES.match(name)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


class Server:
    """`make run` in the background, in its own process group (runserver reloads in a child)."""

    def __init__(self, clone: Path, env: dict, log: Path):
        self.port = free_port()
        self.log = log
        self.started = time.monotonic()
        self.output = open(log, "w")
        self.process = subprocess.Popen(
            ["make", "run", f"PORT={self.port}"],
            cwd=clone,
            env=env,
            stdout=self.output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_serving(self) -> float:
        """Seconds from `make run` to the first page served."""
        url = f"http://127.0.0.1:{self.port}/healthz"
        while time.monotonic() - self.started < FIRST_RUN_SECONDS:
            if self.process.poll() is not None:
                raise AssertionError(f"make run stopped:\n{self.log.read_text()[-3000:]}")
            try:
                if json.loads(get(url))["database"] == "ok":
                    return time.monotonic() - self.started
            except OSError:
                time.sleep(1)
        raise AssertionError(f"make run did not serve in time:\n{self.log.read_text()[-3000:]}")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.output.close()


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    if shutil.which("make") is None or shutil.which("git") is None:
        pytest.skip("make and git are needed")
    base = tmp_path_factory.mktemp("fresh")
    shared = next((path for path in SHARED if (path / "data").is_dir()), None)
    if shared is None:
        pytest.skip("no shared/data with the official texts beside this checkout")
    (base / "shared").symlink_to(shared)
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(base / "lawbase")], check=True)
    return base / "lawbase"


@pytest.mark.fresh_clone
def test_a_fresh_clone_runs_and_every_readme_command_works(clone, tmp_path):
    env = clean_environment()
    report: dict = {}
    assert not (clone / ".env").exists()

    first = Server(clone, env, tmp_path / "first-run.log")
    try:
        report["first_make_run_seconds"] = round(first.wait_until_serving(), 1)
        articles = json.loads(get(first.url("/api/articles?page_size=1")))["count"]
        assert articles >= MIN_ARTICLES
        data_page = get(first.url("/data/")).decode()
        for fmt in ("json", "csv", "akn"):
            assert re.search(rf"\d{{4}}-\d{{2}}-\d{{2}}-{fmt}\.zip", data_page), fmt
        assert "holds the data as it is now" in data_page
        assert "No export has been published yet" not in data_page
    finally:
        first.stop()
    report["articles"] = articles
    assert (clone / ".env").exists()
    assert "SECRET_KEY=" in (clone / ".env").read_text()
    report["exports"] = export_sizes(clone / "exports")

    second = Server(clone, env, tmp_path / "second-run.log")
    try:
        report["second_make_run_seconds"] = round(second.wait_until_serving(), 1)
    finally:
        second.stop()
    log = (tmp_path / "second-run.log").read_text()
    assert "0 imported" in log and log.count("(unchanged since; skipped)") == 3

    report["commands"] = {}
    for command in readme_commands():
        started = time.monotonic()
        done = subprocess.run(
            ["bash", "-c", command], cwd=clone, env=env, capture_output=True, text=True
        )
        report["commands"][command] = round(time.monotonic() - started, 1)
        assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    write_report(report)


def export_sizes(root: Path) -> dict:
    sizes = {}
    for directory in sorted(root.iterdir()):
        manifest = json.loads((directory / "manifest.json").read_text())
        sizes[directory.name] = {
            "files": manifest["file_count"],
            "bytes": manifest["total_bytes"],
            "zip_bytes": (manifest.get("archive") or {}).get("bytes"),
        }
    return sizes


def write_report(report: dict):
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps(report, indent=1, ensure_ascii=False))  # noqa: T201 (the CI log)
