"""The search index models: unmanaged, in the search app, joined to an article's current
version without the provisions app knowing about them."""

import pytest
from django.apps import apps
from django.db import connection

from provisions.models import Article
from search import query as textsearch
from search.backends import backend_for
from search.models import VersionSearch
from tests.factories import make_article, make_version

pytestmark = pytest.mark.django_db


def match_of(words: str):
    return backend_for(connection).match(textsearch.plan(textsearch.parse_websearch(words)))


def test_a_search_of_current_texts_joins_the_index_to_the_article_alone():
    article = make_article(number="9301", title_en="Okapi smuggling")
    make_version(article, text_en="The okapi clause.")
    found = Article.objects.filter(current_search__document__match=match_of("okapi"))
    assert list(found.values_list("number", flat=True)) == ["9301"]
    sql = str(found.order_by("number").query)
    assert sql.count(" JOIN ") == 1
    assert '"provisions_article"."current_version_id" = "provisions_version_search"."rowid"' in sql
    assert "provisions_articleversion" not in sql


def test_the_index_row_knows_the_article_it_is_current_for():
    article = make_article()
    version = make_version(article)
    row = VersionSearch.objects.only("version").get(version=version)  # no ranking on SQLite
    assert row.current_article == article


def test_no_provisions_model_points_at_another_first_party_app():
    outside = {"search", "pages", "opendata", "pravo", "benchdata"}
    for model in apps.get_app_config("provisions").get_models(include_auto_created=True):
        for field in model._meta.get_fields(include_hidden=True):
            if field.concrete and field.is_relation:
                assert field.related_model._meta.app_label not in outside, field
