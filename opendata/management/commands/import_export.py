from django.core.management.base import BaseCommand, CommandError

from opendata.exports.loader import import_export
from opendata.exports.writers import ExportError


class Command(BaseCommand):
    help = (
        "Load a JSON export (from `manage.py export --format json`) into an empty database: "
        "checks every file's SHA-256 against the manifest first, then loads all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="The export directory (holds manifest.json).")

    def handle(self, *args, directory, **options):
        try:
            counts = import_export(directory)
        except ExportError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{name} {count}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Imported {summary}."))
