"""The kinds of penalty and their units stored on versions and articles, and each article's
topics as bits (kept by triggers on both databases), and the list's facets and totals read
from them: the same counts as computed from the penalties and topics themselves."""

import re
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.http import QueryDict

from provisions.derived import derived_triggers_suspended, rebuild_figures, rebuild_kinds
from provisions.models import Article, ArticleVersion, Penalty, Topic
from provisions.models.laws import TOPIC_BIT_IDS
from provisions.penalties import PENALTY_KIND_BITS, PENALTY_UNIT_BITS
from provisions.validation import stale_penalty_kinds
from search.facets import facet_counts
from search.filters import ArticleFilter
from tests.factories import make_article, make_law, make_penalty, make_version

pytestmark = pytest.mark.django_db

FINE, PRISON, ARREST = (PENALTY_KIND_BITS[k] for k in ("fine", "imprisonment", "arrest"))


def kinds(article) -> int:
    return Article.objects.get(pk=article.pk).current_penalty_kinds


def units(article) -> int:
    return Article.objects.get(pk=article.pk).current_penalty_units


def test_every_kind_of_penalty_has_its_own_bit():
    assert set(PENALTY_KIND_BITS) == set(Penalty.Kind.values)
    assert len(set(PENALTY_KIND_BITS.values())) == len(PENALTY_KIND_BITS)


def test_every_unit_has_its_own_bit():
    assert set(PENALTY_UNIT_BITS) == set(Penalty.Unit.values) - {""}
    assert len(set(PENALTY_UNIT_BITS.values())) == len(PENALTY_UNIT_BITS)


def test_the_triggers_keep_the_current_versions_units_on_the_article():
    years, months, rub = (PENALTY_UNIT_BITS[u] for u in ("years", "months", "rub"))
    article = make_article()
    old = make_version(article, valid_from=date(2000, 1, 1), valid_to=date(2009, 12, 31))
    make_penalty(old, kind="arrest", min=None, max=6, unit="months")
    current = make_version(article, valid_from=date(2010, 1, 1))
    assert units(article) == 0
    fine = make_penalty(current, kind="fine", min=None, max=100_000, unit="rub")
    make_penalty(current, kind="imprisonment")
    assert units(article) == rub | years
    fine.kind = "arrest"
    fine.unit = "months"
    fine.save()
    assert units(article) == months | years
    Penalty.objects.filter(version=current, kind="imprisonment").delete()
    assert units(article) == months
    current.delete()
    ArticleVersion.objects.filter(pk=old.pk).update(valid_to=None)
    assert units(article) == months
    assert stale_penalty_kinds() == []


def test_a_stale_unit_is_reported_and_a_rebuild_repairs_it():
    version = make_version()
    make_penalty(version, kind="fine", min=None, max=1000, unit="rub")
    ArticleVersion.objects.filter(pk=version.pk).update(penalty_units=0)
    assert len(stale_penalty_kinds()) == 1
    rebuild_kinds()
    assert stale_penalty_kinds() == []


def test_the_triggers_keep_the_current_versions_kinds_on_the_article():
    article = make_article()
    old = make_version(article, valid_from=date(2000, 1, 1), valid_to=date(2009, 12, 31))
    make_penalty(old, kind="arrest", min=None, max=6, unit="months")
    current = make_version(article, valid_from=date(2010, 1, 1))
    assert kinds(article) == 0
    fine = make_penalty(current, kind="fine", min=None, max=100_000, unit="rub")
    make_penalty(current, kind="imprisonment")
    make_penalty(current, part="2", kind="imprisonment")
    assert kinds(article) == FINE | PRISON
    fine.kind = "arrest"
    fine.unit = "months"
    fine.save()
    assert kinds(article) == ARREST | PRISON
    Penalty.objects.filter(version=current, kind="imprisonment").delete()
    assert kinds(article) == ARREST
    # The older version becomes the open one again.
    current.delete()
    ArticleVersion.objects.filter(pk=old.pk).update(valid_to=None)
    assert kinds(article) == ARREST
    assert stale_penalty_kinds() == []


def test_a_stale_kind_is_reported_and_a_rebuild_repairs_it():
    version = make_version()
    make_penalty(version, kind="fine", min=None, max=1000, unit="rub")
    ArticleVersion.objects.filter(pk=version.pk).update(penalty_kinds=0)
    assert len(stale_penalty_kinds()) == 1
    rebuild_kinds()
    assert stale_penalty_kinds() == []


