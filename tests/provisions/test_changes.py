"""The effect of a change (harsher, softer, …): stored when the amendment is applied or the
corpus loaded, and read by the amendment pages, the API and the list's ?effect= filter."""

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command

from provisions.amendment_apply import amendment_apply
from provisions.changes import (
    amendment_effect,
    change_effect,
    change_verdict,
    store_change_effects,
    versions_around,
)
from provisions.models import Amendment, ArticleChange, ArticleVersion, Penalty
from tests.factories import (
    make_amendment,
    make_article,
    make_change,
    make_penalty,
    make_version,
)

pytestmark = pytest.mark.django_db

Action = ArticleChange.Action


@pytest.fixture
def article():
    """In force since 2012: 12–20 years in part 1, a fine in part 2."""
    article = make_article(number="9275")
    version = make_version(article, valid_from=date(2012, 11, 14))
    make_penalty(version, part="1", min=12, max=20)
    make_penalty(version, part="2", kind=Penalty.Kind.FINE, min=None, max=500_000, unit="rub")
    return article


def stored(change) -> tuple[str, list[str]]:
    change.refresh_from_db()
    return change.effect, change.effect_reasons


def test_applying_stores_each_changes_effect(article):
    amendment = make_amendment(signed_on=date(2023, 4, 28), in_force_on=date(2023, 5, 9))
    term = {"part": "1", "kind": "imprisonment", "min": 12, "max": 20, "unit": "years"}
    life = {"part": "1", "kind": "life_imprisonment", "unit": ""}
    change = make_change(amendment, article, penalties=[term, life])
    assert stored(change) == ("", [])

    amendment_apply(amendment=amendment)

    assert stored(change) == ("harsher", ["part 1: max 20 years → life"])


def test_a_wording_only_change_is_stored_as_unchanged(article):
    amendment = make_amendment(in_force_on=date(2020, 1, 10))
    change = make_change(amendment, article)
    amendment_apply(amendment=amendment)
    assert stored(change) == ("unchanged", [])


def test_applying_a_repeal_and_an_addition(article):
    repeal = make_amendment(signed_on=date(2023, 12, 1), in_force_on=date(2024, 1, 1))
    repealed = make_change(repeal, article, action=Action.REPEALED)
    new_article = make_article(number="9276")
    term = {"part": "1", "kind": "imprisonment", "min": 2, "max": 5, "unit": "years"}
    added = make_change(repeal, new_article, action=Action.ADDED, penalties=[term])

    amendment_apply(amendment=repeal)

    assert stored(repealed) == ("softer", ["the article was repealed"])
    assert stored(added) == ("harsher", ["new offence: the article was added"])


def test_an_amendment_not_applied_reads_as_before(client, article):
    amendment = make_amendment(in_force_on=date(2030, 1, 1), signed_on=date(2029, 12, 1))
    change = make_change(amendment, article)
    verdict = change_effect(change)
    assert (verdict.label, verdict.reasons) == (
        "unknown",
        ["the versions around this change are not recorded"],
    )
    (shown,) = client.get(f"/api/amendments/{amendment.slug}").json()["changes"]
    assert (shown["effect"], shown["effect_reasons"]) == ("unknown", verdict.reasons)
    listed = client.get("/amendments/", {"effect": "unknown"}).content.decode()
    assert amendment.number in listed


def test_the_curated_corpus_is_loaded_with_its_effects():
    changes = list(
        ArticleChange.objects.select_related("amendment", "article").prefetch_related(
            "article__versions__penalties"
        )
    )
    assert changes and all(change.effect for change in changes)
    for change in changes:
        fresh = change_verdict(change, *versions_around(change))
        assert (change.effect, change.effect_reasons) == (fresh.label, fresh.reasons), change
    treason = ArticleChange.objects.get(amendment__slug="157-fz-2023", article__number="275")
    assert treason.effect == "harsher"


def test_loading_the_corpus_again_keeps_the_effects():
    before = dict(ArticleChange.objects.values_list("pk", "effect"))
    call_command("load_corpus", verbosity=0)
    assert dict(ArticleChange.objects.values_list("pk", "effect")) == before


def test_storing_again_writes_nothing_new():
    assert store_change_effects(ArticleChange.objects.all()) == 0


def test_an_admin_edit_of_a_penalty_relabels_the_change(editor_client, article):
    amendment = make_amendment(signed_on=date(2023, 4, 28), in_force_on=date(2023, 5, 9))
    term = {"part": "1", "kind": "imprisonment", "min": 12, "max": 25, "unit": "years"}
    change = make_change(amendment, article, penalties=[term])
    (version,) = amendment_apply(amendment=amendment)
    assert stored(change)[0] == "harsher"
    penalty = version.penalties.get(part="1")

    form = {
        "version": version.pk,
        "part": "1",
        "subject": "",
        "kind": "imprisonment",
        "role": "main",
        "alternative": "0",
        "multiple_of": "",
        "min": "12",
        "max": "15",  # a correction: the new maximum is lower, not higher
        "unit": "years",
        "certainty": "confirmed",
        "note": "",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
    }
    response = editor_client.post(f"/admin/provisions/penalty/{penalty.pk}/change/", form)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert stored(change) == ("softer", ["part 1: max 20 years → 15 years"])


# --- the ?effect= filter reads the stored label over every amendment ------------------------

MANY = 520  # more than the 500 most recent amendments the filter used to examine
OLDEST_HARSHER = 30


