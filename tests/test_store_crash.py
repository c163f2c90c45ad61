"""Crash safety: an ingest killed with SIGKILL at any moment leaves a consistent store, and running it
again ends in exactly the state of an uninterrupted run (wall-clock columns aside)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_store_support import (  # noqa: F401  (fixtures, used by name)
    backend_url_fixture,
    pg_url_fixture,
    snapshot,
)

from peristiwa.store.db import open_store

N_ARTICLES = 500
COUNTRIES = ["Cina", "Jepang", "India", "Australia", "Malaysia", "Singapura", "Rusia", "Iran"]
MONTHS = ["Mei", "Juni", "Juli", "Agustus"]

# The child: the same ingest the CLI runs, with hooks that tell the parent where it is.
CHILD = r"""
import sys, time
from peristiwa.ingest.readers import iter_articles
from peristiwa.store.db import open_store
from peristiwa.store.fake import FakeCoder
from peristiwa.store.ingest import ingest

url, src, block_at = sys.argv[1], sys.argv[2], int(sys.argv[3])
batches = 0

def on_commit(summary):
    print(f"committed {summary.new + summary.updated}", flush=True)
    time.sleep(0.05)  # pace the run so the parent's kill lands before the end, wherever it lands

def before_commit():
    global batches
    batches += 1
    if batches == block_at:  # all of this batch's writes done, COMMIT not yet sent
        print("in-transaction", flush=True)
        time.sleep(120)

with open_store(url) as store:
    s = ingest(store, iter_articles([src]), FakeCoder(), batch_size=20, batch_seconds=1e9,
               on_commit=on_commit, before_commit=before_commit)
print(f"done {s.new} {s.updated} {s.unchanged} {len(s.errors)}", flush=True)
"""


def corpus(path: Path) -> Path:
    """500 articles whose events share keys across articles and batches (stories span them)."""
    lines = []
    for i in range(N_ARTICLES):
        c1, c2 = COUNTRIES[i % 8], COUNTRIES[(i * 3 + 1) % 8]
        if c1 == c2:
            c2 = "Indonesia"
        month = MONTHS[i % 4]
        text = (
            f"Presiden Prabowo akan melakukan perjalanan ke {c1} pada bulan {month}. "
            f"Pemerintah {c2} mengecam Israel atas serangan terbaru. "
            f"Kunjungan Prabowo ke {c1} dilakukan dalam paruh kedua bulan {month}."
        )
        lines.append(
            json.dumps(
                {
                    "id": f"art{i:03d}",
                    "text": text,
                    "outlet": ["Kompas.com", "Detik.com"][i % 2],
                    "published": f"2025-0{1 + i % 4}-{1 + i % 28:02d}",
                    "url": f"https://x.test/{i}",
                }
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def child(url: str, src: Path, block_at: int = 0) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, url, str(src), str(block_at)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def wait_for(proc: subprocess.Popen[str], prefix: str, count: int = 1, timeout: float = 120) -> None:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    seen = 0
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            err = proc.stderr.read() if proc.stderr else ""
            pytest.fail(f"child ended before {prefix!r} x{count}: {err[-2000:]}")
        if line.startswith(prefix):
            seen += 1
            if seen >= count:
                return
    pytest.fail(f"timed out waiting for {prefix!r}")


def kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def finish(url: str, src: Path) -> str:
    proc = child(url, src)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-2000:]
    return out.strip().splitlines()[-1]


def consistent(url: str) -> int:
    """Every stored article has all its rows and every event is in exactly one story; returns #articles."""
    with open_store(url, read_only=True) as store:
        b = store.backend
        n = store.count("articles")
        assert (
            b.fetchone(
                "SELECT count(*) FROM articles WHERE n_events <> "
                "(SELECT count(*) FROM events e WHERE e.article_id = articles.article_id)"
            )[0]
            == 0
        )
        assert (
            b.fetchone(
                "SELECT count(*) FROM articles WHERE n_sentences <> "
                "(SELECT count(*) FROM sentences s WHERE s.article_id = articles.article_id)"
            )[0]
            == 0
        )
        assert (
            b.fetchone(
                "SELECT count(*) FROM events e LEFT JOIN stories s ON s.story_id = e.story_id "
                "WHERE s.story_id IS NULL"
            )[0]
            == 0
        )  # every event is in a story that exists
        assert (
            b.fetchone(
                "SELECT count(*) FROM stories s WHERE num_mentions <> "
                "(SELECT count(*) FROM events e WHERE e.story_id = s.story_id)"
            )[0]
            == 0
        )
        return n


def wipe(url: str) -> None:
    with open_store(url) as store:
        for table in (
            "story_links",
            "stories",
            "entities",
            "facts",
            "events",
            "sentences",
            "articles",
            "cameo_codes",
            "actor_codes",
            "feedback",
            "export_log",
            "schema_version",
        ):
            store.backend.execute(f"DROP TABLE {table}")


@pytest.mark.slow
def test_sigkill_at_any_moment_then_resume_equals_uninterrupted(backend_url: str, tmp_path: Path) -> None:
    src = corpus(tmp_path / "articles.jsonl")

    assert finish(backend_url, src) == f"done {N_ARTICLES} 0 0 0"
    reference = snapshot(backend_url)
    assert consistent(backend_url) == N_ARTICLES
    wipe(backend_url)

    # 1. Killed inside a transaction: every write of batch 4 done, COMMIT not sent.
    proc = child(backend_url, src, block_at=4)
    wait_for(proc, "in-transaction")
    kill(proc)
    assert consistent(backend_url) == 60  # batches 1-3 (20 articles each), nothing of batch 4

    # 2. Killed wherever it happens to be a moment after some more commits (coding, writing or committing).
    for commits, pause in ((2, 0.0), (3, 0.013), (1, 0.031)):
        before = consistent(backend_url)
        proc = child(backend_url, src)
        wait_for(proc, "committed", commits)
        time.sleep(pause)
        kill(proc)
        after = consistent(backend_url)
        assert before < after <= N_ARTICLES

    # 3. Resume: the rest is added, nothing twice, and the result is the uninterrupted one.
    last = finish(backend_url, src)
    _done, new, updated, unchanged, errors = last.split()
    assert (int(new) + int(unchanged), int(updated), int(errors)) == (N_ARTICLES, 0, 0)
    assert int(new) > 0 and int(unchanged) > 0
    assert consistent(backend_url) == N_ARTICLES
    assert snapshot(backend_url) == reference
