"""Parse one pravo.gov.ru HTML export of a code into articles, parts, notes and amendment refs.

The exports differ between acts: most use ``<p class="...">`` paragraphs with headings in
``class="H"``/``"T"``, the Constitution puts article numbers in ``class="T"`` without titles, and
older exports are a single ``<pre>`` block with spaced-out ``С т а т ь я``. So this module reads
the markup only for three things that text cannot recover (paragraph boundaries, superscripts
and editorial-note spans) and recognises everything else by the text itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from pravo.parsing.act_repeal import ActRepeal, read_act_repeal
from pravo.parsing.parsed import (  # noqa: F401 (the readers' shapes, imported from here too)
    LATIN,
    AmendmentRef,
    ArticlePart,
    ParsedArticle,
    ParsedDocument,
)
from pravo.parsing.portal import own_portal_number
from pravo.parsing.raised import SUP_CLOSE, SUP_OPEN, dotted

# Sentinels put around editorial-note text while the markup is flattened (and superscripts:
# pravo.parsing.raised).
NOTE_OPEN, NOTE_CLOSE = "\x01", "\x02"

# Paragraph classes that pravo.gov.ru uses for headings (bold or centred).
HEADING_CLASSES = {"H", "T", "Z", "C", "S"}
# Span classes that hold the portal's editorial notes ("(В редакции …)").
NOTE_CLASSES = {"mark", "markx"}
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "pre", "table"}
SKIP_TAGS = {"style", "script", "head", "title"}


class PravoFormatError(ValueError):
    """The input is not a pravo.gov.ru export of an act with articles."""


# ---------------------------------------------------------------------------------------------
# Markup -> paragraphs


@dataclass
class Block:
    """One paragraph of the export: raw text with sentinels, and its paragraph class."""

    raw: str
    cls: str = ""


def _superscript_classes(html: str) -> set[str]:
    """Class names the export's CSS renders raised (vertical-align: super or top)."""
    found = set()
    for style in re.findall(r"<style[^>]*>(.*?)</style>", html, re.S | re.I):
        for name, body in re.findall(r"\.([\w-]+)\s*\{([^}]*)\}", style):
            if re.search(r"vertical-align\s*:\s*(super|top)", body):
                found.add(name)
    return found


class _BlockCollector(HTMLParser):
    def __init__(self, sup_classes: set[str]):
        super().__init__(convert_charrefs=True)
        self.sup_classes = sup_classes
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.cls = ""
        self.stack: list[tuple[str, str]] = []  # (tag, closing sentinel or "")
        self.skip = 0
        self.pre = 0
        self.saw_body = False

    def _flush(self):
        raw = "".join(self.buf)
        self.buf = []
        if self.pre:
            self.blocks.extend(Block(p) for p in _split_pre(raw))
        elif raw.strip(" \xa0\n\t" + SUP_OPEN + SUP_CLOSE + NOTE_OPEN + NOTE_CLOSE):
            self.blocks.append(Block(raw, self.cls))
        self.cls = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIP_TAGS:
            self.skip += 1
            return
        if tag == "body":
            self.saw_body = True
        if tag in BLOCK_TAGS:
            self._flush()
            self.cls = attrs.get("class") or ""
            if tag == "pre":
                self.pre += 1
            return
        if tag == "br":
            self.buf.append("\n" if self.pre else " ")
            return
        classes = set((attrs.get("class") or "").split())
        style = attrs.get("style") or ""
        opening = closing = ""
        if classes & NOTE_CLASSES:
            opening, closing = NOTE_OPEN, NOTE_CLOSE
        elif (
            tag == "sup"
            or classes & self.sup_classes
            or re.search(r"vertical-align\s*:\s*super", style)
        ):
            opening, closing = SUP_OPEN, SUP_CLOSE
        if tag in {"span", "font", "sup", "a", "b", "i", "u", "em", "strong", "sub"}:
            self.stack.append((tag, closing))
            self.buf.append(opening)

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if tag in BLOCK_TAGS:
            self._flush()
            if tag == "pre":
                self.pre = max(0, self.pre - 1)
            return
        # Close inline elements up to the matching one (the exports nest them properly).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for _, closing in reversed(self.stack[i:]):
                    self.buf.append(closing)
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not self.skip:
            self.buf.append(data)

    def close(self):
        super().close()
        self._flush()


