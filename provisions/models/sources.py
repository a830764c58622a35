"""Sources, the citations that tie their quotes to facts, conviction counts and official texts."""

from django.db import models
from django.db.models import Count, Q
from simple_history.models import HistoricalRecords

from provisions.links import address
from provisions.models.common import Certainty, NaturalKeyManager

# A source's page and /api/sources/{id} show this many of its citations: the official text
# supports thousands of facts.
MAX_SOURCE_CITATIONS = 200


class SourceQuerySet(models.QuerySet):
    def for_detail(self):
        """Each source with `citation_count`, the number of all its citations; the page and
        the API show the first of them, `source.citations.first_shown()`."""
        return self.annotate(citation_count=Count("citations"))


class Source(models.Model):
    class Kind(models.TextChoices):
        OFFICIAL_TEXT = "official_text", "Official text"
        # The law's official wording as a legal database consolidates it (ConsultantPlus):
        # the wording is the law's, the notes and headers the publisher's.
        CONSOLIDATED_TEXT = "consolidated_text", "Consolidated database text"
        # The official wording converted by a third party (e.g. to Markdown).
        CONVERSION = "conversion", "Third-party conversion of the official text"
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
    # A text of a law is current to a day: changes after it are not in it. The site says so
    # wherever it would otherwise read a wording's open end as "today" (provisions.timeline).
    current_to = models.DateField(
        null=True,
        blank=True,
        help_text="For a text of a law: the day it is current to (its edition date, or the "
        "signing date of the newest amending law it includes). Empty where not known.",
    )
    language = models.CharField(max_length=10, default="ru", help_text="ISO 639-1 code.")
    archived_text = models.TextField(blank=True, help_text="Our own copy of the document.")
    reliability_note = models.TextField(blank=True)

    objects = NaturalKeyManager.from_queryset(SourceQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["publisher", "title"]

    def __str__(self):
        return f"{self.publisher}: {self.title}"

    def get_absolute_url(self):
        return address("provisions:source-detail", pk=self.pk)

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
        "provisions.Article",
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
        "provisions.Article",
        blank=True,
        related_name="group_statistics",
        help_text="Members of the group.",
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


# Each target down to its article's law: what a source's page says each citation supports.
CITED_FACTS = (
    "law",
    "article__law",
    "version__article__law",
    "penalty__version__article__law",
    "amendment",
    "statistic__article__law",
)


class CitationQuerySet(models.QuerySet):
    def first_shown(self):
        """The first MAX_SOURCE_CITATIONS citations by id, each with the fact it supports
        (and that fact's article and law) selected: one query, whatever the number."""
        return self.order_by("id").select_related(*CITED_FACTS)[:MAX_SOURCE_CITATIONS]


# Citation.note of another text's reading of a held wording, where two texts disagree on the
# wording of one period (pravo.editions writes them; the article page and JSON show them).
ANOTHER_READING = "another reading of this wording"


class Citation(models.Model):
    """A source's quote supporting exactly one fact."""

    TARGET_FIELDS = CITATION_TARGETS

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    quote = models.TextField(help_text="The passage that supports the fact, verbatim.")
    note = models.CharField(max_length=500, blank=True)
    law = models.ForeignKey(
        "provisions.Law", on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    article = models.ForeignKey(
        "provisions.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
    )
    version = models.ForeignKey(
        "provisions.ArticleVersion",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
    )
    penalty = models.ForeignKey(
        "provisions.Penalty",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
    )
    amendment = models.ForeignKey(
        "provisions.Amendment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
    )
    statistic = models.ForeignKey(
        ConvictionStat, on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )

    objects = CitationQuerySet.as_manager()
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


class OfficialText(models.Model):
    """The official text of a curated article as an import read it, kept beside the curated
    history rather than over it, with what the importer's reading of its penalties found."""

    article = models.OneToOneField(
        "provisions.Article", on_delete=models.CASCADE, related_name="official_text"
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="official_texts")
    text_ru = models.TextField("text (Russian)")
    current_to = models.CharField(
        max_length=200, blank=True, help_text="The last amendment the export includes."
    )
    edition_date = models.DateField(
        null=True,
        blank=True,
        help_text="The day the text is current to, where known: an older edition's text never "
        "replaces a newer one's here.",
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
