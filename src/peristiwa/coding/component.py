"""The coder as a spaCy pipeline component, so ``doc._.events`` works after ``nlp(text)``.

Set ``doc._.published`` (a ``datetime.date``) and ``doc._.article_id`` before the component runs to
resolve relative dates and label the events; ``nlp.add_pipe("peristiwa_coder")`` adds it last.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from peristiwa.model import Article

for _name, _default in (("events", None), ("facts", None), ("published", None), ("article_id", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class CoderComponent:
    """Runs :class:`peristiwa.coding.coder.Coder` on a parsed Doc; stores Events and Facts on it."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self._coder = None  # built on first call: dictionaries load once, not per Doc

    def __call__(self, doc: Doc) -> Doc:
        from peristiwa.coding.coder import Coder

        if self._coder is None:
            self._coder = Coder(nlp=None)
        coder = self._coder
        article = Article(id=doc._.article_id or "doc", text=doc.text, published=doc._.published)
        coded = coder.code_doc(doc, article)
        doc._.events = coded.events
        doc._.facts = coded.facts
        return doc


@Language.factory("peristiwa_coder")
def make_coder(nlp: Language, name: str) -> CoderComponent:
    return CoderComponent(nlp, name)
