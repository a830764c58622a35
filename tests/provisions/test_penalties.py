"""The penalty vocabulary on plain objects: kinds, terms in months, summaries, harsher or
softer, and the Criminal Code art. 10 milder law. No database."""

from dataclasses import dataclass, field
from datetime import date

import pytest

from provisions.models import ArticleChange, ChangedPenalty, Penalty
from provisions.penalties import (
    ADDED,
    HARSHER,
    KIND_PHRASES,
    KINDS,
    LABELS,
    MIXED,
    PENALTY_KIND_BITS,
    PENALTY_WORDS,
    REPEALED,
    SANCTION_PHRASES_RU,
    SOFTER,
    TERMLESS_KINDS,
    UNCHANGED,
    UNKNOWN,
    Effect,
    Kind,
    compare_penalties,
    describe_penalty,
    highest_main_prison_months,
    main_prison_months,
    months_as_text,
    penalty_summary,
    term_in_months,
    verdict_between,
)
from provisions.penalties.effects import (
    NOT_HELD_AFTER,
    NOT_HELD_BEFORE,
)
from tests.factories import make_penalty, make_version


@dataclass
class P:
    """A Penalty-like row: what the vocabulary reads of a penalty."""

    part: str = "1"
    kind: str = "imprisonment"
    min: int | None = None
    max: int | None = None
    unit: str = "years"
    role: str = "main"
    subject: str = ""
    optional: bool = False


def prison(low, high, part="1", unit="years"):
    return P(part=part, min=low, max=high, unit=unit)


def fine(high, part="1", low=None):
    return P(part=part, kind="fine", min=low, max=high, unit="rub")


def life(part="1"):
    return P(part=part, kind="life_imprisonment", unit="")


class Penalties:
    """A prefetched related manager's stand-in: .all() gives the rows."""

    def __init__(self, rows):
        self.rows = list(rows)

    def all(self):
        return self.rows


@dataclass
class V:
    """An ArticleVersion-like object for the art. 10 comparison."""

    pk: int
    valid_from: date
    valid_to: date | None
    rows: list = field(default_factory=list)

    @property
    def penalties(self):
        return Penalties(self.rows)

    def is_in_force_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


# --- the kinds, declared once ------------------------------------------------------------


def test_every_kind_has_a_phrase_search_words_a_sanction_phrase_and_a_bit():
    for kind in Kind.values:
        assert KIND_PHRASES[kind]
        english, russian = PENALTY_WORDS[kind]
        assert english and russian
        assert SANCTION_PHRASES_RU[kind]
        assert PENALTY_KIND_BITS[kind] > 0
    assert set(KINDS) == set(Kind.values)


def test_each_kind_has_its_own_single_bit_never_renumbered():
    # Stored rows hold these bits: a change here needs a data migration, not an edit.
    assert PENALTY_KIND_BITS == {
        "imprisonment": 1,
        "life_imprisonment": 2,
        "death_penalty": 4,
        "fine": 8,
        "forced_labour": 16,
        "restriction_of_freedom": 32,
        "compulsory_work": 64,
        "correctional_labour": 128,
        "arrest": 256,
        "deprivation_of_right": 512,
        "warning": 1024,
        "confiscation": 2048,
        "deprivation_of_special_right": 4096,
        "expulsion": 8192,
        "disqualification": 16384,
        "suspension_of_activity": 32768,
        "sports_event_ban": 65536,
        "military_service_restriction": 131072,
        "disciplinary_military_unit": 262144,
    }
    bits = list(PENALTY_KIND_BITS.values())
    assert all(bit & (bit - 1) == 0 for bit in bits)
    assert len(set(bits)) == len(bits)


def test_the_models_use_the_vocabularys_choices():
    assert Penalty.Kind is Kind
    assert Penalty.Kind.FINE == "fine"
    assert ChangedPenalty._meta.get_field("kind").choices == Kind.choices
    assert TERMLESS_KINDS == ("life_imprisonment", "death_penalty")
    assert LABELS == [HARSHER, SOFTER, MIXED, UNCHANGED, UNKNOWN] == Effect.values
    assert ArticleChange._meta.get_field("effect").choices == Effect.choices


# --- terms in months ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "months"),
    [(20, "years", 240), (6, "months", 6), (0, "years", 0), (None, "years", None)],
)
def test_term_in_months(value, unit, months):
    assert term_in_months(value, unit) == months


@pytest.mark.parametrize("unit", ["hours", "rub", ""])
def test_a_unit_that_is_not_a_time_has_no_term(unit):
    assert term_in_months(5, unit) is None


