from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from opendata.exports.tables import FORMATS, export_root
from opendata.exports.writers import ExportError, latest_export, write_export
from search.result_cache import current_generation


class Command(BaseCommand):
    help = (
        "Export the whole corpus (JSON, CSV or Akoma Ntoso) with a manifest of counts and "
        "SHA-256 hashes, read from one consistent snapshot, where /data/ lists it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--format",
            choices=FORMATS,
            action="append",
            dest="formats",
            help="json (default), csv or akn; repeat it for several (--format json --format csv).",
        )
        parser.add_argument(
            "--out",
            help="Directory to write (must be empty or new; one format only). Default: "
            "DATA_EXPORT_ROOT/<today>-<format>, where the /data/ page lists it.",
        )
        parser.add_argument(
            "--force", action="store_true", help="Replace a previous export in --out."
        )
        parser.add_argument(
            "--if-changed",
            action="store_true",
            help="Skip a format whose newest export in DATA_EXPORT_ROOT holds the data as it "
            "is now (the same data generation); otherwise write it, replacing today's export "
            "of that format. `make run` publishes this way.",
        )

    def handle(self, *args, formats=None, out=None, force=False, if_changed=False, **options):
        formats = list(dict.fromkeys(formats or ["json"]))
        if out and len(formats) > 1:
            raise CommandError("--out takes one --format; leave it out to export several.")
        if out and if_changed:
            raise CommandError("--if-changed publishes to DATA_EXPORT_ROOT; leave out --out.")
        for fmt in formats:
            self.export(fmt, out, force, if_changed)

    def export(self, fmt: str, out: str | None, force: bool, if_changed: bool) -> None:
        directory = Path(out) if out else export_root() / f"{timezone.localdate()}-{fmt}"
        if if_changed:
            latest = latest_export(fmt)
            generation = current_generation()
            if latest and generation is not None and latest.get("data_generation") == generation:
                self.stdout.write(
                    f"{fmt}: {latest['directory'].name} already holds the data as it is now "
                    "(unchanged since; skipped)."
                )
                return
            force = True  # today's export of this format, if any, holds older data
        started = timezone.now()
        self.stdout.write(f"{fmt}: writing {directory} …")
        try:
            manifest = write_export(directory, fmt, force=force)
        except ExportError as error:
            raise CommandError(str(error)) from error
        seconds = (timezone.now() - started).total_seconds()
        counts = ", ".join(f"{name} {count}" for name, count in manifest["counts"].items())
        archive = manifest.get("archive")
        zipped = f", zipped as {archive['path']} ({archive['bytes']:,} bytes)" if archive else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {manifest['file_count']:,} file(s), {manifest['total_bytes']:,} bytes, "
                f"to {directory}{zipped} "
                f"in {seconds:.2f} s: {counts}."
            )
        )
