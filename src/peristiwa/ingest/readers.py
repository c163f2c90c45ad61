"""Read articles from text files, JSON Lines (optionally gzipped), directories and standard input.

Readers never raise on bad input in a multi-article run: they yield an :class:`InputError` naming
the file (and line) and carry on, so one broken record never costs the good ones. The caller
decides the exit code from the count of errors.

By construction rather than case by case (issue 14): every record goes through
:mod:`peristiwa.ingest.validate` (types, lone surrogates and control characters, id and date
range); every JSON line is parsed under a guard that turns *any* parse failure (a line nested
100,000 deep, a 100,000-digit integer) into an error for that line; every file is read under a
guard that turns any failure into an error for that file, so a directory goes on to the next one.
Sizes are checked before reading (``stat`` for text files, a bounded ``readline`` for JSON Lines),
symbolic links inside a directory are only followed when they stay inside it.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from peristiwa.ingest.validate import (
    RecordError,
    check_id,
    check_published,
    clean_field,
    clean_text,
    json_type,
    printable,
)
from peristiwa.model import Article

MAX_TEXT_BYTES = 5_000_000  # one article; a news article is a few kB, 5 MB is surely not one
#: One JSON line: the largest text, every character written as a \uXXXX escape, plus metadata.
MAX_LINE_BYTES = 6 * MAX_TEXT_BYTES + 65_536
_READ_ERRORS = (OSError, EOFError, gzip.BadGzipFile, zlib.error)
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
        return f"{printable(self.source)}: {self.message}"


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
    if b"\x00" in data:  # anywhere, not only at the start: a NUL is fatal to PostgreSQL
        return InputError(source, "binary data (a NUL byte), not a text article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return InputError(source, f"not UTF-8 text (likely {guess_encoding(data)}); convert it to UTF-8")
    control = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(8, len(text[:8192]) // 50):
        return InputError(source, "binary data, not a text article")
    if not text.strip():
        return InputError(source, "empty text")
    return clean_text(text)[0]


def _parse_date(value: object) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise RecordError(f"'published' must be an ISO date string, not {json_type(value)}")
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        raise RecordError(f"'published' is not an ISO date: {value[:40]!r}") from None
    return check_published(day)


def article_from_json(obj: object, source: str, published: date | None = None) -> Article | InputError:
    """A JSON object (``id``, ``text``; optional ``title``, ``published``, ``url``, ``outlet``) -> Article.

    Validated and normalised field by field (:mod:`peristiwa.ingest.validate`); the first problem
    is the record's error.
    """
    if not isinstance(obj, dict):
        return InputError(source, "expected a JSON object with 'id' and 'text'")
    try:
        art_id = check_id(obj.get("id"))
    except RecordError as exc:
        return InputError(source, str(exc))
    text = obj.get("text")
    if not isinstance(text, str):
        what = "missing 'text'" if text is None else f"'text' must be a string, not {json_type(text)}"
        return InputError(source, f"article {art_id}: {what}")
    if not text.strip():
        return InputError(source, f"article {art_id}: empty text")
    if len(text) > MAX_TEXT_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        return InputError(source, f"article {art_id}: text too large for one article")
    try:
        fields = {name: clean_field(obj.get(name), name) for name in ("title", "url", "outlet")}
        pub = _parse_date(obj.get("published"))
    except RecordError as exc:
        return InputError(source, f"article {art_id}: {exc}")
    return Article(id=art_id, text=clean_text(text)[0], published=pub or published, source=source, **fields)


def _parse_line(raw: bytes, source: str, published: date | None) -> Article | InputError | None:
    """One JSON line -> Article, an error for that line, or None for a blank line."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return InputError(source, "not UTF-8")
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(source, f"malformed JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})")
    except RecursionError:
        return InputError(source, "malformed JSON (nested too deeply)")
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        return InputError(source, f"malformed JSON ({str(exc).split(';')[0]})")
    return article_from_json(obj, source, published)


def _lines(stream: Iterable[bytes] | io.IOBase, name: str) -> Iterator[bytes | InputError]:
    """Lines of ``stream``, each at most :data:`MAX_LINE_BYTES`; a longer one is skipped unread."""
    readline = getattr(stream, "readline", None)
    if readline is None:  # a plain iterable of lines (tests, io.BytesIO lists)
        yield from stream  # type: ignore[misc]
        return
    n = 0
    while raw := readline(MAX_LINE_BYTES + 1):
        n += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield InputError(f"{name}:{n}", f"line too long (over {MAX_LINE_BYTES:,} bytes); skipped")
            continue
        yield raw


def iter_jsonl(
    stream: Iterable[bytes], name: str, published: date | None = None
) -> Iterator[Article | InputError]:
    """Articles from JSON Lines; a malformed line is reported with its number and skipped."""
    for n, raw in enumerate(_lines(stream, name), 1):
        if isinstance(raw, InputError):
            yield raw
            continue
        source = f"{name}:{n}"
        try:
            item = _parse_line(raw, source, published)
        except Exception as exc:  # by construction: no record, however odd, stops the stream
            item = InputError(source, f"unreadable record ({exc.__class__.__name__})")
        if item is not None:
            yield item


