"""A small deterministic coder for testing and benchmarking the store without the NLP model.

The store's correctness (idempotence, crash safety, merging, export) must not depend on how good
the real coder is today, nor wait seconds per article for spaCy. :class:`FakeCoder` has the same
``code_articles`` interface and produces real :class:`~peristiwa.model.Event` objects from a few
keyword rules: a handful of actor names, a handful of trigger words, ``akan``/``rencana`` for
planned, and month names for dates. It is a test double, not a coder: never use it for data.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from datetime import date

from peristiwa.model import ActorRef, Article, CodedArticle, Entity, Event, Fact, Sentence, TimeRef

ACTORS: tuple[tuple[str, str], ...] = (
    ("Vladimir Putin", "RUSGOV"),
    ("Putin", "RUSGOV"),
    ("Kremlin", "RUSGOV"),
    ("Xi Jinping", "CHNGOV"),
    ("Xi", "CHNGOV"),
    ("Prabowo", "IDNGOV"),
    ("Jokowi", "IDNGOV"),
    ("Trump", "USAGOV"),
    ("Macron", "FRAGOV"),
    ("Netanyahu", "ISRGOV"),
    ("Amerika Serikat", "USA"),
    ("Korea Utara", "PRK"),
    ("Korea Selatan", "KOR"),
    ("Rusia", "RUS"),
    ("Cina", "CHN"),
    ("China", "CHN"),
    ("Indonesia", "IDN"),
    ("Ukraina", "UKR"),
    ("India", "IND"),
    ("Jepang", "JPN"),
    ("Israel", "ISR"),
    ("Palestina", "PSE"),
    ("Iran", "IRN"),
    ("Malaysia", "MYS"),
    ("Singapura", "SGP"),
    ("Australia", "AUS"),
    ("Jerman", "DEU"),
    ("Prancis", "FRA"),
    ("Swiss", "CHE"),
    ("Eropa", "EUR"),
    ("Inggris", "GBR"),
    ("Filipina", "PHL"),
    ("Vietnam", "VNM"),
)
# trigger phrase -> (CAMEO code, Goldstein, QuadClass)
TRIGGERS: tuple[tuple[str, tuple[str, float, int]], ...] = (
    ("melakukan perjalanan ke", ("042", 1.9, 1)),
    ("kunjungan", ("042", 1.9, 1)),
    ("berkunjung ke", ("042", 1.9, 1)),
    ("perjalanan", ("042", 1.9, 1)),
    ("tiba di", ("042", 1.9, 1)),
    ("bertemu", ("040", 1.0, 1)),
    ("memberikan selamat", ("051", 3.4, 1)),
    ("mengecam", ("111", -2.0, 3)),
    ("mengkritik", ("111", -2.0, 3)),
    ("sanksi", ("163", -8.0, 4)),
    ("invasi", ("190", -10.0, 4)),
    ("menyerang", ("190", -10.0, 4)),
    ("kerja sama", ("061", 6.4, 2)),
    ("bantuan", ("070", 7.0, 2)),
    ("menolak berkomentar", ("011", -0.1, 3)),
    ("mengancam", ("130", -4.4, 3)),
)
MONTHS = {
    name: i
    for i, name in enumerate(
        [
            "",
            "januari",
            "februari",
            "maret",
            "april",
            "mei",
            "juni",
            "juli",
            "agustus",
            "september",
            "oktober",
            "november",
            "desember",
        ]
    )
    if name
}
PLANNED_CUES = re.compile(r"\b(akan|rencana\w*|direncanakan)\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
MONTH_RE = re.compile(
    r"\b(?:(paruh kedua|paruh pertama)\s+)?bulan\s+(" + "|".join(MONTHS) + r")\b", re.IGNORECASE
)
DAY_RE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
YEAR_RE = re.compile(r"\btahun\s+(\d{4})\b", re.IGNORECASE)
MONEY_RE = re.compile(r"\$(\d+(?:,\d+)?)\s+miliar")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences at . ! ? followed by whitespace, with offsets into the text as given."""
    out: list[Sentence] = []
    pos = 0
    for piece in [*SENTENCE_END.split(text)]:
        start = text.find(piece, pos)
        end = start + len(piece)
        pos = end
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Sentence(len(out), s, e, text[s:e]))
    return out


