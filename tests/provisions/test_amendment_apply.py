"""Applying an amendment derives the right versions, atomically, once."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from provisions.amendment_apply import amendment_apply
from provisions.changes import refresh_article_effects
from provisions.models import ArticleChange, ArticleVersion, Penalty
from provisions.validation import changes_without_version
from tests.factories import (
    cite,
    make_amendment,
    make_article,
    make_change,
    make_penalty,
    make_version,
)

pytestmark = pytest.mark.django_db

Action = ArticleChange.Action


@pytest.fixture
def treason_like_article():
    """An article in force since 2012 with a 12–20 year term in part 1 and a fine in part 2."""
    article = make_article(number="9275")
    version = make_version(article, valid_from=date(2012, 11, 14), text_ru="старый текст")
    cite(penalty=make_penalty(version, part="1", min=12, max=20))
    make_penalty(version, part="2", kind=Penalty.Kind.FINE, min=None, max=500_000, unit="rub")
    return article


def test_amended_article_gets_a_new_version_and_the_old_one_closes_the_day_before(
    treason_like_article, editor
):
    amendment = make_amendment(signed_on=date(2023, 4, 28), in_force_on=date(2023, 5, 9))
    life = {"part": "1", "kind": Penalty.Kind.LIFE_IMPRISONMENT, "unit": ""}
    term = {"part": "1", "kind": Penalty.Kind.IMPRISONMENT, "min": 12, "max": 20, "unit": "years"}
    make_change(amendment, treason_like_article, penalties=[term, life], new_text_ru="новый текст")

    created = amendment_apply(amendment=amendment, user=editor)

    old, new = treason_like_article.versions.order_by("valid_from")
    assert created == [new]
    assert old.valid_to == date(2023, 5, 8)
    assert (new.valid_from, new.valid_to, new.introduced_by) == (date(2023, 5, 9), None, amendment)
    assert new.text_ru == "новый текст"
    kinds = sorted((p.part, p.kind) for p in new.penalties.all())
    assert kinds == [("1", "imprisonment"), ("1", "life_imprisonment"), ("2", "fine")]
    assert old.penalties.count() == 2, "the old version keeps its penalties"
    amendment.refresh_from_db()
    assert amendment.applied_by == editor and amendment.applied_at is not None


def test_carried_over_penalties_keep_their_citations(treason_like_article):
    amendment = make_amendment(in_force_on=date(2020, 1, 10))
    make_change(amendment, treason_like_article)  # wording only; penalties carry over

    amendment_apply(amendment=amendment)

    new = treason_like_article.versions.get(valid_to__isnull=True)
    carried = new.penalties.get(part="1")
    assert carried.citations.count() == 1
    assert new.text_ru == "старый текст"


def test_history_records_who_made_each_change(treason_like_article, editor):
    amendment = make_amendment()
    make_change(amendment, treason_like_article)

    amendment_apply(amendment=amendment, user=editor)

    new = treason_like_article.versions.get(valid_to__isnull=True)
    assert new.history.first().history_user == editor
    closed = treason_like_article.versions.get(valid_to__isnull=False)
    assert closed.history.first().history_user == editor
    assert closed.history.first().history_type == "~"


def test_applying_twice_does_nothing_the_second_time(treason_like_article):
    amendment = make_amendment()
    make_change(amendment, treason_like_article)

    assert len(amendment_apply(amendment=amendment)) == 1
    assert amendment_apply(amendment=amendment) == []
    assert treason_like_article.versions.count() == 2


def test_one_invalid_change_rolls_back_every_change(treason_like_article):
    untouched_article = make_article()  # no version in force: cannot be amended
    amendment = make_amendment()
    make_change(amendment, treason_like_article)
    make_change(amendment, untouched_article)
    before = list(ArticleVersion.objects.values_list("pk", "valid_to").order_by("pk"))

    with pytest.raises(ValidationError, match="no version in force"):
        amendment_apply(amendment=amendment)

    assert list(ArticleVersion.objects.values_list("pk", "valid_to").order_by("pk")) == before
    amendment.refresh_from_db()
    assert amendment.applied_at is None


def test_amendment_in_force_before_the_current_version_is_refused(treason_like_article):
    amendment = make_amendment(signed_on=date(2010, 1, 1), in_force_on=date(2010, 1, 1))
    make_change(amendment, treason_like_article)

    with pytest.raises(ValidationError, match="not before this amendment"):
        amendment_apply(amendment=amendment)


def test_added_article_gets_its_first_version():
    article = make_article()
    amendment = make_amendment(signed_on=date(2022, 7, 14), in_force_on=date(2022, 7, 25))
    term = {"part": "1", "kind": Penalty.Kind.IMPRISONMENT, "min": 3, "max": 8, "unit": "years"}
    make_change(amendment, article, action=Action.ADDED, penalties=[term])

    (version,) = amendment_apply(amendment=amendment)

    assert version.valid_from == date(2022, 7, 25) and version.valid_to is None
    assert version.penalties.get().max == 8


def test_repeal_closes_the_version_and_marks_the_article(treason_like_article):
    amendment = make_amendment(in_force_on=date(2024, 1, 1), signed_on=date(2023, 12, 1))
    make_change(amendment, treason_like_article, action=Action.REPEALED)

    assert amendment_apply(amendment=amendment) == []

    treason_like_article.refresh_from_db()
    assert treason_like_article.repealed_on == date(2024, 1, 1)
    assert treason_like_article.versions.get().valid_to == date(2023, 12, 31)


def test_an_amendment_without_changes_is_refused():
    with pytest.raises(ValidationError, match="no article changes"):
        amendment_apply(amendment=make_amendment())


# Two laws in force the same day on one article, as 258-FZ and 260-FZ of 14.07.2022 both
# amend Criminal Code art. 104.1. The laws and dates below are the tests' own.

SAME_DAY = date(2022, 7, 25)


@pytest.fixture
def same_day_pair(treason_like_article):
    """Two amendments in force on SAME_DAY: the first rewrites part 1, the second part 2 and
    the Russian wording."""
    first = make_amendment(
        slug="test-first-same-day",
        number="8258-FZ",
        signed_on=date(2022, 7, 14),
        in_force_on=SAME_DAY,
    )
    second = make_amendment(
        slug="test-second-same-day",
        number="8260-FZ",
        signed_on=date(2022, 7, 14),
        in_force_on=SAME_DAY,
    )
    term = {"part": "1", "kind": Penalty.Kind.IMPRISONMENT, "min": 15, "max": 20, "unit": "years"}
    fine = {"part": "2", "kind": Penalty.Kind.FINE, "max": 1_000_000, "unit": "rub"}
    make_change(first, treason_like_article, penalties=[term], description="Part 1 harsher.")
    make_change(
        second,
        treason_like_article,
        penalties=[fine],
        new_text_ru="текст второго закона",
        description="Part 2: a larger fine.",
    )
    return treason_like_article, first, second


def timeline(article) -> list[tuple]:
    return list(article.versions.order_by("valid_from").values_list("valid_from", "valid_to"))


def penalties_of(version) -> list[tuple]:
    return sorted(version.penalties.values_list("part", "kind", "min", "max", "unit"))


def test_the_second_law_of_the_same_day_is_merged_into_the_first_ones_version(same_day_pair):
    article, first, second = same_day_pair

    assert len(amendment_apply(amendment=first)) == 1
    assert amendment_apply(amendment=second) == [], "no new version: merged into the first's"

    assert timeline(article) == [(date(2012, 11, 14), date(2022, 7, 24)), (SAME_DAY, None)]
    merged = article.versions.get(valid_from=SAME_DAY)
    assert merged.introduced_by == first
    assert merged.text_ru == "текст второго закона"
    assert penalties_of(merged) == [
        ("1", "imprisonment", 15, 20, "years"),
        ("2", "fine", None, 1_000_000, "rub"),
    ]
    assert merged.note.startswith("Part 1 harsher.")
    assert "Also amended by 8260-FZ of 14.07.2022, in force the same day: Part 2" in merged.note
    second.refresh_from_db()
    assert second.applied_at is not None


@pytest.mark.parametrize("order", ["first, second", "second, first"])
def test_the_merged_version_does_not_depend_on_the_order_of_applying(same_day_pair, order):
    article, first, second = same_day_pair
    applied = [first, second] if order == "first, second" else [second, first]

    for amendment in applied:
        amendment_apply(amendment=amendment)

    assert timeline(article) == [(date(2012, 11, 14), date(2022, 7, 24)), (SAME_DAY, None)]
    merged = article.versions.get(valid_from=SAME_DAY)
    assert merged.introduced_by == applied[0], "the version keeps the law that opened it"
    assert f"Also amended by {applied[1].number}" in merged.note
    assert merged.text_ru == "текст второго закона"
    assert penalties_of(merged) == [
        ("1", "imprisonment", 15, 20, "years"),
        ("2", "fine", None, 1_000_000, "rub"),
    ]


def test_where_both_laws_rewrite_one_part_the_later_applied_wins(treason_like_article):
    first = make_amendment(signed_on=date(2022, 7, 14), in_force_on=SAME_DAY)
    second = make_amendment(signed_on=date(2022, 7, 14), in_force_on=SAME_DAY)
    for amendment, top in ((first, 15), (second, 18)):
        term = {"part": "1", "kind": "imprisonment", "min": 12, "max": top, "unit": "years"}
        make_change(amendment, treason_like_article, penalties=[term])

    amendment_apply(amendment=first)
    amendment_apply(amendment=second)

    merged = treason_like_article.versions.get(valid_from=SAME_DAY)
    assert merged.penalties.get(part="1").max == 18
    assert merged.penalties.get(part="2").kind == "fine", "an untouched part carries over"


def test_a_merge_keeps_the_stored_effects_as_any_recomputation_would(same_day_pair):
    article, first, second = same_day_pair
    amendment_apply(amendment=first)
    amendment_apply(amendment=second)

    assert refresh_article_effects([article.pk]) == 0, "nothing left stale by the merge"
    assert changes_without_version() == []


def test_a_merged_version_is_only_as_certain_as_its_less_certain_change(same_day_pair):
    article, first, second = same_day_pair
    second.changes.update(certainty="inferred")
    amendment_apply(amendment=first)
    amendment_apply(amendment=second)

    assert article.versions.get(valid_from=SAME_DAY).certainty == "inferred"


def test_a_failed_second_apply_leaves_the_first_ones_version_as_it_was(same_day_pair):
    article, first, second = same_day_pair
    amendment_apply(amendment=first)
    merged = article.versions.get(valid_from=SAME_DAY)
    before = (merged.text_ru, merged.note, penalties_of(merged))
    make_change(second, make_article())  # no version in force: the whole apply is refused

    with pytest.raises(ValidationError, match="no version in force"):
        amendment_apply(amendment=second)

    merged.refresh_from_db()
    assert (merged.text_ru, merged.note, penalties_of(merged)) == before
    second.refresh_from_db()
    assert second.applied_at is None


def test_a_write_the_database_refuses_during_a_merge_rolls_the_merge_back(same_day_pair):
    article, first, second = same_day_pair
    amendment_apply(amendment=first)
    merged = article.versions.get(valid_from=SAME_DAY)
    before = (merged.text_ru, merged.note, penalties_of(merged))
    second.changes.get().penalties.update(note="refused by the test trigger")
    refuse_penalties_noted("refused by the test trigger")

    with pytest.raises(ValidationError, match="database refused"):
        amendment_apply(amendment=second)

    merged.refresh_from_db()
    assert (merged.text_ru, merged.note, penalties_of(merged)) == before, "part 2 not lost"
    second.refresh_from_db()
    assert second.applied_at is None


def refuse_penalties_noted(note: str):
    """A real refusal by the database: a trigger (dropped with the test's transaction) that
    rejects inserting a penalty with this note, after the merge has deleted the old one."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION test_refuse_penalty() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN IF NEW.note = '{note}' THEN RAISE EXCEPTION 'refused' "
                "USING ERRCODE = 'check_violation'; END IF; RETURN NEW; END $$"
            )
            cursor.execute(
                "CREATE TRIGGER test_refuse_penalty BEFORE INSERT ON provisions_penalty "
                "FOR EACH ROW EXECUTE FUNCTION test_refuse_penalty()"
            )
        else:
            cursor.execute(
                "CREATE TEMP TRIGGER test_refuse_penalty BEFORE INSERT ON provisions_penalty "
                f"WHEN NEW.note = '{note}' BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )


def test_a_same_day_repeal_of_an_article_another_law_amends_is_refused(same_day_pair):
    article, first, second = same_day_pair
    second.changes.update(action=Action.REPEALED)
    amendment_apply(amendment=first)

    with pytest.raises(ValidationError, match="opened its version on 2022-07-25"):
        amendment_apply(amendment=second)

    assert timeline(article) == [(date(2012, 11, 14), date(2022, 7, 24)), (SAME_DAY, None)]


def test_a_version_no_amendment_opened_is_never_merged_into(treason_like_article):
    treason_like_article.versions.update(valid_to=date(2029, 12, 31))
    make_version(treason_like_article, valid_from=date(2030, 1, 1))  # an editor's, no law
    amendment = make_amendment(signed_on=date(2029, 12, 1), in_force_on=date(2030, 1, 1))
    make_change(amendment, treason_like_article)

    with pytest.raises(ValidationError, match="not before this amendment"):
        amendment_apply(amendment=amendment)


def test_the_admin_applies_two_laws_of_one_day_together(editor_client, same_day_pair):
    article, first, second = same_day_pair

    response = editor_client.post(
        "/admin/provisions/amendment/",
        {"action": "apply_selected", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Applied 8258-FZ" in page and "Applied 8260-FZ" in page
    assert timeline(article) == [(date(2012, 11, 14), date(2022, 7, 24)), (SAME_DAY, None)]
