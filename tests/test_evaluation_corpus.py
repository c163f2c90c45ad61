"""Gold files whose article text lives in the shared corpus (``$PERISTIWA_DATA/...jsonl#id``):
the reader, its errors, the texts it materialises for the shared scorer, and ``gold/extra/``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from peristiwa.evaluation import EvaluationError, materialise_texts, read_gold

REPO = Path(__file__).resolve().parent.parent
EXTRA = REPO / "gold" / "extra"
SCORER = REPO.parent / "shared" / "tools" / "score_events.py"
TEXT = "JAKARTA - Menteri Luar Negeri bertemu Duta Besar Jepang, Senin.\n\nKeduanya membahas kerja sama.\n"


def _corpus(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "news").mkdir(parents=True)
    rows = [{"id": "x-1", "title": "t", "text": TEXT}, {"id": "x-2", "title": "u", "text": "Lain."}]
    (data / "news" / "articles.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return data


def _gold(tmp_path: Path, ref: str, article_id: str = "x-1") -> Path:
    gold = {
        "article_id": article_id,
        "article": ref,
        "published": "2025-06-02",
        "events": [
            {
                "id": "e1",
                "anchor": "bertemu Duta Besar Jepang",
                "actor1": "IDNGOV",
                "actor2": "JPNGOV",
                "code": "040",
                "alt_codes": [],
                "modality": "asserted",
                "required": True,
            }
        ],
    }
    path = tmp_path / f"{article_id}.gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def test_a_corpus_reference_loads_the_text_from_peristiwa_data(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PERISTIWA_DATA", str(_corpus(tmp_path)))
    g = read_gold(_gold(tmp_path, "$PERISTIWA_DATA/news/articles.jsonl#x-1"))
    assert g.article_id == "x-1" and g.text == TEXT
    assert g.to_article().text == TEXT


def test_absent_data_is_an_error_naming_the_gold_file_and_the_corpus(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PERISTIWA_DATA", str(tmp_path / "nowhere"))
    path = _gold(tmp_path, "$PERISTIWA_DATA/news/articles.jsonl#x-1")
    with pytest.raises(EvaluationError, match=re.escape("x-1.gold.json")) as exc:
        read_gold(path)
    assert "nowhere/news/articles.jsonl" in str(exc.value) and "PERISTIWA_DATA" in str(exc.value)


def test_an_id_missing_from_the_corpus_or_disagreeing_with_article_id_is_an_error(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("PERISTIWA_DATA", str(_corpus(tmp_path)))
    with pytest.raises(EvaluationError, match=re.escape("'x-9' not found")):
        read_gold(_gold(tmp_path, "$PERISTIWA_DATA/news/articles.jsonl#x-9", article_id="x-9"))
    with pytest.raises(EvaluationError, match=re.escape("names 'x-2' but article_id is 'x-1'")):
        read_gold(_gold(tmp_path, "$PERISTIWA_DATA/news/articles.jsonl#x-2"))
    with pytest.raises(EvaluationError, match=re.escape("needs '<file>.jsonl#<id>'")):
        read_gold(_gold(tmp_path, "$PERISTIWA_DATA/news/articles.jsonl"))


def test_materialised_texts_let_the_shared_scorer_score_corpus_gold(tmp_path, monkeypatch) -> None:
    if not SCORER.is_file():
        pytest.skip(f"shared scorer not found at {SCORER}")
    monkeypatch.setenv("PERISTIWA_DATA", str(_corpus(tmp_path)))
    path = _gold(tmp_path, "$PERISTIWA_DATA/news/articles.jsonl#x-1")
    [written] = materialise_texts([read_gold(path)], tmp_path / "texts")
    assert written.read_bytes() == TEXT.encode("utf-8")
    pred = tmp_path / "pred.jsonl"
    end = TEXT.index("\n")
    pred.write_text(
        json.dumps(
            {
                "article_id": "x-1",
                "sentence_start": 0,
                "sentence_end": end,
                "actor1_code": "IDNGOV",
                "actor2_code": "JPN",
                "event_code": "040",
            }
        )
        + "\n"
    )
    out = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "--gold",
            str(path),
            "--pred",
            str(pred),
            "--texts",
            str(written.parent),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "root+country P=1.000 R=1.000" in out


def test_every_extra_gold_file_loads_with_anchors_inside_its_scope(shared_data) -> None:
    """The repo's own gold set: texts resolvable from PERISTIWA_DATA, each anchor's first
    occurrence (the one the scorer uses) inside the annotated lede."""
    corpus = shared_data / "news" / "articles.jsonl"
    if not corpus.is_file():
        pytest.skip(f"corpus not found at {corpus}")
    paths = sorted(EXTRA.glob("*.gold.json"))
    assert len(paths) >= 40
    for path in paths:
        g = read_gold(path)
        assert path.name == f"{g.article_id}.gold.json"
        lo, hi = g.gold["scope"]["start"], g.gold["scope"]["end"]
        for ev in g.gold["events"]:
            pos = g.text.find(ev["anchor"])
            assert lo <= pos and pos + len(ev["anchor"]) <= hi, (path.name, ev["id"])


def test_peristiwa_eval_names_the_gold_file_when_its_corpus_is_absent(tmp_path, monkeypatch) -> None:
    """The command line turns the reader's error into one line and a non-zero exit."""
    if not SCORER.is_file():
        pytest.skip(f"shared scorer not found at {SCORER}")
    from typer.testing import CliRunner

    from peristiwa.cli import app

    monkeypatch.setenv("PERISTIWA_DATA", str(tmp_path / "nowhere"))
    path = _gold(tmp_path, "$PERISTIWA_DATA/news/articles.jsonl#x-1")
    result = CliRunner().invoke(app, ["eval", str(path), "--scorer", str(SCORER), "-q"])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "x-1.gold.json" in result.output and "set PERISTIWA_DATA" in result.output
