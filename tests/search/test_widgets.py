"""The list form's widgets written in Python give Django's template HTML, byte for byte."""

import pytest
from django.http import QueryDict

from provisions.models import Article, Topic
from search.filters import ArticleFilter
from search.widgets import PythonRendered
from tests.factories import make_law

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "q=взятка&law={law}&topic={topic}",
    "penalty_kind=fine&penalty_unit=rub&sort=heaviest",
    "max_prison_years_min=10&max_prison_years_max=20&amended_in=2022&in_force_on=2015-06-01",
    'q="<b>&amp;</b>"&max_prison_years_min=x&in_force_on=nonsense&amended_in=1800',
    "law=no-such-law&topic=<script>&penalty_kind=bogus&sort=bogus",
]


@pytest.mark.parametrize("query", QUERIES)
def test_every_field_renders_as_djangos_templates_do(query):
    law = make_law(short_name='Code "<&>"')
    make_law()
    topic = Topic.objects.create(slug="test-speech", name_en="Speech & <press>")
    data = QueryDict(query.format(law=law.slug, topic=topic.slug))
    filterset = ArticleFilter(data, queryset=Article.objects.all())
    filterset.is_valid()
    for field in filterset.form:
        widget = field.field.widget
        assert isinstance(widget, PythonRendered), field.name
        html = str(field)
        widget.__class__ = next(  # Django's own widget class
            c for c in type(widget).__mro__ if c.__module__ == "django.forms.widgets"
        )
        assert str(field) == html, field.name
