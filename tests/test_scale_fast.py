"""The fast pipeline changes nothing the coder reads: same sentence starts, same events."""

from __future__ import annotations

from pathlib import Path

import pytest

from peristiwa.config import MODEL_DIR

SAMPLES = [
    "JAKARTA, KOMPAS.com - Presiden Joko Widodo bertemu PM Malaysia. Keduanya membahas perbatasan.",
    'Menlu Retno mengatakan, "Kami mengecam serangan itu." Ia lalu terbang ke Beijing pada 12/3/2024.',
    "Rp1,5 triliun dialokasikan (12/3).\n\nBaris baru tanpa titik\nDr. Andi, S.H. hadir di Jl. Sudirman",
    "  ",
    "satu-satunya kalimat tanpa tanda akhir",
]


def test_array_senter_sets_exactly_the_rule_senters_starts() -> None:
    import spacy

    from peristiwa.nlp.senter import RuleSentencizer
    from peristiwa.nlp.tokenizer import make_tokenizer
    from peristiwa.scale.pipeline import ArraySentencizer

    nlp = spacy.blank("id")
    nlp.tokenizer = make_tokenizer(nlp)
    for newline_breaks in (True, False):
        rule = RuleSentencizer(nlp, newline_breaks=newline_breaks)
        fast = ArraySentencizer(newline_breaks=newline_breaks)
        for text in [*SAMPLES, " ".join(SAMPLES) * 20]:
            a, b = rule(nlp.make_doc(text)), fast(nlp.make_doc(text))
            assert [t.is_sent_start for t in a] == [t.is_sent_start for t in b], text[:40]
            assert [s.text for s in a.sents] == [s.text for s in b.sents]


