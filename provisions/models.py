"""The legal data model: laws, their articles, the articles' versions and penalties, the
amendments that produce new versions, and the sources that support every fact.

Constraints live in the database (named, so errors say which rule broke). The one constraint
SQL cannot express portably, "no two versions of an article overlap", is added by migration
0002: an exclusion constraint on PostgreSQL, a trigger on SQLite.
"""

import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from simple_history.models import HistoricalRecords

from provisions.querysets import AmendmentQuerySet, ArticleQuerySet, ArticleVersionQuerySet

ARTICLE_NUMBER_RE = r"^\d+(\.\d+)*$"
article_number_validator = RegexValidator(
    ARTICLE_NUMBER_RE, "An article number is digits with optional dotted parts, e.g. 275.1."
)


def natural_sort_key(number: str) -> str:
    """'275.1' -> '000275.000001', so a plain string sort puts 275 < 275.1 < 276 < 1000."""
    return ".".join(part.zfill(6) for part in re.findall(r"\d+", number))


class NaturalKeyManager(models.Manager):
    """A manager whose get_by_natural_key delegates to the model's classmethod."""

    def get_by_natural_key(self, *key):
        return self.model.get_by_natural_key(*key)


class Certainty(models.TextChoices):
    """How well a fact is supported, as ../shared/facts.md marks it."""

    CONFIRMED = "confirmed", "Confirmed"
    INFERRED = "inferred", "Inferred"
    UNVERIFIED = "unverified", "Unverified"
    EXTRACTED = "extracted", "Extracted from the official text"


class Origin(models.TextChoices):
    """Where a record came from: curated by editors, imported from an official text, or made up
    by `generate_corpus` for benchmarks (never mixed with real data)."""

    CURATED = "curated", "Curated"
    OFFICIAL = "official", "Imported from the official text"
    SYNTHETIC = "synthetic", "Synthetic (benchmark data)"


class Topic(models.Model):
    slug = models.SlugField(unique=True)
    name_en = models.CharField("name (English)", max_length=100)
    name_ru = models.CharField("name (Russian)", max_length=100, blank=True)
    description = models.TextField(blank=True)

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]

    def __str__(self):
        return self.name_en

    def natural_key(self):
        return (self.slug,)

    @classmethod
    def get_by_natural_key(cls, slug):
        return cls.objects.get(slug=slug)


