"""Thin views: parse the request, fetch a bundle from the QuerySet, render HTML, JSON or CSV."""

import re
from datetime import date
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django_filters.views import FilterView

from lawbase.errors import RETRY_AFTER_SECONDS, health_probe
from pages import charts, downloads
from pages.amendment_html import change_sections
from pages.amendments import amendment_detail_context, timeline_items
from pages.comparison import build_comparison, parse_article_keys
from pages.list_rows import list_rows
from pages.presenters import (
    article_context,
    article_or_404,
    asked_part,
    statistics_by_year,
    word_diff,
)
from provisions.changes import penalty_changes
from provisions.links import address
from provisions.milder import milder_law, rule_for
from provisions.models import (
    Amendment,
    Article,
    Citation,
    ConvictionStat,
    Law,
    Source,
    Topic,
)
from provisions.params import BadParameter, parse_day
from provisions.penalties import LABELS, version_on
from provisions.serializers import article_as_dict
from provisions.timeline import timeline_of
from search.engine import (
    NO_LAW_NAMED,
    cited_article,
    index_first_plan,
    only_punctuation,
)
from search.filters import ArticleFilter
from search.large_results import LARGE_PAGED
from search.listing import form_errors, list_page, list_payload, paginate, row_data
from search.sources import search_sources

JSON_OPTIONS = {"ensure_ascii": False, "indent": 1}
FORMATS = ("html", "json", "csv", "xlsx")
# The other lists (amendments, laws, sources, statistics, an article's versions): the page, or
# every matching row as a download (pages.downloads).
LIST_FORMATS = ("html", *downloads.FORMATS)


def requested_format(request) -> str:
    return request.GET.get("format") or "html"


def bad_request(request, message: str, errors=None):
    if requested_format(request) in downloads.FORMATS:
        payload = {"error": message, **({"errors": errors} if errors else {})}
        return JsonResponse(payload, status=400, json_dumps_params=JSON_OPTIONS)
    return render(request, "400.html", {"message": message, "errors": errors}, status=400)


def home(request):
    treason = ConvictionStat.objects.filter(
        article__law__slug="criminal-code", article__number="275"
    ).order_by("year")
    counts = statistics_by_year(treason)
    chart = charts.bar_chart(
        [(str(year), n, text) for year, n, text in counts],
        title="People convicted of treason (art. 275) per year",
        desc="Judicial Department figures as reported; the table beside gives the same numbers.",
        css_class="home-treason",
    )
    return render(
        request,
        "provisions/home.html",
        {
            "topics": Topic.objects.with_article_counts().order_by("name_en"),
            # The curated core: the official texts name some 1,900 other laws, not assessed.
            "latest_amendments": Amendment.objects.filter(assessed=True).order_by(
                "-in_force_on", "number"
            )[:6],
            "treason_counts": counts,
            "treason_chart": chart,
            "article_count": Article.objects.count(),
            "source_count": Source.objects.count(),
        },
    )


class ArticleListView(FilterView):
    """/provisions/: the filterable list, also as ?format=json and ?format=csv."""

    filterset_class = ArticleFilter
    template_name = "provisions/article_filter.html"

    def get_queryset(self):
        return Article.objects.all()

    def get_filterset_kwargs(self, filterset_class):
        # Always bound, so an empty query still gets the list columns and default order.
        return {**super().get_filterset_kwargs(filterset_class), "data": self.request.GET}

    def get(self, request, *args, **kwargs):
        fmt = requested_format(request)
        if fmt not in FORMATS:
            return bad_request(request, f"format must be one of {', '.join(FORMATS)}.")
        filterset = self.get_filterset(self.get_filterset_class())
        if not filterset.is_valid():
            errors = form_errors(filterset)
            if fmt != "html":
                return bad_request(request, "Some filters are not valid.", errors)
            return render(
                request,
                self.template_name,
                {"filter": filterset, "errors": errors, "rows": [], "facets": {}},
                status=400,
            )
        if fmt in ("csv", "xlsx"):
            return downloads.provisions(request, filterset.qs, fmt)
        query = filterset.form.cleaned_data.get("q") or ""
        # One planner block (and transaction) for the search's decision and the list: the
        # list's own block then nests in it and costs no statements of its own.
        with index_first_plan(query):
            if fmt == "html" and len(request.GET) == 1 and (target := cited_article(filterset)):
                return redirect(target)  # "ч. 1 ст. 275.1 УК РФ" goes straight to the article
            listed = list_page(
                filterset, request.GET, request.GET.get("page"), query, estimate=fmt == "html"
            )
        paginator, page, page_message = listed.paginator, listed.page, listed.page_message
        if fmt == "json":
            if page_message:  # the JSON shows no page: its message must not say it shows one
                return bad_request(request, page_message.split(";")[0] + "; none is shown.")
            return JsonResponse(list_payload(listed, request), json_dumps_params=JSON_OPTIONS)
        rows = [row_data(a, None, listed.snippets.get(a.pk)) for a in page.object_list]
        return render(
            request,
            self.template_name,
            {
                "filter": filterset,
                "rows": rows,
                "list_rows": list_rows(rows),
                "page_obj": page,
                "paginator": paginator,
                "page_message": page_message,
                "facets": facet_choices(listed.facets, filterset),
                "day": filterset.day,
                "query": query,
                "source_hits": search_sources(query) if query else [],
                "nothing_to_search": only_punctuation(query),
                "search": listed.search,
                # a large search's estimated count, "81,000" (search.large_results)
                "about": f"{listed.about:,}" if listed.about else "",
                # matches the facets would count, "36,000", when too many (large_facets)
                "facets_about": f"{listed.facets_about:,}" if listed.facets_about else "",
                "large_paged": f"{LARGE_PAGED:,}",
            },
        )