def chain_of_amendments(count: int, harsher: int) -> list[Amendment]:
    """One article amended `count` times, a day apart; the `harsher` oldest amendments each
    raise its maximum term, the others change only its wording. Applied and labelled."""
    article = make_article(number="9999")
    start = date(1990, 1, 1)
    amendments = Amendment.objects.bulk_create(
        Amendment(
            slug=f"test-chain-{n}",
            number=f"C{n}-FZ",
            title_en=f"Chain amendment {n}",
            signed_on=start + timedelta(days=n),
            in_force_on=start + timedelta(days=n),
            applied_at=datetime(2024, 1, 1, tzinfo=UTC),
        )
        for n in range(1, count + 1)
    )
    versions = ArticleVersion.objects.bulk_create(
        ArticleVersion(
            article=article,
            valid_from=start + timedelta(days=n),
            valid_to=start + timedelta(days=n) if n < count else None,
            introduced_by=amendments[n - 1] if n else None,
        )
        for n in range(count + 1)
    )
    Penalty.objects.bulk_create(
        Penalty(
            version=version, part="1", kind="imprisonment", max=5 + min(n, harsher), unit="years"
        )
        for n, version in enumerate(versions)
    )
    ArticleChange.objects.bulk_create(
        ArticleChange(amendment=amendment, article=article, action=Action.AMENDED)
        for amendment in amendments
    )
    store_change_effects(ArticleChange.objects.filter(article=article))
    return amendments


@pytest.mark.usefixtures("no_result_cache")
def test_the_effect_filter_covers_every_amendment(client, django_assert_max_num_queries):
    amendments = chain_of_amendments(MANY, OLDEST_HARSHER)
    harsher = {a.number for a in amendments[:OLDEST_HARSHER]}
    assert Amendment.objects.count() > 500

    with django_assert_max_num_queries(5):  # laws, count, page, changes, editorial notes
        page = client.get("/amendments/", {"effect": "harsher"})

    rows = [
        item
        for section in page.context["sections"]
        for items in section["years"].values()
        for item in items
    ]
    assert harsher <= {item["amendment"].number for item in rows}
    assert all(item["effect"] == "harsher" for item in rows)
    assert "most recent amendments were examined" not in page.content.decode()
    unchanged = client.get("/amendments/", {"effect": "unchanged"})
    numbers = {a.number for a in amendments[OLDEST_HARSHER:]}
    assert unchanged.context["paginator"].count >= len(numbers)


def test_an_amendments_effect_combines_its_changes():
    first, second = make_article(), make_article()
    amendment = make_amendment()
    a = make_change(amendment, first)
    b = make_change(amendment, second)

    def label(effects):
        ArticleChange.objects.filter(pk=a.pk).update(effect=effects[0])
        ArticleChange.objects.filter(pk=b.pk).update(effect=effects[1])
        return Amendment.objects.with_effect().get(pk=amendment.pk).effect

    assert label(["harsher", "unchanged"]) == "harsher"
    assert label(["softer", "unknown"]) == "softer"
    assert label(["harsher", "softer"]) == "mixed"
    assert label(["mixed", "unchanged"]) == "mixed"
    assert label(["unchanged", "unknown"]) == "unchanged"
    assert label(["unknown", "unknown"]) == "unknown"
    assert label(["", ""]) == "unknown"  # amended, not yet labelled
    assert Amendment.objects.with_effect().get(pk=make_amendment().pk).effect == "unknown"


@pytest.mark.usefixtures("no_result_cache")
def test_the_timeline_combines_effects_as_the_queryset_does(client):
    # The timeline works each amendment's effect out in Python (provisions.changes.
    # amendment_effect); the ?effect= filter and the downloads in SQL (with_effect).
    first, second = make_article(), make_article()
    amendment = make_amendment(in_force_on=date(2001, 2, 3), signed_on=date(2001, 1, 1))
    a = make_change(amendment, first)
    b = make_change(amendment, second, action=Action.ADDED)
    stored = ["", "harsher", "softer", "mixed", "unchanged", "unknown"]
    for first_effect, second_effect in itertools.product(stored, stored):
        ArticleChange.objects.filter(pk=a.pk).update(effect=first_effect)
        ArticleChange.objects.filter(pk=b.pk).update(effect=second_effect)
        expected = Amendment.objects.with_effect().get(pk=amendment.pk).effect
        page = client.get("/amendments/", {"year": "2001"})
        [item] = [item for s in page.context["sections"] for item in s["years"][2001]]
        assert item["effect"] == expected, (first_effect, second_effect)
    assert amendment_effect([]) == "unknown"


def test_an_incomplete_earlier_sanction_gives_no_order():
    # The 1997 wording of art. 275: 12-20 years "с конфискацией имущества или без таковой";
    # confiscation of property is held only as a clause, not a penalty, so the 190-FZ
    # wording's added fine and restriction of liberty cannot make it "harsher".
    change = ArticleChange.objects.select_related("amendment", "article").get(
        amendment__slug="190-fz-2012", article__number="275"
    )
    before, after = versions_around(change)
    assert before.valid_from == date(1997, 1, 1)
    verdict = change_verdict(change, before, after)
    assert verdict.label == "unknown"
    assert verdict.reasons[0] == (
        "cannot tell: the earlier sanction is not fully held (part 1: «с конфискацией "
        "имущества или без таковой» not read into penalties)"
    )
    change.refresh_from_db()
    assert change.effect == "unknown"  # as stored by load_corpus


def test_the_curated_clause_loads_once():
    call_command("load_corpus", verbosity=0)
    version = ArticleVersion.objects.get(article__number="275", valid_from=date(1997, 1, 1))
    assert [c.text for c in version.unparsed_sanctions.all()] == [
        "с конфискацией имущества или без таковой"
    ]
