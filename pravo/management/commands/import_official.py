"""Read an official text in any of the formats held (the portal's HTML export, a ConsultantPlus
text or .docx, a folder of per-article Markdown) and say what was read; with --write, import it.

Writing is enabled for the Code of Administrative Offences only, and only while it holds no
official import: the importer keeps one wording per article, so a second edition would replace
the first, and the codes already imported (the Criminal Code) are left as they are until it
keeps several editions. Curated articles (КоАП 20.2) are never written, as with import_pravo.
"""

import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pravo.importer import import_document
from pravo.management.commands.import_pravo import KNOWN_EXPORTS, Progress
from pravo.parsing.article_markdown import parse_article_folder
from pravo.parsing.consultant import docx_text, parse_consultant, publisher_skipped
from pravo.parsing.document import ParsedDocument, PravoFormatError, parse_file
from provisions.derived import analyze
from provisions.models import Article, Law, OfficialText, Origin, Source

FORMATS = ("pravo_html", "consultant_text", "consultant_docx", "article_markdown")
ACTS = {
    "Уголовный кодекс Российской Федерации": "criminal-code",
    "Кодекс Российской Федерации об административных правонарушениях": "administrative-code",
}
WRITABLE = {"administrative-code"}
SOURCE_KINDS = {
    "consultant_text": Source.Kind.CONSOLIDATED_TEXT,
    "consultant_docx": Source.Kind.CONSOLIDATED_TEXT,
    "article_markdown": Source.Kind.CONVERSION,
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


def held_source(document: ParsedDocument, path: Path, slug: str) -> Source | None:
    """The Source a text that is not the portal's export is cited as (None: the portal's)."""
    kind = SOURCE_KINDS.get(document.source_format)
    if kind is None:
        return None
    edition = document.edition_date
    current = f"current to {edition:%d.%m.%Y}" if edition else "edition date unknown"
    publisher = "ConsultantPlus (consultant.ru)" if "consultant" in document.source_format else ""
    source, _ = Source.objects.get_or_create(
        slug=f"{document.source_format.replace('_', '-')}-{slug}-{edition or 'undated'}",
        defaults={
            "title": f"{document.act_title or slug}: {kind.label.lower()}, {current} ({path.name})",
            "publisher": publisher or "Third-party conversion",
            "kind": kind,
            "language": "ru",
            "date_note": current,
            "reliability_note": (
                "The wording is the law's; the editorial notes are the publisher's. Its header, "
                "commentary blocks and references to court rulings were skipped on import."
            ),
        },
    )
    return source


class Command(BaseCommand):
    help = (
        "Read official texts (pravo.gov.ru HTML, ConsultantPlus .txt/.docx, a folder of "
        "per-article Markdown) and print what was read. Nothing is written without --write, "
        "which imports the Code of Administrative Offences while it holds no official import."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files, or a folder of per-article .md.")
        parser.add_argument("--format", choices=FORMATS, help="Default: told from the file.")
        parser.add_argument("--law", help="The law's slug (default: from the act the text names).")
        parser.add_argument("--write", action="store_true", help="Import into the database.")
        parser.add_argument(
            "--sanctions", action="store_true", help="Read penalties from the sanctions too."
        )

    def handle(self, *args, paths, format=None, law=None, write=False, sanctions=False, **kw):
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
            refusal = self.refusal(document, slug, read)
            if refusal:
                self.stdout.write(f"{path.name}: not written: {refusal}")
                continue
            summary = import_document(
                document,
                nd=path.stem if document.source_format == "pravo_html" else "",
                law_slug=slug,
                sanctions=sanctions,
                progress=Progress(len(document.articles), slug),
                source=held_source(document, path, slug),
            )
            wrote = True
            for line in summary.lines():
                self.stdout.write(line)
        if wrote:
            analyze()

    def refusal(self, document: ParsedDocument, slug: str | None, read: list) -> str:
        """Why `document` is not written, or "" when it may be."""
        if slug is None:
            return "its act is not known; say which law with --law"
        if slug not in WRITABLE:
            return (
                f"writing is enabled only for {', '.join(sorted(WRITABLE))} for now; {slug} is "
                "left as it is (the importer keeps one wording per article)"
            )
        law = Law.objects.filter(slug=slug).first()
        if law is None:
            return f"the law {slug} is not in the database; load the corpus first"
        imported = Article.objects.filter(law=law, origin=Origin.OFFICIAL).exists()
        if imported or OfficialText.objects.filter(article__law=law).exists():
            return f"{slug} already holds an official import; it is left as it is"
        newer = [
            other.edition_date
            for _, other, other_slug in read
            if other_slug == slug and other.edition_date and document.edition_date
            if other.edition_date > document.edition_date
        ]
        if newer or (document.edition_date is None and len(read) > 1):
            return "a newer edition of the same act is given: only the newest is written"
        return ""
