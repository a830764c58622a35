"""An article's timeline: its coming into force, every edition held or not, repeals and
restorations, and what it lets the site say of a day."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from provisions import validation
from provisions.in_force import timelines
from provisions.models import Article as ArticleModel
from provisions.timeline import (
    HELD,
    IN_FORCE,
    NOT_HELD,
    NOT_YET_IN_FORCE,
    REPEAL,
    REPEALED,
    UNCERTAIN,
    UNKNOWN,
)
from provisions.whole_article_notes import adds_the_article, repeals_the_article
from tests.pravo_data import PRAVO_DIR
from tests.provisions.timeline_doubles import (
    Article,
    Change,
    Law,
    Note,
    Version,
    amended_note,
    estimated,
    law,
    timeline,
)

L162 = estimated(1, "162-FZ", date(2003, 12, 8))
L73 = estimated(2, "73-FZ", date(2004, 7, 21))
L377 = estimated(3, "377-FZ", date(2009, 12, 27))
IMPORTED_105 = Version(1, L377.in_force_on, None, L377)
NOTES_105 = [amended_note(L162), amended_note(L73), amended_note(L377)]


def tiles(found):
    """Consecutive periods meet with no gap and no overlap."""
    for earlier, later in zip(found.periods, found.periods[1:], strict=False):
        assert earlier.valid_to + timedelta(days=1) == later.valid_from


def test_an_original_article_is_in_force_from_its_code_whatever_is_held():
    found = timeline(versions=[IMPORTED_105], notes=NOTES_105)
    assert (found.in_force_from, found.in_force_from_certainty) == (date(1997, 1, 1), "confirmed")
    assert [p.held for p in found.periods] == [False, False, False, True]
    assert [p.valid_from for p in found.periods] == [
        date(1997, 1, 1),
        L162.in_force_on,
        L73.in_force_on,
        L377.in_force_on,
    ]
    tiles(found)
    assert found.periods[-1].valid_to is None


def test_a_day_whose_wording_is_not_held_is_in_force_not_absent():
    found = timeline(versions=[IMPORTED_105], notes=NOTES_105).status_on(date(2005, 1, 1))
    assert (found.status, found.wording) == (IN_FORCE, NOT_HELD)
    assert found.nearest is IMPORTED_105
    assert "not held" in found.reason


def test_a_held_day_and_a_day_before_the_code():
    found = timeline(versions=[IMPORTED_105], notes=NOTES_105)
    assert found.status_on(date(2015, 1, 1)).wording == HELD
    assert found.status_on(date(1996, 12, 31)).status == NOT_YET_IN_FORCE


def test_an_added_article_starts_with_the_law_that_added_it():
    adding = estimated(9, "260-FZ", date(2022, 7, 14))
    note = Note(adding, "(Дополнение статьей - Федеральный закон от 14.07.2022 № 260-ФЗ)")
    held = Version(1, adding.in_force_on, None, adding)
    found = timeline(versions=[held], notes=[note])
    assert (found.in_force_from, found.in_force_from_certainty) == (
        date(2022, 7, 25),
        "estimated",
    )
    assert found.status_on(date(2022, 7, 1)).status == NOT_YET_IN_FORCE
    # Signed, but by the estimate not yet in force: the day is uncertain, never "absent".
    between = found.status_on(date(2022, 7, 20))
    assert (between.status, between.wording) == (UNKNOWN, UNCERTAIN)
    assert "260-FZ" in between.reason
    assert found.added_by == {9}


def test_an_estimated_boundary_leaves_the_days_from_signing_uncertain():
    found = timeline(versions=[IMPORTED_105], notes=NOTES_105)
    day = L377.signed_on + timedelta(days=3)
    status = found.status_on(day)
    assert (status.status, status.wording) == (IN_FORCE, UNCERTAIN)
    assert "377-FZ" in status.reason


def test_a_repeal_ends_the_article_and_a_later_addition_restores_it():
    first = law(1, "10-FZ", date(2001, 1, 1))
    repeal = law(2, "20-FZ", date(2003, 12, 8))
    restore = law(3, "30-FZ", date(2010, 5, 1))
    notes = [
        Note(first, "(Дополнение статьей - Федеральный закон от 01.01.2001 № 10-ФЗ)"),
        Note(repeal, "(Статья утратила силу - Федеральный закон от 08.12.2003 № 20-ФЗ)"),
        Note(restore, "(Дополнение статьей - Федеральный закон от 01.05.2010 № 30-ФЗ)"),
    ]
    held = Version(1, restore.in_force_on, None, restore)
    found = timeline(versions=[held], notes=notes)
    assert [p.kind for p in found.periods] == ["edition", REPEAL, "edition"]
    tiles(found)
    assert found.in_force_from == date(2001, 1, 1)
    assert found.status_on(date(2005, 1, 1)).status == REPEALED
    assert found.status_on(date(2002, 1, 1)).wording == NOT_HELD
    assert found.status_on(date(2011, 1, 1)).wording == HELD


def test_a_repealed_article_without_wording_is_repealed_from_its_date():
    repeal = law(2, "162-FZ", date(2003, 12, 8))
    note = Note(repeal, "(Статья утратила силу - Федеральный закон от 08.12.2003 № 162-ФЗ)")
    found = timeline(Article(repealed_on=date(2003, 12, 8)), notes=[note])
    assert [p.kind for p in found.periods] == ["edition", REPEAL]
    assert found.periods[0].valid_to == date(2003, 12, 7)
    assert found.status_on(date(2000, 1, 1)).status == IN_FORCE
    assert found.status_on(date(2004, 1, 1)).status == REPEALED


def test_a_repeal_with_an_estimated_date_is_repealed_with_a_caveat():
    """The Water Code of 1995's case: its repealing law (73-FZ of 03.06.2006) is known by its
    signing only, so the repeal's day is an estimate a law may have set later."""
    repeal = estimated(2, "73-FZ", date(2006, 6, 3))
    note = Note(repeal, "Утратил силу - Федеральный закон от 03.06.2006 г. N 73-ФЗ")
    found = timeline(Article(repealed_on=repeal.in_force_on), notes=[note])
    later = found.status_on(date(2006, 8, 1))
    assert later.status == REPEALED
    assert "14.06.2006" in later.caveat and "estimated" in later.caveat
    assert "later" in later.caveat
    assert later.as_dict()["caveat"] == later.caveat
    assert found.periods[-1].kind == REPEAL
    assert found.period_caveat(found.periods[-1]) == later.caveat
    assert found.period_caveat(found.periods[0]) == ""  # an edition not held: says so itself
    signing_week = found.status_on(date(2006, 6, 5))
    assert (signing_week.status, signing_week.caveat) == (UNKNOWN, "")


