"""Read-side vocabulary for articles and versions: chainable, named fetch bundles."""

from datetime import date

from django.db import models
from django.db.models import Case, Exists, F, Max, OuterRef, Prefetch, Q, Subquery, When

from provisions.search_schema import PENALTY_KIND_BITS


def in_force_q(day: date, prefix: str = "") -> Q:
    """Versions in force on `day`: started on or before it and not ended before it."""
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def term_in_months():
    """A penalty's maximum as months, for terms given in years or months; NULL otherwise."""
    return Case(
        When(unit="years", then=F("max") * 12),
        When(unit="months", then=F("max")),
        default=None,
        output_field=models.BigIntegerField(),
    )


def current_figures_hold(day: date) -> bool:
    """True when each article's open version is the one in force on `day`: `day` is today
    and no version starts later or ends today or later (an amendment applied ahead of time)."""
    from provisions.models import ArticleVersion

    if day != date.today():
        return False
    return not ArticleVersion.objects.filter(Q(valid_from__gt=day) | Q(valid_to__gte=day)).exists()


def figures_on(day: date) -> dict:
    """The list figures computed from the versions in force on `day` (no stored columns)."""
    from provisions.models import ArticleVersion, Penalty

    in_force = ArticleVersion.objects.filter(in_force_q(day), article=OuterRef("pk"))
    main_penalties = Penalty.objects.filter(
        in_force_q(day, "version__"), version__article=OuterRef("pk"), role="main"
    )
    max_prison = (
        main_penalties.filter(kind="imprisonment")
        .values("version__article")
        .annotate(months=Max(term_in_months()))
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
        "list_life_imprisonment": Exists(main_penalties.filter(kind="life_imprisonment")),
        "list_last_amended": Subquery(last_amended),
        "list_certainty": Subquery(in_force.values("certainty")[:1]),
    }


class ArticleVersionQuerySet(models.QuerySet):
    def in_force_on(self, day: date):
        return self.filter(in_force_q(day))

    def current(self):
        return self.filter(valid_to__isnull=True)

    def with_penalties(self):
        from provisions.models import Citation, Penalty

        return self.select_related("introduced_by").prefetch_related(
            Prefetch(
                "penalties",
                queryset=Penalty.objects.prefetch_related(
                    Prefetch("citations", queryset=Citation.objects.select_related("source"))
                ),
            ),
            Prefetch("citations", queryset=Citation.objects.select_related("source")),
        )


class ArticleQuerySet(models.QuerySet):
    def in_force_on(self, day: date):
        from provisions.models import ArticleVersion

        versions = ArticleVersion.objects.filter(in_force_q(day), article=OuterRef("pk"))
        return self.filter(Exists(versions))

    def with_list_columns(self, day: date, *, figures_hold: bool | None = None):
        """Annotate the figures a list row shows as of `day`: list_max_prison_months,
        list_life_imprisonment, list_last_amended, list_certainty; and prefetch the version in
        force then, with its penalties, as `versions_in_force`.

        Today (the usual case) reads the figures the triggers keep on each article, which the
        list can filter and sort by index; another day computes them from the versions.
        """
        from provisions.models import ArticleVersion

        if figures_hold is None:
            figures_hold = current_figures_hold(day)
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
        return annotated.select_related("law").prefetch_related(
            Prefetch(
                "versions",
                queryset=in_force.prefetch_related("penalties"),
                to_attr="versions_in_force",
            )
        )

    def with_penalty_kind_in_force(self, kind: str, day: date, *, figures_hold: bool = False):
        from provisions.models import Penalty

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
        from provisions.models import ArticleVersion

        return self.filter(
            Exists(
                ArticleVersion.objects.filter(
                    article=OuterRef("pk"), introduced_by__in_force_on__year=year
                )
            )
        )

    def for_detail(self, as_of: date | None = None):
        """Everything the article page and its JSON show, in a fixed number of queries."""
        from provisions.models import ArticleVersion, Citation, ConvictionStat

        versions = ArticleVersion.objects.with_penalties().order_by("valid_from")
        if as_of is not None:
            versions = versions.in_force_on(as_of)
        stats = ConvictionStat.objects.prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source"))
        ).order_by("year", "period")
        return self.select_related("law", "official_text__source").prefetch_related(
            "topics",
            Prefetch("versions", queryset=versions),
            Prefetch("citations", queryset=Citation.objects.select_related("source")),
            Prefetch("statistics", queryset=stats),
            Prefetch("group_statistics", queryset=stats),
        )


class AmendmentQuerySet(models.QuerySet):
    def with_changes(self):
        """Each change with its article's versions and penalties: enough to label the change
        harsher or softer and to show penalties before and after, in four queries."""
        from provisions.models import ArticleChange, ArticleVersion

        versions = ArticleVersion.objects.prefetch_related("penalties")
        changes = ArticleChange.objects.select_related("article__law").prefetch_related(
            Prefetch("article__versions", queryset=versions)
        )
        return self.prefetch_related(Prefetch("changes", queryset=changes))
