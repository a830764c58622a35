"""Whole-corpus consistency checks, beyond what one row's constraints can see.

Each check is a few set-based queries, so the cost does not grow with a query per article.
"""

from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery

from provisions.derived import KIND_BIT, UNIT_BIT
from provisions.in_force import stored_start, timelines
from provisions.models import (
    ANOTHER_READING,
    Amendment,
    Article,
    ArticleChange,
    ArticleVersion,
    Citation,
    ConvictionStat,
    EditorialNote,
    OfficialText,
    Origin,
    Penalty,
)
from provisions.penalties.differences import official_text_differences
from provisions.topic_map import stale_topics


def corpus_problems() -> list[str]:
    """Every inconsistency in the corpus, one readable line each; empty when all is well."""
    return [
        *overlapping_versions(),
        *articles_without_version_in_force(),
        *facts_without_citation(),
        *changes_without_version(),
        *versions_not_starting_with_their_amendment(),
        *stale_list_figures(),
        *timeline_gaps(),
        *versions_spanning_a_law(),
        *stale_topic_map(),
        *curated_short_of_official(),
        *additional_penalties_without_their_alternative(),
    ]


def curated_short_of_official() -> list[str]:
    """A curated version in force that holds other penalties than the official text kept
    beside it (OfficialText: the newest edition imported), where no later law explains it:
    curated data is never less complete than the official text (issue #18). A curated version
    that starts after the text's edition is explained by the law that set it, and not
    compared. Texts read without sanctions (extracted_penalties empty) are not compared."""
    texts = (
        OfficialText.objects.filter(article__origin=Origin.CURATED)
        .exclude(extracted_penalties=[])
        .select_related("article__law")
        .prefetch_related(
            Prefetch(
                "article__versions",
                queryset=ArticleVersion.objects.filter(valid_to__isnull=True).prefetch_related(
                    "penalties"
                ),
                to_attr="open_versions",
            )
        )
        .order_by("article__law__slug", "article__sort_key")
    )
    problems = []
    for text in texts:
        current = next(iter(text.article.open_versions), None)
        problems += [
            f"{text.article}: the curated version from {current.valid_from} and the official "
            f"text (current to {text.current_to or text.edition_date}) differ: {difference}"
            for difference in official_text_differences(text, current) or []
        ]
    return problems


def additional_penalties_without_their_alternative() -> list[str]:
    """An additional penalty is attached to a main alternative of its part (Penalty.alternative):
    one whose alternative has no main penalty (an editor's slip) is attached to nothing."""
    main = Penalty.objects.filter(
        version=OuterRef("version"),
        part=OuterRef("part"),
        subject=OuterRef("subject"),
        alternative=OuterRef("alternative"),
        role=Penalty.Role.MAIN,
    )
    stray = (
        Penalty.objects.filter(role=Penalty.Role.ADDITIONAL)
        .exclude(Exists(main))
        .select_related("version__article__law")
        .order_by("version__article__law__slug", "version__article__sort_key", "part")
    )
    return [
        f"{penalty.version}, part {penalty.part}: the additional penalty “{penalty.summary()}” "
        f"is attached to alternative {penalty.alternative}, which has no main penalty."
        for penalty in stray
    ]


def stale_topic_map() -> list[str]:
    """Mapped articles (fixtures/topic_map.json) that exist but lack their topic; one the
    map names that is not in the database is no problem."""
    return [
        f"{article}: fixtures/topic_map.json maps it to the topic “{slug}”, which it lacks "
        "(stale map: run load_corpus, or import its law again)."
        for article, slug in stale_topics()
    ]


def corpus_notices() -> list[str]:
    """What a reader of the corpus must know but is not an inconsistency: texts that hold
    different wordings of one period (both kept), and curated versions that hold no wording
    though a text of the article is held (its period is not matched to theirs)."""
    return [*disagreeing_texts(), *curated_versions_without_wording()]


def disagreeing_texts() -> list[str]:
    readings = Citation.objects.filter(note=ANOTHER_READING).select_related(
        "source", "version__article__law", "version__source"
    )
    return [
        f"{c.version}: “{c.source.title}” reads the wording differently from "
        f"“{c.version.source.title if c.version.source else 'the curated record'}” (both kept)."
        for c in readings.order_by("version__article__law__slug", "version__article__sort_key")
    ]


def curated_versions_without_wording() -> list[str]:
    bare = ArticleVersion.objects.filter(
        article__origin=Origin.CURATED, text_ru="", article__official_text__isnull=False
    ).select_related("article__law", "introduced_by")
    return [
        f"{version}: no wording held, though an official text of the article is (its last "
        "amending law is not the one that set this version)."
        for version in bare.order_by("article__law__slug", "article__sort_key", "valid_from")
    ]


def versions_spanning_a_law() -> list[str]:
    """Imported wordings whose period runs over a law their notes say changed the article:
    a wording cannot hold on both sides of it."""
    later_law = EditorialNote.objects.filter(
        article=OuterRef("article"), amendment__in_force_on__gt=OuterRef("valid_from")
    )
    within = later_law.filter(amendment__in_force_on__lte=OuterRef("valid_to"))
    found = ArticleVersion.objects.filter(
        source__isnull=False, article__origin=Origin.OFFICIAL
    ).filter(
        (Q(valid_to__isnull=True) & Q(Exists(later_law)))
        | (Q(valid_to__isnull=False) & Q(Exists(within)))
    )
    return [
        f"{version}: runs over a law its notes name."
        for version in found.select_related("article__law")
    ]


