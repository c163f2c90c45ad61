"""One bad record never costs the batch (issue 14, first half).

Every hostile input of the issue sits between two good JSON Lines records: the good ones are coded
(and, for ``ingest``, stored), the bad one is one error line naming file:line, the exit code is 1,
and there is never a traceback. Inputs the readers can honestly repair (a lone surrogate, a NUL
escape) or the coder can handle (an article of 1.2 million characters) are coded instead, with
offsets into the text as stored. The records and sentences are our own writing.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
from concurrent.futures import Future
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from peristiwa.cli import app
from peristiwa.ingest.readers import InputError, iter_articles, iter_jsonl
from peristiwa.model import Article

runner = CliRunner()
GOOD_1 = {"id": "g1", "text": "Presiden Prabowo mengecam Israel pada Senin.", "published": "2025-02-04"}
GOOD_2 = {"id": "g2", "text": "Jepang mengecam Korea Utara pada Senin.", "published": "2025-02-04"}
TEXT = "Menteri Luar Negeri Retno mengunjungi Cina pada Selasa."
ENGLISH = "The minister flew home yesterday after a long summit with the other leaders of the region."
LONG_UNIT = "Presiden Prabowo mengecam Israel pada Senin di Jakarta. " + "x" * 900 + ". "


def _line(**fields: object) -> str:
    return json.dumps({"id": "bad", "text": TEXT, **fields})


#: name -> (the JSON line between the good ones, the error it must give; None: coded, no error)
BAD_LINES: dict[str, tuple[str, str | None]] = {
    "title is a number": (_line(title=2024), "bad: 'title' must be a string or null, not a number"),
    "outlet is an object": (_line(outlet={"name": "x"}), "'outlet' must be a string or null, not an object"),
    "url is a list": (_line(url=["https://a.test"]), "'url' must be a string or null, not a list"),
    "title is a boolean": (_line(title=True), "'title' must be a string or null, not a boolean"),
    "text is a number": (json.dumps({"id": "bad", "text": 7}), "'text' must be a string, not a number"),
    "lone surrogate in text": ('{"id": "bad", "text": "Presiden Prabowo \\ud800 mengecam Israel."}', None),
    "lone surrogate in title": ('{"id": "bad", "text": "Jokowi ke Cina.", "title": "x\\udc00"}', None),
    "NUL and escape in text": ('{"id": "bad", "text": "Jokowi\\u0000 mengecam\\u001b[31m Israel."}', None),
    "end of the calendar": (
        json.dumps({"id": "bad", "text": "Besok Presiden Prabowo ke Cina.", "published": "9999-12-31"}),
        "'published' 9999-12-31 is outside 1900-01-01..2100-12-31",
    ),
    "published is a number": (_line(published=20250204), "'published' must be an ISO date string"),
    "nested 60,000 deep": ("[" * 60_000 + "]" * 60_000, "malformed JSON (nested too deeply)"),
    "100,000-digit integer": ('{"id": "bad", "n": ' + "7" * 100_000 + "}", "JSON (Exceeds the limit"),
    "id with a newline": (json.dumps({"id": "a\nb", "text": TEXT}), "holds the control character U+000A"),
    "id with a terminal escape": (
        json.dumps({"id": "a\x1b[2J", "text": TEXT}),
        "holds the control character U+001B",
    ),
    "id with a slash": (json.dumps({"id": "../etc/x", "text": TEXT}), "holds a '/'"),
    "id of a million characters": (json.dumps({"id": "x" * 1_000_000, "text": TEXT}), "'id' is too long"),
    "id is a boolean": (json.dumps({"id": True, "text": TEXT}), "'id' must be a string or an integer"),
    "rich markup in the id": (json.dumps({"id": "[bold]x", "text": ENGLISH}), None),
}


def _batch(tmp_path: Path, bad: str) -> Path:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([json.dumps(GOOD_1), bad, json.dumps(GOOD_2)]) + "\n", encoding="utf-8")
    return src


def _invoke(*args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def _error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("error:")]


def _coded_ids(out: Path) -> set[str]:
    return {json.loads(line)["article_id"] for line in out.read_text(encoding="utf-8").splitlines()}


# ------------------------------------------------------------------------------- the readers
@pytest.mark.parametrize("name", list(BAD_LINES))
def test_reader_bad_record_between_good_ones(tmp_path: Path, name: str) -> None:
    bad, expected = BAD_LINES[name]
    src = _batch(tmp_path, bad)
    items = list(iter_articles([str(src)]))
    errors = [i for i in items if isinstance(i, InputError)]
    ids = [i.id for i in items if isinstance(i, Article)]
    assert ids[0] == "g1" and ids[-1] == "g2"
    if expected is None:
        assert errors == [] and len(ids) == 3
        art = items[1]
        assert isinstance(art, Article)
        for value in (art.text, art.title or ""):
            value.encode("utf-8")  # no lone surrogate left
            assert not any(ord(c) < 32 and c not in "\n\t\r\f" for c in value)
    else:
        assert len(errors) == 1 and errors[0].source == f"{src}:2", errors
        assert expected in errors[0].message


def test_normalising_keeps_every_offset() -> None:
    from peristiwa.ingest.validate import clean_text

    raw = "a\ud800b\x00c\x1bd\ne\tf"
    clean, n = clean_text(raw)
    assert (clean, n) == ("a\ufffdb c d\ne\tf", 3)
    assert len(clean) == len(raw)


def test_error_lines_cannot_carry_terminal_escapes(tmp_path: Path) -> None:
    src = _batch(tmp_path, json.dumps({"id": "a\x1b]0;owned\x07", "text": TEXT}))
    result = _invoke("code", str(src), "--format", "jsonl", "-o", str(tmp_path / "out.jsonl"))
    assert "\x1b" not in result.output and "\\x1b" in result.output


# ------------------------------------------------------------------------------- the CLI
@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("name", list(BAD_LINES))
def test_code_codes_the_good_neighbours(tmp_path: Path, name: str) -> None:
    bad, expected = BAD_LINES[name]
    src = _batch(tmp_path, bad)
    out = tmp_path / "events.jsonl"
    result = _invoke("code", str(src), "--format", "jsonl", "-o", str(out))
    assert {"g1", "g2"} <= _coded_ids(out)
    errors = _error_lines(result.output)
    if expected is None:
        assert result.exit_code == 0, result.output
        assert errors == []
        if name == "rich markup in the id":  # printed as written, never read as markup
            assert "warning: [bold]x: text is not Indonesian" in result.output
    else:
        assert result.exit_code == 1, result.output
        assert len(errors) == 1 and errors[0].startswith(f"error: {src}:2: "), errors
        assert expected in " ".join(result.output.split())


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize(
    "name", ["url is a list", "lone surrogate in text", "nested 60,000 deep", "end of the calendar"]
)
def test_ingest_stores_the_good_neighbours(tmp_path: Path, name: str) -> None:
    from peristiwa.store.db import open_store

    bad, expected = BAD_LINES[name]
    src = _batch(tmp_path, bad)
    db = str(tmp_path / "s.duckdb")
    result = _invoke("ingest", str(src), "--db", db)
    with open_store(db, read_only=True) as store:
        ids = {r[0] for r in store.backend.fetchall("SELECT article_id FROM articles")}
        texts = [r[0] for r in store.backend.fetchall("SELECT text FROM articles")]
    assert {"g1", "g2"} <= ids
    for text in texts:
        text.encode("utf-8")
    if expected is None:
        assert result.exit_code == 0, result.output
        assert ids == {"g1", "bad", "g2"}
    else:
        assert result.exit_code == 1, result.output
        assert ids == {"g1", "g2"}
        assert f"{src}:2: " in result.output and expected in " ".join(result.output.split())


@pytest.mark.usefixtures("nlp")
def test_article_over_spacy_max_length_is_coded_in_chunks(tmp_path: Path) -> None:
    body = LONG_UNIT * 1300
    text = body[:600_000] + " Menteri Luar Negeri Retno mengunjungi Cina pada Selasa. " + body[:600_000]
    assert len(text) > 1_200_000
    src = _batch(tmp_path, json.dumps({"id": "long", "text": text, "published": "2025-02-04"}))
    out = tmp_path / "events.jsonl"
    result = _invoke("code", str(src), "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    long = [r for r in records if r["article_id"] == "long"]
    assert {r["article_id"] for r in records} == {"g1", "long", "g2"}
    visit = [r for r in long if r["trigger"] == "mengunjungi"]
    assert len(visit) == 1 and visit[0]["actor2_code"] == "CHN"
    indexes = [r["sentence_index"] for r in long]
    assert indexes == sorted(indexes) and len(set(indexes)) > 1000  # numbered over the whole text
    for r in long:  # offsets are into the whole text, not into a chunk
        assert text[r["sentence_start"] : r["sentence_end"]] == r["sentence"]
        assert text[r["trigger_start"] : r["trigger_end"]] == r["trigger"]


@pytest.mark.usefixtures("nlp")
def test_chunked_article_keeps_sentence_entity_and_fact_offsets() -> None:
    from peristiwa.coding.coder import chunk_bounds, default_coder

    text = ("Harga naik Rp1,5 triliun kata Presiden Joko Widodo. " + "y" * 500 + ". ") * 400
    bounds = chunk_bounds(text, 50_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(text[hi - 2 : hi] == ". " for _lo, hi in bounds[:-1])  # cut after a sentence end
    import peristiwa.coding.coder as coder_mod

    whole = default_coder().code_article(Article("c", text))  # under the limit: one Doc
    saved = coder_mod.MAX_DOC_CHARS
    coder_mod.MAX_DOC_CHARS = 50_000
    try:
        coded = default_coder().code_article(Article("c", text))
    finally:
        coder_mod.MAX_DOC_CHARS = saved
    assert not coded.error and "coded in 5 sentence-bounded chunks" in coded.warnings[-1]
    assert coded.sentences == whole.sentences  # same offsets, same numbering
    assert coded.facts == whole.facts and len(coded.facts) == 400
    assert coded.entities == whole.entities and coded.entities


# ------------------------------------------------------------------------------- isolation
@pytest.fixture
def boom(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the coder fail on the article with id 'boom' (an unknown bug in a rule, say)."""
    from peristiwa.coding.coder import Coder

    fill = Coder._fill

    def failing(self, coded, doc):  # type: ignore[no-untyped-def]
        if coded.article.id == "boom":
            raise RuntimeError("a rule broke")
        return fill(self, coded, doc)

    monkeypatch.setattr(Coder, "_fill", failing)


