from django.core.management import call_command
from django.core.management.base import BaseCommand

from provisions.corpus import CORPUS_FIXTURES
from provisions.derived import analyze


class Command(BaseCommand):
    help = "Load the curated corpus (fixtures/*.json) in one transaction; safe to run again."

    def handle(self, *args, **options):
        # loaddata wraps all files in one transaction: a bad row leaves the database untouched.
        call_command("loaddata", *CORPUS_FIXTURES, verbosity=options["verbosity"])
        analyze()
