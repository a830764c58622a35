"""Article.current_version: one to one, so each version is current for one article at most;
and the list's indexes match the orders they serve."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F

from provisions.models import Article, ArticleVersion
from tests.factories import make_article, make_version

pytestmark = pytest.mark.django_db


def test_the_triggers_point_an_article_at_its_open_version():
    article = make_article()
    make_version(article, valid_from=date(2000, 1, 1), valid_to=date(2009, 12, 31))
    current = make_version(article, valid_from=date(2010, 1, 1))
    assert Article.objects.get(pk=article.pk).current_version == current


def test_no_two_articles_share_a_current_version():
    version = make_version()
    other = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=other.pk).update(current_version=version)


def test_it_is_not_part_of_the_history():
    history_fields = {f.name for f in Article.history.model._meta.fields}
    assert "current_version" not in history_fields


def test_an_inverted_period_is_one_error_not_an_overlap_as_well():
    article = make_article(number="9501")
    make_version(article, valid_from=date(2000, 1, 1), valid_to=date(2009, 12, 31))
    inverted = ArticleVersion(
        article=article, valid_from=date(2005, 6, 1), valid_to=date(2003, 1, 1), text_ru="x"
    )
    with pytest.raises(ValidationError) as error:
        inverted.full_clean()
    messages = " ".join(error.value.messages)
    assert "overlaps" not in messages
    assert messages  # the period's own constraint is what is reported


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a plan read from PostgreSQL")
def test_the_heaviest_first_order_is_read_from_its_index():
    """The list's "heaviest" order and article_heaviest_idx agree column for column (NULLS
    too): with sorting priced out, the planner walks the index. Were they to drift apart, the
    first page would sort every article again."""
    from search.filters import SORTS

    make_article()
    listed = Article.objects.annotate(
        list_life_imprisonment=F("current_life_imprisonment"),
        list_max_prison_months=F("current_max_prison_months"),
    ).order_by(*SORTS["heaviest"][1])[:50]
    sql, params = listed.values("pk").query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "article_heaviest_idx" in plan and "Sort" not in plan, plan
