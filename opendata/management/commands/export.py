from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from opendata.exports.tables import FORMATS, export_root
from opendata.exports.writers import ExportError, write_export


class Command(BaseCommand):
    help = (
        "Export the whole corpus (JSON, CSV or Akoma Ntoso) with a manifest of counts and "
        "SHA-256 hashes, read from one consistent snapshot."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, default="json", dest="fmt")
        parser.add_argument(
            "--out",
            help="Directory to write (must be empty or new). Default: DATA_EXPORT_ROOT/"
            "<today>-<format>, where the /data/ page lists it.",
        )
        parser.add_argument(
            "--force", action="store_true", help="Replace a previous export in --out."
        )

    def handle(self, *args, fmt, out=None, force=False, **options):
        directory = Path(out) if out else export_root() / f"{timezone.localdate()}-{fmt}"
        started = timezone.now()
        try:
            manifest = write_export(directory, fmt, force=force)
        except ExportError as error:
            raise CommandError(str(error)) from error
        seconds = (timezone.now() - started).total_seconds()
        counts = ", ".join(f"{name} {count}" for name, count in manifest["counts"].items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {manifest['file_count']:,} file(s), {manifest['total_bytes']:,} bytes, "
                f"to {directory} "
                f"in {seconds:.2f} s: {counts}."
            )
        )
