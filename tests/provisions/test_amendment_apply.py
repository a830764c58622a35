"""Applying an amendment derives the right versions, atomically, once."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from provisions.amendment_apply import amendment_apply
from provisions.models import ArticleChange, ArticleVersion, Penalty
from tests.factories import (
    cite,
    make_amendment,
    make_article,
    make_change,
    make_penalty,
    make_version,
)

pytestmark = pytest.mark.django_db

Action = ArticleChange.Action


@pytest.fixture
def treason_like_article():
    """An article in force since 2012 with a 12–20 year term in part 1 and a fine in part 2."""
    article = make_article(number="9275")
    version = make_version(article, valid_from=date(2012, 11, 14), text_ru="старый текст")
    cite(penalty=make_penalty(version, part="1", min=12, max=20))
    make_penalty(version, part="2", kind=Penalty.Kind.FINE, min=None, max=500_000, unit="rub")
    return article


def test_amended_article_gets_a_new_version_and_the_old_one_closes_the_day_before(
    treason_like_article, editor
):
    amendment = make_amendment(signed_on=date(2023, 4, 28), in_force_on=date(2023, 5, 9))
    life = {"part": "1", "kind": Penalty.Kind.LIFE_IMPRISONMENT, "unit": ""}
    term = {"part": "1", "kind": Penalty.Kind.IMPRISONMENT, "min": 12, "max": 20, "unit": "years"}
    make_change(amendment, treason_like_article, penalties=[term, life], new_text_ru="новый текст")

    created = amendment_apply(amendment=amendment, user=editor)

    old, new = treason_like_article.versions.order_by("valid_from")
    assert created == [new]
    assert old.valid_to == date(2023, 5, 8)
    assert (new.valid_from, new.valid_to, new.introduced_by) == (date(2023, 5, 9), None, amendment)
    assert new.text_ru == "новый текст"
    kinds = sorted((p.part, p.kind) for p in new.penalties.all())
    assert kinds == [("1", "imprisonment"), ("1", "life_imprisonment"), ("2", "fine")]
    assert old.penalties.count() == 2, "the old version keeps its penalties"
    amendment.refresh_from_db()
    assert amendment.applied_by == editor and amendment.applied_at is not None


def test_carried_over_penalties_keep_their_citations(treason_like_article):
    amendment = make_amendment(in_force_on=date(2020, 1, 10))
    make_change(amendment, treason_like_article)  # wording only; penalties carry over

    amendment_apply(amendment=amendment)

    new = treason_like_article.versions.get(valid_to__isnull=True)
    carried = new.penalties.get(part="1")
    assert carried.citations.count() == 1
    assert new.text_ru == "старый текст"


def test_history_records_who_made_each_change(treason_like_article, editor):
    amendment = make_amendment()
    make_change(amendment, treason_like_article)

    amendment_apply(amendment=amendment, user=editor)

    new = treason_like_article.versions.get(valid_to__isnull=True)
    assert new.history.first().history_user == editor
    closed = treason_like_article.versions.get(valid_to__isnull=False)
    assert closed.history.first().history_user == editor
    assert closed.history.first().history_type == "~"


def test_applying_twice_does_nothing_the_second_time(treason_like_article):
    amendment = make_amendment()
    make_change(amendment, treason_like_article)

    assert len(amendment_apply(amendment=amendment)) == 1
    assert amendment_apply(amendment=amendment) == []
    assert treason_like_article.versions.count() == 2


def test_one_invalid_change_rolls_back_every_change(treason_like_article):
    untouched_article = make_article()  # no version in force: cannot be amended
    amendment = make_amendment()
    make_change(amendment, treason_like_article)
    make_change(amendment, untouched_article)
    before = list(ArticleVersion.objects.values_list("pk", "valid_to").order_by("pk"))

    with pytest.raises(ValidationError, match="no version in force"):
        amendment_apply(amendment=amendment)

    assert list(ArticleVersion.objects.values_list("pk", "valid_to").order_by("pk")) == before
    amendment.refresh_from_db()
    assert amendment.applied_at is None


def test_amendment_in_force_before_the_current_version_is_refused(treason_like_article):
    amendment = make_amendment(signed_on=date(2010, 1, 1), in_force_on=date(2010, 1, 1))
    make_change(amendment, treason_like_article)

    with pytest.raises(ValidationError, match="not before this amendment"):
        amendment_apply(amendment=amendment)


def test_added_article_gets_its_first_version():
    article = make_article()
    amendment = make_amendment(signed_on=date(2022, 7, 14), in_force_on=date(2022, 7, 25))
    term = {"part": "1", "kind": Penalty.Kind.IMPRISONMENT, "min": 3, "max": 8, "unit": "years"}
    make_change(amendment, article, action=Action.ADDED, penalties=[term])

    (version,) = amendment_apply(amendment=amendment)

    assert version.valid_from == date(2022, 7, 25) and version.valid_to is None
    assert version.penalties.get().max == 8


def test_repeal_closes_the_version_and_marks_the_article(treason_like_article):
    amendment = make_amendment(in_force_on=date(2024, 1, 1), signed_on=date(2023, 12, 1))
    make_change(amendment, treason_like_article, action=Action.REPEALED)

    assert amendment_apply(amendment=amendment) == []

    treason_like_article.refresh_from_db()
    assert treason_like_article.repealed_on == date(2024, 1, 1)
    assert treason_like_article.versions.get().valid_to == date(2023, 12, 31)


def test_an_amendment_without_changes_is_refused():
    with pytest.raises(ValidationError, match="no article changes"):
        amendment_apply(amendment=make_amendment())
