"""A penalty of one part of an article version, the shape rules every penalty row obeys, and
the clauses of a sanction the reader could not place (UnparsedSanction).

A part's main penalties are its alternatives ("штрафом …, либо лишением свободы …"), numbered
0, 1, 2 … in the sanction's order; every measure of one fine shares its number. An additional
penalty ("с лишением права …") carries the number of the alternative it is attached to, so a
part may hold the same additional kind twice, with different terms or optionality, one per
alternative (Criminal Code art. 134 part 1).
"""

from django.db import models
from django.db.models import Case, F, Q, When
from simple_history.models import HistoricalRecords

from provisions.models.common import Certainty, NaturalKeyManager
from provisions.penalties import (
    KIND_UNITS,
    NO_TERM_KINDS,
    Kind,
    MultipleOf,
    Role,
    Subject,
    Unit,
    describe_penalty,
)

# Meta.ordering of Penalty and UnparsedSanction within one version, without following
# "version" to ArticleVersion's own ordering, which joins each row's article and law to sort
# by them (a third of the amendment page's SQL at 100,000 articles). For rows read per
# version, as every page reads them.
PENALTY_ORDER = ("version_id", "part", "subject", "alternative", "role", "id")
UNPARSED_ORDER = ("version_id", "part", "id")


def penalties_by_version():
    """Prefetch("penalties") in PENALTY_ORDER."""
    return models.Prefetch("penalties", queryset=Penalty.objects.order_by(*PENALTY_ORDER))


def unparsed_by_version():
    """Prefetch("unparsed_sanctions") in UNPARSED_ORDER."""
    return models.Prefetch(
        "unparsed_sanctions", queryset=UnparsedSanction.objects.order_by(*UNPARSED_ORDER)
    )


def unit_fits_kind() -> Q:
    """Each kind's unit is one of its term rule's (provisions.penalties.KINDS), or none for a
    kind without a term: arrest in months or days, compulsory work in hours, a fine in roubles
    or as income for years or months."""
    condition = Q(kind__in=NO_TERM_KINDS, unit="")
    for kind, units in KIND_UNITS.items():
        if units:
            condition |= Q(kind=kind, unit__in=units)
    return condition


def penalty_shape_constraints(prefix: str) -> list[models.CheckConstraint]:
    """The rules every penalty row obeys, shared by Penalty and ChangedPenalty."""
    return [
        models.CheckConstraint(
            name=f"{prefix}_min_lte_max",
            condition=Q(min__isnull=True) | Q(max__isnull=True) | Q(min__lte=F("max")),
            violation_error_message="The minimum cannot exceed the maximum.",
        ),
        models.CheckConstraint(
            name=f"{prefix}_no_term_kinds_have_no_term",
            condition=~Q(kind__in=NO_TERM_KINDS) | Q(min__isnull=True, max__isnull=True, unit=""),
            violation_error_message="Life imprisonment, death, a warning, a confiscation and an "
            "expulsion have no term or unit.",
        ),
        models.CheckConstraint(
            name=f"{prefix}_term_has_unit_and_bound",
            condition=Q(kind__in=NO_TERM_KINDS)
            | (~Q(unit="") & (Q(min__isnull=False) | Q(max__isnull=False))),
            violation_error_message="A penalty with a term needs a unit and a maximum or minimum.",
        ),
        models.CheckConstraint(
            name=f"{prefix}_multiple_names_its_sum",
            condition=Q(unit=Unit.MULTIPLE, kind=Kind.FINE) & ~Q(multiple_of="")
            | ~Q(unit=Unit.MULTIPLE) & Q(multiple_of=""),
            violation_error_message="A fine counted as a multiple names what it multiplies "
            "(the bribe, …); no other penalty does.",
        ),
        models.CheckConstraint(
            name=f"{prefix}_unit_fits_kind",
            condition=unit_fits_kind(),
            violation_error_message="This unit is not one this kind of penalty is counted in.",
        ),
    ]


