"""`manage.py import_corpus` (what `make run` calls): the curated corpus, then every official
text found, each skipped the next time while unchanged (texts read where they lie)."""

from io import StringIO

import pytest
from django.core.management import call_command

from pravo.models import ImportedText
from provisions.models import Article
from tests.pravo_data import EDITIONS_DIR, PRAVO_DIR

pytestmark = pytest.mark.django_db

AIR_CODE = PRAVO_DIR / "102046246.html"
ARTICLES_2025 = EDITIONS_DIR / "uk_red-2025-10-15_articles"


def run(**options) -> str:
    out = StringIO()
    call_command("import_corpus", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def official_dir(tmp_path, monkeypatch):
    for path in (AIR_CODE, ARTICLES_2025):
        if not path.exists():
            pytest.skip(f"not found: {path}")
        (tmp_path / path.name).symlink_to(path)
    monkeypatch.setenv("LAWBASE_OFFICIAL_DIR", str(tmp_path))
    return tmp_path


def test_every_text_found_is_imported_then_skipped_while_unchanged(official_dir):
    first = run()
    assert "2 found" in first and "2 imported" in first
    assert Article.objects.filter(law__slug="air-code").count() > 100
    assert ImportedText.objects.filter(name="uk_red-2025-10-15_articles", law="criminal-code")
    again = run()
    assert "0 imported, 2 unchanged since their last import (skipped)" in again
    assert "Curated corpus: unchanged" in again


def test_no_text_found_says_how_to_get_them(tmp_path, monkeypatch):
    monkeypatch.setenv("LAWBASE_OFFICIAL_DIR", str(tmp_path))
    said = run()
    assert "No official texts found" in said
    assert "manage.py import_pravo --fetch <nd>" in said
