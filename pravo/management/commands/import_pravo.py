import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pravo.fetch import FetchError, document_url, fetch_export
from pravo.identity import ImportRefused
from pravo.importer import import_document
from pravo.parsing.document import PravoFormatError, parse_document, parse_file
from provisions.derived import analyze

# The exports in shared/data/pravo, by their portal number: (slug, English name).
KNOWN_EXPORTS = {
    "102041891": ("criminal-code", "Criminal Code"),
    "102027595": ("constitution", "Constitution"),
    "102073942": ("criminal-procedure-code", "Code of Criminal Procedure"),
    "102045146": ("penal-enforcement-code", "Penal Enforcement Code"),
    "102380990": ("administrative-court-procedure-code", "Code of Administrative Court Procedure"),
    "102033239": ("civil-code-1", "Civil Code, part 1"),
    "102039276": ("civil-code-2", "Civil Code, part 2"),
    "102073578": ("civil-code-3", "Civil Code, part 3"),
    "102110716": ("civil-code-4", "Civil Code, part 4"),
    "102078828": ("civil-procedure-code", "Civil Procedure Code"),
    "102079219": ("arbitration-procedure-code", "Arbitration Procedure Code"),
    "102054722": ("tax-code-1", "Tax Code, part 1"),
    "605577371": ("tax-code-1-2020", "Tax Code, part 1 (later export)"),
    "102054721": ("budget-code", "Budget Code"),
    "102074279": ("labour-code", "Labour Code"),
    "102038925": ("family-code", "Family Code"),
    "102024315": ("customs-code-1993", "Customs Code (1993)"),
    "102073184": ("land-code", "Land Code"),
    "102090643": ("town-planning-code", "Town-Planning Code"),
    "102090645": ("housing-code", "Housing Code"),
    "102107048": ("water-code", "Water Code (2006)"),
    "102038209": ("water-code-1995", "Water Code (1995, superseded)"),
    "102110364": ("forest-code", "Forest Code"),
    "102046246": ("air-code", "Air Code"),
    "102059464": ("merchant-shipping-code", "Merchant Shipping Code"),
    "102069974": ("inland-water-transport-code", "Inland Water Transport Code"),
}


class Progress:
    """A one-line progress bar on a terminal; silent when output is piped."""

    def __init__(self, total: int, label: str):
        self.total, self.done, self.label = total, 0, label
        self.enabled = sys.stderr.isatty()

    def __call__(self):
        self.done += 1
        if self.enabled and (self.done == self.total or self.done % 10 == 0):
            width = 30
            filled = width * self.done // max(self.total, 1)
            bar = "#" * filled + "." * (width - filled)
            sys.stderr.write(f"\r{self.label} [{bar}] {self.done}/{self.total}")
            if self.done == self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


class Command(BaseCommand):
    help = (
        "Import a pravo.gov.ru HTML export: the law, its articles with the official text, "
        "editorial notes as amendments, and (for the Criminal Code) penalties. One transaction; "
        "curated records are never overwritten; re-running changes nothing. A file that is not "
        "the act it is imported as (by its own title, number, date, portal number), or that "
        "would take away much of a law's penalties, citations or notes, is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Export files, or directories of them.")
        parser.add_argument(
            "--fetch",
            metavar="ND",
            action="append",
            default=[],
            help="Download the export of portal document ND (pravo.gov.ru, ?docbody=&nd=ND) "
            "and import it; repeatable.",
        )
        parser.add_argument(
            "--save", metavar="DIR", help="With --fetch: also keep each download as DIR/ND.html."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and check everything, print what would change, write nothing.",
        )
        parser.add_argument(
            "--allow-shrink",
            action="store_true",
            help="Import even when more than a small share of a law's articles, penalties, "
            "citations or notes would go (pravo.safeguards).",
        )
        parser.add_argument("--law", help="The law's slug (default: known from the file name).")
        parser.add_argument("--title", help="The law's English name for a new law.")
        parser.add_argument(
            "--sanctions",
            action="store_true",
            help="Read penalties out of the sanction prose (on by default for criminal-code).",
        )

    def handle(self, *args, paths, law=None, title=None, sanctions=False, **options):
        files = self.files(paths)
        fetched = options["fetch"]
        if not files and not fetched:
            raise CommandError("Give export files, or --fetch ND to download one.")
        if law and len(files) + len(fetched) > 1:
            raise CommandError("--law names one law: give one file with it.")
        self.checks = {"dry_run": options["dry_run"], "allow_shrink": options["allow_shrink"]}
        for nd in fetched:
            self.stdout.write(f"Downloading {document_url(nd)}")
            try:
                content = fetch_export(nd)
            except FetchError as error:
                raise CommandError(f"nd={nd}: {error}") from error
            if options["save"]:
                folder = Path(options["save"])
                folder.mkdir(parents=True, exist_ok=True)
                data = content.encode("utf-8") if isinstance(content, str) else content
                (folder / f"{nd}.html").write_bytes(data)
            slug, name = KNOWN_EXPORTS.get(nd, (None, None))
            slug = law or slug
            if not slug:
                raise CommandError(f"nd={nd}: unknown export; say which law with --law SLUG.")
            self.import_one(
                f"nd={nd}", nd, lambda c=content: parse_document(c), slug, title or name, sanctions
            )
        for path in files:
            slug, name = KNOWN_EXPORTS.get(path.stem, (None, None))
            slug = law or slug
            if not slug:
                raise CommandError(f"{path.name}: unknown export; say which law with --law SLUG.")
            self.import_one(
                path.name, path.stem, lambda p=path: parse_file(p), slug, title or name, sanctions
            )
        if not self.checks["dry_run"]:
            analyze()

    def files(self, paths) -> list[Path]:
        files = []
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                files += sorted(path.glob("*.html"))
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"{raw}: no such file or directory.")
        return files

    def import_one(self, name: str, nd: str, read, slug: str, title: str | None, sanctions):
        started = time.perf_counter()
        try:
            document = read()
        except PravoFormatError as error:
            raise CommandError(f"{name} is not a pravo.gov.ru export: {error}") from error
        try:
            summary = import_document(
                document,
                nd=nd,
                law_slug=slug,
                law_title=title,
                sanctions=sanctions or slug == "criminal-code",
                progress=Progress(len(document.articles), slug),
                **self.checks,
            )
        except ImportRefused as error:
            raise CommandError(f"{name}: {error}") from error
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(f"{name}: done in {time.perf_counter() - started:.1f} s")
