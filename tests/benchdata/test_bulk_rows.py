"""RowWriter: plain rows into a model's table, with ids reserved before they are written."""

from datetime import date

import pytest
from django.db import transaction

from benchdata.bulk_rows import RowWriter
from provisions.models import Article, ArticleVersion, Law, Penalty

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