def _split_pre(raw: str) -> list[str]:
    """Split a preformatted export into paragraphs: a blank line or a short indent starts one."""
    paragraphs: list[list[str]] = []
    blank = True
    for line in raw.split("\n"):
        visible = line.strip(" \xa0" + SUP_OPEN + SUP_CLOSE + NOTE_OPEN + NOTE_CLOSE)
        if not visible:
            blank = True
            continue
        indent = len(line) - len(line.lstrip(" \xa0" + NOTE_OPEN + NOTE_CLOSE))
        if blank or 2 <= indent <= 8:
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
        blank = False
    return [" ".join(p) for p in paragraphs]


def _decode(data: str | bytes) -> str:
    if isinstance(data, str):
        return data
    head = data[:3000].decode("ascii", "ignore").lower()
    m = re.search(r'charset="?([\w-]+)', head)
    for enc in ([m.group(1)] if m else []) + ["utf-8", "cp1251"]:
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    raise PravoFormatError("the file is neither UTF-8 nor Windows-1251 text")


# ---------------------------------------------------------------------------------------------
# Text helpers


def _render(raw: str) -> str:
    """Plain text with superscripts as dotted numbers and editorial notes kept in sentinels."""
    text = dotted(raw)
    text = text.replace("\xa0", " ")
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


NOTE_HEAD = (
    r"(?:В\s+редакции|Дополнен|Утратил|Исключен|Признан|"
    r"(?:Статья|Часть|Пункт|Подпункт|Абзац|Наименование|Примечани[ея]|Глава|Раздел|Подраздел)"
    r"\s+(?:в\s+редакции|утратил|исключен|дополнен|признан))"
)
# A parenthesised editorial note written as text (layouts without note spans).
TEXT_NOTE_RE = re.compile(
    rf"\(\s*{NOTE_HEAD}[^()]*?от\s*\d{{1,2}}\.\d{{1,2}}\.\d{{4}}[^()]*\)", re.I
)
PAREN_RE = re.compile(r"\((?:[^()]|\([^()]*\))*\)")
REF_RE = re.compile(
    r"от\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*(?:г\.|года)?\s*(?:№|N)\s*([0-9A-Za-zА-Яа-я-]+)"
)


def _split_notes(text: str) -> tuple[str, list[str]]:
    """Separate editorial notes from the law's own words: (plain text, notes)."""
    notes = []
    for span in re.findall(f"{NOTE_OPEN}(.*?){NOTE_CLOSE}", text, re.S):
        # One note span may hold several notes: "(Дополнение частью …) (В редакции …)".
        notes += PAREN_RE.findall(span) or [span.strip()]
    plain = re.sub(f"{NOTE_OPEN}.*?{NOTE_CLOSE}", " ", text, flags=re.S)
    plain = plain.replace(NOTE_OPEN, "").replace(NOTE_CLOSE, "")
    notes += [m.group(0) for m in TEXT_NOTE_RE.finditer(plain)]
    plain = TEXT_NOTE_RE.sub(" ", plain)
    notes = [n for n in notes if n.strip(" ;,.")]
    return re.sub(r"\s+", " ", plain).strip(), notes


def _note_kind(note: str) -> str | None:
    low = note.lower()
    if re.search(r"утратил|исключен|признан\w*\s+утративш", low):
        return "repealed"
    if re.match(r"\(?\s*дополнен", low):
        return "added"
    if re.match(
        r"\(?\s*(статья|часть|пункт|подпункт|абзац|наименование|примечани\w*|глава)"
        r"\s+в\s+редакции",
        low,
    ):
        return "restated"
    if "в редакции" in low:
        return "amended"
    return None  # e.g. "(С учетом постановления …)": not an amendment


def _note_scope(note: str) -> str | None:
    """The unit a note names ("Статья в редакции" -> article), or None when it names none."""
    low = note.lower().lstrip("( ")
    for pattern, scope in (
        (r"(дополнение\s+)?стать(я|ей|ями)\b", "article"),
        (r"(дополнение\s+)?част(ь|ью|ями)\b", "part"),
        (r"(дополнение\s+)?примечани(е|ем|ями|я)\b", "note"),
        (r"наименование\b", "title"),
        (r"(дополнение\s+)?(пункт|подпункт|абзац|глав|раздел|подраздел)\w*", "other"),
    ):
        if re.match(pattern, low):
            return scope
    return None


