"""Actor dictionaries: matching, composition, dates, and the validator."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from peristiwa.coding import actors
from peristiwa.coding.actors import ActorDictionary, ActorMention, default_actors
from peristiwa.coding.lexicon import read_tsv
from peristiwa.config import DICTIONARY_DIR, data_dir

NLP = spacy.blank("id")


def mentions(text: str, when: date | None = None) -> list[ActorMention]:
    return default_actors().find(NLP(text), when)


def codes(text: str, when: date | None = None) -> list[tuple[str, str]]:
    return [(m.text, m.code) for m in mentions(text, when)]


def project_doc(words: list[str]) -> Doc:
    """A Doc tokenised as the project tokenizer does (clitics and reduplication kept whole)."""
    return Doc(NLP.vocab, words=words, spaces=[True] * (len(words) - 1) + [False])


# --------------------------------------------------------------------------- the shipped files
def test_shipped_dictionaries_have_no_errors() -> None:
    errors = [p for p in actors.validate() if p.severity == "error"]
    assert errors == []


def test_entry_counts() -> None:
    counts = actors.count_entries()
    assert counts["people"] >= 400
    assert counts["orgs"] >= 100
    assert counts["countries"] >= 270


@pytest.mark.data
def test_every_cameo_country_code_has_a_row() -> None:
    cameo_path = data_dir() / "cameo" / "countries.tsv"
    if not cameo_path.is_file():
        pytest.skip("../shared/data is not available")
    cameo = {r["code"] for r in read_tsv(cameo_path)}
    ours = {r["code"] for r in read_tsv(DICTIONARY_DIR / "actors" / "countries.tsv")}
    assert cameo - ours == set()


def test_default_instance_is_cached() -> None:
    assert default_actors() is default_actors()


# --------------------------------------------------------------------------- names and case
def test_country_names_and_abbreviations() -> None:
    assert codes("Amerika Serikat dan Tiongkok berunding.") == [
        ("Amerika Serikat", "USA"), ("Tiongkok", "CHN")]
    assert codes("Korut menembakkan rudal ke arah Korsel.") == [("Korut", "PRK"), ("Korsel", "KOR")]
    assert codes("UEA dan Inggris menandatangani perjanjian.") == [("UEA", "ARE"), ("Inggris", "GBR")]


def test_short_capitals_match_case_sensitively() -> None:
    assert codes("Ia datang as usual, ri juga.") == []
    assert codes("AS dan RI sepakat.") == [("AS", "USA"), ("RI", "IDN")]


def test_short_mixed_case_name_does_not_match_a_numeral() -> None:
    assert codes("Bab XI undang-undang itu diubah.") == []
    assert codes("Xi menerima tamu.")[0][1] == "CHNGOV"


def test_capitalised_name_needs_a_capital() -> None:
    palace = mentions("Istana membantah kabar itu.")[0]
    assert (palace.code, palace.kind) == ("IDNGOV", "metonym")
    generic = mentions("Sebuah istana tua dijual.")[0]
    assert (generic.code, generic.country, generic.role) == ("GOV", "", "GOV")


def test_clitic_after_a_name() -> None:
    m = mentions("Pemerintahnya menolak tuduhan itu.")[0]
    assert (m.code, m.start, m.end) == ("GOV", 0, 1)


def test_hyphenated_token_holds_two_countries() -> None:
    doc = project_doc(["Perang", "Thailand-Kamboja", "berlanjut", "."])
    found = default_actors().find(doc)
    assert [(m.text, m.code, m.start, m.end) for m in found] == [
        ("Thailand", "THA", 1, 2), ("Kamboja", "KHM", 1, 2)]


def test_west_is_not_read_inside_a_place_name() -> None:
    assert codes("Rusia menuduh Barat.") == [("Rusia", "RUS"), ("Barat", "WST")]
    assert [c for _, c in codes("Banjir melanda Sumba Barat.")] == ["IDN"]
    assert codes("Gubernur Jawa Barat hadir.") == [("Gubernur Jawa Barat", "IDNGOV")]


def test_discarded_phrases_name_no_actor() -> None:
    assert codes("Ia fasih berbahasa, terutama bahasa Inggris.") == []
    assert codes("Rapat itu ditutup dengan konferensi pers.") == []


# --------------------------------------------------------------------------- composition
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pemerintah Rusia membantah.", ("Pemerintah Rusia", "RUSGOV")),
        ("Militer Israel menyerbu kamp itu.", ("Militer Israel", "ISRMIL")),
        ("Tentara Israel menembak.", ("Tentara Israel", "ISRMIL")),
        ("Presiden Rusia Vladimir Putin berpidato.", ("Presiden Rusia Vladimir Putin", "RUSGOV")),
        ("Menteri Luar Negeri Indonesia Sugiono tiba.", ("Menteri Luar Negeri Indonesia Sugiono", "IDNGOV")),
        ("Warga Palestina berkumpul.", ("Warga Palestina", "PSECVL")),
        ("Warga Gaza mengungsi.", ("Warga Gaza", "PSECVL")),
        ("Pemerintah negara-negara Barat bersuara.", ("Pemerintah negara-negara Barat", "WSTGOV")),
        ("Polda Metro Jaya menangkap dua orang.", ("Polda Metro Jaya", "IDNCOP")),
        ("DPR AS menolak anggaran itu.", ("DPR AS", "USALEG")),
        ("Kementerian Luar Negeri China memprotes.", ("Kementerian Luar Negeri China", "CHNGOV")),
        ("Juru bicara Kremlin menjawab.", ("Juru bicara Kremlin", "RUSGOV")),
        ("Wartawan Gedung Putih bertanya.", ("Wartawan Gedung Putih", "USAMED")),
        ("Gubernur Riau diperiksa.", ("Gubernur Riau", "IDNGOV")),
    ],
)
def test_role_and_place_compose(text: str, expected: tuple[str, str]) -> None:
    assert codes(text)[0] == expected


def test_composed_mention_reports_every_entry() -> None:
    m = mentions("Presiden Rusia Vladimir Putin berpidato.")[0]
    assert m.kind == "person"
    assert m.entries == ("roles:presiden", "countries:RUS", "people:vladimir_putin")
    assert (m.country, m.role) == ("RUS", "GOV")


def test_envoy_posting_belongs_to_the_envoy() -> None:
    assert codes("Duta besar Cina untuk Bern menolak.") == [("Duta besar Cina untuk Bern", "CHNGOV")]
    assert codes("Kedutaan Besar Jepang di Jakarta tutup.") == [
        ("Kedutaan Besar Jepang di Jakarta", "JPNGOV")]


def test_institution_does_not_swallow_another_country() -> None:
    assert codes("Hamas Israel saling tuduh.") == [("Hamas", "PSEREB"), ("Israel", "ISR")]


def test_body_followed_by_its_parent_institution_is_one_mention() -> None:
    m = mentions("Mahkamah Kehormatan Dewan DPR menggelar sidang etik.")[0]
    assert (m.text, m.code, m.entries[0]) == ("Mahkamah Kehormatan Dewan DPR", "IDNLEG", "orgs:mkd")
    # institutions with different codes stay two actors
    assert codes("TNI Polri bersiaga.") == [("TNI", "IDNMIL"), ("Polri", "IDNCOP")]


def test_parenthesised_alias_keeps_the_chain() -> None:
    assert codes("Sekretaris Kabinet (Seskab) Teddy Indra Wijaya hadir.", date(2025, 3, 1)) == [
        ("Sekretaris Kabinet (Seskab) Teddy Indra Wijaya", "IDNGOV")]
    m = mentions("Komisi Pemberantasan Korupsi (KPK) menahannya.")[0]
    assert (m.text, m.code, m.end) == ("Komisi Pemberantasan Korupsi (KPK)", "IDNCOP", 6)


def test_bare_role_noun_leaves_the_country_to_the_coder() -> None:
    police = mentions("Polisi menangkap pencuri itu.")[0]
    assert (police.code, police.country, police.role, police.kind) == ("COP", "", "COP", "role")
    assert [(m.code, m.country) for m in mentions("Pemerintah akan mengumumkan hasilnya.")] == [("GOV", "")]


def test_title_word_alone_is_not_an_actor() -> None:
    assert codes("Ketua rapat membuka sidang.") == []


def test_former_official() -> None:
    assert codes("Mantan menteri Kuba hadir.") == [("Mantan menteri Kuba", "CUBELI")]
    assert codes("Eks Presiden Joko Widodo tersenyum.", date(2025, 2, 1))[0][1] == "IDNELI"


def test_organisations_follow_the_guidelines() -> None:
    assert codes("KPK menahan bupati itu.")[0][1] == "IDNCOP"
    assert codes("TNI dan Polri berjaga.") == [("TNI", "IDNMIL"), ("Polri", "IDNCOP")]
    assert codes("Hizbullah dan Houthi mengancam.") == [("Hizbullah", "LBNREB"), ("Houthi", "YEMREB")]
    assert codes("PBB dan NATO bersidang.") == [("PBB", "IGOUNO"), ("NATO", "IGOWSTNAT")]
    assert codes("ASEAN dan Uni Eropa bertemu.") == [("ASEAN", "IGOSEAASN"), ("Uni Eropa", "IGOEUREEC")]
    assert codes("Kejagung memeriksa saksi.")[0][1] == "IDNJUD"
    assert codes("DPRD Pati bersidang.")[0] == ("DPRD Pati", "IDNLEG")


def test_international_code_has_no_country() -> None:
    who = mentions("WHO memperingatkan dunia.")[0]
    assert (who.code, who.country, who.role) == ("IGOUNOHLHWHO", "", "")


def test_dateline_is_not_an_actor() -> None:
    assert [c for _, c in codes("BEIRUT, KOMPAS.com - Israel menyerang.")] == ["ISR"]
    assert [c for _, c in codes("WASHINGTON DC, KOMPAS.com --- Rubio tiba.", date(2025, 6, 1))] == ["USAGOV"]
    assert [c for _, c in codes("Thailand - Kamboja berdamai.")] == ["THA", "KHM"]


# --------------------------------------------------------------------------- dates
def test_person_code_follows_the_date() -> None:
    assert codes("Prabowo meninjau latihan.", date(2022, 5, 1)) == [("Prabowo", "IDNGOV")]
    assert codes("Prabowo meninjau latihan.", date(2015, 5, 1)) == [("Prabowo", "IDNOPP")]
    assert codes("Jokowi meresmikan jalan.", date(2020, 1, 1)) == [("Jokowi", "IDNGOV")]
    assert codes("Jokowi meresmikan jalan.", date(2025, 1, 1)) == [("Jokowi", "IDNELI")]
    assert codes("Biden menelepon.", date(2022, 1, 1)) == [("Biden", "USAGOV")]


def test_prabowo_entries_around_the_inauguration() -> None:
    before = default_actors().entries["people:prabowo_subianto"]
    assert before.code_at(date(2024, 10, 19)) == "IDNGOV"
    assert before.code_at(date(2024, 10, 20)) == "IDNGOV"
    rows = [p for p in before.periods if p.start == date(2024, 10, 20)]
    assert rows and rows[0].title == "Presiden"


def test_after_the_last_row_a_person_is_a_former_official() -> None:
    assert codes("Obama berkunjung.", date(2020, 1, 1)) == [("Obama", "USAELI")]


def test_before_the_first_row_only_the_country_is_known() -> None:
    assert codes("Macron berkunjung.", date(2010, 1, 1)) == [("Macron", "FRA")]


def test_undated_title_picks_the_matching_row() -> None:
    assert codes("Presiden Jokowi meresmikan jalan.") == [("Presiden Jokowi", "IDNGOV")]
    assert codes("Jokowi bersepeda.") == [("Jokowi", "IDNELI")]


def test_party_status_changes_with_the_date() -> None:
    assert codes("PKS mengkritik kebijakan itu.", date(2018, 1, 1)) == [("PKS", "IDNOPP")]
    assert codes("PKS mengkritik kebijakan itu.", date(2025, 1, 1)) == [("PKS", "IDNGOV")]


# --------------------------------------------------------------------------- Spans and Docs
def test_span_gives_doc_offsets() -> None:
    doc = NLP("Cuaca cerah. Kremlin membantah.")
    span = doc[3:6]
    m = default_actors().find(span)[0]
    assert (m.text, m.start, m.end, m.start_char) == ("Kremlin", 3, 4, doc.text.index("Kremlin"))


def test_project_tokenisation_with_reduplication_and_clitic() -> None:
    doc = project_doc(["Pemerintah", "negara-negara", "Barat", "membela", "sekutunya", "."])
    found = default_actors().find(doc)
    assert [(m.text, m.code, m.start, m.end) for m in found] == [
        ("Pemerintah negara-negara Barat", "WSTGOV", 0, 3)]


def test_lookup_whole_name() -> None:
    assert default_actors().lookup("Kremlin") == "RUSGOV"
    assert default_actors().lookup("Badan Kesehatan Dunia") == "IGOUNOHLHWHO"
    assert default_actors().lookup("Kremlin membantah") == ""


# --------------------------------------------------------------------------- the validator
def write(directory: Path, name: str, text: str) -> None:
    path = directory / "actors" / f"{name}.tsv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A minimal, valid dictionary folder."""
    write(tmp_path, "countries", "id\tnames\tcode\tnote\nIDN\tIndonesia|RI\tIDN\t\nRUS\tRusia\tRUS\t\n")
    write(tmp_path, "metonyms", "id\tnames\tcode\tnote\nkremlin\tKremlin\tRUSGOV\t\n")
    write(tmp_path, "people", "id\tnames\tcode\tstart\tend\ttitle\tnote\n"
          "tokoh\tBudi Tokoh|Tokoh\tIDNGOV\t2019-10-23\t2024-10-20\tMenteri\t\n"
          "tokoh\tBudi Tokoh|Tokoh\tIDNELI\t2024-10-20\t\tmantan Menteri\t\n")
    write(tmp_path, "orgs", "id\tnames\tcode\tstart\tend\ttakes_country\tnote\nkpk\tKPK\tIDNCOP\t\t\t\t\n")
    write(tmp_path, "roles", "id\tnames\tcode\tkind\tposting\tnote\npolisi\tpolisi\tCOP\t\t\t\n"
          "mantan\tmantan\tELI\tformer\t\t\n")
    (tmp_path / "places.tsv").write_text("id\tnames\tcode\tkind\tnote\nbali\tBali\tIDN\tprovince\t\n",
                                         encoding="utf-8")
    return tmp_path


