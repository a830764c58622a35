"""FilterSets: translate URL parameters into QuerySet calls, shared by HTML, JSON and CSV."""

from datetime import date
from functools import cached_property
from operator import attrgetter

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Q
from django_filters import fields

from provisions.models import Article, Law, Penalty, Topic, in_force_q
from provisions.penalties import PENALTY_UNIT_BITS
from search import widgets
from search.engine import search_articles

SORTS = {
    "number": ("Article number", [F("law__slug").asc(), F("sort_key").asc()]),
    "heaviest": (
        "Heaviest maximum prison term first",
        [
            F("list_life_imprisonment").desc(),
            F("list_max_prison_months").desc(nulls_last=True),
            F("sort_key").asc(),
        ],
    ),
    "recent": (
        "Most recently amended",
        [
            F("list_last_amended").desc(nulls_last=True),
            F("law__slug").asc(),
            F("sort_key").asc(),
        ],
    ),
}


class YearFilter(django_filters.NumberFilter):
    """A whole year: "2023.5" is refused, as the API refuses it, not read as 2023."""

    field_class = forms.IntegerField


class PreloadedChoiceField(fields.ChoiceField):
    """A choice among model objects already read, by slug, cleaning to the object (None when
    empty): neither validating nor rendering the choices asks the database again."""

    # ModelChoiceField's wording, which these filters used before.
    default_error_messages = {
        "invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]
    }

    def __init__(self, *, objects, **kwargs):
        self.objects = objects  # a callable: the objects, in the order the form offers them
        super().__init__(choices=lambda: [(o.slug, str(o)) for o in objects()], **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        for choice in self.objects():
            if choice.slug == value:
                return choice
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )

    def validate(self, value):
        forms.Field.validate(self, value)  # the choice itself was checked by to_python


class PreloadedChoiceFilter(django_filters.ChoiceFilter):
    """One of the objects the filterset holds in its attribute `options` (read once per
    request), chosen by slug; filters on the object, as ModelChoiceFilter does."""

    field_class = PreloadedChoiceField

    def __init__(self, *args, options: str, **kwargs):
        self.options = options
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        self.extra["objects"] = lambda: getattr(self.parent, self.options)
        return super().field


# What a penalty is counted in, as the unit facet and filter name it.
UNIT_LABELS = {
    "years": "years",
    "months": "months",
    "days": "days",
    "hours": "hours",
    "rub": "roubles",
    "multiple": "a multiple of a sum (the bribe, …)",
}
UNIT_CHOICES = [
    (unit, UNIT_LABELS.get(unit, label)) for unit, label in Penalty.Unit.choices if unit
]