def facet_choices(facets, filterset) -> list[dict]:
    """Facets for the template, each choice with the link that picks it."""
    titles = {
        "law": "Law",
        "topic": "Topic",
        "penalty_kind": "Penalty kind",
        "penalty_unit": "Penalty measured in",
    }
    current = filterset.form.data
    return [
        {
            "name": name,
            "label": titles[name],
            "current": current.get(name, ""),
            "choices": [{**choice, "href": link(choice["value"])} for choice in choices],
        }
        for name, choices in facets.items()
        for link in [facet_link(current, name)]
    ]


def facet_link(current, name):
    """A function of a value: the link to the list as `current` (a QueryDict) with `name` set to
    that value and no page, as `current.copy()`, `[name] = value` and `urlencode()` would
    write it, encoding the other parameters once for all of the facet's choices."""
    query = current.copy()
    query.pop("page", None)
    query[name] = ""
    encoding = query.encoding
    pieces, at = [], 0
    for key, values in query.lists():
        if key == name:
            at = len(pieces)
        pieces.extend(urlencode({key.encode(encoding): str(v).encode(encoding)}) for v in values)

    def link(value) -> str:
        pieces[at] = urlencode({name.encode(encoding): str(value).encode(encoding)})
        return "?" + "&".join(pieces)

    return link


# `?part=2.1`: the part a link asks for (the search's citation redirect), said on the page
# when the wording shown lacks it.
PART_RE = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,3})?")


def article_detail(request, law, number):
    fmt = requested_format(request)
    try:
        as_of = parse_day(request.GET.get("as_of"), "as_of")
        committed_on = parse_day(request.GET.get("committed_on"), "committed_on")
    except BadParameter as error:
        return bad_request(request, str(error))
    if fmt not in ("html", "json"):
        return bad_request(request, "format must be html or json.")
    part = request.GET.get("part", "")
    if part and not PART_RE.fullmatch(part):
        return bad_request(request, "part must be a part number, such as 1 or 2.1.")
    article = article_or_404(law, number)
    if fmt == "json":
        return JsonResponse(article_as_dict(article, as_of), json_dumps_params=JSON_OPTIONS)
    today = date.today()
    timeline = timeline_of(article)
    shown = version_on(timeline.held_versions, as_of or today)
    context = article_context(article, shown, today, timeline)
    rule = rule_for(article.law.slug)
    if request.GET.get(NO_LAW_NAMED):  # reached from a bare number ("?q=275")
        context["same_number"] = list(
            Article.objects.filter(number=article.number)
            .exclude(pk=article.pk)
            .select_related("law")
            .order_by("law__short_name")
        )
    milder = milder_law(timeline, committed_on, today, rule) if committed_on and rule else None
    as_of_status = timeline.status_on(as_of) if as_of else None
    context.update(
        {
            "article": article,
            "as_of": as_of,
            "as_of_status": as_of_status,
            "today_status": timeline.status_on(today),
            "today": today,
            "milder": milder,
            "milder_rule": rule,
            "committed_on": committed_on,
            "asked_part": asked_part(timeline.held_versions, shown, part),
            "permalink": request.build_absolute_uri(
                article.get_absolute_url()
                + (f"?as_of={shown.valid_from.isoformat()}" if shown else "")
            ),
        }
    )
    return render(request, "provisions/article_detail.html", context)


