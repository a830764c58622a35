"""`{% certainty value %}` and `{% verdict_mark verdict %}`: the certainty and verdict marks of
includes/_certainty.html and includes/_verdict.html, written in Python.

The article, compare and amendment pages print a mark per penalty, edition and change (an
amendment page some 40 verdicts, a КоАП article's timeline hundreds of marks); an `{% include %}`
costs some 40 µs each in context pushes and node rendering, these a few µs. The HTML is the
includes' own, byte for byte, with the newline that ends each file; the includes stay for the
other templates, and tests/pages/test_marks.py holds the two to the same output.
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

CERTAINTY_TITLES = {
    "confirmed": "Supported by a quoted source",
    "inferred": "Inferred from indirect evidence",
    "extracted": "Read automatically out of the official text",
}
UNVERIFIED_TITLE = "Not verified in any source we hold"


@register.simple_tag
def certainty(value):
    """includes/_certainty.html: `<span class="certainty certainty-…" title="…">…</span>\\n`."""
    shown = conditional_escape(value)
    title = CERTAINTY_TITLES.get(value, UNVERIFIED_TITLE)
    return mark_safe(f'<span class="certainty certainty-{shown}" title="{title}">{shown}</span>\n')


@register.simple_tag
def verdict_mark(verdict):
    """includes/_verdict.html for a provisions.penalties Verdict (label, reasons): the label,
    or "not assessed", with its reasons; a verdict whose first reason says it was not
    assessed shows that reason alone."""
    label, reasons = verdict.label, verdict.reasons
    joined = "; ".join(conditional_escape(reason) for reason in reasons)
    if label == "unknown" and reasons and str(reasons[0])[:12] == "not assessed":
        return mark_safe(f'<span class="verdict verdict-unknown">{joined}</span>\n')
    shown = "not assessed" if label == "unknown" else conditional_escape(label)
    html = f'<span class="verdict verdict-{conditional_escape(label)}">{shown}</span>'
    if reasons:
        html += f' <span class="verdict-reasons">({joined})</span>'
    return mark_safe(html + "\n")
