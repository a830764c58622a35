"""An import that would take much away stops unless --allow-shrink; --dry-run writes nothing;
a text that changes nothing leaves the data generation (and the cached pages) alone."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pravo.identity import ImportRefused
from pravo.importer import import_document
from pravo.parsing.document import parse_document
from pravo.safeguards import change_lines, law_counts, shrinkage
from provisions.models import Law
from search.result_cache import current_generation

pytestmark = pytest.mark.django_db

SIGNATURE = """<p>Президент Российской Федерации В.Путин</p><p>Москва, Кремль</p>
    <p>30 декабря 2001 года</p><p>№ 999-ФЗ</p>"""
ARTICLES = range(1, 16)


def export(sanction: str) -> str:
    """Fifteen articles, each with the same sanction (or none)."""
    articles = "".join(
        f'<p class="H">Статья {n}. Деяние {n}</p><p>1. Деяние {n}{sanction}</p>' for n in ARTICLES
    )
    return f"""<html><body><p>Пробный кодекс Российской Федерации</p>{articles}
    <p class="H">Статья 20. Введение в действие настоящего Кодекса</p>
    <p>Настоящий Кодекс вводится в действие с 1 июля 2003 года.</p>{SIGNATURE}</body></html>"""


WITH_PENALTIES = export(" - наказывается лишением свободы на срок до двух лет.")
WITHOUT = export(" запрещено.")


def run(html, **options):
    return import_document(
        parse_document(html), nd="900000002", law_slug="test-code", law_title="Test Code",
        sanctions=True, **options,
    )  # fmt: skip


def counts():
    return law_counts(Law.objects.get(slug="test-code"))


def test_an_import_that_would_take_most_penalties_away_stops():
    run(WITH_PENALTIES)
    before = counts()
    assert before["penalties"] == 15

    with pytest.raises(ImportRefused) as refused:
        run(WITHOUT)

    message = str(refused.value)
    assert "15 of 15 penalties would go" in message
    assert "15 of 16 articles' wordings would be replaced" in message
    assert "penalties: 15 → 0 (−15)" in message
    assert "--allow-shrink" in message
    assert counts() == before


def test_allow_shrink_imports_it_and_says_what_went():
    run(WITH_PENALTIES)
    summary = run(WITHOUT, allow_shrink=True)
    assert counts()["penalties"] == 0
    assert "penalties: 15 → 0 (−15)" in summary.changes
    assert any(line.startswith("stops without --allow-shrink") for line in summary.changes)


def test_a_dry_run_says_what_would_change_and_writes_nothing():
    run(WITH_PENALTIES)
    before, generation = counts(), current_generation()
    summary = run(WITHOUT, dry_run=True)
    assert counts() == before and current_generation() == generation
    lines = summary.lines()
    assert "would change: " in lines[-2] and "penalties: 15 → 0 (−15)" in lines[-2]
    assert lines[-1] == "dry run: nothing was written"


def test_the_commands_take_dry_run_and_allow_shrink(tmp_path):
    export_file = tmp_path / "code.html"
    export_file.write_text(WITH_PENALTIES)
    out = StringIO()
    call_command("import_pravo", str(export_file), "--law", "test-code", "--dry-run", stdout=out)
    assert "dry run: nothing was written" in out.getvalue()
    assert not Law.objects.filter(slug="test-code").exists()
    call_command("import_pravo", str(export_file), "--law", "test-code", "--sanctions")
    export_file.write_text(WITHOUT)
    with pytest.raises(CommandError, match="15 of 15 penalties would go"):
        call_command("import_pravo", str(export_file), "--law", "test-code")
    call_command("import_pravo", str(export_file), "--law", "test-code", "--allow-shrink")
    assert counts()["penalties"] == 0


def test_a_text_that_changes_nothing_leaves_the_generation():
    run(WITH_PENALTIES)
    generation = current_generation()
    summary = run(WITH_PENALTIES)
    assert current_generation() == generation, "cached pages stay valid"
    assert not summary.wrote and summary.unchanged == 16
    assert summary.lines()[-1].startswith("nothing to write")


def test_a_small_code_may_lose_a_few_rows():
    assert shrinkage({"penalties": 12}, {"penalties": 3}) == []
    assert shrinkage({"penalties": 1000}, {"penalties": 940}) == ["60 of 1000 penalties would go"]
    assert change_lines({"articles": 5}, {"articles": 6}) == ["articles: 5 → 6 (+1)"]
