"""The amendment page's lean fetch holds what Amendment.objects.for_detail(notes=True) and
provisions.changes.change_rows hold, in the same order, with no query left for change_rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.fetching import amendment_for_page, fetch_penalties_around
from provisions.changes import change_rows, versions_around
from provisions.models import Amendment

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
