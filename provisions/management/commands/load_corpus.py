from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from provisions.changes import store_change_effects
from provisions.corpus import CORPUS_FIXTURES
from provisions.derived import analyze
from provisions.in_force import store_in_force
from provisions.models import ArticleChange
from provisions.topic_map import apply_topic_map


class Command(BaseCommand):
    help = "Load the curated corpus (fixtures/*.json) in one transaction; safe to run again."

    def handle(self, *args, **options):
        # One transaction: a bad row leaves the database untouched.
        with transaction.atomic():
            call_command("loaddata", *CORPUS_FIXTURES, verbosity=options["verbosity"])
            # Curated changes arrive with their versions, not through amendment_apply, and a
            # fixture row comes without its effect: label those here.
            store_change_effects(ArticleChange.objects.filter(effect=""))
            store_in_force()
            # Topics across the codes (fixtures/topic_map.json), after loaddata set the
            # curated articles' own topics.
            topics = apply_topic_map()
        analyze()
        if options["verbosity"]:
            for line in topics.lines():
                self.stdout.write(line)
