"""`{% change_sections %}` of provisions/amendment_detail.html: one <section> per curated change
of an amendment, written in Python.

An amendment page shows some 40 changes, each with its penalties per part before and after:
about 1,500 template variables and tags, a third of the page's time computed from scratch
(issue #22). Built here with f-strings they cost a tenth. The HTML is what the template wrote,
byte for byte, line by line (its indentation and the blank lines an unmet condition leaves);
values are escaped as the template's autoescape does, and the marks and dates come from the
same tags and filters (pages.templatetags.marks, pages.templatetags.dates).
"""

from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe

from pages.templatetags.dates import day
from pages.templatetags.marks import verdict_mark

NOT_APPLIED = (
    '  <p class="muted">Recorded, not applied: no version of the article is derived from this'
    " change yet, so it is not shown as part of the article's history.</p>\n"
)
TABLE_HEAD = (
    '<thead><tr><th scope="col">Part</th><th scope="col">Before</th>'
    '<th scope="col">After</th></tr></thead>'
)


def change_sections(rows, amendment, compare_url: str) -> str:
    """Every row of pages.amendments.amendment_detail_context as its <section>."""
    return mark_safe("".join(change_section(row, amendment, compare_url) for row in rows))


def change_section(row, amendment, compare_url: str) -> str:
    change = row["change"]
    parts = f" (parts {esc(change.parts)})" if change.parts else ""
    if not row["applied"]:
        mark = "<mark>recorded, not applied</mark>"
    elif row["merged_into"]:
        mark = '<span class="verdict verdict-unknown">not assessed apart</span>'
    else:
        mark = verdict_mark(row["verdict"])
    html = (
        f'\n<section class="change" aria-labelledby="change-{change.pk}">\n'
        f'  <h4 id="change-{change.pk}"><a href="{esc(row["article_url"])}">'
        f"{esc(change.law_name)}, art. {esc(change.number)}</a> — {esc(row['action'])}{parts}\n"
        f"    {mark}</h4>\n"
    )
    html += f"  <p>{esc(change.description)}</p>\n" if change.description else "  \n"
    if row["official_note"]:
        html += (
            f'  <p class="muted">The official text\'s note: <span lang="ru">'
            f"{esc(row['official_note'])}</span></p>\n"
        )
    else:
        html += "  \n"
    html += "  \n" + (
        NOT_APPLIED if not row["applied"] else applied_part(row, amendment, compare_url)
    )
    return html + "  \n</section>\n"


def applied_part(row, amendment, compare_url: str) -> str:
    """The lines of an applied change: same-day laws, the penalties table, the links."""
    merged = row["merged_into"]
    if merged:
        same_day = (
            f'<p>In force the same day as <a href="{esc(merged.introduced_by_url)}">'
            f"{esc(merged.introduced_by_number)}</a>, which opened the article's version from "
            f"{esc(day(merged.valid_from, 'j M Y'))}: this law's changes are merged into that"
            " version, so its effect is not assessed apart from that law's. Below: the"
            " penalties before both laws and after both.</p>\n  "
        )
    elif row["same_day"]:
        laws = ", ".join(
            f'<a href="{esc(other.get_absolute_url())}">{esc(other.number)}</a>'
            for other in row["same_day"]
        )
        same_day = (
            f"<p>In force the same day as {laws}, which also changed this article: the version"
            f" from {esc(day(amendment.in_force_on, 'j M Y'))} holds both laws' changes, and"
            " the effect shown is theirs together.</p>"
        )
    else:
        same_day = ""
    html = f"  {same_day}\n  "
    if row["penalty_rows"]:
        cells = "".join(penalty_row(p) for p in row["penalty_rows"])
        html += (
            '\n  <table class="penalty-diff">\n'
            f"    {TABLE_HEAD}\n"
            f"    <tbody>{cells}</tbody>\n"
            "  </table>\n  "
        )
    html += "\n  "
    before, after, change = row["before"], row["after"], row["change"]
    if before and after:
        html += (
            f'<p><a href="{esc(row["history_url"])}?from={esc(day(before.valid_from, "Y-m-d"))}'
            f'&amp;to={esc(day(after.valid_from, "Y-m-d"))}">Word-level differences</a> · '
            f'<a href="{esc(compare_url)}?articles={esc(change.law_slug)}:{esc(change.number)}'
            f'&amp;around={esc(amendment.slug)}">Compare before and after</a></p>'
        )
    return html + "\n"


def penalty_row(p: dict) -> str:
    """One part of provisions.changes.part_changes: before → after, marked where it changed."""
    opening, arrow = ('<tr class="changed">', "→ ") if p["changed"] else ("<tr>", "")
    return (
        f'{opening}<th scope="row">{esc(p["part"])}</th><td>{esc(p["before"])}</td>'
        f"<td>{arrow}{esc(p['after'])}</td></tr>"
    )
