"""ConsultantPlus editorial notes ("(в ред. Федерального закона от 25.12.2023 N 640-ФЗ)") read as
AmendmentRef, one per law the note names.

The publisher writes its notes lower-case and abbreviated, unlike the portal's "(В редакции …)":
``в ред.`` (amended), ``введена``/``введен``/``введено`` (added), ``утратила силу``/``исключена``
(repealed), and a note may change kind half-way: "(часть 3 введена Федеральным законом от
03.07.2016 N 316-ФЗ; в ред. Федерального закона от 08.12.2020 N 410-ФЗ)" gives 316-ФЗ added and
410-ФЗ amended. Each law takes the kind written last before it. A note may name its unit
("часть 1", "часть вторая.1", "примечание", "наименование", "п. 3.1"); otherwise the unit is the
one the note stands under, which the reader passes in. Acts that are not laws (Constitutional Court
rulings "N 4-П", determinations "N 270-О") are not amendments: they are counted, not returned.
"""

from __future__ import annotations

import re
from datetime import date

from .document import AmendmentRef

# "от 25.12.2023 N 640-ФЗ", "от 08.12.2003 №162-ФЗ", and a second law with its "от" left out
# ("от 08.12.2003 №162-ФЗ, 21.07.2004 №73-ФЗ").
REF_RE = re.compile(
    r"(?:от\s*)?(\d{1,2})\.(\d{1,2})\.(\d{4})\s*(?:г\.|года)?\s*(?:№|N)\s*(\d+(?:-\d+)?-[А-ЯЁA-Z]+)"
)
LAW_NUMBER_RE = re.compile(r"\d+-ФК?З")
KIND_RE = re.compile(
    r"в\s+ред\.|в\s+редакции|введен\w*|дополнен\w*|утратил\w*\s+силу|утративш\w*|"
    r"исключен\w*|признан\w*\s+утративш\w*",
    re.I,
)
# A line that is an editorial note: a parenthesis opening with a note's words, naming a date.
NOTE_LINE_RE = re.compile(
    r"^\(\s*(?:в\s+ред\.|в\s+редакции|введен|утратил|исключен|признан|дополнен|"
    r"част[ьи]\s|п\.|пп\.|пункт|подпункт|абз|примечани|наименовани|стать[яи]\s|глав|раздел)"
    r".*\d{1,2}\.\d{1,2}\.\d{4}.*\)[.;]?$",
    re.I,
)
ORDINALS = {
    "первая": "1",
    "вторая": "2",
    "третья": "3",
    "четвертая": "4",
    "пятая": "5",
    "шестая": "6",
    "седьмая": "7",
    "восьмая": "8",
    "девятая": "9",
    "десятая": "10",
}
PART_TOKEN = r"(?:\d+(?:\.\d+)*(?:-\d+)?|(?:" + "|".join(ORDINALS) + r")(?:\.\d+)?)"
NAMED_PARTS_RE = re.compile(
    rf"^част[ьи]\s+({PART_TOKEN}(?:\s*(?:,|и|-|–)\s*{PART_TOKEN})*)\s", re.I
)


def is_note_line(line: str) -> bool:
    return bool(NOTE_LINE_RE.match(line))


def note_kind(words: str) -> str:
    low = words.lower()
    if low.startswith(("в ред", "в редакции")):
        return "amended"
    if low.startswith(("введен", "дополнен")):
        return "added"
    return "repealed"


def part_number(token: str) -> str:
    """ "вторая.1" -> "2.1", "1.1" -> "1.1"."""
    head, dot, tail = token.partition(".")
    return ORDINALS.get(head.lower(), head) + (dot + tail if dot else "")


def named_parts(note: str) -> list[str]:
    """The parts a note names ("(части 3 - 5 …)" -> ["3", "4", "5"]), or []."""
    match = NAMED_PARTS_RE.match(note.lstrip("( "))
    if not match:
        return []
    numbers: list[str] = []
    end = 0
    for token in re.finditer(PART_TOKEN, match.group(1)):
        number = part_number(token.group(0))
        between = match.group(1)[end : token.start()]
        end = token.end()
        if between.strip() in ("-", "–") and numbers:
            first = numbers[-1]
            if first.isdigit() and number.isdigit() and int(first) < int(number):
                numbers += [str(n) for n in range(int(first) + 1, int(number) + 1)]
                continue
        numbers.append(number)
    return numbers


def named_scope(note: str) -> str | None:
    """The unit a note names: part, article, note, title, other (points, paragraphs), or None."""
    low = note.lower().lstrip("( ")
    if re.match(r"част[ьи]\s", low):
        return "part"
    if re.match(r"стать[яи]\s", low):
        return "article"
    if re.match(r"примечани", low) or re.match(r"(п\.|пункт)\s*\S+\s+примечани", low):
        return "note"
    if re.match(r"наименовани", low):
        return "title"
    if re.match(r"(п\.|пп\.|пункт|подпункт|абз|абзац|глав|раздел)", low):
        return "other"
    return None


def refs_in(note: str, scope: str, part: str | None = None, *, kinds=None) -> list[AmendmentRef]:
    """One AmendmentRef per law the note names.

    `scope` is the unit the note stands under (a part, the notes, the heading) where it names
    none. `kinds` maps a kind to the scope it gives an unnamed note: under an article heading,
    "введена" speaks of the article and "в ред." of its title.
    """
    named = named_scope(note)
    parts = named_parts(note) if named == "part" else []
    events = [(m.start(), "kind", m) for m in KIND_RE.finditer(note)]
    events += [(m.start(), "ref", m) for m in REF_RE.finditer(note)]
    kind = None
    refs = []
    for _, what, match in sorted(events, key=lambda event: event[0]):
        if what == "kind":
            kind = note_kind(match.group(0))
            continue
        day, month, year, number = match.groups()
        if kind is None or not LAW_NUMBER_RE.fullmatch(number):
            continue
        try:
            signed = date(int(year), int(month), int(day))
        except ValueError:
            continue
        ref_scope = named or (kinds or {}).get(kind, scope)
        for ref_part in parts or [part]:
            refs.append(
                AmendmentRef(
                    number=number,
                    signed_on=signed,
                    note_kind=kind,
                    scope=ref_scope,
                    part=ref_part if ref_scope == "part" else None,
                    note=note,
                )
            )
    return refs


def acts_named(text: str) -> tuple[list[AmendmentRef], int]:
    """Laws a list names (the preamble's), as amendments; and how many other acts it names."""
    refs, others = [], 0
    for match in REF_RE.finditer(text):
        day, month, year, number = match.groups()
        if not LAW_NUMBER_RE.fullmatch(number):
            others += 1
            continue
        try:
            signed = date(int(year), int(month), int(day))
        except ValueError:
            others += 1
            continue
        refs.append(AmendmentRef(number, signed, "amended", "other", None, match.group(0)))
    return refs, others
