"""LOC -> GPE relabelling (peristiwa_gpe) from the country and place dictionaries."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import peristiwa.nlp.components  # noqa: F401  (registers the factories)
from peristiwa.nlp.gazetteer import DEFAULT_COUNTRIES, DEFAULT_PLACES, Gazetteer

COUNTRIES = (
    "# test countries\n"
    "id\tnames\tcode\tnote\n"
    "c-rus\tRusia|Federasi Rusia\tRUS\t\n"
    "c-usa\tAmerika Serikat|AS|Amerika\tUSA\t\n"
    "c-kor\tKorea Utara\tPRK\t\n"
    "c-wst\tBarat|Negara Barat\tWST\t\n"
)
PLACES = (
    "id\tnames\tcode\tkind\n"
    "p-jkt\tJakarta|DKI Jakarta\tIDN\tcity\n"
    "p-jabar\tJawa Barat\tIDN\tprovince\n"
    "p-crimea\tKrimea\tUKR\tregion\n"
    "p-ciliwung\tCiliwung|Sungai Ciliwung\tIDN\tfeature\n"
    "p-merapi\tMerapi|Gunung Merapi\tIDN\tfeature\n"
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp_path = tmp_path_factory.mktemp("dicts")
    c, p = tmp_path / "countries.tsv", tmp_path / "places.tsv"
    c.write_text(COUNTRIES, encoding="utf-8")
    p.write_text(PLACES, encoding="utf-8")
    return c, p


@pytest.fixture(scope="module")
def nlp(files: tuple[Path, Path]) -> Language:
    nlp = spacy.blank("id")
    nlp.add_pipe("peristiwa_gpe", config={"countries_path": str(files[0]), "places_path": str(files[1])})
    return nlp


def tagged(nlp: Language, words: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    """A Doc with the given entity spans, as the NER model would leave it, run through the pipe."""
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return nlp.get_pipe("peristiwa_gpe")(doc)


def labels(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def test_gazetteer_lookup(files: tuple[Path, Path]) -> None:
    gaz = Gazetteer.from_files(*files)
    assert gaz.lookup("Amerika  Serikat").code == "USA"  # type: ignore[union-attr]
    assert gaz.lookup("AS").kind == "country"  # type: ignore[union-attr]
    assert gaz.lookup("Provinsi Jawa Barat").kind == "province"  # type: ignore[union-attr]
    assert gaz.lookup("Kota Jakarta").id == "p-jkt"  # type: ignore[union-attr]
    assert gaz.lookup("Ciliwung").is_gpe is False  # type: ignore[union-attr]
    assert gaz.lookup("Atlantis") is None


def test_loc_countries_provinces_cities_become_gpe(nlp: Language) -> None:
    words = ["Rusia", "dan", "Korea", "Utara", "bertemu", "di", "Jakarta", ",", "Jawa", "Barat", "."]
    doc = tagged(nlp, words, [(0, 1, "LOC"), (2, 4, "LOC"), (6, 7, "LOC"), (8, 10, "LOC")])
    assert labels(doc) == [
        ("Rusia", "GPE"), ("Korea Utara", "GPE"), ("Jakarta", "GPE"), ("Jawa Barat", "GPE"),
    ]
    assert [e.kb_id_ for e in doc.ents] == ["c-rus", "c-kor", "p-jkt", "p-jabar"]


def test_features_and_unknown_places_stay_loc(nlp: Language) -> None:
    words = ["Sungai", "Ciliwung", "meluap", "dekat", "Gunung", "Merapi", "dan", "Atlantis"]
    doc = tagged(nlp, words, [(0, 2, "LOC"), (4, 6, "LOC"), (7, 8, "LOC")])
    assert labels(doc) == [("Sungai Ciliwung", "LOC"), ("Gunung Merapi", "LOC"), ("Atlantis", "LOC")]


def test_org_only_when_it_is_a_country(nlp: Language) -> None:
    words = ["Amerika", "Serikat", "menekan", "Jakarta", "dan", "Bank", "Dunia"]
    doc = tagged(nlp, words, [(0, 2, "ORG"), (3, 4, "ORG"), (5, 7, "ORG")])
    # a country tagged ORG is a GPE; a city tagged ORG (often a team or a government) is left alone
    assert labels(doc) == [("Amerika Serikat", "GPE"), ("Jakarta", "ORG"), ("Bank Dunia", "ORG")]


def test_unlabelled_and_person_spans_are_untouched(nlp: Language) -> None:
    doc = tagged(nlp, ["Jakarta", "kata", "Rusia"], [(2, 3, "PER")])
    assert labels(doc) == [("Rusia", "PER")]
    assert doc[0].ent_type_ == ""


def test_unlabelled_country_names_are_added_as_gpe(nlp: Language) -> None:
    words = ["Cina", "dan", "Korea", "Utara", "memberi", "selamat", ";", "Rusia", "di", "Jakarta", "."]
    doc = tagged(nlp, words, [])
    # countries the NER missed are added; a city is left to the NER ("Bali" in "Bali Nine")
    assert labels(doc) == [("Korea Utara", "GPE"), ("Rusia", "GPE")]
    assert [e.kb_id_ for e in doc.ents] == ["c-kor", "c-rus"]
    # written lower-case, inside another entity, or a compass word alone: not a country mention
    doc = tagged(nlp, ["rusia", "Bank", "Rusia", "Korea", "Barat"], [(1, 3, "ORG")])
    assert labels(doc) == [("Bank Rusia", "ORG")]


def test_adding_countries_can_be_switched_off(files: tuple[Path, Path]) -> None:
    nlp = spacy.blank("id")
    cfg = {"countries_path": str(files[0]), "places_path": str(files[1]), "add_countries": False}
    nlp.add_pipe("peristiwa_gpe", config=cfg)
    assert labels(tagged(nlp, ["Rusia", "menyerang"], [])) == []


def test_known_names_filter_relabels_exact_spans_and_never_cuts_longer_ones() -> None:
    from spacy.util import registry

    keep = registry.misc.get("peristiwa.known_names_filter.v1")()
    doc = Doc(spacy.blank("id").vocab, words=["Vladimir", "Putin", "dan", "Risma", "Anjani", "serta", "Xi"])
    ner = [Span(doc, 0, 2, label="LOC"), Span(doc, 3, 5, label="PER")]
    ruler = [Span(doc, 0, 2, label="PER"), Span(doc, 3, 4, label="PER"), Span(doc, 6, 7, label="PER")]
    got = sorted((e.text, e.label_) for e in keep(ner, ruler))
    assert got == [("Risma Anjani", "PER"), ("Vladimir Putin", "PER"), ("Xi", "PER")]


def test_missing_files_relabel_nothing(tmp_path: Path) -> None:
    nlp = spacy.blank("id")
    nlp.add_pipe(
        "peristiwa_gpe",
        config={"countries_path": str(tmp_path / "no.tsv"), "places_path": str(tmp_path / "none.tsv")},
    )
    doc = tagged(nlp, ["Rusia"], [(0, 1, "LOC")])
    assert labels(doc) == [("Rusia", "LOC")]


def test_round_trip_keeps_config(nlp: Language, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "m")
    loaded = spacy.load(tmp_path / "m")
    doc = tagged(loaded, ["Krimea", "dianeksasi"], [(0, 1, "LOC")])
    assert labels(doc) == [("Krimea", "GPE")]


@pytest.mark.skipif(
    not (DEFAULT_COUNTRIES.exists() and DEFAULT_PLACES.exists()),
    reason="package dictionaries countries.tsv / places.tsv not written yet",
)
def test_real_dictionaries() -> None:
    gaz = Gazetteer.from_files()
    assert len(gaz) > 100
    for name in ("Indonesia", "Rusia", "Amerika Serikat"):
        place = gaz.lookup(name)
        assert place is not None and place.is_gpe, name
    nlp = spacy.blank("id")
    nlp.add_pipe("peristiwa_gpe")
    doc = tagged(nlp, ["Presiden", "Rusia", "tiba", "di", "Jakarta"], [(1, 2, "LOC"), (4, 5, "LOC")])
    assert labels(doc) == [("Rusia", "GPE"), ("Jakarta", "GPE")]
