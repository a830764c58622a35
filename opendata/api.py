"""The read-only JSON API under /api/, with its OpenAPI schema at /api/openapi.json.

django-ninja: typed schemas from the same pydantic models that validate the responses, a
generated OpenAPI 3 document and bundled (CDN-free) docs, with little code. The article
endpoint returns the article JSON contract unchanged; lists share the site's FilterSet. The
schemas live in opendata.schemas.
"""

from django.db.models import Count, Prefetch
from django.http import Http404
from ninja import NinjaAPI, Query
from ninja.errors import ValidationError as NinjaValidationError

from opendata.schemas import (
    AmendmentDetail,
    AmendmentOut,
    AmendmentPage,
    ArticleFilters,
    ArticleOut,
    ArticlePage,
    Error,
    IsoDay,
    LawOut,
    LawPage,
    Paging,
    SourceDetail,
    SourceOut,
    SourcePage,
    StatisticPage,
)
from provisions.changes import change_rows
from provisions.fetching import article_for_detail
from provisions.models import (
    Amendment,
    Article,
    Citation,
    ConvictionStat,
    Law,
    Source,
)
from provisions.serializers import (
    article_as_dict,
    citation_as_dict,
    penalty_as_dict,
    statistic_as_dict,
)
from search.filters import ArticleFilter
from search.listing import form_errors, list_page, list_payload, paginate


class LawBaseAPI(NinjaAPI):
    """The API whose OpenAPI operation ids stay what clients generated from the schema know:
    django-ninja derives them from the view's module, which moved from provisions.api to
    opendata.api in the house rebuild (issue #15)."""

    def get_openapi_operation_id(self, operation) -> str:
        return f"provisions_api_{operation.view_func.__name__}"


api = LawBaseAPI(
    title="LawBase API",
    version="1",
    description=(
        "Read-only open data on Russia's repressive-law provisions: laws, articles with their "
        "versions and penalties, amendments, sources with quotes, conviction statistics. "
        "Every response carries ETag and Last-Modified; conditional requests get 304."
    ),
    urls_namespace="api",
    docs_url="/docs/",
    openapi_url="/openapi.json",
)


class BadRequest(Exception):
    def __init__(self, message: str, errors: dict | None = None):
        super().__init__(message)
        self.message, self.errors = message, errors


@api.exception_handler(BadRequest)
def bad_request(request, exc):
    return api.create_response(request, {"error": exc.message, "errors": exc.errors}, status=400)


@api.exception_handler(NinjaValidationError)
def invalid_parameters(request, exc):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        name = ".".join(str(part) for part in error.get("loc", [])[1:]) or "request"
        errors.setdefault(name, []).append(str(error.get("msg", "invalid")))
    return api.create_response(
        request, {"error": "Some parameters are not valid.", "errors": errors}, status=400
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"error": str(exc) or "Not found."}, status=404)


def past_the_end(requested: int, pages: int) -> BadRequest:
    """The list pages show the last page with a note; the API shows none and says so."""
    return BadRequest(f"Page {requested} is past the end: there are {pages} page(s).")


def page_of(queryset, paging: Paging, convert) -> dict:
    paginator, page, message = paginate(queryset, str(paging.page), paging.page_size)
    if message:
        raise past_the_end(paging.page, paginator.num_pages)
    return {
        "count": paginator.count,
        "page": page.number,
        "num_pages": paginator.num_pages,
        "results": [convert(item) for item in page.object_list],
    }


def law_out(law, request) -> dict:
    return {
        **{field: getattr(law, field) for field in LawOut.model_fields if hasattr(law, field)},
        "article_count": law.article_count,
        "url": request.build_absolute_uri(f"/api/laws/{law.slug}"),
    }


@api.get("/laws", response={200: LawPage, 400: Error}, tags=["laws"])
def laws(request, paging: Query[Paging]):
    queryset = Law.objects.annotate(article_count=Count("articles")).order_by("slug")
    return page_of(queryset, paging, lambda law: law_out(law, request))


@api.get("/laws/{slug}", response={200: LawOut, 400: Error, 404: Error}, tags=["laws"])
def law(request, slug: str):
    found = Law.objects.annotate(article_count=Count("articles")).filter(slug=slug).first()
    if found is None:
        raise Http404(f"No law {slug!r}.")
    return law_out(found, request)


@api.get("/articles", response={200: ArticlePage, 400: Error}, tags=["articles"])
def articles(request, filters: Query[ArticleFilters]):
    """The provisions list with every filter of /provisions/ (same meanings, same order)."""
    data = request.GET.copy()
    data.pop("page_size", None)
    filterset = ArticleFilter(data, queryset=Article.objects.all())
    if not filterset.is_valid():
        raise BadRequest("Some filters are not valid.", form_errors(filterset))
    query = filterset.form.cleaned_data.get("q") or ""
    listed = list_page(filterset, data, str(filters.page), query, filters.page_size)
    if listed.page_message:
        raise past_the_end(filters.page, listed.paginator.num_pages)
    return list_payload(listed, request)


