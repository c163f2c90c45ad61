"""The ``peristiwa`` command line: code articles, inspect the NLP pipeline, check dictionaries, evaluate.

Every command turns bad input into a one-line error naming the input and a non-zero exit code,
never a traceback: people feed this tool whatever their crawler produced.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from peristiwa.evaluation import Report
from peristiwa.ingest.readers import InputError, decode_text, iter_articles
from peristiwa.ingest.validate import printable
from peristiwa.model import Article, CodedArticle
from peristiwa.serve.commands import register as register_serve_commands
from peristiwa.store.commands import register as register_store_commands

app = typer.Typer(
    help="peristiwa: explainable political event data (CAMEO) from Indonesian news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
dict_app = typer.Typer(
    help="Dictionaries: validate the actor, place and event-pattern files.", no_args_is_help=True
)
app.add_typer(dict_app, name="dict")
register_store_commands(app)  # ingest, query, export, db: the store's commands live with the store
register_serve_commands(app)  # serve: the web app and REST API

out_console = Console()
err_console = Console(stderr=True, highlight=False)


def _print_version(value: bool) -> None:
    if value:
        from peristiwa import __version__

        typer.echo(f"peristiwa {__version__}")
        raise typer.Exit()


@app.callback()
def _main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    pass


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a one-line error and return the Exit to raise (keeps the call sites short)."""
    err_console.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    return typer.Exit(code)


def parse_published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"--published: not an ISO date (YYYY-MM-DD): {value!r}") from None


def load_nlp_or_fail():  # type: ignore[no-untyped-def]
    from peristiwa import nlp as nlp_mod

    try:
        return nlp_mod.load()
    except (OSError, RuntimeError) as exc:
        raise fail(str(exc).splitlines()[0]) from None


# ---------------------------------------------------------------------------------------- nlp
@app.command("nlp")
def nlp_command(
    file: Annotated[str, typer.Argument(help="A UTF-8 text file, or - for standard input.")],
    format: Annotated[str, typer.Option("--format", "-f", help="table or conllu")] = "table",
) -> None:
    """Show tokens, lemmas, POS, dependencies and entities of a text (debugging the pipeline)."""
    if format not in ("table", "conllu"):
        raise fail(f"--format must be table or conllu, not {format!r}")
    text = _read_nlp_input(file)
    nlp = load_nlp_or_fail()
    doc = nlp(text)
    if format == "conllu":
        from peristiwa.nlp.conllu import doc_to_conllu

        sys.stdout.write(doc_to_conllu(doc))
        return
    _print_doc_tables(doc)


def _read_nlp_input(file: str) -> str:
    """The decoded text of ``file`` (or stdin for ``-``); a missing, unreadable or undecodable input
    fails here with a line naming it, before the model is loaded (loading takes seconds)."""
    if file == "-":
        data, name = sys.stdin.buffer.read(), "<stdin>"
    else:
        p = Path(file)
        if not p.exists():
            raise fail(f"{file}: no such file")
        if p.is_dir():
            raise fail(f"{file}: is a directory, not a text file")
        try:
            data, name = p.read_bytes(), file
        except OSError as exc:
            raise fail(f"{file}: cannot read ({exc.strerror})") from None
    text = decode_text(data, name)
    if isinstance(text, InputError):
        raise fail(str(text))
    return text


