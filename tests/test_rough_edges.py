"""Small things a new user trips over (issue 12, "rough edges"): each checked the way the user met it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import typing
import warnings
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import peristiwa
from peristiwa.config import MODEL_DIR
from peristiwa.ingest.readers import decode_text, iter_jsonl

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()


def test_version_option() -> None:
    from peristiwa.cli import app

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"peristiwa {peristiwa.__version__}"


def test_public_api_has_resolvable_hints_and_exports_the_model() -> None:
    hints = typing.get_type_hints(peristiwa.code)
    assert hints["return"] == list[peristiwa.Event]
    assert {"Event", "Article", "ActorRef", "NotIndonesianWarning"} <= set(peristiwa.__all__)


def test_python_api_warns_on_english_text() -> None:
    if not (MODEL_DIR / "config.cfg").is_file():
        pytest.skip("trained pipeline not found")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        events = peristiwa.code(
            "The president met the prime minister in London to discuss trade and security."
        )
    assert events == []
    (w,) = [w for w in caught if issubclass(w.category, peristiwa.PeristiwaWarning)]
    assert w.category is peristiwa.NotIndonesianWarning and "not Indonesian" in str(w.message)


def test_latin1_is_reported_as_latin1() -> None:
    text = "Menteri menyampaikan résumé di café Jakarta pada hari Senin bersama delegasi Perancis."
    got = decode_text(text.encode("latin-1"), "berita.txt")
    assert str(got) == "berita.txt: not UTF-8 text (likely latin-1/cp1252); convert it to UTF-8"
    cyrillic = decode_text(
        "Министр иностранных дел посетил Джакарту в понедельник утром.".encode("cp1251"), "r.txt"
    )
    assert "latin-1" not in str(cyrillic)


def test_json_error_says_at_column_once() -> None:
    (err,) = iter_jsonl([b'{"id": "a", "text": "satu\x01dua"}\n'], "in.jsonl")
    assert str(err) == "in.jsonl:1: malformed JSON (Invalid control character at column 26)"


def test_query_into_head_ends_quietly(tmp_path: Path) -> None:
    from peristiwa.store.db import open_store
    from peristiwa.store.fake import FakeCoder
    from peristiwa.store.ingest import ingest

    db = str(tmp_path / "s.duckdb")
    arts = [
        peristiwa.Article(
            f"a{i}", f"Rusia mengecam Ukraina atas serangan nomor {i}.", published=date(2025, 1, 1)
        )
        for i in range(400)
    ]
    with open_store(db) as store:
        ingest(store, arts, FakeCoder())
    cmd = [
        sys.executable,
        "-m",
        "peristiwa.cli",
        "query",
        "--db",
        db,
        "--format",
        "csv",
        "--level",
        "mention",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # what `head -1` does
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert err == "" and proc.returncode == 0


def test_make_lint_names_only_folders_that_exist() -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    out = subprocess.run(["make", "-n", "lint"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    line = next(x for x in out.splitlines() if "ruff check" in x)
    assert ("scripts" in line) == (REPO / "scripts").is_dir()


def test_saved_pipeline_loads_with_bare_spacy_load(tmp_path: Path) -> None:
    """spaCy finds our factories through the package's entry points: no import of ours needed."""
    import spacy

    import peristiwa.nlp.components  # noqa: F401  (registers the factories in this process)

    nlp = spacy.blank("id")
    nlp.add_pipe("peristiwa_senter")
    nlp.add_pipe("peristiwa_lemmatizer")
    nlp.to_disk(tmp_path / "pipe")
    code = (
        "import sys, spacy\n"
        f"nlp = spacy.load({str(tmp_path / 'pipe')!r})\n"
        "doc = nlp('Mereka menyerang pos itu. Polisi datang.')\n"
        "print(nlp.pipe_names, [t.lemma_ for t in doc][:3], len(list(doc.sents)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "['peristiwa_senter', 'peristiwa_lemmatizer'] ['mereka', 'serang', 'pos'] 2"


def test_coder_marks_joint_events() -> None:
    if not (MODEL_DIR / "config.cfg").is_file():
        pytest.skip("trained pipeline not found")
    met = peristiwa.code(
        "Presiden Prabowo dan Perdana Menteri Malaysia Anwar Ibrahim bertemu di Jakarta "
        "pada Senin (12/5/2025).",
        published="2025-05-13",
    )
    assert {(e.actor1.code, e.actor2.code if e.actor2 else "", e.joint) for e in met} == {
        ("IDNGOV", "MYSGOV", True),
        ("MYSGOV", "IDNGOV", True),
    }
    visit = peristiwa.code(
        "Presiden Prabowo mengunjungi Malaysia pada Senin (12/5/2025).", published="2025-05-13"
    )
    assert visit and not any(e.joint for e in visit)
    assert all(e.to_record()["joint"] is False for e in visit)
