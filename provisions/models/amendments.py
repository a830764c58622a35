"""Amending laws, the changes they make to articles, and the official texts' editorial notes."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, Value, When
from simple_history.models import HistoricalRecords

from provisions.links import address
from provisions.models.articles import ArticleVersion
from provisions.models.common import Certainty, NaturalKeyManager, refuse_future
from provisions.models.laws import Law
from provisions.models.penalties import Penalty, penalty_shape_constraints
from provisions.models.sources import Citation
from provisions.penalties import HARSHER, MIXED, SOFTER, UNCHANGED, UNKNOWN


def change_effect_or_pending():
    """A change's stored effect; one not yet written reads as its action alone says (added:
    harsher, repealed: softer, else unknown), as provisions.changes.change_effect does."""
    return Case(
        When(effect="", action="added", then=Value(HARSHER)),
        When(effect="", action="repealed", then=Value(SOFTER)),
        When(effect="", then=Value(UNKNOWN)),
        default=F("effect"),
    )


# The stored effects that say what a change did: "unknown" (and no effect) is not an assessment.
ASSESSED_EFFECTS = (HARSHER, SOFTER, MIXED, UNCHANGED)


class AmendmentQuerySet(models.QuerySet):
    def touching_law(self, law):
        """Amendments that touched an article of `law` (a Law), by a curated change or by an
        editorial note of the official text."""
        changed = ArticleChange.objects.filter(amendment=OuterRef("pk"), article__law=law)
        named = EditorialNote.objects.filter(amendment=OuterRef("pk"), article__law=law)
        return self.filter(Exists(changed) | Exists(named))

    def with_touched_articles(self):
        """The curated changes and the editorial notes, each with its article and law, so that
        `Amendment.touched_articles()` reads them without a query (two queries a page)."""
        changes = ArticleChange.objects.select_related("article__law")
        return self.prefetch_related(
            Prefetch("changes", queryset=changes),
            Prefetch("editorial_notes", queryset=named_articles()),
        )

    def with_effect(self):
        """Annotate `effect`, the amendment's overall label from its changes' stored ones:
        mixed when any change is mixed or some are harsher and others softer; else harsher or
        softer when any change is; else unchanged when any change is; else (no changes, or
        none judged) unknown. Filterable: .with_effect().filter(effect="harsher")."""
        changes = ArticleChange.objects.filter(amendment=OuterRef("pk")).alias(
            label=change_effect_or_pending()
        )
        has = {
            label: Exists(changes.filter(label=label))
            for label in (HARSHER, SOFTER, MIXED, UNCHANGED)
        }
        return self.annotate(
            effect=Case(
                When(has[MIXED] | (has[HARSHER] & has[SOFTER]), then=Value(MIXED)),
                When(has[HARSHER], then=Value(HARSHER)),
                When(has[SOFTER], then=Value(SOFTER)),
                When(has[UNCHANGED], then=Value(UNCHANGED)),
                default=Value(UNKNOWN),
            )
        )

    def with_changes(self):
        """Each change with its article's versions (without their texts, never shown with
        a change): enough to find each change's versions before and after, in four queries.
        provisions.changes.change_rows fetches the penalties of those versions only."""

        # Each article's versions in order of valid_from, as the default ordering gives them
        # per article, without joining every article and law to sort by them; and without
        # their amending laws, which PostgreSQL hashed whole (5,000 rows, 4.5 ms at 100,000
        # synthetic articles) for a page's 150 versions: a change's versions around it are
        # found by introduced_by_id.
        versions = ArticleVersion.objects.defer("text_ru", "text_en").order_by("valid_from", "pk")
        changes = ArticleChange.objects.select_related("article__law").prefetch_related(
            Prefetch("article__versions", queryset=versions)
        )
        return self.prefetch_related(Prefetch("changes", queryset=changes))

    def for_detail(self, *, notes: bool = False):
        """What the amendment page and /api/amendments/{slug} show: the changes as in
        `with_changes`, the act's law record, and the citations with their sources.
        `notes`: also the articles the official texts' editorial notes say it touched (the
        page's list; one query more)."""
        citations = Citation.objects.select_related("source")
        bundle = (
            self.with_changes()
            .select_related("act")
            .prefetch_related(Prefetch("citations", queryset=citations))
        )
        if notes:
            bundle = bundle.prefetch_related(Prefetch("editorial_notes", queryset=named_articles()))
        return bundle


