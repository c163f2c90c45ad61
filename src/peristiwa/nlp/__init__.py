"""The Indonesian spaCy pipeline: ``peristiwa.nlp.load()`` is the one way to get it.

The model is read from the package (``peristiwa.config.MODEL_DIR``), never from a model hub,
so loading works offline. Loading takes a second or two, so the result is cached per set of
excluded components: every caller in the process shares one ``Language``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language

from .. import config


class ModelNotFoundError(RuntimeError):
    """The trained pipeline is not where it should be (it is built by ``make models``)."""


def model_path() -> Path:
    """Where the shipped pipeline lives (a directory written by ``spacy.Language.to_disk``)."""
    return config.MODEL_DIR


#: Parts of the saved model not read back from disk: the tokenizer is made from its config
#: entry (``peristiwa.id_tokenizer.v1``, our code), and reading its ~16,000 saved special cases
#: again only repeated that work (1.5 s of every process start). A test checks the two agree.
BUILT_FROM_CODE: tuple[str, ...] = ("tokenizer",)


def load(exclude: Iterable[str] = ()) -> Language:
    """Return the shared pipeline, loading it on first use.

    ``exclude`` drops components you do not need (for example ``("parser",)`` when only
    entities matter), which saves most of the time spent per word; each distinct set is
    loaded once.
    """
    return _load(tuple(sorted(set(exclude))))


@functools.cache
def _load(exclude: tuple[str, ...]) -> Language:
    import spacy  # deferred: importing spaCy costs ~1 s, not worth paying for `--help`

    from .pipeline import import_components

    import_components()  # registers our tokenizer and rule components before the config is read
    path = model_path()
    if not (path / "config.cfg").is_file():
        raise ModelNotFoundError(
            f"The Indonesian pipeline is missing ({path} has no config.cfg). "
            "Build it with `make models` (python -m peristiwa.nlp.train all --data ../shared/data)."
        )
    return spacy.load(path, exclude=[*exclude, *BUILT_FROM_CODE])


__all__ = ["ModelNotFoundError", "load", "model_path"]
