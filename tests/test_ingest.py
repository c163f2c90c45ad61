"""Readers: every kind of input, and every kind of bad input, gives articles or a named error."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

from peristiwa.ingest.readers import InputError, iter_articles

GOOD = "Presiden Indonesia bertemu Perdana Menteri Malaysia di Jakarta pada Senin."


def _all(paths: list[str], published: date | None = None) -> list:
    return list(iter_articles(paths, published))


def test_text_file_takes_its_name_as_id(tmp_path: Path) -> None:
    f = tmp_path / "berita-01.txt"
    f.write_text(GOOD, encoding="utf-8")
    [art] = _all([str(f)], date(2025, 1, 2))
    assert art.id == "berita-01"
    assert art.text == GOOD
    assert art.published == date(2025, 1, 2)


def test_jsonl_and_gzip_with_malformed_line_reported_by_number(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": GOOD, "published": "2024-05-01", "outlet": "Contoh"}),
        "{not json",
        json.dumps({"id": "a2", "text": GOOD}),
        json.dumps({"id": "a3", "text": "   "}),
        json.dumps(["not", "an", "object"]),
    ]
    f = tmp_path / "batch.jsonl.gz"
    with gzip.open(f, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    items = _all([str(f)], date(2025, 1, 1))
    arts = [i for i in items if not isinstance(i, InputError)]
    errs = [i for i in items if isinstance(i, InputError)]
    assert [a.id for a in arts] == ["a1", "a2"]
    assert arts[0].published == date(2024, 5, 1)  # the article's own date wins
    assert arts[1].published == date(2025, 1, 1)  # --published fills the gap
    assert [e.source for e in errs] == [f"{f}:2", f"{f}:4", f"{f}:5"]
    assert "malformed JSON" in errs[0].message
    assert "empty text" in errs[1].message


def test_bad_files_named_errors(tmp_path: Path) -> None:
    binary = tmp_path / "gambar.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    latin = tmp_path / "lama.txt"
    latin.write_bytes("Pemerintah menyatakan bahwa caf\xe9 itu ditutup dan na\xefve.".encode("latin-1"))
    empty = tmp_path / "kosong.txt"
    empty.write_text("  \n", encoding="utf-8")
    utf16 = tmp_path / "utf16.txt"
    utf16.write_text(GOOD, encoding="utf-16")
    missing = tmp_path / "tidak-ada.txt"
    items = _all([str(binary), str(latin), str(empty), str(utf16), str(missing)])
    assert all(isinstance(i, InputError) for i in items)
    messages = {Path(i.source).name: i.message for i in items}
    assert messages["gambar.txt"].startswith("binary")
    assert "not UTF-8" in messages["lama.txt"]
    assert messages["kosong.txt"] == "empty text"
    assert "UTF-16" in messages["utf16.txt"]
    assert "no such file" in messages["tidak-ada.txt"]


def test_directory_recurses_and_empty_directory_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "catatan.md").write_text("bukan artikel", encoding="utf-8")
    assert [a.id for a in _all([str(tmp_path)])] == ["a", "b"]
    empty = tmp_path / "kosong"
    empty.mkdir()
    [err] = _all([str(empty)])
    assert isinstance(err, InputError) and "no .txt" in err.message
