"""Management commands: the corpus loads and validates; bad data is refused whole."""

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pravo.editions import Wording, reconcile_periods, write_version
from provisions.models import Amendment, Article, ArticleVersion, Law, Penalty, Source
from provisions.validation import corpus_problems
from tests.factories import make_amendment, make_article, make_change, make_penalty, make_version

pytestmark = pytest.mark.django_db


def test_curated_corpus_is_loaded_and_consistent():
    assert Law.objects.filter(slug__in=["criminal-code", "administrative-code"]).count() == 2
    numbers = set(
        Article.objects.filter(law__slug="criminal-code").values_list("number", flat=True)
    )
    required = {"128.1", "207.3", "275", "275.1", "276", "280.3", "280.4", "283", "283.1"}
    required |= {"283.2", "284", "284.1", "330.1"}
    assert required <= numbers
    # facts.md §3a: 276.1 only with a later source; the 2025 text (510-FZ) is that source.
    assert "276.1" in numbers
    assert Article.objects.filter(law__slug="administrative-code", number="20.2").exists()
    assert corpus_problems() == []
    call_command("validate_corpus")


def test_loading_the_corpus_again_changes_nothing():
    before = (Article.objects.count(), ArticleVersion.objects.count(), Penalty.objects.count())
    call_command("load_corpus", verbosity=0)
    after = (Article.objects.count(), ArticleVersion.objects.count(), Penalty.objects.count())
    assert before == after


def test_validate_corpus_lists_problems_and_fails():
    article = make_article(number="9990")  # no version and not repealed
    version = make_version(make_article(number="9991"))
    make_penalty(version)  # no citation
    amendment = make_amendment(applied_at=date(2024, 1, 1))
    make_change(amendment, article)  # applied, but no version came of it

    with pytest.raises(CommandError, match="problem"):
        call_command("validate_corpus")
    text = "\n".join(corpus_problems())
    assert "art. 9990: no version in force" in text
    assert "no citation supports it" in text
    assert "no version of the article was introduced by it" in text


def test_a_fixture_with_a_bad_row_fails_and_leaves_the_database_as_it_was(tmp_path):
    law = Law.objects.get(slug="criminal-code")
    rows = [
        {
            "model": "provisions.article",
            "fields": {"law": ["criminal-code"], "number": "9998", "title_en": "Good row"},
        },
        {
            "model": "provisions.article",
            "fields": {"law": ["criminal-code"], "number": "9999", "title_en": "Good row"},
        },
        {
            "model": "provisions.articleversion",
            "fields": {
                "article": ["criminal-code", "9999"],
                "valid_from": "2020-01-01",
                "valid_to": "2019-01-01",
            },
        },
    ]
    fixture = tmp_path / "bad.json"
    fixture.write_text(json.dumps(rows))
    before = law.articles.count()

    with pytest.raises(Exception, match="articleversion_valid_to_on_or_after_from|CHECK"):
        call_command("loaddata", str(fixture), verbosity=0)

    assert law.articles.count() == before
    assert not Article.objects.filter(number__in=["9998", "9999"]).exists()


def test_apply_amendment_command(capsys):
    article = make_article(number="9992")
    make_version(article, valid_from=date(2000, 1, 1))
    amendment = make_amendment(slug="test-cmd-fz")
    make_change(amendment, article)

    call_command("apply_amendment", "test-cmd-fz")
    call_command("apply_amendment", "test-cmd-fz")

    assert "already applied" in capsys.readouterr().out
    assert article.versions.count() == 2
    with pytest.raises(CommandError, match="No amendment"):
        call_command("apply_amendment", "no-such")
    assert Amendment.objects.get(slug="test-cmd-fz").applied_at is not None


def test_loading_the_corpus_again_leaves_it_consistent():
    call_command("load_corpus", verbosity=0)
    call_command("load_corpus", verbosity=0)
    assert corpus_problems() == []


def test_loading_the_corpus_drops_a_curated_penalty_the_fixtures_no_longer_hold():
    # As a database loaded before alternatives were numbered holds its additional penalties
    # in alternative 0: the fixtures' rows would otherwise be loaded beside them.
    penalty = Penalty.objects.filter(
        version__article__number="283", version__valid_from=date(2012, 11, 14), role="additional"
    ).first()
    rows = Penalty.objects.filter(version__article__origin="curated").count()
    Penalty.objects.create(
        **{
            name: getattr(penalty, name)
            for name in ("version", "part", "subject", "role", "kind", "unit", "min", "max")
        },
        alternative=penalty.alternative + 5,
    )
    call_command("load_corpus", verbosity=0)
    assert Penalty.objects.filter(version__article__origin="curated").count() == rows
    assert not Penalty.objects.filter(alternative=penalty.alternative + 5).exists()


def test_loading_the_corpus_after_an_import_restores_the_curated_records():
    from datetime import date

    from provisions.models import Article
    from provisions.validation import corpus_problems

    article = Article.objects.get(law__slug="criminal-code", number="275")
    source = Source.objects.create(
        slug="later-text", title="A later text", publisher="x", kind=Source.Kind.CONVERSION
    )
    wording = Wording("Государственная измена …", "Статья 275", [], date(2025, 1, 8), None, "")
    write_version(article, wording, source)
    reconcile_periods(article)
    call_command("load_corpus", verbosity=0)
    assert not article.versions.filter(source=source).exists()
    assert article.versions.get(valid_to__isnull=True).valid_from < date(2025, 1, 1)
    assert corpus_problems() == []
