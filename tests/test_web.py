"""The HTML pages: content, filters and pagination, escaping of hostile article data, accessibility basics."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from test_web_support import EVIL_IMG, EVIL_SCRIPT, build_store

from peristiwa.serve.app import create_app
from peristiwa.serve.highlight import highlight
from peristiwa.store.fake import FakeCoder


class Tags(HTMLParser):
    """Every start tag with its attributes: to check what the browser would build, not the raw text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = build_store(tmp_path_factory.mktemp("web"))
    app = create_app(url, coder_factory=FakeCoder, cors_origins=[])
    with TestClient(app) as c:
        yield c
    app.state.access.store.close()


def story_id(client: TestClient, **params: str) -> str:
    return client.get("/api/events", params=params).json()["items"][0]["story_id"]


def test_dashboard(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    html = r.text
    assert "Events per week by QuadClass" in html and "Goldstein trend" in html
    assert html.count("<svg") >= 2 and "<rect" in html and "<polyline" in html
    assert "RUSGOV" in html and "/events?source=RUSGOV&amp;target=CHN" in html  # top pair links to its events
    assert "5 events (stories) from 6 mentions in 5 articles" in html


def test_events_page_filters_and_links_to_evidence(client: TestClient) -> None:
    html = client.get("/events", params={"source": "RUS", "modality": "planned"}).text
    assert "1 matching events" in html
    sid = story_id(client, source="RUS", modality="planned")
    assert f'href="/events/{sid}"' in html
    assert 'value="RUS"' in html and "<option selected>planned</option>" in html  # the form keeps its values


def test_events_page_paginates(client: TestClient) -> None:
    first = client.get("/events", params={"limit": "2"}).text
    assert "showing 1–2" in first and 'rel="next"' in first and 'rel="prev"' not in first
    nxt = re.search(r'href="(/events\?[^"]+)" rel="next"', first)
    assert nxt
    second = client.get(nxt.group(1).replace("&amp;", "&")).text
    assert "showing 3–4" in second and 'rel="prev"' in second


def test_events_page_bad_filter_is_a_message(client: TestClient) -> None:
    r = client.get("/events", params={"since": "kemarin"})
    assert r.status_code == 400
    assert 'role="alert"' in r.text and "not an ISO date" in r.text


def test_event_page_shows_highlighted_evidence(client: TestClient) -> None:
    html = client.get(f"/events/{story_id(client, source='RUS', modality='planned')}").text
    assert '<mark class="hl-actor1" title="source actor">Vladimir Putin</mark>' in html
    assert '<mark class="hl-actor2" title="target actor">Cina</mark>' in html
    assert '<mark class="hl-trigger"' in html
    for needle in ("planned", "fake:melakukan perjalanan ke", "fake:Vladimir Putin", "JagatBisnis.com"):
        assert needle in html
    assert 'href="/articles/putin-plan"' in html
    assert "planned-&gt;asserted" in html  # the link to the visit made
    assert client.get("/events/unknown").status_code == 404


def test_actor_page_has_charts_and_network(client: TestClient) -> None:
    html = client.get("/actors/RUSGOV").text
    assert "Interactions over time" in html and "Most frequent event types" in html
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    network = [s for s in svgs if "counterparts" in s]
    assert network and 'href="/actors/CHN"' in network[0]
    assert 'href="/events?actor=RUSGOV&amp;code=042"' in html
    assert client.get("/actors/NOPE").status_code == 404
    assert "RUSGOV" in client.get("/actors", params={"prefix": "RUS"}).text


def test_try_it_highlights_events_without_storing(client: TestClient) -> None:
    text = "Presiden Rusia Vladimir Putin akan melakukan perjalanan ke Cina pada bulan Mei."
    html = client.post("/try", data={"text": text, "published": "2024-03-20"}).text
    assert "1 event(s) found" in html
    assert '<mark class="hl-trigger" title="trigger">melakukan perjalanan ke</mark>' in html
    row = re.search(r'<tr class="try-event">(.*?)</tr>', html, re.S)
    assert row and "RUSGOV" in row.group(1) and "042" in row.group(1) and "planned" in row.group(1)
    assert client.get("/api/articles").json()["total"] == 5
    empty = client.post("/try", data={"text": "  "})
    assert empty.status_code == 422 and "non-empty" in empty.text


@pytest.mark.parametrize("path", ["/", "/events", "/articles/evil", "/actors/IDNGOV", "/actors", "EVENT"])
def test_hostile_article_data_renders_inert(client: TestClient, path: str) -> None:
    if path == "EVENT":
        path = f"/events/{story_id(client, source='IDNGOV', code='111')}"
    r = client.get(path)
    assert r.status_code == 200
    html = r.text
    assert EVIL_SCRIPT not in html and EVIL_IMG not in html
    assert not any(tag == "script" for tag, _ in tags(html))
    assert not any(tag == "img" for tag, _ in tags(html))
    assert not any(k.startswith("on") for _, attrs in tags(html) for k in attrs)
    assert not any((attrs.get("href") or "").startswith("javascript:") for _, attrs in tags(html))
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_hostile_text_pasted_in_try_it_is_inert(client: TestClient) -> None:
    text = f"Prabowo mengecam Israel {EVIL_SCRIPT} {EVIL_IMG}."
    html = client.post("/try", data={"text": text}).text
    assert "&lt;script&gt;" in html
    assert not any(tag in ("script", "img") for tag, _ in tags(html))


def test_highlight_escapes_and_nests() -> None:
    text = "<b>Putin</b> tiba"
    out = highlight(
        text, [{"kind": "actor1", "start": 3, "end": 8}, {"kind": "trigger", "start": 0, "end": 17}]
    )
    assert str(out) == (
        '<mark class="hl-trigger" title="trigger">&lt;b&gt;</mark>'
        '<mark class="hl-trigger hl-actor1" title="trigger, source actor">Putin</mark>'
        '<mark class="hl-trigger" title="trigger">&lt;/b&gt; tiba</mark>'
    )
    assert str(
        highlight("abc", [{"kind": "bogus", "start": 0, "end": 2}, {"kind": "actor2", "start": 2, "end": 9}])
    )
    assert str(highlight("a<", [])) == "a&lt;"


@pytest.mark.parametrize("path", ["/", "/events", "/actors/RUSGOV", "/try", "/docs", "/articles/putin-plan"])
def test_pages_are_keyboard_and_phone_ready(client: TestClient, path: str) -> None:
    html = client.get(path).text
    found = tags(html)
    assert '<a class="skip" href="#main">Skip to content</a>' in html
    assert ("main", {"id": "main", "tabindex": "-1"}) in found
    assert any(t == "meta" and a.get("name") == "viewport" for t, a in found)
    assert ("html", {"lang": "en"}) in found
    ids = {a.get("id") for t, a in found if t in ("input", "select", "textarea")}
    labelled = {a.get("for") for t, a in found if t == "label"}
    assert ids <= labelled  # every form control has a label
    assert not any(t == "script" or (t == "link" and "http" in (a.get("href") or "")) for t, a in found)


def test_stylesheet_has_focus_styles_and_a_phone_layout(client: TestClient) -> None:
    css = client.get("/static/style.css").text
    assert ":focus" in css and "outline" in css and "@media (max-width" in css