def test_a_repeal_with_a_confirmed_date_has_no_caveat():
    repeal = law(2, "162-FZ", date(2003, 12, 8))
    note = Note(repeal, "(Статья утратила силу - Федеральный закон от 08.12.2003 № 162-ФЗ)")
    found = timeline(Article(repealed_on=date(2003, 12, 8)), notes=[note])
    assert found.status_on(date(2004, 1, 1)).caveat == ""
    assert found.repeal_caveat(found.periods[-1]) == ""


def test_two_laws_in_force_the_same_day_make_one_boundary():
    l258 = law(1, "258-FZ", date(2022, 7, 14), date(2022, 7, 25))
    l260 = law(2, "260-FZ", date(2022, 7, 14), date(2022, 7, 25))
    found = timeline(notes=[amended_note(l258), amended_note(l260)])
    assert len(found.periods) == 2
    assert found.periods[1].opened_by.numbers == ["258-FZ", "260-FZ"]


def test_an_unknown_code_date_is_unknown_not_a_date():
    code = Law("Labour Code", None, "unknown", date(2001, 12, 30))
    held = Version(1, date(2001, 12, 30), None, None, certainty="extracted")
    found = timeline(Article(code), versions=[held])
    assert found.in_force_from_certainty == "unknown"
    status = found.status_on(date(2002, 1, 15))
    assert status.status == UNKNOWN and status.wording == UNCERTAIN
    assert found.status_on(date(2001, 1, 1)).status == NOT_YET_IN_FORCE
    assert found.status_on(date.today()).wording == HELD


def test_an_unapplied_curated_change_bounds_nothing():
    pending = law(5, "1-FZ", date(2030, 1, 1))
    pending.applied_at = None
    found = timeline(versions=[IMPORTED_105], notes=NOTES_105, changes=[Change(pending)])
    assert all(p.valid_from != date(2030, 1, 1) for p in found.periods)


