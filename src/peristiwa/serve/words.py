"""Words for codes on the pages: "042 Make a visit", "IDNGOV: Indonesia, government".

An analyst reads codes faster with their names beside them, and a page showing only ``042`` sends
them to the codebook. The names come from the package's own tables, so the pages need nothing from
outside the package:

* event codes from ``coding/dictionaries/cameo_codes.tsv`` (CAMEO 1.1b3 names, via
  :func:`peristiwa.coding.patterns.code_info`);
* country codes from the CAMEO country table in the shared data folder when it is there (English
  names), else from the actor dictionary's ``countries.tsv`` (the first, Indonesian, name);
* role codes from :data:`ROLE_NAMES`, short labels of the CAMEO manual's role table.

This is a read-only view: when the store gains ``cameo_codes``/``actor_codes`` tables (the
workbench branch), :class:`Words` can be built from those instead; the templates only call
:meth:`Words.event` and :meth:`Words.actor`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from peristiwa.coding.lexicon import read_tsv
from peristiwa.config import DICTIONARY_DIR, data_dir

# Short English labels of the CAMEO role codes (CAMEO manual 1.1b3, tables 3.1-3.4).
ROLE_NAMES: dict[str, str] = {
    "GOV": "government",
    "MIL": "military",
    "COP": "police",
    "JUD": "judiciary",
    "OPP": "opposition",
    "REB": "rebels",
    "INS": "insurgents",
    "SEP": "separatists",
    "SPY": "intelligence",
    "UAF": "unaligned armed forces",
    "PTY": "political party",
    "AGR": "agriculture",
    "BUS": "business",
    "CRM": "criminals",
    "CVL": "civilians",
    "DEV": "development",
    "EDU": "education",
    "ELI": "elites / former officials",
    "ENV": "environment",
    "HLH": "health",
    "HRI": "human rights",
    "LAB": "labour",
    "LEG": "legislature",
    "MED": "media",
    "REF": "refugees",
    "MOD": "moderate",
    "RAD": "radical",
    "IGO": "intergovernmental organisation",
    "IMG": "international militarised group",
    "INT": "international actor",
    "MNC": "multinational corporation",
    "NGM": "non-governmental movement",
    "NGO": "non-governmental organisation",
    "UIS": "unidentified state actor",
    "PKO": "peacekeepers",
    "REL": "religious",
    "MOS": "Muslim",
    "MUS": "Muslim",
    "CHR": "Christian",
    "JEW": "Jewish",
    "HIN": "Hindu",
    "BUD": "Buddhist",
    "CTH": "Catholic",
    "PRO": "Protestant",
    "PPL": "people",
}


def _country_names(shared: Path, dictionary: Path) -> dict[str, str]:
    names: dict[str, str] = {}
    if dictionary.is_file():
        for row in read_tsv(dictionary, required=("code", "names")):
            first = row["names"].split("|")[0].strip()
            if row["code"] and first:
                names.setdefault(row["code"], first)
    if shared.is_file():
        for row in read_tsv(shared, required=("code", "name")):
            if row["code"] and row["name"]:
                names[row["code"]] = row["name"]
    return names


@dataclass(frozen=True, slots=True)
class Words:
    """Code -> words lookups; unknown codes give an empty string, never an error (data can be newer)."""

    countries: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)

    def event(self, code: str | None) -> str:
        """The CAMEO name of an event code ("Make a visit"), capitalised like a sentence."""
        if not code:
            return ""
        from peristiwa.coding.patterns import code_info

        try:
            name = code_info(code).name
        except KeyError:
            return ""
        return name[:1] + name[1:].lower() if name.isupper() else name

    def actor(self, code: str | None) -> str:
        """An actor code in words: "Indonesia, government" for IDNGOV, "" when nothing is known.

        CAMEO actor codes are three-letter pieces: a country (or IGO/NGO ...) then roles.
        """
        if not code or len(code) % 3:
            return ""
        pieces = [code[i : i + 3] for i in range(0, len(code), 3)]
        words = []
        for i, piece in enumerate(pieces):
            word = self.countries.get(piece) if i == 0 else None
            word = word or self.roles.get(piece)
            if word is None:
                return ""
            words.append(word)
        return ", ".join(words)


@cache
def default_words() -> Words:
    """The package's tables, read once per process (they never change while it runs)."""
    countries = _country_names(
        data_dir() / "cameo" / "countries.tsv", DICTIONARY_DIR / "actors" / "countries.tsv"
    )
    return Words(countries, ROLE_NAMES)
