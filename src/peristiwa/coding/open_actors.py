"""Open actor recognition: every person or organisation the NER finds is an actor.

The actor dictionaries (``dictionaries/actors/``) name the people and bodies news mentions most,
but any article introduces others: a regent, a suspect, a union, a company. A closed list codes
none of them, and every event they take part in is lost. This module turns each NER ``PER`` /
``ORG`` entity that no dictionary mention covers into an actor, coded by what the text attaches
to it rather than by who it is:

* the office or body written right before it ("Kepala BNN, Marthinus Hukom", "Menteri
  Pertahanan Pedro Sanchez") gives its code, as a title does for a known name;
* a role word inside an organisation's name ("Serikat Buruh ...", "Pengadilan Negeri ...",
  "Polres ...") gives the role, the country in focus the country;
* a name the article introduced before keeps the code it had (the office written before it:
  "Anggota DPR ... Dimas Prasetyo" then "kata Dimas Prasetyo"; a person's short name);
* otherwise it is a national of the country in focus with no role (``IDN``): for the analyst,
  "an Indonesian actor" is true and useful; a guessed role would not be.

The rules are data (``dictionaries/actors/roles.tsv`` for role words, ``OPEN_LABELS`` and
``NOT_ACTORS`` below) and every actor made here records ``open:`` entries saying which fired.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span

from .actors import DICTIONARY_DIR

OPEN_LABELS = frozenset({"PER", "ORG"})
# entity texts that are never actors: outlets in datelines and bylines, page furniture
NOT_ACTORS = re.compile(
    r"(?i)^(kompas|kompas\.com|kompas\.id|liputan6|liputan6\.com|detik|detikcom|detik\.com|detiknews|"
    r"tempo|tempo\.co|antara|cnn indonesia|tribunnews|okezone|republika|kumparan|reuters|afp|ap|"
    r"bbc|baca juga|simak video|kompas tv|kompastv|antaranews|sindonews|suara\.com|x|twitter|"
    r"instagram|facebook|youtube|tiktok|whatsapp|google|wib)$"
)
# tokens that may stand between an office and the name it introduces
LINK_TOKENS = frozenset({",", "(", "yakni", "yaitu", "bernama", "berinisial", "sdr", "saudara"})
MAX_TITLE_GAP = 4
# a dateline's comma, outlet and dash ("BEIRUT, KOMPAS.com - ", "JAKARTA, Liputan6.com -- ")
DATELINE_REACH = 6
DASHES = frozenset({"-", "--", "–", "—"})


@dataclass(frozen=True, slots=True)
class OpenActor:
    """One entity made an actor: token span, code, kind (person/org) and the rules that fired."""

    start: int
    end: int
    code: str
    kind: str
    entries: tuple[str, ...]


@cache
def role_words() -> tuple[tuple[str, str, str], ...]:
    """(lowercase role word, role code, row id) from roles.tsv, longest first, for matching role
    words inside organisation names; title words (code ``-``) are left out."""
    rows: list[tuple[str, str, str]] = []
    path = (
        DICTIONARY_DIR / "actors" / "roles.tsv"
        if (DICTIONARY_DIR / "actors").is_dir()
        else DICTIONARY_DIR / "roles.tsv"
    )
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("id\t"):
            continue
        cols = line.split("\t")
        rid, names, code = cols[0], cols[1], cols[2]
        if code == "-" or cols[3:4] == ["former"]:
            continue
        rows.extend((n.lower(), code, rid) for n in names.split("|") if len(n) >= 3)
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def org_role(text: str) -> tuple[str, str] | None:
    """The role a role word in an organisation's name gives it ("Serikat Buruh Sejahtera" ->
    LAB), as (role, row id); None when its name holds none."""
    low = f" {text.lower()} "
    for word, code, rid in role_words():
        if f" {word} " in low:
            return code, rid
    return None


def _titled(doc, start: int, known: Sequence[tuple[int, int, str, str]]) -> str | None:
    """The code of an office or body written right before an entity ("Kepala BNN, Marthinus
    Hukom", "Menteri Pertahanan Pedro Sanchez", "Bupati Sleman, Harda Kiswaya"): the last known
    role or organisation mention before it, at most MAX_TITLE_GAP link tokens or capitalised
    words away."""
    before = [k for k in known if k[1] <= start]
    if not before:
        return None
    _s, e, code, kind = before[-1]
    gap = doc[e:start]
    # link words and the capitalised words of the office's unit ("Bupati Sleman, Harda Kiswaya")
    fits = all(t.lower_ in LINK_TOKENS or (t.is_alpha and t.text[:1].isupper()) for t in gap)
    if kind in ("role", "org") and len(gap) <= MAX_TITLE_GAP and fits:
        return code
    return None


def _entity_code(
    ent: Span,
    known: Sequence[tuple[int, int, str, str]],
    country: Callable[[int], str],
    recall: Callable[[str], str | None],
) -> tuple[str, tuple[str, ...]]:
    """Code and rule entries of one open entity (see the module docstring for the order)."""
    earlier = recall(ent.text.strip())
    if earlier:
        return earlier, (f"open:{ent.label_}", "open:named-before")
    titled = _titled(ent.doc, ent.start, known)
    if titled is not None:
        return titled, (f"open:{ent.label_}", "open:title")
    if ent.label_ == "ORG":
        role = org_role(ent.text)
        if role is not None:
            entries = (f"open:{ent.label_}", f"open:org-role:{role[1]}", "ref:focus-country")
            return country(ent.start) + role[0], entries
    return country(ent.start), (f"open:{ent.label_}", "ref:focus-country")


def _dateline(ent: Span) -> bool:
    """The city of a dateline ("BEIRUT, KOMPAS.com - ..."): in capitals at the start of the text,
    then a comma, the outlet and a dash, it says where the report was filed, and is nobody's
    actor (an acronym opening a sentence, "SPMB, serikat pekerja ...", has no dash after it)."""
    doc = ent.doc
    text = ent.text.strip()
    if not (text.isupper() and all(t.is_space for t in doc[: ent.start])):
        return False
    after = doc[ent.end : ent.end + DATELINE_REACH]
    return len(after) > 1 and after[0].text == "," and any(t.text in DASHES for t in after[1:])


def _entities_in(sent: Span) -> list[Span]:
    """The NER entities inside a sentence, from one pass over the Doc's (``Span.ents`` walks every
    entity of the Doc on each call, which is quadratic over a long article's sentences)."""
    doc = sent.doc
    ents = doc.user_data.get("peristiwa.ents")
    if ents is None:
        ents = doc.user_data["peristiwa.ents"] = (list(doc.ents), [e.start for e in doc.ents])
    spans, starts = ents
    lo = bisect_left(starts, sent.start)
    return [e for e in spans[lo : bisect_left(starts, sent.end)] if e.end <= sent.end]


def open_actors(
    sent: Span,
    known: Sequence[tuple[int, int, str, str]],
    country: Callable[[int], str],
    recall: Callable[[str], str | None] = lambda _name: None,
) -> list[OpenActor]:
    """Actors for the NER entities of ``sent`` that no known mention overlaps.

    ``known`` holds the sentence's dictionary mentions as (start token, end token, code, kind);
    ``country`` gives the country of an entity from its start token (the countries named before
    it in the sentence, else the one in focus; called only when needed); ``recall`` the code of a
    name the article introduced before (the office written before it, a person's short name), so
    that "kata Dimas" is the legislator "Anggota DPR ... Dimas Prasetyo" was.
    """
    taken = {i for s, e, _c, _k in known for i in range(s, e)}
    out: list[OpenActor] = []
    for ent in _entities_in(sent):
        if ent.label_ not in OPEN_LABELS or any(i in taken for i in range(ent.start, ent.end)):
            continue
        text = ent.text.strip()
        if len(text) < 2 or not text[:1].isupper() or NOT_ACTORS.match(text) or "\n" in text:
            continue
        if _dateline(ent):
            continue
        code, entries = _entity_code(ent, known, country, recall)
        if len(code) < 3:
            continue
        kind = "person" if ent.label_ == "PER" else "org"
        out.append(OpenActor(ent.start, ent.end, code, kind, entries))
    return out
