"""The retroactive force of a milder law (Criminal Code art. 10; КоАП art. 1.7) over every
edition from the act to today."""

from datetime import date

import pytest

from provisions.milder import ADMINISTRATIVE_RULE, milder_law, rule_for
from tests.provisions.timeline_doubles import (
    Article,
    Note,
    Version,
    amended_note,
    estimated,
    law,
    prison,
    timeline,
)

TODAY = date(2024, 1, 1)
L1 = law(1, "1-FZ", date(2012, 1, 1))
L2 = law(2, "2-FZ", date(2016, 1, 1))
L3 = law(3, "3-FZ", date(2022, 3, 4))
ORIGINAL = Version(1, date(1997, 1, 1), date(2011, 12, 31), None, [prison(10, 20)])


def three_editions(middle, last):
    return [
        ORIGINAL,
        Version(2, L1.in_force_on, date(2021, 12, 31), L1, middle),
        Version(3, date(2022, 1, 1), None, L3, last),
    ]


def test_a_softer_current_law_applies_retroactively():
    versions = three_editions([prison(10, 20)], [prison(8, 15)])
    found = milder_law(timeline(versions=versions), date(2005, 5, 1), TODAY)
    assert (found.then.pk, found.now.pk, found.applies) == (1, 3, "now")
    assert "applies retroactively" in found.explanation


def test_a_milder_intermediate_law_counts():
    versions = three_editions([prison(5, 10)], [prison(10, 25)])
    found = milder_law(timeline(versions=versions), date(2005, 5, 1), TODAY)
    assert found.applies == "intermediate" and found.mildest.pk == 2
    assert "intermediate" in found.explanation


def test_a_harsher_law_does_not_apply_and_unchanged_is_the_same():
    harsher = milder_law(
        timeline(versions=three_editions([prison(10, 20)], [prison(10, 25)])),
        date(2005, 5, 1),
        TODAY,
    )
    assert harsher.applies == "then"
    same = milder_law(
        timeline(versions=three_editions([prison(10, 20)], [prison(10, 20)])),
        date(2005, 5, 1),
        TODAY,
    )
    assert same.applies == "same"


def test_a_repeal_in_between_decriminalises_even_if_restored():
    repeal = law(5, "5-FZ", date(2010, 1, 1))
    restore = law(6, "6-FZ", date(2015, 1, 1))
    notes = [
        Note(repeal, "(Статья утратила силу - Федеральный закон от 01.01.2010 № 5-ФЗ)"),
        Note(restore, "(Дополнение статьей - Федеральный закон от 01.01.2015 № 6-ФЗ)"),
    ]
    versions = [
        Version(1, date(1997, 1, 1), date(2009, 12, 31), None, [prison(2, 5)]),
        Version(2, date(2015, 1, 1), None, restore, [prison(2, 5)]),
    ]
    found = milder_law(timeline(versions=versions, notes=notes), date(2005, 1, 1), TODAY)
    assert found.applies == "repealed_since"
    assert "can no longer be punished" in found.explanation


def test_an_edition_not_held_on_the_way_cannot_be_compared():
    versions = [ORIGINAL, Version(3, L3.in_force_on, None, L3, [prison(1, 2)])]
    notes = [amended_note(L2), amended_note(L3)]
    found = milder_law(timeline(versions=versions, notes=notes), date(2005, 1, 1), TODAY)
    assert found.applies == "cannot_compare"
    assert "not a finding that the article was not in force" in found.explanation
    assert "not a crime" not in found.explanation


def test_an_act_whose_wording_is_not_held_is_never_called_no_crime():
    held = Version(1, L3.in_force_on, None, L3, [prison(1, 2)])
    found = milder_law(timeline(versions=[held], notes=[amended_note(L3)]), date(2005, 1, 1), TODAY)
    assert found.applies == "cannot_compare" and found.then_status.status == "in_force"
    assert "not a crime" not in found.explanation


def test_an_act_before_the_article_existed_was_no_crime_under_it():
    adding = law(7, "7-FZ", date(2020, 1, 1))
    note = Note(adding, "(Дополнение статьей - Федеральный закон от 01.01.2020 № 7-ФЗ)")
    held = Version(1, adding.in_force_on, None, adding, [prison(1, 2)])
    found = milder_law(timeline(versions=[held], notes=[note]), date(2019, 1, 1), TODAY)
    assert found.applies == "not_an_offence"
    assert "not a crime" in found.explanation


