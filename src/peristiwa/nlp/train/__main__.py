"""``python -m peristiwa.nlp.train STEP --data DIR``: rebuild the Indonesian pipeline.

Steps, each redoable on its own (outputs go under ``--work``, default ``training/``):

* ``convert``  CoNLL-U and BIO files -> spaCy DocBins (``training/corpus``)
* ``vectors``  PPMI+SVD word vectors from the raw news text (``training/vectors``)
* ``parser``   train tok2vec + tagger + parser on UD GSD legacy r2.1 train (dev for selection)
* ``tagger``   train a small tok2vec + UPOS tagger of its own on the same data: the shipped UPOS
  comes from it, so a pipeline without the parser (the fast coder) skips the parser's tok2vec
* ``ner``      train tok2vec + NER on idner-news-2k train (+ NERGrit train), idner dev for selection
* ``assemble`` combine the three with the rule components into ``src/peristiwa/models/id_news``
* ``evaluate`` score the assembled pipeline, print the table, write ``docs/accuracy.md``
* ``all``      every step above, in order (what ``make models`` runs); the parser is trained
  in one process while NER and then the tagger are trained in another, one per core

Seeds are fixed in the configs (``system.seed = 0``) and the BLAS is kept single-threaded,
so a rerun on the same machine reproduces the same model.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# One BLAS thread: results do not depend on the core count, and two jobs can share 2 cores.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from ... import config  # noqa: E402

REPO_ROOT = config.PACKAGE_DIR.parents[1]
CONFIG_DIR = Path(__file__).resolve().parent / "configs"
STEPS = ("convert", "vectors", "parser", "ner", "tagger", "assemble", "evaluate")

#: The NER training set the shipped model uses (see docs/accuracy.md for the comparison).
NER_TRAIN = "idner_train"


def _train(cfg: Path, out: Path, train: Path, dev: Path, overrides: dict[str, object]) -> None:
    """Run ``spacy train`` in-process with our paths; the best dev checkpoint is kept."""
    from spacy.cli.train import train as spacy_train

    ov: dict[str, object] = {"paths.train": str(train), "paths.dev": str(dev), **overrides}
    spacy_train(cfg, out, overrides=ov)


#: The training steps ``all`` runs side by side: one lane per core, each lane's steps in order.
PARALLEL_LANES = (("parser",), ("ner", "tagger"))


def _train_both_in_parallel(argv: list[str]) -> None:
    """Run the training steps in :data:`PARALLEL_LANES`, the lanes at once (they share nothing).

    Each step is a child process of this CLI with the same options, so a failed step can be rerun
    on its own. Output goes to ``<work>/<step>.log``; a failure raises after every lane ended.
    """
    import subprocess
    import threading

    work_i = argv.index("--work") + 1 if "--work" in argv else None
    work = Path(argv[work_i]) if work_i else REPO_ROOT / "training"
    failed: list[str] = []

    def lane(steps: tuple[str, ...]) -> None:
        for step in steps:
            with (work / f"{step}.log").open("w") as log:
                cmd = [sys.executable, "-m", "peristiwa.nlp.train", step, *argv]
                if subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT).returncode != 0:
                    failed.append(step)
                    return

    threads = [threading.Thread(target=lane, args=(steps,)) for steps in PARALLEL_LANES]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failed:
        raise SystemExit(f"training failed: {failed} (see {work}/<step>.log)")


def _parse_overrides(items: list[str]) -> dict[str, object]:
    """``--set section.key=value`` pairs; values are parsed as JSON when they can be."""
    out: dict[str, object] = {}
    for item in items:
        key, _, raw = item.partition("=")
        try:
            out[key] = json.loads(raw)
        except json.JSONDecodeError:
            out[key] = raw
    return out


@dataclass(frozen=True)
class _Run:
    """What the steps of one invocation share: the parsed options and the folders they imply."""

    args: argparse.Namespace
    rest: list[str]  # the options after the step name, passed on to the parallel children
    data: Path
    work: Path
    corpus: Path
    vectors: Path
    overrides: dict[str, object]


def _arg_parser() -> argparse.ArgumentParser:
    """The options of ``python -m peristiwa.nlp.train`` (the module docstring is the help)."""
    ap = argparse.ArgumentParser(prog="python -m peristiwa.nlp.train", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=(*STEPS, "all"))
    ap.add_argument("--data", type=Path, default=None, help="shared data dir (default: PERISTIWA_DATA)")
    ap.add_argument("--work", type=Path, default=REPO_ROOT / "training", help="scratch dir")
    ap.add_argument("--out", type=Path, default=config.MODEL_DIR, help="where the pipeline is written")
    ap.add_argument("--docs", type=Path, default=REPO_ROOT / "docs" / "accuracy.md")
    ap.add_argument("--ner-train", default=NER_TRAIN, help="NER training DocBin name in the corpus dir")
    ap.add_argument("--parser-train", default="gsd_train", help="parser training DocBin name")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="config override for the training steps, e.g. training.max_steps=2000")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = _arg_parser().parse_args(argv)
    argv = list(sys.argv[1:] if argv is None else argv)
    rest = argv[argv.index(args.step) + 1:]  # options, passed on to the parallel children

    data = (args.data or config.data_dir()).resolve()
    work: Path = args.work.resolve()
    steps = STEPS if args.step == "all" else (args.step,)
    overrides = _parse_overrides(args.set)
    vectors = work / "vectors"
    if (vectors / "vocab").is_dir():
        overrides.setdefault("paths.vectors", str(vectors))
    run = _Run(args, rest, data, work, work / "corpus", vectors, overrides)
    timings_path = work / "timings.json"
    timings: dict[str, float] = json.loads(timings_path.read_text()) if timings_path.exists() else {}
    t_all = time.perf_counter()

    for step in steps:
        if args.step == "all" and step in ("ner", "tagger"):
            continue  # trained alongside the parser
        t0 = time.perf_counter()
        print(f"== {step}", flush=True)
        rc = _run_step(step, run, timings)
        if rc:
            return rc
        timings["parser+ner+tagger" if args.step == "all" and step == "parser" else step] = round(
            time.perf_counter() - t0, 1)
        timings_path.parent.mkdir(parents=True, exist_ok=True)
        timings_path.write_text(json.dumps(timings, indent=1))
        print(f"   {step} took {time.perf_counter() - t0:.0f} s", flush=True)
    if args.step == "all":
        timings["all"] = round(time.perf_counter() - t_all, 1)
        timings_path.write_text(json.dumps(timings, indent=1))
        print(f"== all steps took {timings['all'] / 60:.1f} min")
    return 0


def _run_step(step: str, run: _Run, timings: dict[str, float]) -> int:
    """Do one step; 0 when done, 2 when its input is missing (the message is printed here)."""
    if step == "convert":
        from .convert import convert_all

        if not (run.data / "ud").is_dir():
            print(f"error: no ud/ folder under data dir {run.data}", file=sys.stderr)
            return 2
        convert_all(run.data, run.corpus)
    elif step == "vectors":
        from .vectors import build_vectors

        build_vectors(run.data, run.vectors)
        run.overrides.setdefault("paths.vectors", str(run.vectors))  # the later steps train on them
    elif step in ("parser", "ner", "tagger"):
        _train_step(step, run)
    elif step == "assemble":
        from .assemble import assemble, dir_size

        out = run.args.out
        nlp = assemble(run.work / "parser", run.work / "ner", out, tagger_dir=run.work / "tagger")
        print(f"  pipeline {nlp.pipe_names} -> {out} ({dir_size(out) / 1e6:.1f} MB)")
    elif step == "evaluate":
        from .report import write_report

        write_report(run.args.out, run.corpus, run.args.docs, run.work, timings, ner_train=run.args.ner_train)
    return 0


def _train_step(step: str, run: _Run) -> None:
    """Train the parser, NER or tagger; under ``all`` the parser step trains all three side by side."""
    args, corpus, work = run.args, run.corpus, run.work
    if step == "parser" and args.step == "all":
        _train_both_in_parallel(run.rest)
    elif step == "parser":
        _train(CONFIG_DIR / "parser.cfg", work / "parser", corpus / f"{args.parser_train}.spacy",
               corpus / "gsd_dev.spacy", run.overrides)
    elif step == "ner":
        _train(CONFIG_DIR / "ner.cfg", work / "ner", corpus / f"{args.ner_train}.spacy",
               corpus / "idner_dev.spacy", run.overrides)
    elif step == "tagger":
        _train(CONFIG_DIR / "tagger.cfg", work / "tagger", corpus / f"{args.parser_train}.spacy",
               corpus / "gsd_dev.spacy", run.overrides)


if __name__ == "__main__":
    sys.exit(main())
