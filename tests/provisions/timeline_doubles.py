"""Plain stand-ins for the objects provisions.timeline and provisions.milder read (a law,
an article, held versions with penalties, amendments, editorial notes, curated changes)."""

from dataclasses import dataclass, field
from datetime import date, datetime

from provisions.timeline import build_timeline
from tests.provisions.test_penalties import P, prison  # noqa: F401  (one Penalty-like row)


@dataclass
class Law:
    short_name: str = "Criminal Code"
    in_force_on: date | None = date(1997, 1, 1)
    in_force_certainty: str = "confirmed"
    adopted_on: date | None = date(1996, 6, 13)


@dataclass
class Article:
    law: Law = field(default_factory=Law)
    repealed_on: date | None = None


@dataclass(eq=False)
class Amendment:
    pk: int
    number: str
    signed_on: date
    in_force_on: date
    in_force_certainty: str = "confirmed"
    applied_at: datetime | None = datetime(2024, 1, 1)


class Rows:
    def __init__(self, rows):
        self.rows = list(rows)

    def all(self):
        return self.rows


@dataclass(eq=False)
class Version:
    pk: int
    valid_from: date
    valid_to: date | None = None
    introduced_by: Amendment | None = None
    rows: list = field(default_factory=list)
    certainty: str = "confirmed"

    @property
    def introduced_by_id(self):
        return self.introduced_by.pk if self.introduced_by else None

    @property
    def penalties(self):
        return Rows(self.rows)

    def is_in_force_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass
class Note:
    amendment: Amendment
    note: str
    parts: str = ""

    @property
    def amendment_id(self):
        return self.amendment.pk


@dataclass
class Change:
    amendment: Amendment
    action: str = "amended"

    @property
    def amendment_id(self):
        return self.amendment.pk


def law(pk, number, signed, in_force=None, certainty="confirmed"):
    return Amendment(pk, number, signed, in_force or signed, certainty)


def estimated(pk, number, signed):
    """An amending law known from a note: in force signed + 11 days, estimated."""
    from datetime import timedelta

    return Amendment(pk, number, signed, signed + timedelta(days=11), "estimated")


def amended_note(amendment, parts="1"):
    return Note(amendment, f"(В редакции Федерального закона от … № {amendment.number})", parts)


def timeline(article=None, versions=(), notes=(), changes=()):
    return build_timeline(article or Article(), versions, notes, changes)