@api.get(
    "/articles/{law}/{number}",
    response={200: ArticleOut, 400: Error, 404: Error},
    tags=["articles"],
)
def article(request, law: str, number: str, as_of: IsoDay | None = None):
    """An article with its versions, penalties, sources and statistics (`as_of`: one day,
    YYYY-MM-DD)."""
    day = as_of
    found = article_for_detail(law__slug=law, number=number)
    if found is None:
        raise Http404(f"No article {number!r} in {law!r}.")
    return article_as_dict(found, day)


def amendment_out(amendment, request) -> dict:
    fields = {
        name: getattr(amendment, name)
        for name in AmendmentOut.model_fields
        if name not in ("applied", "url")
    }
    return {
        **fields,
        "applied": amendment.applied_at is not None,
        "url": request.build_absolute_uri(f"/api/amendments/{amendment.slug}"),
    }


@api.get("/amendments", response={200: AmendmentPage, 400: Error}, tags=["amendments"])
def amendments(request, paging: Query[Paging]):
    queryset = Amendment.objects.order_by("-in_force_on", "number", "slug")
    return page_of(queryset, paging, lambda amendment: amendment_out(amendment, request))


@api.get("/amendments/{slug}", response={200: AmendmentDetail, 404: Error}, tags=["amendments"])
def amendment(request, slug: str):
    """An amending law: its curated changes (penalties before and after, effect), every
    article it touched (`touched_articles`) and its sources. Six queries in all."""
    found = Amendment.objects.for_detail(notes=True).filter(slug=slug).first()
    if found is None:
        raise Http404(f"No amendment {slug!r}.")
    changes = []
    for row in change_rows(found):
        change = row["change"]
        changes.append(
            {
                "law": change.article.law.slug,
                "article": change.article.number,
                "action": change.action,
                "parts": change.parts,
                "description": change.description,
                "effect": row["verdict"].label,
                "effect_reasons": row["verdict"].reasons,
                "penalties_before": penalties_of(row["before"]),
                "penalties_after": penalties_of(row["after"]),
                "applied": found.is_applied,
            }
        )
    return {
        **amendment_out(found, request),
        "changes": changes,
        "touched_articles": [
            {
                "law": item.article.law.slug,
                "number": item.article.number,
                "parts": item.parts,
                "source": item.source,
                "kind": item.kind,
                "note": item.note,
                "official_note": item.official_note,
                "url": request.build_absolute_uri(item.article.get_absolute_url()),
            }
            for item in found.touched_articles()
        ],
        "sources": [
            citation_as_dict(citation, f"amendment {found.number}")
            for citation in found.citations.all()
        ],
    }


def penalties_of(version) -> list[dict]:
    return [penalty_as_dict(penalty) for penalty in version.penalties.all()] if version else []


def source_out(source) -> dict:
    return {
        **{name: getattr(source, name) for name in SourceOut.model_fields if name != "url"},
        "url": source.url or None,
        "citation_count": source.citation_count,
    }


@api.get("/sources", response={200: SourcePage, 400: Error}, tags=["sources"])
def sources(request, paging: Query[Paging]):
    queryset = Source.objects.annotate(citation_count=Count("citations")).order_by("id")
    return page_of(queryset, paging, source_out)


@api.get(
    "/sources/{source_id}", response={200: SourceDetail, 400: Error, 404: Error}, tags=["sources"]
)
def source(request, source_id: int):
    found = Source.objects.for_detail().filter(pk=source_id).first()
    if found is None:
        raise Http404(f"No source {source_id}.")
    citations = found.citations.first_shown()
    return {
        **source_out(found),
        "archived_text": found.archived_text,
        "citations": [{"quote": c.quote, "supports": describe_target(c)} for c in citations],
    }


def describe_target(citation) -> str:
    if citation.penalty_id:
        penalty = citation.penalty
        return f"art. {penalty.version.article.number}, part {penalty.part}: {penalty.summary()}"
    if citation.version_id:
        version = citation.version
        return f"art. {version.article.number}, version from {version.valid_from}"
    if citation.article_id:
        return f"art. {citation.article.number}"
    if citation.amendment_id:
        return f"amendment {citation.amendment.number}"
    if citation.statistic_id:
        return f"statistic: {citation.statistic}"
    return f"law {citation.law.short_name}" if citation.law_id else ""


@api.get("/statistics", response={200: StatisticPage, 400: Error}, tags=["statistics"])
def statistics(request, paging: Query[Paging]):
    queryset = (
        ConvictionStat.objects.select_related("article__law")
        .prefetch_related(Prefetch("citations", queryset=Citation.objects.select_related("source")))
        .order_by("year", "period", "id")
    )

    def convert(stat):
        return {
            **statistic_as_dict(stat),
            "law": stat.article.law.slug if stat.article_id else None,
            "article": stat.article.number if stat.article_id else None,
        }

    return page_of(queryset, paging, convert)