def named_articles():
    """Editorial notes with their articles and laws, in the order the pages list them."""
    return EditorialNote.objects.select_related("article__law").order_by(
        "article__law__slug", "article__sort_key"
    )


@dataclass(frozen=True)
class TouchedArticle:
    """An article an amending law touched, as this site knows it.

    source "curated": a curated ArticleChange (kind: its action; note: its description;
    `change` is set); source "editorial_note": only the official text's editorial note names
    it (kind: the note's kind; note: its wording), and nothing here assesses what it did, as
    the wording before it is not held. `official_note`: the editorial note's wording on that
    article where the official text has one (for curated rows too), else "".
    """

    article: "models.Model"
    parts: str
    source: str
    kind: str
    note: str
    official_note: str
    change: "ArticleChange | None" = None

    @property
    def curated(self) -> bool:
        return self.source == "curated"


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
    # Derived, kept by the database's triggers on every write (migration 0015): the amendment
    # is applied and at least one of its curated changes stored an effect that says what it
    # did (ASSESSED_EFFECTS). Null only inside the statement that inserts the row.
    assessed = models.BooleanField(
        null=True,
        editable=False,
        help_text="Applied, with at least one change whose effect is assessed (kept by triggers).",
    )

    objects = NaturalKeyManager.from_queryset(AmendmentQuerySet)()
    history = HistoricalRecords(excluded_fields=["assessed"])  # derived, not an edit

    class Meta:
        ordering = ["-in_force_on", "number"]
        constraints = [
            models.CheckConstraint(
                name="amendment_in_force_on_or_after_signed",
                condition=Q(in_force_on__gte=F("signed_on")),
                violation_error_message="An amendment cannot come into force before it is signed.",
            ),
        ]
        indexes = [
            models.Index(fields=["in_force_on"], name="amendment_in_force_idx"),
            # The timeline's order (pages.views.amendment_list): a page read off the index.
            models.Index(
                fields=["-assessed", "-in_force_on", "number", "id"], name="amendment_timeline_idx"
            ),
        ]

    def __str__(self):
        return f"{self.number} of {self.signed_on:%d.%m.%Y}"

    def get_absolute_url(self):
        return address("provisions:amendment-detail", slug=self.slug)

    def clean(self):
        """A law not yet signed is no amending law: a signing date after today is refused
        (the admin form shows it on the field). It cannot be a database constraint, as
        "today" moves; that it comes into force on or after its signing is one
        (amendment_in_force_on_or_after_signed), which full_clean also checks."""
        super().clean()
        refuse_future(self.signed_on, "signed_on", "An amendment cannot be signed after today")

    def natural_key(self):
        return (self.slug,)

    @classmethod
    def get_by_natural_key(cls, slug):
        return cls.objects.get(slug=slug)

    @property
    def is_applied(self) -> bool:
        return self.applied_at is not None

    def same_day_laws(self) -> dict[int, list["Amendment"]]:
        """{article id: [other applied amendments in force the same day that changed it]}
        for the articles this amendment changes: laws whose changes share one version with
        its own (provisions.amendment_apply.merge_change). One query."""
        others = (
            ArticleChange.objects.filter(
                article__in=ArticleChange.objects.filter(amendment=self).values("article"),
                amendment__in_force_on=self.in_force_on,
                amendment__applied_at__isnull=False,
            )
            .exclude(amendment=self)
            .select_related("amendment")
            .order_by("amendment__applied_at", "amendment__number")
        )
        found: dict[int, list[Amendment]] = {}
        for change in others:
            found.setdefault(change.article_id, []).append(change.amendment)
        return found

    def touched_articles(self) -> list[TouchedArticle]:
        """The articles this law touched: its curated changes first, then the articles only
        its editorial notes name (an article with both appears once, as curated). Reads the
        prefetched `changes` (with article__law) and `editorial_notes` (for_detail(notes=True)
        or with_touched_articles()); no query of its own."""
        notes = {note.article_id: note for note in self.editorial_notes.all()}
        touched = [
            TouchedArticle(
                article=change.article,
                parts=change.parts,
                source="curated",
                kind=change.action,
                note=change.description,
                official_note=notes[change.article_id].note if change.article_id in notes else "",
                change=change,
            )
            for change in self.changes.all()
        ]
        curated = {change.article_id for change in self.changes.all()}
        touched += [
            TouchedArticle(
                article=note.article,
                parts=note.parts,
                source="editorial_note",
                kind=note.kind,
                note=note.note,
                official_note=note.note,
            )
            for note in notes.values()
            if note.article_id not in curated
        ]
        return touched


