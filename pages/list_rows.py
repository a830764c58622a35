"""The list's result rows as HTML, written in Python.

A list page shows 50 rows of seven cells each; through the template engine that loop cost some
3 ms of a page whose target is 25 (issue #22). The HTML is that of includes/_list_row.html, byte
for byte, which stays as its specification: tests/pages/test_list_rows.py holds the two to the
same output on lists of every kind of row (searched, Russian, without a wording, uncertain).
"""

from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe

from pages.templatetags.language import lang_ru
from pages.templatetags.marks import certainty


def list_rows(rows: list[dict]) -> SafeString:
    """Every row of the list (search.listing.row_data) as its <tr>, as the loop wrote them."""
    return mark_safe("".join(map(list_row, rows)))


def list_row(row: dict) -> str:
    url, title = esc(row["url"]), row["title"]
    russian_title = ""
    if row["title_ru"] and row["title_en"]:
        russian_title = f'<br><span lang="ru" class="muted">{esc(row["title_ru"])}</span>'
    snippet = row["snippet"]
    if snippet:
        snippet = f'<p class="snippet"{lang_ru(snippet)}>{esc(snippet)}</p>'
    return (
        f"\n        <tr>\n          <td>{esc(row['law_name'])}</td>\n"
        f'          <td><a href="{url}">{esc(row["number"])}</a></td>\n'
        f'          <td><a href="{url}"{lang_ru(title)}>{esc(title)}</a>{russian_title}\n'
        f"            {snippet}</td>\n"
        f"          <td>{esc(row['penalty_summary'])}</td>\n"
        f"          <td>{esc(row['last_amended'] or '—')}</td>\n"
        f"          <td>{certainty(row['certainty']) if row['certainty'] else '—'}</td>\n"
        "        </tr>\n      "
    )
