"""Write a parsed spaCy Doc as CoNLL-U, the format every dependency-parsing tool reads."""

from __future__ import annotations

from spacy.tokens import Doc


def doc_to_conllu(doc: Doc) -> str:
    """One block per sentence; IDs restart at 1; NER goes into MISC as ``NER=B-PER``."""
    lines: list[str] = []
    for i, sent in enumerate(doc.sents, 1):
        lines.append(f"# sent_id = {i}")
        lines.append("# text = " + sent.text.replace("\n", " ").strip())
        for tok in sent:
            if tok.is_space:
                continue
            head = 0 if tok.head.i == tok.i else tok.head.i - sent.start + 1
            misc = []
            if tok.ent_type_:
                misc.append(f"NER={tok.ent_iob_}-{tok.ent_type_}")
            if not tok.whitespace_:
                misc.append("SpaceAfter=No")
            feats = str(tok.morph) or "_"
            cells = [
                str(tok.i - sent.start + 1), tok.text, tok.lemma_ or "_", tok.pos_ or "_", tok.tag_ or "_",
                feats, str(head), (tok.dep_ or "_") if head else "root", "_", "|".join(misc) or "_",
            ]
            lines.append("\t".join(cells))
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")
