"""Mark spans (triggers, actors) in a text as HTML, safely.

The text is news copy, so it may hold anything, ``<script>`` included. Highlighting therefore never
inserts tags into the raw string: it cuts the text at span boundaries, escapes every piece, and
wraps the pieces that fall inside spans in ``<mark>`` elements whose class comes from a fixed list.
Overlapping spans (an actor inside a trigger phrase) are cut at every boundary, and each piece gets
the classes of all spans covering it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

KINDS = ("trigger", "actor1", "actor2")
LABELS = {"trigger": "trigger", "actor1": "source actor", "actor2": "target actor"}


def highlight(text: str, spans: Iterable[dict[str, Any]]) -> Markup:
    """``text`` as escaped HTML with ``<mark class="hl-KIND">`` around each span (offsets into text)."""
    good = [
        (int(s["start"]), int(s["end"]), s["kind"])
        for s in spans
        if s.get("kind") in KINDS and 0 <= int(s["start"]) < int(s["end"]) <= len(text)
    ]
    cuts = sorted({0, len(text), *(b for s, e, _ in good for b in (s, e))})
    out: list[str] = []
    for a, b in pairwise(cuts):
        piece = escape(text[a:b])
        kinds = [k for s, e, k in good if s <= a and b <= e]
        if not kinds:
            out.append(str(piece))
            continue
        cls = " ".join(f"hl-{k}" for k in KINDS if k in kinds)
        label = ", ".join(LABELS[k] for k in KINDS if k in kinds)
        out.append(f'<mark class="{cls}" title="{label}">{piece}</mark>')
    return Markup("".join(out))


def article_spans(events: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every trigger and actor span of an article's event records (offsets into the article)."""
    spans: list[dict[str, Any]] = []
    for ev in events:
        for kind, start, end in (
            ("trigger", ev.get("trigger_start"), ev.get("trigger_end")),
            ("actor1", ev.get("actor1_start"), ev.get("actor1_end")),
            ("actor2", ev.get("actor2_start"), ev.get("actor2_end")),
        ):
            if start is not None and end is not None and 0 <= start < end:
                spans.append({"kind": kind, "start": start, "end": end})
    return spans
