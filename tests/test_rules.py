"""Every registered argument rule fires on its own example sentence and not on its counterexample;
the frames file holds only registered rules and is validated like every dictionary."""

from __future__ import annotations

import functools
from datetime import date

import pytest

from peristiwa.coding import frames
from peristiwa.coding.rules import Rule, registered
from peristiwa.model import Article

pytestmark = pytest.mark.usefixtures("nlp")


@functools.cache
def rule_coder():  # type: ignore[no-untyped-def]
    from peristiwa.coding.coder import Coder, default_coder

    return Coder(nlp=default_coder().nlp, selector=None)


def fired(r: Rule, text: str) -> tuple[bool, list[str]]:
    """Whether rule ``r`` was recorded on ``text``: in an event's rules (readings and fallbacks),
    or as fired / vetoed in the coder's trace (fallbacks and vetoes that are functions)."""
    coder = rule_coder()
    coder.trace = []
    try:
        events = coder.code_article(Article(id="t", text=text, published=date(2025, 6, 2))).events
        trace = list(coder.trace)
    finally:
        coder.trace = None
    recorded = [x for e in events for x in e.rules]
    if r.kind == "reference":
        # a reference is an actor's entry: found when any candidate's actor carries it
        recorded += entries_of(coder.candidates(Article(id="t", text=text, published=date(2025, 6, 2))))
    hit = r.name in recorded or any(t.rule == r.name and t.outcome != "no" for t in trace)
    return hit, [*recorded, *(f"{t.rule}={t.outcome}" for t in trace)]


def entries_of(candidates) -> list[str]:  # type: ignore[no-untyped-def]
    """Every name the candidates record: their rules and their actors' entries."""
    out: list[str] = []
    for c in candidates:
        rec = c.event.to_record()
        out += [*rec["rules"], *(rec.get("actor1_entries") or []), *(rec.get("actor2_entries") or [])]
    return out


RULES = registered()


def test_the_registry_holds_the_argument_rules() -> None:
    names = {r.name for r in RULES}
    assert len(RULES) >= 20
    assert {"source:subject", "target:obj", "target:counterpart", "veto:attacker", "joint:antara"} <= names
    assert all(r.doc and r.fires != r.must_not for r in RULES)


@pytest.mark.parametrize("r", RULES, ids=[r.name for r in RULES])
def test_rule_fires_on_its_example(r: Rule) -> None:
    hit, seen = fired(r, r.fires)
    assert hit, f"{r.name} did not fire on {r.fires!r}; recorded {seen}"


@pytest.mark.parametrize("r", RULES, ids=[r.name for r in RULES])
def test_rule_does_not_fire_on_its_counterexample(r: Rule) -> None:
    hit, seen = fired(r, r.must_not)
    assert not hit, f"{r.name} fired on {r.must_not!r}; recorded {seen}"


def test_frames_name_only_registered_fallbacks_and_vetoes() -> None:
    assert [str(p) for p in frames.validate()] == []


def test_frames_validator_names_the_bad_row(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "frames.tsv"
    header = "\t".join(frames.COLUMNS)
    rows = ["19\tyes\tsometimes\t\ttarget:guess\t\tx", "19\t\t\t\t\t\tx", "99\t\t\t\t\t\tx"]
    bad.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    messages = [(p.line, p.message) for p in frames.validate(bad)]
    assert any(line == 2 and "one_sided" in m for line, m in messages)
    assert any(line == 2 and "target:guess" in m for line, m in messages)
    assert any(line == 3 and "repeated" in m for line, m in messages)
    assert any(line == 4 and "no CAMEO code" in m for line, m in messages)


def test_a_code_takes_every_row_of_its_prefixes() -> None:
    f = frames.frame("190")
    assert f.joint and f.one_sided_for(active=True) and not f.one_sided_for(active=False)
    assert f.allows("target:counterpart") and f.allows("joint:kedua")
    assert frames.frame("011").one_sided_for(active=False)
    assert frames.frame("1121").governs == "presupposes"
    assert frames.frame("014").governs == "yields"
    assert not frames.frame("042").allows("target:counterpart")


def test_docs_list_the_shipped_frames() -> None:
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "dictionaries.md").read_text(encoding="utf-8")
    table = {}
    row = re.compile(r"^\| (\d{2,4}) \| (yes)? \| ([a-z-]*) \| ([a-z]*) \| ([^|]*) \| ([^|]*) \|", re.M)
    for m in row.finditer(doc):
        names = {x.strip(" `") for x in m.group(5).split(",") if x.strip()}
        vetoes = {x.strip(" `") for x in m.group(6).split(",") if x.strip()}
        table[m.group(1)] = (m.group(2) == "yes", m.group(3), m.group(4), names, vetoes)
    shipped = {}
    for r in frames.read_frames():
        f = r.frame
        shipped[r.prefix] = (f.joint, f.one_sided, f.governs, set(f.fallbacks), set(f.vetoes))
    assert table == shipped


