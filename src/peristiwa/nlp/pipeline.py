"""The shape of the shipped pipeline: which components, in which order, from where.

Kept apart from the training recipe so that code which only *uses* the model (tests, the
benchmark, the coder) can ask what the pipeline should look like without importing the trainer.
The rule-based components (tokenizer, senter, lemmatizer, GPE gazetteer) live in
``peristiwa.nlp.components`` and are registered when that module is imported; the assembly step
adds them by name only when they are importable, so a half-built tree still yields a usable
(statistical-only) pipeline.
"""

from __future__ import annotations

import importlib
from typing import Any

from spacy import registry
from spacy.language import Language

COMPONENTS_MODULE = "peristiwa.nlp.components"
#: Also imported on its own, so the tokenizer is used even before the components module exists.
TOKENIZER_MODULE = "peristiwa.nlp.tokenizer"
TOKENIZER = "peristiwa.id_tokenizer.v1"
SENTER = "peristiwa_senter"
LEMMATIZER = "peristiwa_lemmatizer"
GPE = "peristiwa_gpe"

#: Components the recipe trains or builds, in order ("people" is a span ruler from the actor
#: dictionary). The morphologizer predicts UPOS only (legacy GSD has
#: no FEATS); an older recipe used a tagger writing UPOS to TAG plus an ``upos`` attribute ruler.
STATISTICAL = ("tok2vec", "morphologizer", "parser", "ner", "people")
#: Full order of the shipped pipeline; rule components are skipped when not importable.
ORDER = (SENTER, *STATISTICAL, "lemmatizer", "gpe")
#: pipe name -> factory for the rule components written outside the training recipe.
RULE_FACTORIES = {SENTER: SENTER, "lemmatizer": LEMMATIZER, "gpe": GPE}


def import_components() -> bool:
    """Import the module that registers our factories; False when it does not exist (yet).

    Only a missing ``peristiwa.nlp.components`` is tolerated: an error *inside* that module is
    a bug and must surface, not silently produce a pipeline without its rule components.
    """
    found = True
    for module in (TOKENIZER_MODULE, COMPONENTS_MODULE):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as err:
            if err.name != module:
                raise
            found = module != COMPONENTS_MODULE and found
    return found


def has_factory(name: str) -> bool:
    """Whether a spaCy component factory called ``name`` is registered for Indonesian."""
    return Language.has_factory(name) or registry.has("factories", name) or (
        f"id.{name}" in registry.factories.get_all()
    )


def has_tokenizer() -> bool:
    """Whether our news tokenizer is registered in spaCy's ``tokenizers`` registry."""
    return TOKENIZER in registry.tokenizers.get_all()


def tokenizer_config() -> dict[str, Any]:
    """The ``[nlp.tokenizer]`` block: ours when available, spaCy's Indonesian rules otherwise."""
    if has_tokenizer():
        return {"@tokenizers": TOKENIZER}
    return {"@tokenizers": "spacy.Tokenizer.v1"}


def upos_tag_map(tags: list[str]) -> dict[str, dict[str, str]]:
    """TAG -> POS for the attribute ruler: the tagger's labels *are* UPOS (no XPOS in legacy GSD)."""
    return {tag: {"POS": tag} for tag in tags}
