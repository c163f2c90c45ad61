# ruff: noqa: E501  (HTML template lines are kept whole so the markup stays readable)
"""The pages' Jinja2 templates and style sheet, kept in Python strings.

Keeping them in a module (rather than ``.html`` files) means they ship with the package whatever the
packaging's data-file rules, and the server never reads anything from outside it. Autoescaping is on
for every template: a value becomes markup only when the code has built it as ``Markup`` from
escaped pieces (the highlighter, the SVG charts). The pages use no JavaScript at all: forms, links
and server-drawn SVG do everything, so there is nothing to fetch and nothing for a
``<script>`` in an article to talk to (the Content-Security-Policy forbids scripts too).
"""

from __future__ import annotations

from jinja2 import DictLoader, Environment, select_autoescape
from markupsafe import Markup, escape

CSS = """
:root { --fg:#1d1d1f; --bg:#fff; --muted:#5f6368; --line:#d0d4d9; --accent:#1f5f99; }
* { box-sizing: border-box; }
body { margin:0; font:16px/1.5 system-ui, sans-serif; color:var(--fg); background:var(--bg); }
a { color:var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus {
  outline:3px solid #f5a623; outline-offset:2px; }
.skip { position:absolute; left:-9999px; top:0; background:#fff; padding:.5em; z-index:10; }
.skip:focus { left:.5em; }
header { background:#12355b; color:#fff; padding:.5em 1em; display:flex; flex-wrap:wrap; gap:1em;
  align-items:center; }
header a { color:#fff; }
header nav ul { list-style:none; margin:0; padding:0; display:flex; flex-wrap:wrap; gap:.25em 1em; }
header nav a[aria-current=page] { font-weight:bold; text-decoration:underline; }
main { padding:1em; max-width:72em; margin:0 auto; }
h1 { font-size:1.5em; margin:.3em 0 .6em; }
.grid { display:grid; grid-template-columns:repeat(auto-fit, minmax(18em, 1fr)); gap:1em; }
.card { border:1px solid var(--line); border-radius:6px; padding:.75em; min-width:0; }
.chart { width:100%; height:auto; max-height:22em; }
.table-wrap { overflow-x:auto; }
table { border-collapse:collapse; width:100%; font-size:.95em; }
th, td { text-align:left; padding:.3em .5em; border-bottom:1px solid var(--line); vertical-align:top; }
form.filters { display:grid; grid-template-columns:repeat(auto-fit, minmax(10em, 1fr)); gap:.5em 1em;
  align-items:end; margin-bottom:1em; }
label { display:block; font-size:.9em; color:var(--muted); }
input, select, textarea, button { font:inherit; padding:.35em; max-width:100%; }
input, select { width:100%; }
textarea { width:100%; min-height:14em; }
button { background:var(--accent); color:#fff; border:0; border-radius:4px; padding:.45em 1em; cursor:pointer; }
mark { padding:0 .1em; border-radius:2px; }
mark.hl-trigger { background:#ffe08a; font-weight:bold; }
mark.hl-actor1 { background:#bfe3ff; }
mark.hl-actor2 { background:#c8f0c8; }
mark.hl-actor1.hl-trigger, mark.hl-actor2.hl-trigger { background:#ffd0a0; }
.legend span { margin-right:1em; }
.muted { color:var(--muted); }
.pager { display:flex; gap:1em; margin:1em 0; }
.sentence { margin:.25em 0 .75em; padding:.5em; background:#f7f8fa; border-left:4px solid var(--accent); }
.article-text { white-space:pre-wrap; }
dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:.2em 1em; }
dl.facts dt { font-weight:bold; }
dl.facts dd { margin:0; }
.error { color:#a40000; font-weight:bold; }
@media (max-width: 40em) { body { font-size:15px; } main { padding:.5em; } th, td { padding:.25em; } }
"""

BASE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ title }}{% endblock %} · peristiwa</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
  <strong><a href="/">peristiwa</a></strong>
  <nav aria-label="Main">
    <ul>
      {% for href, label in nav %}
      <li><a href="{{ href }}"{% if href == active %} aria-current="page"{% endif %}>{{ label }}</a></li>
      {% endfor %}
    </ul>
  </nav>
