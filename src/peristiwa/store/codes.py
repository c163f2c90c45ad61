"""The store's code tables, ``cameo_codes`` and ``actor_codes``: words for codes that SQL can join.

They are reference facts from the package (``peristiwa.coding.codebook`` and ``cameo_codes.tsv``),
rewritten whenever a writable open finds them different from what this peristiwa ships, so a
store always describes codes the way the code that wrote it does::

    SELECT s.event_code, c.name, c.plover_type, a.description
    FROM stories s JOIN cameo_codes c ON c.code = s.event_code
    LEFT JOIN actor_codes a ON a.code = s.actor1_code

``actor_codes`` holds every country and region code, each of them with every role CAMEO composes
with a country (``IDNGOV``, ``RUSMIL``, ``USALEG`` ...), and every code the actor dictionaries
give; a rarer composite still gets words from :func:`peristiwa.coding.codebook.describe_actor`,
which the query and export paths use for every row.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from peristiwa.store import schema
from peristiwa.store.backend import Backend


@cache
def cameo_rows() -> tuple[tuple[Any, ...], ...]:
    from peristiwa.coding.codebook import cameo_table, plover

    rows = []
    for code, info in sorted(cameo_table().items()):
        p = plover(code)
        rows.append((code, info.name, info.quad_class, info.goldstein, p.type, p.mode))
    return tuple(rows)


@cache
def actor_rows() -> tuple[tuple[str, str], ...]:
    from peristiwa.coding.codebook import COMPOSING_KINDS, actor_parts, describe_actor
    from peristiwa.coding.lexicon import read_tsv
    from peristiwa.config import DICTIONARY_DIR

    parts = actor_parts()
    places = [p for p, (kind, _) in parts.items() if kind in ("country", "region")]
    roles = [p for p, (kind, _) in parts.items() if kind in COMPOSING_KINDS]
    codes: set[str] = set(places) | {p for p, (kind, _) in parts.items() if kind == "international"}
    codes.update(place + role for place in places for role in roles)
    for source in ("people", "orgs", "metonyms", "countries"):
        path = DICTIONARY_DIR / "actors" / f"{source}.tsv"
        if path.is_file():
            codes.update(r["code"] for r in read_tsv(path, required=("id", "names", "code")) if r["code"])
    return tuple((c, describe_actor(c)) for c in sorted(codes) if c.isalpha() and c.isupper())


def sync_code_tables(backend: Backend) -> bool:
    """Make both tables hold exactly this package's rows; True when anything had to be rewritten.

    Compared first, so the common open (tables already right) writes nothing.
    """
    changed = False
    for table, columns, rows in (
        ("cameo_codes", schema.CAMEO_CODE_COLUMNS, cameo_rows()),
        ("actor_codes", schema.ACTOR_CODE_COLUMNS, actor_rows()),
    ):
        names = ", ".join(n for n, _ in columns)
        stored = backend.fetchall(f"SELECT {names} FROM {table} ORDER BY code")
        if [tuple(r) for r in stored] == list(rows):
            continue
        with backend.transaction():
            backend.execute(f"DELETE FROM {table}")
            backend.insert_rows(table, columns, [list(r) for r in rows])
        changed = True
    return changed
