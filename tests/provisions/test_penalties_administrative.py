"""The administrative penalties of КоАП in the vocabulary: kinds, term rules, the shape
constraints, summaries and harsher or softer. The shared doubles are test_penalties'."""

import pytest
from django.db import IntegrityError, transaction

from provisions.models import Penalty
from provisions.penalties import (
    HARSHER,
    KIND_PHRASES,
    KIND_UNITS,
    MIXED,
    NO_TERM_KINDS,
    SOFTER,
    TERMLESS_KINDS,
    UNCHANGED,
    Kind,
    Subject,
    Unit,
    compare_penalties,
    describe_penalty,
    penalty_summary,
)
from provisions.penalties.effects import ADMINISTRATIVE_SEVERITY, SEVERITY
from tests.factories import make_penalty, make_version
from tests.provisions.test_penalties import P

ADMINISTRATIVE_KINDS = {
    "warning",
    "confiscation",
    "deprivation_of_special_right",
    "expulsion",
    "disqualification",
    "suspension_of_activity",
    "sports_event_ban",
}


def fine(high, low=None, subject="", part="1"):
    return P(part=part, kind="fine", min=low, max=high, unit="rub", subject=subject)


def arrest(days, part="1", subject=""):
    return P(part=part, kind="arrest", max=days, unit="days", subject=subject)


def kind(name, part="1", subject="", **fields):
    fields.setdefault("unit", "")
    return P(part=part, kind=name, subject=subject, **fields)


# --- the vocabulary -----------------------------------------------------------------------


def test_the_administrative_kinds_units_and_subjects_are_added_never_renamed():
    assert ADMINISTRATIVE_KINDS <= set(Kind.values)
    assert Unit.DAYS == "days"
    assert Subject.ENTREPRENEUR == "entrepreneur"
    assert list(Subject.values) == [
        "",
        "citizen",
        "official",
        "legal_entity",
        "entrepreneur",
    ]


def test_each_kind_has_a_term_rule():
    assert set(KIND_UNITS) == set(Kind.values)
    assert set(NO_TERM_KINDS) == {*TERMLESS_KINDS, "warning", "confiscation", "expulsion"}
    assert KIND_UNITS["arrest"] == ("months", "days")  # Criminal Code art. 54, КоАП art. 3.9
    assert KIND_UNITS["suspension_of_activity"] == ("days",)  # art. 3.12 part 2: "суток"
    assert KIND_UNITS["disqualification"] == ("years", "months")  # art. 3.11 part 2
    assert KIND_UNITS["compulsory_work"] == ("hours",)


def test_phrases_keep_proper_names_capitalised():
    assert KIND_PHRASES["expulsion"] == "administrative expulsion from the Russian Federation"
    assert KIND_PHRASES["imprisonment"] == "imprisonment"


# --- the shape constraints ----------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "arrest", "min": None, "max": 15, "unit": "days"},
        {"kind": "suspension_of_activity", "min": None, "max": 90, "unit": "days"},
        {"kind": "disqualification", "min": 6, "max": 36, "unit": "months"},
        {"kind": "deprivation_of_special_right", "min": 4, "max": 6, "unit": "months"},
        {"kind": "warning", "min": None, "max": None, "unit": ""},
        {"kind": "confiscation", "min": None, "max": None, "unit": "", "role": "additional"},
        {"kind": "expulsion", "min": None, "max": None, "unit": "", "role": "additional"},
        {"kind": "fine", "min": 30_000, "max": 50_000, "unit": "rub", "subject": "entrepreneur"},
    ],
)
def test_administrative_shapes_are_stored(db, fields):
    assert make_penalty(make_version(), **fields).pk


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "warning", "min": None, "max": 1, "unit": "days"},  # no term
        {"kind": "expulsion", "min": None, "max": None, "unit": "days"},
        {"kind": "suspension_of_activity", "min": None, "max": None, "unit": ""},  # a term
        {"kind": "suspension_of_activity", "min": None, "max": 90, "unit": "hours"},
        {"kind": "compulsory_work", "min": None, "max": 15, "unit": "days"},
        {"kind": "imprisonment", "min": None, "max": 15, "unit": "days"},
    ],
)
def test_shapes_against_a_kinds_term_rule_are_refused(db, fields):
    version = make_version()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_penalty(version, **fields)
    assert not Penalty.objects.filter(version=version).exists()


def test_the_new_kinds_set_their_bits_on_the_version(db):
    version = make_version()
    make_penalty(version, kind="warning", min=None, max=None, unit="")
    make_penalty(version, kind="arrest", min=None, max=15, unit="days")
    version.refresh_from_db()
    assert version.penalty_kinds == 1024 | 256


