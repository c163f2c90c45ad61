"""The coder never raises, whatever it is fed; the CLI codes the good articles of a bad batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from peristiwa.cli import app
from peristiwa.model import Article

pytestmark = pytest.mark.usefixtures("nlp")

WORDS = [
    "Presiden",
    "Indonesia",
    "Prabowo",
    "mengecam",
    "Israel",
    "dan",
    "AS",
    ",",
    ".",
    '"',
    "“",
    "”",
    "(",
    ")",
    "-",
    "–",
    "kedua",
    "negara",
    "ia",
    "akan",
    "tidak",
    "mendesak",
    "kepada",
    "oleh",
    "dikenai",
    "sanksi",
    "kunjungan",
    "ke",
    "Cina",
    "pada",
    "12/3",
    "bulan",
    "Mei",
    "Rp1,5",
    "triliun",
    "$218,2",
    "miliar",
    "yang",
    "di",
    "dari",
    "untuk",
    "Putin",
    "Xi",
    "antara",
    "menolak",
    "berkomentar",
    "serangan",
    "invasi",
    "Rusia",
    "Ukraina",
]


def _code(text: str) -> None:
    from peristiwa.coding.coder import default_coder

    coded = default_coder().code_article(Article("fuzz", text))
    for ev in coded.events:
        rec = ev.to_record()
        assert text[rec["sentence_start"] : rec["sentence_end"]] == rec["sentence"]
        assert text[rec["trigger_start"] : rec["trigger_end"]] == rec["trigger"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=60).map(" ".join))
def test_shuffled_event_vocabulary_never_raises(text: str) -> None:
    _code(text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=0, max_size=400))
def test_random_unicode_never_raises(text: str) -> None:
    _code(text)


def test_very_long_sentence_and_unbalanced_quotes() -> None:
    long = " ".join(
        ["Indonesia mengecam Israel dan", "“Amerika Serikat"] * 1250
    )  # ~5,000 tokens, no full stop
    _code(long)
    _code('Menlu mengatakan, "Kami mendesak Israel untuk berhenti. Lalu ia pergi ke Kairo.')
    _code("((((“”“ ” »« '' `` ... ---")


def test_cli_codes_good_articles_and_reports_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    f.write_text(
        "\n".join(
            [
                json.dumps(
                    {"id": "a", "text": "Gedung Putih mengecam Iran.", "published": "2025-02-04"}
                ),
                "{rusak",
                json.dumps(
                    {"id": "b", "text": "Jepang mengecam Korea Utara pada Senin.", "published": "2025-02-04"}
                ),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "events.jsonl"
    result = CliRunner().invoke(app, ["code", str(f), "--format", "jsonl", "--out", str(out)])
    assert result.exit_code == 1
    assert f"{f}:2" in result.output and "malformed JSON" in result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {(r["article_id"], r["event_code"]) for r in records} == {("a", "111"), ("b", "111")}
