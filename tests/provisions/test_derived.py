"""The kinds of penalty stored on versions and articles (kept by triggers on both databases),
and the list's facets and totals read from them: the same counts as computed from the
penalties themselves."""

from datetime import date

import pytest
from django.http import QueryDict

from provisions.derived import rebuild_kinds
from provisions.models import Article, ArticleVersion, Penalty
from provisions.penalties import PENALTY_KIND_BITS
from provisions.validation import stale_penalty_kinds
from search.filters import ArticleFilter
from search.listing import facet_counts
from tests.factories import make_article, make_law, make_penalty, make_version

pytestmark = pytest.mark.django_db

FINE, PRISON, ARREST = (PENALTY_KIND_BITS[k] for k in ("fine", "imprisonment", "arrest"))


def kinds(article) -> int:
    return Article.objects.get(pk=article.pk).current_penalty_kinds


def test_every_kind_of_penalty_has_its_own_bit():
    assert set(PENALTY_KIND_BITS) == set(Penalty.Kind.values)
    assert len(set(PENALTY_KIND_BITS.values())) == len(PENALTY_KIND_BITS)


def test_the_triggers_keep_the_current_versions_kinds_on_the_article():
    article = make_article()
    old = make_version(article, valid_from=date(2000, 1, 1), valid_to=date(2009, 12, 31))
    make_penalty(old, kind="arrest", min=None, max=6, unit="months")
    current = make_version(article, valid_from=date(2010, 1, 1))
    assert kinds(article) == 0
    fine = make_penalty(current, kind="fine", min=None, max=100_000, unit="rub")
    make_penalty(current, kind="imprisonment")
    make_penalty(current, part="2", kind="imprisonment")
    assert kinds(article) == FINE | PRISON
    fine.kind = "arrest"
    fine.unit = "months"
    fine.save()
    assert kinds(article) == ARREST | PRISON
    Penalty.objects.filter(version=current, kind="imprisonment").delete()
    assert kinds(article) == ARREST
    # The older version becomes the open one again.
    current.delete()
    ArticleVersion.objects.filter(pk=old.pk).update(valid_to=None)
    assert kinds(article) == ARREST
    assert stale_penalty_kinds() == []


def test_a_stale_kind_is_reported_and_a_rebuild_repairs_it():
    version = make_version()
    make_penalty(version, kind="fine", min=None, max=1000, unit="rub")
    ArticleVersion.objects.filter(pk=version.pk).update(penalty_kinds=0)
    assert len(stale_penalty_kinds()) == 1
    rebuild_kinds()
    assert stale_penalty_kinds() == []


def facets_both_ways(query: str):
    """The facets and total from the stored kinds, and computed from the penalties."""
    results = []
    for figures_hold in (True, False):
        data = QueryDict(query)
        filterset = ArticleFilter(data, queryset=Article.objects.all(), figures_hold=figures_hold)
        assert filterset.is_valid(), filterset.errors
        facets, total = facet_counts(filterset, data)
        results.append((facets, filterset.qs.count() if total is None else total))
    return results


@pytest.mark.parametrize(
    "query",
    [
        "",
        "law={law}",
        "penalty_kind=fine",
        "law={law}&penalty_kind=imprisonment",
        "topic=espionage",
        "q=государственной",
        "max_prison_years_min=10&penalty_kind=restriction_of_freedom",
        "law=criminal-code&penalty_kind=arrest",
    ],
)
def test_stored_facets_and_totals_equal_the_computed_ones(query):
    law = make_law()
    for n in range(6):
        version = make_version(make_article(law=law, number=str(n + 1)))
        make_penalty(version, max=n + 2)
        if n % 2:
            make_penalty(version, part="2", kind="fine", min=None, max=5000, unit="rub")
    stored, computed = facets_both_ways(query.format(law=law.slug))
    assert stored == computed
    assert stored[1] > 0 or "arrest" in query