# --- readable English ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("penalty", "text"),
    [
        (fine(50_000, 30_000, "citizen"), "fine 30,000–50,000 RUB for citizens"),
        (fine(100_000, 100_000, "entrepreneur"), "fine 100,000 RUB for individual entrepreneurs"),
        (arrest(15), "arrest up to 15 days"),
        (arrest(1), "arrest up to 1 day"),
        (kind("warning"), "warning"),
        (
            kind("suspension_of_activity", max=90, unit="days", subject="legal_entity"),
            "administrative suspension of activity up to 90 days for legal entities",
        ),
        (kind("disqualification", min=6, max=12, unit="months"), "disqualification 6–12 months"),
        (
            kind("confiscation", role="additional", optional=True),
            "optional additional: confiscation of the instrument or object of the offence",
        ),
        (
            kind("expulsion", role="additional"),
            "additional: administrative expulsion from the Russian Federation",
        ),
    ],
)
def test_describe_administrative_penalties(penalty, text):
    assert describe_penalty(penalty) == text


def test_an_administrative_summary_names_each_subjects_highest_fine_and_the_arrest():
    penalties = [
        fine(20_000, 10_000, "citizen"),
        fine(300_000, 150_000, "citizen", part="8"),
        fine(600_000, 200_000, "official", part="8"),
        fine(1_000_000, 500_000, "legal_entity", part="8"),
        arrest(30, part="8", subject="citizen"),
        kind("compulsory_work", max=200, unit="hours", subject="citizen"),
    ]
    assert penalty_summary(penalties) == (
        "arrest up to 30 days; fine up to 300,000 RUB for citizens, up to 600,000 RUB for "
        "officials, up to 1,000,000 RUB for legal entities"
    )
    assert penalty_summary([fine(20_000), fine(40_000, subject="official")]) == (
        "fine up to 20,000 RUB, up to 40,000 RUB for officials"
    )
    assert penalty_summary([kind("warning"), kind("disqualification", max=3, unit="years")]) == (
        "disqualification, warning"
    )


# --- harsher or softer --------------------------------------------------------------------


def test_the_administrative_ladder_runs_from_warning_to_arrest():
    assert ADMINISTRATIVE_SEVERITY[0] == Kind.WARNING
    assert ADMINISTRATIVE_SEVERITY[1] == Kind.FINE
    assert ADMINISTRATIVE_SEVERITY[-1] == Kind.ARREST
    assert set(ADMINISTRATIVE_SEVERITY) == ADMINISTRATIVE_KINDS | {
        "fine",
        "compulsory_work",
        "arrest",
    }
    # The kinds both Codes have stand in the same order on both ladders.
    shared = [k for k in SEVERITY if k in ADMINISTRATIVE_SEVERITY]
    assert shared == [k for k in ADMINISTRATIVE_SEVERITY if k in SEVERITY]


def test_fines_are_compared_subject_by_subject():
    before = [fine(20_000, 10_000, "citizen"), fine(1_000_000, 500_000, "legal_entity")]
    after = [fine(30_000, 20_000, "citizen"), fine(500_000, 250_000, "legal_entity")]
    verdict = compare_penalties(before, after)
    assert verdict.label == MIXED
    assert verdict.reasons == [
        "part 1: fine for citizens up to 20,000 → 30,000 RUB",
        "part 1: fine for legal entities up to 1,000,000 → 500,000 RUB",
    ]


def test_a_longer_arrest_is_harsher():
    before = [fine(20_000, subject="citizen"), arrest(15, subject="citizen")]
    after = [fine(20_000, subject="citizen"), arrest(30, subject="citizen")]
    verdict = compare_penalties(before, after)
    assert (verdict.label, verdict.reasons) == (HARSHER, ["part 1: arrest up to 15 → 30 days"])


def test_arrest_added_above_a_fine_is_harsher_and_a_warning_added_below_softer():
    before = [fine(20_000, subject="citizen")]
    harsher = compare_penalties(before, [*before, arrest(15, subject="citizen")])
    assert (harsher.label, harsher.reasons) == (
        HARSHER,
        ["part 1 (citizens): arrest added above the heaviest"],
    )
    softer = compare_penalties(before, [kind("warning"), *before])
    assert (softer.label, softer.reasons) == (
        SOFTER,
        ["part 1 (citizens): warning added as an alternative"],
    )
    removed = compare_penalties([*before, arrest(15, subject="citizen")], before)
    assert (removed.label, removed.reasons) == (
        SOFTER,
        ["part 1 (citizens): heaviest alternative arrest removed"],
    )


def test_a_subject_made_liable_is_harsher():
    before = [fine(20_000, subject="citizen")]
    after = [*before, fine(200_000, subject="legal_entity")]
    verdict = compare_penalties(before, after)
    assert (verdict.label, verdict.reasons) == (
        HARSHER,
        ["part 1 (legal entities): penalties named where there were none"],
    )
    assert compare_penalties(after, before).label == SOFTER


def test_suspension_for_legal_entities_is_heavier_than_their_fine():
    before = [fine(200_000, subject="legal_entity")]
    suspension = kind("suspension_of_activity", max=90, unit="days", subject="legal_entity")
    verdict = compare_penalties(before, [*before, suspension])
    assert verdict.label == HARSHER
    assert compare_penalties(before, before).label == UNCHANGED


def test_additional_confiscation_added_aggravates():
    before = [fine(5_000, subject="citizen")]
    after = [*before, kind("confiscation", role="additional", optional=True)]
    verdict = compare_penalties(before, after)
    assert (verdict.label, verdict.reasons) == (HARSHER, ["part 1: additional confiscation added"])
