"""Read a ConsultantPlus consolidated text (plain text, or the .docx it was saved as) into the
ParsedDocument the portal reader produces: articles, parts, points, sanctions, notes, editorial
notes as AmendmentRef, the preamble's amending laws, repealed articles.

The texts are plain paragraphs, one per line; there is no markup, so everything is recognised by
its words. Two layouts are read:

- one line per heading: ``Статья 20.3.3. Публичные действия …`` (КоАП 2024 and 2017, the latter
  indented by five spaces; the Criminal Code of 2017), dotted numbers as plain text;
- a heading split over two paragraphs, ``Статья 275.`` then the title (the Criminal Code of
  2005), where the digit after the dot was moved to the title: ``Статья 282.`` then ``1.
  Организация экстремистского сообщества`` is 282.1. A title never starts with a number, so a
  title line "1. …" completes the number; each such reading is checked against the order of the
  numbers (282.1 follows 282) and against the table of contents the file opens with (which has
  the same defect: "Статья 282." three times is 282, 282.1, 282.2), and a disagreement is listed
  in ``unparsed``.

What is not law text is skipped and counted in ``skipped``, never read into an article: the
publisher's header ("Документ предоставлен КонсультантПлюс", save date), the blocks opened by
"КонсультантПлюс: примечание." (to the next blank line), references to court rulings ("… см.
Постановление Конституционного Суда РФ …"), remarks on the document ("Положения данного документа
…"), the table of contents, and the acts the preamble lists as "с изм., внесенными …" (rulings
and laws whose changes the text does not carry as its own wording). Editorial notes on chapters
and sections are counted there too: they belong to no article.

``edition_date`` is the date the text is current to, from the document itself: the header's "(ред.
от 08.08.2024)" where there is one (КоАП 2024); otherwise the latest amending law in the
preamble's list (the Criminal Code of 2005, КоАП 2017); otherwise, with no preamble (the Criminal
Code of 2017), the latest law cited in the editorial notes. ``act_title`` is the act the text
names in its own heading, or failing that in its first chapter's heading ("Задачи и принципы
Уголовного кодекса Российской Федерации"); never from an article's text, which names other acts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from .consultant_notes import REF_RE, acts_named, is_note_line, refs_in
from .document import AmendmentRef, ArticlePart, ParsedArticle, ParsedDocument, PravoFormatError

NUM = r"\d+(?:\.\d+)*(?:-\d+)?"  # 20.3.3, 19.7.5-1
ARTICLE_RE = re.compile(rf"^Статья\s+({NUM})\.?(?:\s+(.*))?$")
ARTICLES_RE = re.compile(rf"^Статьи\s+({NUM})\s*[-–—]\s*({NUM})\.\s*(.*)$")
CHAPTER_RE = re.compile(r"^Глава\s+(\d+(?:\.\d+)*)\.?(?:\s+(.*))?$")
SECTION_RE = re.compile(r"^Раздел\s+([IVXLC]+)\.?(?:\s+(.*))?$")
DIVISION_RE = re.compile(r"^(?:Общая|Особенная)\s+часть$", re.I)
HEADING_START = re.compile(r"^(?:Статья|Статьи|Глава|Раздел)\s+[\dIVXLC]|^(?:ОБЩАЯ|ОСОБЕННАЯ)\s")
# A heading glued to the one before it ("Раздел II. ОСОБЕННАЯ ЧАСТЬСтатья 5.1. …").
GLUED_RE = re.compile(r"(?<=[А-ЯЁа-яё.])(?=(?:Статья|Глава|Раздел)\s+[\dIVXLC])")
TOC_LINE_RE = re.compile(
    r"^(?=.)(?:(?:Общая|Особенная) часть)?(?:Раздел [IVXLC]+\.)?(?:Глава \d+\.)?"
    r"(?:Статья (\d+)\.)?$"
)
DOTTED_TITLE_RE = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
PART_RE = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*(?:-\d+)?)\.(?:\s+|$)")
PART_RANGE_RE = re.compile(r"^(\d{1,3}(?:\.\d{1,3})?)\s*[-–—]\s*(\d{1,3}(?:\.\d{1,3})?)\.\s+")
NOTE_PARA_RE = re.compile(r"^Примечани[ея]\s*[.:]?")
SANCTION_RE = re.compile(r"(?:^|[-–—]\s*)((?:наказыва[ею]тся|влеч[её]т|влекут)\b.*)$", re.S)
# "Утратила силу. - Федеральный закон от 29.04.2006 N 57-ФЗ." (an article, part or point).
REPEAL = (
    r"(?P<words>утратил\w*\s+силу[^-–—]*?)\.?\s*[-–—]\s*"
    r"(?P<law>(?:Федеральн\w+\s+(?:конституционн\w+\s+)?закон\w*|ФЗ)\s+от.*)$"
)
REPEALED_RE = re.compile(rf"^{REPEAL}", re.I)  # the whole title or part
REPEALED_IN_RE = re.compile(REPEAL, re.I)  # "3) утратил силу. - …", "Примечание. Утратило …"
SIGNATURE_RE = re.compile(r"^Президент(?:\s+Российской\s+Федерации)?(?:\s+[А-Я]\.\s*[А-Яа-я]+)?$")
EDITION_RE = re.compile(r"\(ред\.\s+от\s+(\d{2})\.(\d{2})\.(\d{4})\)")
PUBLISHER_HEADER_RE = re.compile(
    r"^(?:Документ предоставлен КонсультантПлюс|www\.consultant\.ru|Дата сохранения:)"
)
BLOCK_RE = re.compile(r"^КонсультантПлюс:\s*примечание")
COURT_RE = re.compile(
    r"(?:Конституционного|Верховного|Высшего\s+Арбитражного)\s+Суда\s+РФ|\bКС\s+РФ\b|"
    r"Пленума\s+(?:Верховного|ВС|ВАС)\b"
)
REMARK_RE = re.compile(r"^Положения\s+данного\s+документа|^Об?\s[^()]*?\sсм\.\s")
ACTS = (
    (
        "Уголовный кодекс Российской Федерации",
        r"УГОЛОВН(?:ЫЙ|ОГО)\s+КОДЕКСА?\s+РОССИЙСКОЙ\s+ФЕДЕРАЦИИ",
    ),
    (
        "Кодекс Российской Федерации об административных правонарушениях",
        r"КОДЕКСА?\s+РОССИЙСКОЙ\s+ФЕДЕРАЦИИ\s+ОБ\s+АДМИНИСТРАТИВНЫХ\s+ПРАВОНАРУШЕНИЯХ",
    ),
)
HEADING_KINDS = {"added": "article", "repealed": "article", "amended": "title"}

SKIP_HEADER = "publisher's header lines"
SKIP_BLOCKS = "«КонсультантПлюс: примечание» blocks"
SKIP_COURTS = "references to court rulings"
SKIP_REMARKS = "publisher's remarks on the document"
SKIP_TOC = "table of contents lines"
SKIP_LATER = "acts listed as «с изм., внесенными» (not amending laws of the text)"
SKIP_STRUCTURE = "editorial notes on chapters and sections (no article)"
NOT_ADDITIONS = (SKIP_LATER, SKIP_STRUCTURE)  # counted, but the law's own, not additions


def text_lines(text: str) -> list[str]:
    """Lines with spacing made plain: CRLF and stray CR end a line, no-break spaces are spaces."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return [re.sub(r"[ \t\xa0]+", " ", line).strip() for line in text.split("\n")]