def _print_doc_tables(doc) -> None:  # type: ignore[no-untyped-def]
    """One token table per sentence, then the entities: the layout people read when a parse goes
    wrong (heads are 1-based within the sentence, 0 for the root, as in CoNLL-U)."""
    for i, sent in enumerate(doc.sents):
        table = Table(title=f"sentence {i}: chars {sent.start_char}-{sent.end_char}", title_justify="left")
        for col in ("#", "token", "lemma", "pos", "head", "dep", "ent"):
            table.add_column(col)
        for tok in sent:
            ent = f"{tok.ent_iob_}-{tok.ent_type_}" if tok.ent_type_ else ""
            head = str(tok.head.i - sent.start + 1) if tok.head.i != tok.i else "0"
            table.add_row(str(tok.i - sent.start + 1), tok.text, tok.lemma_, tok.pos_, head, tok.dep_, ent)
        out_console.print(table)
    if doc.ents:
        ents = Table(title="entities", title_justify="left")
        for col in ("text", "label", "start", "end"):
            ents.add_column(col)
        for ent in doc.ents:
            ents.add_row(ent.text, ent.label_, str(ent.start_char), str(ent.end_char))
        out_console.print(ents)


# ---------------------------------------------------------------------------------------- code
TABLE_COLUMNS = (
    "article_id",
    "actor1_code",
    "event_code",
    "actor2_code",
    "modality",
    "event_date",
    "trigger",
)


def _coded(
    articles: Iterator[Article | InputError],
    errors: list[InputError],
    workers: int | None = None,
    dask: str | None = None,
) -> Iterator[CodedArticle]:
    """Coded articles in input order; input errors are printed and counted as they are met."""

    def good() -> Iterator[Article]:
        for item in articles:
            if isinstance(item, InputError):
                report_error(item, errors)
            else:
                yield item

    if workers not in (None, 1) or dask:
        from peristiwa.scale.commands import code_parallel

        coded = code_parallel(good(), workers, dask)
    else:
        from peristiwa.coding.coder import default_coder

        coded = default_coder().code_articles(good())
    yield from without_failures(coded, errors)


def report_error(item: InputError, errors: list[InputError]) -> None:
    """Count one failed input and print it as one line (markup-escaped: ids and names are data)."""
    errors.append(item)
    err_console.print(f"[bold red]error:[/] {escape(str(item))}", soft_wrap=True)


def without_failures(coded: Iterator[CodedArticle], errors: list[InputError]) -> Iterator[CodedArticle]:
    """The coded articles, each one the coder could not code reported as an error (file:line, id)."""
    from peristiwa.ingest.validate import show

    for art in coded:
        if art.error:
            where = art.article.source or "<input>"
            report_error(InputError(where, f"article {show(art.article.id)}: {art.error}"), errors)
            continue
        yield art


def progress_wanted(quiet: bool, to_file: bool, stdout: TextIO | None = None) -> bool:
    """A progress bar only for a person watching: off with --quiet, when standard error is not a
    terminal, or when standard output is piped (unless the events go to a file)."""
    stdout = stdout or sys.stdout
    return not quiet and err_console.is_terminal and (to_file or stdout.isatty())


def with_progress(
    coded: Iterator[CodedArticle], total: int | None, show: bool, console: Console | None = None
) -> Iterator[CodedArticle]:
    """Pass ``coded`` through, drawing articles done, articles/s and the time left on stderr."""
    if not show:
        yield from coded
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console or err_console,
        transient=True,
        redirect_stdout=False,
    )
    task = progress.add_task("loading model", total=total, rate=0.0)  # the first article loads it
    with progress:
        for n, art in enumerate(coded, 1):
            speed = progress.tasks[0].speed or 0.0
            progress.update(task, completed=n, description="code", rate=speed)
            yield art


def _write_events(coded: Iterator[CodedArticle], fmt: str, out: TextIO) -> int:
    """Write every event of ``coded`` to ``out`` in ``fmt`` as it comes (the table is printed at the
    end); warnings go to stderr. Returns the number of events written."""
    n = 0
    writer: csv.DictWriter | None = None
    table = _events_table() if fmt == "table" else None
    for art in coded:
        _print_warnings(art)
        for ev in art.events:
            rec = ev.to_record()
            n += 1
            if fmt == "jsonl":
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            elif fmt == "csv":
                if writer is None:
                    writer = csv.DictWriter(out, fieldnames=list(rec))
                    writer.writeheader()
                writer.writerow({k: ("|".join(v) if isinstance(v, list) else v) for k, v in rec.items()})
            elif table is not None:
                table.add_row(*(escape(printable(c)) for c in _table_cells(rec)))  # text is data, not markup
    if table is not None:
        width = None if out is sys.stdout and out.isatty() else 170
        Console(file=out, width=width).print(table)
    return n


