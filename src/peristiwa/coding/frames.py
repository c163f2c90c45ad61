"""What each CAMEO prefix lets the argument rules do: joint, one-sided, fallbacks, vetoes.

The data lives in ``dictionaries/frames.tsv`` (one row per prefix; a code takes every row whose
prefix it starts with, so ``190`` takes the rows ``19`` and ``190``). The argument rules ask
:func:`frame` instead of keeping code tables of their own, so a new fallback for a prefix is a
row, not a branch; ``peristiwa dict check`` validates the file (:func:`validate`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from peristiwa.coding.lexicon import DictionaryFormatError, Problem, read_tsv
from peristiwa.config import DICTIONARY_DIR

FRAMES_PATH = DICTIONARY_DIR / "frames.tsv"
COLUMNS = ("prefix", "joint", "one_sided", "governs", "fallbacks", "vetoes", "note")
ONE_SIDED = ("", "active", "any-voice")
GOVERNS = ("", "keeps", "presupposes", "yields")
DEMAND_CODE = "100"  # CAMEO: demand, not specified below (the reading of a reported obligation)
APPEAL_CODE = "020"  # CAMEO: appeal, not specified below (the reading of reported advice, "perlu")


@dataclass(frozen=True, slots=True)
class Frame:
    """What the rules may do for one CAMEO code (the union of its prefixes' rows)."""

    joint: bool = False
    one_sided: str = ""  # "", "active" (meN- verbs only) or "any-voice"
    governs: str = ""  # "", "keeps", "presupposes" or "yields"
    fallbacks: frozenset[str] = frozenset()
    vetoes: frozenset[str] = frozenset()

    def allows(self, rule: str) -> bool:
        """Whether a fallback or veto rule applies to this code."""
        return rule in self.fallbacks or rule in self.vetoes

    def one_sided_for(self, active: bool) -> bool:
        """Whether an event of this code stands with no target (``active``: a meN- verb)."""
        return self.one_sided == "any-voice" or (self.one_sided == "active" and active)


@dataclass(frozen=True, slots=True)
class FrameRow:
    """One row of frames.tsv."""

    prefix: str
    frame: Frame
    line: int


def _names(cell: str) -> frozenset[str]:
    return frozenset(x.strip() for x in cell.split(",") if x.strip())


def read_frames(path: Path = FRAMES_PATH) -> list[FrameRow]:
    """The rows of a frames file, in file order."""
    rows = []
    for row in read_tsv(path, COLUMNS):
        frame = Frame(
            joint=row["joint"] == "yes",
            one_sided=row["one_sided"],
            governs=row["governs"],
            fallbacks=_names(row["fallbacks"]),
            vetoes=_names(row["vetoes"]),
        )
        rows.append(FrameRow(row["prefix"], frame, row.line))
    return rows


@functools.cache
def _rows() -> tuple[FrameRow, ...]:
    return tuple(read_frames())


@functools.cache
def frame(code: str) -> Frame:
    """The frame of a CAMEO code: every row whose prefix it starts with, the longer prefix
    deciding ``one_sided`` and ``governs``."""
    rows = sorted((r for r in _rows() if code.startswith(r.prefix)), key=lambda r: len(r.prefix))
    out = Frame()
    for r in rows:
        f = r.frame
        out = Frame(
            joint=out.joint or f.joint,
            one_sided=f.one_sided or out.one_sided,
            governs=f.governs or out.governs,
            fallbacks=out.fallbacks | f.fallbacks,
            vetoes=out.vetoes | f.vetoes,
        )
    return out


def _row_problems(r: FrameRow, where: str, known: frozenset[str], rules: dict[str, str]) -> list[Problem]:
    """What is wrong with one row: its prefix, its closed-vocabulary cells, its rule names."""
    out = []
    if not (r.prefix.isdigit() and 2 <= len(r.prefix) <= 4):
        out.append(Problem(where, r.line, f"prefix {r.prefix!r}: two to four digits"))
    elif known and not any(c.startswith(r.prefix) for c in known):
        out.append(Problem(where, r.line, f"prefix {r.prefix!r}: no CAMEO code starts with it"))
    if r.frame.one_sided not in ONE_SIDED:
        words = f"one of {ONE_SIDED[1:]} or empty"
        out.append(Problem(where, r.line, f"one_sided {r.frame.one_sided!r}: {words}"))
    if r.frame.governs not in GOVERNS:
        out.append(Problem(where, r.line, f"governs {r.frame.governs!r}: one of {GOVERNS[1:]} or empty"))
    cells = (("fallbacks", r.frame.fallbacks, "fallback"), ("vetoes", r.frame.vetoes, "veto"))
    for column, names, kind in cells:
        for name in sorted(names):
            if rules.get(name) != kind:
                out.append(Problem(where, r.line, f"{column}: {name!r} is no registered {kind} rule"))
    return out


def validate(path: Path | str = FRAMES_PATH) -> list[Problem]:
    """Problems of a frames file: unreadable, a bad or duplicate prefix, a prefix no CAMEO code
    starts with, a value outside its column's words, a fallback or veto the rule registry
    (coding/rules.py) does not hold as one."""
    from peristiwa.coding.patterns import known_codes
    from peristiwa.coding.rules import registered

    path = Path(path)
    where = str(path)
    try:
        rows = read_frames(path)
    except (OSError, DictionaryFormatError) as exc:
        return [Problem(where, 0, str(exc))]
    rules = {r.name: r.kind for r in registered()}
    known = frozenset(known_codes())
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for r in rows:
        if r.prefix in seen:
            first = seen[r.prefix]
            problems.append(Problem(where, r.line, f"prefix {r.prefix} repeated (first on line {first})"))
        seen.setdefault(r.prefix, r.line)
        problems.extend(_row_problems(r, where, known, rules))
    return problems