def _open_bytes(path: Path) -> io.BufferedReader | gzip.GzipFile:
    return gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")


KNOWN_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES + WARC_SUFFIXES


def _expand(path: Path) -> list[Path | InputError]:
    """The readable files under ``path`` in name order, and an error for each symbolic link that is
    broken or leads outside ``path`` (a link to /etc/passwd must not become an article)."""
    root = path.resolve()
    found: list[tuple[str, Path | InputError]] = []
    for folder, dirs, files in os.walk(path, followlinks=False):
        for name in [*dirs, *files]:
            p = Path(folder) / name
            if p.is_symlink():
                problem = _link_problem(p, root)
                if problem is not None:
                    found.append((str(p), InputError(str(p), problem)))
                    continue
                if p.is_dir():
                    continue  # its target is inside the folder: read there, not twice
            if name in files and name.lower().endswith(KNOWN_SUFFIXES) and p.is_file():
                found.append((str(p), p))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _link_problem(link: Path, root: Path) -> str | None:
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return f"broken symbolic link (to {printable(os.readlink(link))}); not read"
    if target != root and root not in target.parents:
        return f"symbolic link to {printable(str(target))}, outside {printable(str(root))}; not read"
    return None


def _read_stdin(published: date | None) -> Iterator[Article | InputError]:
    """Standard input: JSON Lines streamed line by line, or one text article of bounded size."""
    buf = sys.stdin.buffer
    if hasattr(buf, "peek"):
        yield from _read_stream(buf, published)
        return
    wrapper = io.BufferedReader(buf)  # a replaced stdin (tests, embedding): give it a buffer to peek into
    try:
        yield from _read_stream(wrapper, published)
    finally:
        wrapper.detach()  # never close the caller's stream


def _read_stream(buf: io.BufferedReader, published: date | None) -> Iterator[Article | InputError]:
    if buf.peek(4096).lstrip().startswith(b"{"):
        yield from iter_jsonl(buf, "<stdin>", published)
        return
    data = buf.read(MAX_TEXT_BYTES + 1)
    text = decode_text(data, "<stdin>")
    if isinstance(text, InputError):
        yield text
        return
    yield Article("stdin", text, published=published, source="<stdin>")


def iter_path(path: str, published: date | None = None) -> Iterator[Article | InputError]:
    """Articles from one path: a text file, a JSON Lines file, a directory of them, or ``-`` (stdin)."""
    if path == "-":
        yield from _read_stdin(published)
        return
    p = Path(path)
    if not p.exists():
        broken = p.is_symlink()
        yield InputError(path, "broken symbolic link" if broken else "no such file or directory")
        return
    if p.is_dir():
        files = _expand(p)
        if not files:
            yield InputError(path, "directory holds no .txt, .jsonl, .html or .warc files")
        for f in files:
            if isinstance(f, InputError):
                yield f
            else:
                yield from iter_path(str(f), published)
        return
    try:  # by construction: whatever goes wrong inside one file costs that file, not the run
        yield from _iter_file(p, path, published)
    except _READ_ERRORS as exc:
        yield InputError(path, f"cannot read ({exc.__class__.__name__}: {exc})")
    except Exception as exc:
        yield InputError(path, f"cannot read ({exc.__class__.__name__}); skipped the rest of this file")


def _iter_file(p: Path, path: str, published: date | None) -> Iterator[Article | InputError]:
    lower = p.name.lower()
    if lower.endswith(HTML_SUFFIXES):
        from peristiwa.ingest.html import read_html_file

        if (size := p.stat().st_size) > MAX_TEXT_BYTES * 4:
            yield InputError(path, f"too large for one page ({size:,} bytes > {MAX_TEXT_BYTES * 4:,})")
            return
        yield read_html_file(p, published)
        return
    if lower.endswith(WARC_SUFFIXES):
        from peristiwa.ingest.warc import iter_warc

        yield from iter_warc(p, published)
        return
    if p.name.endswith(JSONL_SUFFIXES):
        with _open_bytes(p) as fh:
            yield from iter_jsonl(fh, path, published)
        return
    if (size := p.stat().st_size) > MAX_TEXT_BYTES:  # refused before reading a byte of it
        yield InputError(path, f"too large for one article ({size:,} bytes > {MAX_TEXT_BYTES:,})")
        return
    with open(p, "rb") as fh:
        data = fh.read(MAX_TEXT_BYTES + 1)  # a file still growing is not read past the limit
    text = decode_text(data, path)
    if isinstance(text, InputError):
        yield text
        return
    art_id = p.name.removesuffix(".txt") if p.name.endswith(".txt") else p.stem
    try:
        art_id = check_id(art_id)
    except RecordError as exc:
        yield InputError(path, f"{exc} (the id of a text file is its name)")
        return
    yield Article(id=art_id, text=text, published=published, source=path)


def iter_articles(paths: Iterable[str], published: date | None = None) -> Iterator[Article | InputError]:
    """Every article under ``paths`` in order, with errors interleaved where they occur."""
    for path in paths:
        yield from iter_path(path, published)