def test_administrative_articles_get_their_own_rule():
    assert rule_for("administrative-code") == ADMINISTRATIVE_RULE
    assert rule_for("labour-code") is None
    adding = law(7, "7-FZ", date(2020, 1, 1))
    note = Note(adding, "(Дополнение статьей - Федеральный закон от 01.01.2020 № 7-ФЗ)")
    held = Version(1, adding.in_force_on, None, adding, [prison(1, 2)])
    found = milder_law(
        timeline(Article(), versions=[held], notes=[note]),
        date(2019, 1, 1),
        TODAY,
        ADMINISTRATIVE_RULE,
    )
    assert "not an offence" in found.explanation


@pytest.mark.django_db
def test_an_incomplete_sanction_on_the_way_gives_no_order():
    from provisions.models import Article as Held
    from provisions.timeline import timeline_of

    article = Held.objects.for_detail().get(law__slug="criminal-code", number="275")
    found = milder_law(timeline_of(article), date(2000, 1, 1), TODAY)
    assert found.applies == "cannot_compare"
    assert found.detail == (
        "the sanction of the wording in force from 01.01.1997 is not fully held (part 1: "
        "«с конфискацией имущества или без таковой» not read into penalties)"
    )
    assert "harsher" not in found.explanation


def test_a_wording_with_no_penalties_recorded_cannot_be_ranked():
    versions = three_editions([], [prison(10, 25)])
    found = milder_law(timeline(versions=versions), date(2005, 5, 1), TODAY)
    assert found.applies == "cannot_compare"
    assert "from 01.01.2012 has no penalties recorded" in found.detail


def test_past_the_day_the_texts_held_cover_the_answer_says_how_far_it_reaches():
    versions = three_editions([prison(10, 20)], [prison(8, 15)])
    held = timeline(versions=versions)
    held.known_to, held.known_basis = date(2023, 8, 4), "the newest text held is current to it"
    found = milder_law(held, date(2005, 5, 1), TODAY)
    assert found.applies == "now" and found.known_to == date(2023, 8, 4)
    assert found.explanation == (
        "The newest version known is the mildest, so it applies retroactively. The editions "
        "are compared up to 04.08.2023: the newest text held is current to it. A milder law "
        "after that day, if any, is not known here."
    )
    # An act after that day: its wording is not known, so nothing is compared.
    later = milder_law(held, date(2024, 1, 1), TODAY)
    assert later.applies == "cannot_compare"
    assert "a change or repeal after that day is not known here" in later.explanation
    # Where the texts cover today, the answer is as before.
    held.known_to = TODAY
    assert milder_law(held, date(2005, 5, 1), TODAY).explanation == (
        "The current version is the mildest, so it applies retroactively."
    )


def test_a_later_repeal_decides_even_where_the_wording_of_the_act_is_not_held():
    repeal = law(8, "325-FZ", date(2016, 7, 14))
    notes = [
        amended_note(L1),
        Note(repeal, "(Статья утратила силу - Федеральный закон от 03.07.2016 № 325-ФЗ)"),
    ]
    held = Version(1, L1.in_force_on, date(2016, 7, 13), L1, [prison(1, 2)])
    found = milder_law(timeline(versions=[held], notes=notes), date(2005, 1, 1), TODAY)
    assert (found.then_status.status, found.then_status.wording) == ("in_force", "not_held")
    assert found.applies == "repealed_since"
    assert "repealed with effect from 14.07.2016 by 325-FZ" in found.explanation
    assert "can no longer be punished" in found.explanation


def test_an_act_before_an_estimated_repeal_takes_effect_is_no_longer_punishable():
    """Committed after the repealing law's signing, before its estimated day: whether the
    repeal had taken effect is not known, but either way the article no longer applies."""
    repeal = estimated(8, "73-FZ", date(2016, 6, 3))
    note = Note(repeal, "(Статья утратила силу - Федеральный закон от 03.06.2016 № 73-ФЗ)")
    held = Version(1, date(1997, 1, 1), date(2016, 6, 13), None, [prison(1, 2)])
    found = milder_law(timeline(versions=[held], notes=[note]), date(2016, 6, 8), TODAY)
    assert found.then_status.status == "unknown"
    assert found.applies == "repealed_since"
    assert "not known, but either way the article no longer applies" in found.explanation