def docx_text(path) -> str:
    """The text of a .docx, one paragraph per line as the .txt beside it has it.

    python-docx reads the package; every ``w:p`` of the body is taken in document order,
    including those inside tables (the publisher's header and its notes are tables), and
    python-docx's Paragraph.text joins the runs (``w:br`` -> newline, ``w:tab`` -> tab)."""
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises several kinds for a non-.docx
        raise PravoFormatError(f"not a .docx document: {error}") from error
    body = document.element.body
    return "\n".join(Paragraph(p, document).text for p in body.iter(qn("w:p")))


@dataclass
class _Draft:
    number: str
    title: str
    section: str
    chapter: str
    heading_notes: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # text and note lines, in order
    repealed_refs: list[AmendmentRef] = field(default_factory=list)
    repealed: bool = False  # "Статья 5. Утратила силу." with no law named


def _refs_after_repeal(match: re.Match, scope: str, part: str | None) -> list[AmendmentRef]:
    refs = refs_in(f"(утратила силу - {match.group('law')})", scope, part)
    for ref in refs:
        ref.note = match.group(0)
    return refs


def _add_part(parts: list[ArticlePart], number: str) -> ArticlePart:
    parts.append(ArticlePart(number=number, text="", sanction=""))
    return parts[-1]


def build_article(draft: _Draft) -> ParsedArticle:
    parts: list[ArticlePart] = []
    notes: list[str] = []
    amendments = list(draft.repealed_refs)
    has_title = bool(draft.title) and not draft.repealed
    heading_kinds = HEADING_KINDS if has_title else {}
    for note in draft.heading_notes:
        amendments += refs_in(note, "article", None, kinds=heading_kinds)
    in_notes = False
    for line in draft.lines:
        if is_note_line(line):
            if in_notes:
                amendments += refs_in(line, "note")
            elif not parts:
                amendments += refs_in(line, "article", None, kinds=heading_kinds)
            else:
                refs = refs_in(line, "part", parts[-1].number)
                amendments += refs
                for ref in refs:
                    if ref.scope != "part":
                        continue
                    part = next((p for p in parts if p.number == ref.part), parts[-1])
                    part.amendments.append(ref)
                    part.repealed = part.repealed or (ref.note_kind == "repealed" and not part.text)
            continue
        if NOTE_PARA_RE.match(line):
            in_notes = True
        if in_notes:
            notes.append(line)
            if repeal := REPEALED_IN_RE.search(line):
                amendments += _refs_after_repeal(repeal, "note", None)
            continue
        ranged = PART_RANGE_RE.match(line)
        numbered = PART_RE.match(line)
        if ranged or numbered or not parts:
            number = (
                f"{ranged.group(1)}-{ranged.group(2)}"
                if ranged
                else (numbered.group(1) if numbered else "")
            )
            part = _add_part(parts, number)
            text = line[(ranged or numbered).end() :].strip() if (ranged or numbered) else line
            repeal = REPEALED_RE.match(text)
            if repeal and (ranged or numbered):
                # "2. Утратила силу. - Федеральный закон от …": the part is gone.
                span = [ranged.group(1), ranged.group(2)] if ranged else [number]
                for label in (_expand(*span) or span) if ranged else span:
                    refs = _refs_after_repeal(repeal, "part", label)
                    part.amendments += refs
                    amendments += refs
                part.repealed = True
                continue
        else:
            part, text = parts[-1], line
            repeal = REPEALED_IN_RE.search(text)
            if repeal:  # "ж) утратил силу. – Федеральный закон от …": a point
                amendments += _refs_after_repeal(repeal, "other", None)
        part.text = f"{part.text}\n{text}" if part.text else text
        sanction = SANCTION_RE.search(text)
        if sanction and not part.sanction:
            part.sanction = sanction.group(1).strip()
        elif part.sanction and not part.sanction.endswith("."):
            part.sanction = f"{part.sanction} {text}"  # a sanction over two paragraphs
    text = "\n".join(
        [(f"{p.number}. {p.text}" if p.number else p.text) for p in parts if p.text] + notes
    )
    repealed = draft.repealed or any(
        r.note_kind == "repealed" and r.scope == "article" for r in amendments
    )
    return ParsedArticle(
        number=draft.number,
        title=draft.title,
        section=draft.section,
        chapter=draft.chapter,
        parts=[p for p in parts if p.text or p.repealed or p.amendments],
        notes=notes,
        text=text,
        repealed=repealed,
        amendments=amendments,
    )


