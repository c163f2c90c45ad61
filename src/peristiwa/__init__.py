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

import warnings
from datetime import date

from peristiwa.errors import NotIndonesianWarning, PeristiwaWarning
from peristiwa.model import ActorRef, Article, Attribution, CodedArticle, Event, TimeRef

__version__ = "0.1.0"


def code(text: str, published: str | date | None = None, article_id: str | None = None) -> list[Event]:
    """Code one Indonesian article into events (loads the pipeline and dictionaries once per process)."""
    from peristiwa.coding.coder import default_coder

    if isinstance(published, str):
        published = date.fromisoformat(published)
    article = Article(id=article_id or "article", text=text, published=published)
    coded = default_coder().code_article(article)
    if coded.error:  # never raised (issue 14), but never silent either
        warnings.warn(f"article {article.id!r}: {coded.error}", RuntimeWarning, stacklevel=2)
    for message in coded.warnings:
        category = NotIndonesianWarning if "not Indonesian" in message else PeristiwaWarning
        warnings.warn(message, category, stacklevel=2)
    return coded.events


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
