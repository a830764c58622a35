"""A page read law by law in number order (search.number_order), on PostgreSQL."""

import pytest
from django.db import connection
from django.http import QueryDict

from provisions.models import Article
from search.filters import ArticleFilter
from search.number_order import walk_in_number_order

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a LATERAL join"),
]


def test_the_walk_gives_the_sorted_rows_after_the_offset_without_the_skipped():
    filterset = ArticleFilter(QueryDict(""), queryset=Article.objects.all())
    assert filterset.is_valid()
    in_order = list(filterset.qs.values_list("pk", flat=True))
    assert len(in_order) > 15  # the curated corpus, over several laws
    skipped = in_order[3:6]
    rest = [pk for pk in in_order if pk not in skipped]
    assert walk_in_number_order(filterset, skipped, 0, 10) == rest[:10]
    assert walk_in_number_order(filterset, skipped, 8, 7) == rest[8:15]
    assert walk_in_number_order(filterset, [], len(in_order), 5) == []
