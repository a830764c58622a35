"""The scale-out settings: DATABASE_REPLICA_URLS and CACHE_URL (README, "Beyond one machine"),
and the result cache on a real Redis server (127.0.0.1:6379, which the machine runs; skipped
where none answers unless LAWBASE_REQUIRE_REDIS is set)."""

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from provisions.models import Law
from search import result_cache

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


def read_settings(**env) -> dict:
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
    found = read_settings(
        DATABASE_URL="postgres://app@primary:5432/lawbase",
        DATABASE_REPLICA_URLS="postgres://app@replica-a:5432/lawbase, postgres://app@replica-b/lawbase",
    )
    assert found["replicas"] == ["replica1", "replica2"]
    assert found["databases"]["replica1"] == ["replica-a", 5432, "lawbase", "default"]
    assert found["databases"]["replica2"][0] == "replica-b"
    assert found["routers"] == ["lawbase.db_routers.ReplicaRouter"]
    assert found["first_middleware"] == "lawbase.db_routers.PrimaryPinMiddleware"


def test_without_replicas_nothing_is_routed():
    found = read_settings(DATABASE_URL="postgres://app@primary:5432/lawbase")
    assert found["replicas"] == [] and found["routers"] == []
    assert list(found["databases"]) == ["default"]


def test_cache_url_puts_the_result_cache_in_redis():
    found = read_settings(CACHE_URL="redis://cache.internal:6379/2")
    assert found["results"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/2",
    }
    default = read_settings()["results"]
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
