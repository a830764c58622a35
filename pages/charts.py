"""Server-rendered SVG charts: penalty ranges, fines, ceilings over time, conviction counts.

Each function returns markup safe to put in a template. Every text is escaped here, each chart
has a <title> and <desc>, and each page shows a table with the same figures beside the chart.
"""

import math
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH = 760
LABEL_WIDTH = 230
RIGHT_PAD = 60
ROW = 30
TOP = 34
BOTTOM = 30
PLOT = WIDTH - LABEL_WIDTH - RIGHT_PAD
COLOURS = ["#0b4f8a", "#b3541e", "#2e7d32", "#6a1b9a", "#00838f", "#8d6e63"]


@dataclass
class RangeRow:
    label: str
    low: float | None
    high: float | None
    open_ended: bool = False  # life imprisonment: drawn to the axis end with an arrow
    note: str = ""


def nice_step(maximum: float, ticks: int = 6) -> float:
    raw = max(maximum, 1) / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def svg_open(height: int, title: str, desc: str, css_class: str) -> list[str]:
    return [
        f'<svg class="chart {css_class}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{css_class}-title {css_class}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{css_class}-title">{escape(title)}</title>',
        f'<desc id="{css_class}-desc">{escape(desc)}</desc>',
    ]


def axis(height: int, maximum: float, step: float, fmt) -> list[str]:
    parts = []
    value = 0.0
    while value <= maximum + 1e-9:
        x = LABEL_WIDTH + PLOT * value / maximum
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{height - BOTTOM}" class="grid"/>'
            f'<text x="{x:.1f}" y="{height - BOTTOM + 18}" class="tick" text-anchor="middle">'
            f"{escape(fmt(value))}</text>"
        )
        value += step
    return parts