def _expand(first: str, last: str) -> list[str]:
    """ "23.16", "23.19" -> 23.16 … 23.19; "19.7.5-2", "19.7.5-4" -> …-2, …-3, …-4; else []."""
    head_a, sep_a, tail_a = first.rpartition("-" if "-" in first else ".")
    head_b, sep_b, tail_b = last.rpartition("-" if "-" in last else ".")
    if (head_a, sep_a) != (head_b, sep_b) or not (tail_a.isdigit() and tail_b.isdigit()):
        return []
    if int(tail_a) > int(tail_b):
        return []
    return [f"{head_a}{sep_a}{n}" for n in range(int(tail_a), int(tail_b) + 1)]


def _strip_header(lines: list[str], skipped: dict) -> tuple[list[str], date | None]:
    """Drop the publisher's header: everything up to its last marker line near the top."""
    markers = [i for i, line in enumerate(lines[:20]) if PUBLISHER_HEADER_RE.match(line)]
    if not markers:
        return lines, None
    header = lines[: markers[-1] + 1]
    skipped[SKIP_HEADER] = sum(1 for line in header if line)
    found = EDITION_RE.search(" ".join(header))
    edition = date(int(found.group(3)), int(found.group(2)), int(found.group(1))) if found else None
    return lines[markers[-1] + 1 :], edition


