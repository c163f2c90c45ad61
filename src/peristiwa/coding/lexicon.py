"""Shared reader for the TSV dictionaries, and the problem record their validators return.

Every dictionary is a UTF-8 TSV file with a header row; blank lines and lines starting with ``#``
are skipped. Rows keep their line number so that ``peristiwa dict check`` and error messages can
point at the exact line a person has to fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a dictionary file, at a line a person can open."""

    path: str
    line: int
    message: str
    severity: str = "error"  # "error" fails `peristiwa dict check`; "warning" does not

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


@dataclass(frozen=True, slots=True)
class Row:
    """A dictionary row: column name -> value (stripped), with where it came from."""

    path: str
    line: int
    values: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values.get(key, "")


class DictionaryFormatError(ValueError):
    """A dictionary file cannot be read at all (missing header column, wrong column count)."""


def read_tsv(path: Path, required: tuple[str, ...] = ()) -> Iterator[Row]:
    """Yield the rows of a dictionary TSV file.

    Raises :class:`DictionaryFormatError` naming the file and line when the header lacks a
    required column or a row has more cells than the header (a stray tab is the usual cause).
    """
    with open(path, encoding="utf-8") as fh:
        header: list[str] | None = None
        for n, raw in enumerate(fh, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                missing = [c for c in required if c not in header]
                if missing:
                    raise DictionaryFormatError(f"{path}:{n}: header lacks column(s) {', '.join(missing)}")
                continue
            if len(cells) > len(header):
                raise DictionaryFormatError(
                    f"{path}:{n}: {len(cells)} cells but the header has {len(header)} columns"
                )
            cells += [""] * (len(header) - len(cells))
            yield Row(str(path), n, {h: c.strip() for h, c in zip(header, cells, strict=True)})


def split_names(cell: str) -> list[str]:
    """``"Amerika Serikat|AS|Paman Sam"`` -> the non-empty variants, in order."""
    return [v.strip() for v in cell.split("|") if v.strip()]