def article_history(request, law, number):
    try:
        left_day = parse_day(request.GET.get("from"), "from")
        right_day = parse_day(request.GET.get("to"), "to")
    except BadParameter as error:
        return bad_request(request, str(error))
    fmt = requested_format(request)
    if fmt not in LIST_FORMATS:
        return bad_request(request, f"format must be one of {', '.join(LIST_FORMATS)}.")
    article = article_or_404(law, number)
    timeline = timeline_of(article)
    if fmt != "html":
        return downloads.versions(request, article, timeline, fmt)
    versions = timeline.held_versions
    by_start = {version.valid_from: version for version in versions}
    message = ""
    if (left_day and left_day not in by_start) or (right_day and right_day not in by_start):
        message = "No held wording starts on the date asked for; showing the latest change."
        left_day = right_day = None
    if left_day and right_day:
        left, right = by_start[left_day], by_start[right_day]
        if left.valid_from > right.valid_from:
            left, right = right, left
    else:
        right = versions[-1] if versions else None
        left = versions[-2] if len(versions) > 1 else None
    context = article_context(article, right, date.today(), timeline)
    between = unheld_between(timeline, left, right)
    context.update(
        {
            "article": article,
            "left": left,
            "right": right,
            "unheld_between": between,
            "message": message,
            "diff_ru": word_diff(left.text_ru, right.text_ru) if left and right else [],
            "diff_en": word_diff(left.text_en, right.text_en) if left and right else [],
            "penalty_rows": penalty_changes(left, right) if left and right else [],
        }
    )
    return render(request, "provisions/article_history.html", context)


def unheld_between(timeline, left, right) -> list:
    """The editions not held between two held versions (or before `right` when `left` is
    None): a diff of the two spans them all, and the page says so."""
    if right is None:
        return []
    return [
        period
        for period in timeline.editions
        if not period.held
        and (left is None or (period.valid_from and period.valid_from > left.valid_from))
        and (period.valid_from is None or period.valid_from < right.valid_from)
    ]


def compare(request):
    fmt = requested_format(request)
    try:
        as_of = parse_day(request.GET.get("as_of"), "as_of")
        keys = parse_article_keys(request.GET.get("articles", ""))
    except BadParameter as error:
        if fmt == "html":  # the form again, with what was wrong, not a dead end
            context = {"comparison": build_comparison([], date.today()), "error": str(error)}
            return render(request, "provisions/compare.html", context, status=400)
        return bad_request(request, str(error))
    if fmt not in ("html", "json"):
        return bad_request(request, "format must be html or json.")
    comparison = build_comparison(keys, as_of or date.today(), request.GET.get("around", ""))
    if fmt == "json":
        return JsonResponse(comparison.as_json(), json_dumps_params=JSON_OPTIONS)
    return render(
        request,
        "provisions/compare.html",
        {"comparison": comparison, "as_of": as_of, "keys": keys},
    )


AMENDMENTS_PER_PAGE = 50
ASSESSED_CHOICES = {"yes": True, "no": False}


def amendment_filters(params, laws) -> dict:
    """The timeline's filters from the query string, checked: effect (one of LABELS), law (a
    held law's slug), year (of in_force_on), assessed (yes or no). Raises BadParameter."""
    found = {name: (params.get(name) or "").strip() for name in ("effect", "law", "year")}
    found["assessed"] = (params.get("assessed") or "").strip()
    if found["effect"] and found["effect"] not in LABELS:
        raise BadParameter(f"effect must be one of {', '.join(LABELS)}.")
    if found["law"] and found["law"] not in {law.slug for law in laws}:
        raise BadParameter(
            f"law must be the slug of a law held here (see /laws/), not {shown(found['law'])}."
        )
    year = found["year"]
    if year and not (len(year) == 4 and year.isascii() and year.isdigit() and year >= "1800"):
        raise BadParameter(f"year must be a year from 1800 to 9999, not {shown(year)}.")
    if found["assessed"] and found["assessed"] not in ASSESSED_CHOICES:
        raise BadParameter(f"assessed must be yes or no, not {shown(found['assessed'])}.")
    return found


def shown(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:40] + "…")