# --- properties over the whole imported Criminal Code (from ../shared/data/pravo) ---------

CRIMINAL_CODE = PRAVO_DIR / "102041891.html"
DAYS = [date(1997, 1, 1), date(1998, 1, 1), date(2005, 1, 1), date(2010, 1, 1), date(2015, 6, 1)]


@pytest.mark.django_db
@pytest.mark.skipif(not CRIMINAL_CODE.exists(), reason=f"no official exports at {PRAVO_DIR}")
def test_every_imported_criminal_code_article_is_told_truly():
    call_command("import_pravo", str(CRIMINAL_CODE), verbosity=0)
    code = ArticleModel.objects.filter(law__slug="criminal-code")
    found = list(timelines(code))
    assert len(found) > 500
    original_live_in_1998 = 0
    for article, article_timeline in found:
        # The periods tile the article's life from its coming into force, no gap, no overlap.
        assert article_timeline.gaps() == [], article
        assert article_timeline.in_force_from is not None, article
        notes = article.timeline_notes
        added = [n for n in notes if adds_the_article(n)] or [
            c for c in article.timeline_changes if c.action == "added"
        ]
        repeals = sorted(n.amendment.in_force_on for n in notes if repeals_the_article(n))
        repealed_on = repeals[0] if repeals else article.repealed_on
        for day in DAYS:
            status = article_timeline.status_on(day)
            held = any(v.is_in_force_on(day) for v in article.versions.all())
            original = not added and day >= date(1997, 1, 1)
            if (held or original) and not (repealed_on and repealed_on <= day):
                # Independent evidence that it was in force: never "not in force".
                assert status.status not in (NOT_YET_IN_FORCE, REPEALED), (article, day)
            if held:
                assert status.wording in (HELD, UNCERTAIN), (article, day)
        if not added and not (repealed_on and repealed_on <= date(1998, 1, 1)):
            original_live_in_1998 += 1
    # The 1998 list: the Code's original articles less those repealed by then.
    assert code.in_force_on(date(1998, 1, 1)).count() == original_live_in_1998
    assert original_live_in_1998 > 300
    assert validation.timeline_gaps() == []


def test_an_added_article_whose_first_wording_is_not_held_is_uncertain_after_signing():
    adding = estimated(9, "179-FZ", date(2014, 6, 28))
    note = Note(adding, "(Дополнение статьей - Федеральный закон от 28.06.2014 № 179-ФЗ)")
    later = estimated(10, "323-FZ", date(2016, 7, 3))
    held = Version(1, later.in_force_on, None, later)
    found = timeline(versions=[held], notes=[note, amended_note(later)])
    assert found.periods[0].opened_by.numbers == ["179-FZ"]
    assert found.status_on(date(2014, 6, 1)).status == NOT_YET_IN_FORCE
    assert found.status_on(date(2014, 7, 1)).wording == UNCERTAIN
    assert found.status_on(date(2015, 1, 1)).wording == NOT_HELD


def test_before_the_first_known_law_with_no_start_whether_in_force_is_unknown():
    code = Law("Code of Administrative Offences", None, "unknown", None)
    restating = law(1, "65-FZ", date(2012, 6, 8), date(2012, 6, 9))
    held = Version(1, date(2012, 6, 9), None, restating)
    found = timeline(Article(code), versions=[held])
    assert found.in_force_from is None
    status = found.status_on(date(2010, 1, 1))
    assert (status.status, status.wording) == (UNKNOWN, NOT_HELD)
    assert "existed before" in status.reason
    assert found.status_on(date(2013, 1, 1)).wording == HELD


def test_a_consolidated_text_s_note_that_introduced_the_article_starts_it():
    adding = estimated(9, "31-FZ", date(2022, 3, 4))
    note = Note(adding, "(введена Федеральным законом от 04.03.2022 N 31-ФЗ)")
    found = timeline(notes=[note])
    assert (found.in_force_from, found.in_force_from_certainty) == (date(2022, 3, 15), "estimated")
    assert not adds_the_article(Note(adding, "(часть 2 введена Федеральным законом …)", "2"))
    assert not adds_the_article(Note(adding, "(введена Федеральным законом …)", parts="2"))
