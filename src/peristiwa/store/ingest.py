"""The ingest pipeline: articles in, coded and written to the store in batched transactions.

The coder is passed in (anything with ``code_articles``), so the store is tested with a fast fake
and run with the real one. Before anything is coded, each article's content hash (text, metadata
and coder version) is compared with the store: unchanged articles are skipped without coding, which
is what makes a second run over the same input cheap and a resumed run finish where the killed one
stopped. Coded articles are written in batches, one transaction each (see
:meth:`peristiwa.store.db.Store.write_articles`).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from peristiwa.ingest.readers import InputError
from peristiwa.ingest.validate import printable, show
from peristiwa.model import Article, CodedArticle
from peristiwa.store.db import PreparedArticle, Store, content_hash, prepare

DEFAULT_BATCH_SIZE = 50
DEFAULT_BATCH_SECONDS = 2.0  # commit at least this often, so a slow coder still makes durable progress


class CoderLike(Protocol):
    def code_articles(self, articles: Iterable[Article]) -> Iterator[CodedArticle]: ...


class CoderFailed(Exception):
    """The coder raised: what was committed before stays; the message names the article."""


@dataclass(slots=True)
class IngestSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    events: int = 0
    facts: int = 0
    stories: int = 0
    coded: int = 0  # coded so far, committed or not: what the progress bar counts
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        return self.new + self.updated + self.unchanged

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        return (
            f"{self.articles} articles: {self.new} new, {self.updated} updated, {self.unchanged} unchanged; "
            f"{self.events} events, {self.facts} facts written, {self.stories} stories recomputed; "
            f"{len(self.errors)} error(s); {self.seconds:.1f} s ({self.rate:.1f} articles/s)"
        )


def _files_digest(paths: Iterable[Path]) -> str:
    h = hashlib.sha1()
    for p in sorted(paths):
        if p.is_file():
            h.update(str(p.name).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def coder_version(coder: object) -> str:
    """A string that changes whenever the coder's output could: part of every article's content hash.

    A coder may say it itself (``version``); for the real coder it is the package version plus a
    digest of the dictionaries and the model's meta.json, so new rules recode old articles.
    """
    explicit = getattr(coder, "version", None)
    if isinstance(explicit, str) and explicit:
        return explicit
    import peristiwa
    from peristiwa.config import DICTIONARY_DIR, MODEL_DIR

    name = f"{type(coder).__module__}.{type(coder).__qualname__}"
    digest = _files_digest([*DICTIONARY_DIR.rglob("*"), MODEL_DIR / "meta.json"])
    return f"{name}/{peristiwa.__version__}/{digest}"


def ingest(
    store: Store,
    items: Iterable[Article | InputError],
    coder: CoderLike,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    batch_seconds: float = DEFAULT_BATCH_SECONDS,
    on_error: Callable[[str], None] | None = None,
    on_progress: Callable[[IngestSummary], None] | None = None,
    on_commit: Callable[[IngestSummary], None] | None = None,
    before_commit: Callable[[], None] | None = None,
) -> IngestSummary:
    """Code and store every article of ``items``; bad items are reported and skipped, never fatal.

    ``before_commit`` runs inside each batch's transaction just before COMMIT (tests use it to
    kill the process at the worst moment).
    """
    summary = IngestSummary()
    started = time.monotonic()
    version = coder_version(coder)
    known = store.article_hashes()
    first_seen: dict[str, tuple[str, str]] = {}  # id -> (hash, where) for this run
    status: dict[str, str] = {}

    def error(message: str) -> None:
        summary.errors.append(message)
        if on_error is not None:
            on_error(message)

    def progress() -> None:
        summary.seconds = time.monotonic() - started
        if on_progress is not None:
            on_progress(summary)

    def admitted() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                error(str(item))
                continue
            digest = content_hash(item, version)
            where = item.source or item.id
            if item.id in first_seen:
                first_hash, first_where = first_seen[item.id]
                if first_hash != digest:
                    error(
                        f"{where}: duplicate article id {item.id!r} with a different text than at "
                        f"{first_where}; kept the first, skipped this one"
                    )
                else:
                    summary.unchanged += 1
                    progress()
                continue
            first_seen[item.id] = (digest, where)
            old = known.get(item.id)
            if old == digest:
                summary.unchanged += 1
                progress()
                continue
            status[item.id] = "updated" if old is not None else "new"
            yield item

    batch: list[PreparedArticle] = []
    last_commit = time.monotonic()

    def flush() -> None:
        nonlocal batch, last_commit
        if not batch:
            return
        result = store.write_articles(batch, before_commit=before_commit)
        for p in batch:
            if status.pop(p.article_id) == "updated":
                summary.updated += 1
            else:
                summary.new += 1
        summary.events += result.events
        summary.facts += result.facts
        summary.stories += result.stories_recomputed
        batch = []
        batched.clear()
        last_commit = time.monotonic()
        progress()
        if on_commit is not None:
            on_commit(summary)

    batched: set[str] = set()
    coded_iter = iter(coder.code_articles(admitted()))
    while True:
        try:
            coded = next(coded_iter)
        except StopIteration:
            break
        except Exception as exc:  # the coder's bug must not lose what is already coded
            flush()
            pending = ", ".join(sorted(status)[:3])
            raise CoderFailed(
                f"the coder failed ({exc.__class__.__name__}: {exc}) near article(s) {pending}; "
                "everything before was stored"
            ) from exc
        if coded.article.id not in status or coded.article.id in batched:
            continue  # a coder that yields something it was not given (or twice): ignore it
        if getattr(coded, "error", ""):  # the coder isolates articles: report this one, store the rest
            status.pop(coded.article.id)
            where = printable(coded.article.source or coded.article.id)
            error(f"{where}: article {show(coded.article.id)}: {coded.error}")
            continue
        batched.add(coded.article.id)
        batch.append(prepare(coded, version))
        summary.coded += 1
        progress()
        if len(batch) >= batch_size or time.monotonic() - last_commit >= batch_seconds:
            flush()
    flush()
    summary.seconds = time.monotonic() - started
    return summary
