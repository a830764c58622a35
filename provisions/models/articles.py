"""Articles and their versions (editions, редакции), with the QuerySets that fetch them."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.signals import pre_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from provisions.links import address
from provisions.models.common import (
    Certainty,
    NaturalKeyManager,
    Origin,
    article_number_validator,
    natural_sort_key,
)
from provisions.models.laws import Law, Topic
from provisions.models.penalties import (
    PENALTY_ORDER,
    Penalty,
    penalties_by_version,
    unparsed_by_version,
)
from provisions.models.sources import Citation, ConvictionStat
from provisions.penalties import PENALTY_KIND_BITS, Kind


def in_force_q(day: date, prefix: str = "") -> Q:
    """Versions in force on `day`: started on or before it and not ended before it."""
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def figures_on(day: date) -> dict:
    """The list figures computed from the versions in force on `day` (no stored columns)."""

    in_force = ArticleVersion.objects.filter(in_force_q(day), article=OuterRef("pk"))
    main_penalties = Penalty.objects.filter(
        in_force_q(day, "version__"), version__article=OuterRef("pk"), role="main"
    )
    max_prison = (
        main_penalties.filter(kind=Kind.IMPRISONMENT)
        .values("version__article")
        .annotate(months=Max("main_prison_months"))
        .values("months")
    )
    last_amended = (
        ArticleVersion.objects.filter(
            article=OuterRef("pk"), introduced_by__isnull=False, valid_from__lte=day
        )
        .order_by("-valid_from")
        .values("introduced_by__in_force_on")[:1]
    )
    return {
        "list_max_prison_months": Subquery(max_prison),
        "list_life_imprisonment": Exists(main_penalties.filter(kind=Kind.LIFE_IMPRISONMENT)),
        "list_last_amended": Subquery(last_amended),
        "list_certainty": Subquery(in_force.values("certainty")[:1]),
    }


class ArticleVersionQuerySet(models.QuerySet):
    def in_force_on(self, day: date):
        return self.filter(in_force_q(day))

    def current(self):
        return self.filter(valid_to__isnull=True)

    def with_penalties(self):

        return self.select_related("introduced_by", "source").prefetch_related(
            Prefetch(
                "penalties",
                queryset=Penalty.objects.order_by(*PENALTY_ORDER).prefetch_related(
                    Prefetch("citations", queryset=Citation.objects.select_related("source"))
                ),
            ),
            Prefetch("citations", queryset=Citation.objects.select_related("source")),
            unparsed_by_version(),
        )


class ArticleQuerySet(models.QuerySet):
    def figures_hold_on(self, day: date) -> bool:
        """Whether the list figures stored on articles (current_max_prison_months and the
        others the triggers keep from each article's open version) describe `day`: `day` is
        today and no version starts later or ends today or later (an amendment applied ahead
        of time). One query, none for another day.

        A property of the whole table, whatever `self` is filtered to: the triggers keep every
        article's figures alike, and one answer serves a whole request.
        """
        if day != date.today():
            return False
        ahead = ArticleVersion.objects.filter(Q(valid_from__gt=day) | Q(valid_to__gte=day))
        return not ahead.exists()

    def in_force_on(self, day: date, law=None):
        """Articles in force on `day`, whether or not their wording of that day is held: from
        their stored coming into force (provisions.timeline) to their repeal; where the start
        is not known, those with a wording of that day held.

        `law` (a law or its id): the articles are all of that law. The wordings looked for are
        then that law's alone, which PostgreSQL reads through its articles instead of hashing
        every version held (33 ms of the КоАП page's totals on the imported codes)."""
        held = ArticleVersion.objects.filter(in_force_q(day), article=OuterRef("pk"))
        if law is not None:
            held = held.filter(article__law=law)
        known = Q(in_force_from__lte=day) & (Q(repealed_on__isnull=True) | Q(repealed_on__gt=day))
        return self.filter(known | (Q(in_force_from__isnull=True) & Exists(held)))

    def with_list_columns(self, day: date, *, figures_hold: bool | None = None, texts: bool = True):
        """Annotate the figures a list row shows as of `day`: list_max_prison_months,
        list_life_imprisonment, list_last_amended, list_certainty; and prefetch the version in
        force then, with its penalties, as `versions_in_force` (`texts=False`: without its
        wordings, kilobytes a row that only a search snippet reads).

        Today (the usual case) reads the figures the triggers keep on each article, which the
        list can filter and sort by index; another day computes them from the versions.
        """

        if figures_hold is None:
            figures_hold = self.figures_hold_on(day)
        if figures_hold:
            in_force = ArticleVersion.objects.filter(valid_to__isnull=True)
            annotated = self.annotate(
                list_max_prison_months=F("current_max_prison_months"),
                list_life_imprisonment=F("current_life_imprisonment"),
                list_last_amended=F("last_amended"),
                list_certainty=F("current_certainty"),
            )
        else:
            in_force = ArticleVersion.objects.filter(in_force_q(day))
            annotated = self.annotate(**figures_on(day))
        if not texts:
            in_force = in_force.defer("text_ru", "text_en")
        return annotated.select_related("law").prefetch_related(
            Prefetch(
                "versions",
                queryset=in_force.prefetch_related(penalties_by_version()),
                to_attr="versions_in_force",
            )
        )

    def with_penalty_kind_in_force(self, kind: str, day: date, *, figures_hold: bool = False):

        if figures_hold:
            bit = F("current_penalty_kinds").bitand(PENALTY_KIND_BITS[kind])
            return self.alias(has_kind=bit).filter(has_kind__gt=0)
        return self.filter(
            Exists(
                Penalty.objects.filter(
                    in_force_q(day, "version__"), version__article=OuterRef("pk"), kind=kind
                )
            )
        )

    def amended_in(self, year: int):

        return self.filter(
            Exists(
                ArticleVersion.objects.filter(
                    article=OuterRef("pk"), introduced_by__in_force_on__year=year
                )
            )
        )

    def for_detail(self):
        """Everything the article page, its JSON and the API show, in a fixed number of
        queries: law, official text, topics, every held version with penalties and
        citations, the article's citations and statistics, and what its timeline is built
        from (provisions.timeline.timeline_of): its curated changes (`timeline_changes`) and
        the official text's editorial notes (`timeline_notes`), each with its amendment."""

        versions = ArticleVersion.objects.with_penalties().order_by("valid_from")
        stats = ConvictionStat.objects.prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source"))
        ).order_by("year", "period")
        # Through the reverse relations: amendments.py defines these models and imports us.
        changed = self.model.changes.rel.related_model.objects.select_related("amendment")
        notes = self.model.editorial_notes.rel.related_model.objects.select_related("amendment")
        return self.select_related("law", "official_text__source").prefetch_related(
            "topics",
            Prefetch("versions", queryset=versions),
            Prefetch("citations", queryset=Citation.objects.select_related("source")),
            Prefetch("statistics", queryset=stats),
            Prefetch("group_statistics", queryset=stats),
            Prefetch("changes", queryset=changed, to_attr="timeline_changes"),
            Prefetch(
                "editorial_notes",
                queryset=notes.order_by("amendment__signed_on"),
                to_attr="timeline_notes",
            ),
        )


DERIVED_ARTICLE_FIELDS = [
    "current_version",
    "current_max_prison_months",
    "current_life_imprisonment",
    "current_certainty",
    "last_amended",
    "current_penalty_kinds",
    "current_penalty_units",
    "in_force_from",
    "in_force_from_certainty",
    "topic_bits",
]


# Kept by triggers from each version's penalties (provisions migration 0004): not history,
# not exported.
DERIVED_VERSION_FIELDS = [
    "max_prison_months",
    "life_imprisonment",
    "penalty_kinds",
    "penalty_units",
]


# What the list filters, counts and orders by, besides the prison term (the indexes below).
LIST_COLUMNS = [
    "id",
    "law",
    "sort_key",
    "current_life_imprisonment",
    "current_penalty_kinds",
    "current_penalty_units",
    "topic_bits",
]


class Article(models.Model):
    law = models.ForeignKey(Law, on_delete=models.PROTECT, related_name="articles")
    number = models.CharField(max_length=20, validators=[article_number_validator])
    sort_key = models.CharField(max_length=60, editable=False, db_index=True)
    section = models.CharField(max_length=1000, blank=True, help_text="Section heading.")
    chapter = models.CharField(max_length=1000, blank=True, help_text="Chapter heading.")
    title_en = models.CharField(
        "title (English)", max_length=1000, blank=True, help_text="Empty until translated."
    )
    title_ru = models.CharField("title (Russian)", max_length=1000, blank=True)
    topics = models.ManyToManyField(Topic, related_name="articles", blank=True)
    repealed_on = models.DateField(
        null=True, blank=True, help_text="Set when an amendment repeals the article."
    )
    origin = models.CharField(
        max_length=10,
        choices=Origin.choices,
        default=Origin.CURATED,
        help_text="Imports never overwrite curated articles.",
    )
    # When the article first came into force, whatever wordings are held: with its code, or
    # with the law that added it (provisions.timeline, which writes both fields).
    in_force_from = models.DateField(null=True, blank=True, editable=False)
    in_force_from_certainty = models.CharField(
        max_length=12, choices=Certainty.choices, default=Certainty.UNKNOWN, editable=False
    )
    # The version in force (valid_to empty) and its figures, kept by database triggers
    # (provisions migration 0004) so the list can filter and sort on indexed columns. One to
    # one: a version is current for its own article only, which lets the search index join
    # on this column (search.VersionSearch.current_article, Article.current_search).
    current_version = models.OneToOneField(
        "ArticleVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    current_max_prison_months = models.PositiveIntegerField(null=True, editable=False)
    # The current version's kinds of penalty as bits (provisions.penalties.PENALTY_KIND_BITS).
    current_penalty_kinds = models.PositiveIntegerField(null=True, editable=False)
    # The units its penalties are counted in, as bits (provisions.penalties.PENALTY_UNIT_BITS).
    current_penalty_units = models.PositiveIntegerField(null=True, editable=False)
    current_life_imprisonment = models.BooleanField(default=False, editable=False)
    # The article's topics as bits (Topic.bit), kept by triggers on the article–topic table
    # (provisions migration 0011), so the list's topic filter and facet read the list index;
    # NULL until the article is given a topic.
    topic_bits = models.BigIntegerField(null=True, editable=False)
    current_certainty = models.CharField(max_length=12, blank=True, editable=False)
    last_amended = models.DateField(null=True, editable=False)

    objects = NaturalKeyManager.from_queryset(ArticleQuerySet)()
    history = HistoricalRecords(excluded_fields=DERIVED_ARTICLE_FIELDS)

    class Meta:
        ordering = ["law__slug", "sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["law", "number"], name="article_unique_number_per_law"),
        ]
        indexes = [
            models.Index(fields=["law", "sort_key"], name="article_law_sort_idx"),
            models.Index(fields=["origin"], name="article_origin_idx"),
            # Covering (PostgreSQL): the list's filters, facets and page order read these
            # narrow indexes alone instead of the wide article rows; the second one from a
            # search of today's text, which joins on the current version.
            models.Index(
                fields=["current_max_prison_months"],
                include=LIST_COLUMNS,
                name="article_list_columns_idx",
            ),
            models.Index(
                fields=["current_version"],
                include=["current_max_prison_months", *LIST_COLUMNS],
                name="article_current_list_idx",
            ),
            models.Index(fields=["last_amended"], name="article_last_amended_idx"),
            # And on PostgreSQL article_heaviest_idx, for the "heaviest first" order
            # (provisions migration 0014: SQLite cannot index NULLS LAST).
            models.Index(fields=["in_force_from", "repealed_on"], name="article_in_force_idx"),
        ]

    def __str__(self):
        return f"{self.law.short_name}, art. {self.number}"

    def get_absolute_url(self):
        return address("provisions:article-detail", law=self.law.slug, number=self.number)

    def natural_key(self):
        return (*self.law.natural_key(), self.number)

    natural_key.dependencies = ["provisions.law"]

    @property
    def title(self) -> str:
        """The English title, or the Russian one where no translation is held."""
        return self.title_en or self.title_ru

    @classmethod
    def get_by_natural_key(cls, law_slug, number):
        return cls.objects.get(law__slug=law_slug, number=number)


@receiver(pre_save, sender=Article)
def keep_article_sort_key(sender, instance, **kwargs):
    # A receiver rather than save(): loaddata saves raw and skips Model.save().
    instance.sort_key = natural_sort_key(instance.number)


class ArticleVersion(models.Model):
    """One edition ("редакция") of an article, in force from valid_from to valid_to inclusive."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    valid_from = models.DateField()
    valid_to = models.DateField(
        null=True,
        blank=True,
        help_text="Empty while no later change is known here: the texts held are current only "
        "to their day (the source's current_to), so empty is not a finding that this wording "
        "is in force today.",
    )
    text_ru = models.TextField("text (Russian)", blank=True)
    text_en = models.TextField("text (English)", blank=True)
    introduced_by = models.ForeignKey(
        "provisions.Amendment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="introduced_versions",
        help_text="Empty for the law's original wording.",
    )
    certainty = models.CharField(
        max_length=12, choices=Certainty.choices, default=Certainty.CONFIRMED
    )
    note = models.TextField(blank=True)
    # Where the wording is held from (an official export, a consolidated text of an edition, a
    # conversion): shown beside it. Empty for curated versions, whose citations say it.
    source = models.ForeignKey(
        "provisions.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="held_versions",
        help_text="The text this wording is held from.",
    )
    # Comparable figures of the main penalties, kept by database triggers (provisions
    # migration 0004).
    max_prison_months = models.PositiveIntegerField(null=True, editable=False)
    life_imprisonment = models.BooleanField(default=False, editable=False)
    # Which kinds of penalty it has, as bits (provisions.penalties.PENALTY_KIND_BITS).
    penalty_kinds = models.PositiveIntegerField(null=True, editable=False)
    # The units its penalties are counted in, as bits (provisions.penalties.PENALTY_UNIT_BITS).
    penalty_units = models.PositiveIntegerField(null=True, editable=False)

    objects = NaturalKeyManager.from_queryset(ArticleVersionQuerySet)()
    history = HistoricalRecords(excluded_fields=DERIVED_VERSION_FIELDS)

    class Meta:
        ordering = ["article", "valid_from"]
        get_latest_by = "valid_from"
        constraints = [
            models.CheckConstraint(
                name="articleversion_valid_to_on_or_after_from",
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                violation_error_message="A version cannot end before it starts.",
            ),
            models.UniqueConstraint(
                fields=["article"],
                condition=Q(valid_to__isnull=True),
                name="articleversion_one_open_per_article",
                violation_error_message="An article can have only one version in force.",
            ),
            models.UniqueConstraint(
                fields=["article", "valid_from"], name="articleversion_unique_start"
            ),
        ]
        indexes = [
            models.Index(fields=["valid_from", "valid_to"], name="articleversion_period_idx"),
            models.Index(fields=["valid_to"], name="articleversion_valid_to_idx"),
        ]

    def __str__(self):
        end = f"{self.valid_to:%d.%m.%Y}" if self.valid_to else "in force"
        return f"{self.article} ({self.valid_from:%d.%m.%Y} – {end})"

    def natural_key(self):
        return (*self.article.natural_key(), self.valid_from.isoformat())

    natural_key.dependencies = ["provisions.article", "provisions.amendment"]

    @classmethod
    def get_by_natural_key(cls, law_slug, number, valid_from):
        return cls.objects.get(
            article__law__slug=law_slug, article__number=number, valid_from=valid_from
        )

    def is_in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def overlapping_versions(self):
        """Other versions of the same article whose period meets this one's."""
        others = ArticleVersion.objects.filter(article_id=self.article_id).exclude(pk=self.pk)
        if self.valid_to is not None:
            others = others.filter(valid_from__lte=self.valid_to)
        return others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))

    def clean(self):
        super().clean()
        inverted = self.valid_to is not None and self.valid_from and self.valid_to < self.valid_from
        # An inverted period is the check constraint's error alone, not an overlap as well.
        checked = self.article_id and self.valid_from and not inverted
        if checked and self.overlapping_versions().exists():
            raise ValidationError(
                "This period overlaps another version of the same article.",
                code="articleversion_no_overlap",
            )
