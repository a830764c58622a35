from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from provisions.amendment_apply import AlreadyApplied, amendment_apply
from provisions.models import Amendment


class Command(BaseCommand):
    help = "Apply an amendment: derive the new article versions from its changes (atomic)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The amendment's slug, e.g. 260-fz-2022.")
        parser.add_argument("--user", help="Username recorded as the author in the history.")

    def handle(self, *args, slug, user=None, **options):
        try:
            amendment = Amendment.objects.get(slug=slug)
        except Amendment.DoesNotExist as error:
            raise CommandError(f"No amendment with slug {slug!r}.") from error
        author = None
        if user:
            try:
                author = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist as error:
                raise CommandError(f"No user {user!r}.") from error
        if amendment.applied_at:
            self.stdout.write(
                f"{amendment} was already applied on {amendment.applied_at:%Y-%m-%d}."
            )
            return
        try:
            # Another editor may apply it between the check above and this call: the row lock
            # decides, and the one that loses says so instead of "0 new version(s)".
            created = amendment_apply(amendment=amendment, user=author, refuse_applied=True)
        except AlreadyApplied as done:
            self.stdout.write(str(done))
            return
        except ValidationError as error:
            raise CommandError("Nothing was applied:\n- " + "\n- ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Applied {amendment}: {len(created)} new version(s).")
        )
