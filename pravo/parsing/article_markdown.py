"""Read a folder of per-article Markdown conversions of the portal's text (one ``ст.<N>.md`` per
article) into one ParsedDocument.

Each file is the portal's wording with the portal's editorial notes, re-wrapped at about 80
characters, framed by the converting repository's additions, which are not law text and are
skipped and counted: the YAML front matter (its ``редакции`` value is sometimes cut), the
navigation line ``> Раздел: [[…]] | Глава: [[…]]`` and the closing ``## Ссылки на другие статьи``
section. What is read:

- the heading ``# Статья 276.1. Оказание помощи …`` holds only the first line of the title; the
  title goes on in the first body paragraph, which is taken into it when it starts in lower case,
  or when the heading line is as long as a wrapped line (60 characters or more) and the paragraph
  is short, unnumbered and unpunctuated at its end ("Российской Федерации, граждан …");
- paragraphs are separated by blank lines; a paragraph's lines are joined with spaces;
- the notes (``(В редакции Федерального закона от 28.12.2024 № 510-ФЗ)``, ``(Дополнение статьей
  - …)``) are the portal's, so the portal reader's own note splitting and article assembly
  (pravo.parsing.document) read them: parts, sanctions and AmendmentRef come out as they would
  from the portal's export;
- superscript article numbers inside the text lost their dot ("статьями 276, 2761, 278"). A
  number of three or more digits in a list after "статья/статьи/статьей…" that is too large for
  an article of the Code (over 361) is read as dotted where exactly one way of placing the dot
  gives an article known to exist: one of the folder's own articles or one the caller names
  (``known_numbers``, e.g. the articles of the Code held in the database). Where none does, the
  number is left as written and listed in ``unparsed``.

``edition_date`` is the latest date of a law the notes cite. ``act_title`` stays empty: the files
never name their act (article 330.1 names the Code of Administrative Offences, another act).
"""

from __future__ import annotations

import re
from pathlib import Path

from .document import (
    ParsedArticle,
    ParsedDocument,
    PravoFormatError,
    _ArticleDraft,
    _build_article,
    _Para,
    _split_notes,
)

FRONT_MATTER_RE = re.compile(r"\A---\n(.*?)\n---\n", re.S)
FIELD_RE = re.compile(r'^(номер|раздел|глава):\s*"?(.*?)"?\s*$', re.M)
HEADING_RE = re.compile(r"^#\s+Статья\s+(\d+(?:\.\d+)*)\.\s*(.*)$")
OWN_HEADING_RE = re.compile(r"^#\s+Статья\s+(\d+(?:\.\d+)*)\.", re.M)
NAV_RE = re.compile(r"^>\s*Раздел:\s*\[\[(.*?)\]\](?:\s*\|\s*Глава:\s*\[\[(.*?)\]\])?")
LINKS_HEADING = "## Ссылки на другие статьи"
# A list of article numbers after "статья/статьи/статьей/статьями/…".
NUMBER = r"\d+(?:\.\d+)*(?!\d|\.\d|\s*год)"  # not a year ("2022 года")
LIST_RE = re.compile(
    rf"(стать(?:я|и|е|ю|ей|ям|ями|ях)\s+)({NUMBER}(?:\s*(?:,|и|или|либо|[-–])\s*{NUMBER})*)"
)
MAX_ARTICLE = 361  # the Criminal Code's last article
WRAPPED_HEADING = 60

SKIP_FRONT = "front matter blocks (YAML)"
SKIP_NAV = "navigation lines"
SKIP_LINKS = "«Ссылки на другие статьи» sections"


def _paragraphs(body: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]


def _continues_title(heading: str, paragraph: str) -> bool:
    if not paragraph or re.match(r"^(\d|\(|Примечани)", paragraph):
        return False
    if paragraph[0].islower():
        return True
    return len(heading) >= WRAPPED_HEADING and len(paragraph) < 200 and paragraph[-1].isalpha()


