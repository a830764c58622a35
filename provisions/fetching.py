"""What the article's pages (HTML and JSON, history, feed) and the API fetch of an article:
what Article.objects.for_detail() holds, in fewer queries (`article_for_detail`).

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

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from provisions.models import (
    Article,
    ArticleChange,
    ArticleVersion,
    Citation,
    ConvictionStat,
    EditorialNote,
    Penalty,
    Topic,
    UnparsedSanction,
)
from provisions.models.common import keep_prefetched, read_children
from provisions.models.penalties import PENALTY_ORDER, UNPARSED_ORDER

# The article page's relations that are often empty, each as (the model of its rows, the
# column linking a row to the article or, for unparsed clauses, to a version, and the model
# joined between them or None): flagged by a scalar subquery (SELECT id ... LIMIT 1) rather
# than EXISTS, which PostgreSQL 15 plans twice in a select list (an AlternativeSubPlan).
FLAGGED_RELATIONS = {
    "topics": (Article.topics.through, "article_id", None),
    "unparsed": (UnparsedSanction, "version_id", ArticleVersion),
    "statistics": (ConvictionStat, "article_id", None),
    "group_statistics": (ConvictionStat.group_articles.through, "article_id", None),
    "changes": (ArticleChange, "article_id", None),
    "notes": (EditorialNote, "article_id", None),
}


def first_row_sql(model, link: str, between) -> str:
    """SELECT the id of one row of `model` linked to the outer query's article (through the
    rows of `between`, when given), or NULL. Written as SQL from the models' own names: as
    Subquery(...) expressions, the six cost 1.0 of the query's 1.4 ms of building (measured at
    100,000 synthetic articles), more than PostgreSQL took to run it."""
    quote = connection.ops.quote_name
    article = f"{quote(Article._meta.db_table)}.{quote(Article._meta.pk.column)}"
    table = quote(model._meta.db_table)
    row_id = f"{table}.{quote(model._meta.pk.column)}"
    if between is None:
        return f"SELECT {row_id} FROM {table} WHERE {table}.{quote(link)} = {article} LIMIT 1"
    middle = quote(between._meta.db_table)
    return (
        f"SELECT {row_id} FROM {table}"
        f" JOIN {middle} ON {middle}.{quote(between._meta.pk.column)} = {table}.{quote(link)}"
        f" WHERE {middle}.{quote('article_id')} = {article} LIMIT 1"
    )


FLAG_SQL = {name: first_row_sql(*relation) for name, relation in FLAGGED_RELATIONS.items()}


def article_for_page():
    """Article.objects.for_detail()'s article row with its law and official text, annotated
    with a flag per relation that may be empty (`has_<relation>`: a primary key or None);
    `fetch_article_relations` then reads only the relations flagged. One query. The flags
    name the articles table as the outer query's: not for use inside a subquery."""
    flagged = {f"has_{name}": RawSQL(sql, ()) for name, sql in FLAG_SQL.items()}
    return Article.objects.select_related("law", "official_text__source").annotate(**flagged)


def fetch_article_relations(article) -> None:
    """Read an article_for_page() article's relations as Article.objects.for_detail()'s
    prefetches hold them (but its citations: fetch_citations): its versions with their
    penalties and unparsed clauses, topics, statistics, changes and editorial notes. A
    relation its flag says is empty is given its empty rows without a query; the others are
    read by hand (read_children, keep_prefetched), not by prefetch_related_objects, which
    builds a queryset per owner and per relation. One query (an article without versions) to
    eight."""
    versions = ArticleVersion.objects.select_related("introduced_by", "source")
    versions = read_children([article], versions.order_by("valid_from"), "versions")
    read_children(versions, Penalty.objects.order_by(*PENALTY_ORDER), "penalties")
    clauses = UnparsedSanction.objects.order_by(*UNPARSED_ORDER)
    held = article.has_unparsed is not None
    read_children(versions, clauses if held else None, "unparsed_sanctions")
    stats = ConvictionStat.objects.order_by("year", "period")
    changes = ArticleChange.objects.select_related("amendment")
    notes = EditorialNote.objects.select_related("amendment").order_by("amendment__signed_on")
    for name, rows, to_attr in (
        ("statistics", stats, None),
        ("changes", changes, "timeline_changes"),
        ("editorial_notes", notes, "timeline_notes"),
    ):
        held = getattr(article, f"has_{name.removeprefix('editorial_')}") is not None
        read_children([article], rows if held else None, name, to_attr)
    # Many-to-many: no foreign key on the rows to point back at the article.
    held = article.has_topics is not None
    keep_prefetched(
        article, "topics", list(Topic.objects.filter(articles=article.pk)) if held else []
    )
    held = article.has_group_statistics is not None
    grouped = list(stats.filter(group_articles=article.pk)) if held else []
    keep_prefetched(article, "group_statistics", grouped)


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


def article_for_detail(**lookup):
    """The article matching `lookup` (such as law__slug=…, number=…) holding what
    Article.objects.for_detail() holds (article_for_page, fetch_article_relations,
    fetch_citations), or None where none matches. Three queries to ten (one where none
    matches): for_detail() ran thirteen, through prefetch_related."""
    article = article_for_page().filter(**lookup).first()
    if article is not None:
        fetch_article_relations(article)  # only those its flags say are not empty
        fetch_citations(article)  # for_detail()'s four citation queries in one
    return article
