"""A penalty of one part of an article version, and the shape rules every penalty row obeys."""

from django.db import models
from django.db.models import Case, F, Q, When
from simple_history.models import HistoricalRecords

from provisions.models.common import Certainty, NaturalKeyManager
from provisions.penalties import (
    KIND_UNITS,
    NO_TERM_KINDS,
    Kind,
    Role,
    Subject,
    Unit,
    describe_penalty,
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

    def summary(self) -> str:
        return describe_penalty(self)
