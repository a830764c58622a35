"""Production hardening: headers on every page type, deploy checks, login throttling, the
editors' limits, outage handling, health, request logs."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

PAGE_TYPES = [
    "/",
    "/provisions/",
    "/provisions/?format=json",
    "/provisions/?format=csv",
    "/provisions/criminal-code/275/",
    "/provisions/criminal-code/275/?format=json",
    "/provisions/criminal-code/275/history/",
    "/compare/?articles=criminal-code:275",
    "/amendments/",
    "/amendments/157-fz-2023/",
    "/laws/",
    "/laws/criminal-code/",
    "/sources/",
    "/statistics/",
    "/data/",
    "/feeds/amendments/",
    "/api/articles/criminal-code/275",
    "/api/openapi.json",
    "/healthz",
    "/admin/login/",
    "/provisions/?in_force_on=bad",  # 400
    "/no-such-page/",  # 404
]


@pytest.mark.parametrize("url", PAGE_TYPES)
def test_security_headers_on_every_page_type(client, url):
    response = client.get(url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_pages_have_no_inline_script_or_style(client):
    for url in PAGE_TYPES:
        if "format=" in url or url.startswith(("/api/", "/feeds/", "/healthz", "/admin/")):
            continue
        html = client.get(url).content.decode()
        assert "<script" not in html, url
        assert "<style" not in html and " style=" not in html, url


def deploy_check(extra_env):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "lawbase.example",
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = deploy_check({"HTTPS": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_off_requires_a_secret_key():
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_failed_logins_lock_the_account(client, django_user_model):
    django_user_model.objects.create_user("target", password="the-right-password-1", is_staff=True)
    statuses = [
        client.post(
            "/admin/login/?next=/admin/", {"username": "target", "password": "wrong"}
        ).status_code
        for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429], "the fifth failure locks the account"
    locked = client.post(
        "/admin/login/?next=/admin/", {"username": "target", "password": "the-right-password-1"}
    )
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_good_login_still_works(client, django_user_model):
    django_user_model.objects.create_user("editor2", password="the-right-password-2", is_staff=True)
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "editor2", "password": "the-right-password-2"}
    )
    assert response.status_code == 302


EDITED = [
    model
    for model in apps.get_app_config("provisions").get_models()
    if model._meta.model_name
    in {
        "topic",
        "law",
        "article",
        "articleversion",
        "penalty",
        "amendment",
        "articlechange",
        "changedpenalty",
        "source",
        "citation",
        "convictionstat",
    }
]


@pytest.mark.parametrize("model", EDITED, ids=lambda model: model._meta.model_name)
def test_editors_may_add_and_change_but_not_delete(editor, model):
    name = model._meta.model_name
    assert editor.has_perm(f"provisions.add_{name}")
    assert editor.has_perm(f"provisions.change_{name}")
    assert not editor.has_perm(f"provisions.delete_{name}")


@pytest.mark.parametrize("model", EDITED, ids=lambda model: model._meta.model_name)
def test_editors_get_403_on_every_delete_page(editor_client, model):
    instance = model.objects.first()
    if instance is None:
        pytest.skip(f"no {model.__name__} in the corpus")
    url = f"/admin/provisions/{model._meta.model_name}/{instance.pk}/delete/"
    assert editor_client.get(url).status_code == 403
    assert editor_client.post(url, {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=instance.pk).exists()


def test_editors_group_is_exactly_view_add_change():
    codenames = set(
        Group.objects.get(name="editors").permissions.values_list("codename", flat=True)
    )
    assert not any(code.startswith("delete_") for code in codenames)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/provisions/amendment/",
        "/admin/provisions/penalty/add/",
        "/admin/provisions/amendment/1/change/",
    ],
)
def test_anonymous_and_non_staff_get_nothing_from_write_paths(client, django_user_model, url):
    assert client.get(url).status_code == 302
    assert client.post(url, {}).status_code in (302, 403)
    client.force_login(django_user_model.objects.create_user("plain", password="x" * 20))
    assert client.get(url).status_code == 302


def test_forms_require_csrf(django_user_model):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(
        django_user_model.objects.create_user(
            "staff", password="x" * 20, is_staff=True, is_superuser=True
        )
    )
    response = strict.post("/admin/provisions/topic/add/", {"slug": "x", "name_en": "X"})
    assert response.status_code == 403


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"app": "ok", "database": "ok"}


def test_database_outage_gives_the_503_page_not_a_traceback():
    """A real outage: a server process whose database is a closed port."""
    script = (
        "from django.test import Client;"
        "c = Client(raise_request_exception=False);"
        "r = c.get('/provisions/criminal-code/275/');"
        "print(r.status_code, 'briefly unavailable' in r.content.decode(), r['Retry-After']);"
        "h = c.get('/healthz');"
        "print(h.status_code, h.json()['database'])"
    )
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "test-only",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/nothing",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("{")]
    assert lines[-2:] == ["503 True 30", "503 unavailable"], result.stdout + result.stderr


def test_one_json_log_line_per_request(client, caplog):
    with caplog.at_level(logging.INFO, logger="lawbase.requests"):
        client.get("/provisions/criminal-code/275/")
    (record,) = [r for r in caplog.records if r.name == "lawbase.requests"]
    from lawbase.middleware import JsonFormatter

    line = json.loads(JsonFormatter().format(record))
    assert line["path"] == "/provisions/criminal-code/275/"
    assert line["status"] == 200
    assert line["queries"] > 0 and line["duration_ms"] > 0


def test_web_workers_get_a_statement_timeout_and_oltp_settings():
    script = (
        "from django.conf import settings;"
        "print(settings.DATABASES['default'].get('OPTIONS', {}).get('options'))"
    )
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": "postgres://u@127.0.0.1/db",
        "DB_STATEMENT_TIMEOUT_MS": "5000",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE',"
            "'lawbase.settings'); django.setup(); " + script,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    expected = "-c jit=off -c max_parallel_workers_per_gather=0 -c statement_timeout=5000"
    assert result.stdout.strip() == expected, result.stderr
    wsgi = (ROOT / "lawbase" / "wsgi.py").read_text()
    assert 'setdefault("DB_STATEMENT_TIMEOUT_MS", "5000")' in wsgi


@pytest.mark.parametrize(
    "url",
    [
        "/compare/?articles=" + ",".join(f"criminal-code:{n}" for n in range(100, 112)),
        "/provisions/?q=" + "x" * 301,
        "/api/articles?page_size=101",
    ],
)
def test_expensive_requests_are_bounded(client, url):
    assert client.get(url).status_code == 400