ACTOR_CODES = dict(ACTORS)
ACTOR_RE = re.compile(
    r"\b(" + "|".join(re.escape(n) for n in sorted(ACTOR_CODES, key=len, reverse=True)) + r")\b"
)


def _actors(sentence: str) -> list[tuple[int, int, str, str]]:
    """Non-overlapping actor mentions (start, end, code, name); a longer name wins (Xi Jinping, not Xi)."""
    return [(m.start(), m.end(), ACTOR_CODES[m.group(1)], m.group(1)) for m in ACTOR_RE.finditer(sentence)]


def _time(sentence: str, published: date | None) -> TimeRef:
    if m := DAY_RE.search(sentence):
        d = date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        return TimeRef(d.isoformat(), "", m.group(0))
    if (m := MONTH_RE.search(sentence)) and published is not None:
        month = MONTHS[m.group(2).lower()]
        year = published.year + (1 if month < published.month - 6 else 0)
        last = calendar.monthrange(year, month)[1]
        half = (m.group(1) or "").lower()
        if half == "paruh kedua":
            return TimeRef(f"{year}-{month:02d}-16", f"{year}-{month:02d}-{last}", m.group(0))
        if half == "paruh pertama":
            return TimeRef(f"{year}-{month:02d}-01", f"{year}-{month:02d}-15", m.group(0))
        return TimeRef(f"{year}-{month:02d}", "", m.group(0))
    if m := YEAR_RE.search(sentence):
        return TimeRef(
            m.group(1), "", m.group(0), historical=bool(published and int(m.group(1)) < published.year)
        )
    return TimeRef()


def _ref(actor: tuple[int, int, str, str], offset: int) -> ActorRef:
    start, end, code, name = actor
    return ActorRef(
        code=code,
        name=name,
        country=code[:3],
        role=code[3:6],
        start=offset + start,
        end=offset + end,
        entries=(f"fake:{name}",),
    )


class FakeCoder:
    """Keyword rules -> real Events; the same input always gives the same output."""

    version = "fake-1"

    def code_article(self, article: Article) -> CodedArticle:
        coded = CodedArticle(article=article)
        coded.sentences = split_sentences(article.text)
        for sent in coded.sentences:
            actors = _actors(sent.text)
            coded.entities.extend(
                Entity(name, "PER" if len(code) > 3 else "GPE", sent.start + s, sent.start + e, code)
                for s, e, code, name in actors
            )
            for m in MONEY_RE.finditer(sent.text):
                value = float(m.group(1).replace(",", ".")) * 1e9
                coded.facts.append(
                    Fact(
                        article.id,
                        "money",
                        m.group(0),
                        value,
                        "USD",
                        sent.start + m.start(),
                        sent.start + m.end(),
                        sent.index,
                    )
                )
            event = self._event(article, sent, actors)
            if event is not None:
                coded.events.append(event)
        return coded

    def _event(
        self, article: Article, sent: Sentence, actors: list[tuple[int, int, str, str]]
    ) -> Event | None:
        lower = sent.text.lower()
        hits = [(lower.find(phrase), phrase, info) for phrase, info in TRIGGERS if phrase in lower]
        if not hits or not actors:
            return None
        pos, phrase, (code, goldstein, quad) = min(hits, key=lambda h: (h[0], -len(h[1])))
        before = [a for a in actors if a[1] <= pos]
        after = [a for a in actors if a[0] >= pos + len(phrase)]
        if before:
            source = before[-1]
            target = after[0] if after else None
        elif after:
            source, target = after[0], (after[1] if len(after) > 1 else None)
        else:
            return None
        if target is not None and target[2] == source[2]:
            target = None
        planned = PLANNED_CUES.search(sent.text) is not None
        time = _time(sent.text, article.published)
        return Event(
            article_id=article.id,
            sentence_index=sent.index,
            sentence_start=sent.start,
            sentence_end=sent.end,
            sentence=sent.text,
            trigger=sent.text[pos : pos + len(phrase)],
            trigger_start=sent.start + pos,
            trigger_end=sent.start + pos + len(phrase),
            actor1=_ref(source, sent.start),
            actor2=_ref(target, sent.start) if target else None,
            event_code=code,
            goldstein=goldstein,
            quad_class=quad,
            modality="planned" if planned else "asserted",
            time=time,
            action_country=target[2][:3] if target and code == "042" else "",
            rules=(f"fake:{phrase}",),
            confidence=0.5,
        )

    def code_articles(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        for article in articles:
            yield self.code_article(article)
