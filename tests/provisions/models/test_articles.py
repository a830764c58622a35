"""Article.current_version: one to one, so each version is current for one article at most."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

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
