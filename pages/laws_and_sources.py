"""The pages of the laws and sources held: the lists, a law with its articles and the totals
of what is held of it, a source with the facts it supports."""

import re
from datetime import date

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render

from pages import downloads
from pages.templatetags.language import is_russian
from pages.views import LIST_FORMATS, bad_request, requested_format
from provisions.models import (
    MAX_SOURCE_CITATIONS,
    Article,
    Citation,
    EditorialNote,
    Law,
    Origin,
    Source,
)
from provisions.models.amendments import repeals_estimated
from provisions.models.laws import LAW_TOTALS
from provisions.whole_article_notes import ACT_REPEAL_NOTE_START
from search.listing import paginate, row_data


def law_list(request):
    fmt = requested_format(request)
    if fmt not in LIST_FORMATS:
        return bad_request(request, f"format must be one of {', '.join(LIST_FORMATS)}.")
    laws = Law.objects.annotate(article_count=Count("articles")).order_by("kind", "short_name")
    if fmt != "html":
        return downloads.laws(request, laws, fmt)
    return render(request, "provisions/law_list.html", {"laws": laws})


# "Глава 3. …", "ГЛАВА 3. …", "Глава 24" (the texts held set a chapter's heading each its own
# way) and a curated "Chapter 29. …" are one chapter: its number.
# The number whole: the Tax Code's "Глава 14.4-1" is not its "Глава 14.4".
CHAPTER_NUMBER_RE = re.compile(
    r"^\s*(?:глава|chapter)\s+(\d+(?:[.-]\d+)*)(?=\.?(?:\s|$))", re.IGNORECASE
)


def chapter_groups(rows) -> dict[str, list]:
    """{heading: [row, …]} of `rows` ((chapter heading, row) pairs, in the law's order), one
    group per chapter number however its heading is set, under the first heading in Russian
    with a title (else the first in Russian, else the first); rows of no chapter under
    "Articles"."""
    groups: dict[str, tuple[list, list]] = {}
    for heading, row in rows:
        heading = heading or "Articles"
        number = CHAPTER_NUMBER_RE.match(heading)
        key = number.group(1) if number else " ".join(heading.split()).casefold()
        headings, grouped = groups.setdefault(key, ([], []))
        headings.append(heading)
        grouped.append(row)
    return {best_heading(headings): grouped for headings, grouped in groups.values()}


def best_heading(headings: list[str]) -> str:
    russian = [h for h in headings if is_russian(h)]
    titled = [h for h in russian if not CHAPTER_NUMBER_RE.fullmatch(h.strip().rstrip("."))]
    return (titled or russian or headings)[0]


def law_detail(request, slug):
    today = date.today()
    law = get_object_or_404(
        Law.objects.prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source")),
            Prefetch("amendments_as_act"),
        ),
        slug=slug,
    )
    # A query of their own, with the law's id known (LawQuerySet.with_totals).
    totals = Law.objects.filter(pk=law.pk).with_totals(today, law=law).values(*LAW_TOTALS)
    for name, value in totals.get().items():
        setattr(law, name, value)
    # 50 articles a page (issue #22: КоАП holds over a thousand); a chapter that runs across
    # pages is headed again on each. A bad ?page= shows page 1 or the last with a message.
    articles = (
        Article.objects.filter(law=law)
        .with_list_columns(today, texts=False)
        .order_by("sort_key", "pk")
    )
    paginator, page, page_message = paginate(articles, request.GET.get("page"))
    page.object_list = list(page.object_list)
    repeals_estimated(page.object_list, today)
    chapters = chapter_groups((article.chapter, row_data(article)) for article in page.object_list)
    # The in-force date's basis: the citations noted "in force …" (the code's own sentence, or
    # the enacting law's), which also say why there is no date where there is none.
    in_force_citations = [c for c in law.citations.all() if c.note.startswith("in force")]
    other_citations = [c for c in law.citations.all() if c not in in_force_citations]
    unknown_because = ""
    if law.in_force_on is None:
        if in_force_citations:
            unknown_because = in_force_citations[0].note.removeprefix("in force").strip()
        elif law.origin == Origin.OFFICIAL:
            unknown_because = "not found in the official text"
        else:
            unknown_because = "no source held here states it"
    return render(
        request,
        "provisions/law_detail.html",
        {
            "law": law,
            "act_repeal": act_repeal_of(law),
            "chapters": chapters,
            "in_force_citations": in_force_citations,
            "other_citations": other_citations,
            "in_force_unknown_because": unknown_because,
            "page_obj": page,
            "paginator": paginator,
            "page_message": page_message,
        },
    )


def act_repeal_of(law: Law) -> EditorialNote | None:
    """The note the import wrote on the law's articles where its official text says the whole
    act was repealed (pravo.parsing.act_repeal: "Утратил силу - Федеральный закон от …"), with
    its amendment; None where none does."""
    return (
        EditorialNote.objects.filter(
            article__law=law, kind="repealed", parts="", note__startswith=ACT_REPEAL_NOTE_START
        )
        .select_related("amendment")
        .order_by()
        .first()
    )


def source_list(request):
    fmt = requested_format(request)
    if fmt not in LIST_FORMATS:
        return bad_request(request, f"format must be one of {', '.join(LIST_FORMATS)}.")
    sources = Source.objects.annotate(citation_count=Count("citations")).order_by(
        "publisher", "title"
    )
    if fmt != "html":
        return downloads.sources(request, sources, fmt)
    return render(request, "provisions/source_list.html", {"sources": sources})


def source_detail(request, pk):
    source = get_object_or_404(Source.objects.for_detail(), pk=pk)
    citations = source.citations.first_shown()
    return render(
        request,
        "provisions/source_detail.html",
        {"source": source, "citations": citations, "shown": MAX_SOURCE_CITATIONS},
    )