class ArticleFilter(django_filters.FilterSet):
    # The widgets are search.widgets': Django's HTML, written without a template per option.
    q = django_filters.CharFilter(
        label="Contains",
        method="filter_q",
        max_length=300,
        strip=True,
        widget=widgets.TextInput,
    )
    law = PreloadedChoiceFilter(
        label="Law", options="law_options", empty_label="Any law", widget=widgets.Select
    )
    topic = PreloadedChoiceFilter(
        label="Topic",
        field_name="topics",
        method="filter_topic",
        options="topics",
        empty_label="Any topic",
        widget=widgets.Select,
    )
    penalty_kind = django_filters.ChoiceFilter(
        widget=widgets.Select,
        label="Penalty kind",
        choices=Penalty.Kind.choices,
        method="filter_penalty_kind",
        empty_label="Any penalty",
    )
    penalty_unit = django_filters.ChoiceFilter(
        widget=widgets.Select,
        label="Penalty measured in",
        choices=UNIT_CHOICES,
        method="filter_penalty_unit",
        empty_label="Any measure",
    )
    max_prison_years_min = django_filters.NumberFilter(
        label="Max prison term at least (years)",
        method="filter_max_prison_min",
        widget=widgets.NumberInput,
        min_value=0,
        max_value=100,
    )
    max_prison_years_max = django_filters.NumberFilter(
        label="Max prison term at most (years)",
        method="filter_max_prison_max",
        widget=widgets.NumberInput,
        min_value=0,
        max_value=100,
    )
    in_force_on = django_filters.DateFilter(
        label="In force on",
        method="filter_in_force_on",
        widget=widgets.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d"],
    )
    amended_in = YearFilter(
        label="Amended in (year)",
        method="filter_amended_in",
        widget=widgets.NumberInput,
        min_value=1900,
        max_value=2100,
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method="filter_sort",
        widget=widgets.Select,
        empty_label=None,
        null_label=None,
    )

    class Meta:
        model = Article
        fields = []

    def __init__(self, *args, figures_hold: bool | None = None, **kwargs):
        """As FilterSet; `figures_hold`: the caller's answer to `figures_hold`, if it has one."""
        super().__init__(*args, **kwargs)
        self._figures_hold = figures_hold
        # How `q` is matched, decided once for the list and its facets (search_articles).
        self.search_decisions = {}

    @property
    def figures_hold(self) -> bool:
        """Whether the stored current figures describe `day` (asked once per request)."""
        if self._figures_hold is None:
            self._figures_hold = Article.objects.figures_hold_on(self.day)
        return self._figures_hold

    @figures_hold.setter
    def figures_hold(self, value: bool):
        self._figures_hold = value

    @property
    def day(self) -> date:
        """The day the list describes: `in_force_on`, or today."""
        cleaned = getattr(self.form, "cleaned_data", None) or {}
        return cleaned.get("in_force_on") or date.today()

    @cached_property
    def laws(self) -> list[Law]:
        """Every law by short name, read once per request: the law filter's options, the
        law facet's choices."""
        return list(Law.objects.order_by("short_name"))

    @property
    def law_options(self) -> list[Law]:
        """The laws in the model's order, kind then short name (a stable sort keeps the
        database's order of the names)."""
        return sorted(self.laws, key=attrgetter("kind"))

    @cached_property
    def topics(self) -> list[Topic]:
        """Every topic by English name, read once per request: the filter's options, the
        facet's choices."""
        return list(Topic.objects.order_by("name_en"))

    def filter_queryset(self, queryset, exclude: tuple[str, ...] = ()):
        """`queryset` with the list columns of `day`, narrowed by every filter of the valid
        form except those named in `exclude`, in the requested order (else by number, or by
        rank for a search). Call `is_valid()` first."""
        queryset = queryset.with_list_columns(self.day, figures_hold=self.figures_hold)
        for name, value in self.form.cleaned_data.items():
            if name not in exclude:
                queryset = self.filters[name].filter(queryset, value)
        if not self.form.cleaned_data.get("sort") or "sort" in exclude:
            ordering = SORTS["number"][1]
            if self.form.cleaned_data.get("q") and "search_rank" in queryset.query.annotations:
                ordering = [F("search_rank").desc(), *ordering]
            queryset = queryset.order_by(*ordering)
        return queryset

    def without(self, *names: str):
        """The results with the filters `names` left out, unordered: what a facet counts."""
        return self.filter_queryset(self.queryset.all(), exclude=names).order_by()

    def active(self) -> set[str]:
        """The names of the filters set (a valid form's cleaned value not None or empty)."""
        return {name for name, value in self.form.cleaned_data.items() if value not in (None, "")}

    @property
    def search_info(self):
        """How `q` was searched (search.engine.SearchInfo), once the results were asked
        for; None without a query."""
        return self.search_decisions.get("info")

    def filter_q(self, queryset, name, value):
        if not value:
            return queryset
        return search_articles(
            queryset,
            value,
            day=self.day,
            current=self.figures_hold,
            decisions=self.search_decisions,
        )

    def filter_topic(self, queryset, name, value):
        """Articles of topic `value`: by the article's stored topic bits (provisions migration
        0011), which the list indexes cover; a topic without a bit through its table."""
        if value is None:
            return queryset
        if value.bit is None:
            return queryset.filter(topics=value)
        return queryset.alias(has_topic=F("topic_bits").bitand(value.bit)).filter(has_topic__gt=0)

    def filter_penalty_kind(self, queryset, name, value):
        return queryset.with_penalty_kind_in_force(value, self.day, figures_hold=self.figures_hold)

    def filter_penalty_unit(self, queryset, name, value):
        """Articles whose wording in force on the day has a penalty counted in `value` (a
        fine as a multiple of a bribe: "multiple"). Today, from the units stored on the
        article (provisions migration 0010)."""
        if self.figures_hold:
            bit = F("current_penalty_units").bitand(PENALTY_UNIT_BITS[value])
            return queryset.alias(has_unit=bit).filter(has_unit__gt=0)
        counted = Penalty.objects.filter(
            in_force_q(self.day, "version__"), version__article=OuterRef("pk"), unit=value
        )
        return queryset.filter(Exists(counted))

    def filter_max_prison_min(self, queryset, name, value):
        # A life term is heavier than any term in years.
        return queryset.filter(
            Q(list_max_prison_months__gte=value * 12) | Q(list_life_imprisonment=True)
        )

    def filter_max_prison_max(self, queryset, name, value):
        return queryset.filter(list_max_prison_months__lte=value * 12, list_life_imprisonment=False)

    def filter_in_force_on(self, queryset, name, value):
        return queryset.in_force_on(value)

    def filter_amended_in(self, queryset, name, value):
        return queryset.amended_in(int(value))

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS[value][1])
