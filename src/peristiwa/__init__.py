"""peristiwa: explainable political event data from Indonesian news.

The one obvious entry point is :func:`code`::

    import peristiwa
    events = peristiwa.code(text, published="2024-03-20")
    for ev in events:
        print(ev.actor1.code, ev.event_code, ev.actor2 and ev.actor2.code, ev.sentence)
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from peristiwa.model import Event


def code(text: str, published: str | date | None = None, article_id: str | None = None) -> list[Event]:
    """Code one Indonesian article into events (loads the pipeline and dictionaries once per process)."""
    from peristiwa.coding.coder import code as _code

    return _code(text, published=published, article_id=article_id)


__all__ = ["__version__", "code"]
