"""The synthetic corpus writes what the application would derive itself: each change's effect
and each penalty's generated prison term (the list figures are held equal elsewhere)."""

import pytest
from django.core.management import call_command

from provisions.changes import change_verdict, versions_around
from provisions.models import ArticleChange, Penalty
from provisions.penalties import main_prison_months

pytestmark = pytest.mark.django_db


@pytest.fixture
def synthetic_changes():
    call_command("generate_corpus", "--articles", 40, "--seed", 3, verbosity=0)
    return list(
        ArticleChange.objects.filter(article__origin="synthetic")
        .select_related("amendment", "article")
        .prefetch_related("article__versions__penalties")
    )


def test_the_effects_written_equal_those_applying_would_store(synthetic_changes):
    assert synthetic_changes
    for change in synthetic_changes:
        fresh = change_verdict(change, *versions_around(change))
        assert (change.effect, change.effect_reasons) == (fresh.label, fresh.reasons)
    assert {change.effect for change in synthetic_changes} <= {"harsher", "unchanged"}


def test_the_database_computes_the_prison_term_of_rows_written_in_bulk(synthetic_changes):
    penalties = Penalty.objects.filter(version__article__origin="synthetic")
    assert any(penalty.main_prison_months for penalty in penalties)
    for penalty in penalties:
        assert penalty.main_prison_months == main_prison_months(penalty)
