"""ArticleFilter: each filter, leaving filters out for the facets, invalid input, and the
request-wide reads and decisions one instance holds."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from provisions.models import Article, Law, Topic
from search import engine
from search.filters import ArticleFilter
from tests.factories import make_amendment, make_article, make_law, make_penalty, make_version

pytestmark = pytest.mark.django_db


def valid(query: str = "", **kwargs) -> ArticleFilter:
    filterset = ArticleFilter(QueryDict(query), queryset=Article.objects.all(), **kwargs)
    assert filterset.is_valid(), filterset.errors
    return filterset


def numbers(queryset) -> list[str]:
    return [article.number for article in queryset]


@pytest.fixture
def law():
    """Articles 1–4 with a top prison term of 2, 4, 6 and 8 years; 2 and 4 also fine; 5 for
    life; 6 in force until 2009 only; 7 amended by a law in force in 2020."""
    law = make_law()
    for n in range(1, 5):
        version = make_version(make_article(law=law, number=str(n)))
        make_penalty(version, min=1, max=2 * n)
        if n % 2 == 0:
            make_penalty(version, part="2", kind="fine", min=None, max=5000, unit="rub")
    life = make_version(make_article(law=law, number="5"))
    make_penalty(life, kind="life_imprisonment", min=None, max=None, unit="")
    make_version(make_article(law=law, number="6"), valid_to=date(2009, 12, 31))
    amended = make_article(law=law, number="7")
    make_version(amended, valid_to=date(2020, 1, 9))
    make_version(amended, valid_from=date(2020, 1, 10), introduced_by=make_amendment())
    return law


def in_law(law, query: str = "") -> list[str]:
    return numbers(valid(f"law={law.slug}&{query}").qs)


def test_without_filters_every_article_is_listed_by_law_and_number():
    listed = list(valid().qs)
    assert len(listed) == Article.objects.count()
    keys = [(article.law.slug, article.sort_key) for article in listed]
    assert keys == sorted(keys)


def test_the_law_filter(law):
    assert in_law(law) == ["1", "2", "3", "4", "5", "6", "7"]


def test_the_topic_filter():
    listed = valid("topic=espionage").qs
    assert listed.exists()
    espionage = Topic.objects.get(slug="espionage")
    assert all(espionage in article.topics.all() for article in listed)
    assert listed.count() == espionage.articles.count()


def test_the_text_filter_ranks_the_best_match_first():
    listed = numbers(valid("q=шпионаж&law=criminal-code").qs)
    assert "276" in listed


def test_the_penalty_kind_filter(law):
    assert in_law(law, "penalty_kind=fine") == ["2", "4"]
    assert in_law(law, "penalty_kind=life_imprisonment") == ["5"]


def test_the_prison_term_filters_count_a_life_term_as_the_heaviest(law):
    assert in_law(law, "max_prison_years_min=5") == ["3", "4", "5"]
    assert in_law(law, "max_prison_years_max=4") == ["1", "2"]
    assert in_law(law, "max_prison_years_min=3&max_prison_years_max=6") == ["2", "3"]


def test_the_in_force_filter_describes_that_day(law):
    assert "6" not in in_law(law, "in_force_on=2015-01-01")
    assert "6" in in_law(law, "in_force_on=2005-01-01")
    assert valid("in_force_on=2005-01-01").day == date(2005, 1, 1)


def test_the_amended_in_filter(law):
    assert in_law(law, "amended_in=2020") == ["7"]
    assert in_law(law, "amended_in=2021") == []


def test_the_sort_orders(law):
    assert in_law(law, "sort=heaviest")[:5] == ["5", "4", "3", "2", "1"]
    assert in_law(law, "sort=recent")[0] == "7"


def test_exclude_leaves_just_those_filters_out(law):
    filterset = valid(f"law={law.slug}&penalty_kind=fine")
    base = filterset.queryset.all()
    assert numbers(filterset.filter_queryset(base)) == ["2", "4"]
    assert numbers(filterset.filter_queryset(base, exclude=("penalty_kind",))) == in_law(law)
    fines = set(numbers(valid("penalty_kind=fine").qs))
    assert set(numbers(filterset.filter_queryset(base, exclude=("law",)))) == fines
    assert set(numbers(filterset.without("law", "penalty_kind"))) == set(numbers(valid().qs))


def test_without_is_unordered():
    assert not valid("sort=heaviest").without("law").query.order_by


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("law=no-such-law", "law"),
        ("topic=no-such-topic", "topic"),
        ("penalty_kind=flogging", "penalty_kind"),
        ("max_prison_years_min=-1", "max_prison_years_min"),
        ("max_prison_years_max=101", "max_prison_years_max"),
        ("max_prison_years_min=ten", "max_prison_years_min"),
        ("in_force_on=2020-13-01", "in_force_on"),
        ("amended_in=1800", "amended_in"),
        ("sort=shortest", "sort"),
        ("q=" + "x" * 301, "q"),
    ],
)
def test_invalid_input_is_a_form_error_of_its_field(query, field):
    filterset = ArticleFilter(QueryDict(query), queryset=Article.objects.all())
    assert not filterset.is_valid()
    assert list(filterset.errors) == [field]


def test_an_unknown_law_or_topic_says_what_the_model_choice_said():
    filterset = ArticleFilter(QueryDict("law=nope&topic=nope"), queryset=Article.objects.all())
    assert not filterset.is_valid()
    message = "Select a valid choice. That choice is not one of the available choices."
    assert filterset.errors == {"law": [message], "topic": [message]}


def test_the_law_and_topic_clean_to_their_objects():
    cleaned = valid("law=criminal-code&topic=espionage").form.cleaned_data
    assert cleaned["law"] == Law.objects.get(slug="criminal-code")
    assert cleaned["topic"] == Topic.objects.get(slug="espionage")
    assert valid().form.cleaned_data["law"] is None


def test_the_form_offers_laws_and_topics_in_the_models_order():
    form = valid().form
    laws = [(law.slug, law.short_name) for law in Law.objects.all()]
    topics = [(topic.slug, topic.name_en) for topic in Topic.objects.all()]
    assert list(form.fields["law"].choices) == [("", "Any law"), *laws]
    assert list(form.fields["topic"].choices) == [("", "Any topic"), *topics]
    assert [law.slug for law in valid().laws] == [
        law.slug for law in Law.objects.order_by("short_name")
    ]


def test_laws_and_topics_are_read_once_for_validating_rendering_and_facets():
    with CaptureQueriesContext(connection) as context:
        filterset = valid("law=criminal-code&topic=espionage")
        str(filterset.form)
        assert filterset.laws and filterset.topics and filterset.law_options
        str(filterset.form)
    tables = [query["sql"].split(" FROM ")[1].split()[0] for query in context.captured_queries]
    assert tables == ['"provisions_law"', '"provisions_topic"']


def test_a_filter_without_law_or_topic_reads_neither():
    with CaptureQueriesContext(connection) as context:
        valid("penalty_kind=fine")
    assert len(context) == 0


def test_whether_the_figures_hold_is_asked_once():
    filterset = valid()
    with CaptureQueriesContext(connection) as context:
        first, second = filterset.figures_hold, filterset.figures_hold
    assert first is second is Article.objects.figures_hold_on(date.today())
    assert len(context) == 1


def test_another_day_never_holds_and_asks_nothing():
    filterset = valid("in_force_on=2015-01-01")
    with CaptureQueriesContext(connection) as context:
        assert filterset.figures_hold is False
    assert len(context) == 0


def test_the_caller_may_give_the_figures_decision():
    assert valid(figures_hold=False).figures_hold is False
    tomorrow = date.today() + timedelta(days=1)
    make_version(valid_from=tomorrow)  # an amendment applied ahead of time
    assert valid().figures_hold is False


def test_the_list_and_its_facets_share_one_search_decision():
    filterset = valid("q=шпионаж&law=criminal-code")
    limit = f"LIMIT {engine.FULL_RANK_LIMIT + 1}"
    with CaptureQueriesContext(connection) as context:
        list(filterset.qs)
        list(filterset.without("law").values("pk"))
        list(filterset.without("topic").values("pk"))
    # the decision counts once, in one statement: the index rows, then their articles
    # (search.count_matching)
    assert len([q for q in context.captured_queries if limit in q["sql"]]) == 1
    assert len([key for key in filterset.search_decisions if key != "info"]) == 1


def test_amended_in_is_a_whole_year(client):
    """ "2023.5" was read as 2023 on the HTML list while the API refused it."""
    queryset = Article.objects.all()
    assert not ArticleFilter(QueryDict("amended_in=2023.5"), queryset=queryset).is_valid()
    assert ArticleFilter(QueryDict("amended_in=2023"), queryset=queryset).is_valid()
    assert client.get("/provisions/", {"amended_in": "2023.5"}).status_code == 400
    assert client.get("/api/articles", {"amended_in": "2023.5"}).status_code == 400
