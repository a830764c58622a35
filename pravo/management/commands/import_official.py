"""Read an official text in any of the formats held (the portal's HTML export, a ConsultantPlus
text or .docx, a folder of per-article Markdown) and say what was read; with --write, import it.

Each text is an edition: its wordings join those other editions hold (pravo.editions), each
cited to a Source of its own (the file, its edition date, its SHA-256), in any order. Curated
articles are never replaced: a text gives their versions full wording, or a later one
(pravo.importer.Importer.complete_curated).
"""

import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pravo.editions import edition_source
from pravo.identity import ImportRefused
from pravo.importer import import_document
from pravo.management.commands.import_pravo import KNOWN_EXPORTS, Progress
from pravo.parsing.article_markdown import parse_article_folder
from pravo.parsing.consultant import docx_text, parse_consultant, publisher_skipped
from pravo.parsing.document import ParsedDocument, PravoFormatError, parse_file
from provisions.derived import analyze
from provisions.models import Article, Law

FORMATS = ("pravo_html", "consultant_text", "consultant_docx", "article_markdown")
ACTS = {
    "Уголовный кодекс Российской Федерации": "criminal-code",
    "Кодекс Российской Федерации об административных правонарушениях": "administrative-code",
}


def detect_format(path: Path) -> str:
    """The reader a path needs, judged by what it is and, for plain text, by its words."""
    if path.is_dir():
        if any(child.suffix.lower() == ".md" for child in path.iterdir()):
            return "article_markdown"
        raise CommandError(f"{path}: a folder is read as per-article Markdown; it has no .md file")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return "consultant_docx"
    if suffix in (".html", ".htm"):
        return "pravo_html"
    text = path.read_bytes().decode("utf-8", "ignore")
    if re.search(r"<html|<body", text[:20000], re.I):
        return "pravo_html"
    if "КонсультантПлюс" in text or re.search(r"^\s*\(в ред\. ", text, re.M):
        return "consultant_text"
    raise CommandError(f"{path.name}: cannot tell its format; say which with --format")


def parse(path: Path, fmt: str, known_numbers=()) -> ParsedDocument:
    try:
        if fmt == "article_markdown":
            return parse_article_folder(path, known_numbers)
        if fmt == "consultant_docx":
            return parse_consultant(docx_text(path), source_format=fmt)
        if fmt == "consultant_text":
            return parse_consultant(path.read_text(encoding="utf-8"), source_format=fmt)
        return parse_file(path)
    except (PravoFormatError, UnicodeDecodeError) as error:
        raise CommandError(f"{path.name} could not be read as {fmt}: {error}") from error


def act_slug(document: ParsedDocument, path: Path) -> str | None:
    """The law the text is, from the act it names (or, for a portal export, its nd)."""
    if document.act_title in ACTS:
        return ACTS[document.act_title]
    if document.source_format == "pravo_html":
        return KNOWN_EXPORTS.get(path.stem, (None, None))[0]
    return None


def dotted(document: ParsedDocument) -> list[str]:
    """Numbers with more parts than the code's plainest: 282.1 in the Criminal Code, 20.3.3
    in КоАП (whose every article is chapter.number)."""
    depth = min((len(re.split(r"[.-]", a.number)) for a in document.articles), default=1)
    return [a.number for a in document.articles if len(re.split(r"[.-]", a.number)) > depth]


def summary_lines(name: str, document: ParsedDocument, slug: str | None) -> list[str]:
    articles = document.articles
    refs = [ref for art in articles for ref in art.amendments]
    laws = {(ref.number, ref.signed_on) for ref in refs}
    parts = [part for art in articles for part in art.parts]
    sanctions = sum(1 for part in parts if part.sanction)
    skipped = ", ".join(f"{count} {kind}" for kind, count in document.skipped.items()) or "nothing"
    edition = document.edition_date.isoformat() if document.edition_date else "unknown"
    lines = [
        f"{name}: {document.source_format}; act: {document.act_title or 'not named in the text'}"
        f" ({slug or 'law unknown: give --law'}); current to {edition}",
        f"  articles: {len(articles)} ({len(dotted(document))} with dotted numbers, "
        f"{sum(art.repealed for art in articles)} repealed); parts: {len(parts)}; "
        f"sanctions: {sanctions}",
        f"  editorial notes: {len(refs)} references to {len(laws)} laws; article notes "
        f"(«Примечание»): {sum(1 for art in articles if art.notes)} articles; amending laws "
        f"in the preamble: {len(document.amending_laws)}",
        f"  skipped, not law text: {skipped} (publisher's blocks and lines: "
        f"{publisher_skipped(document)})",
        f"  could not read: {len(document.unparsed)}",
    ]
    lines += [f"    {line[:160]}" for line in document.unparsed]
    return lines


class Command(BaseCommand):
    help = (
        "Read official texts (pravo.gov.ru HTML, ConsultantPlus .txt/.docx, a folder of "
        "per-article Markdown) and print what was read. Nothing is written without --write, "
        "which imports each text as an edition beside those already held."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files, or a folder of per-article .md.")
        parser.add_argument("--format", choices=FORMATS, help="Default: told from the file.")
        parser.add_argument("--law", help="The law's slug (default: from the act the text names).")
        parser.add_argument("--write", action="store_true", help="Import into the database.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="With --write: check and import, print what would change, then roll it back.",
        )
        parser.add_argument(
            "--allow-shrink",
            action="store_true",
            help="Import even when more than a small share of a law's articles, penalties, "
            "citations or notes would go (pravo.safeguards).",
        )
        parser.add_argument(
            "--sanctions", action="store_true", help="Read penalties from the sanctions too."
        )

    def handle(self, *args, paths, format=None, law=None, write=False, sanctions=False, **kw):
        checks = {name: kw.get(name, False) for name in ("dry_run", "allow_shrink")}
        read = []
        for raw in paths:
            path = Path(raw)
            if not path.exists():
                raise CommandError(f"{raw}: no such file or directory.")
            fmt = format or detect_format(path)
            known = ()
            if fmt == "article_markdown" and law:
                # Merged superscripts ("2761") are read as dotted only into articles known.
                known = Article.objects.filter(law__slug=law).values_list("number", flat=True)
            document = parse(path, fmt, set(known))
            slug = law or act_slug(document, path)
            for line in summary_lines(path.name, document, slug):
                self.stdout.write(line)
            read.append((path, document, slug))
        if not write:
            self.stdout.write("Nothing written (add --write to import).")
            return
        wrote = False
        for path, document, slug in read:
            refusal = self.refusal(slug)
            if refusal:
                self.stdout.write(f"{path.name}: not written: {refusal}")
                continue
            law = Law.objects.get(slug=slug)
            portal = document.source_format == "pravo_html"
            try:
                summary = import_document(
                    document,
                    nd=path.stem if portal else "",
                    law_slug=slug,
                    sanctions=sanctions or slug in ("criminal-code", "administrative-code"),
                    progress=Progress(len(document.articles), slug),
                    source=None if portal else edition_source(path, document, law),
                    **checks,
                )
            except ImportRefused as error:
                raise CommandError(f"{path.name}: {error}") from error
            wrote = not checks["dry_run"]
            for line in summary.lines():
                self.stdout.write(line)
        if wrote:
            analyze()

    def refusal(self, slug: str | None) -> str:
        """Why a text is not written, or "" when it may be."""
        if slug is None:
            return "its act is not known; say which law with --law"
        if not Law.objects.filter(slug=slug).exists():
            return f"the law {slug} is not in the database; load the corpus first"
        return ""
