"""Progress on a terminal only: `code` draws a bar (articles, articles/s, ETA), never into a pipe
or with --quiet; `ingest` says it is loading the model instead of sitting at 0."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from peristiwa import cli
from peristiwa.model import Article, CodedArticle

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles.jsonl"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _terminal(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    sink = io.StringIO()
    console = cli.Console(file=sink, force_terminal=True, width=120)
    monkeypatch.setattr(cli, "err_console", console)
    return sink


def test_bar_only_for_a_terminal_and_not_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not cli.progress_wanted(False, to_file=False)  # pytest's stderr is no terminal
    _terminal(monkeypatch)
    assert cli.progress_wanted(False, to_file=False, stdout=_Tty())
    assert cli.progress_wanted(False, to_file=True, stdout=io.StringIO())  # events to a file
    assert not cli.progress_wanted(False, to_file=False, stdout=io.StringIO())  # piped
    assert not cli.progress_wanted(True, to_file=True, stdout=_Tty())  # --quiet


def test_bar_shows_articles_rate_and_eta_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    sink = _terminal(monkeypatch)
    coded = [CodedArticle(article=Article(f"a{i}", "teks")) for i in range(5)]
    out = list(cli.with_progress(iter(coded), 5, show=True))
    assert out == coded
    drawn = sink.getvalue()
    assert "5/5" in drawn and "articles/s" in drawn and "ETA" in drawn
    assert list(cli.with_progress(iter(coded), 5, show=False)) == coded


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("extra", [[], ["--quiet"]])
def test_code_into_a_pipe_draws_no_bar(extra: list[str]) -> None:
    result = CliRunner().invoke(cli.app, ["code", str(EXAMPLES), "-f", "jsonl", *extra])
    assert result.exit_code == 0, result.output
    assert '"event_code"' in result.output
    assert "articles/s" not in result.output and "loading model" not in result.output


def test_ingest_says_loading_model_before_the_first_article(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import typer

    from peristiwa.store import commands
    from peristiwa.store.fake import FakeCoder

    sink = io.StringIO()
    monkeypatch.setattr(commands, "err_console", cli.Console(file=sink, force_terminal=True, width=120))
    app = typer.Typer()
    commands.register(app, coder_factory=FakeCoder)
    corpus = tmp_path / "in.jsonl"
    corpus.write_text('{"id": "a", "text": "Prabowo bertemu Xi Jinping di Beijing."}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 0, result.output
    drawn = sink.getvalue()
    assert "loading model" in drawn and "new" in drawn  # the bar, then the summary
    sink.truncate(0)
    quiet = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "q.duckdb"), "--quiet"])
    assert quiet.exit_code == 0 and "loading model" not in sink.getvalue()
