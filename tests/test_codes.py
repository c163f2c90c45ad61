"""The one helper that splits CAMEO actor codes, and the one list of clause-boundary words."""

from __future__ import annotations

import pytest

from peristiwa.coding import clauses, codes, modality
from peristiwa.model import Article


@pytest.mark.parametrize(
    ("code", "country", "role", "group"),
    [
        ("RUSGOV", "RUS", "GOV", ""),
        ("IDNJUD", "IDN", "JUD", ""),
        ("IDN", "IDN", "", ""),
        ("IGOUNO", "", "", "UNO"),
        ("IMGISI", "", "", "ISI"),  # the Islamic State is a group, not a role "ISI"
        ("NGOAMN", "", "", "AMN"),
    ],
)
def test_actor_code_pieces(code: str, country: str, role: str, group: str) -> None:
    assert (codes.country_of(code), codes.role_of(code), codes.group_of(code)) == (country, role, group)
    ref = codes.actor_ref(code, "x", 0, 1, ())
    assert (ref.country, ref.role) == (country, role)


def test_split_code_as_the_dictionaries_compose() -> None:
    assert codes.split_code("RUSGOV") == ("RUS", "GOV")
    assert codes.split_code("UISGOV") == ("", "")
    assert codes.split_code("IMGISI") == ("", "")


def test_state_of_counts_every_alphabetic_opening_but_organisations() -> None:
    assert codes.state_of("RUSGOV") == "RUS"
    assert codes.state_of("IGOUNO") == ""
    assert codes.state_of("NGOAMN") == ""
    assert codes.state_of("190") == ""


def test_isis_event_has_no_role(nlp) -> None:  # type: ignore[no-untyped-def]
    from peristiwa.coding.coder import Coder

    text = "ISIS menyerang pasukan Irak di Mosul pada Senin."
    events = Coder(nlp=nlp, selector=None).code_article(Article(id="t", text=text, published=None)).events
    isis = [e.actor1 for e in events if e.actor1.code == "IMGISI"]
    assert isis, [(e.actor1.code, e.event_code) for e in events]
    assert all(a.role == "" and a.country == "" for a in isis)


def test_one_list_of_clause_words_for_coder_and_modality() -> None:
    from peristiwa.coding import words

    assert words.CLAUSE_BREAK_WORDS == clauses.CLAUSE_WORDS
    assert clauses.CLAUSE_WORDS | {clauses.RELATIVISER} == modality.SUBORDINATORS
    assert clauses.SUBJECT_SHARING_SUBORDINATORS <= clauses.CLAUSE_WORDS
    # "meski" used to end a clause for modality only: a cue before it is another clause's
    assert modality.classify(["akan", "meski", "Israel", "menyerang"], 3, "190") == "asserted"
