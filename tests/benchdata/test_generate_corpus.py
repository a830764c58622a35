"""generate_corpus: a deterministic synthetic corpus that never mixes with the curated one."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from benchdata import synthetic
from provisions.derived import rebuild_figures, rebuild_kinds
from provisions.models import Article, ArticleVersion, Law, Penalty
from provisions.validation import corpus_problems
from search import index as search_index
from search.engine import search_articles

pytestmark = pytest.mark.django_db

ARTICLES = 50
SEED = 7


def generate(*extra):
    call_command("generate_corpus", "--articles", ARTICLES, "--seed", SEED, *extra, verbosity=0)


def synthetic_articles():
    return Article.objects.filter(origin="synthetic")


def snapshot():
    """Titles and penalties in a database-independent order (no primary keys)."""
    titles = list(
        synthetic_articles().order_by("law__slug", "sort_key").values_list("number", "title_en")
    )
    penalties = list(
        Penalty.objects.filter(version__article__origin="synthetic")
        .order_by("version__article__sort_key", "version__valid_from", "part", "kind")
        .values_list("version__article__number", "part", "kind", "min", "max", "unit")
    )
    return titles, penalties


def curated_article_275():
    article = Article.objects.get(law__slug="criminal-code", number="275")
    versions = list(article.versions.order_by("valid_from").values_list("valid_from", "text_ru"))
    return article.title_en, versions


def test_generates_a_consistent_corpus_beside_the_curated_one():
    curated_before = curated_article_275()
    curated_count = Article.objects.exclude(origin="synthetic").count()

    generate()

    assert synthetic_articles().count() == ARTICLES
    law = Law.objects.get(slug="synthetic-code-1")
    assert law.origin == "synthetic" and law.short_name.startswith("Synthetic")
    assert corpus_problems() == []
    assert curated_article_275() == curated_before
    assert Article.objects.exclude(origin="synthetic").count() == curated_count


def test_articles_have_natural_and_dotted_numbers_with_sort_keys():
    generate()
    numbers = list(synthetic_articles().order_by("sort_key").values_list("number", flat=True))
    assert "1" in numbers and any("." in number for number in numbers)
    as_tuples = [tuple(int(part) for part in number.split(".")) for number in numbers]
    assert as_tuples == sorted(as_tuples)


def test_versions_are_contiguous_and_the_last_is_open():
    generate()
    versions = ArticleVersion.objects.filter(article__origin="synthetic").order_by(
        "article", "valid_from"
    )
    by_article: dict[int, list] = {}
    for version in versions:
        by_article.setdefault(version.article_id, []).append(version)
    assert sum(len(v) for v in by_article.values()) > 2 * ARTICLES  # about three each
    for chain in by_article.values():
        assert chain[-1].valid_to is None
        for earlier, later in zip(chain, chain[1:], strict=False):
            assert (later.valid_from - earlier.valid_to).days == 1
            assert later.introduced_by.in_force_on == later.valid_from


def test_same_seed_gives_the_same_corpus():
    generate()
    first = snapshot()
    generate("--replace")
    assert snapshot() == first
    assert synthetic_articles().count() == ARTICLES
    assert corpus_problems() == []


def test_refuses_to_generate_twice_without_replace():
    generate()
    with pytest.raises(CommandError, match="--replace"):
        generate()


@pytest.mark.parametrize("articles", [0, -3, synthetic.MAX_ARTICLES + 1])
def test_article_count_must_be_positive_and_bounded(articles):
    with pytest.raises(CommandError, match="--articles"):
        call_command("generate_corpus", "--articles", articles, verbosity=0)


def test_search_finds_planted_words():
    generate()
    today = date.today()
    rare = search_articles(Article.objects.all(), synthetic.rare_word(0), day=today)
    found = list(rare.values_list("origin", flat=True))
    assert 1 <= len(found) <= 2 * synthetic.ARTICLES_PER_RARE_WORD
    assert set(found) == {"synthetic"}
    common = search_articles(synthetic_articles(), synthetic.COMMON_WORD, day=today)
    assert 0.6 * ARTICLES <= common.count() <= ARTICLES


def list_figures():
    """Every stored figure the list filters on, for versions and articles."""
    versions = ArticleVersion.objects.order_by("pk").values_list(
        "pk", "max_prison_months", "life_imprisonment", "penalty_kinds", "penalty_units"
    )
    articles = Article.objects.order_by("pk").values_list(
        "pk",
        "current_version_id",
        "current_max_prison_months",
        "current_life_imprisonment",
        "current_penalty_kinds",
        "current_penalty_units",
        "current_certainty",
        "last_amended",
    )
    return list(versions), list(articles)


def test_figures_computed_by_the_generator_equal_the_triggers_sql():
    generate()
    written = list_figures()
    rebuild_figures()
    rebuild_kinds()
    assert list_figures() == written
    assert any(row[1] for row in written[0])  # some prison terms, not all empty


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's tsvector rows")
def test_the_bulk_text_index_equals_the_per_row_refresh(monkeypatch):
    monkeypatch.setattr(search_index, "BULK_STEMMING_FROM", 0)  # 50 articles count as bulk
    generate()
    rows = (
        "SELECT rowid, provisions_version_search::text, ranking::text "
        "FROM provisions_version_search ORDER BY rowid"
    )
    with connection.cursor() as cursor:
        cursor.execute(rows)
        built_in_bulk = cursor.fetchall()
        every_version = "SELECT id FROM provisions_articleversion"
        cursor.execute(f"SELECT provisions_refresh_version_search(ARRAY({every_version}))")
        cursor.execute(rows)
        assert cursor.fetchall() == built_in_bulk
    assert len(built_in_bulk) == ArticleVersion.objects.count()
