"""Ctrl-C during ``peristiwa ingest``: say what was kept, exit 130, and a rerun resumes to the same store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from test_store_support import snapshot

# A CLI whose coder is the store's fake one, slowed down, and which drops a marker file once it has
# coded enough articles for a few batches to be committed: the test interrupts it then.
RUNNER = """
import sys, time
from pathlib import Path
import typer
from peristiwa.store.commands import register
from peristiwa.store.fake import FakeCoder

class Slow(FakeCoder):
    version = "fake-slow"
    def code_articles(self, articles):
        for i, coded in enumerate(super().code_articles(articles)):
            if i == 25:
                Path(sys.argv[1]).write_text("ready")
            if Path(sys.argv[1]).exists():
                time.sleep(0.05)
            yield coded

class Fast(FakeCoder):
    version = "fake-slow"  # the same coder version: a rerun skips what is stored

app = typer.Typer()
register(app, coder_factory=Slow if sys.argv[2] == "slow" else Fast)
@app.command("noop")
def noop() -> None: ...
app(sys.argv[3:])
"""


def _corpus(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = f"Prabowo bertemu Xi Jinping di Beijing nomor {i}. Rusia mengecam Ukraina pada bulan Mei."
            fh.write(json.dumps({"id": f"a{i:04d}", "text": text, "published": "2024-05-02"}) + "\n")


def _run(tmp: Path, mode: str, *args: str) -> subprocess.Popen[str]:
    script = tmp / "runner.py"
    script.write_text(RUNNER, encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, str(script), str(tmp / "ready"), mode, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_sigint_mid_ingest_says_what_was_kept_and_a_rerun_resumes(tmp_path: Path) -> None:
    corpus = tmp_path / "in.jsonl"
    _corpus(corpus, 400)
    db = str(tmp_path / "store.duckdb")
    args = ["ingest", str(corpus), "--db", db, "--batch-size", "5", "--quiet"]
    proc = _run(tmp_path, "slow", *args)
    deadline = time.monotonic() + 60
    while not (tmp_path / "ready").exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the ingest never got going"
        time.sleep(0.05)
    time.sleep(0.3)  # a few more batches
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted:" in err and "Traceback" not in err
    assert "rolled back" in err and "Run the same command again to resume" in err
    stored = int(err.split("interrupted:")[1].split("article(s) were stored")[0].strip().split()[-1])
    assert 25 <= stored < 400
    (tmp_path / "ready").unlink()
    rerun = _run(tmp_path, "fast", *args)
    _out, err2 = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err2
    assert f"{400 - stored} new" in err2 and f"{stored} unchanged" in err2
    whole = str(tmp_path / "whole.duckdb")
    again = _run(tmp_path, "fast", "ingest", str(corpus), "--db", whole, "--quiet")
    assert again.communicate(timeout=120) and again.returncode == 0
    assert snapshot(db) == snapshot(whole)
