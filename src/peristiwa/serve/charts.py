"""Charts as inline SVG, drawn on the server.

The pages must work with no internet and no JavaScript build step, so there is no chart library to
load at all: each chart is a few SVG elements computed here. Every label goes through
:func:`markupsafe.escape` because actor codes and names come from the store (that is, from news
text) and must never become markup. Each chart carries a ``<title>``/``<desc>`` and a
``role="img"`` so screen readers announce what it shows; the pages also show the numbers as tables.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

QUAD_COLOURS = {1: "#2b7bb9", 2: "#1a9850", 3: "#f29e2e", 4: "#c0392b"}
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def _svg(width: int, height: int, title: str, body: str) -> Markup:
    t = escape(title)
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{t}" '
        f'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{t}</title>{body}</svg>"
    )


def stacked_bars(
    buckets: Sequence[str], series: dict[int, Sequence[int]], title: str, width: int = 640, height: int = 220
) -> Markup:
    """Stacked bars per bucket (weeks), one colour per QuadClass."""
    if not buckets:
        return _svg(width, 40, title, '<text x="8" y="24">No dated events yet.</text>')
    pad_l, pad_b, pad_t = 36, 28, 10
    totals = [sum(series.get(q, [0] * len(buckets))[i] for q in series) for i in range(len(buckets))]
    top = max(totals) or 1
    plot_w, plot_h = width - pad_l - 8, height - pad_b - pad_t
    step = plot_w / len(buckets)
    bar_w = max(step * 0.8, 1)
    parts = [
        f'<line x1="{pad_l}" y1="{pad_t + plot_h}" x2="{width - 8}" y2="{pad_t + plot_h}" stroke="#666"/>',
        f'<text x="4" y="{pad_t + 10}" font-size="11">{top}</text>',
        f'<text x="4" y="{pad_t + plot_h}" font-size="11">0</text>',
    ]
    for i, bucket in enumerate(buckets):
        y = pad_t + plot_h
        x = pad_l + i * step + (step - bar_w) / 2
        for quad in sorted(series):
            n = series[quad][i]
            if not n:
                continue
            h = n / top * plot_h
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{QUAD_COLOURS.get(quad, "#999")}"><title>{escape(bucket)}: {n} '
                f"{escape(QUAD_NAMES.get(quad, str(quad)))}</title></rect>"
            )
    for i in (0, len(buckets) - 1):
        anchor = "start" if i == 0 else "end"
        x = pad_l + i * step + (step / 2 if i else 0)
        if i:
            x = pad_l + plot_w
        parts.append(
            f'<text x="{x:.1f}" y="{height - 8}" font-size="11" text-anchor="{anchor}">'
            f"{escape(buckets[i])}</text>"
        )
    return _svg(width, height, title, "".join(parts))


def line(
    points: Sequence[tuple[str, float]],
    title: str,
    lo: float = -10,
    hi: float = 10,
    width: int = 640,
    height: int = 200,
) -> Markup:
    """A line over labelled points (months) on a fixed scale (Goldstein runs from -10 to +10)."""
    if not points:
        return _svg(width, 40, title, '<text x="8" y="24">No dated events yet.</text>')
    pad_l, pad_b, pad_t = 36, 28, 10
    plot_w, plot_h = width - pad_l - 8, height - pad_b - pad_t

    def y_of(v: float) -> float:
        return pad_t + (hi - v) / (hi - lo) * plot_h

    n = len(points)
    xs = [pad_l + (i + 0.5) * plot_w / n for i in range(n)]
    coords = " ".join(f"{x:.1f},{y_of(v):.1f}" for x, (_, v) in zip(xs, points, strict=True))
    parts = [
        f'<line x1="{pad_l}" y1="{y_of(0):.1f}" x2="{width - 8}" y2="{y_of(0):.1f}" stroke="#999" '
        'stroke-dasharray="4 3"/>',
        f'<text x="4" y="{y_of(hi) + 10:.1f}" font-size="11">{hi:+g}</text>',
        f'<text x="4" y="{y_of(0) + 4:.1f}" font-size="11">0</text>',
        f'<text x="4" y="{y_of(lo):.1f}" font-size="11">{lo:+g}</text>',
        f'<polyline points="{coords}" fill="none" stroke="#2b7bb9" stroke-width="2"/>',
    ]
    for x, (label, v) in zip(xs, points, strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y_of(v):.1f}" r="3" fill="#2b7bb9">'
            f"<title>{escape(label)}: {v:+.2f}</title></circle>"
        )
    parts.append(f'<text x="{pad_l}" y="{height - 8}" font-size="11">{escape(points[0][0])}</text>')
    parts.append(
        f'<text x="{width - 8}" y="{height - 8}" font-size="11" text-anchor="end">'
        f"{escape(points[-1][0])}</text>"
    )
    return _svg(width, height, title, "".join(parts))


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
