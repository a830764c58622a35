"""An amendment page's curated changes as HTML, written in Python.

An amendment page shows some 40 changes, each with its marks, penalties before and after and
links; through the template engine that loop was a third of the page's time (issue #22: about
7 ms of 19 at 100,000 articles). The HTML is that of includes/_amendment_change.html, byte for
byte, which stays as its specification: tests/pages/test_amendment_html.py holds the two to
the same output on every curated amendment.
"""

from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe

from pages.templatetags.dates import day
from pages.templatetags.marks import verdict_mark

NOT_APPLIED = (
    '\n  <p class="muted">Recorded, not applied: no version of the article is derived from '
    "this change yet, so it is not shown as part of the article's history.</p>\n  "
)
TABLE_HEAD = (
    '\n  <table class="penalty-diff">\n    <thead><tr><th scope="col">Part</th>'
    '<th scope="col">Before</th><th scope="col">After</th></tr></thead>\n    <tbody>'
)


def change_sections(rows, amendment, compare_url: str) -> SafeString:
    """Every row of pages.amendments.amendment_detail_context as its <section>."""
    return mark_safe("".join(change_section(row, amendment, compare_url) for row in rows))


def change_section(row: dict, amendment, compare_url: str) -> str:
    """One curated change: its heading with the verdict, description, the official text's
    note, and where applied, how it was merged, the penalties before and after, and links."""
    change = row["change"]
    html = [
        f'\n<section class="change" aria-labelledby="change-{change.pk}">\n'
        f'  <h4 id="change-{change.pk}"><a href="{esc(row["article_url"])}">'
        f"{esc(change.law_name)}, art. {esc(change.number)}</a> — {esc(row['action'])}"
    ]
    if change.parts:
        html.append(f" (parts {esc(change.parts)})")
    html.append("\n    ")
    if not row["applied"]:
        html.append("<mark>recorded, not applied</mark>")
    elif row["merged_into"]:
        html.append('<span class="verdict verdict-unknown">not assessed apart</span>')
    else:
        html.append(verdict_mark(row["verdict"]))
    html.append("</h4>\n  ")
    if change.description:
        html.append(f"<p>{esc(change.description)}</p>")
    html.append("\n  ")
    if row["official_note"]:
        html.append(
            '<p class="muted">The official text\'s note: '
            f'<span lang="ru">{esc(row["official_note"])}</span></p>'
        )
    html.append("\n  ")
    html.append(applied_part(row, amendment, compare_url) if row["applied"] else NOT_APPLIED)
    html.append("\n</section>\n")
    return "".join(html)


def applied_part(row: dict, amendment, compare_url: str) -> str:
    """An applied change's merge or same-day note, penalty table and links."""
    change, merged = row["change"], row["merged_into"]
    html = ["\n  "]
    if merged:
        html.append(
            f'<p>In force the same day as <a href="{esc(merged.introduced_by_url)}">'
            f"{esc(merged.introduced_by_number)}</a>, which opened the article's version from "
            f"{esc(day(merged.valid_from, 'j M Y'))}: this law's changes are merged into that "
            "version, so its effect is not assessed apart from that law's. Below: the "
            "penalties before both laws and after both.</p>\n  "
        )
    elif row["same_day"]:
        laws = ", ".join(
            f'<a href="{esc(other.get_absolute_url())}">{esc(other.number)}</a>'
            for other in row["same_day"]
        )
        html.append(
            f"<p>In force the same day as {laws}, which also changed this article: the "
            f"version from {esc(day(amendment.in_force_on, 'j M Y'))} holds both laws' "
            "changes, and the effect shown is theirs together.</p>"
        )
    html.append("\n  ")
    if row["penalty_rows"]:
        html.append(TABLE_HEAD)
        for part in row["penalty_rows"]:
            marked, arrow = (' class="changed"', "→ ") if part["changed"] else ("", "")
            html.append(
                f'<tr{marked}><th scope="row">{esc(part["part"])}</th>'
                f"<td>{esc(part['before'])}</td><td>{arrow}{esc(part['after'])}</td></tr>"
            )
        html.append("</tbody>\n  </table>\n  ")
    html.append("\n  ")
    before, after = row["before"], row["after"]
    if before and after:
        html.append(
            f'<p><a href="{esc(row["history_url"])}?from={esc(day(before.valid_from, "Y-m-d"))}'
            f'&amp;to={esc(day(after.valid_from, "Y-m-d"))}">Word-level differences</a> · '
            f'<a href="{esc(compare_url)}?articles={esc(change.law_slug)}:{esc(change.number)}'
            f'&amp;around={esc(amendment.slug)}">Compare before and after</a></p>'
        )
    html.append("\n  ")
    return "".join(html)
