"""Laws (codes and federal laws) and the topics articles are grouped by."""

from datetime import date

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from provisions.links import address
from provisions.models.common import Certainty, NaturalKeyManager, Origin, refuse_future


class TopicQuerySet(models.QuerySet):
    def with_article_counts(self):
        """Annotate `n`: how many articles each topic has, counted on the article–topic
        table's topic index alone. Joining the topics to that table and grouping read all of
        it: 80 ms at 100,000 synthetic articles against 7 ms."""
        from provisions.models import Article

        rows = Article.topics.through.objects.filter(topic=OuterRef("pk")).order_by()
        counted = rows.values("topic").annotate(n=Count("*")).values("n")  # index-only
        return self.annotate(n=Coalesce(Subquery(counted), Value(0)))


class Topic(models.Model):
    slug = models.SlugField(unique=True)
    name_en = models.CharField("name (English)", max_length=100)
    name_ru = models.CharField("name (Russian)", max_length=100, blank=True)
    description = models.TextField(blank=True)

    objects = NaturalKeyManager.from_queryset(TopicQuerySet)()
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

    @property
    def bit(self) -> int | None:
        """This topic's bit in Article.topic_bits (id n → bit n − 1), or None for an id beyond
        TOPIC_BIT_IDS: such a topic is filtered and counted through the article–topic table.
        Provisions migration 0011 spells the same rule in SQL."""
        return 1 << (self.pk - 1) if self.pk in TOPIC_BIT_IDS else None


# Topic ids with a bit in Article.topic_bits (a signed 64-bit integer: bits 0–62).
TOPIC_BIT_IDS = range(1, 64)


def count_per_law(rows, law_field: str = "law"):
    """The number of `rows` (a QuerySet filtered to OuterRef("pk") through `law_field`), as a
    scalar subquery: 0 where there are none."""
    counted = rows.order_by().values(law_field).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted), Value(0))


class LawQuerySet(models.QuerySet):
    def with_totals(self, day: date, law=None):
        """Annotate what the law page says of the articles held for each law, counted in the
        database within the law's own query (no query of its own):

        - `articles_held`: its articles in this database (curated and imported);
        - `articles_in_force`: those in force on `day` (ArticleQuerySet.in_force_on: from the
          stored coming into force to the repeal; where the start is unknown, those with a
          wording of that day held);
        - `articles_official`: those with a wording from the official portal's text
          (a version cited to an official text, or the official text kept beside a curated
          article); the rest have only consolidated or curated wordings;
        - `versions_held`: the wordings held (ArticleVersion rows) of all its articles.

        `law`: the one law the queryset holds, named by its id in the counts rather than
        through the outer query. PostgreSQL plans a count correlated with the outer law for
        an average law, and hashes every version of every law for it: 640 ms for a law of
        4 articles among 100,000 synthetic ones, 2 ms with the id as a constant (the
        planner then reads that law's own share of the articles from its statistics).
        """
        from provisions.models import Article, ArticleVersion, OfficialText, Source

        this_law = OuterRef("pk") if law is None else law.pk
        # The same law, named from a subquery of the articles' subquery.
        articles_law = OuterRef(OuterRef("pk")) if law is None else law.pk
        articles = Article.objects.filter(law=this_law)
        # Restricted to the law's own versions too: as a bare Exists, PostgreSQL hashes every
        # version of every law for each law shown (37 ms of the КоАП page on the imported codes).
        # Cited to an official text: found from those sources, few, by the versions' source
        # index; an Exists per article read all of a large law's versions (900 ms for 60,000).
        official_sources = Source.objects.filter(kind=Source.Kind.OFFICIAL_TEXT).values("pk")
        cited_official = ArticleVersion.objects.filter(
            source__in=official_sources, article__law=articles_law
        ).values("article_id")
        # Written by the portal importer before sources were kept on versions.
        unsourced_official = ArticleVersion.objects.filter(
            article=OuterRef("pk"), article__law=articles_law, source__isnull=True
        )
        official_wording = Q(pk__in=cited_official) | (
            Q(origin=Origin.OFFICIAL) & Exists(unsourced_official)
        )
        kept_beside = OfficialText.objects.filter(article=OuterRef("pk"))
        return self.annotate(
            articles_held=count_per_law(articles),
            articles_in_force=count_per_law(articles.in_force_on(day, law=articles_law)),
            articles_official=count_per_law(
                articles.filter(official_wording | Exists(kept_beside))
            ),
            versions_held=count_per_law(
                ArticleVersion.objects.filter(article__law=this_law), "article__law"
            ),
        )


LAW_TOTALS = ("articles_held", "articles_in_force", "articles_official", "versions_held")


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

    objects = NaturalKeyManager.from_queryset(LawQuerySet)()
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
