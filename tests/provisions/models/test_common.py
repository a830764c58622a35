"""Rows read by hand and kept where a prefetch keeps them (provisions/models/common.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from provisions.models import Article, ArticleChange, ArticleVersion, Penalty
from provisions.models.common import keep_prefetched, read_children
from provisions.models.penalties import PENALTY_ORDER

pytestmark = pytest.mark.django_db


def article_275_versions() -> list:
    return list(
        ArticleVersion.objects.filter(article__law__slug="criminal-code", article__number="275")
    )


def test_read_children_keeps_each_owners_share_as_a_prefetch_would():
    """One query; then each version's penalties are what the database holds for it, in the
    same order as penalties_by_version's prefetch, each pointing back at its own version, and
    reading them (or their version) runs no query."""
    versions = article_275_versions()
    assert len(versions) > 1
    with CaptureQueriesContext(connection) as queries:
        found = read_children(versions, Penalty.objects.order_by(*PENALTY_ORDER), "penalties")
    assert len(queries) == 1
    expected = {
        version.pk: list(Penalty.objects.filter(version=version).order_by(*PENALTY_ORDER))
        for version in versions
    }
    assert len(found) == sum(map(len, expected.values())) > 0
    with CaptureQueriesContext(connection) as queries:
        for version in versions:
            held = list(version.penalties.all())
            assert held == expected[version.pk]
            assert all(penalty.version is version for penalty in held)
    assert len(queries) == 0


def test_read_children_into_a_list_attribute():
    """Given to_attr, the share is a plain list on the owner (as Prefetch(to_attr=...))."""
    article = Article.objects.get(law__slug="criminal-code", number="275")
    read_children([article], ArticleChange.objects.order_by("pk"), "changes", "held_changes")
    expected = list(ArticleChange.objects.filter(article=article).order_by("pk"))
    assert expected and article.held_changes == expected
    assert all(change.article is article for change in article.held_changes)


def test_known_empty_and_no_owners_run_no_query():
    """rows None: each owner gets an empty share without a query; no owners, no query."""
    versions = article_275_versions()
    with CaptureQueriesContext(connection) as queries:
        assert read_children(versions, None, "unparsed_sanctions") == []
        assert read_children([], Penalty.objects.all(), "penalties") == []
        assert all(list(version.unparsed_sanctions.all()) == [] for version in versions)
    assert len(queries) == 0


def test_keep_prefetched_answers_the_related_manager():
    version = article_275_versions()[0]
    keep_prefetched(version, "penalties", [])
    with CaptureQueriesContext(connection) as queries:
        assert list(version.penalties.all()) == []
    assert len(queries) == 0