class Law(models.Model):
    class Kind(models.TextChoices):
        CODE = "code", "Code"
        FEDERAL_LAW = "federal_law", "Federal law"

    slug = models.SlugField(unique=True, help_text="Stable URL name, e.g. criminal-code.")
    short_name = models.CharField(max_length=100, help_text="e.g. Criminal Code, 121-FZ.")
    title_en = models.CharField("title (English)", max_length=500)
    title_ru = models.CharField("title (Russian)", max_length=500, blank=True)
    number = models.CharField(max_length=50, blank=True, help_text="e.g. 63-FZ.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    adopted_on = models.DateField(null=True, blank=True, help_text="Date signed.")
    in_force_on = models.DateField(null=True, blank=True)
    official_url = models.URLField(max_length=500, blank=True)
    certainty = models.CharField(
        max_length=12, choices=Certainty.choices, default=Certainty.CONFIRMED
    )
    note = models.TextField(blank=True, help_text="Conflicts between sources, caveats.")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.CURATED)

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "short_name"]
        constraints = [
            models.CheckConstraint(
                name="law_in_force_on_or_after_adopted",
                condition=Q(in_force_on__isnull=True)
                | Q(adopted_on__isnull=True)
                | Q(in_force_on__gte=F("adopted_on")),
            ),
        ]

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("provisions:law-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @classmethod
    def get_by_natural_key(cls, slug):
        return cls.objects.get(slug=slug)


DERIVED_ARTICLE_FIELDS = [
    "current_version",
    "current_max_prison_months",
    "current_life_imprisonment",
    "current_certainty",
    "last_amended",
    "current_penalty_kinds",
]


# Kept by triggers from each version's penalties (search_schema): not history, not exported.
DERIVED_VERSION_FIELDS = ["max_prison_months", "life_imprisonment", "penalty_kinds"]


# What the list filters, counts and orders by, besides the prison term (the indexes below).
LIST_COLUMNS = ["id", "law", "sort_key", "current_life_imprisonment", "current_penalty_kinds"]


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
    # The version in force (valid_to empty) and its figures, kept by database triggers
    # (migration 0009) so the list can filter and sort on indexed columns.
    current_version = models.ForeignKey(
        "ArticleVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # No column: the search row of the current version, joined on current_version_id, so a
    # search of today's text never reads the (large) versions table.
    current_search = models.ForeignObject(
        "VersionSearch",
        from_fields=["current_version"],
        to_fields=["version"],
        on_delete=models.DO_NOTHING,
        related_name="+",
        null=True,
    )
    current_max_prison_months = models.PositiveIntegerField(null=True, editable=False)
    # The current version's kinds of penalty as bits (search_schema.PENALTY_KIND_BITS).
    current_penalty_kinds = models.PositiveIntegerField(null=True, editable=False)
    current_life_imprisonment = models.BooleanField(default=False, editable=False)
    current_certainty = models.CharField(max_length=12, blank=True, editable=False)
    last_amended = models.DateField(null=True, editable=False)

    objects = NaturalKeyManager.from_queryset(ArticleQuerySet)()
    history = HistoricalRecords(excluded_fields=[*DERIVED_ARTICLE_FIELDS, "current_search"])

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
        ]

    def __str__(self):
        return f"{self.law.short_name}, art. {self.number}"

    def get_absolute_url(self):
        return reverse(
            "provisions:article-detail", kwargs={"law": self.law.slug, "number": self.number}
        )

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


class Amendment(models.Model):
    """An amending act and, through its changes, the article versions it produces."""

    slug = models.SlugField(unique=True, help_text="e.g. 260-fz-2022.")
    number = models.CharField(max_length=50, help_text="e.g. 260-FZ.")
    title_en = models.CharField("title (English)", max_length=500)
    title_ru = models.CharField("title (Russian)", max_length=500, blank=True)
    signed_on = models.DateField()
    in_force_on = models.DateField(
        help_text="New versions start on this day; the old ones end the day before."
    )
    in_force_certainty = models.CharField(
        max_length=12, choices=Certainty.choices, default=Certainty.CONFIRMED
    )
    certainty = models.CharField(
        max_length=12,
        choices=Certainty.choices,
        default=Certainty.CONFIRMED,
        help_text="How well the number and signing date are supported.",
    )
    act = models.ForeignKey(
        Law,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="amendments_as_act",
        help_text="The law record of this act, where it is also a law in its own right.",
    )
    summary = models.TextField(blank=True)
    note = models.TextField(blank=True, help_text="Conflicts between sources, caveats.")
    applied_at = models.DateTimeField(null=True, blank=True, editable=False)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = NaturalKeyManager.from_queryset(AmendmentQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-in_force_on", "number"]
        constraints = [
            models.CheckConstraint(
                name="amendment_in_force_on_or_after_signed",
                condition=Q(in_force_on__gte=F("signed_on")),
                violation_error_message="An amendment cannot come into force before it is signed.",
            ),
        ]
        indexes = [models.Index(fields=["in_force_on"], name="amendment_in_force_idx")]

    def __str__(self):
        return f"{self.number} of {self.signed_on:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("provisions:amendment-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @classmethod
    def get_by_natural_key(cls, slug):
        return cls.objects.get(slug=slug)

    @property
    def is_applied(self) -> bool:
        return self.applied_at is not None


class ArticleVersion(models.Model):
    """One edition ("редакция") of an article, in force from valid_from to valid_to inclusive."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True, help_text="Empty while in force.")
    text_ru = models.TextField("text (Russian)", blank=True)
    text_en = models.TextField("text (English)", blank=True)
    introduced_by = models.ForeignKey(
        Amendment,
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
    # Comparable figures of the main penalties, kept by database triggers (migration 0009).
    max_prison_months = models.PositiveIntegerField(null=True, editable=False)
    life_imprisonment = models.BooleanField(default=False, editable=False)
    # Which kinds of penalty it has, as bits (search_schema.PENALTY_KIND_BITS).
    penalty_kinds = models.PositiveIntegerField(null=True, editable=False)

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
        if self.article_id and self.valid_from and self.overlapping_versions().exists():
            raise ValidationError(
                "This period overlaps another version of the same article.",
                code="articleversion_no_overlap",
            )


TERMLESS_KINDS = ("life_imprisonment", "death_penalty")


def penalty_shape_constraints(prefix: str) -> list[models.CheckConstraint]:
    """The rules every penalty row obeys, shared by Penalty and ChangedPenalty."""
    return [
        models.CheckConstraint(
            name=f"{prefix}_min_lte_max",
            condition=Q(min__isnull=True) | Q(max__isnull=True) | Q(min__lte=F("max")),
            violation_error_message="The minimum cannot exceed the maximum.",
        ),
        models.CheckConstraint(
            name=f"{prefix}_life_and_death_have_no_term",
            condition=~Q(kind__in=TERMLESS_KINDS) | Q(min__isnull=True, max__isnull=True, unit=""),
            violation_error_message="Life imprisonment and death have no term or unit.",
        ),
        models.CheckConstraint(
            name=f"{prefix}_term_has_unit_and_bound",
            condition=Q(kind__in=TERMLESS_KINDS)
            | (~Q(unit="") & (Q(min__isnull=False) | Q(max__isnull=False))),
            violation_error_message="A penalty with a term needs a unit and a maximum or minimum.",
        ),
    ]


class Penalty(models.Model):
    class Kind(models.TextChoices):
        IMPRISONMENT = "imprisonment", "Imprisonment"
        LIFE_IMPRISONMENT = "life_imprisonment", "Life imprisonment"
        DEATH_PENALTY = "death_penalty", "Death penalty"
        FINE = "fine", "Fine"
        FORCED_LABOUR = "forced_labour", "Forced labour"
        RESTRICTION_OF_FREEDOM = "restriction_of_freedom", "Restriction of freedom"
        COMPULSORY_WORK = "compulsory_work", "Compulsory work"
        CORRECTIONAL_LABOUR = "correctional_labour", "Correctional labour"
        ARREST = "arrest", "Arrest"
        DEPRIVATION_OF_RIGHT = "deprivation_of_right", "Deprivation of the right to hold posts"

    class Unit(models.TextChoices):
        YEARS = "years", "years"
        MONTHS = "months", "months"
        HOURS = "hours", "hours"
        RUB = "rub", "RUB"
        NONE = "", "—"

    class Role(models.TextChoices):
        MAIN = "main", "Main"
        ADDITIONAL = "additional", "Additional"

    class Subject(models.TextChoices):
        ANYONE = "", "Anyone"
        CITIZEN = "citizen", "Citizens"
        OFFICIAL = "official", "Officials"
        LEGAL_ENTITY = "legal_entity", "Legal entities"

    version = models.ForeignKey(ArticleVersion, on_delete=models.CASCADE, related_name="penalties")
    part = models.CharField(max_length=10, help_text='Part of the article: "1", "2", "3.1".')
    subject = models.CharField(
        max_length=20,
        choices=Subject.choices,
        blank=True,
        default=Subject.ANYONE,
        help_text="Administrative fines differ for citizens, officials and legal entities.",
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.MAIN)
    optional = models.BooleanField(
        default=False, help_text='An additional penalty the court may add ("or without").'
    )
    min = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Empty where the law states only a maximum."
    )
    max = models.PositiveBigIntegerField(null=True, blank=True)
    unit = models.CharField(
        max_length=10,
        choices=Unit.choices,
        blank=True,
        help_text="For a fine in years or months, the convict's income for that period.",
    )
    certainty = models.CharField(
        max_length=12, choices=Certainty.choices, default=Certainty.CONFIRMED
    )
    note = models.CharField(max_length=500, blank=True)

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "part", "role", "id"]
        verbose_name_plural = "penalties"
        constraints = [
            *penalty_shape_constraints("penalty"),
            models.UniqueConstraint(
                fields=["version", "part", "subject", "role", "kind", "unit"],
                name="penalty_unique_per_version_part",
            ),
        ]
        indexes = [models.Index(fields=["kind", "max"], name="penalty_kind_max_idx")]

    def __str__(self):
        return f"part {self.part}: {self.summary()}"

    def natural_key(self):
        return (
            *self.version.natural_key(),
            self.part,
            self.subject,
            self.role,
            self.kind,
            self.unit,
        )

    natural_key.dependencies = ["provisions.articleversion"]

    @classmethod
    def get_by_natural_key(cls, law_slug, number, valid_from, part, subject, role, kind, unit):
        return cls.objects.get(
            version__article__law__slug=law_slug,
            version__article__number=number,
            version__valid_from=valid_from,
            part=part,
            subject=subject,
            role=role,
            kind=kind,
            unit=unit,
        )

    @property
    def is_income_fine(self) -> bool:
        return self.kind == self.Kind.FINE and self.unit in (self.Unit.YEARS, self.Unit.MONTHS)

    @property
    def max_in_months(self) -> int | None:
        """The maximum term in months, for comparing prison terms across articles."""
        if self.max is None or self.is_income_fine:
            return None
        return {self.Unit.YEARS: self.max * 12, self.Unit.MONTHS: self.max}.get(self.unit)

    def summary(self) -> str:
        from provisions.penalty_text import describe_penalty

        return describe_penalty(self)


class Source(models.Model):
    class Kind(models.TextChoices):
        OFFICIAL_TEXT = "official_text", "Official text"
        NEWS = "news", "News report"
        NGO_REPORT = "ngo_report", "NGO or rights group"
        GOVERNMENT = "government", "Government release"
        STATISTICS = "statistics", "Statistics"
        COMMENTARY = "commentary", "Legal commentary"
        REFERENCE = "reference", "Reference work"

    slug = models.SlugField(unique=True, max_length=100)
    title = models.CharField(max_length=500)
    publisher = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    url = models.URLField(max_length=1000, blank=True)
    published_on = models.DateField(null=True, blank=True)
    date_note = models.CharField(
        max_length=200, blank=True, help_text='Where the exact date is unknown: "about 2013".'
    )
    language = models.CharField(max_length=10, default="ru", help_text="ISO 639-1 code.")
    archived_text = models.TextField(blank=True, help_text="Our own copy of the document.")
    reliability_note = models.TextField(blank=True)

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["publisher", "title"]

    def __str__(self):
        return f"{self.publisher}: {self.title}"

    def get_absolute_url(self):
        return reverse("provisions:source-detail", kwargs={"pk": self.pk})

    def natural_key(self):
        return (self.slug,)

    @classmethod
    def get_by_natural_key(cls, slug):
        return cls.objects.get(slug=slug)


class ConvictionStat(models.Model):
    """A conviction count as one source reports it; disagreeing counts are kept side by side."""

    class Period(models.TextChoices):
        YEAR = "year", "Whole year"
        H1 = "h1", "First half"
        H2 = "h2", "Second half"

    class Measure(models.TextChoices):
        CONVICTED = "convicted", "People convicted"
        CASES_RECEIVED = "cases_received", "Cases received by courts"

    class Qualifier(models.TextChoices):
        EXACT = "exact", "Exactly"
        AT_LEAST = "at_least", "At least"

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="statistics",
        help_text="Empty for a count over a group of articles.",
    )
    scope_label = models.CharField(
        max_length=300,
        blank=True,
        help_text="For a group count: which articles it covers, as the source says.",
    )
    group_articles = models.ManyToManyField(
        Article, blank=True, related_name="group_statistics", help_text="Members of the group."
    )
    year = models.PositiveSmallIntegerField()
    period = models.CharField(max_length=10, choices=Period.choices, default=Period.YEAR)
    measure = models.CharField(max_length=20, choices=Measure.choices, default=Measure.CONVICTED)
    count = models.PositiveIntegerField()
    qualifier = models.CharField(max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT)
    counted_by = models.CharField(
        max_length=200, help_text="Who produced the count, e.g. Judicial Department via IStories."
    )
    certainty = models.CharField(
        max_length=12, choices=Certainty.choices, default=Certainty.CONFIRMED
    )
    note = models.TextField(blank=True, help_text="Caveats, e.g. likely undercount.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "period", "article"]
        verbose_name = "conviction statistic"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "year", "period", "measure", "counted_by"],
                name="convictionstat_unique_per_article_year_period",
                violation_error_message="This count is already recorded.",
            ),
            models.CheckConstraint(
                name="convictionstat_has_scope",
                condition=Q(article__isnull=False) | ~Q(scope_label=""),
                violation_error_message="Name the article or describe the group counted.",
            ),
        ]

    def __str__(self):
        scope = f"art. {self.article.number}" if self.article_id else self.scope_label
        return f"{scope}, {self.year} ({self.get_period_display()}): {self.count}"


CITATION_TARGETS = ("law", "article", "version", "penalty", "amendment", "statistic")


def exactly_one_of(names) -> Q:
    """True when exactly one of the nullable foreign keys `names` is set."""
    return Q(
        *[Q(**{f"{name}__isnull": name != chosen for name in names}) for chosen in names],
        _connector=Q.OR,
    )


class Citation(models.Model):
    """A source's quote supporting exactly one fact."""

    TARGET_FIELDS = CITATION_TARGETS

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    quote = models.TextField(help_text="The passage that supports the fact, verbatim.")
    note = models.CharField(max_length=500, blank=True)
    law = models.ForeignKey(
        Law, on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    version = models.ForeignKey(
        ArticleVersion, on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    penalty = models.ForeignKey(
        Penalty, on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    amendment = models.ForeignKey(
        Amendment, on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    statistic = models.ForeignKey(
        ConvictionStat, on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                name="citation_exactly_one_target",
                condition=exactly_one_of(CITATION_TARGETS),
                violation_error_message="A citation supports exactly one fact.",
            ),
            models.CheckConstraint(
                name="citation_quote_not_empty",
                condition=~Q(quote=""),
            ),
        ]

    def __str__(self):
        return f"{self.source}: “{self.quote[:60]}”"

    @property
    def target(self):
        for name in self.TARGET_FIELDS:
            if getattr(self, f"{name}_id"):
                return getattr(self, name)
        return None


class ArticleChange(models.Model):
    """What one amendment does to one article; applying the amendment turns it into a version."""

    class Action(models.TextChoices):
        ADDED = "added", "Added (new article)"
        AMENDED = "amended", "Amended"
        REPEALED = "repealed", "Repealed"

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="changes")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="changes")
    action = models.CharField(max_length=10, choices=Action.choices)
    parts = models.CharField(
        max_length=100, blank=True, help_text='Parts touched, e.g. "1, 2"; empty for all.'
    )
    description = models.TextField(blank=True, help_text="What changed, in plain words.")
    new_text_ru = models.TextField(
        "new text (Russian)", blank=True, help_text="Empty keeps the previous wording."
    )
    new_text_en = models.TextField("new text (English)", blank=True)
    certainty = models.CharField(
        max_length=12, choices=Certainty.choices, default=Certainty.CONFIRMED
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["amendment", "article__sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["amendment", "article"],
                name="articlechange_one_per_article",
                violation_error_message="This amendment already has a change for this article.",
            ),
        ]

    def __str__(self):
        return f"{self.amendment.number}: {self.get_action_display()} art. {self.article.number}"


class ChangedPenalty(models.Model):
    """A penalty as it reads after the amendment, for one part the change rewrites.

    On applying, the parts listed here replace those parts' penalties; other parts carry over.
    """

    change = models.ForeignKey(ArticleChange, on_delete=models.CASCADE, related_name="penalties")
    part = models.CharField(max_length=10)
    subject = models.CharField(
        max_length=20, choices=Penalty.Subject.choices, blank=True, default=""
    )
    kind = models.CharField(max_length=30, choices=Penalty.Kind.choices)
    role = models.CharField(max_length=12, choices=Penalty.Role.choices, default=Penalty.Role.MAIN)
    optional = models.BooleanField(default=False)
    min = models.PositiveBigIntegerField(null=True, blank=True)
    max = models.PositiveBigIntegerField(null=True, blank=True)
    unit = models.CharField(max_length=10, choices=Penalty.Unit.choices, blank=True)
    note = models.CharField(max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["change", "part", "role", "id"]
        verbose_name_plural = "penalties after the change"
        constraints = [
            *penalty_shape_constraints("changedpenalty"),
            models.UniqueConstraint(
                fields=["change", "part", "subject", "role", "kind", "unit"],
                name="changedpenalty_unique_per_part",
            ),
        ]

    def __str__(self):
        return f"part {self.part}: {self.get_kind_display()}"

    def as_penalty_fields(self) -> dict:
        names = ("part", "subject", "kind", "role", "optional", "min", "max", "unit", "note")
        return {name: getattr(self, name) for name in names}


class OfficialText(models.Model):
    """The official text of a curated article as an import read it, kept beside the curated
    history rather than over it, with what the importer's reading of its penalties found."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="official_text")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="official_texts")
    text_ru = models.TextField("text (Russian)")
    current_to = models.CharField(
        max_length=200, blank=True, help_text="The last amendment the export includes."
    )
    extracted_penalties = models.JSONField(
        default=list, blank=True, help_text="Penalties read out of the sanction prose."
    )
    differences = models.JSONField(
        default=list, blank=True, help_text="Where that reading differs from the curated penalties."
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "official text"

    def __str__(self):
        return f"official text of {self.article}"


class EditorialNote(models.Model):
    """An official text's note that an amending law touched an article ("(В редакции …)").

    Unlike an ArticleChange, it derives no version: it records what the official text says.
    """

    class Kind(models.TextChoices):
        ADDED = "added", "Added"
        AMENDED = "amended", "Amended"
        RESTATED = "restated", "Restated"
        REPEALED = "repealed", "Repealed"

    amendment = models.ForeignKey(
        Amendment, on_delete=models.CASCADE, related_name="editorial_notes"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="editorial_notes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    parts = models.CharField(max_length=200, blank=True, help_text="Parts the note sits on.")
    note = models.TextField(help_text="The note as the official text words it.")

    class Meta:
        ordering = ["article", "amendment__signed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["amendment", "article"], name="editorialnote_one_per_article"
            ),
        ]

    def __str__(self):
        return f"{self.amendment.number} on art. {self.article.number}"


class SearchDocumentField(models.TextField):
    """The indexed document of a search table (migration 0004 creates the tables).

    On PostgreSQL a weighted tsvector; on SQLite the hidden column of an FTS5 table, which
    shares the table's name. Only provisions/search.py queries it, through the `match` lookup.
    """


@SearchDocumentField.register_lookup
class SearchMatch(models.Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        operator = "@@" if connection.vendor == "postgresql" else "MATCH"
        return f"{lhs} {operator} {rhs}", [*lhs_params, *rhs_params]


class VersionSearch(models.Model):
    """The search index row of one article version, kept in step by database triggers."""

    version = models.OneToOneField(
        ArticleVersion,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="search",
    )
    document = SearchDocumentField(db_column="provisions_version_search")
    # PostgreSQL only: titles and penalty names, to rank very common words cheaply.
    ranking = SearchDocumentField(null=True)

    class Meta:
        managed = False
        db_table = "provisions_version_search"

    def __str__(self):
        return f"search index of version {self.version_id}"


class SourceSearch(models.Model):
    """The search index row of one source's title and archived text."""

    source = models.OneToOneField(
        Source,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="search",
    )
    document = SearchDocumentField(db_column="provisions_source_search")

    class Meta:
        managed = False
        db_table = "provisions_source_search"

    def __str__(self):
        return f"search index of source {self.source_id}"
