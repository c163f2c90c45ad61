"""Validate and normalise one record before it becomes an :class:`~peristiwa.model.Article`.

Every reader (JSON Lines, text files, standard input) and the coder's own entry point pass their
strings through here, so whatever a crawler wrote, an Article downstream holds only strings that
every stage (spaCy, DuckDB, PostgreSQL, the web page, a terminal) can take:

* ``text``: a lone surrogate (``"\\ud800"``, valid JSON, not encodable as UTF-8) becomes U+FFFD and
  a control character other than tab, line feed, carriage return and form feed (NUL, ESC, C1
  controls) becomes a space. Replacement is one code point for one, so every character offset
  into the normalised text is the same offset into the text as given.
* ``title``, ``outlet``, ``url``: strings or null; any other JSON type (number, object, list,
  boolean) is refused with an error naming the field, never coerced (a number where a title
  belongs means a broken export, and guessing hides it). Lone surrogates become U+FFFD, every
  control character (line breaks included) a space; over :data:`MAX_FIELD_CHARS` is refused.
* ``id``: a string or an integer (not a boolean); refused when it holds a control or format
  character (newline, terminal escape, bidi override, lone surrogate), a ``/`` or ``\\``, or is
  longer than :data:`MAX_ID_CHARS`: an id is a key that ends up in URLs, file names and terminal
  lines.
* ``published``: refused outside :data:`PUBLISHED_MIN` .. :data:`PUBLISHED_MAX` (relative dates
  such as "besok" are resolved from it; year 9999 overflowed the calendar).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

MAX_ID_CHARS = 200
MAX_FIELD_CHARS = 4096
PUBLISHED_MIN = date(1900, 1, 1)
PUBLISHED_MAX = date(2100, 12, 31)

_SURROGATE = re.compile("[\ud800-\udfff]")
#: Control characters a text may not keep (tab, LF, CR, FF stay: they are layout).
_TEXT_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_FIELD_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_BAD_ID_CHARS = ("/", "\\")


class RecordError(ValueError):
    """A record field that cannot be used; the message says which field and why."""


def clean_text(text: str) -> tuple[str, int]:
    """``text`` with lone surrogates and stray control characters replaced, and how many were."""
    n = 0
    if _SURROGATE.search(text):
        text, k = _SURROGATE.subn("\ufffd", text)
        n += k
    if _TEXT_CONTROL.search(text):
        text, k = _TEXT_CONTROL.subn(" ", text)
        n += k
    return text, n


def clean_field(value: object, name: str) -> str | None:
    """An optional string field (title, outlet, url), normalised; RecordError on a wrong type."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"'{name}' must be a string or null, not {json_type(value)}")
    value = _FIELD_CONTROL.sub(" ", _SURROGATE.sub("\ufffd", value)).strip()
    if len(value) > MAX_FIELD_CHARS:
        raise RecordError(f"'{name}' is too long ({len(value):,} characters > {MAX_FIELD_CHARS:,})")
    return value or None


def check_id(value: object) -> str:
    """The article id as a string; RecordError when it is missing or unsafe to use as a key."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        if value is None:
            raise RecordError("missing 'id'")
        raise RecordError(f"'id' must be a string or an integer, not {json_type(value)}")
    art_id = str(value).strip()
    if not art_id:
        raise RecordError("missing 'id'")
    if len(art_id) > MAX_ID_CHARS:
        raise RecordError(f"'id' is too long ({len(art_id):,} characters > {MAX_ID_CHARS})")
    bad = next((ch for ch in art_id if unicodedata.category(ch)[0] == "C" or ch in _BAD_ID_CHARS), None)
    if bad is not None:
        why = "ids must be printable, without / or \\"
        raise RecordError(f"'id' {show(art_id)} holds {_describe(bad)}; {why}")
    return art_id


def check_published(day: date) -> date:
    """``day`` when it lies in the range the time expressions can work from, else RecordError."""
    if not PUBLISHED_MIN <= day <= PUBLISHED_MAX:
        span = f"{PUBLISHED_MIN.isoformat()}..{PUBLISHED_MAX.isoformat()}"
        raise RecordError(f"'published' {day.isoformat()} is outside {span}")
    return day


def json_type(value: object) -> str:
    """The JSON name of a parsed value's type, for messages ("a number", "an object")."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return "a string" if isinstance(value, str) else type(value).__name__


def show(value: str, limit: int = 60) -> str:
    """``value`` safe to print on one terminal line: escaped (repr) and cut to ``limit`` characters."""
    shown = ascii(value[:limit]) if not value.isprintable() else repr(value[:limit])
    return shown + ("..." if len(value) > limit else "")


def printable(value: str) -> str:
    """``value`` with control and format characters escaped (for file names in messages)."""
    if value.isprintable():
        return value
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in value)


def _describe(ch: str) -> str:
    if ch in _BAD_ID_CHARS:
        return f"a {ch!r}"
    return f"the control character U+{ord(ch):04X}"
