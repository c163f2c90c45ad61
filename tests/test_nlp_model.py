"""The trained Indonesian pipeline: offline loading, entities on the seed article, parse sanity,
and the data conversion the training recipe relies on (that part needs neither model nor data)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from peristiwa import config
from peristiwa import nlp as nlp_mod
from peristiwa.nlp.train.convert import NER_MAPS, bio_to_spans, read_conllu, sentence_words

HAS_MODEL = (config.MODEL_DIR / "config.cfg").is_file()
needs_model = pytest.mark.skipif(
    not HAS_MODEL, reason=f"no trained pipeline in {config.MODEL_DIR}; run `make models`"
)


# --------------------------------------------------------------------------------------------
# loading


@needs_model
def test_loads_with_network_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access attempted while loading the pipeline")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    nlp_mod._load.cache_clear()
    try:
        nlp = nlp_mod.load()
        doc = nlp("Presiden Prabowo Subianto bertemu Perdana Menteri Jepang di Tokyo.")
    finally:
        nlp_mod._load.cache_clear()
    assert len(doc) > 5
    assert {"tok2vec", "parser", "ner"} <= set(nlp.pipe_names)


@needs_model
def test_saved_tokenizer_equals_the_one_built_from_code() -> None:
    """load() builds the tokenizer from code and skips the saved one; both must cut the same."""
    import spacy

    from peristiwa.nlp.pipeline import import_components

    import_components()
    saved = spacy.load(config.MODEL_DIR, exclude=["tok2vec", "morphologizer", "parser", "ner"]).tokenizer
    built = nlp_mod.load().tokenizer
    assert saved.rules == built.rules
    text = (
        'JAKARTA, KOMPAS.com--Menlu RI, Sugiono, bertemu Dubes AS di Jl. Medan Merdeka pada '
        'Senin (12/3/2025) pukul 10.00 WIB; nilai proyek Rp1,5 triliun (US$92 juta), kata-katanya "tegas".'
    )
    assert [t.text for t in saved(text)] == [t.text for t in built(text)]


def test_tokenizer_built_with_its_bounds_cuts_like_one_bounded_afterwards() -> None:
    """make_tokenizer passes the bounded searches to the constructor (setting them afterwards
    re-added every special case four times); the tokenizer must be the one it was."""
    from spacy.lang.id import Indonesian
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    from peristiwa.nlp import tokenizer as tk

    nlp = Indonesian()
    built = tk.make_tokenizer(nlp)
    d = Indonesian.Defaults
    infixes = [*tk._RANGE_INFIXES, *list(d.infixes or ()), tk._DASH_INFIX]
    after = tk.bound(
        tk.NewsTokenizer(
            nlp.vocab,
            rules=tk._special_cases(),
            prefix_search=compile_prefix_regex(list(d.prefixes or ())).search,
            suffix_search=compile_suffix_regex(list(d.suffixes or ())).search,
            infix_finditer=compile_infix_regex(infixes).finditer,
            token_match=tk.TOKEN_MATCH.match,
            url_match=d.url_match,
        )
    )
    assert isinstance(built.prefix_search.__self__, tk.PrefixWindow)
    assert isinstance(built.suffix_search.__self__, tk.SuffixWindow)
    assert isinstance(built.token_match.__self__, tk.BoundedMatch)
    assert isinstance(built.url_match.__self__, tk.BoundedMatch)
    assert built.rules == after.rules
    texts = [
        'JAKARTA, KOMPAS.com--Menlu RI, Sugiono, bertemu Dubes AS di Jl. Medan Merdeka (12/3/2025) '
        'pukul 10.00 WIB; Rp1,5 triliun (US$92 juta), kata-katanya "tegas". Joko S. Widodo, dll.',
        "Lihat https://contoh.go.id/berita/2025/03/12/menlu-bertemu-dubes?id=7 dan " + "x" * 1500,
        "Tahun 2019-2024, pukul 08.00-10.00, 1.200-an orang, ((tanda)), ...dan!!", "yg tdk ybs. S.H., M.Si.",
    ]
    for text in texts:
        assert [t.text for t in built(text)] == [t.text for t in after(text)]


@needs_model
def test_load_is_cached_and_exclude_drops_components() -> None:
    assert nlp_mod.load() is nlp_mod.load()
    light = nlp_mod.load(exclude=["parser"])
    assert "parser" not in light.pipe_names
    assert light is nlp_mod.load(exclude=("parser",))


def test_missing_model_tells_user_to_run_make_models(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(config, "MODEL_DIR", tmp_path / "id_news")
    nlp_mod._load.cache_clear()
    try:
        with pytest.raises(nlp_mod.ModelNotFoundError, match="make models"):
            nlp_mod.load()
    finally:
        nlp_mod._load.cache_clear()


# --------------------------------------------------------------------------------------------
# the seed article


@needs_model
def test_seed_article_entities(nlp, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(seed_text)
    by_text: dict[str, set[str]] = {}
    for ent in doc.ents:
        by_text.setdefault(ent.text, set()).add(ent.label_)
    for person in ("Vladimir Putin", "Xi Jinping"):
        assert "PER" in by_text.get(person, set()), (person, sorted(by_text.items()))
    # Countries are GPE once the gazetteer component runs; without it the NER says LOC.
    place_label = "GPE" if "gpe" in nlp.pipe_names else "LOC"
    for place in ("Rusia", "Cina", "India", "Korea Utara", "Ukraina", "Amerika Serikat", "Swiss"):
        assert place_label in by_text.get(place, set()), (place, sorted(by_text.items()))
    assert "Kremlin" in by_text, sorted(by_text.items())


@needs_model
def test_every_sentence_has_one_root(nlp, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(seed_text)
    sents = list(doc.sents)
    assert len(sents) >= 10
    for sent in sents:
        roots = [t for t in sent if t.dep_ == "ROOT"]
        assert len(roots) == 1, sent.text
        assert all(sent.start <= t.head.i < sent.end for t in sent), sent.text
    pos = {t.pos_ for t in doc}
    assert {"NOUN", "VERB", "PROPN", "ADP", "PUNCT"} <= pos


@needs_model
def test_parser_keeps_rule_sentence_boundaries(nlp) -> None:  # type: ignore[no-untyped-def]
    if "peristiwa_senter" not in nlp.pipe_names:
        pytest.skip("rule senter not in this pipeline")
    text = "Menlu Retno tiba di Kairo. Ia lalu bertemu Presiden Mesir. Keduanya membahas Gaza."
    senter = nlp.get_pipe("peristiwa_senter")
    expected = [t.is_sent_start for t in senter(nlp.make_doc(text))]
    assert [t.is_sent_start for t in nlp(text)] == expected


# --------------------------------------------------------------------------------------------
# conversion (no model, no shared data)


def test_bio_lenient_about_non_iob2_and_drops_unmapped_types() -> None:
    tags = ["B-PPL", "I-PPL", "O", "I-PLC", "I-PLC", "B-EVT", "I-EVT", "I-IND"]
    assert bio_to_spans(tags, NER_MAPS["nerp"]) == [(0, 2, "PER"), (3, 5, "LOC"), (7, 8, "ORG")]
    # a type switch inside I- tags starts a new entity
    assert bio_to_spans(["B-PLACE", "I-PERSON"], NER_MAPS["nergrit"]) == [(0, 1, "LOC"), (1, 2, "PER")]


def test_bio_rejects_unknown_types() -> None:
    with pytest.raises(ValueError, match="unknown NER type"):
        bio_to_spans(["B-MISC"], NER_MAPS["idner"])


CONLLU = """# sent_id = t1
# text = Rumahnya di Bogor.
1-2\tRumahnya\t_\t_\t_\t_\t_\t_\t_\t_
1\tRumah\trumah\tNOUN\t_\t_\t0\troot\t_\t_
2\tnya\tnya\tPRON\t_\t_\t1\tnmod:poss\t_\t_
3\tdi\tdi\tADP\t_\t_\t4\tcase\t_\t_
4\tBogor\tBogor\tPROPN\t_\t_\t1\tnmod\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_

"""


def test_multiword_tokens_scored_as_surface_or_words(tmp_path: Path) -> None:
    path = tmp_path / "t.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    (sent,) = read_conllu(path)
    words = sentence_words(sent, "words")
    assert [w.form for w in words] == ["Rumah", "nya", "di", "Bogor", "."]
    surface = sentence_words(sent, "surface")
    assert [(w.form, w.upos, w.head, w.deprel) for w in surface] == [
        ("Rumahnya", "NOUN", 0, "root"),
        ("di", "ADP", 3, "case"),
        ("Bogor", "PROPN", 1, "nmod"),
        (".", "PUNCT", 1, "punct"),
    ]
    assert surface[2].space_after is False