@pytest.mark.usefixtures("nlp", "boom")
def test_code_isolates_an_article_the_coder_fails_on(tmp_path: Path) -> None:
    src = _batch(tmp_path, json.dumps({"id": "boom", "text": TEXT}))
    out = tmp_path / "events.jsonl"
    result = _invoke("code", str(src), "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 1
    assert _coded_ids(out) == {"g1", "g2"}
    errors = _error_lines(result.output)
    assert errors == [f"error: {src}:2: article 'boom': coding failed (RuntimeError: a rule broke)"]


@pytest.mark.usefixtures("nlp", "boom")
def test_ingest_isolates_an_article_the_coder_fails_on(tmp_path: Path) -> None:
    from peristiwa.store.db import open_store

    src = _batch(tmp_path, json.dumps({"id": "boom", "text": TEXT}))
    db = str(tmp_path / "s.duckdb")
    result = _invoke("ingest", str(src), "--db", db)
    assert result.exit_code == 1
    assert f"{src}:2: article 'boom': coding failed (RuntimeError: a rule broke)" in result.output
    with open_store(db, read_only=True) as store:
        assert {r[0] for r in store.backend.fetchall("SELECT article_id FROM articles")} == {"g1", "g2"}


@pytest.mark.usefixtures("nlp")
def test_a_failing_batch_is_recoded_article_by_article() -> None:
    from peristiwa import nlp as nlp_mod
    from peristiwa.coding.coder import Coder

    real = nlp_mod.load()

    class Pipe:
        """A pipeline whose batch call fails and whose single call fails on one text only."""

        def pipe(self, texts):  # type: ignore[no-untyped-def]
            raise ValueError("batch failed")

        def __call__(self, text: str):  # type: ignore[no-untyped-def]
            if "Korea" in text:
                raise ValueError("this one")
            return real(text)

    coder = Coder(nlp=Pipe())  # type: ignore[arg-type]
    arts = [Article("a", GOOD_1["text"]), Article("b", GOOD_2["text"]), Article("c", TEXT)]
    coded = list(coder.code_articles(arts))
    assert [c.article.id for c in coded] == ["a", "b", "c"]
    assert [bool(c.error) for c in coded] == [False, True, False]
    assert coded[0].events and coded[2].events and not coded[1].events


def test_a_chunk_lost_with_its_worker_is_reported_per_article() -> None:
    from peristiwa.scale.workers import ordered_results

    ok: Future = Future()
    lost: Future = Future()
    from peristiwa.model import CodedArticle
    from peristiwa.scale.workers import ChunkResult

    ok.set_result(ChunkResult([CodedArticle(Article("a", "x"))], "w", 0, 0.0))
    lost.set_exception(RuntimeError("worker died"))
    lost.chunk = [Article("b", "x"), Article("c", "x")]  # type: ignore[attr-defined]
    coded = list(ordered_results(iter([ok, lost]), 2, None))
    assert [(c.article.id, bool(c.error)) for c in coded] == [("a", False), ("b", True), ("c", True)]
    assert "worker died" in coded[1].error


@pytest.mark.usefixtures("nlp")
def test_workers_path_codes_the_good_neighbours(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [json.dumps(GOOD_1), BAD_LINES["url is a list"][0], "[" * 60_000, json.dumps(GOOD_2)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    result = _invoke("code", str(src), "--workers", "2", "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 1, result.output
    assert _coded_ids(out) == {"g1", "g2"}
    assert [e.split(": ")[1] for e in _error_lines(result.output)] == [f"{src}:2", f"{src}:3"]


# ------------------------------------------------------------------------------- the Python API
@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Presiden Prabowo \ud800 mengecam Israel pada Senin.", "2025-02-04"),
        ("\udfff" * 50, None),
        ("Besok Presiden Prabowo mengunjungi Cina, pekan depan ke Jepang.", "9999-12-31"),
        ("Kemarin Presiden Prabowo mengunjungi Cina, pekan lalu ke Jepang.", "0001-01-01"),
        ("Tahun depan Presiden Prabowo mengunjungi Cina.", date.max),
        ("-" * 4000, None),
        ("Jokowi\x00\x1b[31m mengecam Israel.", None),
    ],
)
def test_python_api_never_raises(text: str, published: str | date | None) -> None:
    import warnings

    import peristiwa

    with warnings.catch_warnings():
        # a caught internal failure warns with RuntimeWarning: none may happen (notices about
        # replaced characters or a dropped date are PeristiwaWarnings, and are allowed)
        warnings.simplefilter("error", RuntimeWarning)
        events = peristiwa.code(text, published=published)
    for ev in events:
        assert ev.sentence.encode("utf-8")
        assert text[ev.trigger_start : ev.trigger_end] == ev.trigger


@pytest.mark.usefixtures("nlp")
def test_punctuation_runs_tokenize_linearly_and_losslessly() -> None:
    from peristiwa import nlp as nlp_mod
    from peristiwa.nlp.tokenizer import MAX_RUN

    nlp = nlp_mod.load()
    for text in ("-" * 5000, "-." * 3000, "x" * (MAX_RUN * 3 + 7), "a " + "(" * 2500 + " b"):
        doc = nlp.tokenizer(text)
        assert doc.text == text
        assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
        assert max(len(t.text) for t in doc) <= MAX_RUN
    assert len(nlp.tokenizer("-" * 5000)) == 5000  # the same tokens spaCy's rules give, one per dash
    url = "https://www.contoh.test/read/2025/02/04/" + "judul-berita-" * 30 + "panjang"
    assert [t.text for t in nlp.tokenizer(f"lihat {url} .")] == ["lihat", url, "."]


def test_tokenizer_stays_bounded_after_a_disk_round_trip(tmp_path: Path) -> None:
    import spacy

    import peristiwa.nlp.components  # noqa: F401
    from peristiwa.nlp.tokenizer import NewsTokenizer, PrefixWindow, SuffixWindow

    nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "peristiwa.id_tokenizer.v1"}}})
    nlp.to_disk(tmp_path / "m")
    tok = spacy.load(tmp_path / "m").tokenizer
    assert isinstance(tok, NewsTokenizer)
    assert isinstance(tok.prefix_search.__self__, PrefixWindow)
    assert isinstance(tok.suffix_search.__self__, SuffixWindow)


