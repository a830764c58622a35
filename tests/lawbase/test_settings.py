"""lawbase/settings.py: settings from the environment and a development checkout's .env (read
afresh with runpy; the test run's own settings never read a .env), and the scale-out settings
DATABASE_REPLICA_URLS and CACHE_URL (README, "Beyond one machine"), with the result cache on a
real Redis server (127.0.0.1:6379, which the machine runs; skipped where none answers unless
LAWBASE_REQUIRE_REDIS is set)."""

import json
import os
import runpy
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from provisions.models import Law
from search import result_cache

SETTINGS = Path(__file__).resolve().parents[2] / "lawbase" / "settings.py"
NAMES = ("DEBUG", "SECRET_KEY", "LAWBASE_ENV_FILE", "LAWBASE_BENCHDATA")


@pytest.fixture
def bare_environment(monkeypatch):
    """None of NAMES set; whatever the settings (or django-environ) set is undone after."""
    for name in NAMES:
        monkeypatch.setenv(name, "")  # records the value to restore, or that there was none
        monkeypatch.delenv(name)
    return monkeypatch


def read_settings() -> dict:
    return runpy.run_path(str(SETTINGS))


def test_a_dot_env_gives_development_its_key_and_debug(bare_environment, tmp_path):
    env = tmp_path / ".env"
    env.write_text("# made by make\nDEBUG=1\nSECRET_KEY=from-the-file\n")
    bare_environment.setenv("LAWBASE_ENV_FILE", str(env))
    settings = read_settings()
    assert settings["DEBUG"] is True
    assert settings["SECRET_KEY"] == "from-the-file"


def test_the_environment_wins_over_the_file(bare_environment, tmp_path):
    env = tmp_path / ".env"
    env.write_text("DEBUG=1\nSECRET_KEY=from-the-file\n")
    bare_environment.setenv("LAWBASE_ENV_FILE", str(env))
    bare_environment.setenv("SECRET_KEY", "from-the-environment")
    bare_environment.setenv("DEBUG", "0")
    settings = read_settings()
    assert settings["SECRET_KEY"] == "from-the-environment"
    assert settings["DEBUG"] is False


def test_production_without_a_key_refuses_to_start(bare_environment, tmp_path):
    bare_environment.setenv("LAWBASE_ENV_FILE", str(tmp_path / "absent.env"))
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        read_settings()


def test_an_empty_env_file_setting_reads_no_file(bare_environment, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bare_environment.setenv("LAWBASE_ENV_FILE", "")
    with pytest.raises(ImproperlyConfigured):
        read_settings()


ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("LAWBASE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ARTICLE = "/provisions/criminal-code/275/"

READ_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "databases": {alias: [db["HOST"], db["PORT"], db["NAME"], db.get("TEST", {}).get("MIRROR")]
                  for alias, db in settings.DATABASES.items()},
    "replicas": settings.LAWBASE_REPLICAS,
    "routers": settings.DATABASE_ROUTERS,
    "first_middleware": settings.MIDDLEWARE[0],
    "results": settings.CACHES["results"],
}))
"""


def settings_in_subprocess(**env) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_REPLICA_URLS", "CACHE_URL")}
    out = subprocess.run(
        [sys.executable, "-c", READ_SETTINGS],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "lawbase.settings", "SECRET_KEY": "x", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_replica_urls_become_mirrored_aliases_behind_the_router():
    found = settings_in_subprocess(
        DATABASE_URL="postgres://app@primary:5432/lawbase",
        DATABASE_REPLICA_URLS="postgres://app@replica-a:5432/lawbase, postgres://app@replica-b/lawbase",
    )
    assert found["replicas"] == ["replica1", "replica2"]
    assert found["databases"]["replica1"] == ["replica-a", 5432, "lawbase", "default"]
    assert found["databases"]["replica2"][0] == "replica-b"
    assert found["routers"] == ["lawbase.db_routers.ReplicaRouter"]
    assert found["first_middleware"] == "lawbase.db_routers.PrimaryPinMiddleware"


def test_without_replicas_nothing_is_routed():
    found = settings_in_subprocess(DATABASE_URL="postgres://app@primary:5432/lawbase")
    assert found["replicas"] == [] and found["routers"] == []
    assert list(found["databases"]) == ["default"]


def test_cache_url_puts_the_result_cache_in_redis():
    found = settings_in_subprocess(CACHE_URL="redis://cache.internal:6379/2")
    assert found["results"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/2",
    }
    default = settings_in_subprocess()["results"]
    assert default["BACKEND"] == "search.cache_backend.GenerationDatabaseCache"


def redis_answers() -> bool:
    host, port = REDIS_URL.split("//")[1].split("/")[0].split(":")
    try:
        with socket.create_connection((host, int(port)), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_results(settings):
    """The result cache in Redis, under a key prefix of this test's own."""
    if not redis_answers():
        if os.environ.get("LAWBASE_REQUIRE_REDIS"):
            pytest.fail(f"LAWBASE_REQUIRE_REDIS is set but {REDIS_URL} does not answer")
        pytest.skip(f"no Redis at {REDIS_URL}")
    settings.CACHES = {
        **settings.CACHES,
        "results": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"lawbase-test-{uuid.uuid4().hex}",
        },
    }
    yield result_cache.results()
    result_cache.results().clear()


@pytest.mark.django_db
@pytest.mark.usefixtures("redis_results")
def test_redis_serves_a_repeat_and_never_across_a_write(client):
    first = client.get(ARTICLE)
    assert first.status_code == 200
    found = result_cache.lookup(result_cache.cache_key("page", {}))  # any key: its generation
    with CaptureQueriesContext(connection) as queries:
        assert client.get(ARTICLE).content == first.content
    assert len(queries) == 1  # the generation; the page came from Redis
    Law.objects.filter(slug="criminal-code").update(short_name="Renamed in Redis")
    assert result_cache.current_generation() != found.generation
    assert "Renamed in Redis" in client.get(ARTICLE).content.decode()
