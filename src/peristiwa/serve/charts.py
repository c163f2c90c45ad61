"""Charts as inline SVG, drawn on the server.

The pages must work with no internet and no JavaScript build step, so there is no chart library to
load at all: each chart is a few SVG elements computed here. Every label goes through
:func:`markupsafe.escape` because actor codes and names come from the store (that is, from news
text) and must never become markup. Each chart carries a ``<title>``/``<desc>`` and a
``role="img"`` so screen readers announce what it shows; the pages also show the numbers as tables.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

QUAD_COLOURS = {1: "#2b7bb9", 2: "#1a9850", 3: "#f29e2e", 4: "#c0392b"}
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def _svg(width: int, height: int, title: str, body: str, css: str = "chart") -> Markup:
    t = escape(title)
    return Markup(
        f'<svg class="{css}" viewBox="0 0 {width} {height}" role="img" aria-label="{t}" '
        f'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{t}</title>{body}</svg>"
    )


def network(centre: str, others: Sequence[tuple[str, int, float]], title: str, size: int = 420) -> Markup:
    """The actor in the middle, its counterparts on a circle; edge width by stories, colour by tone.

    A radial layout needs no physics simulation and stays readable for the twenty counterparts shown.
    """
    c = size / 2
    radius = size / 2 - 60
    top = max((n for _, n, _ in others), default=1) or 1
    edges, nodes = [], []
    for i, (code, n, goldstein) in enumerate(others):
        angle = 2 * math.pi * i / max(len(others), 1) - math.pi / 2
        x, y = c + radius * math.cos(angle), c + radius * math.sin(angle)
        colour = "#1a9850" if goldstein > 0 else "#c0392b" if goldstein < 0 else "#777"
        edges.append(
            f'<line x1="{c:.1f}" y1="{c:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{colour}" '
            f'stroke-width="{1 + 7 * n / top:.1f}" stroke-opacity="0.7"><title>{escape(centre)} – '
            f"{escape(code)}: {n} stories, mean Goldstein {goldstein:+.2f}</title></line>"
        )
        nodes.append(
            f'<a href="/actors/{escape(code)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#444"/>'
            f'<text x="{x:.1f}" y="{y - 10:.1f}" font-size="12" text-anchor="middle">'
            f"{escape(code)}</text></a>"
        )
    centre_node = (
        f'<circle cx="{c}" cy="{c}" r="10" fill="#2b7bb9"/>'
        f'<text x="{c}" y="{c + 26}" font-size="13" font-weight="bold" text-anchor="middle">'
        f"{escape(centre)}</text>"
    )
    return _svg(size, size, title, "".join(edges) + "".join(nodes) + centre_node)


# ------------------------------------------------------------------------------------ time axes
# Every time chart places a bucket at its real date: an empty week is an empty stretch of axis, and
# twelve months take twelve times the room of one. Ticks fall on calendar boundaries (weeks, months,
# years) chosen so that about six are labelled whatever the span.

PAD_L, PAD_R, PAD_T, PAD_B = 40, 12, 10, 34
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def add_months(d: date, months: int) -> date:
    """The first of the month ``months`` after ``d``'s month."""
    m = d.year * 12 + d.month - 1 + months
    return date(m // 12, m % 12 + 1, 1)


def bucket_end(start: date, every: str) -> date:
    """The first day after the bucket that starts at ``start`` (week or month)."""
    return start + timedelta(days=7) if every == "week" else add_months(start, 1)


@dataclass(frozen=True, slots=True)
class TimeScale:
    """Dates [start, end) onto x pixels [x0, x1], linearly: one day is the same width everywhere."""

    start: date
    end: date
    x0: float
    x1: float

    def x(self, d: date) -> float:
        days = max((self.end - self.start).days, 1)
        return self.x0 + (d - self.start).days / days * (self.x1 - self.x0)

    def ticks(self) -> list[tuple[date, str]]:
        """Calendar ticks inside the span: weeks under ~4 months, then months, then years."""
        days = (self.end - self.start).days
        if days <= 120:
            first = self.start + timedelta(days=(7 - self.start.weekday()) % 7)
            step = max(1, round(days / 7 / 6))
            out, d = [], first
            while d < self.end:
                out.append((d, f"{d.day} {MONTH_ABBR[d.month - 1]}"))
                d += timedelta(days=7 * step)
            return out
        if days <= 3 * 366:
            step = next(s for s in (1, 2, 3, 6, 12) if days / 30.4 / s <= 8)
            d = add_months(self.start, 0 if self.start.day == 1 else 1)
            while (d.month - 1) % step:
                d = add_months(d, 1)
            out = []
            while d < self.end:
                label = str(d.year) if d.month == 1 else MONTH_ABBR[d.month - 1]
                if not out and d.month != 1:
                    label = f"{MONTH_ABBR[d.month - 1]} {d.year}"
                out.append((d, label))
                d = add_months(d, step)
            return out
        step = next(s for s in (1, 2, 5, 10, 20, 50) if days / 365.25 / s <= 8)
        year = self.start.year + (0 if (self.start.month, self.start.day) == (1, 1) else 1)
        year += -year % step
        return [
            (date(y, 1, 1), str(y)) for y in range(year, self.end.year + 1, step) if date(y, 1, 1) < self.end
        ]


def nice_top(value: float) -> tuple[float, float]:
    """A round axis maximum for counts at or above ``value``, and a whole-number gridline step
    (1, 2, 5, 10, 20, 50 ...) giving at most five gridlines above zero."""
    exp = 1
    while True:
        for m in (1, 2, 5):
            step = m * exp
            if math.ceil(max(value, 1) / step) <= 5:
                return float(math.ceil(max(value, 1) / step) * step), float(step)
        exp *= 10


def _x_axis(scale: TimeScale, y: float, height: int) -> list[str]:
    parts = [
        f'<line class="x-axis" x1="{scale.x0:.1f}" y1="{y:.1f}" x2="{scale.x1:.1f}" y2="{y:.1f}" '
        'stroke="#666"/>'
    ]
    parts.append('<g class="x-ticks" font-size="12">')
    for d, label in scale.ticks():
        x = scale.x(d)
        parts.append(
            f'<line class="tick" data-date="{d.isoformat()}" x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" '
            f'y2="{y + 5:.1f}" stroke="#666"/>'
            f'<text x="{x:.1f}" y="{y + 17:.1f}" text-anchor="middle">{escape(label)}</text>'
        )
    parts.append("</g>")
    return parts


def _y_axis(
    top: float, step: float, y_of: Callable[[float], float], x0: float, x1: float, lo: float = 0
) -> list[str]:
    parts = ['<g class="y-ticks" font-size="12">']
    v = lo
    while v <= top + 1e-9:
        y = y_of(v)
        parts.append(
            f'<line x1="{x0:.1f}" y1="{y:.1f}" x2="{x1:.1f}" y2="{y:.1f}" stroke="#e3e6ea"/>'
            f'<text x="{x0 - 4:.1f}" y="{y + 4:.1f}" text-anchor="end">{v:g}</text>'
        )
        v += step
    parts.append("</g>")
    return parts


def time_bars(
    counts: dict[date, dict[int, int]],
    start: date,
    end: date,
    every: str,
    title: str,
    width: int = 560,
    height: int = 230,
    css: str = "chart",
) -> Markup:
    """Stacked bars per week or month on a true time axis from ``start`` to ``end`` (exclusive).

    ``counts`` maps a bucket's first day to stories per QuadClass; buckets with nothing are left
    empty, so a quiet week shows as a gap rather than vanishing.
    """
    if not counts:
        return _svg(width, 40, title, '<text x="8" y="24">No dated events in this window.</text>', css)
    scale = TimeScale(start, end, PAD_L, width - PAD_R)
    base = height - PAD_B
    top, step = nice_top(max(sum(q.values()) for q in counts.values()))

    def y_of(v: float) -> float:
        return base - v / top * (base - PAD_T)

    parts = _y_axis(top, step, y_of, PAD_L, width - PAD_R)
    for bucket in sorted(counts):
        x, x_end = scale.x(max(bucket, start)), scale.x(min(bucket_end(bucket, every), end))
        w = max((x_end - x) * 0.85, 1.0)
        y = base
        total = sum(counts[bucket].values())
        parts.append(f'<g class="bar" data-start="{bucket.isoformat()}" data-n="{total}">')
        for quad in sorted(counts[bucket]):
            n = counts[bucket][quad]
            h = n / top * (base - PAD_T)
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
                f'fill="{QUAD_COLOURS.get(quad, "#5f7fa0")}"><title>{every} of {bucket.isoformat()}: {n} '
                f"{escape(QUAD_NAMES.get(quad, 'events'))}</title></rect>"
            )
        parts.append("</g>")
    parts += _x_axis(scale, base, height)
    return _svg(width, height, title, "".join(parts), css)


