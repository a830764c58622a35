"""The repeal of a whole act, as the portal prints it above the act's title.

An export of an act no longer in force opens with one line naming the law that repealed it:
"Утратил силу - Федеральный закон от 03.06.2006 г. N 73-ФЗ" (the Water Code of 1995), or,
where a part of the act outlived the rest, "Утратил силу, за исключением главы 12, которая
утрачивает силу со дня вступления в силу федерального закона, … - Кодекс Российской Федерации
от 28.05.2003 № 61-ФЗ" (the Customs Code of 1993). The line gives the repealing law's number
and signing date, never the day the repeal took effect.

`read_act_repeal(text)` reads that line (the rendered text of a paragraph before the first
heading) into an ActRepeal, or None for any other line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

ACT_REPEALED_RE = re.compile(r"^\s*Утратил[аио]?\s+силу\b", re.IGNORECASE)
# "…, за исключением главы 12, которая утрачивает силу со дня …" / "… глав 12 и 13, …"
EXCEPTION_RE = re.compile(r"^\s*,\s*за\s+исключением\s+(.+?)\s+-\s+\S", re.IGNORECASE | re.S)
# Chapters only, then nothing or the clause on when they lose force ("…, которая утрачивает
# силу …"): anything else excepted ("главы 12 и статьи 5") is not read as chapters.
CHAPTERS_RE = re.compile(
    r"^глав[ыа]?\s+(\d+(?:\s*(?:,|и)\s*\d+)*)(?:\s*,\s*котор\w*\s.*)?$", re.IGNORECASE | re.S
)
# The repealing law, last on the line: "- Федеральный закон от 03.06.2006 г. N 73-ФЗ".
LAW_RE = re.compile(
    r"-\s*(?:Федеральный\s+закон|Кодекс\s+Российской\s+Федерации|Федеральный\s+"
    r"конституционный\s+закон)\s+от\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*(?:г\.|года)?\s*"
    r"(?:№|N)\s*(\d+-ФКЗ|\d+-ФЗ)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ActRepeal:
    """The act's repeal as its head line states it.

    `note`: the line, verbatim (quoted on every article it repeals); `number` and `signed_on`:
    the repealing law (Cyrillic "73-ФЗ"); `kept_chapters`: the chapter numbers the line
    excepts ("12"), which stay in force; `unread_exception`: an exception the line makes that
    is not a list of chapters (then no article can be said to be repealed by it, and the
    import says so)."""

    note: str
    number: str
    signed_on: date
    kept_chapters: tuple[str, ...] = ()
    unread_exception: str = ""


def read_act_repeal(text: str) -> ActRepeal | None:
    """The ActRepeal stated by `text` (a paragraph before the act's first heading), or None
    when it is not such a line or names no repealing law with its date and number."""
    line = re.sub(r"\s+", " ", text).strip()
    start = ACT_REPEALED_RE.match(line)
    law = LAW_RE.search(line)
    if start is None or law is None:
        return None
    day, month, year, number = law.groups()
    try:
        signed_on = date(int(year), int(month), int(day))
    except ValueError:
        return None
    kept, unread = (), ""
    exception = EXCEPTION_RE.match(line[start.end() :])
    if exception:
        clause = exception.group(1)
        chapters = CHAPTERS_RE.match(clause)
        if chapters:
            kept = tuple(re.findall(r"\d+", chapters.group(1)))
        else:
            unread = clause
    return ActRepeal(line, number, signed_on, kept, unread)
