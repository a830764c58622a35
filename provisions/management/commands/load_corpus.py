from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from provisions.changes import store_change_effects
from provisions.corpus import CORPUS_FIXTURES, curated_penalty_keys, curated_version_keys
from provisions.derived import analyze, rebuild_figures, rebuild_kinds
from provisions.in_force import store_in_force
from provisions.models import ArticleChange, ArticleVersion, Origin, Penalty
from provisions.official_texts import refresh_official_differences
from provisions.topic_map import apply_topic_map

CURATED_VERSIONS = (
    "SELECT v.id FROM provisions_articleversion v JOIN provisions_article a "
    "ON a.id = v.article_id WHERE a.origin = 'curated'"
)


def drop_imported_curated_versions() -> int:
    """Imports add later wordings to curated articles (pravo.importer's complete_curated);
    the fixtures restore each curated record as it is, so those go first (the next import of
    the text adds them again), else a fixture's open version would overlap them."""
    keys = curated_version_keys()
    added = [
        version.pk
        for version in ArticleVersion.objects.filter(
            article__origin=Origin.CURATED, source__isnull=False
        ).select_related("article__law")
        if (version.article.law.slug, version.article.number, version.valid_from.isoformat())
        not in keys
    ]
    return ArticleVersion.objects.filter(pk__in=added).delete()[0]


def drop_stale_curated_penalties() -> int:
    """Penalties of curated versions that the fixtures no longer hold (a penalty whose natural
    key changed, as when alternatives were numbered: loaddata would keep the old row beside
    the new one). The fixtures are the whole curated record."""
    versions = curated_version_keys()
    wanted = curated_penalty_keys()
    stale = [
        penalty.pk
        for penalty in Penalty.objects.filter(
            version__article__origin=Origin.CURATED
        ).select_related("version__article__law")
        if penalty.natural_key()[:3] in versions and penalty.natural_key() not in wanted
    ]
    return Penalty.objects.filter(pk__in=stale).delete()[0]


class Command(BaseCommand):
    help = "Load the curated corpus (fixtures/*.json) in one transaction; safe to run again."

    def handle(self, *args, **options):
        # One transaction: a bad row leaves the database untouched.
        with transaction.atomic():
            drop_imported_curated_versions()
            drop_stale_curated_penalties()
            call_command("loaddata", *CORPUS_FIXTURES, verbosity=options["verbosity"])
            # loaddata saves raw rows without the figures and kinds the triggers keep (they
            # are not in the fixtures): recompute them for the curated versions it wrote.
            rebuild_figures(CURATED_VERSIONS)
            rebuild_kinds(CURATED_VERSIONS)
            # Curated changes arrive with their versions, not through amendment_apply, and a
            # fixture row comes without its effect: label those here.
            store_change_effects(ArticleChange.objects.filter(effect=""))
            store_in_force()
            # The official texts kept beside curated articles were compared with the curated
            # record as it stood when they were imported.
            refresh_official_differences()
            # Topics across the codes (fixtures/topic_map.json), after loaddata set the
            # curated articles' own topics.
            topics = apply_topic_map()
        analyze()
        if options["verbosity"]:
            for line in topics.lines():
                self.stdout.write(line)