def _strip_contents(lines: list[str], skipped: dict) -> tuple[list[str], list[str]]:
    """Drop a table of contents (bare "Статья N." entries, one after another); return the
    numbers it lists, dotted where an entry repeats (the 2005 file's "Статья 282." x3)."""
    filled = [i for i, line in enumerate(lines) if line]
    toc_like = [bool(TOC_LINE_RE.match(lines[i])) for i in filled]
    first = next((k for k in range(len(filled) - 1) if toc_like[k] and toc_like[k + 1]), None)
    if first is None:
        return lines, []
    last = first
    while last + 1 < len(filled) and toc_like[last + 1]:
        last += 1
    entries = set(filled[first : last + 1])
    if last + 1 < len(filled) and lines[filled[last + 1]] == "* * *":
        entries.add(filled[last + 1])
    if len(entries) < 3:
        return lines, []
    numbers: list[str] = []
    for i in sorted(entries):
        match = TOC_LINE_RE.match(lines[i])
        if match and match.group(1):
            numbers.append(_next_number(numbers, match.group(1)))
    skipped[SKIP_TOC] = len(entries)
    return [line for i, line in enumerate(lines) if i not in entries], numbers


def _next_number(numbers: list[str], base: str) -> str:
    """The dotted number a repeated entry stands for: 282, 282 -> 282.1."""
    last = numbers[-1] if numbers else ""
    if last.split(".")[0] != base:
        return base
    return f"{base}.{int(last.split('.')[1]) + 1 if '.' in last else 1}"