def messages(directory: Path) -> list[str]:
    return [f"{p.severity}: {p.message}" for p in actors.validate(directory)]


def test_tiny_folder_is_valid_and_loads(tiny: Path) -> None:
    assert [m for m in messages(tiny) if m.startswith("error")] == []
    d = ActorDictionary.load(tiny)
    assert [(m.text, m.code) for m in d.find(NLP("Tokoh menemui polisi di Bali."), date(2025, 1, 1))] == [
        ("Tokoh", "IDNELI"), ("polisi", "COP"), ("Bali", "IDN")]


def test_validator_reports_overlapping_and_bad_dates(tiny: Path) -> None:
    write(tiny, "people", "id\tnames\tcode\tstart\tend\ttitle\tnote\n"
          "a\tAlfa\tIDNGOV\t2019-01-01\t2021-01-01\t\t\n"
          "a\tAlfa\tIDNELI\t2020-06-01\t\t\t\n"
          "b\tBeta\tIDNGOV\t2020-13-01\t\t\t\n"
          "c\tCharlie\tIDNGOV\t2022-01-01\t2021-01-01\t\t\n")
    found = messages(tiny)
    assert any("overlaps" in m for m in found)
    assert any("bad date" in m for m in found)
    assert any("not before" in m for m in found)


def test_validator_reports_codes_ids_and_names(tiny: Path) -> None:
    write(tiny, "orgs", "id\tnames\tcode\tstart\tend\ttakes_country\tnote\n"
          "x\tXylo\tXYZGOV\t\t\t\t\n"
          "y\tYoyo\tIDNFOO\t\t\t\t\n"
          "z\tZeta\tIdnGov\t\t\t\t\n"
          "z\tZeta Dua\tIDNGOV\t\t\t\t\n"
          "e\t\tIDNGOV\t\t\t\t\n"
          "w\tWalet\tIDNGOV\t\t\tmaybe\t\n")
    write(tiny, "roles", "id\tnames\tcode\tkind\tposting\tnote\np\tpolisi\tCOPS\t\t\t\n")
    found = messages(tiny)
    assert any("unknown country code 'XYZ'" in m for m in found)
    assert any("unknown role code(s) FOO" in m for m in found)
    assert any("malformed code 'IdnGov'" in m for m in found)
    assert any("empty names" in m for m in found)
    assert any("takes_country" in m for m in found)
    assert any("unknown role code 'COPS'" in m for m in found)
    assert any("overlaps" in m for m in found)  # repeated undated id in orgs