class Penalty(models.Model):
    # The vocabulary's choices (provisions.penalties), here as Penalty.Kind and so on.
    Kind = Kind
    Unit = Unit
    Role = Role
    Subject = Subject
    MultipleOf = MultipleOf

    version = models.ForeignKey(
        "provisions.ArticleVersion", on_delete=models.CASCADE, related_name="penalties"
    )
    part = models.CharField(max_length=10, help_text='Part of the article: "1", "2", "3.1".')
    subject = models.CharField(
        max_length=20,
        choices=Subject.choices,
        blank=True,
        default=Subject.ANYONE,
        help_text="Administrative fines differ for citizens, officials, individual "
        "entrepreneurs and legal entities.",
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.MAIN)
    alternative = models.PositiveSmallIntegerField(
        default=0,
        help_text="A main penalty's place among the part's alternatives (0, 1, …); for an "
        "additional penalty, the alternative it is attached to.",
    )
    optional = models.BooleanField(
        default=False,
        help_text='An additional penalty the court may add to its alternative ("or without").',
    )
    min = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Empty where the law states only a maximum."
    )
    max = models.PositiveBigIntegerField(null=True, blank=True)
    unit = models.CharField(
        max_length=10,
        choices=Unit.choices,
        blank=True,
        help_text="For a fine in years or months, the convict's income for that period; "
        "in multiple, a multiple of the sum named in multiple_of.",
    )
    multiple_of = models.CharField(
        max_length=20,
        choices=MultipleOf.choices,
        blank=True,
        default="",
        help_text='What a fine in unit "multiple" multiplies ("суммы взятки": the bribe).',
    )
    certainty = models.CharField(
        max_length=12, choices=Certainty.choices, default=Certainty.CONFIRMED
    )
    note = models.CharField(max_length=500, blank=True)
    # The maximum of a main prison term in months; NULL for any other penalty.
    main_prison_months = models.GeneratedField(
        expression=Case(
            When(role="main", kind="imprisonment", unit="years", then=F("max") * 12),
            When(role="main", kind="imprisonment", unit="months", then=F("max")),
            default=None,
            output_field=models.PositiveBigIntegerField(),  # max * 12 alone is an IntegerField
        ),
        output_field=models.PositiveBigIntegerField(null=True),
        db_persist=True,
    )

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "part", "subject", "alternative", "role", "id"]
        verbose_name_plural = "penalties"
        constraints = [
            *penalty_shape_constraints("penalty"),
            models.UniqueConstraint(
                fields=["version", "part", "subject", "alternative", "role", "kind", "unit"],
                name="penalty_unique_per_alternative",
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
            self.alternative,
        )

    natural_key.dependencies = ["provisions.articleversion"]

    @classmethod
    def get_by_natural_key(
        cls, law_slug, number, valid_from, part, subject, role, kind, unit, alternative=0
    ):
        return on_version(
            cls,
            (law_slug, number, valid_from),
            part=part,
            subject=subject,
            role=role,
            kind=kind,
            unit=unit,
            alternative=alternative,
        )

    def summary(self) -> str:
        return describe_penalty(self)


class UnparsedSanction(models.Model):
    """A clause of a part's sanction that the reader could not place in the penalty contract,
    kept with its words so the page says "not read into structured data: …" (never dropped in
    silence). Written by the importers beside the penalties they did read."""

    version = models.ForeignKey(
        "provisions.ArticleVersion", on_delete=models.CASCADE, related_name="unparsed_sanctions"
    )
    part = models.CharField(max_length=10, help_text='Part of the article: "1", "2", "3.1".')
    text = models.TextField(help_text="The clause as the official text words it.")
    reason = models.CharField(max_length=300, blank=True, help_text="Why it was not read.")

    # A curated clause (fixtures/articles.json) loads by its natural key, so loading the
    # corpus again finds it rather than adding it twice.
    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "part", "id"]
        constraints = [
            models.CheckConstraint(
                name="unparsedsanction_has_text",
                condition=~Q(text=""),
                violation_error_message="An unparsed clause keeps its words.",
            ),
        ]

    def __str__(self):
        return f"part {self.part}: {self.text[:60]}"

    def natural_key(self):
        return (*self.version.natural_key(), self.part, self.text)

    natural_key.dependencies = ["provisions.articleversion"]

    @classmethod
    def get_by_natural_key(cls, law_slug, number, valid_from, part, text):
        return on_version(cls, (law_slug, number, valid_from), part=part, text=text)


def on_version(model, version_key: tuple, **fields):
    """The `model` row (Penalty, UnparsedSanction) of the version named by its natural key
    (law slug, article number, valid_from) with `fields`: their get_by_natural_key."""
    law_slug, number, valid_from = version_key
    return model.objects.get(
        version__article__law__slug=law_slug,
        version__article__number=number,
        version__valid_from=valid_from,
        **fields,
    )