def _refs(note: str, scope: str, part: str | None) -> list[AmendmentRef]:
    kind = _note_kind(note)
    if kind is None:
        return []
    named = _note_scope(note)
    refs = []
    for d, m, y, number in REF_RE.findall(note):
        try:
            signed = date(int(y), int(m), int(d))
        except ValueError:
            continue
        refs.append(
            AmendmentRef(
                number=number,
                signed_on=signed,
                note_kind=kind,
                scope=named or scope,
                part=part if (named or scope) == "part" else None,
                note=note,
            )
        )
    return refs


# ---------------------------------------------------------------------------------------------
# Headings

SPACED_ARTICLE = re.compile(r"С\s?т\s?а\s?т\s?ь\s?я")
NUM = r"\d+(?:[.-]\d+)*"  # 275.1, 123.7-1, 65-1
ARTICLE_RE = re.compile(rf"^Статья\s+({NUM})\s*(?:\.\s*(.*)|$)", re.S)
CHAPTER_RE = re.compile(
    rf"^(?:ГЛАВА|Глава|Г л а в а)\s+({NUM}|[IVXLCХ]+(?:\.\d+)?)\s*(?:\.\s*.*|$)", re.S
)
SECTION_RE = re.compile(r"^(?:РАЗДЕЛ|Раздел)\s+([IVXLC]+|\d+|[А-Я]+)\b")
SUBSECTION_RE = re.compile(r"^(?:ПОДРАЗДЕЛ|Подраздел)\s+\S+")
DIVISION_RE = re.compile(r"^(?:ОБЩАЯ|ОСОБЕННАЯ)\s+ЧАСТЬ$|^ЧАСТЬ\s+[А-Я]+(?:\.\s+[^а-я]*)?$")
PART_RE = re.compile(r"^(\d{1,3}(?:\.\d{1,2})?)\.(?:\s+|(?=\()|$)")
NOTE_PARA_RE = re.compile(r"^Примечани[ея]\s*\.?")
POINT_LABEL_RE = re.compile(r"^[а-я](?:\.\d{1,2})?\)$")  # a point's letter alone: "н)", "е.1)"
# "Президент Российской Федерации Б.Ельцин": the signing block after the last article.
SIGNATURE_RE = re.compile(
    r"^Президент\s+Российской\s+Федерации\s+[А-Я]\.\s*(?:[А-Я]\.\s*)?[А-Я][а-я]+$"
)
SANCTION_RE = re.compile(r"(?:^|[-–—]\s*)(наказыва(?:е|ю)тся\b.*)$", re.S | re.I)


def _heading_kind(text: str, cls: str) -> str | None:
    """Which heading a paragraph is ("article", "chapter", …), judged mainly by its text."""
    text = SPACED_ARTICLE.sub("Статья", text[:400])
    short = len(text) < 400
    heading_cls = cls in HEADING_CLASSES
    if ARTICLE_RE.match(text) and (heading_cls or short):
        return "article"
    if CHAPTER_RE.match(text) and (heading_cls or short):
        return "chapter"
    if SUBSECTION_RE.match(text) and short:
        return "subsection"
    if SECTION_RE.match(text) and short and (heading_cls or text.split(".")[0].isupper()):
        return "section"
    if DIVISION_RE.match(text.strip()):
        return "division"
    if text.startswith("§") or (cls in {"H", "T"} and not text.startswith("(")):
        # "§ 1. Общие положения" and the numbered sub-headings under it ("1. Общие положения о
        # залоге"): classes H and T hold nothing but headings in these exports.
        return "subchapter"
    return None


# ---------------------------------------------------------------------------------------------
# Article assembly


@dataclass
class _Para:
    text: str  # plain text, notes removed
    notes: list[str]


@dataclass
class _ArticleDraft:
    number: str
    title: str
    title_notes: list[str]
    section: str
    subsection: str
    chapter: str
    subchapter: str
    paras: list[_Para] = field(default_factory=list)


def part_line(part: ArticlePart) -> str:
    """The part as the article's text prints it: its number and words, or a repealed part's
    number and note ("3. (Часть утратила силу - …)"); "" for a part with neither."""
    words = part.text or part.repeal_note
    if not words:
        return ""
    return f"{part.number}. {words}" if part.number else words


