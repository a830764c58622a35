"""`{% address %}` writes what `{% url %}` writes."""

import pytest
from django.template import engines

django_engine = engines["django"]


def render(source: str, **context) -> str:
    return django_engine.from_string(source).render(context)


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("'provisions:home'", "'provisions:home'"),
        ("'provisions:compare'", "'provisions:compare'"),
        (
            "'provisions:article-history' law number",
            "'provisions:article-history' law=law number=number",
        ),
        ("'provisions:article-feed' law number", "'provisions:article-feed' law=law number=number"),
    ],
)
def test_address_writes_the_url_tags_address(url, address):
    context = {"law": "criminal-code", "number": "275.1"}
    expected = render("{% url " + url + " %}", **context)
    assert render("{% load addresses %}{% address " + address + " %}", **context) == expected
    assert expected.startswith("/")
