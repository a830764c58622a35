"""The editors' workflow: record an amendment with its changes, apply it, review history.

Every model keeps its history (django-simple-history) with the user and time of each change.
Constraint violations become form errors; the last-resort guard below turns anything the
database still refuses into a message instead of a 500, with nothing written.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin

from provisions.amendment_apply import amendment_apply
from provisions.changes import refresh_article_effects
from provisions.in_force import store_in_force
from provisions.models import (
    Amendment,
    Article,
    ArticleChange,
    ArticleVersion,
    ChangedPenalty,
    Citation,
    ConvictionStat,
    Law,
    Penalty,
    Source,
    Topic,
)


class GuardedAdmin(SimpleHistoryAdmin):
    """History on every object, and no 500 when the database refuses a write."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError as error:
            # The admin's transaction has rolled back, so nothing was half-written.
            self.message_user(
                request, f"Nothing was saved: the database refused it ({error}).", messages.ERROR
            )
            return HttpResponseRedirect(request.get_full_path())


def refresh_derived(article_ids) -> None:
    """After an edit: the touched articles' stored change effects and coming into force."""
    refresh_article_effects(article_ids)
    if article_ids:
        store_in_force(Article.objects.filter(pk__in=set(article_ids)))


class KeepsChangeEffects:
    """An admin whose edits can change the versions around an amendment's change: after a save
    (the object's own, then its inlines') or a delete, the stored effects of the touched
    articles' changes and their coming into force are recomputed."""

    def touched_articles(self, obj) -> list[int]:
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        # History → Revert (django-simple-history's revert view) saves through here alone,
        # never through save_related; and a version or penalty moved to another article leaves
        # effects to recompute on the article it left, read from the row before the save.
        before = type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk else None
        super().save_model(request, obj, form, change)
        left = self.touched_articles(before) if before is not None else []
        refresh_derived([*left, *self.touched_articles(obj)])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_derived(self.touched_articles(form.instance))

    def delete_model(self, request, obj):
        articles = self.touched_articles(obj)
        super().delete_model(request, obj)
        refresh_derived(articles)

    def delete_queryset(self, request, queryset):
        articles = [article for obj in queryset for article in self.touched_articles(obj)]
        super().delete_queryset(request, queryset)
        refresh_derived(articles)


class NonOverlappingVersionsFormSet(BaseInlineFormSet):
    """Versions submitted together must not overlap each other (the DB checks them one by one)."""

    def clean(self):
        super().clean()
        periods = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("valid_from"):
                continue
            if data.get("valid_to") and data["valid_to"] < data["valid_from"]:
                continue  # inverted: the form's own error says so, it overlaps nothing
            periods.append((data["valid_from"], data.get("valid_to"), form))
        periods.sort(key=lambda period: period[0])
        for (start, end, _), (next_start, _, _) in zip(periods, periods[1:], strict=False):
            if end is None or end >= next_start:
                raise ValidationError(
                    f"The version starting {next_start} overlaps the one starting {start}."
                )


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    fields = ["source", "quote", "note"]
    autocomplete_fields = ["source"]


class ArticleVersionInline(admin.TabularInline):
    model = ArticleVersion
    formset = NonOverlappingVersionsFormSet
    extra = 0
    fields = ["valid_from", "valid_to", "introduced_by", "certainty", "note"]
    show_change_link = True
    autocomplete_fields = ["introduced_by"]


class PenaltyInline(admin.TabularInline):
    model = Penalty
    extra = 0
    fields = [
        "part",
        "subject",
        "alternative",
        "kind",
        "role",
        "optional",
        "min",
        "max",
        "unit",
        "multiple_of",
        "certainty",
    ]
    show_change_link = True


class ArticleChangeInline(admin.StackedInline):
    model = ArticleChange
    extra = 0
    fields = ["article", "action", "parts", "description", "certainty"]
    autocomplete_fields = ["article"]
    show_change_link = True


class ChangedPenaltyInline(admin.TabularInline):
    model = ChangedPenalty
    extra = 1
    fields = [
        "part",
        "subject",
        "alternative",
        "kind",
        "role",
        "optional",
        "min",
        "max",
        "unit",
        "multiple_of",
        "note",
    ]


@admin.register(Topic)
class TopicAdmin(GuardedAdmin):
    list_display = ["name_en", "name_ru", "slug"]
    search_fields = ["name_en", "name_ru", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Law)
class LawAdmin(KeepsChangeEffects, GuardedAdmin):
    def touched_articles(self, obj) -> list[int]:
        # Its in-force date is its original articles' coming into force.
        return list(obj.articles.values_list("pk", flat=True)) if obj.pk else []

    list_display = ["short_name", "number", "kind", "adopted_on", "in_force_on", "certainty"]
    list_filter = ["kind", "certainty"]
    search_fields = ["short_name", "title_en", "title_ru", "number", "slug"]
    inlines = [CitationInline]