def _build_article(draft: _ArticleDraft) -> ParsedArticle:
    parts: list[ArticlePart] = []
    notes: list[str] = []
    amendments: list[AmendmentRef] = []
    # Under a heading with no title ("Статья 16.") a note speaks of the whole article.
    heading_scope = "title" if draft.title else "article"
    for note in draft.title_notes:
        amendments += _refs(note, heading_scope, None)
    in_notes = False
    for para in draft.paras:
        text = para.text
        if NOTE_PARA_RE.match(text):
            in_notes = True
        if in_notes:
            if text:
                notes.append(text)
            for note in para.notes:
                amendments += _refs(note, "note", None)
            continue
        if not text and not parts:
            # A note standing before the first part ("(Статья в редакции …)") has no part.
            for note in para.notes:
                amendments += _refs(note, "article", None)
            continue
        m = PART_RE.match(text)
        if m or not parts:
            number = m.group(1) if m else ""
            parts.append(ArticlePart(number=number, text="", sanction=""))
            if m:
                text = text[m.end() :].strip()
        part = parts[-1]
        if POINT_LABEL_RE.match(text):
            # A repealed point ("н)") is printed with its note in its place: kept there, so
            # the wording does not show a bare letter.
            text = " ".join([text, *(n for n in para.notes if _note_kind(n) == "repealed")])
        if text:
            part.text = f"{part.text}\n{text}" if part.text else text
            sanction = SANCTION_RE.search(text)
            if sanction and not part.sanction:
                part.sanction = sanction.group(1).strip()
            elif part.sanction and not part.sanction.endswith("."):
                # A sanction broken over two paragraphs; a finished one takes nothing more.
                part.sanction = f"{part.sanction} {text}"
        for note in para.notes:
            refs = _refs(note, "part", part.number)
            part.amendments += [r for r in refs if r.scope == "part"]
            amendments += refs
            if not text and any(r.note_kind == "repealed" and r.scope == "part" for r in refs):
                part.repealed = True
                part.repeal_note = part.repeal_note or note
    article_text = "\n".join([line for p in parts if (line := part_line(p))] + notes)
    repealed = any(r.note_kind == "repealed" and r.scope == "article" for r in amendments)
    if re.match(r"^\(?\s*утратил", draft.title, re.I):  # "Статья 5. Утратила силу."
        repealed = True
    parts = [p for p in parts if p.text or p.repealed or p.amendments]
    return ParsedArticle(
        number=draft.number,
        title=draft.title,
        section=draft.section,
        subsection=draft.subsection,
        chapter=draft.chapter,
        subchapter=draft.subchapter,
        parts=parts,
        notes=notes,
        text=article_text,
        repealed=repealed,
        amendments=amendments,
    )


def _blocks(html: str) -> list[Block]:
    collector = _BlockCollector(_superscript_classes(html) or {"W9"})
    collector.feed(html)
    collector.close()
    return collector.blocks


def _check_input(html: str) -> None:
    if not html.strip():
        raise PravoFormatError("empty input: no HTML to parse")
    if not re.search(r"<html|<body|<p\b|<pre\b", html[:20000], re.I):
        raise PravoFormatError("not HTML: no <html>, <body>, <p> or <pre> markup found")
    if not re.search(r"</html\s*>", html[-2000:], re.I):
        raise PravoFormatError("truncated export: the document does not end with </html>")


