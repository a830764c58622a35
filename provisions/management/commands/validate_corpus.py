from django.core.management.base import BaseCommand, CommandError

from provisions.validation import corpus_notices, corpus_problems


class Command(BaseCommand):
    help = "Check the corpus for overlapping versions, missing citations and unmatched changes."

    def handle(self, *args, **options):
        for notice in corpus_notices():
            self.stdout.write(f"notice: {notice}")
        problems = corpus_problems()
        if problems:
            for problem in problems:
                self.stderr.write(f"- {problem}")
            raise CommandError(f"{len(problems)} problem(s) found in the corpus.")
        self.stdout.write(self.style.SUCCESS("The corpus is consistent."))
