"""Read news pages saved as HTML: the article's main text plus title, date, outlet and URL.

A saved page is mostly navigation, related links, comments and footers; coding those would put
events from other stories into this one. trafilatura finds the main text and reads the page's
own metadata (``og:*``, ``article:published_time``, JSON-LD), which is where outlets state the
publication date that relative dates ("Kamis lalu") are resolved against.

Like every reader, this one never raises on a bad page: it returns an :class:`InputError` naming
the file (and, for pages inside a WARC, the record offset) so a crawl with a few broken pages still
yields all its good ones.
"""

from __future__ import annotations

import gzip
import hashlib
from datetime import date
from pathlib import Path

from peristiwa.ingest.readers import HTML_SUFFIXES, MAX_TEXT_BYTES, InputError
from peristiwa.model import Article

MIN_TEXT_CHARS = 40  # below this the "main text" is a cookie banner or an error page, not an article


def article_id_for(url: str | None, fallback: str) -> str:
    """A stable id: the same URL always gets the same id, so re-crawled pages update, not duplicate."""
    if url:
        return "web-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]
    return fallback


def _parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _strip_title(text: str, title: str | None) -> str:
    """Drop the headline when the extractor repeated it as the first line.

    The title is kept in ``Article.title``; left in the text it would be coded a second time
    (headlines restate the lead sentence) and shift every sentence index by one.
    """
    if title and text.startswith(title):
        rest = text[len(title) :]
        if rest[:1] == "\n":
            return rest.lstrip("\n")
    return text


def article_from_html(
    data: bytes | str,
    source: str,
    url: str | None = None,
    published: date | None = None,
    fallback_id: str | None = None,
) -> Article | InputError:
    """One HTML page -> Article, or an InputError saying why it holds no article.

    ``url`` (from the WARC record or the caller) wins over the page's own canonical URL only when
    the page names none; ``published`` is used only when the page carries no date.
    """
    import trafilatura  # deferred: lxml and its friends cost ~0.3 s to import

    if len(data) > MAX_TEXT_BYTES * 4:
        return InputError(source, f"page too large ({len(data):,} bytes)")
    try:
        doc = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura/lxml raise a zoo of errors on broken markup
        return InputError(source, f"cannot parse HTML ({exc.__class__.__name__}: {exc})")
    if doc is None or not (doc.text or "").strip():
        return InputError(source, "no article text found in the page")
    title = (doc.title or "").strip() or None
    text = _strip_title(doc.text.strip(), title)
    if len(text) < MIN_TEXT_CHARS:
        return InputError(source, f"no article text found in the page (only {len(text)} characters)")
    page_url = doc.url or url
    outlet = (doc.sitename or "").strip() or (doc.hostname or "").strip() or None
    return Article(
        id=article_id_for(page_url, fallback_id or Path(source).name),
        text=text,
        title=title,
        published=_parse_day(doc.date) or published,
        url=page_url,
        outlet=outlet,
        source=source,
    )


def read_html_file(path: Path, published: date | None = None) -> Article | InputError:
    """An ``.html``/``.htm`` file (optionally ``.gz``) -> Article or InputError."""
    source = str(path)
    try:
        data = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        return InputError(source, f"cannot read ({exc.__class__.__name__}: {exc})")
    if not data.strip():
        return InputError(source, "empty file")
    stem = path.name
    for suffix in HTML_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return article_from_html(data, source, published=published, fallback_id=stem)
