"""`manage.py import_corpus` (what `make run` calls): the curated corpus, then every official
text found, each skipped the next time while unchanged (texts read where they lie)."""

from io import StringIO

import pytest
from django.core.management import call_command

from pravo.management.commands import import_corpus
from pravo.models import ImportedText
from provisions.models import Article, Citation, Law
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


def texts_of(law: str, number: str) -> str:
    """Every wording of the article held: its versions' texts and their citations' quotes."""
    article = Article.objects.get(law__slug=law, number=number)
    versions = list(article.versions.values_list("text_ru", flat=True))
    quotes = list(Citation.objects.filter(version__article=article).values_list("quote", flat=True))
    return "\n".join(versions + quotes)


def test_merged_superscripts_are_read_against_the_articles_held(official_dir):
    # 205.2 is not among the 2025 folder's own articles: only the law's articles held tell
    # that its "статьями 2052, 280, 2801" means 205.2 (the portal's 205<sup>2</sup>).
    criminal_code = Law.objects.get_or_create(
        slug="criminal-code", defaults={"short_name": "УК РФ", "title_en": "Criminal Code"}
    )[0]
    Article.objects.get_or_create(law=criminal_code, number="205.2", defaults={"title_en": "x"})
    run()
    held = texts_of("criminal-code", "280.4")
    assert "статьями 205.2, 280, 280.1, 280.3, 284.2 и 354" in held
    assert "2052" not in held


def test_a_new_readers_version_reads_every_text_again(official_dir, monkeypatch):
    run()
    assert "0 imported, 2 unchanged" in run()
    monkeypatch.setattr(import_corpus, "READERS_VERSION", import_corpus.READERS_VERSION + "-next")
    assert "2 imported, 0 unchanged" in run()
