"""What the article page fetches, in the order it needs and in fewer queries.

The article page read the citations behind its facts in four queries (the article's, its
versions', their penalties', its statistics'), each ~1 ms of building and running a query:
`fetch_citations` reads them in one and hands each object its own, in the same order (by id).

The models' default orderings sort an article's versions, penalties and unparsed clauses by
their article, which joins the article and its law into each query (`ArticleVersion.Meta.
ordering` starts with "article", whose own ordering is law__slug, sort_key): on the amendment
page's ~150 versions and their penalties that was most of the SQL time and a share of the time
spent building the queries. Each row's versions, penalties and clauses are only ever read per
version (provisions.changes sorts what it shows), so ordering by the version's id keeps, within
each version, the very order the defaults give, and the HTML is unchanged.
"""

from django.db.models import OuterRef, Prefetch, Q, Subquery, prefetch_related_objects

from provisions.models import (
    Article,
    ArticleChange,
    ArticleVersion,
    Citation,
    ConvictionStat,
    EditorialNote,
    Topic,
    UnparsedSanction,
)
from provisions.models.common import keep_prefetched
from provisions.models.penalties import penalties_by_version, unparsed_by_version

# The article page's relations that are often empty, each with the rows and the link to the
# article that say whether it is: a scalar subquery (SELECT id ... LIMIT 1) rather than
# EXISTS, which PostgreSQL 15 plans twice in a select list (an AlternativeSubPlan).
FLAGGED_RELATIONS = {
    "topics": (Article.topics.through.objects, "article_id"),
    "unparsed": (UnparsedSanction.objects, "version__article_id"),
    "statistics": (ConvictionStat.objects, "article_id"),
    "group_statistics": (ConvictionStat.group_articles.through.objects, "article_id"),
    "changes": (ArticleChange.objects, "article_id"),
    "notes": (EditorialNote.objects, "article_id"),
}


def article_for_page():
    """Article.objects.for_detail()'s article row with its law and official text, annotated
    with a flag per relation that may be empty (`has_<relation>`: a primary key or None);
    `fetch_article_relations` then reads only the relations flagged. One query."""
    flagged = {
        f"has_{name}": Subquery(rows.filter(**{link: OuterRef("pk")}).order_by().values("pk")[:1])
        for name, (rows, link) in FLAGGED_RELATIONS.items()
    }
    return Article.objects.select_related("law", "official_text__source").annotate(**flagged)


def article_relations(article) -> list[Prefetch]:
    """The prefetches of Article.objects.for_detail() but its citations, for an
    article_for_page() article, leaving out each relation its flag says is empty
    (fetch_article_relations gives those their empty rows without a query)."""
    unparsed = unparsed_by_version()
    if article.has_unparsed is None:  # nested under the versions: Django answers it unqueried
        unparsed = Prefetch("unparsed_sanctions", queryset=UnparsedSanction.objects.none())
    versions = (
        ArticleVersion.objects.select_related("introduced_by", "source")
        .prefetch_related(penalties_by_version(), unparsed)
        .order_by("valid_from")
    )
    stats = ConvictionStat.objects.order_by("year", "period")
    changed = ArticleChange.objects.select_related("amendment")
    notes = EditorialNote.objects.select_related("amendment").order_by("amendment__signed_on")
    flagged = [
        ("has_topics", Prefetch("topics", queryset=Topic.objects.all())),
        ("has_statistics", Prefetch("statistics", queryset=stats)),
        ("has_group_statistics", Prefetch("group_statistics", queryset=stats)),
        ("has_changes", Prefetch("changes", queryset=changed, to_attr="timeline_changes")),
        ("has_notes", Prefetch("editorial_notes", queryset=notes, to_attr="timeline_notes")),
    ]
    present = [prefetch for flag, prefetch in flagged if getattr(article, flag) is not None]
    return [Prefetch("versions", queryset=versions), *present]


# The relations a flag may say are empty: kept as prefetched rows, or to_attr lists.
EMPTY_RELATIONS = {
    "has_topics": "topics",
    "has_statistics": "statistics",
    "has_group_statistics": "group_statistics",
}
EMPTY_LISTS = {"has_changes": "timeline_changes", "has_notes": "timeline_notes"}


def fetch_article_relations(article) -> None:
    """Prefetch an article_for_page() article's relations (article_relations): from two
    queries (versions, penalties) to eight, as many as it has relations that are not empty.
    An empty one is given its empty rows as a prefetch would (`article.topics.all()`, the
    `timeline_notes` list): even a prefetch Django answers without a query built and
    compiled one (about 0.3 ms each)."""
    prefetch_related_objects([article], *article_relations(article))
    for flag, relation in EMPTY_RELATIONS.items():
        if getattr(article, flag) is None:
            keep_prefetched(article, relation, [])
    for flag, name in EMPTY_LISTS.items():
        if getattr(article, flag) is None:
            setattr(article, name, [])


def fetch_citations(article) -> None:
    """Give an article_for_page() article, its versions, their penalties and its statistics
    their citations (with sources), as for_detail()'s prefetches would: one query."""
    versions = list(article.versions.all())
    targets = {
        "article": {article.pk: article},
        "version": {version.pk: version for version in versions},
        "penalty": {p.pk: p for version in versions for p in version.penalties.all()},
        "statistic": {},
    }
    stats = [*article.statistics.all(), *article.group_statistics.all()]
    wanted = Q(article_id=article.pk)
    for name in ("version", "penalty"):
        if targets[name]:
            wanted |= Q(**{f"{name}_id__in": list(targets[name])})
    if stats:
        wanted |= Q(statistic_id__in={stat.pk for stat in stats})
    found: dict[tuple[str, int], list] = {}
    for citation in Citation.objects.select_related("source").filter(wanted):  # by id
        for name in targets:
            if (pk := getattr(citation, f"{name}_id")) is not None:
                found.setdefault((name, pk), []).append(citation)
    for name in ("article", "version", "penalty"):
        for pk, owner in targets[name].items():
            remember(owner, found.get((name, pk), []), name)
    for stat in stats:  # a count of a group names the article too: its own instance
        remember(stat, found.get(("statistic", stat.pk), []), "statistic")


def remember(owner, citations: list, field: str) -> None:
    """Keep `citations` as owner.citations.all() (keep_prefetched), each pointing back at its
    owner."""
    for citation in citations:
        setattr(citation, field, owner)
    keep_prefetched(owner, "citations", citations)
