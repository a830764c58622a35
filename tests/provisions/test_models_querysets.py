"""The QuerySet methods the list and the detail pages share: whether the stored figures hold,
and one bundle per detail page (article, amendment, source)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from provisions.changes import change_rows
from provisions.models import (
    MAX_SOURCE_CITATIONS,
    Amendment,
    Article,
    ArticleVersion,
    Citation,
    Source,
)
from provisions.timeline import timeline_of
from tests.factories import make_law, make_source, make_version

pytestmark = pytest.mark.django_db


def queries(function) -> int:
    with CaptureQueriesContext(connection) as context:
        function()
    return len(context)


def test_the_stored_figures_hold_today_when_no_version_is_ahead():
    today = date.today()
    ArticleVersion.objects.filter(valid_to__gte=today).update(valid_to=today - timedelta(days=1))
    ArticleVersion.objects.filter(valid_from__gt=today).delete()
    assert Article.objects.figures_hold_on(today) is True
    assert queries(lambda: Article.objects.figures_hold_on(today)) == 1


@pytest.mark.parametrize("ahead", ["starts tomorrow", "ends today"])
def test_a_version_ahead_of_today_means_the_figures_do_not_hold(ahead):
    today = date.today()  # read when the test runs, not when it is collected (midnight)
    if ahead == "starts tomorrow":
        make_version(valid_from=today + timedelta(days=1))
    else:
        make_version(valid_from=date(2000, 1, 1), valid_to=today)
    assert Article.objects.figures_hold_on(today) is False


def test_the_figures_never_hold_on_another_day_and_that_costs_nothing():
    yesterday = date.today() - timedelta(days=1)
    assert queries(lambda: Article.objects.figures_hold_on(yesterday)) == 0
    assert Article.objects.figures_hold_on(yesterday) is False


def test_the_figures_decision_is_the_whole_tables():
    make_version(valid_from=date.today() + timedelta(days=1))
    unrelated = Article.objects.filter(law__slug="criminal-code")
    assert unrelated.figures_hold_on(date.today()) is False


def read_article(**kwargs):
    article = Article.objects.for_detail(**kwargs).get(law__slug="criminal-code", number="275")
    for version in article.versions.all():
        for penalty in version.penalties.all():
            [citation.source for citation in penalty.citations.all()]
        [citation.source for citation in version.citations.all()]
    [citation.source for citation in article.citations.all()]
    assert article.law.slug == "criminal-code"
    assert list(article.topics.all()) and list(article.statistics.all())
    return article


def test_the_article_bundle_holds_its_timeline_without_more_queries():
    article = []
    queries(lambda: article.append(read_article()))
    assert queries(lambda: timeline_of(article[0])) == 0
    changes = list(article[0].timeline_changes)
    assert changes
    assert queries(lambda: [change.amendment.number for change in changes]) == 0
    assert queries(lambda: [note.amendment.number for note in article[0].timeline_notes]) == 0


def test_the_article_bundle_holds_every_version_for_the_timeline():
    article = Article.objects.for_detail().get(law__slug="criminal-code", number="275")
    versions = list(article.versions.all())
    assert len(versions) > 1 and any(v.is_in_force_on(date(2015, 1, 1)) for v in versions)


def test_the_amendment_bundle_has_what_its_page_and_api_show():
    """Four queries for the bundle (the versions without penalties), one more in change_rows
    for the penalties of the versions shown before and after."""
    found = []
    with CaptureQueriesContext(connection) as context:
        amendment = Amendment.objects.for_detail().get(slug="260-fz-2022")
        found.append(amendment.act)
        for change in amendment.changes.all():
            found.append(change.article.law.slug)
            found.extend(version.valid_from for version in change.article.versions.all())
        found.extend(citation.source for citation in amendment.citations.all())
        assert len(context) == 4
        rows = change_rows(amendment)
        for version in [row[side] for row in rows for side in ("before", "after")]:
            if version is not None:
                found.extend(version.penalties.all())
    assert len(context) == 5
    assert any(row["before"] and row["after"] for row in rows)
    assert amendment.changes.exists() and amendment.citations.exists()


def make_cited_source(size: int) -> Source:
    source, law = make_source(), make_law()
    Citation.objects.bulk_create(
        Citation(source=source, law=law, quote=f"Quote {n}") for n in range(size)
    )
    return source


def test_the_source_bundle_counts_all_citations_and_shows_the_first_by_id():
    made = make_cited_source(MAX_SOURCE_CITATIONS + 5)
    source = Source.objects.for_detail().get(pk=made.pk)
    assert source.citation_count == MAX_SOURCE_CITATIONS + 5
    shown = list(source.citations.first_shown())
    first = list(Citation.objects.filter(source=made).order_by("id")[:MAX_SOURCE_CITATIONS])
    assert shown == first


def test_the_shown_citations_come_with_the_facts_they_support():
    source = Source.objects.get(slug="pravo-uk-rf-102041891")
    shown = []
    assert queries(lambda: shown.extend(source.citations.first_shown())) == 1
    facts = {
        "law": lambda c: c.law.short_name,
        "article": lambda c: c.article.law.slug,
        "version": lambda c: c.version.article.law.slug,
        "penalty": lambda c: c.penalty.version.article.law.slug,
        "amendment": lambda c: c.amendment.number,
        "statistic": lambda c: c.statistic.article and c.statistic.article.law.slug,
    }

    def describe():
        for citation in shown:
            for name, read in facts.items():
                if getattr(citation, f"{name}_id"):
                    read(citation)

    assert queries(describe) == 0
