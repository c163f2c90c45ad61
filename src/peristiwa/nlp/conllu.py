"""Write a parsed spaCy Doc as CoNLL-U, the format every dependency-parsing tool reads."""

from __future__ import annotations

from spacy.tokens import Doc


def doc_to_conllu(doc: Doc) -> str:
    """One block per sentence; IDs restart at 1 and skip whitespace tokens; NER goes into MISC."""
    lines: list[str] = []
    for n, sent in enumerate(doc.sents, 1):
        words = [tok for tok in sent if not tok.is_space]
        if not words:
            continue
        ids = {tok.i: k for k, tok in enumerate(words, 1)}
        lines.append(f"# sent_id = {n}")
        lines.append("# text = " + " ".join(sent.text.split()))
        for tok in words:
            head = 0 if tok.head.i == tok.i or tok.head.i not in ids else ids[tok.head.i]
            misc = []
            if tok.ent_type_:
                misc.append(f"NER={tok.ent_iob_}-{tok.ent_type_}")
            if not tok.whitespace_:
                misc.append("SpaceAfter=No")
            cells = [
                str(ids[tok.i]),
                tok.text,
                tok.lemma_ or "_",
                tok.pos_ or "_",
                tok.tag_ or "_",
                str(tok.morph) or "_",
                str(head),
                "root" if head == 0 else (tok.dep_ or "_"),
                "_",
                "|".join(misc) or "_",
            ]
            lines.append("\t".join(cells))
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")
