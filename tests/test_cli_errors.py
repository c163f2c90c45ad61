"""Bad input to the CLI: one line naming the input, a non-zero exit, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from peristiwa.cli import app

runner = CliRunner()


def _run(*args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


@pytest.fixture()
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    binary = tmp_path / "biner.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Menteri itu berkata: \xabkami menolak\xbb dan pergi.".encode("cp1252"))
    empty = tmp_path / "kosong.txt"
    empty.write_text("", encoding="utf-8")
    return {"binary": binary, "latin": latin, "empty": empty, "dir": tmp_path, "missing": tmp_path / "x.txt"}


@pytest.mark.parametrize(
    ("key", "needle"),
    [
        ("missing", "no such file"),
        ("dir", "is a directory"),
        ("binary", "binary"),
        ("latin", "not UTF-8"),
        ("empty", "empty text"),
    ],
)
def test_nlp_bad_input(bad_inputs: dict[str, Path], key: str, needle: str) -> None:
    result = _run("nlp", str(bad_inputs[key]))
    assert result.exit_code != 0
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1, result.output
    assert needle in lines[0] and str(bad_inputs[key]) in lines[0]


def test_nlp_latin_names_the_likely_encoding(bad_inputs: dict[str, Path]) -> None:
    result = _run("nlp", str(bad_inputs["latin"]))
    assert "likely" in result.output


def test_code_rejects_bad_format_and_date() -> None:
    assert _run("code", "-", "--format", "xml").exit_code == 2
    result = _run("code", "-", "--published", "20/03/2024")
    assert result.exit_code == 2 and "ISO date" in result.output


def test_nlp_conllu_output_is_well_formed(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "berita.txt"
    f.write_text(
        "Presiden Jokowi bertemu Perdana Menteri Jepang.\n\nKedua pemimpin membahas kerja sama.", "utf-8"
    )
    result = _run("nlp", str(f), "--format", "conllu")
    assert result.exit_code == 0
    blocks = [b for b in result.output.strip().split("\n\n") if b]
    assert len(blocks) == 2
    for block in blocks:
        rows = [r.split("\t") for r in block.splitlines() if not r.startswith("#")]
        assert all(len(r) == 10 for r in rows)
        assert [int(r[0]) for r in rows] == list(range(1, len(rows) + 1))
        assert sum(r[6] == "0" for r in rows) == 1 and all(0 <= int(r[6]) <= len(rows) for r in rows)
