"""The article page's lean fetch holds what Article.objects.for_detail() holds, in the same
order, with every citation read in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from provisions.fetching import (
    article_for_page,
    fetch_article_relations,
    fetch_citations,
)
from provisions.models import Amendment, Article, EditorialNote, UnparsedSanction
from provisions.serializers import article_as_dict

pytestmark = pytest.mark.django_db


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


def test_notes_and_unparsed_clauses_are_read_as_for_detail_reads_them():
    """The curated corpus has no editorial notes and few unparsed clauses: added here, the lean
    fetch holds the same notes (each pointing at its article), clauses and JSON."""
    article = Article.objects.get(law__slug="criminal-code", number="275")
    amendments = list(Amendment.objects.order_by("signed_on")[:2])
    for number, amendment in enumerate(amendments):
        EditorialNote.objects.create(
            amendment=amendment, article=article, kind="amended", note=f"В редакции {number}"
        )
    for version in article.versions.all()[:2]:
        UnparsedSanction.objects.create(version=version, part="1", text="с конфискацией")
    usual = Article.objects.for_detail().get(pk=article.pk)
    lean = article_for_page().get(pk=article.pk)
    fetch_article_relations(lean)
    fetch_citations(lean)
    assert [n.pk for n in lean.timeline_notes] == [n.pk for n in usual.timeline_notes]
    assert len(lean.timeline_notes) == 2
    assert all(note.article is lean for note in lean.timeline_notes)
    assert cited(lean) == cited(usual)
    assert article_as_dict(lean) == article_as_dict(usual)
