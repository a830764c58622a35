"""The pages' lean fetches hold what the models' for_detail() querysets hold, in the same order:
the amendment page's, with no query left for change_rows; the article page's, with every
citation read in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.fetching import (
    amendment_for_page,
    article_for_page,
    fetch_article_relations,
    fetch_citations,
    fetch_penalties_around,
)
from provisions.changes import change_rows, versions_around
from provisions.models import Amendment, Article
from provisions.serializers import article_as_dict

pytestmark = pytest.mark.django_db

AMENDMENT = "260-fz-2022"  # the curated corpus: several articles, several versions each


def shape(amendment) -> list:
    """Each change's article, its versions in order, and the penalties and unparsed clauses
    of the versions around the change, in order."""
    found = []
    for change in amendment.changes.all():
        versions = [v.pk for v in change.article.versions.all()]
        around = [v for v in versions_around(change) if v is not None]
        penalties = [[p.pk for p in v.penalties.all()] for v in around]
        unparsed = [[u.pk for u in v.unparsed_sanctions.all()] for v in around]
        found.append((change.pk, change.article_id, versions, penalties, unparsed))
    return found


def test_the_lean_fetch_holds_what_for_detail_holds():
    usual = Amendment.objects.for_detail(notes=True).get(slug=AMENDMENT)
    change_rows(usual)  # fetches the penalties around each change
    lean = amendment_for_page().get(slug=AMENDMENT)
    fetch_penalties_around(lean)
    assert len(lean.changes.all()) > 1
    assert shape(lean) == shape(usual)
    assert [c.pk for c in lean.citations.all()] == [c.pk for c in usual.citations.all()]
    assert [n.pk for n in lean.editorial_notes.all()] == [n.pk for n in usual.editorial_notes.all()]
    with CaptureQueriesContext(connection) as queries:
        rows = change_rows(lean)
    assert len(queries) == 0
    assert [row["penalty_rows"] for row in rows] == [
        row["penalty_rows"] for row in change_rows(usual)
    ]


@pytest.mark.parametrize("number", ["275", "275.1", "276", "280.4"])
def test_the_article_fetch_holds_what_for_detail_holds(number):
    """The same versions, penalties, clauses, statistics and, for each, the same citations in
    the same order; so the same JSON, in one citation query instead of for_detail's five."""
    usual = Article.objects.for_detail().get(law__slug="criminal-code", number=number)
    lean = article_for_page().get(law__slug="criminal-code", number=number)
    fetch_article_relations(lean)
    with CaptureQueriesContext(connection) as queries:
        fetch_citations(lean)
    assert len(queries) == 1
    assert cited(lean) == cited(usual)
    assert any(ids for _, ids in cited(lean))  # the curated articles cite their sources
    assert article_as_dict(lean) == article_as_dict(usual)


def cited(article) -> list:
    """(what, [citation ids]) for the article, each version, penalty and statistic."""
    found = [("article", [c.pk for c in article.citations.all()])]
    for version in article.versions.all():
        found.append((f"version {version.pk}", [c.pk for c in version.citations.all()]))
        found += [
            (f"penalty {p.pk}", [c.pk for c in p.citations.all()]) for p in version.penalties.all()
        ]
        found.append((f"unparsed {version.pk}", [u.pk for u in version.unparsed_sanctions.all()]))
    for stat in [*article.statistics.all(), *article.group_statistics.all()]:
        found.append((f"statistic {stat.pk}", [c.pk for c in stat.citations.all()]))
    return found
