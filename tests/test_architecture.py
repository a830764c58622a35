"""The layout of issue #15 as rules: which app may import which, module size, benchdata kept
out of the product. Modules are parsed with `ast`, never imported, so a rule holds for code
that runs only on some paths (imports inside functions count too)."""

import ast
import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ("provisions", "search", "pages", "opendata", "pravo", "benchdata", "lawbase")
MAX_LINES = 600
SKIPPED_DIRS = {"__pycache__", "node_modules", "staticfiles"}

# The first-party apps each app may import besides itself. lawbase is the project: its settings,
# URLs and middleware wire the apps together, so it may import any of them.
MAY_IMPORT = {
    "provisions": set(),
    "search": {"provisions"},
    "pages": {"search", "provisions", "lawbase"},
    "opendata": {"search", "provisions", "lawbase"},
    "pravo": {"provisions", "search"},
    "benchdata": {"provisions", "search"},
    "lawbase": set(APPS),
}
PURE_PARSING = "pravo.parsing"
# What Django's makemigrations itself writes into a migration: model field classes.
MIGRATIONS_MAY_IMPORT = ("provisions.models", "provisions.migrations")


def python_files(top: Path = ROOT):
    """Every .py file below `top`, skipping hidden folders (.venv, .git) and build output."""
    for path in sorted(top.rglob("*.py")):
        parts = path.relative_to(ROOT).parts[:-1]
        if not any(part.startswith(".") or part in SKIPPED_DIRS for part in parts):
            yield path


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path):
    """(where, dotted name) for every import in the file, relative ones made absolute; `where`
    is "path:line `the import statement`" for the failure message."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield where(path, node), alias.name
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            yield where(path, node), module


def app_modules(*, migrations: bool):
    """(path, app) for each module of the first-party apps, migrations or the rest."""
    for app in APPS:
        for path in python_files(ROOT / app):
            if ("migrations" in path.relative_to(ROOT).parts) == migrations:
                yield path, app


def top_level(module: str) -> str:
    return module.split(".")[0]


def report(problems: list[str], rule: str) -> str:
    return f"{len(problems)} import(s) break the rule: {rule}\n  " + "\n  ".join(problems)


def where(path: Path, node: ast.stmt) -> str:
    return f"{path.relative_to(ROOT)}:{node.lineno} `{ast.unparse(node)}`"


def test_the_rules_see_every_app():
    """Guards the rules below against passing because they read nothing."""
    found = {app for _, app in app_modules(migrations=False)}
    assert found == set(APPS)
    assert any(path.name == "0001_initial.py" for path, _ in app_modules(migrations=True))


def test_provisions_imports_no_other_first_party_app():
    problems = [
        place
        for path, app in app_modules(migrations=False)
        if app == "provisions"
        for place, module in imported_modules(path)
        if top_level(module) in APPS and top_level(module) != "provisions"
    ]
    assert not problems, report(problems, "provisions is the base; it imports no other app")


def test_imports_follow_the_direction_between_apps():
    problems = [
        f"{place}: {app} imports {top_level(module)} "
        f"({app} may import {', '.join(sorted(MAY_IMPORT[app])) or 'no other app'})"
        for path, app in app_modules(migrations=False)
        for place, module in imported_modules(path)
        if top_level(module) in APPS
        and top_level(module) != app
        and top_level(module) not in MAY_IMPORT[app]
    ]
    assert not problems, report(problems, "pages/opendata -> search -> provisions")


def test_pravo_parsing_is_plain_python():
    problems = [
        place
        for path in python_files(ROOT / "pravo" / "parsing")
        for place, module in imported_modules(path)
        if top_level(module) == "django"
        or (top_level(module) in APPS and not module.startswith(PURE_PARSING))
    ]
    assert not problems, report(problems, "pravo/parsing imports neither Django nor our apps")


def test_migrations_import_no_first_party_code():
    problems = [
        place
        for path, _ in app_modules(migrations=True)
        for place, module in imported_modules(path)
        if top_level(module) in APPS and not module.startswith(MIGRATIONS_MAY_IMPORT)
    ]
    assert not problems, report(
        problems, "a migration is frozen: it holds its SQL, not an import of code that changes"
    )


def test_no_module_outside_migrations_passes_600_lines():
    too_long = [
        f"{path.relative_to(ROOT)}: {lines} lines"
        for path in python_files()
        if "migrations" not in path.relative_to(ROOT).parts
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    ]
    assert not too_long, f"Modules over {MAX_LINES} lines; split them:\n  " + "\n  ".join(too_long)


@pytest.mark.parametrize(
    ("environment", "installed"),
    [
        ({}, False),
        ({"LAWBASE_BENCHDATA": "1"}, True),
        ({"DEBUG": "1"}, True),
        ({"DEBUG": "1", "LAWBASE_BENCHDATA": "0"}, False),
    ],
)
def test_benchdata_is_installed_only_when_asked_for(monkeypatch, environment, installed):
    """The product's settings, read afresh (not the test run's, which installs benchdata)."""
    for name in ("DEBUG", "LAWBASE_BENCHDATA"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SECRET_KEY", "test-only-not-a-secret")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    settings = runpy.run_path(str(ROOT / "lawbase" / "settings.py"))
    assert ("benchdata" in settings["INSTALLED_APPS"]) is installed
