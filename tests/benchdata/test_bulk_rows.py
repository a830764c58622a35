"""RowWriter: plain rows into a model's table, with ids reserved before they are written."""

from datetime import date

import pytest
from django.db import transaction

from benchdata.bulk_rows import RowWriter
from provisions.models import Article, ArticleChange, ArticleVersion, Law, Penalty
from tests.factories import make_amendment, make_article, make_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def law():
    return Law.objects.create(
        slug="bulk-test-code",
        short_name="Bulk test code",
        title_en="Bulk test code",
        title_ru="Тестовый кодекс",
        number="1-FZ",
        kind=Law.Kind.CODE,
        adopted_on=date(2000, 1, 1),
        in_force_on=date(2000, 1, 1),
    )


def test_rows_point_at_rows_written_after_them_and_missing_fields_take_defaults(law):
    articles, versions = RowWriter(Article), RowWriter(ArticleVersion)
    [article_id] = articles.reserve_ids(1)
    [version_id] = versions.reserve_ids(1)
    with transaction.atomic():
        articles.write(
            [
                {
                    "id": article_id,
                    "law_id": law.pk,
                    "number": "7",
                    "sort_key": "0000000007",
                    "title_en": "Bulk",
                    "title_ru": "Массовая",
                    "current_version_id": version_id,  # written below, checked at commit
                }
            ]
        )
        versions.write(
            [
                {
                    "id": version_id,
                    "article_id": article_id,
                    "valid_from": date(2001, 2, 3),
                    "text_en": "Text",
                    "text_ru": "Текст",
                }
            ]
        )
    article = Article.objects.get(pk=article_id)
    assert article.current_version_id == version_id
    assert article.origin == Article._meta.get_field("origin").get_default()
    version = article.versions.get()
    assert version.valid_from == date(2001, 2, 3) and version.valid_to is None
    assert version.certainty == ArticleVersion._meta.get_field("certainty").get_default()
    assert version.note == ""


def test_reserved_ids_are_never_handed_out_again(law):
    writer = RowWriter(Article)
    first = writer.reserve_ids(3)
    assert len(set(first)) == 3
    writer.write(
        [{"id": pk, "law_id": law.pk, "number": str(pk), "sort_key": str(pk)} for pk in first]
    )
    created = Article.objects.create(law=law, number="100", title_en="x", title_ru="x")
    assert created.pk not in first
    assert not set(writer.reserve_ids(2)) & {*first, created.pk}


def test_rows_without_ids_are_numbered_by_the_database(law):
    version = ArticleVersion.objects.create(
        article=Article.objects.create(law=law, number="1", title_en="x", title_ru="x"),
        valid_from=date(2001, 1, 1),
        text_en="x",
        text_ru="x",
    )
    written = RowWriter(Penalty).write(
        [
            {"version_id": version.pk, "part": "1", "kind": "fine", "max": 10, "unit": "rub"},
            {"version_id": version.pk, "part": "2", "kind": "arrest", "max": 3, "unit": "months"},
        ]
    )
    assert written == 2
    assert sorted(version.penalties.values_list("part", "kind")) == [
        ("1", "fine"),
        ("2", "arrest"),
    ]


def test_an_unknown_field_is_refused_before_anything_is_written(law):
    with pytest.raises(ValueError, match="no field colour"):
        with transaction.atomic():
            RowWriter(Article).write(
                [{"law_id": law.pk, "number": "1", "sort_key": "1", "colour": "red"}]
            )
    assert not Article.objects.filter(law=law).exists()


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
