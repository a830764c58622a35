"""The whole corpus in one command, as `make run` builds it: the curated corpus (fixtures/), then
every official text found — the portal's exports (../shared/data/pravo), the consolidated
editions and per-article conversions (../shared/data/editions, ../shared/data/koap), or the
folders LAWBASE_OFFICIAL_DIR names (several, separated by the path separator).

A text already imported and unchanged (same SHA-256, which covers the readers' version,
pravo.parsing.READERS_VERSION) is skipped, so a second run takes seconds;
the curated corpus is loaded again only when its fixtures changed, and then every text is
imported again (loading restores the curated records, which the texts complete).
"""

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from pravo.editions import edition_source
from pravo.identity import ImportRefused
from pravo.importer import import_document
from pravo.management.commands.import_official import act_slug, detect_format, parse
from pravo.management.commands.import_pravo import KNOWN_EXPORTS, Progress
from pravo.models import ImportedText
from pravo.parsing import READERS_VERSION
from provisions.derived import analyze
from provisions.models import Article, Law

DEFAULT_FOLDERS = ("pravo", "editions", "koap")


def shared_data_candidates(base: Path) -> list[Path]:
    """../shared/data beside the project, or the workplace's own copy when the project is
    cloned elsewhere (as tests/pravo_data.py looks too)."""
    return [base.parent / "shared" / "data", Path("/work/shared/data")]


# A folder of per-article Markdown does not name its act: its name does (the shared data's).
KNOWN_EDITIONS = {"uk_": "criminal-code", "koap_": "administrative-code"}
FIXTURES = "fixtures"
# Codes whose sanctions are read into penalties on import.
SANCTIONED = ("criminal-code", "administrative-code")


def official_folders() -> list[Path]:
    """The folders to read: LAWBASE_OFFICIAL_DIR's, else ../shared/data/{pravo,editions,koap}
    beside the project (or the workplace's copy), those that exist."""
    named = os.environ.get("LAWBASE_OFFICIAL_DIR", "")
    if named:
        return [Path(folder) for folder in named.split(os.pathsep) if folder]
    for shared in shared_data_candidates(Path(settings.BASE_DIR)):
        found = [shared / name for name in DEFAULT_FOLDERS if (shared / name).is_dir()]
        if found:
            return found
    return []


def texts_in(folder: Path) -> list[Path]:
    """The texts of a folder, portal exports first: each .html, each ConsultantPlus .txt (a
    .docx of the same name is the same edition and is left out), each folder of .md files."""
    found = sorted(folder.glob("*.html")) + sorted(folder.glob("*.txt"))
    found += [d for d in sorted(folder.iterdir()) if d.is_dir() and any(d.glob("*.md"))]
    texts = {path.stem for path in found}
    found += [d for d in sorted(folder.glob("*.docx")) if d.stem not in texts]
    return found


def digest(path: Path) -> str:
    """The text's fingerprint: SHA-256 of the readers' version and the file's bytes (a folder's
    .md files in name order), so a text is read again when it or the reader changed."""
    files = sorted(path.glob("*.md")) if path.is_dir() else [path]
    sha = hashlib.sha256(f"readers {READERS_VERSION}\n".encode())
    for file in files:
        sha.update(file.read_bytes())
    return sha.hexdigest()


def fixtures_digest() -> str:
    sha = hashlib.sha256()
    for folder in settings.FIXTURE_DIRS:
        for file in sorted(Path(folder).glob("*.json")):
            sha.update(file.name.encode() + file.read_bytes())
    return sha.hexdigest()


class Command(BaseCommand):
    help = (
        "Load the curated corpus (when its fixtures changed) and import every official text "
        "found (../shared/data or LAWBASE_OFFICIAL_DIR), skipping those imported unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Import every text again.")

    def handle(self, *args, force=False, **options):
        reloaded = self.load_curated(force)
        folders = official_folders()
        texts = [path for folder in folders for path in texts_in(folder)]
        if not texts:
            self.stdout.write(
                "No official texts found: the site serves the curated corpus only. Put the "
                "portal's HTML exports (pravo.gov.ru, ?docbody=&nd=<nd>) or consolidated texts "
                "in ../shared/data/pravo, or name their folders in LAWBASE_OFFICIAL_DIR; or "
                "download and import one with `manage.py import_pravo --fetch <nd>` (the "
                "Criminal Code is nd 102041891; --save DIR keeps the file for the next run)."
            )
            return
        imported = skipped = 0
        for path in texts:
            sha = digest(path)
            known = ImportedText.objects.filter(name=path.name, sha256=sha).first()
            if known is not None and not (force or reloaded):
                skipped += 1
                continue
            if self.import_text(path, sha):
                imported += 1
        if imported:
            analyze()
        self.stdout.write(
            f"Official texts: {len(texts)} found in {', '.join(map(str, folders))}; "
            f"{imported} imported, {skipped} unchanged since their last import (skipped)."
        )

    def load_curated(self, force: bool) -> bool:
        """Load the fixtures when they changed since the last load; True when loaded."""
        sha = fixtures_digest()
        known = ImportedText.objects.filter(name=FIXTURES).first()
        if known is not None and known.sha256 == sha and not force:
            self.stdout.write("Curated corpus: unchanged since it was loaded.")
            return False
        call_command("load_corpus", verbosity=0)
        ImportedText.objects.update_or_create(name=FIXTURES, defaults={"sha256": sha})
        self.stdout.write("Curated corpus: loaded.")
        return True

    def import_text(self, path: Path, sha: str) -> bool:
        fmt = detect_format(path) if not path.is_dir() else "article_markdown"
        slug = KNOWN_EXPORTS.get(path.stem, (None, None))[0] if fmt == "pravo_html" else None
        if fmt == "article_markdown":
            slug = next((s for p, s in KNOWN_EDITIONS.items() if path.name.startswith(p)), None)
        known = ()
        if fmt == "article_markdown" and slug:
            # Its merged superscripts ("2052") are read as dotted only into articles known.
            known = set(Article.objects.filter(law__slug=slug).values_list("number", flat=True))
        document = parse(path, fmt, known)
        slug = slug or act_slug(document, path)
        if slug is None:
            self.stdout.write(f"{path.name}: skipped: which law it is cannot be told.")
            return False
        law = Law.objects.filter(slug=slug).first()
        portal = fmt == "pravo_html"
        if law is None and not portal:
            self.stdout.write(f"{path.name}: skipped: the law {slug} is not in the database.")
            return False
        try:
            summary = import_document(
                document,
                nd=path.stem if portal else "",
                law_slug=slug,
                law_title=KNOWN_EXPORTS.get(path.stem, (None, None))[1] if portal else None,
                sanctions=slug in SANCTIONED,
                progress=Progress(len(document.articles), f"{path.name[:30]:30}"),
                source=None if portal or law is None else edition_source(path, document, law),
            )
        except ImportRefused as error:
            self.stderr.write(f"{path.name}: skipped: {error}")
            return False
        lines = summary.lines()
        ImportedText.objects.update_or_create(
            name=path.name, defaults={"law": slug, "sha256": sha, "summary": "\n".join(lines)}
        )
        self.stdout.write(f"{path.name}: {lines[0]}")
        return True