def timeline_gaps() -> list[str]:
    """Articles whose timeline (provisions.timeline) does not tile their life from their
    coming into force to today or their repeal, or whose stored start disagrees with it."""
    problems = []
    for article, timeline in timelines():
        problems += [f"{article}: timeline {gap}." for gap in timeline.gaps()]
        if (article.in_force_from, article.in_force_from_certainty) != stored_start(timeline):
            problems.append(f"{article}: stored in-force date is stale (run load_corpus).")
    return problems


def overlapping_versions() -> list[str]:
    others = ArticleVersion.objects.filter(
        article=OuterRef("article"), valid_from__lt=OuterRef("valid_from")
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("valid_from")))
    clashing = ArticleVersion.objects.filter(Exists(others)).select_related("article__law")
    return [f"{version}: overlaps an earlier version of the same article." for version in clashing]


def articles_without_version_in_force() -> list[str]:
    open_version = ArticleVersion.objects.filter(article=OuterRef("pk"), valid_to__isnull=True)
    missing = (
        Article.objects.filter(repealed_on__isnull=True)
        .exclude(Exists(open_version))
        .select_related("law")
    )
    return [f"{article}: no version in force and not marked repealed." for article in missing]


def facts_without_citation() -> list[str]:
    problems = []
    for model, field, label in [
        (Penalty, "penalty", "penalty"),
        (ArticleVersion, "version", "version"),
        (Amendment, "amendment", "amendment"),
        (ConvictionStat, "statistic", "statistic"),
    ]:
        cited = Citation.objects.filter(**{field: OuterRef("pk")})
        uncited = model.objects.exclude(Exists(cited))
        if model is Penalty:
            uncited = uncited.select_related("version__article__law")
        elif model is ArticleVersion:
            uncited = uncited.select_related("article__law")
        elif model is ConvictionStat:
            uncited = uncited.select_related("article")
        problems += [f"{label} {obj}: no citation supports it." for obj in uncited]
    return problems


def changes_without_version() -> list[str]:
    """An applied amendment's added/amended change must have produced a version of its article
    (or, for a law in force the same day as another, been merged into the version from that
    day: provisions.amendment_apply.merge_change)."""
    produced = ArticleVersion.objects.filter(
        Q(introduced_by=OuterRef("amendment"))
        | Q(introduced_by__isnull=False, valid_from=OuterRef("amendment__in_force_on")),
        article=OuterRef("article"),
    )
    missing = (
        ArticleChange.objects.filter(
            amendment__applied_at__isnull=False,
            action__in=[ArticleChange.Action.ADDED, ArticleChange.Action.AMENDED],
        )
        .exclude(Exists(produced))
        .select_related("amendment", "article")
    )
    return [
        f"change {change}: no version of the article was introduced by it." for change in missing
    ]


def versions_not_starting_with_their_amendment() -> list[str]:
    mismatched = (
        ArticleVersion.objects.filter(introduced_by__isnull=False)
        .exclude(valid_from=F("introduced_by__in_force_on"))
        .select_related("article__law", "introduced_by")
    )
    return [
        f"{version}: starts {version.valid_from} but {version.introduced_by} "
        f"comes into force {version.introduced_by.in_force_on}."
        for version in mismatched
    ]


def stale_list_figures() -> list[str]:
    """The figures the triggers keep on each article must name its open version."""
    open_version = ArticleVersion.objects.filter(
        article=OuterRef("pk"), valid_to__isnull=True
    ).values("pk")[:1]
    stale = (
        Article.objects.annotate(open_version=Subquery(open_version))
        .exclude(current_version_id=F("open_version"))
        .exclude(current_version__isnull=True, open_version__isnull=True)
        .select_related("law")
    )
    problems = [f"{article}: its stored current version is out of date." for article in stale]
    return problems + stale_penalty_kinds()


def stale_penalty_kinds() -> list[str]:
    """The kinds of penalty and their units stored on versions and articles must match their
    penalties."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT v.id FROM provisions_articleversion v "
            "JOIN provisions_article a ON a.id = v.article_id "
            "WHERE COALESCE(v.penalty_kinds, -1) <> COALESCE(("
            f"SELECT SUM(DISTINCT {KIND_BIT}) FROM provisions_penalty p "
            "WHERE p.version_id = v.id), 0) "
            "OR (v.valid_to IS NULL AND COALESCE(a.current_penalty_kinds, -1) <> v.penalty_kinds) "
            "OR COALESCE(v.penalty_units, -1) <> COALESCE(("
            f"SELECT SUM(DISTINCT {UNIT_BIT}) FROM provisions_penalty p "
            "WHERE p.version_id = v.id), 0) "
            "OR (v.valid_to IS NULL AND COALESCE(a.current_penalty_units, -1) <> v.penalty_units)"
        )
        stale = [row[0] for row in cursor.fetchall()]
    versions = ArticleVersion.objects.filter(pk__in=stale).select_related("article__law")
    return [f"{version}: its stored kinds of penalty are out of date." for version in versions]
