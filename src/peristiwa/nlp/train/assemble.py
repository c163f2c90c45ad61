"""Put the separately trained parts together into the one pipeline we ship.

The parser, the UPOS tagger and the NER are trained as separate spaCy pipelines (the NER's
corpus shares no sentences with the others). Each has its own tok2vec; to let them live in one
pipeline the tagger and the NER are made self-contained (each listener is replaced by a private
copy of its tok2vec) before they are sourced, and only the parser listens to the shared
``tok2vec``. So a pipeline that leaves the parser out (the fast coder, which never reads the
parse) can leave out the parser's large tok2vec as well. The result is a blank Indonesian
pipeline with our news tokenizer plus, in order, the rule senter, tok2vec, morphologizer (UPOS
only), parser, NER, a span ruler ``people`` with the names of the actor dictionary's people
(PER) and seats of power (ORG: Kremlin, Gedung Putih) (a name the NER found with another label
takes the dictionary's, one it missed is added; see
:func:`peristiwa.nlp.components.make_known_names_filter`), the lemmatizer and the GPE gazetteer
(rule parts only when importable).

Without a trained tagger (``tagger_dir`` missing) the parser pipeline's own morphologizer, which
shares the parser's tok2vec, is used as before.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import spacy
from spacy.language import Language

from ... import config
from .. import pipeline as P

PEOPLE_TSV = config.DICTIONARY_DIR / "actors" / "people.tsv"
METONYMS_TSV = config.DICTIONARY_DIR / "actors" / "metonyms.tsv"
PLACES_TSV = config.DICTIONARY_DIR / "places.tsv"

META = {
    "name": "id_news",
    "version": "0.1.0",
    "description": (
        "Indonesian news pipeline for peristiwa: rule tokenizer and sentence splitter, CNN tagger "
        "(UPOS) and dependency parser trained on UD Indonesian-GSD legacy r2.1, NER (PER/ORG/LOC) "
        "trained on idner-news-2k, affix-aware lemmatizer and LOC->GPE gazetteer."
    ),
    "license": "CC BY-NC-SA 3.0 (model trained on UD GSD r2.1 data); NER data MIT",
    "sources": [
        {"name": "UD_Indonesian-GSD r2.1", "url": "https://github.com/UniversalDependencies/UD_Indonesian-GSD",
         "license": "CC BY-NC-SA 3.0 US (as shipped in r2.1)"},
        {"name": "idner-news-2k", "url": "https://github.com/khairunnisaor/idner-news-2k", "license": "MIT"},
    ],
}


def people_patterns(path: Path = PEOPLE_TSV) -> list[dict[str, str]]:
    """Entity-ruler phrase patterns (label PER) for every name in the actor dictionary of people.

    The NER has never seen many of the foreign leaders the news talks about (no "Xi Jinping" in
    any training set); the dictionary knows them. Only capitalised names are used, matched
    exactly as written, and the ruler runs *after* the NER: it adds a person where the model
    found nothing and labels PER an entity that is exactly a known name, but never cuts into a
    longer entity.
    """
    if not path.is_file():
        return []
    rows = [line for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    patterns: dict[str, dict[str, str]] = {}
    for rec in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
        for name in (rec.get("names") or "").split("|"):
            name = name.strip()
            if name[:1].isupper() and name not in patterns:
                patterns[name] = {"label": "PER", "pattern": name, "id": rec.get("id") or ""}
    return list(patterns.values())


def seat_patterns(path: Path = METONYMS_TSV, places: Path = PLACES_TSV) -> list[dict[str, str]]:
    """Span-ruler patterns (label ORG) for the seats of power of the actor dictionary ("Kremlin",
    "Gedung Putih", "Pentagon"): institutions the NER often misses. Capitals that stand for their
    government ("Moskow", "Beijing") are left out: they are cities (GPE) in ``places.tsv``."""
    if not path.is_file():
        return []
    cities = {n.lower() for row in _rows(places) for n in _names(row)} if places.is_file() else set()
    return [
        {"label": "ORG", "pattern": name, "id": row.get("id") or ""}
        for row in _rows(path)
        if not any(n.lower() in cities for n in _names(row))  # a capital, under any of its names
        for name in _names(row)
        if name[:1].isupper()
    ]


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _names(row: dict[str, str]) -> list[str]:
    return [n.strip() for n in (row.get("names") or "").split("|") if n.strip()]


def _best(path: Path) -> Path:
    """The ``model-best`` directory of a ``spacy train`` output (or the path itself)."""
    return path / "model-best" if (path / "model-best").is_dir() else path


def assemble(
    parser_dir: Path,
    ner_dir: Path,
    out: Path,
    extra_sources: list[dict] | None = None,
    tagger_dir: Path | None = None,
) -> Language:
    """Build the shipped pipeline from the trained pipelines and write it to ``out``."""
    have_rules = P.import_components()
    nlp_p, nlp_n, nlp_t = _load_trained(parser_dir, ner_dir, tagger_dir)
    nlp = spacy.blank("id", vocab=nlp_p.vocab, config={"nlp": {"tokenizer": P.tokenizer_config()}})
    if have_rules and P.has_factory(P.SENTER):
        nlp.add_pipe(P.SENTER, name=P.SENTER)
    _add_trained_components(nlp, nlp_p, nlp_n, nlp_t)
    _add_name_ruler(nlp)
    for name, factory in (("lemmatizer", P.LEMMATIZER), ("gpe", P.GPE)):
        if have_rules and P.has_factory(factory):
            nlp.add_pipe(factory, name=name)
    meta = dict(META)
    if extra_sources:
        meta["sources"] = [*META["sources"], *extra_sources]
    nlp.meta.update(meta)
    _write_replacing(nlp, out)
    return spacy.load(out)


def _load_trained(
    parser_dir: Path, ner_dir: Path, tagger_dir: Path | None
) -> tuple[Language, Language, Language | None]:
    """The parser, NER and (when trained) tagger pipelines, the NER and tagger made
    self-contained so they can be sourced next to the parser's shared tok2vec.

    Sourcing a component does not bring the static vectors along: the new pipeline is built on
    the parser pipeline's vocab (strings + vectors), so every part must have been trained on the
    same vectors; a mismatch raises ValueError rather than shipping a silently broken model.
    """
    nlp_p = spacy.load(_best(parser_dir))
    nlp_n = spacy.load(_best(ner_dir))
    if "tok2vec" in nlp_n.pipe_names:
        nlp_n.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    nlp_t = None
    if tagger_dir is not None and (_best(tagger_dir) / "config.cfg").is_file():
        nlp_t = spacy.load(_best(tagger_dir))
        nlp_t.replace_listeners("tok2vec", "morphologizer", ["model.tok2vec"])
        vectors = [x.vocab.vectors.to_bytes(exclude=["strings"]) for x in (nlp_p, nlp_t)]
        if vectors[0] != vectors[1]:
            raise ValueError("parser and tagger were trained with different static vectors: rerun both")
    if nlp_p.vocab.vectors.to_bytes(exclude=["strings"]) != nlp_n.vocab.vectors.to_bytes(exclude=["strings"]):
        raise ValueError("parser and NER were trained with different static vectors: rerun both")
    return nlp_p, nlp_n, nlp_t


def _add_trained_components(nlp: Language, nlp_p: Language, nlp_n: Language, nlp_t: Language | None) -> None:
    """Source tok2vec, the UPOS morphologizer (the tagger's own when trained), the parser and
    the NER, in pipeline order; an older parser pipeline's tagger gets a TAG -> POS ruler."""
    for name in ("tok2vec", "morphologizer", "tagger", "parser"):
        if name == "morphologizer" and nlp_t is not None:
            nlp.add_pipe(name, source=nlp_t)
        elif name in nlp_p.pipe_names:
            nlp.add_pipe(name, source=nlp_p)
    if "tagger" in nlp.pipe_names:  # older recipe: UPOS predicted into TAG, copied to POS here
        ruler = nlp.add_pipe("attribute_ruler", name="upos")
        ruler.load_from_tag_map(P.upos_tag_map(list(nlp.get_pipe("tagger").labels)))
    nlp.add_pipe("ner", source=nlp_n)


def _add_name_ruler(nlp: Language) -> None:
    """The ``people`` span ruler after the NER (see the module docstring); none when the actor
    dictionary gives no names."""
    patterns = people_patterns() + seat_patterns()
    if patterns:
        ruler = nlp.add_pipe(
            "span_ruler",
            name="people",
            config={
                "spans_key": None,
                "annotate_ents": True,
                "overwrite": False,
                "ents_filter": {"@misc": "peristiwa.known_names_filter.v1"},
            },
        )
        ruler.add_patterns(patterns)


def _write_replacing(nlp: Language, out: Path) -> None:
    """Write ``nlp`` next to ``out`` first and swap it in, so a failed write never leaves half a
    model where the package loads it from."""
    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)


def dir_size(path: Path) -> int:
    """Bytes on disk under ``path`` (the model size we report)."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