def _events_table() -> Table:
    """The empty table of ``code --format table``: one row per event, columns a reader scans."""
    table = Table(show_lines=True)
    for col, width in (
        ("article", 14),
        ("who did what to whom", 34),
        ("modality", 9),
        ("when", 12),
        ("where", 12),
        ("on whose word", 18),
        ("evidence", 60),
    ):
        table.add_column(col, overflow="fold", max_width=width)
    return table


def _print_warnings(art: CodedArticle) -> None:
    """The coder's warnings for one article on stderr, so they never mix with the events on stdout."""
    for warning in art.warnings:
        err_console.print(f"[yellow]warning:[/] {escape(printable(art.article.id))}: {escape(warning)}",
                          soft_wrap=True)  # fmt: skip


def _table_cells(rec: dict) -> tuple[str, ...]:
    """One event record as the table's cells: the CAMEO name spelled out, a date range joined with
    '..', and the evidence sentence cut at 180 characters so a row stays readable."""
    from peristiwa.coding.patterns import code_info

    who = (
        f"{rec['actor1_code']} {rec['event_code']} ({code_info(rec['event_code']).name}) {rec['actor2_code']}"
    ).strip()
    when = rec["event_date"] + (f"..{rec['event_date_end']}" if rec["event_date_end"] else "")
    source = rec["attribution"] + (" (anonymous)" if rec["anonymous"] else "")
    sentence = rec["sentence"]
    evidence = sentence if len(sentence) <= 180 else sentence[:177] + "..."
    return (rec["article_id"], who, rec["modality"], when, rec["action_place"], source, evidence)


