"""Settings from the environment and a development checkout's .env (lawbase/settings.py), read
afresh with runpy (the test run's own settings never read a .env)."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

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
