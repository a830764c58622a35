"""A deterministic synthetic corpus for benchmarks, written through the project's own models.

`generate(articles=N, seed=S)` adds laws marked "Synthetic …" (Law.origin = "synthetic", slugs
`synthetic-code-1`, …) with chapters, articles, about three versions per article, about two
penalties per version, the amendments that introduced the later versions, sources, citations
for every fact and conviction statistics. The same seed gives the same corpus on any database.

What the benchmark searches for is planted on purpose:
- COMMON_WORD sits in about 80% of the articles (every version of them);
- `rare_word(i)` sits in about five articles whatever the corpus size.

Rows go in a chunk of articles at a time through bulk_rows.RowWriter (COPY on PostgreSQL), with
ids reserved first so that each article names its current version as it is written. The figures
the list filters on, which triggers keep for editors' writes, are computed here from the planned
penalties (`version_figures`, `article_figures`; a test holds them equal to the triggers' SQL),
so no second pass rewrites a million rows. The triggers are suspended meanwhile and the text
index is built once at the end. Nothing here goes through Model.save, so the sort key that a
pre_save receiver keeps is set here too.

This module is the entry point (generate, delete_synthetic); the rest is split by what it holds:
vocabulary.py the phrases and the planted words, specs.py an article's plan and the figures
computed from it, generator.py the planning and the writing, bulk_rows.py the row writer.
"""

from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import Q

from benchdata.generator import SLUG_PREFIX, Generator
from benchdata.vocabulary import ARTICLES_PER_RARE_WORD, COMMON_WORD, rare_word
from provisions.derived import analyze
from provisions.models import (
    Amendment,
    Article,
    ArticleChange,
    ArticleVersion,
    ChangedPenalty,
    Citation,
    ConvictionStat,
    Law,
    OfficialText,
    Origin,
    Penalty,
    Source,
)
from search.index import rebuild_search_index, search_triggers_suspended

# What the command, the benchmark and the tests use from here.
__all__ = [
    "ARTICLES_PER_RARE_WORD",
    "COMMON_WORD",
    "MAX_ARTICLES",
    "SLUG_PREFIX",
    "delete_synthetic",
    "generate",
    "rare_word",
    "synthetic_laws",
]

MAX_ARTICLES = 1_000_000
ARTICLES_PER_LAW = 20_000  # the default number of laws follows from this


def default_laws(articles: int) -> int:
    return max(1, -(-articles // ARTICLES_PER_LAW))


def synthetic_laws():
    return Law.objects.filter(origin=Origin.SYNTHETIC)


# --- replacing and the entry point --------------------------------------------------------------


def delete_synthetic():
    """Delete the synthetic laws and everything under them, children first.

    Raw deletes: the ORM's cascade would load every row and write a history record for each.
    """
    laws = synthetic_laws()
    articles = Article.objects.filter(law__in=laws)
    versions = ArticleVersion.objects.filter(article__in=articles)
    amendments = Amendment.objects.filter(slug__startswith=SLUG_PREFIX)
    sources = Source.objects.filter(slug__startswith=SLUG_PREFIX)
    stats = ConvictionStat.objects.filter(article__in=articles)
    targets = (
        Q(source__in=sources)
        | Q(law__in=laws)
        | Q(article__in=articles)
        | Q(version__in=versions)
        | Q(penalty__version__in=versions)
        | Q(amendment__in=amendments)
        | Q(statistic__in=stats)
    )
    ordered = [
        Citation.objects.filter(targets),
        ConvictionStat.group_articles.through.objects.filter(article__in=articles),
        stats,
        ChangedPenalty.objects.filter(change__article__in=articles),
        ArticleChange.objects.filter(Q(article__in=articles) | Q(amendment__in=amendments)),
        Penalty.objects.filter(version__in=versions),
        versions,
        OfficialText.objects.filter(article__in=articles),
        Article.topics.through.objects.filter(article__in=articles),
        articles,
        amendments,
        sources,
        laws,
    ]
    for queryset in ordered:
        queryset._raw_delete(queryset.db)
    if connection.vendor == "sqlite":
        # PostgreSQL's index rows go by a foreign-key cascade; SQLite's FTS5 rows have none.
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM provisions_version_search "
                "WHERE rowid NOT IN (SELECT id FROM provisions_articleversion)"
            )


SYNTHETIC_VERSIONS_SQL = (
    "SELECT v.id FROM provisions_articleversion v "
    "JOIN provisions_article a ON a.id = v.article_id WHERE a.origin = 'synthetic'"
)


def generate(
    *,
    articles: int,
    seed: int,
    laws: int | None = None,
    replace: bool = False,
    progress: Callable[[int], None] = lambda n: None,
) -> dict[str, int]:
    """Write the corpus in one transaction; returns how many rows of each kind were written."""
    laws = laws or default_laws(articles)
    with transaction.atomic():
        with search_triggers_suspended():
            if replace:
                delete_synthetic()
            counts = Generator(articles, seed, laws, progress).run()
        rebuild_search_index(SYNTHETIC_VERSIONS_SQL, figures_stored=True)
    analyze()
    return counts
