"""HTML pages: main text without the page furniture, metadata from the page, bad pages reported."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest

from peristiwa.ingest.html import article_from_html, article_id_for, read_html_file
from peristiwa.ingest.readers import InputError, iter_articles

pytest.importorskip("trafilatura")

PAGE = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>Menlu RI Kunjungi Beijing - Kabar Nusantara</title>
<meta property="og:title" content="Menlu RI Kunjungi Beijing">
<meta property="og:site_name" content="Kabar Nusantara">
<meta property="og:url" content="https://kabar.example.id/2024/05/16/menlu-beijing">
<meta property="article:published_time" content="2024-05-16T08:00:00+07:00">
</head><body>
<nav><a href="/">Beranda</a> | <a href="/politik">Politik</a> | Iklan Promo Gadget Murah</nav>
<article><h1>Menlu RI Kunjungi Beijing</h1>
<p>Menteri Luar Negeri Indonesia Retno Marsudi mengunjungi Beijing pada Kamis untuk bertemu
Menteri Luar Negeri Cina Wang Yi. Kedua menteri membahas kerja sama perdagangan dan keamanan
kawasan.</p>
<p>Pemerintah Indonesia juga mengecam serangan Israel di Gaza dan mendesak gencatan senjata
segera, kata juru bicara Kementerian Luar Negeri di Jakarta.</p>
</article>
<footer>Hak cipta Kabar Nusantara. Dilarang mengutip tanpa izin.</footer>
</body></html>"""


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = tmp_path / name
    path.write_bytes(gzip.compress(raw) if name.endswith(".gz") else raw)
    return path


def test_main_text_and_metadata_from_the_page(tmp_path: Path) -> None:
    art = read_html_file(write(tmp_path, "menlu.html", PAGE))
    assert not isinstance(art, InputError)
    assert art.title == "Menlu RI Kunjungi Beijing"
    assert art.published == date(2024, 5, 16)
    assert art.outlet == "Kabar Nusantara"
    assert art.url == "https://kabar.example.id/2024/05/16/menlu-beijing"
    assert art.id == article_id_for(art.url, "x")
    assert art.text.startswith("Menteri Luar Negeri Indonesia Retno Marsudi")  # headline not repeated
    assert "mengecam serangan Israel" in art.text
    for furniture in ("Beranda", "Iklan", "Hak cipta"):
        assert furniture not in art.text


def test_gzipped_page_and_directory_dispatch(tmp_path: Path) -> None:
    write(tmp_path, "a.html.gz", PAGE)
    write(tmp_path, "b.htm", PAGE.replace("Beijing", "Tokyo").replace("menlu-beijing", "menlu-tokyo"))
    items = list(iter_articles([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["Article", "Article"]
    assert "Beijing" in items[0].text and "Tokyo" in items[1].text
    assert items[0].id != items[1].id  # ids come from the pages' URLs


def test_page_date_wins_and_fallback_date_used_when_page_has_none(tmp_path: Path) -> None:
    no_date = PAGE.replace('<meta property="article:published_time" content="2024-05-16T08:00:00+07:00">', "")
    no_date = no_date.replace("2024/05/16/", "")
    art = read_html_file(write(tmp_path, "p.html", no_date), published=date(2024, 6, 1))
    assert not isinstance(art, InputError)
    assert art.published == date(2024, 6, 1)
    art2 = read_html_file(write(tmp_path, "q.html", PAGE), published=date(2024, 6, 1))
    assert not isinstance(art2, InputError) and art2.published == date(2024, 5, 16)


def test_pages_without_an_article_are_errors_not_crashes(tmp_path: Path) -> None:
    empty = write(tmp_path, "kosong.html", "<html><body><nav>Beranda</nav></body></html>")
    binary = write(tmp_path, "rusak.html", b"\x00\x01\x02" * 50)
    zero = write(tmp_path, "nol.html", b"")
    badgz = write(tmp_path, "x.html.gz", b"")
    badgz.write_bytes(b"not gzip at all")
    for path in (empty, binary, zero, badgz):
        res = read_html_file(path)
        assert isinstance(res, InputError), path
        assert res.source == str(path)


def test_record_url_used_when_page_names_none() -> None:
    page = (
        "<html><body><article><p>" + "Presiden Prabowo Subianto bertemu Perdana Menteri Jepang di Tokyo. " * 3
    )
    page += "</p></article></body></html>"
    art = article_from_html(page, "crawl.warc@0", url="https://contoh.example.id/berita/1")
    assert not isinstance(art, InputError)
    assert art.url == "https://contoh.example.id/berita/1"
    assert art.id == article_id_for("https://contoh.example.id/berita/1", "")
