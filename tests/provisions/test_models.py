"""Constraints reject bad rows at the database itself, on SQLite and PostgreSQL alike."""

from datetime import date, timedelta

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from provisions.models import Article, ArticleVersion, Citation, Penalty, natural_sort_key
from tests.factories import (
    make_amendment,
    make_article,
    make_law,
    make_penalty,
    make_source,
    make_version,
)

pytestmark = pytest.mark.django_db


def rejected_by_database(write):
    """True when the database refuses the write (and the test transaction stays usable)."""
    try:
        with transaction.atomic():
            write()
    except IntegrityError:
        return True
    return False


def test_penalty_min_greater_than_max_is_rejected():
    version = make_version()
    assert rejected_by_database(lambda: make_penalty(version, min=10, max=5))


def test_life_imprisonment_with_a_term_is_rejected():
    version = make_version()
    assert rejected_by_database(
        lambda: make_penalty(version, kind=Penalty.Kind.LIFE_IMPRISONMENT, min=None, max=20)
    )


def test_duplicate_article_number_in_one_law_is_rejected():
    article = make_article(number="275")
    assert rejected_by_database(lambda: make_article(law=article.law, number="275"))


def test_same_number_in_another_law_is_allowed():
    make_article(number="20.2")
    make_article(number="20.2")


def test_overlapping_versions_are_rejected():
    article = make_article()
    make_version(article, valid_from=date(2000, 1, 1), valid_to=date(2010, 12, 31))
    assert rejected_by_database(
        lambda: make_version(article, valid_from=date(2010, 6, 1), valid_to=date(2012, 1, 1))
    )


def test_an_update_that_creates_an_overlap_is_rejected():
    article = make_article()
    make_version(article, valid_from=date(2000, 1, 1), valid_to=date(2010, 12, 31))
    later = make_version(article, valid_from=date(2011, 1, 1))

    def move_back():
        later.valid_from = date(2005, 1, 1)
        later.save()

    assert rejected_by_database(move_back)


def test_adjacent_versions_are_allowed():
    article = make_article()
    make_version(article, valid_from=date(2000, 1, 1), valid_to=date(2010, 12, 31))
    make_version(article, valid_from=date(2011, 1, 1))
    assert article.versions.count() == 2


def test_two_open_versions_are_rejected():
    article = make_article()
    make_version(article, valid_from=date(2000, 1, 1))
    assert rejected_by_database(lambda: make_version(article, valid_from=date(2030, 1, 1)))


def test_version_ending_before_it_starts_is_rejected():
    assert rejected_by_database(
        lambda: make_version(valid_from=date(2020, 1, 1), valid_to=date(2019, 1, 1))
    )


def test_amendment_in_force_before_signing_is_rejected():
    assert rejected_by_database(
        lambda: make_amendment(signed_on=date(2022, 7, 14), in_force_on=date(2022, 7, 1))
    )


def test_an_amendment_or_law_signed_after_today_fails_validation():
    tomorrow = date.today() + timedelta(days=1)
    amendment = make_amendment(signed_on=date.today(), in_force_on=tomorrow)
    amendment.full_clean()  # signed today, in force tomorrow: valid
    amendment.signed_on = tomorrow
    with pytest.raises(ValidationError) as error:
        amendment.full_clean()
    assert error.value.message_dict["signed_on"][0].startswith(
        "An amendment cannot be signed after today"
    )
    law = make_law(adopted_on=date.today())
    law.full_clean()
    law.adopted_on = tomorrow
    with pytest.raises(ValidationError) as error:
        law.full_clean()
    assert list(error.value.message_dict) == ["adopted_on"]


def test_citation_must_support_exactly_one_fact():
    article = make_article()
    source = make_source()
    assert rejected_by_database(lambda: Citation.objects.create(source=source, quote="q"))
    assert rejected_by_database(
        lambda: Citation.objects.create(source=source, quote="q", article=article, law=article.law)
    )
    Citation.objects.create(source=source, quote="q", article=article)


def test_model_validation_reports_overlap_as_a_form_error():
    article = make_article()
    make_version(article, valid_from=date(2000, 1, 1))
    clash = ArticleVersion(article=article, valid_from=date(2001, 1, 1))
    with pytest.raises(ValidationError, match="overlaps"):
        clash.full_clean()


def test_model_validation_reports_min_above_max():
    penalty = Penalty(
        version=make_version(), part="1", kind="imprisonment", min=9, max=3, unit="years"
    )
    with pytest.raises(ValidationError, match="minimum cannot exceed"):
        penalty.full_clean()


def test_article_numbers_sort_naturally():
    law = make_law()
    for number in ["1000", "276", "275.1", "275", "28", "275.10", "275.2"]:
        make_article(law=law, number=number)
    numbers = list(Article.objects.filter(law=law).values_list("number", flat=True))
    assert numbers == ["28", "275", "275.1", "275.2", "275.10", "276", "1000"]
    assert natural_sort_key("275.1") < natural_sort_key("276") < natural_sort_key("1000")


def test_fixtures_serialize_with_readable_natural_keys():
    article = make_article(law=make_law(slug="test-code"), number="275.1")
    version = make_version(article, valid_from=date(2022, 7, 25))
    text = serializers.serialize(
        "json", [article, version], use_natural_foreign_keys=True, use_natural_primary_keys=True
    )
    assert '"law": ["test-code"]' in text
    assert '"article": ["test-code", "275.1"]' in text