class ArticleChange(models.Model):
    """What one amendment does to one article; applying the amendment turns it into a version."""

    class Action(models.TextChoices):
        ADDED = "added", "Added (new article)"
        AMENDED = "amended", "Amended"
        REPEALED = "repealed", "Repealed"

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="changes")
    article = models.ForeignKey(
        "provisions.Article", on_delete=models.PROTECT, related_name="changes"
    )
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
    effect = models.CharField(
        max_length=10,
        choices=[
            ("harsher", "Harsher"),
            ("softer", "Softer"),
            ("mixed", "Mixed"),
            ("unchanged", "Unchanged"),
            ("unknown", "Unknown"),
        ],
        blank=True,
        editable=False,
        help_text="Harsher, softer, mixed, unchanged or unknown; written when the amendment is "
        "applied.",
    )
    effect_reasons = models.JSONField(default=list, blank=True, editable=False)

    # The effect is derived when the amendment is applied: not history of its own.
    history = HistoricalRecords(excluded_fields=["effect", "effect_reasons"])

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
    alternative = models.PositiveSmallIntegerField(
        default=0, help_text="As Penalty.alternative: the alternative, or the one attached to."
    )
    optional = models.BooleanField(default=False)
    min = models.PositiveBigIntegerField(null=True, blank=True)
    max = models.PositiveBigIntegerField(null=True, blank=True)
    unit = models.CharField(max_length=10, choices=Penalty.Unit.choices, blank=True)
    multiple_of = models.CharField(
        max_length=20, choices=Penalty.MultipleOf.choices, blank=True, default=""
    )
    note = models.CharField(max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["change", "part", "subject", "alternative", "role", "id"]
        verbose_name_plural = "penalties after the change"
        constraints = [
            *penalty_shape_constraints("changedpenalty"),
            models.UniqueConstraint(
                fields=["change", "part", "subject", "alternative", "role", "kind", "unit"],
                name="changedpenalty_unique_per_alternative",
            ),
        ]

    def __str__(self):
        return f"part {self.part}: {self.get_kind_display()}"

    def as_penalty_fields(self) -> dict:
        names = (
            "part",
            "subject",
            "kind",
            "role",
            "alternative",
            "optional",
            "min",
            "max",
            "unit",
            "multiple_of",
            "note",
        )
        return {name: getattr(self, name) for name in names}


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
    article = models.ForeignKey(
        "provisions.Article", on_delete=models.CASCADE, related_name="editorial_notes"
    )
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


def repeals_estimated(articles, day) -> None:
    """Mark each of `articles` repealed by `day` whose repeal (`repealed_on`) is dated by a
    law with an estimated or unknown in-force date (its whole-article repeal note names it;
    pravo.dates): `list_repeal_estimated`, so a list row says "Repealed (date estimated)",
    never a bare "Repealed". One query, and none where no row is repealed (most pages: an
    annotation on every row cost 1.4 ms a 50-row page)."""
    repealed = {a.pk: a for a in articles if a.repealed_on is not None and a.repealed_on <= day}
    for article in articles:
        article.list_repeal_estimated = False
    if not repealed:
        return
    noted = EditorialNote.objects.filter(
        article_id__in=repealed,
        kind=EditorialNote.Kind.REPEALED,
        parts="",
        amendment__in_force_certainty__in=[Certainty.ESTIMATED, Certainty.UNKNOWN],
    ).values_list("article_id", "amendment__in_force_on")
    for article_id, in_force_on in noted:
        if repealed[article_id].repealed_on == in_force_on:
            repealed[article_id].list_repeal_estimated = True
