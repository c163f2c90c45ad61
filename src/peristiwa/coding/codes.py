"""CAMEO actor codes read in one place: which part is a country, a role, a known group.

A CAMEO actor code is a run of three-letter pieces. A state actor opens with its country
(``IDN``, ``RUSGOV``: Russia's government, ``IDNJUD``: an Indonesian court); a non-state actor
opens with its kind (``IGO``, ``NGO``, ``IMG``, ``NGM``, ``MNC``) and then names the group
(``IGOUNO``: the UN, ``IMGISI``: the Islamic State), which is not a role. Every module of
``coding/`` that needs a piece of a code asks here, so that "IMGISI has no role" is decided once
(it used to come out with role ``ISI`` while ``IGOUNO`` had none).
"""

from __future__ import annotations

from peristiwa.model import ActorRef

# Non-state kinds: what follows them is the group, not a role (GDELT's KnownGroupCode).
NON_STATE_PREFIXES = ("IGO", "NGO", "IMG", "NGM", "MNC")
# Organisations of states and of citizens: never a country, in any reading of the code.
ORGANISATION_PREFIXES = ("IGO", "NGO")
# Codes with no country at all (the dictionaries' "international types"): the non-state kinds,
# ``INT`` (international, unspecified) and ``UIS`` (an unidentified state).
INTERNATIONAL_TYPES = frozenset({*NON_STATE_PREFIXES, "INT", "UIS"})


def is_country(code: str) -> bool:
    """A bare three-letter code (``IDN``, ``RUS``; also a region such as ``EUR``)."""
    return len(code) == 3 and code.isalpha()


def is_organisation(code: str) -> bool:
    """An intergovernmental or non-governmental organisation (``IGOUNO``, ``NGOAMN``)."""
    return code.startswith(ORGANISATION_PREFIXES)


def is_non_state(code: str) -> bool:
    """A code that opens with a non-state kind rather than a country."""
    return code.startswith(NON_STATE_PREFIXES)


def state_of(code: str) -> str:
    """The three letters that count as the actor's side when the coder counts countries (the
    country in focus, "kedua negara", the story's sides): any alphabetic opening but an
    organisation's; "" otherwise."""
    head = code[:3]
    return head if len(head) == 3 and head.isalpha() and not is_organisation(code) else ""


def country_of(code: str) -> str:
    """The country of an actor for its record: "" for every non-state actor."""
    return "" if is_non_state(code) else code[:3]


def role_of(code: str) -> str:
    """The role piece of a state actor's code (``GOV`` of ``RUSGOV``); "" for a bare country and
    for a non-state actor, whose second piece names the group."""
    return code[3:6] if len(code) >= 6 and not is_non_state(code) else ""


def group_of(code: str) -> str:
    """The known group of a non-state actor (``ISI`` of ``IMGISI``, ``UNO`` of ``IGOUNO``)."""
    return code[3:6] if is_non_state(code) else ""


def split_code(code: str) -> tuple[str, str]:
    """(country, role) of a full actor code as the dictionaries compose it: ``RUSGOV`` -> (``RUS``,
    ``GOV``), ``RUS`` -> (``RUS``, ""), ``IGOUNO`` and ``UISGOV`` -> ("", ""). (A bare role such
    as ``COP`` is not a full code: role mentions set their country and role themselves, since
    ``MUS`` is both Mauritius and a role token.)"""
    if not code or code[:3] in INTERNATIONAL_TYPES:
        return "", ""
    return code[:3], code[3:6]


def actor_ref(
    code: str, name: str, start: int, end: int, entries: tuple[str, ...]
) -> ActorRef:
    """The record of an actor with its code split by the rules above."""
    return ActorRef(
        code=code,
        name=name,
        country=country_of(code),
        role=role_of(code),
        start=start,
        end=end,
        entries=entries,
    )
