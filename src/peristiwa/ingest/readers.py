"""Read articles from text files, JSON Lines (optionally gzipped), directories and standard input.

Readers never raise on bad input in a multi-article run: they yield an :class:`InputError` naming
the file (and line) and carry on, so one broken record never costs the good ones. The caller
decides the exit code from the count of errors.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from peristiwa.model import Article

MAX_TEXT_BYTES = 5_000_000  # one article; a news article is a few kB, 5 MB is surely not one
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
# Saved pages and crawls, read by peristiwa.ingest.html / peristiwa.ingest.warc (imported lazily:
# trafilatura and warcio are only paid for when such a file is actually read).
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass(frozen=True, slots=True)
class InputError:
    """Something that could not be read, with where it was (``file`` or ``file:line``)."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


# charset_normalizer's names for one-byte code pages of Latin script (guessed among each other at random
# on short texts); Cyrillic, Greek, Hebrew and Arabic pages are not among them.
WESTERN_SINGLE_BYTE = frozenset(
    {"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_9",
     "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "mac_roman", "mac_latin2",
     "cp850", "cp437", "cp858"}
)


def guess_encoding(data: bytes) -> str:
    """Name the likely encoding of bytes that are not UTF-8, for an error message people can act on."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    if data[:4000].count(b"\x00") > len(data[:4000]) // 4:
        return "UTF-16 (no BOM)"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:20000]).best()
        if best is not None and best.encoding:
            if best.encoding in WESTERN_SINGLE_BYTE and _decodes_as_cp1252(data):
                # Latin-script text in a one-byte code page: which one cannot be told from a few
                # accented letters, and for Indonesian news it is Latin-1/cp1252 (not cp1250)
                return "latin-1/cp1252"
            return best.encoding
    except ImportError:  # pragma: no cover - charset_normalizer ships with requests
        pass
    return "latin-1/cp1252"


def _decodes_as_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def decode_text(data: bytes, source: str) -> str | InputError:
    """Bytes -> text, or an error saying why not (empty, binary, wrong encoding, too large)."""
    if len(data) > MAX_TEXT_BYTES:
        return InputError(source, f"too large for one article ({len(data):,} bytes > {MAX_TEXT_BYTES:,})")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return InputError(source, "not UTF-8 text (looks like UTF-16); convert it to UTF-8")
    head = data[:8192]
    if b"\x00" in head:
        return InputError(source, "binary data, not a text article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return InputError(source, f"not UTF-8 text (likely {guess_encoding(data)}); convert it to UTF-8")
    control = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(8, len(text[:8192]) // 50):
        return InputError(source, "binary data, not a text article")
    if not text.strip():
        return InputError(source, "empty text")
    return text


def _parse_date(value: object, source: str) -> date | InputError | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return InputError(source, f"'published' is not an ISO date: {value!r}")


def article_from_json(obj: object, source: str, published: date | None = None) -> Article | InputError:
    """A JSON object (``id``, ``text``; optional ``title``, ``published``, ``url``, ``outlet``) -> Article."""
    if not isinstance(obj, dict):
        return InputError(source, "expected a JSON object with 'id' and 'text'")
    art_id, text = obj.get("id"), obj.get("text")
    if not isinstance(art_id, str | int) or str(art_id).strip() == "":
        return InputError(source, "missing 'id'")
    if not isinstance(text, str):
        return InputError(source, f"article {art_id}: missing 'text'")
    if not text.strip():
        return InputError(source, f"article {art_id}: empty text")
    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        return InputError(source, f"article {art_id}: text too large for one article")
    pub = _parse_date(obj.get("published"), source)
    if isinstance(pub, InputError):
        return pub
    return Article(
        id=str(art_id),
        text=text,
        title=obj.get("title") or None,
        published=pub or published,
        url=obj.get("url") or None,
        outlet=obj.get("outlet") or None,
        source=source,
    )


def iter_jsonl(
    stream: Iterable[bytes], name: str, published: date | None = None
) -> Iterator[Article | InputError]:
    """Articles from JSON Lines; a malformed line is reported with its number and skipped."""
    for n, raw in enumerate(stream, 1):
        source = f"{name}:{n}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield InputError(source, "not UTF-8")
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            # some messages already end in "at" ("Invalid control character at")
            yield InputError(source, f"malformed JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})")
            continue
        yield article_from_json(obj, source, published)


def _open_bytes(path: Path) -> io.BufferedReader | gzip.GzipFile:
    return gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")


def _expand(path: Path) -> list[Path]:
    files = [p for p in sorted(path.rglob("*")) if p.is_file()]
    known = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES + WARC_SUFFIXES
    return [p for p in files if p.name.lower().endswith(known)]


def iter_path(path: str, published: date | None = None) -> Iterator[Article | InputError]:
    """Articles from one path: a text file, a JSON Lines file, a directory of them, or ``-`` (stdin)."""
    if path == "-":
        data = sys.stdin.buffer.read()
        if data.lstrip().startswith(b"{"):
            yield from iter_jsonl(io.BytesIO(data), "<stdin>", published)
            return
        text = decode_text(data, "<stdin>")
        yield (
            text
            if isinstance(text, InputError)
            else Article("stdin", text, published=published, source="<stdin>")
        )
        return
    p = Path(path)
    if not p.exists():
        yield InputError(path, "no such file or directory")
        return
    if p.is_dir():
        files = _expand(p)
        if not files:
            yield InputError(path, "directory holds no .txt, .jsonl, .html or .warc files")
        for f in files:
            yield from iter_path(str(f), published)
        return
    if p.name.lower().endswith(HTML_SUFFIXES):
        from peristiwa.ingest.html import read_html_file

        yield read_html_file(p, published)
        return
    if p.name.lower().endswith(WARC_SUFFIXES):
        from peristiwa.ingest.warc import iter_warc

        yield from iter_warc(p, published)
        return
    try:
        if p.name.endswith(JSONL_SUFFIXES):
            with _open_bytes(p) as fh:
                yield from iter_jsonl(fh, path, published)
            return
        data = p.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield InputError(path, f"cannot read ({exc.__class__.__name__}: {exc})")
        return
    text = decode_text(data, path)
    if isinstance(text, InputError):
        yield text
        return
    art_id = p.name.removesuffix(".txt") if p.name.endswith(".txt") else p.stem
    yield Article(id=art_id, text=text, published=published, source=path)


def iter_articles(paths: Iterable[str], published: date | None = None) -> Iterator[Article | InputError]:
    """Every article under ``paths`` in order, with errors interleaved where they occur."""
    for path in paths:
        yield from iter_path(path, published)
