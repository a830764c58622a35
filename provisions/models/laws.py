"""Laws (codes and federal laws) and the topics articles are grouped by."""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from provisions.links import address
from provisions.models.common import Certainty, NaturalKeyManager, Origin, refuse_future


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
    in_force_certainty = models.CharField(
        max_length=12,
        choices=Certainty.choices,
        default=Certainty.CONFIRMED,
        help_text="How well the in-force date is supported: confirmed by a cited source, "
        "extracted from the code's own final provisions, or unknown.",
    )
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
        return address("provisions:law-detail", slug=self.slug)

    def clean(self):
        """A signing date after today is refused, as for amendments (Amendment.clean)."""
        super().clean()
        refuse_future(self.adopted_on, "adopted_on", "A law cannot be signed after today")

    def natural_key(self):
        return (self.slug,)

    @classmethod
    def get_by_natural_key(cls, slug):
        return cls.objects.get(slug=slug)
