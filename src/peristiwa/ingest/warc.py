"""Read news crawls stored as WARC files (``.warc`` or ``.warc.gz``): one article per HTML response.

Only ``response`` records whose HTTP ``Content-Type`` is HTML are articles; requests, metadata,
images, scripts and redirects are skipped silently because a crawl is mostly those. A response
whose page holds no article, or a record that cannot be decoded, is reported as an
:class:`InputError` with the file and the record's byte offset (``crawl.warc.gz@12345``), so the
record can be found again with ``warcio extract``; the rest of the file is still read. A file
that is corrupt beyond a record boundary (truncated gzip, garbage between records) ends with one
error at the offset where reading stopped: nothing after it can be located reliably.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from peristiwa.ingest.html import article_from_html
from peristiwa.ingest.readers import InputError
from peristiwa.model import Article

if TYPE_CHECKING:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.recordloader import ArcWarcRecord

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_RECORD_BYTES = 20_000_000  # a news page is well under this; larger records are media


def _is_html(record: object) -> bool:
    headers = getattr(record, "http_headers", None)
    if headers is None:
        return False
    ctype = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return ctype in HTML_TYPES


def _missing(record: object) -> int:
    """Bytes the record's header promised but the file did not hold (0 when whole).

    An interrupted crawl ends inside a record; warcio then just stops reading, so without this
    check the last page would vanish without a word.
    """
    left = getattr(getattr(record, "raw_stream", None), "limit", 0)
    return left if isinstance(left, int) and left > 0 else 0


def iter_warc(path: Path, published: date | None = None) -> Iterator[Article | InputError]:
    """Every article in one WARC file, with errors (file@offset) interleaved where they occur."""
    from warcio.archiveiterator import ArchiveIterator

    name = str(path)
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed in the finally below
    except OSError as exc:
        yield InputError(name, f"cannot read ({exc.__class__.__name__}: {exc})")
        return
    records = ArchiveIterator(fh)
    failed = False
    try:
        for record in _records(records, name):
            if isinstance(record, InputError):
                yield record
                return
            # where this record starts; get_record_offset() would consume the body to find its end
            item = _read_record(record, records, f"{name}@{records.offset}", published)
            failed = failed or isinstance(item, InputError)
            if item is not None:
                yield item
    finally:
        fh.close()
    if not failed:
        yield from _cut_in_header(path, name)


def _cut_in_header(path: Path, name: str) -> Iterator[InputError]:
    """An uncompressed WARC whose last record ends inside its header lines: warcio reads such a
    tail as the end of the file, so without this check the interrupted record vanishes silently.
    Every whole WARC record ends with a blank line (CRLF CRLF; bare LFs
    are accepted from lenient writers)."""
    if path.name.endswith(".gz"):
        return  # a cut gzip member raises EOFError, reported above
    size = path.stat().st_size
    with open(path, "rb") as fh:
        fh.seek(max(0, size - 8))
        tail = fh.read().replace(b"\r", b"")
    if size and not tail.endswith(b"\n\n"):
        yield InputError(
            f"{name}@{size}",
            "the file ends inside a record's header (an interrupted crawl?): that record is lost",
        )


def _records(records: ArchiveIterator, name: str) -> Iterator[ArcWarcRecord | InputError]:
    """The records of a WARC file, ending with one InputError at the offset where the data turned
    corrupt: after that no record boundary can be found reliably, so reading this file stops."""
    from warcio.exceptions import ArchiveLoadFailed

    offset = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        # warcio raises AttributeError when the file ends inside a record's header lines
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError) as exc:
            where = getattr(records, "offset", offset)
            yield InputError(
                f"{name}@{where}",
                f"corrupt WARC data, stopped reading this file ({exc.__class__.__name__}: "
                f"{str(exc).strip()[:200]})",
            )
            return
        offset = records.offset
        yield record


def _read_record(
    record: ArcWarcRecord, records: ArchiveIterator, source: str, published: date | None
) -> Article | InputError | None:
    """One record as an article, an error naming ``source``, or None for a record a crawl is
    expected to hold that is not an article (requests, media, redirects, error pages)."""
    if record.rec_type != "response" or not _is_html(record):
        return _truncated_non_html(record, records, source)
    status = record.http_headers.get_statuscode() if record.http_headers else ""
    if status and not status.startswith("2"):
        return None  # redirects and error pages are part of crawling, not bad input
    try:
        body = record.content_stream().read(MAX_RECORD_BYTES + 1)
    except Exception as exc:  # decompression of a broken Content-Encoding, truncated body
        return InputError(source, f"cannot read the record body ({exc.__class__.__name__}: {exc})")
    if len(body) > MAX_RECORD_BYTES:
        return InputError(source, f"record too large for a news page (> {MAX_RECORD_BYTES:,} bytes)")
    if _missing(record):
        return InputError(source, f"record truncated ({_missing(record):,} bytes missing)")
    url = record.rec_headers.get_header("WARC-Target-URI")
    return article_from_html(body, source, url=url, published=published, fallback_id=source)


def _truncated_non_html(record: ArcWarcRecord, records: ArchiveIterator, source: str) -> InputError | None:
    """A skipped (non-HTML) response is still read to its end, so a crawl cut off inside an image
    is reported as truncated rather than vanishing; other record types are skipped as they are."""
    if record.rec_type == "response":
        records.read_to_end()  # the iterator reads it anyway; this tells if it was whole
        if _missing(record):
            return InputError(source, f"record truncated ({_missing(record):,} bytes missing)")
    return None
