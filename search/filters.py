"""FilterSets: translate URL parameters into QuerySet calls, shared by HTML, JSON and CSV."""

from datetime import date

import django_filters
from django import forms
from django.db.models import F, Q

from provisions.models import Article, Law, Penalty, Topic
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


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Contains", method="filter_q", max_length=300, strip=True)
    law = django_filters.ModelChoiceFilter(
        label="Law", queryset=Law.objects.all(), to_field_name="slug", empty_label="Any law"
    )
    topic = django_filters.ModelChoiceFilter(
        label="Topic",
        field_name="topics",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label="Any topic",
    )
    penalty_kind = django_filters.ChoiceFilter(
        label="Penalty kind",
        choices=Penalty.Kind.choices,
        method="filter_penalty_kind",
        empty_label="Any penalty",
    )
    max_prison_years_min = django_filters.NumberFilter(
        label="Max prison term at least (years)",
        method="filter_max_prison_min",
        min_value=0,
        max_value=100,
    )
    max_prison_years_max = django_filters.NumberFilter(
        label="Max prison term at most (years)",
        method="filter_max_prison_max",
        min_value=0,
        max_value=100,
    )
    in_force_on = django_filters.DateFilter(
        label="In force on",
        method="filter_in_force_on",
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d"],
    )
    amended_in = django_filters.NumberFilter(
        label="Amended in (year)",
        method="filter_amended_in",
        min_value=1900,
        max_value=2100,
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method="filter_sort",
        empty_label=None,
        null_label=None,
    )

    class Meta:
        model = Article
        fields = []

    def __init__(self, *args, figures_hold: bool | None = None, search_decisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._figures_hold = figures_hold
        # Shared with the facets' filtersets: one request decides how to match `q` once.
        self.search_decisions = {} if search_decisions is None else search_decisions

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

    def filter_queryset(self, queryset):
        queryset = queryset.with_list_columns(self.day, figures_hold=self.figures_hold)
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("sort"):
            ordering = SORTS["number"][1]
            if self.form.cleaned_data.get("q") and "search_rank" in queryset.query.annotations:
                ordering = [F("search_rank").desc(), *ordering]
            queryset = queryset.order_by(*ordering)
        return queryset

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

    def filter_penalty_kind(self, queryset, name, value):
        return queryset.with_penalty_kind_in_force(value, self.day, figures_hold=self.figures_hold)

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