def _split_glued(lines: list[str]) -> list[str]:
    """Headings glued together split apart; a note broken over lines ("(в ред. …,"
    / "от 27.12.2019 N 501-ФЗ)", a ``w:br`` inside the paragraph) joined into one."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].startswith("(") and out[-1].count("(") > out[-1].count(")") and line:
            out[-1] = f"{out[-1]} {line}"
        else:
            out += GLUED_RE.split(line) if HEADING_START.match(line) else [line]
    return out


class _Reader:
    def __init__(self, skipped: dict):
        self.skipped = skipped
        self.articles: list[ParsedArticle] = []
        self.unparsed: list[str] = []
        self.preamble: list[str] = []
        self.headings: list[str] = []  # structural headings before the first article
        self.signature: list[str] = []
        self.section = self.chapter = ""
        self.draft: _Draft | None = None
        self.started = False
        self.pending: str | None = None  # "article" | "chapter" | "section": its title next
        self.continues: str | None = None  # a heading whose upper-case title may wrap
        self.block = ""  # "", "await" (a publisher block's first line next), "in"

    def count(self, kind: str):
        self.skipped[kind] = self.skipped.get(kind, 0) + 1

    def feed(self, line: str):
        if not line:
            self.continues = None
            if self.block == "in":
                self.block = ""
            return
        if self.block and not HEADING_START.match(line):
            self.block = "in"
            return
        self.block = ""
        if BLOCK_RE.match(line):
            self.count(SKIP_BLOCKS)
            self.block = "await"
        elif not (self.started or self.headings or HEADING_START.match(line)) and not (
            DIVISION_RE.match(line)
        ):
            self.preamble.append(line)  # the act's heading and its list of amending laws
        elif self.signature or (self.started and SIGNATURE_RE.match(line)):
            self.finish()
            self.signature.append(line)
        elif COURT_RE.search(line) and not is_note_line(line):
            self.count(SKIP_COURTS)
        elif REMARK_RE.match(line):
            self.count(SKIP_REMARKS)
        elif self.pending:
            self.title(line)
        elif self.continues and line.isupper() and not HEADING_START.match(line):
            self.extend_heading(line)
        else:
            self.structure(line)

    def structure(self, line: str):
        if ARTICLE_RE.match(line) or ARTICLES_RE.match(line):
            self.start_article(line)
        elif m := CHAPTER_RE.match(line):
            self.finish()
            self.chapter = line.rstrip(".") if m.group(2) else line
            self.pending, self.continues = (None, "chapter") if m.group(2) else ("chapter", None)
            self.heading_seen(line)
        elif m := SECTION_RE.match(line):
            self.finish()
            self.section, self.chapter = line.rstrip(".") if m.group(2) else line, ""
            self.pending, self.continues = (None, "section") if m.group(2) else ("section", None)
            self.heading_seen(line)
        elif DIVISION_RE.match(line):
            self.finish()
            self.section = self.chapter = ""
            self.heading_seen(line)
        elif self.draft is not None:
            self.draft.lines.append(line)
        elif is_note_line(line):
            self.count(SKIP_STRUCTURE)
        else:
            self.unparsed.append(line[:200])

    def heading_seen(self, line: str):
        if not self.started:
            self.headings.append(line)

    def extend_heading(self, line: str):
        if self.continues == "chapter":
            self.chapter = f"{self.chapter} {line}"
        else:
            self.section = f"{self.section} {line}"
        self.heading_seen(line)

    def title(self, line: str):
        kind, self.pending = self.pending, None
        if HEADING_START.match(line) or DIVISION_RE.match(line):
            self.structure(line)  # the heading had no title
        elif kind == "chapter":
            self.chapter = f"{self.chapter} {line}"
            self.heading_seen(line)
        elif kind == "section":
            self.section = f"{self.section} {line}"
            self.heading_seen(line)
        elif is_note_line(line):
            self.draft.heading_notes.append(line)
        else:
            self.article_title(line)

    def start_article(self, line: str):
        self.finish()
        self.started = True
        if m := ARTICLES_RE.match(line):
            numbers = _expand(m.group(1), m.group(2))
            repeal = REPEALED_RE.match(m.group(3))
            if not numbers or not repeal:
                self.unparsed.append(f"could not read the heading: {line[:160]}")
                return
            for number in numbers:
                words = repeal.group("words").strip()
                self.draft = _Draft(number, words, self.section, self.chapter)
                self.draft.repealed_refs = _refs_after_repeal(repeal, "article", None)
                self.finish()
            return
        m = ARTICLE_RE.match(line)
        self.draft = _Draft(m.group(1), "", self.section, self.chapter)
        if m.group(2):
            self.article_title(m.group(2), dotted=False)
        else:
            self.pending = "article"

    def article_title(self, title: str, dotted: bool = True):
        draft = self.draft
        m = DOTTED_TITLE_RE.match(title) if dotted else None
        if m:  # "Статья 282." + "1. Организация …" is 282.1
            previous = self.articles[-1].number if self.articles else ""
            if previous.split(".")[0] != draft.number:
                self.unparsed.append(
                    f"check: art. {draft.number}.{m.group(1)} (heading 'Статья {draft.number}.' "
                    f"and '{title[:40]}') does not follow art. {draft.number}"
                )
            draft.number = f"{draft.number}.{m.group(1)}"
            title = m.group(2)
        repeal = REPEALED_RE.match(title)
        if repeal:
            title = repeal.group("words").strip()
            draft.repealed_refs = _refs_after_repeal(repeal, "article", None)
        draft.repealed = bool(re.match(r"утратил\w*\s+силу", title, re.I))
        draft.title = title.strip().rstrip(".") if not repeal else title

    def finish(self):
        if self.draft is None:
            return
        self.articles.append(build_article(self.draft))
        self.draft = None
        self.pending = None


def _check_numbers(
    numbers: list[str], repealed: set[str], toc: list[str], unparsed: list[str]
) -> None:
    """Duplicate numbers, and disagreements with the table of contents (which leaves out the
    repealed articles)."""
    seen: set[str] = set()
    for number in numbers:
        if number in seen:
            unparsed.append(f"duplicate article number {number}")
        seen.add(number)
    listed = set(toc)
    for number in toc:
        if number not in seen:
            unparsed.append(f"the table of contents lists art. {number}; the text has no heading")
    for number in numbers:
        if toc and number not in listed and number not in repealed:
            unparsed.append(f"art. {number} is not in the table of contents")


def _preamble(lines: list[str], skipped: dict) -> list[AmendmentRef]:
    """The amending laws the preamble lists ("Список изменяющих документов (в ред. …)")."""
    text = " ".join(lines)
    start = re.search(r"\(\s*в\s+ред\.", text)
    if not start:
        return []
    depth, end = 0, len(text)
    for i in range(start.start(), len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            end = i + 1
            break
    listed = text[start.start() : end]
    later = re.search(r"с\s+изм\.,?\s+внесенными", listed)
    refs, _ = acts_named(listed[: later.start()] if later else listed)
    if later:
        named = len(REF_RE.findall(listed[later.start() :]))
        if named:
            skipped[SKIP_LATER] = named
    return refs


def _act_title(texts: list[str]) -> str:
    joined = " ".join(texts).upper().replace("Ё", "Е")
    found = [(m.start(), title) for title, p in ACTS if (m := re.search(p, joined))]
    return min(found)[1] if found else ""


def _signature(lines: list[str]) -> list[str]:
    """ "Президент" / "Российской Федерации" / "В.ПУТИН" as one line, as the portal has it."""
    lines = list(lines)
    while len(lines) > 1 and lines[0] in ("Президент", "Президент Российской Федерации"):
        if re.match(r"^(?:Москва|\d)", lines[1]) or lines[0].count(" ") >= 3:
            break
        lines[:2] = [f"{lines[0]} {lines[1]}"]
    return lines


def parse_consultant(text: str, *, source_format: str = "consultant_text") -> ParsedDocument:
    """Parse a ConsultantPlus text. Raises PravoFormatError when it holds no article."""
    skipped: dict[str, int] = {}
    lines, edition = _strip_header(text_lines(text), skipped)
    lines, toc = _strip_contents(lines, skipped)
    reader = _Reader(skipped)
    for line in _split_glued(lines):
        if line != "* * *":
            reader.feed(line)
    reader.finish()
    if not reader.articles:
        raise PravoFormatError("no article headings ('Статья N.') found: not a code's text")
    repealed = {a.number for a in reader.articles if a.repealed}
    _check_numbers([a.number for a in reader.articles], repealed, toc, reader.unparsed)
    amending = _preamble(reader.preamble, skipped)
    if edition is None and amending:
        edition = max(ref.signed_on for ref in amending)
    if edition is None:
        cited = [ref.signed_on for art in reader.articles for ref in art.amendments]
        edition = max(cited, default=None)
    act = _act_title(reader.preamble + reader.headings)
    title = act or next((line for line in reader.preamble if "кодекс" in line.lower()), "")
    return ParsedDocument(
        title=title,
        articles=reader.articles,
        amending_laws=amending,
        unparsed=reader.unparsed,
        signature=_signature(reader.signature),
        edition_date=edition,
        source_format=source_format,
        act_title=act,
        skipped=skipped,
    )


def parse_consultant_file(path) -> ParsedDocument:
    """A .txt (UTF-8) or a .docx, read through the same lines."""
    path = Path(path)
    if path.suffix.lower() == ".docx":
        return parse_consultant(docx_text(path), source_format="consultant_docx")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise PravoFormatError(f"{path.name} is not UTF-8 text") from error
    return parse_consultant(text)


def publisher_skipped(document: ParsedDocument) -> int:
    """How many of the publisher's or converter's additions (header lines, commentary blocks,
    remarks, contents, front matter) were skipped."""
    return sum(n for kind, n in document.skipped.items() if kind not in NOT_ADDITIONS)
