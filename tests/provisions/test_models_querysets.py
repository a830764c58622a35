"""The QuerySet methods the list and the detail pages share: whether the stored figures hold."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from provisions.models import Article, ArticleVersion
from tests.factories import make_version

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


@pytest.mark.parametrize(
    "ahead",
    [
        {"valid_from": date.today() + timedelta(days=1)},  # starts tomorrow
        {"valid_from": date(2000, 1, 1), "valid_to": date.today()},  # ends today
    ],
)
def test_a_version_ahead_of_today_means_the_figures_do_not_hold(ahead):
    make_version(**ahead)
    assert Article.objects.figures_hold_on(date.today()) is False


def test_the_figures_never_hold_on_another_day_and_that_costs_nothing():
    yesterday = date.today() - timedelta(days=1)
    assert queries(lambda: Article.objects.figures_hold_on(yesterday)) == 0
    assert Article.objects.figures_hold_on(yesterday) is False


def test_the_figures_decision_is_the_whole_tables():
    make_version(valid_from=date.today() + timedelta(days=1))
    unrelated = Article.objects.filter(law__slug="criminal-code")
    assert unrelated.figures_hold_on(date.today()) is False
