"""peristiwa: explainable political event data from Indonesian news.

The one obvious entry point is :func:`code`::

    import peristiwa
    events = peristiwa.code(text, published="2024-03-20")
    for ev in events:
        print(ev.actor1.code, ev.event_code, ev.actor2 and ev.actor2.code, ev.sentence)

Text that is not Indonesian gives no events and a :class:`NotIndonesianWarning` (filter it with
:mod:`warnings` like any other).
"""

from __future__ import annotations

from datetime import date

from peristiwa.errors import NotIndonesianWarning, PeristiwaWarning
from peristiwa.model import ActorRef, Article, Attribution, CodedArticle, Event, TimeRef

__version__ = "0.1.0"


def code(text: str, published: str | date | None = None, article_id: str | None = None) -> list[Event]:
    """Code one Indonesian article into events (loads the pipeline and dictionaries once per process)."""
    from peristiwa.coding import coder

    return coder.code(text, published, article_id, _stacklevel=3)


__all__ = [
    "ActorRef",
    "Article",
    "Attribution",
    "CodedArticle",
    "Event",
    "NotIndonesianWarning",
    "PeristiwaWarning",
    "TimeRef",
    "__version__",
    "code",
]
