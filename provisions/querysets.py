"""Read-side vocabulary for articles and versions: chainable, named fetch bundles."""

from datetime import date

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q


def in_force_q(day: date, prefix: str = "") -> Q:
    """Versions in force on `day`: started on or before it and not ended before it."""
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


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

    def for_detail(self, as_of: date | None = None):
        """Everything the article page and its JSON show, in a fixed number of queries."""
        from provisions.models import ArticleVersion, Citation, ConvictionStat

        versions = ArticleVersion.objects.with_penalties().order_by("valid_from")
        if as_of is not None:
            versions = versions.in_force_on(as_of)
        stats = ConvictionStat.objects.prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source"))
        ).order_by("year", "period")
        return self.select_related("law").prefetch_related(
            "topics",
            Prefetch("versions", queryset=versions),
            Prefetch("citations", queryset=Citation.objects.select_related("source")),
            Prefetch("statistics", queryset=stats),
            Prefetch("group_statistics", queryset=stats),
        )
