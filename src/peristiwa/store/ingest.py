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
    started = time.monotonic()
    version = coder_version(coder)
    run = _Run(
        store, version, store.article_hashes(), on_error, on_progress, on_commit, before_commit, started
    )
    coded_iter = iter(coder.code_articles(run.admitted(items)))
    while True:
        try:
            coded = next(coded_iter)
        except StopIteration:
            break
        except Exception as exc:  # the coder's bug must not lose what is already coded
            run.flush()
            pending = ", ".join(sorted(run.status)[:3])
            raise CoderFailed(
                f"the coder failed ({exc.__class__.__name__}: {exc}) near article(s) {pending}; "
                "everything before was stored"
            ) from exc
        run.take(coded)
        if len(run.batch) >= batch_size or time.monotonic() - run.last_commit >= batch_seconds:
            run.flush()
    run.flush()
    run.summary.seconds = time.monotonic() - run.started
    return run.summary


@dataclass(slots=True)
class _Run:
    """One ingest call's state: what was seen, what waits in the batch, what was reported."""

    store: Store
    version: str
    known: dict[str, str]  # article id -> content hash, as stored when the run began
    on_error: Callable[[str], None] | None
    on_progress: Callable[[IngestSummary], None] | None
    on_commit: Callable[[IngestSummary], None] | None
    before_commit: Callable[[], None] | None
    started: float
    summary: IngestSummary = field(default_factory=IngestSummary)
    last_commit: float = field(default_factory=time.monotonic)
    first_seen: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (hash, where) this run
    status: dict[str, str] = field(default_factory=dict)  # admitted, not committed: "new" or "updated"
    batch: list[PreparedArticle] = field(default_factory=list)
    batched: set[str] = field(default_factory=set)

    def error(self, message: str) -> None:
        self.summary.errors.append(message)
        if self.on_error is not None:
            self.on_error(message)

    def progress(self) -> None:
        self.summary.seconds = time.monotonic() - self.started
        if self.on_progress is not None:
            self.on_progress(self.summary)

    def admitted(self, items: Iterable[Article | InputError]) -> Iterator[Article]:
        """The articles to code: reader errors reported, unchanged and repeated articles skipped."""
        for item in items:
            if isinstance(item, InputError):
                self.error(str(item))
                continue
            digest = content_hash(item, self.version)
            if item.id in self.first_seen:
                self._repeated(item, digest)
                continue
            self.first_seen[item.id] = (digest, item.source or item.id)
            old = self.known.get(item.id)
            if old == digest:
                self.summary.unchanged += 1
                self.progress()
                continue
            self.status[item.id] = "updated" if old is not None else "new"
            yield item

    def _repeated(self, item: Article, digest: str) -> None:
        first_hash, first_where = self.first_seen[item.id]
        if first_hash != digest:
            self.error(
                f"{item.source or item.id}: duplicate article id {item.id!r} with a different text than at "
                f"{first_where}; kept the first, skipped this one"
            )
        else:
            self.summary.unchanged += 1
            self.progress()

    def take(self, coded: CodedArticle) -> None:
        """A coded article into the batch (or its error reported)."""
        if coded.article.id not in self.status or coded.article.id in self.batched:
            return  # a coder that yields something it was not given (or twice): ignore it
        if getattr(coded, "error", ""):  # the coder isolates articles: report this one, store the rest
            self.status.pop(coded.article.id)
            where = printable(coded.article.source or coded.article.id)
            self.error(f"{where}: article {show(coded.article.id)}: {coded.error}")
            return
        self.batched.add(coded.article.id)
        self.batch.append(prepare(coded, self.version))
        self.summary.coded += 1
        self.progress()

    def flush(self) -> None:
        """Write the batch in one transaction and count it."""
        if not self.batch:
            return
        result = self.store.write_articles(self.batch, before_commit=self.before_commit)
        for p in self.batch:
            if self.status.pop(p.article_id) == "updated":
                self.summary.updated += 1
            else:
                self.summary.new += 1
        self.summary.events += result.events
        self.summary.facts += result.facts
        self.summary.stories += result.stories_recomputed
        self.batch = []
        self.batched.clear()
        self.last_commit = time.monotonic()
        self.progress()
        if self.on_commit is not None:
            self.on_commit(self.summary)
