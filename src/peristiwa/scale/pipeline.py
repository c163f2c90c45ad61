"""The fast coder: the same pipeline, minus work whose result the coder never reads.

Profiling the end-to-end run (``benchmarks/bench_pipeline.py --profile``) showed two wastes that
can go without changing a single event:

* **The dependency parser over whole articles.** The learned selector (``coding/selection.py``)
  reads the parse, but only of sentences that hold a trigger: it parses those one at a time with
  the pipeline's own ``tok2vec`` and ``parser`` (``SentenceParser``), in the shipped and the fast
  pipeline alike, so both code the same events. The fast pipeline loads the two and disables
  them (``PARSED_PER_SENTENCE``): whole-article parsing was 45 % of its NLP time.
* **Setting sentence starts one token at a time.** spaCy's ``Token.is_sent_start`` setter checks
  the whole Doc for a dependency parse on every call, which makes the rule senter quadratic in
  the article's length (a fifth of the run on long articles). :class:`ArraySentencizer` runs the
  very same rules (:func:`peristiwa.nlp.senter.sentence_starts`) and writes all flags with one
  ``Doc.from_array`` call.

``tests/test_scale_fast.py`` codes a corpus sample with the shipped pipeline and with this one and
requires identical event records: a future rule that starts reading the parse fails that test
instead of silently changing the output (then put the parser back in ``SKIPPED_COMPONENTS``'s
place, or parse per sentence where a trigger fired).
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from peristiwa.coding.coder import Coder

#: Components the coder never reads; left out of the fast pipeline (the selector reads the parse).
SKIPPED_COMPONENTS: tuple[str, ...] = ()
#: Loaded but not run over whole articles: the selector parses only the sentences that hold a
#: trigger, one at a time (coding/selection.py, SentenceParser), in both pipelines alike.
PARSED_PER_SENTENCE: tuple[str, ...] = ("tok2vec", "parser")
SENTER = "peristiwa_senter"
FAST_SENTER = "peristiwa_array_senter"


class ArraySentencizer:
    """``peristiwa_senter``'s rules, written to the Doc in one call instead of one per token."""

    def __init__(self, name: str = FAST_SENTER, newline_breaks: bool = True) -> None:
        self.name = name
        self.newline_breaks = newline_breaks

    def __call__(self, doc: Doc) -> Doc:
        from peristiwa.nlp.senter import sentence_starts

        flags = sentence_starts(doc, self.newline_breaks)
        if flags:
            # SENT_START is 1 (starts a sentence) or -1 (does not); the array is uint64 in spaCy
            values = numpy.array([1 if f else -1 for f in flags], dtype="int64").astype("uint64")
            doc.from_array([SENT_START], values.reshape(-1, 1))
        return doc


@Language.factory(FAST_SENTER, default_config={"newline_breaks": True})
def make_array_senter(nlp: Language, name: str, newline_breaks: bool) -> ArraySentencizer:
    return ArraySentencizer(name, newline_breaks)


def skipped_components(path: Path) -> tuple[str, ...]:
    """The components in SKIPPED_COMPONENTS, and the shared ``tok2vec`` too when no component
    left listens to it.

    The shipped model's UPOS tagger has a tok2vec of its own (``docs/nlp.md``), so the shared one
    only feeds the parser; an older model whose tagger listens to it keeps it.
    """
    from spacy.util import load_config

    cfg = load_config(path / "config.cfg")
    pipeline = [n for n in cfg["nlp"]["pipeline"] if n not in SKIPPED_COMPONENTS]

    def listens(name: str) -> bool:
        model = cfg["components"].get(name, {}).get("model", {})
        return model.get("tok2vec", {}).get("@architectures", "").startswith("spacy.Tok2VecListener")

    if "tok2vec" in pipeline and not any(listens(n) for n in pipeline if n != "tok2vec"):
        return (*SKIPPED_COMPONENTS, "tok2vec")
    return SKIPPED_COMPONENTS


#: Span rulers matching on the words alone (``phrase_matcher_attr`` ORTH), added after loading.
RULERS_LOADED_AFTER: tuple[str, ...] = ("people",)


def add_ruler(nlp: Language, path: Path, name: str) -> None:
    """Add the saved span ruler ``name`` in its place, its phrase patterns cut by the tokenizer
    alone.

    Loaded in its place, a span ruler runs every component before it over each of its phrase
    patterns (24,000 names of the actor dictionary through the tagger, parser and NER: a fifth of
    a worker's start-up), though a ruler matching words reads nothing but the tokens.
    """
    from spacy.util import load_config

    cfg = load_config(path / "config.cfg")
    block = dict(cfg["components"][name])
    factory = block.pop("factory")
    if block.get("phrase_matcher_attr") not in (None, "ORTH", "TEXT"):
        raise ValueError(f"{name}: a ruler matching {block['phrase_matcher_attr']} needs the annotations")
    order = list(cfg["nlp"]["pipeline"])
    later = [n for n in order[order.index(name) + 1 :] if n in nlp.component_names]
    ruler = nlp.add_pipe(factory, name=name, config=block, before=later[0] if later else None)
    with nlp.select_pipes(enable=[]):
        ruler.from_disk(path / name)


def load_fast_pipeline() -> Language:
    """A private copy of the shipped pipeline with the array senter (and without any component
    in SKIPPED_COMPONENTS).

    Loaded apart from :func:`peristiwa.nlp.load`'s shared cache because the senter is swapped:
    other users of the shared pipeline in this process must keep getting the shipped one.
    """
    import spacy

    from peristiwa import nlp as nlp_mod
    from peristiwa.nlp.pipeline import import_components

    path = nlp_mod.model_path()
    if not (path / "config.cfg").is_file():
        nlp_mod.load()  # raises the package's own ModelNotFoundError, with how to build the model
    import_components()
    skipped = skipped_components(path)
    nlp = spacy.load(path, exclude=[*skipped, *nlp_mod.BUILT_FROM_CODE, *RULERS_LOADED_AFTER])
    for name in RULERS_LOADED_AFTER:
        if name not in skipped:
            add_ruler(nlp, path, name)
    for name in PARSED_PER_SENTENCE:
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)  # loaded, not run on whole articles: the coder parses trigger sentences
    if SENTER in nlp.pipe_names:
        newline_breaks = bool(nlp.get_pipe(SENTER).newline_breaks)
        nlp.replace_pipe(SENTER, FAST_SENTER, config={"newline_breaks": newline_breaks})
    return nlp


def make_coder(fast: bool = True) -> Coder:
    """A new Coder: over the fast pipeline when ``fast`` (same events), else the shipped one."""
    from peristiwa import nlp as nlp_mod

    return Coder(nlp=load_fast_pipeline() if fast else nlp_mod.load())


@functools.cache
def process_coder(fast: bool = True) -> Coder:
    """The coder of this process, built once: workers call this for every chunk they code."""
    return make_coder(fast)