def test_main_prison_months_is_the_maximum_of_a_main_prison_term_only():
    assert main_prison_months(prison(2, 5)) == 60
    assert main_prison_months(prison(None, 18, unit="months")) == 18
    assert main_prison_months(prison(2, None)) is None
    assert main_prison_months(P(kind="imprisonment", max=5, role="additional")) is None
    assert main_prison_months(P(kind="fine", max=3, unit="years")) is None  # an income fine
    assert main_prison_months(P(kind="forced_labour", max=5)) is None
    assert main_prison_months(life()) is None


def test_highest_main_prison_months_across_parts():
    rows = [prison(2, 5), prison(8, 15, part="2"), fine(500_000), life(part="3")]
    assert highest_main_prison_months(rows) == 180
    assert highest_main_prison_months([fine(500_000), life()]) is None


def test_the_generated_column_and_the_function_agree_on_every_shape(db):
    """Penalty.main_prison_months (computed by the database) against the vocabulary."""
    version = make_version()
    shapes = [
        {"part": "1", "min": 2, "max": 5, "unit": "years"},
        {"part": "2", "min": None, "max": 18, "unit": "months"},
        {"part": "3", "min": 2, "max": None, "unit": "years"},
        {"part": "1", "kind": "imprisonment", "max": 3, "role": "additional"},
        {"part": "1", "kind": "fine", "min": None, "max": 3, "unit": "years"},
        {"part": "2", "kind": "fine", "min": None, "max": 500_000, "unit": "rub"},
        {"part": "4", "kind": "life_imprisonment", "min": None, "max": None, "unit": ""},
    ]
    for shape in shapes:
        make_penalty(version, **shape)
    for penalty in Penalty.objects.filter(version=version):
        assert penalty.main_prison_months == main_prison_months(penalty), penalty


# --- readable English ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("penalty", "text"),
    [
        (prison(12, 20), "imprisonment 12–20 years"),
        (prison(None, 1), "imprisonment up to 1 year"),
        (prison(2, None), "imprisonment at least 2 years"),
        (fine(500_000, low=100_000), "fine 100,000–500,000 RUB"),
        (P(kind="fine", max=3, unit="years"), "fine of income for up to 3 years"),
        (life(), "life imprisonment"),
        (
            P(kind="fine", max=50_000, unit="rub", subject="official"),
            "fine up to 50,000 RUB for officials",
        ),
        (
            P(kind="deprivation_of_right", max=3, role="additional", optional=True),
            "optional additional: deprivation of the right to hold posts up to 3 years",
        ),
    ],
)
def test_describe_penalty(penalty, text):
    assert describe_penalty(penalty) == text


def test_months_as_text():
    assert [months_as_text(m) for m in (1, 6, 12, 18, 240)] == [
        "1 month",
        "6 months",
        "1 year",
        "18 months",
        "20 years",
    ]


@pytest.mark.parametrize(
    ("penalties", "summary"),
    [
        ([], "No penalties recorded"),
        ([prison(3, 8), fine(1_000_000, part="2")], "3–8 years; fine up to 1,000,000 RUB"),
        ([prison(2, 5), prison(8, 15, part="2")], "2–15 years"),
        ([prison(6, 24, unit="months")], "6 months – 2 years"),
        ([prison(None, 5), prison(8, 15, part="2")], "up to 15 years"),
        ([prison(12, 20), life()], "12–20 years or life"),
        ([P(kind="death_penalty", unit=""), life()], "life or death"),
        (
            [
                P(kind="arrest", max=6, unit="months"),
                P(kind="compulsory_work", max=480, unit="hours"),
            ],
            "arrest, compulsory work",
        ),
        ([P(kind="deprivation_of_right", max=3, role="additional")], "No penalties recorded"),
    ],
)
def test_penalty_summary(penalties, summary):
    assert penalty_summary(penalties) == summary


# --- harsher or softer --------------------------------------------------------------------


def test_a_higher_maximum_is_harsher_and_a_lower_one_softer():
    verdict = compare_penalties([prison(12, 20)], [prison(12, 25)])
    assert verdict.label == HARSHER
    assert verdict.reasons == ["part 1: max 20 years → 25 years"]
    assert compare_penalties([prison(12, 25)], [prison(12, 20)]).label == SOFTER


def test_a_higher_minimum_is_harsher():
    verdict = compare_penalties([prison(2, 5)], [prison(3, 5)])
    assert (verdict.label, verdict.reasons) == (HARSHER, ["part 1: min 2 years → 3 years"])


