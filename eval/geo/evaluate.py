"""Score place resolution against ``geo_gold.tsv`` and action places against the train gold events.

Resolution: every mention the geocoder outputs in the annotated text (the first
``candidates.CHARS`` characters of each article) is matched to the gold candidate span containing
it. Right: its key is one of the gold alternatives. Precision counts every output except those
inside a facility span (``fac``, not scored); recall counts every gold place (``none@`` rows
included: a place the gazetteer lacks is a miss). Indonesian vs foreign by the gold place's country
(for a wrong output on a non-place, by the output's country).

Action places: for each train gold event with an ``action_country``, the coded event of the same
sentence and CAMEO root; right when the country of its ``action_geo`` is the gold country.

Run: ``python eval/geo/evaluate.py [--list] [--heldout]`` (``--heldout``: resolution on the held-out set).
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

from peristiwa.coding import geo
from peristiwa.config import data_dir

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import candidates as cand  # noqa: E402


def _gold(prefix: str = "") -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    with open(HERE / f"{prefix}geo_gold.tsv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            out.setdefault(r["article_id"], []).append(r)
    return out


def _scope(gold: str, gaz: geo.GeoGazetteer) -> str:
    first = gold.split("/")[0]
    if first.startswith("none@"):
        return "ID" if first == "none@ID" else "foreign"
    e = gaz.entries.get(first)
    return "ID" if e is not None and e.iso2 == "ID" else "foreign"


def resolution(nlp, listing: bool, heldout: bool = False) -> dict[str, Counter[str]]:  # type: ignore[no-untyped-def]
    gaz = geo.default_gazetteer()
    gold = _gold("heldout_" if heldout else "")
    counts: dict[str, Counter[str]] = {"ID": Counter(), "foreign": Counter()}
    fails: list[str] = []
    for art in cand._articles(heldout):
        rows = gold.get(art["id"], [])
        doc = nlp(art["text"][: cand.CHARS])
        hit: set[int] = set()
        for m in geo.find_mentions(doc):
            j = next(
                (
                    i
                    for i, r in enumerate(rows)
                    if int(r["start"]) <= m.start_char and m.end_char <= int(r["end"])
                ),
                None,
            )
            r = rows[j] if j is not None else None
            label = r["gold"] if r else "-"
            if label == "fac":
                continue
            key = m.entry.key if m.entry else ""
            scope = (
                _scope(label, gaz)
                if label != "-"
                else ("ID" if m.entry and m.entry.iso2 == "ID" else "foreign")
            )
            counts[scope]["out"] += 1
            if label != "-" and key in label.split("/"):
                counts[scope]["tp"] += 1
                hit.add(j)  # type: ignore[arg-type]
            else:
                fails.append(f"FP {scope:7} {art['id']} {m.text!r} -> {key} (gold {label})")
        for i, r in enumerate(rows):
            if r["gold"] in ("-", "fac"):
                continue
            sc = _scope(r["gold"], gaz)
            counts[sc]["gold"] += 1
            if i not in hit:
                fails.append(f"FN {sc:7} {art['id']} {r['mention']!r} (gold {r['label']})")
    if listing:
        print("\n".join(sorted(fails)))
    return counts


def prf(c: Counter[str]) -> tuple[float, float, float]:
    p = c["tp"] / c["out"] if c["out"] else 0.0
    r = c["tp"] / c["gold"] if c["gold"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def action_places(nlp, listing: bool) -> tuple[int, int, int, int]:  # type: ignore[no-untyped-def]
    """(events judged, right by action_geo, right by action_country, no coded event found)."""
    from datetime import date

    from peristiwa.coding.coder import Coder
    from peristiwa.model import Article

    root = data_dir().parent / "gold" / "train"
    coder = Coder(nlp=nlp)
    gaz = geo.default_gazetteer()
    judged = right = right_old = missing = 0
    for path in sorted(root.glob("*.gold.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        wanted = [e for e in g["events"] if e.get("action_country")]
        if not wanted:
            continue
        text = (root / g["article"]).read_text(encoding="utf-8")
        art = Article(g["article_id"], text, published=date.fromisoformat(g["published"]))
        events = next(iter(coder.code_articles([art]))).events
        for ge in wanted:
            ev = next(
                (e for e in events if ge["anchor"] in e.sentence and e.event_code[:2] == ge["code"][:2]), None
            )
            if ev is None:
                missing += 1
                continue
            judged += 1
            entry = gaz.entries.get(ev.action_geo)
            got = gaz.by_country[entry.iso2].iso3 if entry and entry.iso2 in gaz.by_country else ""
            right += got == ge["action_country"]
            right_old += ev.action_country == ge["action_country"]
            if listing and got != ge["action_country"]:
                print(
                    f"ACTION {g['article_id']} {ge['anchor']!r}: gold {ge['action_country']}, "
                    f"geo {got or '-'} ({ev.action_geo or 'none'}), action_country {ev.action_country or '-'}"
                )
    return judged, right, right_old, missing


def main() -> None:
    from peristiwa.nlp import load

    listing = "--list" in sys.argv
    nlp = load()
    heldout = "--heldout" in sys.argv
    counts = resolution(nlp, listing, heldout)
    for scope, c in counts.items():
        p, r, f = prf(c)
        print(
            f"resolution {scope:7} P={p:.3f} R={r:.3f} F1={f:.3f} "
            f"(tp {c['tp']}, output {c['out']}, gold {c['gold']})"
        )
    if heldout:
        return
    judged, right, right_old, missing = action_places(nlp, listing)
    print(
        f"action place: {right}/{judged} = {right / max(judged, 1):.3f} right by ActionGeo country "
        f"(action_country field: {right_old}/{judged}); {missing} gold events with no coded event"
    )


if __name__ == "__main__":
    main()