# ------------------------------------------------------------------------------- readers hardening
def test_nul_anywhere_in_a_text_file_is_refused_and_neighbours_read(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(GOOD_1["text"], encoding="utf-8")
    (d / "b.txt").write_bytes(("Jokowi mengecam Israel. " * 1000).encode() + b"\x00 tail")
    (d / "c.txt").write_text(GOOD_2["text"], encoding="utf-8")
    items = list(iter_articles([str(d)]))
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "c"]
    assert [str(i) for i in items if isinstance(i, InputError)] == [
        f"{d / 'b.txt'}: binary data (a NUL byte), not a text article"
    ]


def test_symlinks_outside_are_refused_and_broken_ones_reported(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("Rahasia negara tidak boleh dibaca.", encoding="utf-8")
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(GOOD_1["text"], encoding="utf-8")
    (d / "sub" / "c.txt").write_text(GOOD_2["text"], encoding="utf-8")
    os.symlink(outside, d / "b.txt")
    os.symlink(tmp_path / "gone.txt", d / "broken.txt")
    os.symlink(tmp_path, d / "up")  # a directory link leading out
    os.symlink(d / "a.txt", d / "z.txt")  # inside: fine
    items = list(iter_articles([str(d)]))
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "c", "z"]
    errors = {Path(i.source).name: i.message for i in items if isinstance(i, InputError)}
    assert set(errors) == {"b.txt", "broken.txt", "up"}
    assert "outside" in errors["b.txt"] and "outside" in errors["up"]
    assert errors["broken.txt"].startswith("broken symbolic link")
    assert not any("Rahasia" in i.text for i in items if isinstance(i, Article))