</header>
<main id="main" tabindex="-1">
{% block content %}{% endblock %}
</main>
</body>
</html>
"""

EVENT_ROWS = """{% macro event_table(items, caption) %}
<div class="table-wrap">
<table>
<caption class="muted">{{ caption }}</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Source</th><th scope="col">Event</th>
<th scope="col">Target</th><th scope="col">Modality</th><th scope="col">Mentions</th>
<th scope="col">Evidence</th></tr></thead>
<tbody>
{% for e in items %}
<tr>
  <td>{{ e.event_date or e.first_seen or "" }}</td>
  <td><a href="/actors/{{ e.actor1_code }}">{{ e.actor1_code }}</a><br><span class="muted">{{ e.actor1_name }}</span></td>
  <td>{{ e.event_code }}</td>
  <td>{% if e.actor2_code %}<a href="/actors/{{ e.actor2_code }}">{{ e.actor2_code }}</a><br><span class="muted">{{ e.actor2_name }}</span>{% endif %}</td>
  <td>{{ e.modality }}</td>
  <td>{{ e.num_mentions }}</td>
  <td><a href="/events/{{ e.story_id }}">{{ (e.evidence or "evidence")|truncate(90) }}</a></td>
</tr>
{% else %}
<tr><td colspan="7">No events.</td></tr>
{% endfor %}
</tbody>
</table>
</div>
{% endmacro %}
"""

DASHBOARD = """{% extends "base.html" %}{% from "rows.html" import event_table %}
{% block content %}
<h1>Dashboard</h1>
<p>{{ totals.stories }} events (stories) from {{ totals.mentions }} mentions in {{ totals.articles }} articles.</p>
<div class="grid">
<section class="card" aria-labelledby="h-weekly">
<h2 id="h-weekly">Events per week by QuadClass</h2>
{{ weekly_chart }}
<p class="legend">{% for q, name, colour in quads %}<span><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="{{ colour }}"/></svg> {{ q }} {{ name }}</span>{% endfor %}</p>
</section>
<section class="card" aria-labelledby="h-gold">
<h2 id="h-gold">Goldstein trend (monthly mean)</h2>
{{ goldstein_chart }}
</section>
</div>
<section aria-labelledby="h-dyads">
<h2 id="h-dyads">Top actor pairs</h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col">Source</th><th scope="col">Target</th><th scope="col">Events</th><th scope="col">Mentions</th><th scope="col">Mean Goldstein</th></tr></thead>
<tbody>
{% for d in dyads %}
<tr><td><a href="/actors/{{ d.actor1_code }}">{{ d.actor1_code }}</a></td><td><a href="/actors/{{ d.actor2_code }}">{{ d.actor2_code }}</a></td>
<td><a href="/events?source={{ d.actor1_code|urlencode }}&amp;target={{ d.actor2_code|urlencode }}">{{ d.stories }}</a></td><td>{{ d.mentions }}</td><td>{{ d.goldstein }}</td></tr>
{% else %}<tr><td colspan="5">No actor pairs yet.</td></tr>{% endfor %}
</tbody></table></div>
</section>
<section aria-labelledby="h-latest">
<h2 id="h-latest">Latest events</h2>
{{ event_table(latest, "The newest events by event date") }}
</section>
{% endblock %}
"""

EVENTS = """{% extends "base.html" %}{% from "rows.html" import event_table %}
{% block content %}
<h1>Events</h1>
<form class="filters" method="get" action="/events" role="search" aria-label="Filter events">
{% for name, label, hint in fields %}
<div><label for="f-{{ name }}">{{ label }}</label>
<input id="f-{{ name }}" name="{{ name }}" value="{{ values[name] or '' }}" placeholder="{{ hint }}"></div>
{% endfor %}
<div><label for="f-quad">QuadClass</label>
<select id="f-quad" name="quad"><option value="">any</option>
{% for q in [1, 2, 3, 4] %}<option value="{{ q }}"{% if values.quad == q|string %} selected{% endif %}>{{ q }} {{ quad_names[q] }}</option>{% endfor %}
</select></div>
<div><label for="f-modality">Modality</label>
<select id="f-modality" name="modality"><option value="">any</option>
{% for m in modalities %}<option{% if values.modality == m %} selected{% endif %}>{{ m }}</option>{% endfor %}
</select></div>
<div><button type="submit">Filter</button> <a href="/events">Clear</a></div>
</form>
{% if error %}<p class="error" role="alert">{{ error }}</p>{% endif %}
<p>{{ page.total }} matching events{% if page.total %}; showing {{ page.offset + 1 }}–{{ page.offset + page.items|length }}{% endif %}.</p>
{{ event_table(page.items, "Events matching the filters, newest first") }}
<nav class="pager" aria-label="Pages">
{% if prev_url %}<a href="{{ prev_url }}" rel="prev">← Previous</a>{% endif %}
{% if next_url %}<a href="{{ next_url }}" rel="next">Next →</a>{% endif %}
</nav>
{% endblock %}
"""

EVENT = """{% extends "base.html" %}
{% block content %}
<h1>{{ e.actor1_code }} {{ e.event_code }} {{ e.actor2_code or "" }}</h1>
<dl class="facts">
<dt>Source</dt><dd><a href="/actors/{{ e.actor1_code }}">{{ e.actor1_code }}</a> {{ e.actor1_name }}</dd>
<dt>Target</dt><dd>{% if e.actor2_code %}<a href="/actors/{{ e.actor2_code }}">{{ e.actor2_code }}</a> {{ e.actor2_name }}{% else %}–{% endif %}</dd>
<dt>Event</dt><dd>CAMEO {{ e.event_code }} (root {{ e.event_root_code }}), QuadClass {{ e.quad_class }} {{ quad_names.get(e.quad_class, "") }}, Goldstein {{ e.goldstein }}</dd>
<dt>Modality</dt><dd>{{ e.modality }}</dd>
<dt>Date</dt><dd>{{ e.event_date or "undated" }}{% if e.event_date_end %} – {{ e.event_date_end }}{% endif %}</dd>
<dt>Place</dt><dd>{{ e.action_place or "–" }}{% if e.action_country %} ({{ e.action_country }}){% endif %}</dd>
<dt>Reported</dt><dd>{{ e.num_mentions }} mention(s), {{ e.num_articles }} article(s), {{ e.num_sources }} source(s); first {{ e.first_seen }}, last {{ e.last_seen }}</dd>
</dl>
<section aria-labelledby="h-evidence">
<h2 id="h-evidence">Reporting sentences</h2>
<p class="legend"><mark class="hl-trigger">trigger</mark> <mark class="hl-actor1">source actor</mark> <mark class="hl-actor2">target actor</mark></p>
{% for m in e.mentions %}
<article class="card" aria-label="Mention {{ loop.index }}">
<blockquote class="sentence">{{ m.highlighted }}</blockquote>
<dl class="facts">
<dt>Article</dt><dd><a href="/articles/{{ m.article_id }}">{{ m.title or m.article_id }}</a> {{ m.outlet or "" }} {{ m.published or "" }}, sentence {{ m.sentence_index + 1 }}</dd>
<dt>Trigger</dt><dd>{{ m.trigger }} → {{ m.event_code }}</dd>
<dt>Modality</dt><dd>{{ m.modality }}</dd>
<dt>Date</dt><dd>{{ m.event_date or "undated" }}{% if m.event_date_end %} – {{ m.event_date_end }}{% endif %}{% if m.date_text %} (“{{ m.date_text }}”){% endif %}</dd>
<dt>Place</dt><dd>{{ m.action_place or "–" }}{% if m.action_country %} ({{ m.action_country }}){% endif %}</dd>
<dt>Attribution</dt><dd>{{ m.attribution or "–" }}{% if m.attribution_code %} ({{ m.attribution_code }}){% endif %}{% if m.anonymous %}, anonymous{% endif %}</dd>
<dt>Rules</dt><dd>{{ m.rules|join(", ") or "–" }}</dd>
<dt>Actor entries</dt><dd>{{ (m.actor1_entries + m.actor2_entries)|join(", ") or "–" }}</dd>
<dt>Confidence</dt><dd>{{ m.confidence }}</dd>
</dl>
</article>
{% endfor %}
</section>
{% if e.links %}
<section aria-labelledby="h-links"><h2 id="h-links">Linked events</h2><ul>
{% for l in e.links %}<li><a href="/events/{{ l.story_id }}">{{ l.story_id }}</a> {{ l.relation }}</li>{% endfor %}
</ul></section>
{% endif %}
<section aria-labelledby="h-articles"><h2 id="h-articles">Articles</h2><ul>
{% for a in e.articles %}<li><a href="/articles/{{ a.article_id }}">{{ a.title or a.article_id }}</a> {{ a.outlet or "" }} {{ a.published or "" }}{% if a.url %} · <a href="{{ a.url|safe_url }}" rel="noopener noreferrer">source</a>{% endif %}</li>{% endfor %}
</ul></section>
{% endblock %}
"""

ARTICLE = """{% extends "base.html" %}{% from "rows.html" import event_table %}
{% block content %}
<h1>{{ a.title or a.article_id }}</h1>
<p class="muted">{{ a.outlet or "" }} {{ a.published or "" }} {% if a.url %}<a href="{{ a.url|safe_url }}" rel="noopener noreferrer">source</a>{% endif %}</p>
<p class="legend"><mark class="hl-trigger">trigger</mark> <mark class="hl-actor1">source actor</mark> <mark class="hl-actor2">target actor</mark></p>
<div class="card article-text">{{ highlighted }}</div>
<h2>Events in this article</h2>
<ul>{% for ev in a.events %}<li>{% if ev.story_id %}<a href="/events/{{ ev.story_id }}">{{ ev.actor1_code }} {{ ev.event_code }} {{ ev.actor2_code }}</a>{% else %}{{ ev.actor1_code }} {{ ev.event_code }} {{ ev.actor2_code }}{% endif %} ({{ ev.modality }}): {{ ev.trigger }}</li>{% else %}<li>None.</li>{% endfor %}</ul>
{% endblock %}
"""

ACTOR = """{% extends "base.html" %}{% from "rows.html" import event_table %}
{% block content %}
<h1>Actor {{ a.code }}</h1>
<p>{{ a.stories }} events, {{ a.mentions }} mentions.{% if a.names %} Named as: {% for n in a.names %}{{ n.name }}{% if not loop.last %}, {% endif %}{% endfor %}.{% endif %}</p>
<div class="grid">
<section class="card" aria-labelledby="h-time"><h2 id="h-time">Interactions over time</h2>{{ time_chart }}</section>
<section class="card" aria-labelledby="h-net"><h2 id="h-net">Counterparts</h2>{{ network_chart }}</section>
</div>
<div class="grid">
<section aria-labelledby="h-cp"><h2 id="h-cp">Counterparts</h2><div class="table-wrap"><table>
<thead><tr><th scope="col">Actor</th><th scope="col">Events</th><th scope="col">Mean Goldstein</th></tr></thead><tbody>
{% for c in a.counterparts %}<tr><td><a href="/actors/{{ c.other }}">{{ c.other }}</a></td><td>{{ c.stories }}</td><td>{{ c.goldstein }}</td></tr>{% else %}<tr><td colspan="3">None.</td></tr>{% endfor %}
</tbody></table></div></section>
<section aria-labelledby="h-types"><h2 id="h-types">Most frequent event types</h2><div class="table-wrap"><table>
<thead><tr><th scope="col">CAMEO code</th><th scope="col">Events</th></tr></thead><tbody>
{% for t in a.event_types %}<tr><td><a href="/events?actor={{ a.code|urlencode }}&amp;code={{ t.event_code|urlencode }}">{{ t.event_code }}</a></td><td>{{ t.stories }}</td></tr>{% endfor %}
</tbody></table></div></section>
</div>
<h2>Latest events</h2>
{{ event_table(latest, "The actor's newest events") }}
{% endblock %}
"""

ACTORS = """{% extends "base.html" %}
{% block content %}
<h1>Actors</h1>
<form class="filters" method="get" action="/actors" role="search" aria-label="Find actors">
<div><label for="f-prefix">Code prefix</label><input id="f-prefix" name="prefix" value="{{ prefix or '' }}" placeholder="IDN"></div>
<div><button type="submit">Find</button></div>
</form>
<div class="table-wrap"><table><thead><tr><th scope="col">Code</th><th scope="col">Name</th><th scope="col">Events</th><th scope="col">Mentions</th></tr></thead><tbody>
{% for r in page.items %}<tr><td><a href="/actors/{{ r.code }}">{{ r.code }}</a></td><td>{{ r.name }}</td><td>{{ r.stories }}</td><td>{{ r.mentions }}</td></tr>{% else %}<tr><td colspan="4">No actors.</td></tr>{% endfor %}
</tbody></table></div>
{% endblock %}
"""

TRY = """{% extends "base.html" %}
{% block content %}
<h1>Try it</h1>
<p>Paste an Indonesian news article. It is coded at once and not stored.</p>
<form method="post" action="/try">
<div><label for="t-text">Article text</label>
<textarea id="t-text" name="text" required>{{ text or "" }}</textarea></div>
<div class="filters" style="display:grid;grid-template-columns:repeat(auto-fit,minmax(12em,1fr));gap:.5em 1em;align-items:end;margin:.5em 0">
<div><label for="t-published">Publication date (for relative dates)</label>
<input id="t-published" name="published" type="date" value="{{ published or '' }}"></div>
<div><button type="submit">Code it</button></div>
</div>
</form>
{% if error %}<p class="error" role="alert">{{ error }}</p>{% endif %}
{% if events is not none %}
<section aria-labelledby="h-result">
<h2 id="h-result">{{ events|length }} event(s) found</h2>
<p class="legend"><mark class="hl-trigger">trigger</mark> <mark class="hl-actor1">source actor</mark> <mark class="hl-actor2">target actor</mark></p>
<div class="card article-text">{{ highlighted }}</div>
<div class="table-wrap"><table id="try-events">
<thead><tr><th scope="col">Source</th><th scope="col">Event</th><th scope="col">Target</th><th scope="col">Modality</th><th scope="col">Date</th><th scope="col">Trigger</th><th scope="col">Rules</th></tr></thead><tbody>
{% for ev in events %}<tr class="try-event"><td>{{ ev.actor1_code }} <span class="muted">{{ ev.actor1_name }}</span></td><td>{{ ev.event_code }}</td><td>{{ ev.actor2_code }} <span class="muted">{{ ev.actor2_name }}</span></td><td>{{ ev.modality }}</td><td>{{ ev.event_date }}{% if ev.event_date_end %} – {{ ev.event_date_end }}{% endif %}</td><td>{{ ev.trigger }}</td><td>{{ ev.rules|join(", ") }}</td></tr>{% endfor %}
</tbody></table></div>
</section>
{% endif %}
{% endblock %}
"""

DOCS = """{% extends "base.html" %}
{% block content %}
<h1>{{ spec.info.title }} {{ spec.info.version }}</h1>
<p>The machine-readable description is <a href="/openapi.json">/openapi.json</a> (OpenAPI {{ spec.openapi }}).
Writes need <code>Authorization: Bearer $PERISTIWA_TOKEN</code>.</p>
{% for path, ops in spec.paths.items() %}{% for method, op in ops.items() %}
<section class="card" aria-label="{{ method|upper }} {{ path }}">
<h2><code>{{ method|upper }} {{ path }}</code></h2>
<p>{{ op.summary or "" }}</p>
{% if op.description %}<p class="muted">{{ op.description|rst }}</p>{% endif %}
{% if op.parameters %}<div class="table-wrap"><table><thead><tr><th scope="col">Parameter</th><th scope="col">In</th><th scope="col">Description</th></tr></thead><tbody>
{% for p in op.parameters %}<tr><td><code>{{ p.name }}</code>{% if p.required %} (required){% endif %}</td><td>{{ p.in }}</td><td>{{ p.description or "" }}</td></tr>{% endfor %}
</tbody></table></div>{% endif %}
</section>
{% endfor %}{% endfor %}
{% endblock %}
"""

ERROR = """{% extends "base.html" %}
{% block content %}<h1>{{ title }}</h1><p>{{ message }}</p>{% endblock %}
"""


def environment() -> Environment:
    """A Jinja2 environment over the templates above, autoescaping everything."""
    env = Environment(
        loader=DictLoader(
            {
                "base.html": BASE,
                "rows.html": EVENT_ROWS,
                "dashboard.html": DASHBOARD,
                "events.html": EVENTS,
                "event.html": EVENT,
                "article.html": ARTICLE,
                "actor.html": ACTOR,
                "actors.html": ACTORS,
                "try.html": TRY,
                "docs.html": DOCS,
                "error.html": ERROR,
            }
        ),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    env.filters["safe_url"] = safe_url
    env.filters["rst"] = rst_inline
    return env


def rst_inline(text: str | None) -> Markup:
    """A docstring's ``code`` as <code>code</code>, everything else escaped (the /docs page)."""
    import re

    escaped = str(escape(text or ""))
    return Markup(re.sub(r"``(.+?)``", r"<code>\1</code>", escaped))


def safe_url(url: str | None) -> str:
    """Only http(s) links from articles: a ``javascript:`` URL in the data must not become a link."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return "#"