def test_explain_lists_the_rules_tried_fired_and_vetoed() -> None:
    from typer.testing import CliRunner

    from peristiwa.cli import app
    from peristiwa.coding.explain import explain

    text = (
        "Rusia menggelar latihan militer di Kharkiv pada Senin. "
        "Menteri Luar Negeri Norwegia menilai serangan udara di Gaza tidak dapat dibenarkan."
    )
    exs = explain(text, date(2025, 6, 2))
    first = [x for tried in dict(exs[0].rules_by_trigger()).values() for x in tried]
    assert ("target:place", "fired") in first
    second = [x for tried in dict(exs[1].rules_by_trigger()).values() for x in tried]
    assert ("veto:judged-source", "vetoed") in second
    out = CliRunner().invoke(app, ["explain", text, "--published", "2025-06-02"]).output
    assert "target:place fired" in out and "veto:judged-source vetoed" in out


def test_the_coders_modules_import_one_way() -> None:
    """coder -> candidates -> arguments -> vetoes, fallbacks, slots -> mentions -> context ->
    words/frames/clauses/codes: no module imports one above it (the layout docs/coder.md
    describes)."""
    import ast
    from pathlib import Path

    layers = ["coder", "candidates", "arguments", "vetoes", "fallbacks", "slots", "mentions", "context"]
    layers += ["words", "frames", "clauses", "codes"]
    root = Path(__file__).resolve().parents[1] / "src" / "peristiwa" / "coding"
    for k, name in enumerate(layers):
        tree = ast.parse((root / f"{name}.py").read_text(encoding="utf-8"))
        imported = {
            n.module.rsplit(".", 1)[-1]
            for n in ast.walk(tree)
            if isinstance(n, ast.ImportFrom) and n.module and n.module.startswith("peristiwa.coding.")
        }
        above = imported & set(layers[: k + 1])
        assert not above, f"{name} imports {above}"


def test_every_rule_name_the_coder_records_is_registered() -> None:
    """Every argument rule name (``source:``, ``target:``, ``joint:``, ``ref:``, ``veto:``,
    ``demand:``) an event or candidate records, in its rules or its actors' entries, is registered:
    on every registered example sentence, and on the seed article and dev gold where present."""
    from pathlib import Path

    from peristiwa.coding.rules import unknown

    texts = [t for r in RULES for t in (r.fires, r.must_not)]
    seed = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_cd2e7644dbc220f6.txt"
    if seed.is_file():
        texts.append(seed.read_text(encoding="utf-8"))
    seen: set[str] = set()
    coder = rule_coder()
    for text in texts:
        seen |= set(entries_of(coder.candidates(Article(id="t", text=text, published=date(2025, 6, 2)))))
    assert not unknown(seen), f"recorded but not registered: {sorted(unknown(seen))}"
    assert {"target:atas", "ref:kedua", "demand:harus"} <= seen


def test_dev_gold_records_only_registered_rule_names() -> None:
    from pathlib import Path

    from peristiwa.coding.rules import unknown
    from peristiwa.evaluation import read_gold

    dev = Path(__file__).resolve().parents[2] / "shared" / "gold" / "dev"
    golds = sorted(dev.glob("*.gold.json"))
    if not golds:
        pytest.skip("gold dev set absent")
    seen: set[str] = set()
    coder = rule_coder()
    for g in golds:
        seen |= set(entries_of(coder.candidates(read_gold(g).to_article())))
    assert not unknown(seen), f"recorded but not registered: {sorted(unknown(seen))}"


def test_every_slot_the_patterns_name_is_a_registered_reading() -> None:
    """A pattern's slot records ``target:<slot>`` or ``source:<slot>``: each must be registered,
    so a new preposition in dictionaries/events.tsv comes with its rule."""
    from peristiwa.coding.arguments import SLOT_NAMES
    from peristiwa.coding.patterns import default_patterns

    names = {r.name for r in RULES}
    needed = set()
    for p in default_patterns().patterns:
        for role, slots in (("target", p.target_slots), ("source", p.source_slots)):
            needed |= {f"{role}:{SLOT_NAMES.get(s, s)}" for s in slots if s != "none"}
    assert needed - names == set()


def test_every_rule_name_written_in_the_coder_is_registered() -> None:
    """Every string literal in coding/ that looks like an argument rule name is registered."""
    import ast
    import re
    from pathlib import Path

    from peristiwa.coding.rules import unknown

    root = Path(__file__).resolve().parents[1] / "src" / "peristiwa" / "coding"
    shape = re.compile(r"^(source|target|joint|ref|veto|demand):[a-z-]*[a-z]$")  # not an f-string part
    found = {
        n.value
        for path in root.glob("*.py")
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and shape.match(n.value)
    }
    assert len(found) > 40
    assert not unknown(found), sorted(unknown(found))


def test_unknown_names_are_reported() -> None:
    from peristiwa.coding.rules import unknown

    assert unknown(["target:atas", "target:nowhere", "pattern:040-temu", "selector", "ref:guess"]) == {
        "target:nowhere",
        "ref:guess",
    }