def time_line(
    points: Sequence[tuple[date, float]],
    start: date,
    end: date,
    title: str,
    lo: float = -10,
    hi: float = 10,
    width: int = 560,
    height: int = 210,
    css: str = "chart",
) -> Markup:
    """Monthly values on a true time axis; a month with no value breaks the line (a gap, not a bridge)."""
    if not points:
        return _svg(width, 40, title, '<text x="8" y="24">No dated events in this window.</text>', css)
    scale = TimeScale(start, end, PAD_L, width - PAD_R)
    base = height - PAD_B

    def y_of(v: float) -> float:
        return PAD_T + (hi - v) / (hi - lo) * (base - PAD_T)

    parts = _y_axis(hi, (hi - lo) / 4, y_of, PAD_L, width - PAD_R, lo=lo)
    parts.append(
        f'<line x1="{PAD_L}" y1="{y_of(0):.1f}" x2="{width - PAD_R}" y2="{y_of(0):.1f}" stroke="#999" '
        'stroke-dasharray="4 3"/>'
    )
    segments: list[list[tuple[float, float]]] = []
    previous: date | None = None
    for month, v in sorted(points):
        mid = month + (add_months(month, 1) - month) / 2
        xy = (scale.x(mid), y_of(v))
        if previous is None or add_months(previous, 1) != month:
            segments.append([])
        segments[-1].append(xy)
        previous = month
    for seg in segments:
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in seg)
        parts.append(
            f'<polyline class="segment" points="{coords}" fill="none" stroke="#2b7bb9" stroke-width="2"/>'
        )
    for month, v in sorted(points):
        mid = month + (add_months(month, 1) - month) / 2
        parts.append(
            f'<circle class="point" data-month="{month.isoformat()[:7]}" cx="{scale.x(mid):.1f}" '
            f'cy="{y_of(v):.1f}" '
            f'r="3" fill="#2b7bb9"><title>{month.isoformat()[:7]}: {v:+.2f}</title></circle>'
        )
    parts += _x_axis(scale, base, height)
    return _svg(width, height, title, "".join(parts), css)


def both_widths(draw: Callable[..., Markup], *args: object) -> Markup:
    """The chart drawn twice, for wide screens and for phones (the style sheet shows one): an SVG
    scales its text with its width, so one drawing is either too small on a phone or too big on a
    desktop. Both are to scale; the phone's has fewer, shorter ticks where the span needs it."""
    wide = draw(*args, css="chart chart-wide")
    narrow = draw(*args, width=360, height=200, css="chart chart-narrow")
    return Markup(wide + narrow)
