"""A test-only reader of the ConsultantPlus КоАП text: articles at lines "Статья N.", parts at
lines "1.", "1.1.", "3.4-1.", each part with its sanction. Only the tests use it, to run the
sanction reader over the Code; the importer's own reader of this text is another module's.

Only Section II (the offences, chapters 5 to 21) is read: the procedural sections say
"влечет" of penalties without setting any. Publisher's notes ("КонсультантПлюс: примечание."
and the line after it) are skipped.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from pravo.parsing.administrative_sanctions import sanction_of

ARTICLE_RE = re.compile(r"^\s*Статья (?P<number>\d+(?:\.\d+)*(?:-\d+)?)\.\s*(?P<title>.*)$")
PART_RE = re.compile(r"^(?P<number>\d+(?:\.\d+)*(?:-\d+)?)\.\s+\S")
PUBLISHER_NOTE = "КонсультантПлюс: примечание."


@dataclass
class Part:
    number: str  # "" for an article without numbered parts
    lines: list[str] = field(default_factory=list)

    @property
    def sanction(self) -> str | None:
        return sanction_of("\n".join(self.lines))


@dataclass
class Article:
    number: str
    title: str
    parts: list[Part] = field(default_factory=list)

    def part(self, number: str) -> Part:
        return next(part for part in self.parts if part.number == number)


def offence_articles(path: Path) -> dict[str, Article]:
    """The articles of chapters 5-21 by number, each with its parts' lines."""
    articles: dict[str, Article] = {}
    article = None
    skip_note = False
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.rstrip("\r")
        if line.strip() == PUBLISHER_NOTE:
            skip_note = True
            continue
        if skip_note:  # the note runs to the next empty line
            skip_note = bool(line.strip())
            continue
        if m := ARTICLE_RE.match(line):
            chapter = int(m.group("number").split(".")[0])
            article = None
            if 5 <= chapter <= 21:
                article = Article(m.group("number"), m.group("title"), [Part("")])
                articles[article.number] = article
            continue
        if article is None or not line.strip():
            continue
        if m := PART_RE.match(line):
            article.parts.append(Part(m.group("number")))
        article.parts[-1].lines.append(line)
    for article in articles.values():
        # The lines before the first numbered part are a part only where they hold a sanction.
        article.parts = [p for p in article.parts if p.number or p.sanction]
    return articles
