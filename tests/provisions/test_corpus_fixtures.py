"""The curated articles added from the КоАП and Criminal Code texts (issue "More of the law
held", item 4) load with their topics, versions and cited penalties."""

from datetime import date

import pytest

from provisions.models import Article, Citation, Penalty

pytestmark = pytest.mark.django_db

# law, number: topics, [(valid_from, valid_to, introduced_by number)]
EXPECTED = {
    ("administrative-code", "20.3.3"): (
        {"military-censorship", "speech"},
        [(date(2024, 1, 5), None, "640-FZ")],
    ),
    ("administrative-code", "19.34"): (
        {"foreign-agents"},
        [(date(2012, 11, 23), date(2023, 1, 8), "192-FZ"), (date(2023, 1, 9), None, "622-FZ")],
    ),
    ("administrative-code", "20.33"): (
        {"undesirable-organisations"},
        [(date(2015, 5, 23), date(2021, 7, 8), "129-FZ"), (date(2024, 8, 19), None, "264-FZ")],
    ),
    ("criminal-code", "276.1"): ({"treason"}, [(date(2025, 1, 8), None, "510-FZ")]),
    ("criminal-code", "284.2"): (
        {"sanctions-calls", "speech"},
        [(date(2022, 3, 4), date(2025, 5, 1), "32-FZ"), (date(2025, 5, 2), None, "90-FZ")],
    ),
}


def versions_of(law, number):
    article = Article.objects.get(law__slug=law, number=number)
    versions = article.versions.select_related("introduced_by").order_by("valid_from")
    return article, list(versions)


@pytest.mark.parametrize(("law", "number"), list(EXPECTED))
def test_article_loads_with_topics_and_versions(law, number):
    topics, periods = EXPECTED[law, number]
    article, versions = versions_of(law, number)
    assert set(article.topics.values_list("slug", flat=True)) == topics
    assert [(v.valid_from, v.valid_to, v.introduced_by.number) for v in versions] == periods
    for version in versions:
        assert version.text_ru
        assert Citation.objects.filter(version=version).exists()


@pytest.mark.parametrize(("law", "number"), list(EXPECTED))
def test_every_penalty_is_cited_with_a_quote_from_a_text(law, number):
    penalties = Penalty.objects.filter(
        version__article__law__slug=law, version__article__number=number
    )
    assert penalties.exists()
    for penalty in penalties:
        quotes = Citation.objects.filter(penalty=penalty).select_related("source")
        assert quotes.exists(), penalty
        assert all(
            c.quote and c.source.kind in {"consolidated_text", "conversion", "official_text"}
            for c in quotes
        )


def fines(law, number, valid_from, part):
    rows = Penalty.objects.filter(
        version__article__law__slug=law,
        version__article__number=number,
        version__valid_from=valid_from,
        part=part,
        kind="fine",
        unit="rub",
        role="main",
    )
    return {p.subject: (p.min, p.max) for p in rows}


def test_administrative_fines_per_subject():
    assert fines("administrative-code", "20.3.3", date(2024, 1, 5), "2") == {
        "citizen": (50_000, 100_000),
        "official": (200_000, 300_000),
        "legal_entity": (500_000, 1_000_000),
    }
    assert fines("administrative-code", "19.34", date(2012, 11, 23), "1") == {
        "official": (100_000, 300_000),
        "legal_entity": (300_000, 500_000),
    }
    assert fines("administrative-code", "19.34", date(2023, 1, 9), "9") == {"": (30_000, 50_000)}
    assert fines("administrative-code", "20.33", date(2024, 8, 19), "1") == {
        "citizen": (5_000, 15_000),
        "official": (20_000, 50_000),
        "legal_entity": (50_000, 100_000),
    }


def test_criminal_sanctions():
    current = Penalty.objects.filter(
        version__article__number="284.2", version__valid_from=date(2025, 5, 2)
    )
    prison = current.get(part="2", kind="imprisonment", role="main")
    assert (prison.min, prison.max, prison.unit) == (None, 5, "years")
    fine = current.get(part="2", kind="fine", role="main", unit="rub")
    assert (fine.min, fine.max) == (1_000_000, 3_000_000)