@app.command("code")
def code_command(
    paths: Annotated[
        list[str], typer.Argument(help="Text files, JSON Lines files, directories, or - (stdin).")
    ],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for inputs that carry none.")
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv")] = "table",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of standard output.")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Code in N processes on this machine (each loads the model once).")
    ] = None,
    dask: Annotated[
        str | None, typer.Option(help="Code on a Dask cluster: a scheduler address, or 'local'.")
    ] = None,
    out_parquet: Annotated[
        Path | None,
        typer.Option(
            help="Write a Parquet dataset partitioned by publication date (for `peristiwa ingest`)."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Code articles into CAMEO events with their evidence."""
    if format not in ("table", "jsonl", "csv"):
        raise fail(f"--format must be table, jsonl or csv, not {format!r}")
    if workers is not None and workers < 1:
        raise fail("--workers must be at least 1")
    pub = parse_published(published)
    errors: list[InputError] = []
    show = progress_wanted(quiet, to_file=out is not None or out_parquet is not None)
    if show:
        from peristiwa.store.commands import _count_inputs

        total = _count_inputs(paths)
    else:
        total = None
    if out_parquet is not None:
        from peristiwa.scale.commands import ParquetDatasetError, write_parquet_dataset

        try:
            n_articles, n = write_parquet_dataset(
                with_progress(_coded(iter_articles(paths, pub), errors, workers, dask), total, show),
                out_parquet,
            )
        except ParquetDatasetError as exc:
            raise fail(str(exc)) from None
        err_console.print(f"{n} events from {n_articles} articles; {len(errors)} input error(s)", style="dim")
        if errors:
            raise typer.Exit(1)
        return
    sink: TextIO
    try:
        sink = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout  # noqa: SIM115 - closed below
    except OSError as exc:
        raise fail(f"{out}: cannot write ({exc.strerror})") from None
    try:
        coded = with_progress(_coded(iter_articles(paths, pub), errors, workers, dask), total, show)
        n = _write_events(coded, format, sink)
    finally:
        if out:
            sink.close()
    err_console.print(f"{n} events; {len(errors)} input error(s)", style="dim")
    if errors:
        raise typer.Exit(1)


# ---------------------------------------------------------------------------------------- eval
@app.command("eval")
def eval_command(
    gold: Annotated[list[Path], typer.Argument(help="Gold JSON files (see ../shared/gold/GUIDELINES.md).")],
    scorer: Annotated[
        Path | None, typer.Option(help="score_events.py (default: next to PERISTIWA_DATA)")
    ] = None,
    pred_out: Annotated[
        Path | None, typer.Option("--pred-out", help="Also save the predictions (JSONL).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Figures only, no misses/FP list.")] = False,
) -> None:
    """Code each gold article with its publication date and score it with the shared scorer."""
    from peristiwa.coding.coder import default_coder
    from peristiwa.evaluation import EvaluationError, evaluate, load_scorer, read_gold

    try:
        module = load_scorer(scorer)
        golds = [read_gold(p) for p in gold]
    except EvaluationError as exc:
        raise fail(str(exc)) from None
    coder = default_coder()
    records = [
        ev.to_record() for art in coder.code_articles(g.to_article() for g in golds) for ev in art.events
    ]
    if pred_out:
        with open(pred_out, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    rep = evaluate(gold, records, module, golds)
    if not quiet:
        _print_misses_and_false_positives(rep)
    _print_eval_tables(rep)
    _print_eval_summary(rep)


def _print_misses_and_false_positives(rep: Report) -> None:
    """Each missed gold event and each false positive on one line with its sentence: the list a
    rule writer works from (the rules behind a false positive say what to fix)."""
    for article_id, g, sentence in rep.misses:
        out_console.print(
            f"[red]MISS[/] {article_id} {g['id']}: {g['actor1']} {g['code']} {g['actor2'] or '-'}"
            f" ({g.get('modality', '')})  [dim]{sentence}[/]",
            soft_wrap=True,
            highlight=False,
        )
    for article_id, p in rep.false_positives:
        out_console.print(
            f"[yellow]FP[/]   {article_id}: {p['actor1_code']} {p['event_code']} "
            f"{p['actor2_code'] or '-'} ({p['modality']}) rules={','.join(p['rules'][:2])}  "
            f"[dim]{p['sentence']}[/]",
            soft_wrap=True,
            highlight=False,
        )


def _print_eval_tables(rep: Report) -> None:
    """Precision, recall and F1 per CAMEO root (root+country matching), then per gold modality."""
    roots = Table(title="per CAMEO root (root+country)", title_justify="left")
    for col in ("root", "tp", "fp", "fn", "P", "R", "F1"):
        roots.add_column(col, justify="right")
    for root, c in rep.by_root.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        roots.add_row(root, str(c["tp"]), str(c["fp"]), str(c["fn"]), f"{p:.2f}", f"{r:.2f}", f"{f:.2f}")
    out_console.print(roots)
    mods = Table(title="per gold modality", title_justify="left")
    for col in ("modality", "matched", "missed", "modality right"):
        mods.add_column(col, justify="right")
    for m, c in rep.by_modality.items():
        mods.add_row(m, str(c["tp"]), str(c["fn"]), str(c["right"]))
    out_console.print(mods)


def _print_eval_summary(rep: Report) -> None:
    """The headline figures, strict and root+country, then modality and date on matched events."""
    for name, s in (("strict", rep.strict), ("root+country", rep.loose)):
        out_console.print(
            f"{name:<13} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f} "
            f"(tp={s['tp']} fp={s['fp']} fn={s['fn']})"
        )
    if rep.modality_n:
        out_console.print(f"modality      {rep.modality_ok}/{rep.modality_n} correct on matched events")
    if rep.date_n:
        out_console.print(f"event date    {rep.date_ok}/{rep.date_n} correct on matched events")


# ------------------------------------------------------------------------------------- explain
@app.command("explain")
def explain_command(
    text: Annotated[str, typer.Argument(help="The text to explain, a .txt file holding it, or - for stdin.")],
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD).")] = None,
    all_candidates: Annotated[
        bool, typer.Option("--all", help="List every dropped candidate, not only the five best.")
    ] = False,
) -> None:
    """Per sentence: actors, patterns, every candidate event with its score, and why it was coded or not."""
    from peristiwa.coding.explain import explain

    when = parse_published(published)
    text = _explain_input(text)
    load_nlp_or_fail()
    for ex in explain(text, when):
        _print_explained_sentence(ex, all_candidates)


def _explain_input(text: str) -> str:
    """The text ``explain`` was given: itself, a .txt file's decoded contents, or stdin."""
    if text == "-":
        text = sys.stdin.read()
    elif text.endswith(".txt") and Path(text).is_file():
        decoded = decode_text(Path(text).read_bytes(), text)
        if isinstance(decoded, InputError):
            raise fail(str(decoded))
        text = decoded
    if not text.strip():
        raise fail("explain: the text is empty")
    return text


def _print_explained_sentence(ex, all_candidates: bool) -> None:  # type: ignore[no-untyped-def]
    """One sentence of ``explain``: actors, patterns, rules tried, and each candidate's verdict
    (the five best dropped ones unless ``--all``)."""
    out_console.print(f"[bold]sentence {ex.index}[/] " + escape(ex.text), soft_wrap=True, highlight=False)
    actors = ", ".join(f"{m} ({c})" for m, c in ex.actors) or "-"
    out_console.print("  actors:   " + escape(actors), soft_wrap=True, highlight=False)
    patterns = ", ".join(f"{t} ({c}, {p})" for t, c, p in ex.triggers) or "-"
    out_console.print("  patterns: " + escape(patterns), soft_wrap=True, highlight=False)
    for trigger, tried in ex.rules_by_trigger():
        line = f"  rules «{trigger}»: " + ", ".join(f"{name} {outcome}" for name, outcome in tried)
        out_console.print(escape(line), soft_wrap=True, highlight=False)
    out_console.print(f"  [cyan]{ex.verdict}[/]", highlight=False)
    dropped = 0
    for n, d in enumerate(ex.decisions):
        if not d.kept:
            dropped += 1
            if dropped > 5 and not all_candidates:
                continue
        ev = d.candidate.event
        mark = "[green]KEPT[/]" if d.kept else "[dim]drop[/]"
        weights = ", ".join(f"{k} {v:+.2f}" for k, v in ex.features.get(n, []))
        out_console.print(
            f"  {mark} {ev.actor1.code} {ev.event_code} {ev.actor2.code if ev.actor2 else '-'}"
            + escape(f" «{ev.trigger}» p={d.p:.2f}: {d.reason}; rules {', '.join(ev.rules)}")
            + escape(f"; weights {weights}"),
            soft_wrap=True,
            highlight=False,
        )
    if dropped > 5 and not all_candidates:
        more = dropped - 5
        out_console.print(f"  ... {more} more dropped candidates (--all lists them)", highlight=False)


# ---------------------------------------------------------------------------------------- dict
@dict_app.command("check")
def dict_check() -> None:
    """Validate every dictionary file: syntax, duplicates, unknown codes, overlapping date ranges."""
    from peristiwa.coding import actors, frames, geo, patterns, places

    problems = [*actors.validate(), *places.validate(), *patterns.validate(), *geo.validate()]
    problems += frames.validate()
    errors = [p for p in problems if p.severity == "error"]
    for p in problems:
        style = "red" if p.severity == "error" else "yellow"
        err_console.print(f"[{style}]{p}[/]", soft_wrap=True)
    summary = f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s)"
    if errors:
        raise fail(summary, 1)
    out_console.print(f"dictionaries OK: {summary}")


def main() -> None:  # pragma: no cover - console script entry
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
