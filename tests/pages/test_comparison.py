"""The comparison page with administrative penalties: terms in days get their own chart, and
what no chart draws is named."""

from datetime import date

import pytest

from pages.comparison import build_comparison
from tests.factories import make_amendment, make_article, make_law, make_penalty, make_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_events():
    """An administrative article shaped like КоАП 20.2 part 8, and one with a warning only."""
    law = make_law(slug="test-koap", short_name="Test КоАП")
    version = make_version(make_article(law=law, number="20.2"), valid_from=date(2021, 1, 1))
    fine = {"kind": "fine", "unit": "rub"}
    make_penalty(version, part="8", subject="citizen", min=150_000, max=300_000, **fine)
    make_penalty(version, part="8", subject="official", min=200_000, max=600_000, **fine)
    make_penalty(version, part="8", subject="citizen", kind="arrest", min=None, max=30, unit="days")
    make_penalty(
        version, part="8", subject="citizen", kind="compulsory_work", min=40, max=200, unit="hours"
    )
    suspension = {"kind": "suspension_of_activity", "min": None, "max": 90, "unit": "days"}
    make_penalty(version, part="9", subject="legal_entity", **suspension)
    warned = make_version(make_article(law=law, number="20.4"), valid_from=date(2021, 1, 1))
    make_penalty(warned, kind="warning", min=None, max=None, unit="")
    return law


def test_terms_in_days_are_drawn_per_part_and_subject(public_events):
    comparison = build_comparison([("test-koap", "20.2")], date(2024, 1, 1))
    rows = [(row.label, row.low, row.high) for row in comparison.day_rows]
    assert rows == [
        ("Test КоАП 20.2 · part 8: arrest (citizens)", None, 30),
        (
            "Test КоАП 20.2 · part 9: administrative suspension of activity (legal entities)",
            None,
            90,
        ),
    ]
    assert 'class="chart compare-days"' in comparison.day_chart()
    assert [row.label for row in comparison.fine_rows] == [
        "Test КоАП 20.2 · part 8 (citizens)",
        "Test КоАП 20.2 · part 8 (officials)",
    ]


def test_what_no_chart_draws_is_named(public_events, client):
    keys = "test-koap:20.2,test-koap:20.4"
    data = client.get("/compare/", {"articles": keys, "as_of": "2024-01-01", "format": "json"})
    assert data.json()["not_charted"] == [
        {
            "kind": "compulsory_work",
            "unit": None,
            "label": "compulsory work",
            "parts": ["Test КоАП 20.2 part 8"],
        },
        {"kind": "warning", "unit": None, "label": "warning", "parts": ["Test КоАП 20.4 part 1"]},
    ]
    html = client.get("/compare/", {"articles": keys, "as_of": "2024-01-01"}).content.decode()
    assert "Terms in days" in html
    assert "Main penalties not on the charts (see the table): compulsory work" in html


def test_a_criminal_comparison_has_no_days_chart(client):
    html = client.get("/compare/", {"articles": "criminal-code:275"}).content.decode()
    assert "Terms in days" not in html


def test_only_the_articles_asked_for_are_compared_across_two_laws():
    """slug IN … AND number IN … also finds law A's 2 (not asked for); the pairs drop it, so of
    two laws numbered 9-FZ the one that changed an article compared is found, not neither."""
    first, second = make_law(slug="law-a", short_name="A"), make_law(slug="law-b", short_name="B")
    asked, compared = make_article(law=first, number="1"), make_article(law=second, number="2")
    other = make_article(law=first, number="2")
    make_version(asked, valid_from=date(2001, 1, 1))
    for article in (compared, other):
        make_version(article, valid_from=date(2001, 1, 1), valid_to=date(2009, 12, 31))
        amending = make_amendment(
            number="9-FZ", signed_on=date(2009, 12, 1), in_force_on=date(2010, 1, 1)
        )
        make_version(article, valid_from=date(2010, 1, 1), introduced_by=amending)
    comparison = build_comparison(
        [("law-a", "1"), ("law-b", "2")], date(2024, 1, 1), around_slug="9-FZ"
    )
    assert comparison.unknown == []
    assert comparison.around == compared.versions.get(valid_from=date(2010, 1, 1)).introduced_by
    assert [s.label for s in comparison.series] == [
        "A 1",
        "B 2",
        "B 2 before 9-FZ",
        "B 2 after 9-FZ",
    ]
