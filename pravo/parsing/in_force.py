"""When a code came into force, read from its own final provisions.

A code's final or transitional provisions may say when the whole code comes into force:
"Настоящий Кодекс вводится в действие с 1 февраля 2002 года." (Labour Code, art. 420),
"Ввести в действие настоящий Кодекс с 1 марта 1996 года, за исключением положений, …" (Family
Code, art. 168). Others say only that it comes into force on its official publication (whose
date the text does not give) or leave the date to a separate enacting law (the Budget Code,
art. 307); many say nothing (the Criminal Code: Federal Law 64-FZ enacted it). Only those
date-bearing sentences whose subject is the code itself count: a sentence about one article's
or chapter's date, or one that limits the date to some provisions ("… в части …"), is not the
code's date, and the editorial notes that name amending laws are not read at all (the document
parser has already set them apart from the law's words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from pravo.parsing.document import ParsedArticle, ParsedDocument

DATE = "date"  # the sentence names the day
PUBLICATION = "publication"  # "со дня его официального опубликования": the day is not given
ENACTING_LAW = "enacting_law"  # a separate law on bringing the code into force sets it

MONTHS = {
    name: number
    for number, name in enumerate(
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(),
        start=1,
    )
}

# Where final provisions sit: an article, chapter or section headed so.
FINAL_RE = re.compile(
    r"заключительн|переходн|введени\w*\s+в\s+действие|вступлени\w*\s+в\s+силу", re.IGNORECASE
)
# The code itself as the subject, and the verb right after it.
SUBJECT = (
    r"(?:Настоящ(?:ий|ая)\s+(?:Кодекс|Конституция)"
    r"|Конституция\s+Российской\s+Федерации)"
)
VERB = r"(?:вводится\s+в\s+действие|вступает\s+в\s+силу)"
STATEMENT_RES = [
    re.compile(rf"^{SUBJECT}\s+{VERB}\s+(?P<rest>.+)$", re.S),
    re.compile(
        r"^Ввести\s+в\s+действие\s+настоящ(?:ий\s+Кодекс|ую\s+Конституцию)\s+(?P<rest>.+)$", re.S
    ),
    re.compile(r"^Порядок\s+введения\s+в\s+действие\s+настоящего\s+Кодекса\s+(?P<rest>.+)$", re.S),
]
WORD_DATE_RE = re.compile(
    r"^с\s+(?P<day>\d{1,2})\s+(?P<month>[а-я]+)\s+(?P<year>\d{4})\s*(?:года|г\.)?(?P<tail>.*)$",
    re.S,
)
FIGURE_DATE_RE = re.compile(
    r"^с\s+(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})\s*(?:года|г\.)?(?P<tail>.*)$",
    re.S,
)
# What may follow the code's date: nothing, or the exceptions for which it sets other dates.
WHOLE_CODE_TAIL_RE = re.compile(r"^\s*(?:[.;]?\s*$|,?\s*за\s+исключением\b)", re.S)
PUBLICATION_RE = re.compile(r"опубликовани", re.IGNORECASE)
ENACTING_LAW_RE = re.compile(r"закон\w*\s+[«\"]?о\s+введении\s+в\s+действие", re.IGNORECASE)
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[А-ЯЁA-Z])")
LEADING_NUMBER_RE = re.compile(r"^(\d{1,3})\.\s+")


@dataclass(frozen=True)
class InForceStatement:
    """A sentence of the final provisions on when the code comes into force.

    `basis`: DATE (then `on` is the day), PUBLICATION or ENACTING_LAW (then `on` is None).
    `article` is the article number ("" for provisions outside the articles, like the
    Constitution's Section Two) and `part` its numbered part or point ("" when none)."""

    sentence: str
    article: str
    part: str
    basis: str
    on: date | None = None

    @property
    def where(self) -> str:
        if not self.article:
            return f"final provisions, item {self.part}" if self.part else "final provisions"
        return f"art. {self.article}" + (f", part {self.part}" if self.part else "")


@dataclass
class InForceReading:
    """What the final provisions say: `statement` is the code's date where one sentence (or
    several that agree) gives it, else the sentence that says why no date is given, else None.
    `skipped` holds date-bearing sentences about the code that are not its date (limited to some
    provisions); `problems` what could not be settled (sentences giving different dates)."""

    statement: InForceStatement | None = None
    skipped: list[InForceStatement] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def on(self) -> date | None:
        return self.statement.on if self.statement else None


def read_in_force(document: ParsedDocument) -> InForceReading:
    """The code's in-force date from its own final provisions (see the module docstring)."""
    found: list[InForceStatement] = []
    skipped: list[InForceStatement] = []
    for article in document.articles:
        if not in_final_provisions(article):
            continue
        for part in article.parts:
            for line in part.text.split("\n"):
                for sentence in sentences(line):
                    sort(statement_in(sentence, article.number, part.number), found, skipped)
    # Provisions outside any article (the Constitution's "Заключительные и переходные
    # положения" are numbered items under a section heading).
    for line in document.unparsed:
        item = LEADING_NUMBER_RE.match(line)
        text = line[item.end() :] if item else line
        for sentence in sentences(text):
            sort(statement_in(sentence, "", item.group(1) if item else ""), found, skipped)
    return choose(found, skipped)


def in_final_provisions(article: ParsedArticle) -> bool:
    headings = (article.title, article.chapter, article.section, article.subchapter)
    return any(FINAL_RE.search(heading) for heading in headings if heading)


def sentences(line: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END_RE.split(line.strip()) if s.strip()]


def sort(item, found: list, skipped: list) -> None:
    if item is None:
        return
    statement, whole_code = item
    (found if whole_code else skipped).append(statement)


def statement_in(sentence: str, article: str, part: str):
    """(statement, whether it speaks of the whole code) for a sentence that says when the code
    comes into force; None for any other sentence."""
    rest = None
    for pattern in STATEMENT_RES:
        match = pattern.match(sentence)
        if match:
            rest = match.group("rest")
            break
    if rest is None:
        return None
    day, tail = calendar_date(rest)
    if day is not None:
        statement = InForceStatement(sentence, article, part, DATE, day)
        return statement, bool(WHOLE_CODE_TAIL_RE.match(tail))
    if ENACTING_LAW_RE.search(rest):
        return InForceStatement(sentence, article, part, ENACTING_LAW), True
    if PUBLICATION_RE.search(rest):
        return InForceStatement(sentence, article, part, PUBLICATION), True
    return None


def calendar_date(rest: str) -> tuple[date | None, str]:
    """The day a statement's remainder starts with ("с 1 февраля 2002 года …") and what follows
    it; (None, rest) when it starts with none."""
    for pattern, months in ((WORD_DATE_RE, MONTHS), (FIGURE_DATE_RE, None)):
        match = pattern.match(rest)
        if not match:
            continue
        month = match.group("month")
        number = months.get(month) if months is not None else int(month)
        try:
            day = date(int(match.group("year")), number or 0, int(match.group("day")))
        except ValueError:
            continue
        return day, match.group("tail")
    return None, rest


def choose(found: list[InForceStatement], skipped: list[InForceStatement]) -> InForceReading:
    reading = InForceReading(skipped=skipped)
    dated = [statement for statement in found if statement.basis == DATE]
    days = sorted({statement.on for statement in dated})
    if len(days) > 1:
        reading.problems.append(
            "the final provisions give different dates for the code: "
            + "; ".join(f"{s.where}: «{s.sentence}»" for s in dated)
        )
        return reading
    if dated:
        reading.statement = dated[0]
    elif found:
        reading.statement = found[0]
    return reading
