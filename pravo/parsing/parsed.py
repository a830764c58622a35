"""What a reader makes of a text of a law (the portal's HTML, ConsultantPlus, per-article
Markdown): the document, its articles and parts, and the amending laws its notes name."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pravo.parsing.act_repeal import ActRepeal

LATIN = {"Ф": "F", "З": "Z", "К": "K", "П": "P", "Р": "R", "У": "U"}


@dataclass
class AmendmentRef:
    number: str  # as written, e.g. "157-ФЗ"
    signed_on: date
    note_kind: str  # amended | added | repealed | restated
    scope: str  # article | part | note | title | other
    part: str | None = None
    note: str = ""  # the whole editorial note the ref was read from

    @property
    def number_latin(self) -> str:
        return "".join(LATIN.get(ch, ch) for ch in self.number)


@dataclass
class ArticlePart:
    number: str
    text: str
    sanction: str
    amendments: list[AmendmentRef] = field(default_factory=list)
    repealed: bool = False
    # A repealed part's note, as the text prints it in the part's place ("(Часть утратила
    # силу - Федеральный закон от …)"); the article's text keeps it there.
    repeal_note: str = ""


@dataclass
class ParsedArticle:
    number: str
    title: str
    section: str
    chapter: str
    parts: list[ArticlePart]
    notes: list[str]
    text: str
    repealed: bool
    amendments: list[AmendmentRef]
    subsection: str = ""  # "Подраздел 1. …" (Civil Code)
    subchapter: str = ""  # "§ 1. Общие положения" and numbered sub-headings under a chapter


@dataclass
class ParsedDocument:
    title: str
    articles: list[ParsedArticle]
    amending_laws: list[AmendmentRef]
    unparsed: list[str]
    signature: list[str] = field(default_factory=list)  # "Президент …", place, date, number
    edition_date: date | None = None  # the date the text is current to, as the text shows it
    source_format: str = "pravo_html"  # | consultant_text | consultant_docx | article_markdown
    act_title: str = ""  # the act as the text names it: "Уголовный кодекс Российской Федерации"
    skipped: dict[str, int] = field(default_factory=dict)  # publishers' additions, by kind
    portal_nd: str = ""  # the document's own nd, from its links (parsing.portal)
    repealed_by: ActRepeal | None = None  # the act's own repeal, from its head line

    def act_repeal_ref(self) -> AmendmentRef | None:
        """The law that repealed the whole act (repealed_by) as an amendment reference."""
        repeal = self.repealed_by
        if repeal is None:
            return None
        return AmendmentRef(repeal.number, repeal.signed_on, "repealed", "act", note=repeal.note)

    def article(self, number: str) -> ParsedArticle:
        for art in self.articles:
            if art.number == number:
                return art
        raise KeyError(number)
