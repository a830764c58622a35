"""How far the data held reaches: the day an article's texts are current to."""

from dataclasses import dataclass, field
from datetime import date

from provisions.currency import currency_of, newest_text
from provisions.timeline import EDITION, REPEAL, Period
from tests.provisions.timeline_doubles import Article, Rows


@dataclass
class Text:
    title: str
    current_to: date | None


@dataclass
class Reading:
    source: Text


@dataclass
class Held:
    source: Text | None
    readings: list = field(default_factory=list)

    @property
    def citations(self):
        return Rows(self.readings)


EXPORT = Text("Export", date(2023, 8, 4))
CONVERSION = Text("Conversion", date(2025, 10, 15))
NEWS = Text("News report", None)


def periods(*starts):
    return [Period(EDITION, start, None) for start in starts]


def test_the_latest_text_read_gives_the_day_whatever_holds_the_wording():
    versions = [Held(NEWS, [Reading(EXPORT)]), Held(EXPORT, [Reading(CONVERSION)])]
    assert newest_text(versions) is CONVERSION
    assert currency_of(Article(), versions, periods(date(2010, 1, 7))) == (
        date(2025, 10, 15),
        "the newest text held here is current to 15.10.2025 (Conversion)",
    )


def test_a_change_known_after_the_text_moves_the_day_on():
    found = currency_of(Article(), [Held(EXPORT)], periods(date(2010, 1, 7), date(2024, 9, 1)))
    assert found == (date(2024, 9, 1), "the latest change known here takes effect on 01.09.2024")


def test_without_a_dated_text_the_newest_edition_s_start_is_all_that_is_known():
    found = currency_of(Article(), [Held(NEWS), Held(None)], periods(date(2010, 1, 7)))
    assert found == (
        date(2010, 1, 7),
        "no text held here gives the day it is current to; its newest edition known takes "
        "effect on 07.01.2010",
    )
    assert currency_of(Article(), [], []) == (None, "")
    # Nor does anything date the end of a repeal: no day at all.
    repealed = [*periods(date(2010, 1, 7)), Period(REPEAL, date(2016, 7, 14), None)]
    assert currency_of(Article(), [Held(NEWS)], repealed) == (None, "")
