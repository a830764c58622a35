"""The part of each article's timeline that is stored: when it came into force
(`Article.in_force_from`, `in_force_from_certainty`), which the list's `in_force_on` filter
reads in SQL. provisions.timeline computes it; `store_in_force` writes it after every load,
import, applied amendment and admin edit.
"""

from django.db.models import Prefetch

from provisions.models import Article, ArticleChange, ArticleVersion, EditorialNote
from provisions.models.common import Certainty
from provisions.timeline import build_timeline

BATCH = 500  # articles per read and write: bounded memory on a large corpus
FIELDS = ["in_force_from", "in_force_from_certainty"]


def stored_start(timeline) -> tuple:
    """(in_force_from, certainty) as stored: a date whose certainty is unknown is only the
    code's signing date (a lower bound), so it is stored as no date."""
    if timeline.in_force_from_certainty == Certainty.UNKNOWN:
        return None, Certainty.UNKNOWN
    return timeline.in_force_from, timeline.in_force_from_certainty


def timelines(articles=None):
    """(article, timeline) for each of `articles` (a QuerySet of Article; all when None), in
    batches of BATCH: a few queries per batch, whatever the number of articles."""
    articles = Article.objects.all() if articles is None else articles
    versions = ArticleVersion.objects.select_related("introduced_by").only(
        "article_id", "valid_from", "valid_to", "certainty", "introduced_by"
    )
    found = (
        articles.select_related("law")
        .prefetch_related(
            Prefetch("versions", queryset=versions),
            Prefetch(
                "changes",
                queryset=ArticleChange.objects.select_related("amendment"),
                to_attr="timeline_changes",
            ),
            Prefetch(
                "editorial_notes",
                queryset=EditorialNote.objects.select_related("amendment"),
                to_attr="timeline_notes",
            ),
        )
        .order_by("pk")
    )
    for article in found.iterator(chunk_size=BATCH):
        yield (
            article,
            build_timeline(
                article, article.versions.all(), article.timeline_notes, article.timeline_changes
            ),
        )


def store_in_force(articles=None) -> int:
    """Recompute and save in_force_from and its certainty for `articles` (a QuerySet of
    Article; all when None); returns how many changed."""
    stale, written = [], 0
    for article, timeline in timelines(articles):
        start = stored_start(timeline)
        if (article.in_force_from, article.in_force_from_certainty) != start:
            article.in_force_from, article.in_force_from_certainty = start
            stale.append(article)
        if len(stale) == BATCH:
            written += Article.objects.bulk_update(stale, FIELDS)
            stale = []
    return written + Article.objects.bulk_update(stale, FIELDS)