def merged_number(token: str, known: set[str]) -> str | None:
    """ "2761" -> "276.1" when 276.1 is known and no other placing of the dot is."""
    candidates = {
        f"{token[:k]}.{token[k:]}"
        for k in range(1, len(token))
        if token[k] != "0" and int(token[:k]) <= MAX_ARTICLE
    }
    found = candidates & known
    return found.pop() if len(found) == 1 else None


def fix_merged_numbers(text: str, known: set[str], problems: list[str], where: str) -> str:
    def fix_list(match: re.Match) -> str:
        def fix(number: re.Match) -> str:
            token = number.group(0)
            if int(token) <= MAX_ARTICLE:
                return token
            dotted = merged_number(token, known)
            if dotted is None:
                problems.append(
                    f"art. {where}: '{token}' looks like an article number that lost its dot; "
                    "no known article matches, left as written"
                )
                return token
            return dotted

        return match.group(1) + re.sub(r"(?<![\d.])\d{3,}(?![\d.])", fix, match.group(2))

    return LIST_RE.sub(fix_list, text)


def _read_file(path: Path, known: set[str], skipped: dict, unparsed: list[str]) -> ParsedArticle:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    fields = {}
    front = FRONT_MATTER_RE.match(text)
    if front:
        fields = dict(FIELD_RE.findall(front.group(1)))
        text = text[front.end() :]
        skipped[SKIP_FRONT] = skipped.get(SKIP_FRONT, 0) + 1
    if LINKS_HEADING in text:
        text = text[: text.index(LINKS_HEADING)]
        skipped[SKIP_LINKS] = skipped.get(SKIP_LINKS, 0) + 1
    paragraphs = _paragraphs(text)
    heading = HEADING_RE.match(paragraphs[0]) if paragraphs else None
    if heading is None:
        raise PravoFormatError(f"{path.name}: no '# Статья N. …' heading")
    number, title = heading.groups()
    section, chapter = fields.get("раздел", ""), fields.get("глава", "")
    rest = paragraphs[1:]
    if rest and (nav := NAV_RE.match(rest[0])):
        section, chapter = section or nav.group(1), chapter or (nav.group(2) or "")
        skipped[SKIP_NAV] = skipped.get(SKIP_NAV, 0) + 1
        rest = rest[1:]
    if rest and _continues_title(paragraphs[0], rest[0]):
        title = f"{title} {rest[0]}"
        rest = rest[1:]
    if fields.get("номер") and fields["номер"] != number:
        unparsed.append(f"{path.name}: front matter says {fields['номер']}, heading {number}")
    paras = []
    for paragraph in rest:
        if paragraph.startswith(("#", ">", "- [[")):
            unparsed.append(f"art. {number}: {paragraph[:160]}")
            continue
        plain, notes = _split_notes(fix_merged_numbers(paragraph, known, unparsed, number))
        paras.append(_Para(plain, notes))
    draft = _ArticleDraft(number, title.strip(), [], section, "", chapter, "", paras)
    return _build_article(draft)


def parse_article_folder(folder, known_numbers=()) -> ParsedDocument:
    """Parse every ``*.md`` file of `folder` holding an article heading, in article order."""
    folder = Path(folder)
    headed = {}
    for path in sorted(folder.glob("*.md")):
        found = OWN_HEADING_RE.search(path.read_text(encoding="utf-8"))
        if found:
            headed[path] = found.group(1)
    if not headed:
        raise PravoFormatError(f"{folder}: no Markdown file with a '# Статья N.' heading")
    known = set(headed.values()) | set(known_numbers)
    skipped: dict[str, int] = {}
    unparsed: list[str] = []
    articles = [_read_file(path, known, skipped, unparsed) for path in headed]
    articles.sort(key=lambda art: [int(n) for n in art.number.split(".")])
    cited = [ref.signed_on for art in articles for ref in art.amendments]
    return ParsedDocument(
        title="",
        articles=articles,
        amending_laws=[],
        unparsed=unparsed,
        edition_date=max(cited, default=None),
        source_format="article_markdown",
        skipped=skipped,
    )