def test_huge_text_file_is_refused_by_its_size_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # sparse: 2 GiB on paper, nothing on disk
        fh.truncate(2 * 1024**3)
    items = list(iter_articles([str(big)]))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert "too large for one article (2,147,483,648 bytes" in items[0].message


def test_overlong_json_line_is_skipped_unread(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import peristiwa.ingest.readers as readers

    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 1000)
    src = _batch(tmp_path, json.dumps({"id": "bad", "text": "x" * 5000}))
    with open(src, "rb") as fh:
        items = list(iter_jsonl(fh, str(src)))
    assert [i.id for i in items if isinstance(i, Article)] == ["g1", "g2"]
    assert [i.source for i in items if isinstance(i, InputError)] == [f"{src}:2"]


def test_directory_with_malformed_jsonl_files_reads_the_others(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.jsonl").write_text(json.dumps(GOOD_1) + "\n", encoding="utf-8")
    (d / "b.jsonl.gz").write_bytes(gzip.compress(b'{"id": "x", "text": "y"}\n' * 50)[:40] + b"\xff" * 64)
    (d / "c.jsonl").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + os.urandom(256))
    (d / "d.jsonl").write_text("[" * 80_000 + "\n" + json.dumps(GOOD_2) + "\n", encoding="utf-8")
    (d / "e.jsonl.gz").write_bytes(b"not gzip at all")
    (d / "f.jsonl").write_text(json.dumps({"id": "f", "text": TEXT}) + "\n", encoding="utf-8")
    items = list(iter_articles([str(d)]))
    ids = [i.id for i in items if isinstance(i, Article)]
    assert [i for i in ids if i != "x"] == ["g1", "g2", "f"]  # "x": read before the corruption
    failed = {Path(i.source.split(":")[0]).name for i in items if isinstance(i, InputError)}
    assert failed == {"b.jsonl.gz", "c.jsonl", "d.jsonl", "e.jsonl.gz"}