@pytest.fixture(scope="module")
def corpus_sample(shared_data: Path) -> list:
    from peristiwa.ingest.readers import InputError, iter_articles

    path = shared_data / "news" / "articles.jsonl"
    if not path.is_file():
        pytest.skip(f"no corpus at {path}")
    if not (MODEL_DIR / "config.cfg").is_file():
        pytest.skip("trained pipeline not built")
    arts = [a for a in iter_articles([str(path)]) if not isinstance(a, InputError)]
    return arts[:: max(1, len(arts) // 30)][:30]  # spread over the file, not just its first outlet


@pytest.mark.data
@pytest.mark.slow
def test_fast_pipeline_codes_the_same_events_as_the_shipped_one(corpus_sample: list) -> None:
    from peristiwa.coding.coder import Coder
    from peristiwa.nlp import load
    from peristiwa.scale.pipeline import SKIPPED_COMPONENTS, make_coder

    fast = make_coder(fast=True)
    assert not set(SKIPPED_COMPONENTS) & set(fast.nlp.pipe_names)  # the shortcut is really taken
    shipped = Coder(nlp=load())
    assert "parser" in shipped.nlp.pipe_names
    slow_coded = list(shipped.code_articles(corpus_sample))
    fast_coded = list(fast.code_articles(corpus_sample))
    slow = [e.to_record() for c in slow_coded for e in c.events]
    assert len(slow) >= 5  # the sample holds real events, so the comparison means something
    assert [e.to_record() for c in fast_coded for e in c.events] == slow
    # and everything else the store keeps
    for a, b in zip(slow_coded, fast_coded, strict=True):
        assert (a.sentences, a.facts, a.entities) == (b.sentences, b.facts, b.entities)
        assert a.warnings == b.warnings


@pytest.mark.skipif(not (MODEL_DIR / "config.cfg").is_file(), reason="trained pipeline not built")
def test_people_ruler_added_after_loading_is_the_shipped_one() -> None:
    """The fast pipeline adds the actor span ruler after loading, its patterns cut by the
    tokenizer alone: same place in the pipeline, same patterns, same spans."""
    from peristiwa.nlp import load
    from peristiwa.scale.pipeline import RULERS_LOADED_AFTER, load_fast_pipeline

    fast, shipped = load_fast_pipeline(), load()
    order = [n for n in shipped.pipe_names if n in fast.component_names]
    assert [n for n in fast.component_names if n in order] == order
    for name in RULERS_LOADED_AFTER:
        a, b = fast.get_pipe(name), shipped.get_pipe(name)
        assert len(a.patterns) > 1000 and a.patterns == b.patterns and len(a) == len(b)
        assert (a.key, a.phrase_matcher_attr) == (b.key, b.phrase_matcher_attr)
        assert len(a.phrase_matcher) == len(b.phrase_matcher) > 500
        text = "Presiden Prabowo Subianto menerima Menlu Sugiono dan Sri Mulyani di Istana Merdeka. " * 3
        assert [(s.start, s.end, s.label_) for s in fast(text).ents] == [
            (s.start, s.end, s.label_) for s in shipped(text).ents
        ]


def _config_with(tmp_path: Path, morph_tok2vec: str) -> Path:
    """A model folder whose config.cfg names the morphologizer's tok2vec architecture."""
    cfg = f"""
[nlp]
lang = "id"
pipeline = ["tok2vec","morphologizer","parser","ner"]

[components]

[components.tok2vec]
factory = "tok2vec"

[components.morphologizer]
factory = "morphologizer"

[components.morphologizer.model]
@architectures = "spacy.Tagger.v2"

[components.morphologizer.model.tok2vec]
@architectures = "{morph_tok2vec}"

[components.parser]
factory = "parser"

[components.parser.model]
@architectures = "spacy.TransitionBasedParser.v2"

[components.parser.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"

[components.ner]
factory = "ner"
"""
    folder = tmp_path / morph_tok2vec
    folder.mkdir()
    (folder / "config.cfg").write_text(cfg, encoding="utf-8")
    return folder


def test_shared_tok2vec_is_skipped_only_when_nothing_left_listens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peristiwa.scale.pipeline import skipped_components

    own = _config_with(tmp_path, "spacy.Tok2Vec.v2")  # the tagger has its own CNN
    shared = _config_with(tmp_path, "spacy.Tok2VecListener.v1")  # the tagger listens to tok2vec
    # the parser listens to the shared tok2vec in both, and the selector reads the parse: keep it
    assert skipped_components(own) == ()
    assert skipped_components(shared) == ()
    # were the parser skipped, its tok2vec would go with it unless the tagger listens to it
    monkeypatch.setattr("peristiwa.scale.pipeline.SKIPPED_COMPONENTS", ("parser",))
    assert set(skipped_components(own)) == {"parser", "tok2vec"}
    assert skipped_components(shared) == ("parser",)


@pytest.mark.skipif(not (MODEL_DIR / "config.cfg").is_file(), reason="no trained pipeline; run `make models`")
def test_fast_pipeline_loads_the_parser_but_parses_no_whole_article() -> None:
    from peristiwa.scale.pipeline import load_fast_pipeline

    nlp = load_fast_pipeline()
    assert "parser" not in nlp.pipe_names and "tok2vec" not in nlp.pipe_names
    assert {"parser", "tok2vec"} <= set(nlp.disabled)  # the selector parses trigger sentences with them
    assert {"morphologizer", "ner", "lemmatizer"} <= set(nlp.pipe_names)
    assert not nlp("Presiden Prabowo bertemu Perdana Menteri Jepang.").has_annotation("DEP")


def test_workers_get_one_blas_thread_unless_the_user_chose(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from peristiwa.scale.workers import BLAS_THREAD_VARS, _single_threaded_blas

    for var in BLAS_THREAD_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("MKL_NUM_THREADS", "4")
    saved = _single_threaded_blas()
    try:
        assert os.environ["OPENBLAS_NUM_THREADS"] == "1" and os.environ["OMP_NUM_THREADS"] == "1"
        assert os.environ["MKL_NUM_THREADS"] == "4"
        assert "OPENBLAS_NUM_THREADS" not in saved and saved["MKL_NUM_THREADS"] == "4"
    finally:
        os.environ.clear()
        os.environ.update(saved)