def range_chart(
    rows: list[RangeRow], *, title: str, desc: str, unit: str, fmt=None, css_class="ranges"
):
    """Horizontal min–max bars on one axis; open-ended rows (life) run off the end."""
    if not rows:
        return ""
    fmt = fmt or (lambda v: f"{v:g}")
    highs = [row.high for row in rows if row.high is not None]
    lows = [row.low for row in rows if row.low is not None]
    maximum = max(highs + lows + [1])
    step = nice_step(maximum)
    maximum = math.ceil(maximum / step) * step
    height = TOP + ROW * len(rows) + BOTTOM
    parts = svg_open(height, title, desc, css_class)
    parts.append(f'<text x="{LABEL_WIDTH}" y="16" class="axis-label">{escape(unit)}</text>')
    parts += axis(height, maximum, step, fmt)
    for index, row in enumerate(rows):
        y = TOP + ROW * index
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 19}" class="row-label" text-anchor="end">'
            f"{escape(row.label)}</text>"
        )
        colour = COLOURS[index % len(COLOURS)]
        low = row.low or 0
        x1 = LABEL_WIDTH + PLOT * low / maximum
        if row.open_ended:
            x2 = LABEL_WIDTH + PLOT + 30
            parts.append(
                f'<rect x="{x1:.1f}" y="{y + 6}" width="{x2 - x1:.1f}" height="16" '
                f'class="bar life" fill="url(#life-hatch)" stroke="{colour}"/>'
                f'<text x="{x2 + 4:.1f}" y="{y + 19}" class="bar-note">life</text>'
            )
        elif row.high is not None:
            x2 = LABEL_WIDTH + PLOT * row.high / maximum
            width = max(x2 - x1, 3)
            parts.append(
                f'<rect x="{x1:.1f}" y="{y + 6}" width="{width:.1f}" height="16" '
                f'class="bar" fill="{colour}"><title>{escape(row.note or row.label)}</title></rect>'
            )
    parts.append(
        '<defs><pattern id="life-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f3e3e3"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#8a1111" stroke-width="3"/></pattern></defs>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def years_label(value: float) -> str:
    return f"{value:g}"


def roubles_label(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 1_000:
        return f"{value / 1_000:g}k"
    return f"{value:g}"


def bar_chart(rows: list[tuple[str, int, str]], *, title: str, desc: str, css_class="bars"):
    """Horizontal bars: (label, value, value text such as "≥ 28")."""
    if not rows:
        return ""
    maximum = max(value for _, value, _ in rows) or 1
    step = nice_step(maximum)
    maximum = math.ceil(maximum / step) * step
    height = TOP + ROW * len(rows) + BOTTOM
    parts = svg_open(height, title, desc, css_class)
    parts += axis(height, maximum, step, lambda v: f"{v:g}")
    for index, (label, value, value_text) in enumerate(rows):
        y = TOP + ROW * index
        width = max(PLOT * value / maximum, 2)
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 19}" class="row-label" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 6}" width="{width:.1f}" height="16" class="bar" '
            f'fill="{COLOURS[0]}"/>'
            f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{y + 19}" class="bar-note">'
            f"{escape(value_text)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def ceiling_timeline(
    steps: list[tuple[date, date | None, float | None, bool]],
    counts: list[tuple[int, int, str]],
    *,
    title: str,
    desc: str,
    today: date,
):
    """The maximum prison term per version as a step line, convictions per year as bars.

    steps: (valid_from, valid_to or None, max years or None, life?); counts: (year, n, text).
    """
    if not steps:
        return ""
    start = date(min([steps[0][0].year] + [year for year, _, _ in counts]), 1, 1)
    end = date(max(today.year, *[year for year, _, _ in counts] or [today.year]) + 1, 1, 1)
    span = (end - start).days or 1
    height = 260
    plot_top, plot_bottom = TOP, height - BOTTOM
    left, plot_width = 60, WIDTH - 60 - RIGHT_PAD
    term_max = max([(s[2] or 0) for s in steps] + [1])
    term_max = math.ceil(term_max / 5) * 5 + 5  # room above for "life"
    count_max = max([n for _, n, _ in counts] + [1])

    def x_of(day: date) -> float:
        return left + plot_width * (day - start).days / span

    def y_of_term(years: float) -> float:
        return plot_bottom - (plot_bottom - plot_top) * years / term_max

    parts = svg_open(height, title, desc, "timeline")
    parts.append(f'<text x="{left}" y="16" class="axis-label">max prison (years)</text>')
    parts.append(
        f'<text x="{WIDTH - RIGHT_PAD}" y="16" class="axis-label" text-anchor="end">'
        "convictions per year (bars)</text>"
    )
    for year in range(start.year, end.year + 1, max(1, (end.year - start.year) // 10 or 1)):
        x = x_of(date(year, 1, 1))
        parts.append(
            f'<line x1="{x:.1f}" y1="{plot_top}" x2="{x:.1f}" y2="{plot_bottom}" class="grid"/>'
            f'<text x="{x:.1f}" y="{plot_bottom + 18}" class="tick" '
            f'text-anchor="middle">{year}</text>'
        )
    for years in range(0, int(term_max) + 1, 5):
        y = y_of_term(years)
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">{years}</text>'
        )
    for year, n, text in counts:
        x1, x2 = x_of(date(year, 1, 1)), x_of(date(year + 1, 1, 1))
        bar_height = (plot_bottom - plot_top) * 0.8 * n / count_max
        top, width, middle = plot_bottom - bar_height, max(x2 - x1 - 4, 2), (x1 + x2) / 2
        parts.append(
            f'<rect x="{x1 + 2:.1f}" y="{top:.1f}" width="{width:.1f}" height="{bar_height:.1f}" '
            f'class="count-bar"><title>{year}: {escape(text)}</title></rect>'
            f'<text x="{middle:.1f}" y="{top - 4:.1f}" class="bar-note" '
            f'text-anchor="middle">{escape(text)}</text>'
        )
    points = []
    for valid_from, valid_to, max_years, life in steps:
        level = term_max if life else (max_years or 0)
        y = y_of_term(level)
        x1, x2 = x_of(valid_from), x_of(valid_to or today)
        points += [f"{x1:.1f},{y:.1f}", f"{x2:.1f},{y:.1f}"]
        if life:
            parts.append(f'<text x="{x1 + 4:.1f}" y="{y - 5:.1f}" class="bar-note">life</text>')
    parts.append(f'<polyline points="{" ".join(points)}" class="ceiling"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
