"""What may be said of an article on a day: a wording held, or evidence it was not yet (or no
longer) in force, or only that the wording of that day is not held here."""

from dataclasses import dataclass
from datetime import date

from provisions.in_force import (
    HELD,
    NOT_HELD,
    NOT_YET_IN_FORCE,
    REPEALED,
    adds_the_article,
    status_on,
)


@dataclass
class Law:
    short_name: str = "Criminal Code"
    in_force_on: date | None = date(1997, 1, 1)


@dataclass
class Article:
    law: Law
    repealed_on: date | None = None


@dataclass
class Version:
    valid_from: date
    valid_to: date | None = None

    def is_in_force_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass
class Amendment:
    number: str
    signed_on: date
    in_force_on: date


@dataclass
class Note:
    amendment: Amendment
    note: str


@dataclass
class Change:
    amendment: Amendment


LAW_2007 = Amendment("211-FZ", date(2007, 7, 24), date(2007, 8, 4))
HELD_FROM_2009 = [Version(date(2009, 12, 27))]


def test_a_held_wording_is_said_to_be_held():
    found = status_on(Article(Law()), HELD_FROM_2009, date(2015, 1, 1))
    assert (found.status, found.version) == (HELD, HELD_FROM_2009[0])


def test_an_original_article_before_its_wording_is_held_is_not_called_not_in_force():
    found = status_on(Article(Law()), HELD_FROM_2009, date(2005, 1, 1))
    assert found.status == NOT_HELD
    assert found.nearest == HELD_FROM_2009[0]


def test_before_the_code_came_into_force_the_article_was_not():
    found = status_on(Article(Law()), HELD_FROM_2009, date(1996, 6, 1))
    assert found.status == NOT_YET_IN_FORCE
    assert "came into force on 01.01.1997" in found.reason


def test_a_note_that_added_a_part_is_not_evidence_the_article_was_added():
    part = Note(LAW_2007, "(Дополнение пунктом - Федеральный закон от 24.07.2007 № 211-ФЗ)")
    assert not adds_the_article(part)
    found = status_on(Article(Law()), HELD_FROM_2009, date(2005, 1, 1), added_notes=[part])
    assert found.status == NOT_HELD


def test_an_article_added_by_a_law_signed_later_was_not_yet_in_force():
    added = Note(LAW_2007, "(Дополнение статьей - Федеральный закон от 24.07.2007 № 211-ФЗ)")
    before = status_on(Article(Law()), HELD_FROM_2009, date(2005, 1, 1), added_notes=[added])
    assert before.status == NOT_YET_IN_FORCE and "signed on 24.07.2007" in before.reason
    # Signed, but its in-force date is not held: uncertain, never "not in force".
    between = status_on(Article(Law()), HELD_FROM_2009, date(2007, 7, 30), added_notes=[added])
    assert between.status == NOT_HELD and "uncertain" in between.reason


def test_a_curated_addition_bounds_the_article_by_its_in_force_date():
    added = [Change(LAW_2007)]
    early = status_on(Article(Law()), HELD_FROM_2009, date(2007, 8, 1), added_changes=added)
    assert early.status == NOT_YET_IN_FORCE and "in force from 04.08.2007" in early.reason
    later = status_on(Article(Law()), HELD_FROM_2009, date(2008, 1, 1), added_changes=added)
    assert later.status == NOT_HELD and "uncertain" not in later.reason


def test_after_its_repeal_the_article_was_no_longer_in_force():
    ended = [Version(date(2009, 12, 27), date(2019, 12, 31))]
    article = Article(Law(), repealed_on=date(2020, 1, 1))
    assert status_on(article, ended, date(2021, 1, 1)).status == REPEALED
    assert status_on(article, ended, date(2019, 6, 1)).status == HELD
