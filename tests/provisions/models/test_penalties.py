"""Penalty.main_prison_months: a column the database computes from the penalty itself."""

import pytest

from provisions.models import Penalty
from tests.factories import make_penalty

pytestmark = pytest.mark.django_db


def months(**fields) -> int | None:
    return Penalty.objects.get(pk=make_penalty(**fields).pk).main_prison_months


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"max": 5, "unit": "years"}, 60),
        ({"min": None, "max": 18, "unit": "months"}, 18),
        ({"min": 2, "max": None, "unit": "years"}, None),
        ({"role": "additional", "max": 5, "unit": "years"}, None),
        ({"kind": "arrest", "min": None, "max": 6, "unit": "months"}, None),
        ({"kind": "fine", "min": None, "max": 3, "unit": "years"}, None),
        ({"kind": "life_imprisonment", "min": None, "max": None, "unit": ""}, None),
    ],
)
def test_it_is_the_maximum_of_a_main_prison_term_in_months(fields, expected):
    assert months(**fields) == expected


def test_it_follows_an_edit_and_is_known_right_after_an_insert():
    penalty = make_penalty(max=5, unit="years")
    assert penalty.main_prison_months == 60  # returned by the INSERT
    penalty.max = 7
    penalty.save()
    penalty.refresh_from_db()
    assert penalty.main_prison_months == 84


def test_it_can_be_filtered_and_its_history_is_right():
    penalty = make_penalty(max=5, unit="years")
    penalty.max = 8
    penalty.save()
    assert Penalty.objects.filter(pk=penalty.pk, main_prison_months=96).exists()
    # The history table computes its own copy from the row it keeps.
    history = penalty.history.order_by("history_id").values_list("max", "main_prison_months")
    assert list(history) == [(5, 60), (8, 96)]