def test_life_where_a_term_stood_is_harsher():
    verdict = compare_penalties([prison(12, 20)], [prison(12, 20), life()])
    assert (verdict.label, verdict.reasons) == (HARSHER, ["part 1: max 20 years → life"])


def test_prison_where_only_a_fine_stood_is_harsher_and_the_reverse_softer():
    added = compare_penalties([fine(500_000)], [fine(500_000), prison(None, 3)])
    assert added.label == HARSHER
    assert added.reasons == ["part 1: prison where there was none (max 3 years)"]
    removed = compare_penalties([fine(500_000), prison(None, 3)], [fine(500_000)])
    assert (removed.label, removed.reasons) == (
        SOFTER,
        ["part 1: prison removed (was max 3 years)"],
    )


def test_a_higher_fine_is_harsher():
    verdict = compare_penalties([fine(300_000)], [fine(1_000_000)])
    assert verdict.label == HARSHER
    assert verdict.reasons == ["part 1: fine up to 300,000 → 1,000,000 RUB"]


def test_an_added_part_is_harsher_a_removed_part_softer():
    added = compare_penalties([prison(2, 5)], [prison(2, 5), prison(5, 10, part="2")])
    assert (added.label, added.reasons) == (HARSHER, ["part 2 added"])
    removed = compare_penalties([prison(2, 5), prison(5, 10, part="2")], [prison(2, 5)])
    assert (removed.label, removed.reasons) == (SOFTER, ["part 2 removed"])


def test_signals_both_ways_make_the_change_mixed():
    before = [prison(2, 5), prison(5, 10, part="2")]
    after = [prison(2, 8), prison(5, 7, part="2")]
    verdict = compare_penalties(before, after)
    assert verdict.label == MIXED
    assert verdict.reasons == ["part 1: max 5 years → 8 years", "part 2: max 10 years → 7 years"]


def test_parts_are_compared_in_their_natural_order():
    before = [prison(1, 2, part="10"), prison(1, 2, part="2")]
    after = [prison(1, 3, part="10"), prison(1, 3, part="2"), prison(1, 3, part="2.1")]
    reasons = compare_penalties(before, after).reasons
    assert [reason.split(":")[0].split(" added")[0] for reason in reasons] == [
        "part 2",
        "part 2.1",
        "part 10",
    ]


def test_an_additional_penalty_added_aggravates_and_removed_softens():
    extra = P(kind="deprivation_of_right", max=3, role="additional")
    added = compare_penalties([prison(2, 5)], [prison(2, 5), extra])
    assert (added.label, added.reasons) == (
        HARSHER,
        ["part 1: additional deprivation of right added"],
    )
    assert compare_penalties([prison(2, 5), extra], [prison(2, 5)]).label == SOFTER


def test_a_milder_alternative_softens_and_with_an_extra_penalty_is_mixed():
    # 260-FZ on art. 284.1 part 2: compulsory work and forced labour beside prison 1-5 years,
    # and an optional deprivation of the right to hold posts.
    work = P(kind="compulsory_work", max=360, unit="hours")
    labour = P(kind="forced_labour", max=4)
    assert compare_penalties([prison(1, 5)], [work, labour, prison(1, 5)]).label == SOFTER
    extra = P(kind="deprivation_of_right", max=10, role="additional", optional=True)
    both = compare_penalties([prison(1, 5)], [work, labour, prison(1, 5), extra])
    assert both.label == MIXED


def test_equal_penalties_are_unchanged():
    same = compare_penalties([prison(2, 5)], [prison(2, 5)])
    assert (same.label, same.reasons) == (UNCHANGED, [])


def test_without_penalties_on_one_side_the_effect_is_unknown():
    verdict = compare_penalties([], [prison(2, 5)])
    assert verdict.label == UNKNOWN
    assert verdict.reasons == ["no penalties are recorded for the version before the change"]


def test_a_side_not_held_is_not_assessed_never_added_or_repealed():
    """No earlier wording held is not evidence that the article was added (nor no later one
    that it was repealed): a caller with such evidence says ADDED or REPEALED itself."""
    version = V(1, date(2020, 1, 1), None, [prison(2, 5)])
    assert verdict_between(None, version) == NOT_HELD_BEFORE != ADDED
    assert verdict_between(version, None) == NOT_HELD_AFTER != REPEALED
    assert NOT_HELD_BEFORE.label == NOT_HELD_AFTER.label == UNKNOWN
    assert verdict_between(None, None).label == UNKNOWN