def test_validator_warns_on_a_variant_with_two_codes(tiny: Path) -> None:
    write(tiny, "metonyms",
          "id\tnames\tcode\tnote\nkremlin\tKremlin\tRUSGOV\t\nkremlin2\tKremlin\tRUSMIL\t\n")
    found = messages(tiny)
    assert any(m.startswith("warning") and "'Kremlin' also names kremlin" in m for m in found)


def test_validator_reports_duplicate_ids_in_undated_files(tiny: Path) -> None:
    write(tiny, "metonyms", "id\tnames\tcode\tnote\nk\tKremlin\tRUSGOV\t\nk\tLubyanka\tRUSGOV\t\n")
    assert any("duplicate id 'k'" in m for m in messages(tiny))


def test_validator_reports_a_broken_file(tiny: Path) -> None:
    write(tiny, "roles", "id\tnames\nx\ty\n")
    assert any("header lacks column(s) code" in m for m in messages(tiny))


def test_initials_of_suspects_are_not_acronyms() -> None:
    assert codes("Polisi menangkap AP (15) dan tersangka MA.") == [("Polisi", "COP")]
    assert codes("Putusan MA itu final.") == [("MA", "IDNJUD")]


def test_shared_surname_goes_to_the_longer_name() -> None:
    assert codes("Titiek Soeharto memimpin rapat.", date(2025, 1, 1)) == [("Titiek Soeharto", "IDNLEG")]


def test_a_known_first_name_inside_another_persons_name_is_not_that_person(nlp: spacy.Language) -> None:
    # "Yusril" alone is the minister; "Yusril Buang" (found whole by the NER) is someone else
    found = [m.code for m in default_actors().find(nlp("Koordinator aksi, Yusril Buang, mengatakan itu."))]
    assert "IDNGOV" not in found
    found = [m.code for m in default_actors().find(nlp("Menurut Yusril, aturan itu sah."), date(2025, 3, 1))]
    assert found == ["IDNGOV"]


def test_a_branch_of_an_organisation() -> None:
    assert codes("HMI Cabang Makassar berunjuk rasa.") == [("HMI Cabang Makassar", "IDNEDU")]