def amendment_list(request):
    """The amendments timeline, 50 a page: first the amendments whose changes are assessed
    (the stored `Amendment.assessed`), newest first, then the others (most are only named by
    the official texts' editorial notes). Filters: ?effect= (the effect each change stored when its
    amendment was applied; one not applied reads as its action says, and its row is marked
    "recorded, not applied"), ?law=, ?year=, ?assessed=yes|no. Five queries a page."""
    fmt = requested_format(request)
    if fmt not in LIST_FORMATS:
        return bad_request(request, f"format must be one of {', '.join(LIST_FORMATS)}.")
    laws = list(Law.objects.order_by("short_name").only("slug", "short_name"))
    try:
        filters = amendment_filters(request.GET, laws)
    except BadParameter as error:
        return bad_request(request, str(error))
    ordered = Amendment.objects.order_by("-assessed", "-in_force_on", "number", "pk")
    if filters["effect"] or fmt != "html":
        # The page works each row's effect out from its changes (pages.amendments): in SQL
        # it costs four scans of every change on a large corpus.
        ordered = ordered.with_effect()
    if filters["effect"]:
        ordered = ordered.filter(effect=filters["effect"])
    if filters["law"]:
        ordered = ordered.touching_law(next(law for law in laws if law.slug == filters["law"]))
    if filters["year"]:
        ordered = ordered.filter(in_force_on__year=int(filters["year"]))
    if filters["assessed"]:
        ordered = ordered.filter(assessed=ASSESSED_CHOICES[filters["assessed"]])
    if fmt != "html":
        return downloads.amendments(request, ordered, fmt)
    paginator, page, page_message = paginate(ordered, request.GET.get("page"), AMENDMENTS_PER_PAGE)
    sections: list[dict] = []
    for item in timeline_items(page.object_list, laws):
        if not sections or sections[-1]["assessed"] != item["amendment"].assessed:
            sections.append({"assessed": item["amendment"].assessed, "years": {}})
        sections[-1]["years"].setdefault(item["amendment"].in_force_on.year, []).append(item)
    return render(
        request,
        "provisions/amendment_list.html",
        {
            "sections": sections,
            "filters": filters,
            "filtered": any(filters.values()),
            "laws": laws,
            "labels": LABELS,
            "page_obj": page,
            "paginator": paginator,
            "page_message": page_message,
        },
    )


def amendment_detail(request, slug):
    """An amending law: the articles it touched (curated changes with their penalties before
    and after and their effect, then the articles only its editorial notes name, not
    assessed) and its sources. Eight queries, whatever the number of articles
    (pages.amendments)."""
    amendment = get_object_or_404(Amendment.objects.select_related("act"), slug=slug)
    context = amendment_detail_context(amendment)
    sections = change_sections(context["rows"], amendment, address("provisions:compare"))
    return render(
        request,
        "provisions/amendment_detail.html",
        {"amendment": amendment, **context, "change_sections": sections},
    )


def statistics(request):
    fmt = requested_format(request)
    if fmt not in LIST_FORMATS:
        return bad_request(request, f"format must be one of {', '.join(LIST_FORMATS)}.")
    stats = (
        ConvictionStat.objects.select_related("article__law")
        .prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source")),
        )
        .order_by("article__sort_key", "year", "period", "measure", "pk")
    )
    if fmt != "html":
        return downloads.statistics(request, list(stats), fmt)
    # The page lists 50 counts (issue #22: every count of a large corpus was 9,107 rows); the
    # downloads stay whole. The chart draws the page's whole-year counts.
    paginator, page, page_message = paginate(stats, request.GET.get("page"))
    stats = list(page.object_list)
    rows = [
        (
            f"Art. {s.article.number} · {s.year}",
            s.count,
            ("≥ " if s.qualifier == "at_least" else "") + str(s.count),
        )
        for s in stats
        if s.article_id and s.period == "year" and s.measure == "convicted"
    ]
    chart = charts.bar_chart(
        rows,
        title="People convicted per article and year",
        desc="Whole-year conviction counts per article as reported; the table lists every "
        "count with its source, including half-year and group counts.",
        css_class="statistics",
    )
    return render(
        request,
        "provisions/statistics.html",
        {
            "stats": stats,
            "chart": chart,
            "page_obj": page,
            "paginator": paginator,
            "page_message": page_message,
        },
    )


def healthz(request):
    """For a load balancer: the app answers; 200 when the database does too (within
    lawbase.errors.HEALTH_DEADLINE), else 503 with Retry-After."""
    if health_probe.database_answers():
        return JsonResponse({"app": "ok", "database": "ok"})
    response = JsonResponse({"app": "ok", "database": "unavailable"}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
