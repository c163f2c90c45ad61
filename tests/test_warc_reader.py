"""WARC crawls: HTML responses become articles; other records are skipped; bad records are reported
with file and offset and never stop the rest of the file."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from peristiwa.ingest.readers import InputError, iter_articles

pytest.importorskip("warcio")
pytest.importorskip("trafilatura")

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def page(title: str, body: str, day: str) -> bytes:
    return (
        f'<html lang="id"><head><title>{title}</title><meta property="og:title" content="{title}">'
        f'<meta property="og:site_name" content="Warta Contoh">'
        f'<meta property="article:published_time" content="{day}T09:00:00+07:00"></head>'
        f"<body><nav>Beranda | Nasional</nav><article><h1>{title}</h1><p>{body}</p></article>"
        f"<footer>Hak cipta</footer></body></html>"
    ).encode()


PAGES = [
    (
        "https://warta.example.id/a",
        page(
            "Jokowi Terima Kunjungan PM Malaysia",
            "Presiden Joko Widodo menerima kunjungan Perdana Menteri Malaysia Anwar Ibrahim di Istana "
            "Bogor pada Senin. Kedua pemimpin menandatangani nota kesepahaman tentang perbatasan.",
            "2023-06-08",
        ),
    ),
    (
        "https://warta.example.id/b",
        page(
            "DPR Kritik Kebijakan Impor",
            "Anggota Komisi VI DPR mengkritik kebijakan impor beras pemerintah yang dinilai merugikan "
            "petani di berbagai daerah menjelang musim panen raya.",
            "2023-06-09",
        ),
    ),
]


def response(
    writer: WARCWriter, url: str, body: bytes, ctype: str = "text/html; charset=utf-8", status: str = "200 OK"
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    writer.write_record(rec)


def build(path: Path, extra: bool = True) -> list[int]:
    """Write a small crawl; return the offsets at which each record starts."""
    offsets = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))

        def mark() -> None:
            offsets.append(fh.tell())

        mark()
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        mark()
        response(writer, *PAGES[0])
        if extra:
            mark()
            response(writer, "https://warta.example.id/logo.png", b"\x89PNG....", ctype="image/png")
            mark()
            response(writer, "https://warta.example.id/lama", b"", status="301 Moved Permanently")
            mark()
            response(writer, "https://warta.example.id/kosong", b"<html><body><nav>Menu</nav></body></html>")
        mark()
        response(writer, *PAGES[1])
    return offsets


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_html_responses_become_articles(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    offsets = build(path)
    items = list(iter_articles([str(path)]))
    arts = [i for i in items if not isinstance(i, InputError)]
    errs = [i for i in items if isinstance(i, InputError)]
    assert [a.url for a in arts] == [PAGES[0][0], PAGES[1][0]]
    assert arts[0].published == date(2023, 6, 8) and arts[1].published == date(2023, 6, 9)
    assert arts[0].title == "Jokowi Terima Kunjungan PM Malaysia"
    assert arts[0].outlet == "Warta Contoh"
    assert "Anwar Ibrahim" in arts[0].text and "Beranda" not in arts[0].text
    assert arts[0].source == f"{path}@{offsets[1]}"
    # the page with no article is reported at its own record; image and redirect are not errors
    assert len(errs) == 1
    assert errs[0].source == f"{path}@{offsets[4]}"
    assert "no article text" in errs[0].message


def test_corrupt_tail_is_reported_and_earlier_records_kept(tmp_path: Path) -> None:
    path = tmp_path / "rusak.warc.gz"
    build(path, extra=False)
    good_size = path.stat().st_size
    with open(path, "ab") as fh:
        fh.write(b"plain garbage line\r\nmore\r\n\r\n" * 3)
    items = list(iter_articles([str(path), str(tmp_path / "tidak-ada.warc")]))
    arts = [i for i in items if not isinstance(i, InputError)]
    errs = [i for i in items if isinstance(i, InputError)]
    assert len(arts) == 2
    assert len(errs) == 2
    assert errs[0].source.startswith(f"{path}@")
    assert int(errs[0].source.rsplit("@", 1)[1]) == good_size  # where the garbage starts
    assert "corrupt" in errs[0].message
    assert errs[1].source.endswith("tidak-ada.warc")


@pytest.mark.parametrize("name", ["potong.warc", "potong.warc.gz"])
def test_truncated_last_record_is_reported_not_dropped(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    offsets = build(path, extra=False)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 300])  # an interrupted crawl: the file ends inside a record
    items = list(iter_articles([str(path)]))
    assert isinstance(items[0], InputError) is False and items[0].url == PAGES[0][0]
    assert len(items) == 2
    assert isinstance(items[1], InputError)
    assert items[1].source == f"{path}@{offsets[2]}"
    assert "truncated" in items[1].message


@pytest.mark.parametrize("into", [3, 20, 60, 120])
def test_file_cut_inside_a_record_header_is_reported(tmp_path: Path, into: int) -> None:
    """A crawl interrupted while the next record's header lines were written: the first page is
    kept and the lost record is one error naming the file, never a silent end of file."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for url, body in PAGES:
        response(writer, url, body)
    data = buf.getvalue()
    second = data.find(b"WARC/1.0", 10)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: second + into])
    items = list(iter_articles([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article", "InputError"]
    assert str(path) in str(items[1])
