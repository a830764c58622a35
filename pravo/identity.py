"""Which act a text is, read from the text itself, and the refusal to import it as another.

A file's name says nothing certain: the Constitution's export saved as 102041891.html, or a
LawBase page saved with curl, would otherwise be imported as the Criminal Code over its
articles. So before anything is written the text's own marks are compared with the law it is
imported as:

- the portal's document number (nd) the export's own links leave from (``prevDoc=…``),
  against the nd the file is named by and the law's official URL;
- the act's title (``Уголовный кодекс Российской Федерации``), against the law's Russian title;
- the number and signing date under the act (``№ 63-ФЗ``, ``13 июня 1996 года``), against the
  law's number and adoption date;
- for a text that names no act (per-article files), its article headings against the law's.

Any mark that contradicts the law refuses the text; a portal export must also be confirmed by at
least one of nd, number or signing date (a page that only names the code, as a saved LawBase
page does, is not an export of it). A law not yet in the database is new: the text makes it.
"""

import re
from dataclasses import dataclass
from datetime import date

from pravo.parsing.document import LATIN, ParsedDocument
from provisions.models import Law

ND_IN_URL = re.compile(r"[?&]nd=(\d+)")
NUMBER_LINE = re.compile(r"^(?:№|N)\s*(\S+)$")


class ImportRefused(Exception):
    """The text is not imported: nothing was written. The message says why, for the operator."""


@dataclass(frozen=True)
class ActMarks:
    """What a text says it is: nd ("" unknown), title, number ("63-FZ"), signing date."""

    nd: str
    title: str
    number: str
    signed_on: date | None

    def described(self) -> str:
        named = [f"“{self.title}”" if self.title else "no act title"]
        if self.number:
            named.append(f"No. {self.number}")
        if self.signed_on:
            named.append(f"signed {self.signed_on:%d.%m.%Y}")
        if self.nd:
            named.append(f"portal nd={self.nd}")
        return ", ".join(named)


def normal_title(title: str) -> str:
    return re.sub(r"\s+", " ", title.lower().replace("ё", "е")).strip(' ."«»')


def normal_number(number: str) -> str:
    """ "63-ФЗ", "63-FZ", "N 63-ФЗ" -> "63-FZ"."""
    latin = "".join(LATIN.get(ch, ch) for ch in number.upper())
    return latin.lstrip("№N ").strip()


def marks_of(document: ParsedDocument, signed_on: date | None) -> ActMarks:
    """The marks `document` carries; `signed_on`: the date under the act as read by the caller
    (pravo.law_record.signature_date)."""
    number = ""
    for line in document.signature:
        found = NUMBER_LINE.match(line.strip())
        if found:
            number = normal_number(found.group(1))
    title = document.title if document.source_format == "pravo_html" else document.act_title
    return ActMarks(
        nd=getattr(document, "portal_nd", ""),
        title=title or document.act_title,
        number=number,
        signed_on=signed_on,
    )


def law_nd(law: Law) -> str:
    found = ND_IN_URL.search(law.official_url or "")
    return found.group(1) if found else ""


def heading_key(title: str) -> str:
    """A title as curated records may shorten it: "Российской Федерации" as "РФ", cut off
    with "…"."""
    return normal_title(title).replace("российской федерации", "рф").rstrip(" .…")


def same_heading(one: str, other: str) -> bool:
    one, other = heading_key(one), heading_key(other)
    shorter = min(len(one), len(other))
    return shorter >= 5 and (one.startswith(other) or other.startswith(one))


def headings_match(document: ParsedDocument, law: Law) -> bool:
    """Whether the text's article headings are the law's: at least three in four of those it
    shares by number carry the same title. For texts that name no act (per-article files)."""
    titles = {a.number.replace("-", "."): a.title for a in document.articles}
    held = law.articles.filter(number__in=titles).values_list("number", "title_ru")
    compared = [(titles[number], title) for number, title in held if title]
    same = sum(1 for read, title in compared if same_heading(read, title))
    return bool(compared) and same * 4 >= len(compared) * 3


def check_identity(document: ParsedDocument, law: Law | None, nd: str, signed_on) -> str:
    """Refuse (ImportRefused) a text that is not the act `law` (None: a new law) nor the portal
    document `nd` (the file's name, "" when not a number). Returns the nd to cite: the text's
    own where it has one, else `nd`."""
    marks = marks_of(document, signed_on)
    portal = document.source_format == "pravo_html"
    wanted = law.short_name if law is not None else "a new law"
    problems = []
    if portal and nd.isdigit() and marks.nd and marks.nd != nd:
        problems.append(f"its own links give portal nd={marks.nd}, the file is named {nd}")
    confirmed = False
    if law is not None:
        expected = {
            "portal nd": (law_nd(law), marks.nd),
            "number": (normal_number(law.number), marks.number),
        }
        # The signing date confirms only where the law's date is its own: a law made from a
        # text without one holds a stand-in (pravo.importer.import_document says so in its note).
        if "stands in" not in (law.note or ""):
            expected["signing date"] = (law.adopted_on, marks.signed_on)
        for what, (held, read) in expected.items():
            if held and read:
                if held != read:
                    problems.append(f"its {what} is {read}, where {law.short_name} has {held}")
                else:
                    confirmed = True
        if law.title_ru and marks.title:
            if normal_title(law.title_ru) != normal_title(marks.title):
                problems.append(f"it is titled “{marks.title}”, not “{law.title_ru}”")
            elif not portal:
                confirmed = True  # a consolidated text names its act; it has no nd
        if not confirmed and not problems and not portal:
            confirmed = headings_match(document, law)
        if not confirmed and not problems:
            problems.append(
                "nothing in it confirms it is that act (no portal nd, act number or signing "
                "date that matches)"
            )
    elif portal and not (marks.nd or marks.number or marks.signed_on):
        problems.append("it has neither the portal's links nor a signing block")
    if problems:
        raise ImportRefused(
            f"not imported as {wanted}: {'; '.join(problems)}. The text reads as "
            f"{marks.described()}. Nothing was written."
        )
    if marks.nd:
        return marks.nd
    return nd if nd.isdigit() or law is None else (law_nd(law) or nd)