@admin.register(Article)
class ArticleAdmin(KeepsChangeEffects, GuardedAdmin):
    list_display = ["number", "title_en", "law", "repealed_on"]
    list_filter = ["law", "topics"]
    search_fields = ["number", "title_en", "title_ru"]
    ordering = ["law__slug", "sort_key"]
    filter_horizontal = ["topics"]
    list_select_related = ["law"]
    inlines = [ArticleVersionInline, CitationInline]

    def touched_articles(self, obj):
        return [obj.pk]


@admin.register(ArticleVersion)
class ArticleVersionAdmin(KeepsChangeEffects, GuardedAdmin):
    list_display = ["article", "valid_from", "valid_to", "introduced_by", "certainty"]
    list_filter = ["certainty", "article__law", "introduced_by"]
    search_fields = ["article__number", "article__title_en", "text_ru", "text_en"]
    list_select_related = ["article__law", "introduced_by"]
    autocomplete_fields = ["article", "introduced_by"]
    date_hierarchy = "valid_from"
    inlines = [PenaltyInline, CitationInline]

    def touched_articles(self, obj):
        return [obj.article_id]


@admin.register(Penalty)
class PenaltyAdmin(KeepsChangeEffects, GuardedAdmin):
    list_display = ["version", "part", "kind", "role", "min", "max", "unit", "certainty"]
    list_filter = ["kind", "role", "certainty"]
    search_fields = ["version__article__number", "note"]
    list_select_related = ["version__article__law"]
    autocomplete_fields = ["version"]
    inlines = [CitationInline]

    def touched_articles(self, obj):
        return [obj.version.article_id]


@admin.register(Amendment)
class AmendmentAdmin(KeepsChangeEffects, GuardedAdmin):
    list_display = ["number", "signed_on", "in_force_on", "in_force_certainty", "applied_at"]
    list_filter = ["in_force_certainty", "certainty", ("applied_at", admin.EmptyFieldListFilter)]
    search_fields = ["number", "title_en", "title_ru", "slug", "summary"]
    prepopulated_fields = {"slug": ["number"]}
    readonly_fields = ["applied_at", "applied_by"]
    date_hierarchy = "in_force_on"
    inlines = [ArticleChangeInline, CitationInline]
    actions = ["apply_selected"]

    def touched_articles(self, obj):
        return list(obj.changes.values_list("article_id", flat=True))

    @admin.action(
        description="Apply selected amendments (derive the new article versions)",
        permissions=["change"],
    )
    def apply_selected(self, request, queryset):
        for amendment in queryset.order_by("in_force_on"):
            if amendment.is_applied:
                self.message_user(request, f"{amendment} was already applied.", messages.INFO)
                continue
            try:
                created = amendment_apply(amendment=amendment, user=request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    f"{amendment} was not applied, nothing changed: " + " ".join(error.messages),
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request,
                    f"Applied {amendment}: {len(created)} new version(s).",
                    messages.SUCCESS,
                )


@admin.register(ArticleChange)
class ArticleChangeAdmin(KeepsChangeEffects, GuardedAdmin):
    list_display = ["amendment", "article", "action", "parts", "certainty"]
    list_filter = ["action", "amendment"]
    search_fields = ["article__number", "amendment__number", "description"]
    list_select_related = ["amendment", "article__law"]
    autocomplete_fields = ["amendment", "article"]
    inlines = [ChangedPenaltyInline]

    def touched_articles(self, obj):
        return [obj.article_id]


@admin.register(Source)
class SourceAdmin(GuardedAdmin):
    list_display = ["title", "publisher", "kind", "published_on", "current_to", "language"]
    list_filter = ["kind", "language"]
    search_fields = ["title", "publisher", "url", "archived_text"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CitationInline]


@admin.register(ConvictionStat)
class ConvictionStatAdmin(GuardedAdmin):
    list_display = ["__str__", "year", "period", "count", "qualifier", "counted_by", "certainty"]
    list_filter = ["year", "period", "qualifier", "measure", "certainty"]
    search_fields = ["article__number", "scope_label", "counted_by"]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]
    filter_horizontal = ["group_articles"]
    inlines = [CitationInline]


@admin.register(Citation)
class CitationAdmin(GuardedAdmin):
    list_display = ["source", "quote", "note"]
    search_fields = ["quote", "source__title", "source__publisher"]
    list_select_related = ["source"]
    autocomplete_fields = [
        "source",
        "law",
        "article",
        "version",
        "penalty",
        "amendment",
        "statistic",
    ]
