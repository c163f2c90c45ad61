"""Which place names are political entities (countries, provinces, states, cities).

The NER model is trained on corpora that label every place LOC, but event coding needs to know
whether "Rusia" or "Jawa Barat" is a government-bearing entity (an actor, an action country) or a
river, sea or mountain. The actor and place dictionaries already list those names with their
kind, so the gazetteer reads them rather than keeping a second list that would drift:

* ``coding/dictionaries/actors/countries.tsv`` (``id``, ``names``, ``code``, ...): every name is a
  country;
* ``coding/dictionaries/places.tsv`` (``id``, ``names``, ``code``, ``kind``, ...): ``city``,
  ``province`` and ``region`` are political entities, ``feature`` (rivers, seas, mountains) is not.

Names are compared case-folded with whitespace collapsed; a leading administrative word
(``Provinsi``, ``Kota``, ``Kabupaten``, ``Negara``) is tried away when the whole span is not listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from peristiwa.coding.lexicon import read_tsv, split_names
from peristiwa.config import DICTIONARY_DIR

DEFAULT_COUNTRIES = DICTIONARY_DIR / "actors" / "countries.tsv"
DEFAULT_PLACES = DICTIONARY_DIR / "places.tsv"
#: Kinds of places.tsv rows that name political entities.
GPE_KINDS: frozenset[str] = frozenset({"country", "city", "province", "region", "state"})
_ADMIN_WORDS = ("provinsi", "prov.", "kota", "kabupaten", "kab.", "negara", "negeri", "republik")
_SPACES = re.compile(r"\s+")
#: One-word country or region names that in running text are more often something else: compass
#: words inside place names ("Jawa Barat"), an adjective ("rezim Zionis").
NOT_STANDALONE = frozenset({"barat", "timur", "utara", "selatan", "tengah", "tenggara", "zionis"})


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: where it came from, its code and kind (``country``, ``city``, ...)."""

    id: str
    code: str
    kind: str

    @property
    def is_gpe(self) -> bool:
        return self.kind in GPE_KINDS


def normalise(name: str) -> str:
    """Case-folded, single-spaced form used as the lookup key."""
    return _SPACES.sub(" ", name).strip().casefold()


class Gazetteer:
    """Name -> :class:`Place` lookups built from the dictionary TSV files."""

    def __init__(self, entries: dict[str, Place] | None = None) -> None:
        self.entries: dict[str, Place] = entries or {}
        #: country names as written (capitalised, four letters or more), by first word, longest
        #: first: the ones :meth:`find_countries` looks for in running text
        self.country_names: dict[str, list[tuple[str, ...]]] = {}

    def add_country_name(self, name: str) -> None:
        words = tuple(name.split())
        letters = sum(c.isalpha() for c in name)
        if not words or letters < 4 or not all(w[:1].isupper() for w in words):
            return
        if len(words) == 1 and name.lower() in NOT_STANDALONE:
            return
        bucket = self.country_names.setdefault(words[0], [])
        if words not in bucket:
            bucket.append(words)
            bucket.sort(key=len, reverse=True)

    def find_countries(self, words: list[str]) -> list[tuple[int, int, Place]]:
        """Non-overlapping (start, end, place) runs of ``words`` that spell a country's name."""
        out: list[tuple[int, int, Place]] = []
        i = 0
        while i < len(words):
            for name in self.country_names.get(words[i], ()):
                if tuple(words[i : i + len(name)]) == name:
                    place = self.entries.get(normalise(" ".join(name)))
                    if place is not None and place.kind == "country":
                        out.append((i, i + len(name), place))
                        i += len(name) - 1
                        break
            i += 1
        return out

    @classmethod
    def from_files(cls, countries: Path | None = None, places: Path | None = None) -> Gazetteer:
        """Read both files; a missing file contributes nothing (the component then relabels less).

        When a name is listed both as a feature and as a political entity the political reading
        wins, since a LOC span that is also a province is most often the province in news.
        """
        entries: dict[str, Place] = {}
        countries = DEFAULT_COUNTRIES if countries is None else Path(countries)
        places = DEFAULT_PLACES if places is None else Path(places)
        written: list[str] = []
        if countries.exists():
            for row in read_tsv(countries, required=("id", "names")):
                place = Place(row["id"], row["code"], "country")
                for name in split_names(row["names"]):
                    entries[normalise(name)] = place
                    written.append(name)
        if places.exists():
            for row in read_tsv(places, required=("id", "names", "kind")):
                place = Place(row["id"], row["code"], row["kind"].strip().lower())
                for name in split_names(row["names"]):
                    key = normalise(name)
                    old = entries.get(key)
                    if old is None or (not old.is_gpe and place.is_gpe):
                        entries[key] = place
        gaz = cls(entries)
        for name in written:
            gaz.add_country_name(name)
        return gaz

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, name: str) -> Place | None:
        """The entry for ``name``, trying it without a leading administrative word too."""
        key = normalise(name)
        found = self.entries.get(key)
        if found is not None:
            return found
        for word in _ADMIN_WORDS:
            if key.startswith(word + " "):
                return self.entries.get(key[len(word) + 1 :])
        return None