def facets_both_ways(query: str):
    """The facets and total from the stored kinds, and computed from the penalties."""
    results = []
    for figures_hold in (True, False):
        data = QueryDict(query)
        filterset = ArticleFilter(data, queryset=Article.objects.all(), figures_hold=figures_hold)
        assert filterset.is_valid(), filterset.errors
        facets, total = facet_counts(filterset)
        results.append((facets, filterset.qs.count() if total is None else total))
    return results


@pytest.mark.parametrize(
    "query",
    [
        "",
        "law={law}",
        "penalty_kind=fine",
        "law={law}&penalty_kind=imprisonment",
        "topic=espionage",
        "q=государственной",
        "max_prison_years_min=10&penalty_kind=restriction_of_freedom",
        "law=criminal-code&penalty_kind=arrest",
        "penalty_unit=rub",
        "penalty_unit=years&penalty_kind=fine",
        "law={law}&penalty_unit=rub&penalty_kind=fine",
        "penalty_unit=hours",
    ],
)
def test_stored_facets_and_totals_equal_the_computed_ones(query):
    law = make_law()
    for n in range(6):
        version = make_version(make_article(law=law, number=str(n + 1)))
        make_penalty(version, max=n + 2)
        if n % 2:
            make_penalty(version, part="2", kind="fine", min=None, max=5000, unit="rub")
    stored, computed = facets_both_ways(query.format(law=law.slug))
    assert stored == computed
    assert stored[1] > 0 or "arrest" in query or "hours" in query


DERIVED_TRIGGERS = {
    "postgresql": [
        "provisions_penalty_figures_write",
        "provisions_version_figures_write",
        "provisions_amendment_figures_write",
        "provisions_penalty_kinds_write",
        "provisions_version_kinds_write",
        "provisions_penalty_units_write",
        "provisions_version_units_write",
    ],
    "sqlite": [
        f"provisions_{table}_{what}_{event}"
        for table, what, events in [
            ("penalty", "figures", ("insert", "update", "delete")),
            ("version", "figures", ("insert", "update", "delete")),
            ("amendment", "figures", ("update",)),
            ("penalty", "kinds", ("insert", "update", "delete")),
            ("version", "kinds", ("insert", "update", "delete")),
            ("penalty", "units", ("insert", "update", "delete")),
            ("version", "units", ("insert", "update", "delete")),
        ]
        for event in events
    ],
}


