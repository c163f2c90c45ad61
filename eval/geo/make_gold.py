"""Turn the annotation (``labels.txt`` over ``candidates.tsv``) into ``geo_gold.tsv`` with gazetteer keys.

A label names a place by kind and name (``city:Malang@ID``, ``a1:Jawa Barat``, ``c:EG``); this script
looks the entry up by that name in ``gazetteer.tsv`` -- never by running the resolver -- and writes
its key (a ``gn:`` GeoNames id where the gazetteer has one). A named place the gazetteer lacks is
written ``none@XX`` with a note, so it counts as a miss.

Run: ``python eval/geo/make_gold.py [--heldout]`` (``--heldout``: the held-out files).
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

from peristiwa.coding.geo import GAZETTEER_FILE
from peristiwa.coding.lexicon import read_tsv, split_names

HERE = Path(__file__).resolve().parent
KIND = {"c": "country", "a1": "adm1", "a2": "adm2", "city": "city"}


def _index() -> dict[tuple[str, str, str], list[tuple[int, str]]]:
    """(kind, iso2, lowercased name) -> [(population, key)] over every name of every entry."""
    out: dict[tuple[str, str, str], list[tuple[int, str]]] = defaultdict(list)
    for row in read_tsv(GAZETTEER_FILE, required=("key", "name", "kind", "iso2", "names")):
        for n in {row["name"], *split_names(row["names"])}:
            out[(row["kind"], row["iso2"], n.lower())].append((int(row["population"] or 0), row["key"]))
    return out


def resolve(label: str, index: dict[tuple[str, str, str], list[tuple[int, str]]]) -> tuple[str, str]:
    """(key or none@XX or -/fac, note) for one label alternative."""
    if label in ("-", "fac") or label.startswith("none@"):
        return label, ""
    if label == "J":
        return "J", ""
    kind, _, rest = label.partition(":")
    if kind == "f":
        return f"place:{rest}", ""
    if kind == "c":
        key = [k for (kd, iso, _n), v in index.items() if kd == "country" and iso == rest for _, k in v]
        return (key[0], "") if key else (f"none@{rest}", f"country {rest} not in gazetteer")
    name, _, iso = rest.partition("@")
    found = index.get((KIND[kind], iso or "ID", name.lower()))
    if not found:
        return f"none@{iso or 'ID'}", f"{label} not in gazetteer"
    return max(found)[1], ""


def main() -> None:
    heldout = "--heldout" in sys.argv
    prefix = "heldout_" if heldout else ""
    index = _index()
    jakarta = "/".join(resolve(x, index)[0] for x in ("city:Jakarta@ID", "a1:Jakarta Raya"))
    labels = {}
    for line in (HERE / f"{prefix}labels.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            n, label = line.split(maxsplit=1)
            labels[int(n)] = label.strip()
    with open(HERE / f"{prefix}candidates.tsv", encoding="utf-8", newline="") as fh:
        cands = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(cands) == len(labels), (len(cands), len(labels))
    rows = ["article_id\tstart\tend\tmention\tlabel\tgold\tnote"]
    for i, c in enumerate(cands, start=1):
        parts = [resolve(x, index) for x in labels[i].split("/")]
        gold = "/".join(jakarta if k == "J" else k for k, _ in parts)
        note = "; ".join(n for _, n in parts if n)
        rows.append(
            f"{c['article_id']}\t{c['start']}\t{c['end']}\t{c['mention']}\t{labels[i]}\t{gold}\t{note}"
        )
    # system outputs no candidate source found, annotated after a later geocoder version produced them
    extra = [] if heldout else [HERE / "labels_extra.tsv"]
    for path in extra:
        with open(path, encoding="utf-8", newline="") as fh:
            found = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        for c in found:
            parts = [resolve(x, index) for x in c["label"].split("/")]
            gold = "/".join(jakarta if k == "J" else k for k, _ in parts)
            note = "; ".join(["added later", *(n for _, n in parts if n)])
            rows.append(
                f"{c['article_id']}\t{c['start']}\t{c['end']}\t{c['mention']}\t{c['label']}\t{gold}\t{note}"
            )
    (HERE / f"{prefix}geo_gold.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows) - 1} rows -> {HERE / f'{prefix}geo_gold.tsv'}")


if __name__ == "__main__":
    main()