# ------------------------------------------------------------------------------- properties
#: Bounded for CI (both properties together take seconds); PERISTIWA_FUZZ_EXAMPLES=5000 hunts longer.
FUZZ = settings(
    max_examples=int(os.environ.get("PERISTIWA_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
_ANY_CHAR = st.characters(exclude_categories=())  # surrogates and controls included
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(_ANY_CHAR, max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
_WORDS = ["Prabowo", "mengecam", "Israel", "besok", "-", "—", ".", "\ud800", "\x00", "12/3", "Senin"]
_WORDS += ["tahun depan", "pekan lalu", "lusa", "kemarin", "31/12/9999", "1/1/1", "9999", "0001", "Desember"]
_WORDS += ["pada", "tanggal", "31", "bulan", "depan", "Rp9.999.999.999.999.999.999.999,9", "triliun", "abad"]
_TEXTS = st.one_of(
    st.text(_ANY_CHAR, max_size=300),
    st.lists(st.sampled_from(_WORDS), max_size=60).map(" ".join),
)
_RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(_VALUES, st.text(_ANY_CHAR, min_size=1, max_size=20)),
        "text": st.one_of(_VALUES, _TEXTS),
        "title": _VALUES,
        "outlet": _VALUES,
        "url": _VALUES,
        "published": st.one_of(_VALUES, st.dates().map(date.isoformat)),
    },
)


@pytest.mark.usefixtures("nlp")
@FUZZ
@given(_RECORDS)
def test_reading_and_coding_any_record_never_raises_and_neighbours_survive(record: dict) -> None:
    from peristiwa.coding.coder import default_coder

    lines = [json.dumps(GOOD_1), json.dumps(record), json.dumps(GOOD_2)]
    items = list(iter_jsonl((line.encode() + b"\n" for line in lines), "prop.jsonl"))
    articles = [i for i in items if isinstance(i, Article)]
    coded = list(default_coder().code_articles(articles))
    assert [c.article.id for c in coded if c.article.id in ("g1", "g2")] == ["g1", "g2"]
    for c in coded:
        assert not c.error, c.error
        assert any(e.event_code == "111" for e in c.events) or c.article.id not in ("g1", "g2")
        for s in c.sentences:
            assert c.article.text[s.start : s.end] == s.text
        json.dumps(c.article.text, ensure_ascii=False).encode("utf-8")  # storable as UTF-8


@pytest.mark.usefixtures("nlp")
@FUZZ
@given(_TEXTS, st.one_of(st.none(), st.dates()))
def test_coder_codes_any_text_on_any_date_without_failing(text: str, published: date | None) -> None:
    from peristiwa.coding.coder import default_coder

    coded = default_coder().code_article(Article("p", text, published=published))
    assert not coded.error, coded.error
    assert len(coded.article.text) == len(text)
    for ev in coded.events:
        assert coded.article.text[ev.trigger_start : ev.trigger_end] == ev.trigger


@pytest.mark.usefixtures("nlp")
def test_stdin_json_lines_are_streamed_with_errors_per_line(tmp_path: Path) -> None:
    lines = [json.dumps(GOOD_1), BAD_LINES["title is a number"][0], json.dumps(GOOD_2)]
    out = tmp_path / "events.jsonl"
    result = runner.invoke(app, ["code", "-", "--format", "jsonl", "-o", str(out)], input="\n".join(lines))
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    assert _coded_ids(out) == {"g1", "g2"}
    assert _error_lines(result.output) == [
        "error: <stdin>:2: article bad: 'title' must be a string or null, not a number"
    ]


def test_stdin_text_is_read_only_up_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys
    import types

    from peristiwa.ingest.readers import MAX_TEXT_BYTES

    data = io.BytesIO(b"kata " * (MAX_TEXT_BYTES // 5 + 1000))
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=data))
    items = list(iter_articles(["-"]))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert "too large for one article" in items[0].message
    assert data.tell() <= MAX_TEXT_BYTES + 8192  # the rest was never read


@pytest.mark.usefixtures("nlp", "boom")
def test_worker_processes_isolate_an_article_the_coder_fails_on() -> None:
    from peristiwa.scale.workers import code_in_processes

    arts = [Article("g1", GOOD_1["text"]), Article("boom", TEXT), Article("g2", GOOD_2["text"])]
    # fork, so the workers inherit the patched coder (the CLI's workers spawn; same code inside)
    coded = list(code_in_processes(arts, 1, chunk_size=1, start_method="fork"))
    assert [c.article.id for c in coded] == ["g1", "boom", "g2"]
    assert coded[1].error == "coding failed (RuntimeError: a rule broke)"
    assert coded[0].events and coded[2].events and not coded[0].error


@pytest.mark.usefixtures("nlp")
def test_ingest_stores_an_article_over_spacy_max_length(tmp_path: Path) -> None:
    from peristiwa.store.db import open_store

    text = (LONG_UNIT * 1300)[:1_200_000]
    src = _batch(tmp_path, json.dumps({"id": "long", "text": text, "published": "2025-02-04"}))
    db = str(tmp_path / "s.duckdb")
    result = _invoke("ingest", str(src), "--db", db)
    assert result.exit_code == 0, result.output
    with open_store(db, read_only=True) as store:
        ids = {r[0] for r in store.backend.fetchall("SELECT article_id FROM articles")}
        n = store.backend.fetchone("SELECT count(*) FROM events WHERE article_id = 'long'")[0]
    assert ids == {"g1", "long", "g2"} and n > 1000