class _Walker:
    """Walks the paragraphs in order, tracking the current section and chapter."""

    def __init__(self):
        self.title = ""
        self.preamble_refs: list[AmendmentRef] = []
        self.unparsed: list[str] = []
        self.signature: list[str] = []
        self.articles: list[ParsedArticle] = []
        self.section = self.subsection = self.chapter = self.subchapter = ""
        self.pending: str | None = None  # "ГЛАВА 1" waiting for its title on the next line
        self.draft: _ArticleDraft | None = None
        self.seen_heading = False
        self.repealed_by: ActRepeal | None = None

    def finish(self):
        if self.draft is not None:
            self.articles.append(_build_article(self.draft))
            self.draft = None

    def feed(self, block: Block):
        rendered = _render(block.raw)
        if not self.seen_heading and self.repealed_by is None:
            # Read whole: its parentheses ("(свободного склада)") are not an editorial note.
            plain_line = rendered.replace(NOTE_OPEN, "").replace(NOTE_CLOSE, "")
            self.repealed_by = read_act_repeal(plain_line)
            if self.repealed_by is not None:
                return
        plain, notes = _split_notes(rendered)
        if re.fullmatch(r"[_*\-–—.\s]*", plain) and not notes:
            return  # footnote rules ("_____") and stray asterisks
        kind = _heading_kind(plain, block.cls) if plain else None
        pending, self.pending = self.pending, None
        if pending and kind in (None, "subchapter") and block.cls in HEADING_CLASSES:
            # "ГЛАВА 1" followed by its title on the next centred line (the Constitution).
            if pending == "chapter":
                self.chapter = f"{self.chapter}. {plain}"
            else:
                self.section = f"{self.section}. {plain}"
        elif kind == "article":
            self.start_article(plain, notes)
        elif kind == "subchapter" and self.seen_heading:
            self.finish()
            self.subchapter = plain
        elif kind in {"chapter", "section", "subsection", "division"}:
            self.structure(kind, plain)
        elif self.signature or (self.seen_heading and SIGNATURE_RE.match(plain)):
            self.finish()  # the signing block after the last article belongs to no article
            self.signature.append(plain)
        elif self.draft is not None:
            self.body(plain, notes)
        elif not self.seen_heading:
            self.preamble(plain, notes)
        elif plain:
            self.unparsed.append(plain[:200])

    def start_article(self, plain: str, notes: list[str]):
        self.finish()
        self.seen_heading = True
        m = ARTICLE_RE.match(SPACED_ARTICLE.sub("Статья", plain))
        self.draft = _ArticleDraft(
            number=m.group(1),
            title=(m.group(2) or "").strip().rstrip("."),
            title_notes=notes,
            section=self.section,
            subsection=self.subsection,
            chapter=self.chapter,
            subchapter=self.subchapter,
        )

    def structure(self, kind: str, plain: str):
        self.finish()
        # "ЧАСТЬ ПЕРВАЯ" may stand above the preamble's list of amending laws.
        self.seen_heading = self.seen_heading or kind != "division"
        self.subchapter = ""
        if kind == "chapter":
            self.chapter = plain
            if CHAPTER_RE.match(plain).end() >= len(plain) and len(plain.split()) <= 2:
                self.pending = "chapter"
        elif kind == "section":
            self.section, self.subsection, self.chapter = plain, "", ""
            if len(plain.split()) <= 2:
                self.pending = "section"
        elif kind == "subsection":
            self.subsection, self.chapter = plain, ""
        else:
            self.section = self.subsection = self.chapter = ""

    def body(self, plain: str, notes: list[str]):
        draft = self.draft
        if not plain and not draft.paras and not draft.title:
            # A note right under a bare "Статья N." heading ("(Статья утратила силу …)").
            draft.title_notes += notes
        else:
            draft.paras.append(_Para(plain, notes))

    def preamble(self, plain: str, notes: list[str]):
        """Before the first heading: the act's title and the list of amending laws."""
        if not self.title and re.search(r"кодекс|конституция", plain, re.I) and len(plain) < 200:
            self.title = plain
        for note in notes:
            if _note_kind(note) == "amended":
                self.preamble_refs += _refs(note, "other", None)


def parse_document(html: str | bytes) -> ParsedDocument:
    """Parse one pravo.gov.ru export. Raises PravoFormatError when it is not one."""
    _check_input(html := _decode(html))
    walker = _Walker()
    for block in _blocks(html):
        walker.feed(block)
    walker.finish()
    if not walker.articles:
        raise PravoFormatError(
            "no article headings ('Статья N') found: not a pravo.gov.ru export of a code"
        )
    _check_numbers(walker.articles, walker.unparsed)
    return ParsedDocument(
        title=walker.title,
        articles=walker.articles,
        amending_laws=walker.preamble_refs,
        unparsed=walker.unparsed,
        signature=walker.signature,
        portal_nd=own_portal_number(html),
        repealed_by=walker.repealed_by,
    )


def _check_numbers(articles: list[ParsedArticle], unparsed: list[str]) -> None:
    """Report duplicate article numbers: they mean a heading was misread."""
    seen: set[str] = set()
    for art in articles:
        if art.number in seen:
            unparsed.append(f"duplicate article number {art.number}: {art.title[:80]}")
        seen.add(art.number)


def parse_file(path) -> ParsedDocument:
    return parse_document(Path(path).read_bytes())