def trigger_sql() -> dict[str, str]:
    """Each trigger of the database by name, with the SQL it runs (whitespace collapsed)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT t.tgname, pg_get_triggerdef(t.oid) || ' ' || p.prosrc FROM pg_trigger t "
                "JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal"
            )
        else:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        return {name: " ".join(sql.split()) for name, sql in cursor.fetchall()}


def stored(version) -> ArticleVersion:
    return ArticleVersion.objects.get(pk=version.pk)


def test_the_derived_data_triggers_exist_and_sqlites_ask_whether_to_run():
    triggers = trigger_sql()
    for name in DERIVED_TRIGGERS[connection.vendor]:
        assert name in triggers, name
        if connection.vendor == "sqlite":
            assert " WHEN lawbase_triggers_on() BEGIN " in triggers[name], name


def test_the_overlap_guard_exists_once_and_always_runs():
    triggers = trigger_sql()
    guards = [name for name in triggers if name.startswith("articleversion_no_overlap")]
    if connection.vendor == "sqlite":
        assert sorted(guards) == [
            "articleversion_no_overlap_insert",
            "articleversion_no_overlap_update",
        ]
        assert not [name for name in guards if "lawbase_triggers_on" in triggers[name]]
    else:
        assert guards == []  # an exclusion constraint instead
    article = make_article()
    make_version(article, valid_from=date(2000, 1, 1))
    with derived_triggers_suspended(), pytest.raises(IntegrityError), transaction.atomic():
        make_version(article, valid_from=date(2001, 1, 1))


def test_the_kind_bits_the_triggers_spell_out_are_the_vocabulary():
    triggers = trigger_sql()
    name = next(n for n in DERIVED_TRIGGERS[connection.vendor] if "penalty_kinds" in n)
    spelled = dict(re.findall(r"WHEN '(\w+)' THEN (\d+)", triggers[name]))
    assert {kind: int(bit) for kind, bit in spelled.items()} == PENALTY_KIND_BITS


def test_the_unit_bits_the_triggers_spell_out_are_the_vocabulary():
    triggers = trigger_sql()
    name = next(n for n in DERIVED_TRIGGERS[connection.vendor] if "penalty_units" in n)
    spelled = dict(re.findall(r"WHEN '(\w+)' THEN (\d+)", triggers[name]))
    assert {unit: int(bit) for unit, bit in spelled.items()} == PENALTY_UNIT_BITS


def test_a_versions_highest_prison_term_is_its_highest_main_prison_months():
    version = make_version()
    make_penalty(version, kind="imprisonment", max=3, unit="years")
    make_penalty(version, part="2", kind="imprisonment", min=None, max=42, unit="months")
    make_penalty(version, part="3", kind="imprisonment", role="additional", max=10)
    make_penalty(version, part="4", kind="fine", min=None, max=60, unit="months")
    assert stored(version).max_prison_months == 42
    assert Article.objects.get(pk=version.article_id).current_max_prison_months == 42


def test_suspended_triggers_leave_the_figures_to_the_rebuild():
    article = make_article()
    with derived_triggers_suspended():
        version = make_version(article, valid_from=date(2000, 1, 1))
        make_penalty(version, kind="fine", min=None, max=1000, unit="rub")
        make_penalty(version, part="2", max=4)
    assert stored(version).max_prison_months is None
    assert Article.objects.get(pk=article.pk).current_version_id is None

    rebuild_figures()
    rebuild_kinds()
    version = stored(version)
    assert version.max_prison_months == 48
    assert version.penalty_kinds == PENALTY_KIND_BITS["fine"] | PENALTY_KIND_BITS["imprisonment"]
    assert version.penalty_units == PENALTY_UNIT_BITS["rub"] | PENALTY_UNIT_BITS["years"]
    article = Article.objects.get(pk=article.pk)
    assert (article.current_version_id, article.current_max_prison_months) == (version.pk, 48)

    make_penalty(version, part="3", max=9)  # switched back on after the block
    assert stored(version).max_prison_months == 108


def test_the_switch_is_back_on_after_an_error():
    with pytest.raises(RuntimeError), derived_triggers_suspended():
        raise RuntimeError
    version = make_version()
    make_penalty(version, max=6)
    assert stored(version).max_prison_months == 72


# --- topics as bits (provisions migration 0011) -------------------------------------------


def topic_bits(article) -> int:
    return Article.objects.get(pk=article.pk).topic_bits or 0


def topic_with_a_bit(slug: str) -> Topic:
    """A new topic with an id that has a bit: the sequence may be past 63 after many tests."""
    pk = next(i for i in TOPIC_BIT_IDS if not Topic.objects.filter(pk=i).exists())
    return Topic.objects.create(pk=pk, slug=slug, name_en=slug.title())


def test_the_triggers_keep_each_articles_topics_as_bits():
    first, second = topic_with_a_bit("first"), topic_with_a_bit("second")
    article, other = make_article(), make_article()
    assert topic_bits(article) == 0
    article.topics.add(first, second)
    other.topics.add(second)
    assert topic_bits(article) == first.bit | second.bit
    assert topic_bits(other) == second.bit
    article.topics.remove(first)
    assert topic_bits(article) == second.bit
    second.delete()  # its rows go, and with them its bit
    assert topic_bits(article) == 0
    assert topic_bits(other) == 0


def test_the_triggers_run_during_bulk_loads_too():
    topic = topic_with_a_bit("bulk")
    article = make_article()
    with derived_triggers_suspended():
        Article.topics.through.objects.bulk_create(
            [Article.topics.through(article=article, topic=topic)]
        )
    assert topic_bits(article) == topic.bit


def test_a_topic_beyond_the_bits_is_filtered_and_counted_through_its_table():
    early = topic_with_a_bit("early")
    late = Topic.objects.create(pk=max(TOPIC_BIT_IDS) + 1, slug="late", name_en="Late")
    assert late.bit is None
    article, other = make_article(), make_article()
    article.topics.add(early, late)
    other.topics.add(early)
    assert topic_bits(article) == early.bit  # the late topic has no bit
    for topic, expected in ((late, [article.pk]), (early, sorted([article.pk, other.pk]))):
        listed = ArticleFilter(QueryDict(f"topic={topic.slug}"), queryset=Article.objects.all())
        assert listed.is_valid()
        assert sorted(listed.qs.values_list("pk", flat=True)) == expected
        facets, _ = facet_counts(listed)
        counted = {choice["value"]: choice["n"] for choice in facets["topic"]}
        assert (counted["early"], counted["late"]) == (2, 1)
