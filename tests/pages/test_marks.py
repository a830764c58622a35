"""The certainty and verdict tags write exactly what includes/_certainty.html and
includes/_verdict.html write, for every certainty and every shape of verdict."""

import pytest
from django.template import engines

from provisions.models.common import Certainty
from provisions.penalties import Verdict

django_engine = engines["django"]


def render(source: str, **context) -> str:
    return django_engine.from_string(source).render(context)


@pytest.mark.parametrize("value", [*Certainty.values, "", None, "<b>odd</b>"])
def test_the_certainty_tag_writes_the_include(value):
    include = '{% include "includes/_certainty.html" with value=value %}'
    tag = "{% load marks %}{% certainty value %}"
    assert render(tag, value=value) == render(include, value=value)


@pytest.mark.parametrize(
    "verdict",
    [
        Verdict("harsher", ["part 1: imprisonment up to 5 years → up to 8 years"]),
        Verdict("softer", []),
        Verdict("mixed", ["part 1: harsher", "part 2: a <softer> & milder term"]),
        Verdict("unknown", []),
        Verdict("unknown", ["original wording"]),
        Verdict("unknown", ["not assessed: the wording before is not held here", "and more"]),
        Verdict("unknown", ["not assessed"]),
        Verdict("added", ["new offence"]),
    ],
)
def test_the_verdict_tag_writes_the_include(verdict):
    include = '{% include "includes/_verdict.html" with verdict=verdict %}'
    tag = "{% load marks %}{% verdict_mark verdict %}"
    assert render(tag, verdict=verdict) == render(include, verdict=verdict)


def test_the_marks_end_with_the_includes_newline():
    assert render("{% load marks %}{% certainty 'confirmed' %}").endswith("</span>\n")
    html = render("{% load marks %}{% verdict_mark v %}", v=Verdict("harsher", ["x"]))
    assert html == (
        '<span class="verdict verdict-harsher">harsher</span>'
        ' <span class="verdict-reasons">(x)</span>\n'
    )
