"""What the amendment page fetches, in the order it needs and no more.

The models' default orderings sort an article's versions, penalties and unparsed clauses by
their article, which joins the article and its law into each query (`ArticleVersion.Meta.
ordering` starts with "article", whose own ordering is law__slug, sort_key): on the amendment
page's ~150 versions and their penalties that was most of the SQL time and a share of the time
spent building the queries. Each row's versions, penalties and clauses are only ever read per
version (provisions.changes sorts what it shows), so ordering by the version's id keeps, within
each version, the very order the defaults give, and the HTML is unchanged.
"""

from django.db.models import Prefetch, prefetch_related_objects

from provisions.changes import versions_around
from provisions.models import (
    Amendment,
    ArticleChange,
    ArticleVersion,
    Citation,
    Penalty,
    UnparsedSanction,
)
from provisions.models.amendments import named_articles

# Within one version, the defaults' own order (Penalty.Meta / UnparsedSanction.Meta ordering).
PENALTY_ORDER = ("version_id", "part", "subject", "alternative", "role", "id")
UNPARSED_ORDER = ("version_id", "part", "id")


def amendment_for_page():
    """Amendment.objects.for_detail(notes=True), each changed article's versions ordered by
    article id and start (an article's versions in the order of the default, valid_from).
    Five queries for the amendment, its changes, their versions, citations and notes."""
    versions = (
        ArticleVersion.objects.defer("text_ru", "text_en")
        .select_related("introduced_by")
        .order_by("article_id", "valid_from")
    )
    changes = ArticleChange.objects.select_related("article__law").prefetch_related(
        Prefetch("article__versions", queryset=versions)
    )
    return Amendment.objects.select_related("act").prefetch_related(
        Prefetch("changes", queryset=changes),
        Prefetch("citations", queryset=Citation.objects.select_related("source")),
        Prefetch("editorial_notes", queryset=named_articles()),
    )


def fetch_penalties_around(amendment) -> None:
    """Fetch the penalties and unparsed clauses of the versions before and after each change
    (two queries), so that provisions.changes.change_rows finds them fetched."""
    shown = [
        version
        for change in amendment.changes.all()
        for version in versions_around(change)
        if version is not None
    ]
    prefetch_related_objects(
        shown,
        Prefetch("penalties", queryset=Penalty.objects.order_by(*PENALTY_ORDER)),
        Prefetch("unparsed_sanctions", queryset=UnparsedSanction.objects.order_by(*UNPARSED_ORDER)),
    )
