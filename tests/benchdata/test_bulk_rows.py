"""RowWriter and the columns the ORM treats specially: generated columns are the database's
to fill, JSON values are written encoded."""

from datetime import date

import pytest

from benchdata.bulk_rows import RowWriter
from provisions.models import ArticleChange, Penalty
from tests.factories import make_amendment, make_article, make_version

pytestmark = pytest.mark.django_db


def test_a_generated_column_is_left_to_the_database():
    version = make_version()
    RowWriter(Penalty).write(
        [{"version_id": version.pk, "part": "1", "kind": "imprisonment", "max": 4, "unit": "years"}]
    )
    assert version.penalties.get().main_prison_months == 48


def test_json_values_are_written_encoded():
    amendment, article = make_amendment(), make_article()
    other = make_article()
    RowWriter(ArticleChange).write(
        [
            {"amendment_id": amendment.pk, "article_id": article.pk, "action": "amended"},
            {
                "amendment_id": amendment.pk,
                "article_id": other.pk,
                "action": "amended",
                "effect": "softer",
                "effect_reasons": [{"part": "1", "since": date(2020, 1, 1).isoformat()}],
            },
        ]
    )
    changes = ArticleChange.objects.filter(amendment=amendment).order_by("article_id")
    assert [(c.effect, c.effect_reasons) for c in changes] == [
        ("", []),
        ("softer", [{"part": "1", "since": "2020-01-01"}]),
    ]
