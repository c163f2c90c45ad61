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

from peristiwa.serve.words import default_words

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
::placeholder { color:#9aa0a6; font-style:italic; opacity:1; }
input:placeholder-shown { background:#fafbfc; }
.note { font-size:.85em; color:var(--muted); margin:.3em 0 0; }
.code { font-variant-numeric:tabular-nums; font-weight:bold; }
.name { font-size:.9em; }
td.date { white-space:nowrap; }
details.filter-box { margin:0 0 1em; border:1px solid var(--line); border-radius:6px; padding:.5em .75em; }
details.filter-box summary { cursor:pointer; font-weight:bold; }
details.filter-box form.filters { margin:.75em 0 .25em; }
form.filters .actions { display:flex; gap:1em; align-items:center; }
form.filters .wide { grid-column:span 2; }
form.flag-form { align-items:start; }
form.flag-form .full { grid-column:1 / -1; }
form.flag-form textarea { min-height:4em; }
.with-facets { display:flex; flex-direction:column; gap:.5em; }
.results { min-width:0; }
.charts { display:grid; grid-template-columns:repeat(auto-fit, minmax(min(100%, 30em), 1fr)); gap:1em; }
.charts .chart { max-height:20em; }
details.facets { font-size:.9em; border:1px solid var(--line); border-radius:6px; padding:.4em .75em; }
details.facets summary { cursor:pointer; font-weight:bold; }
.facet-grid { display:grid; grid-template-columns:repeat(auto-fill, minmax(12em, 1fr)); gap:0 1.25em; }
.facet { min-width:0; }
.facet h3 { font-size:.95em; margin:.6em 0 .2em; color:var(--muted); }
.facet ul { list-style:none; margin:0; padding:0; }
.facet li { display:flex; justify-content:space-between; gap:.5em; }
.facet li a { min-width:0; overflow-wrap:anywhere; }
.facet a.selected { font-weight:bold; }
.facet a.clear { font-size:.9em; }
.count { color:var(--muted); font-variant-numeric:tabular-nums; }
th a { color:inherit; white-space:nowrap; }
form.filters input { border:1px solid #8a9099; border-radius:4px; }
table.events td.evidence { min-width:14em; }
.downloads { margin-left:.5em; }
.chart-narrow { display:none; }
@media (max-width: 60em) { form.filters .wide { grid-column:auto; } }
@media (max-width: 40em) {
  .with-facets .results { order:-1; }
  .facet-grid { grid-template-columns:repeat(2, minmax(0, 1fr)); }
  table.events thead { position:absolute; left:-9999px; }
  table.events, table.events tbody { display:block; }
  table.events tr { display:grid; grid-template-columns:repeat(2, minmax(0, 1fr)); gap:0 .75em;
    border-bottom:2px solid var(--line); padding:.4em 0; }
  table.events td { border:0; padding:.15em 0; }
  table.events td::before { content:attr(data-label); display:block; font-size:.75em; color:var(--muted); }
  table.events td.evidence { grid-column:1 / -1; min-width:0; }
  table.events caption { display:block; text-align:left; }
  .chart-wide { display:none; }
  .chart-narrow { display:block; }
}
.card h2 { margin:.1em 0 .4em; font-size:1.2em; }
@media (max-width: 40em) { body { font-size:15px; } main { padding:.5em; } th, td { padding:.25em; } }
/* the embedded map (serve/geomap.py panel) */
.map { width:100%; height:auto; background:#dfeaf3; border:1px solid var(--line); border-radius:4px; }
.map-views { display:grid; grid-template-columns:repeat(auto-fit, minmax(min(100%, 24em), 1fr)); gap:.75em; }
figure.map-view { margin:0; min-width:0; }
figure.map-view figcaption { font-size:.9em; color:var(--muted); margin-bottom:.2em; }
.map-card { margin:1em 0; }
.map-card .legend span { white-space:nowrap; margin-right:.6em; }
/* the map card's World / Indonesia switch: radio buttons, no script (geomap.panel) */
.map-tabs > input { position:absolute; opacity:0; width:1px; height:1px; }
.map-tabs > label { display:inline-block; padding:.3em .9em; margin:0 .2em .4em 0; cursor:pointer;
  border:1px solid var(--line); border-radius:4px; }
.map-tabs > input:checked + label { background:var(--accent); border-color:var(--accent); color:#fff; }
.map-tabs > input:focus-visible + label { outline:2px solid var(--accent); outline-offset:2px; }
.map-tab-world:checked ~ .map-views .map-view-id, .map-tab-id:checked ~ .map-views .map-view-world { display:none; }
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

EVENT_ROWS = """{% macro sort_th(sorts, key, label) %}{% if sorts %}<th scope="col" aria-sort="{{ sorts[key][1] }}"><a href="{{ sorts[key][0] }}">{{ label }}{% if sorts[key][1] == "ascending" %} ▲{% elif sorts[key][1] == "descending" %} ▼{% endif %}</a></th>{% else %}<th scope="col">{{ label }}</th>{% endif %}{% endmacro %}
{% macro event_table(items, caption, sorts=None) %}
<div class="table-wrap">
<table class="events">
<caption class="muted">{{ caption }}</caption>
<thead><tr>{{ sort_th(sorts, "date", "Date") }}{{ sort_th(sorts, "source", "Source") }}{{ sort_th(sorts, "code", "Event") }}{{ sort_th(sorts, "target", "Target") }}{{ sort_th(sorts, "goldstein", "Goldstein") }}{{ sort_th(sorts, "modality", "Modality") }}{{ sort_th(sorts, "mentions", "Mentions") }}<th scope="col">Evidence</th></tr></thead>
<tbody>
{% for e in items %}
<tr>
  <td class="date" data-label="Date">{% if e.event_date %}{{ e.event_date }}{% if e.event_date_end %} – {{ e.event_date_end }}{% endif %}{% else %}<span class="muted">reported {{ e.first_seen or "" }}</span>{% endif %}</td>
  <td data-label="Source"><a href="/actors/{{ e.actor1_code }}">{{ e.actor1_code }}</a> <span class="muted">{{ e.actor1_code|actor_words }}</span><br><span class="name">{{ e.actor1_name }}</span></td>
  <td data-label="Event"><span class="code">{{ e.event_code }}</span> {{ e.event_code|cameo }}</td>
  <td data-label="Target">{% if e.actor2_code %}<a href="/actors/{{ e.actor2_code }}">{{ e.actor2_code }}</a> <span class="muted">{{ e.actor2_code|actor_words }}</span><br><span class="name">{{ e.actor2_name }}</span>{% endif %}</td>
  <td data-label="Goldstein">{{ e.goldstein }}</td>
  <td data-label="Modality">{{ e.modality }}</td>
  <td data-label="Mentions">{{ e.num_mentions }}</td>
  <td class="evidence" data-label="Evidence"><a href="/events/{{ e.story_id }}">{{ (e.evidence or "evidence")|truncate(90) }}</a></td>
</tr>
{% else %}
<tr><td colspan="8">No events.</td></tr>
{% endfor %}
</tbody>
</table>
</div>
{% endmacro %}
{% macro facet_list(facets) %}
<details class="facets" open><summary>Narrow down</summary>
<div class="facet-grid">
{% for f in facets %}{% if f.entries %}
<div class="facet" data-facet="{{ f.param }}"><h3>{{ f.label }}</h3>
<ul>{% for v in f.entries %}<li><a href="{{ v.href }}"{% if v.selected %} class="selected" aria-current="true"{% endif %}>{{ v.label }}</a> <span class="count">{{ v.n }}</span></li>{% endfor %}</ul>
{% if f.chosen %}<a class="clear" href="{{ f.clear }}">× clear {{ f.label|lower }}</a>{% endif %}
</div>
{% endif %}{% endfor %}
</div>
</details>
{% endmacro %}
{% macro filter_form(form, label) %}
<form class="filters" method="get" action="{{ form.action }}" role="search" aria-label="{{ label }}">
{% for name, flabel, hint in form.fields %}
<div><label for="f-{{ name }}">{{ flabel }}</label>
<input id="f-{{ name }}" name="{{ name }}" value="{{ form.vals[name] or '' }}" placeholder="e.g. {{ hint }}"></div>
{% endfor %}
<div><label for="f-quad">QuadClass</label>
<select id="f-quad" name="quad"><option value="">any</option>
{% for q in [1, 2, 3, 4] %}<option value="{{ q }}"{% if form.vals.quad == q|string %} selected{% endif %}>{{ q }} {{ quad_names[q] }}</option>{% endfor %}
</select></div>
<div><label for="f-modality">Modality</label>
<select id="f-modality" name="modality"><option value="">any</option>
{% for m in form.modalities %}<option{% if form.vals.modality == m %} selected{% endif %}>{{ m }}</option>{% endfor %}
</select></div>
<div><label for="f-historical">Historical events</label>
<select id="f-historical" name="historical">
{% if form.action == "/" %}<option value="">left out</option><option value="any"{% if form.vals.historical == "any" %} selected{% endif %}>included</option>
{% else %}<option value="">included</option><option value="false"{% if form.vals.historical == "false" %} selected{% endif %}>left out</option>{% endif %}
<option value="true"{% if form.vals.historical == "true" %} selected{% endif %}>only historical</option>
</select></div>
{# HOOK (joint): the select below appears once peristiwa.serve.filters.JOINT_SQL is set, i.e. once the store has a joint flag. #}
{% if form.joint %}<div><label for="f-joint">Joint events</label>
<select id="f-joint" name="joint"><option value="">included</option><option value="false"{% if form.vals.joint == "false" %} selected{% endif %}>left out</option><option value="true"{% if form.vals.joint == "true" %} selected{% endif %}>only joint</option></select></div>{% endif %}
{% if form.action != "/" %}<div><label for="f-sort">Sort by</label>
<select id="f-sort" name="sort">{% for key in form.sorts %}<option{% if (form.vals.sort or "date") == key %} selected{% endif %}>{{ key }}</option>{% endfor %}</select></div>
<div><label for="f-order">Order</label>
<select id="f-order" name="order"><option value="desc">descending</option><option value="asc"{% if form.vals.order == "asc" %} selected{% endif %}>ascending</option></select></div>{% endif %}
<div class="actions"><button type="submit">Filter</button> <a href="{{ form.action }}">Clear</a></div>
</form>
{% endmacro %}
"""

DASHBOARD = """{% extends "base.html" %}{% from "rows.html" import event_table, facet_list, filter_form with context %}
{% block content %}
<h1>Dashboard</h1>
<p>{{ totals.stories }} events (stories) from {{ totals.mentions }} mentions in {{ totals.articles }} articles.</p>
<details class="filter-box"{% if wf.active() %} open{% endif %}><summary>Filters{% if wf.active() %} ({{ wf.active()|length }} set){% endif %}</summary>
{{ filter_form(form, "Filter the dashboard") }}
</details>
<div class="with-facets">
{{ facet_list(facets) }}
<div class="results">
<div class="charts">
<section class="card" aria-labelledby="h-weekly">
<h2 id="h-weekly">Events per week by QuadClass</h2>
{{ weekly_chart }}
<p class="legend">{% for q, name, colour in quads %}<span><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="{{ colour }}"/></svg> {{ q }} {{ name }}</span>{% endfor %}</p>
<p class="note" id="weekly-note">By event date, weeks of {{ tr.week_start }} to {{ week_last }} ({% if form.vals.since or form.vals.until %}the chosen range{% else %}the 26 weeks up to the latest publication date{% endif %}).
{% if tr.later %}<strong>{{ tr.later }}</strong> event(s) dated after this window (planned or future-dated) are not drawn. {% endif %}
{% if tr.coarse %}{{ tr.coarse }} event(s) dated only to a month or a year are not drawn as weeks. {% endif %}
{% if tr.historical %}{{ tr.historical }} historical event(s) are left out (<a href="{{ include_historical_url }}">include them</a>).{% endif %}</p>
</section>
<section class="card" aria-labelledby="h-gold">
<h2 id="h-gold">Goldstein trend (monthly mean)</h2>
{{ goldstein_chart }}
<p class="note">Months {{ tr.month_start.isoformat()[:7] }} to the month before {{ tr.month_end.isoformat()[:7] }}, by event date; events dated only to a year are left out; a month without events is a gap in the line.</p>
</section>
</div>
{% include "dashboard_workbench.html" ignore missing %}
{% block map %}{{ map_panel }}{% endblock %}
<section aria-labelledby="h-dyads">
<h2 id="h-dyads">Top actor pairs</h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col">Source</th><th scope="col">Target</th><th scope="col">Events</th><th scope="col">Mentions</th><th scope="col">Mean Goldstein</th></tr></thead>
<tbody>
{% for d in dyads %}
<tr><td><a href="/actors/{{ d.actor1_code }}">{{ d.actor1_code }}</a> <span class="muted">{{ d.actor1_code|actor_words }}</span></td><td><a href="/actors/{{ d.actor2_code }}">{{ d.actor2_code }}</a> <span class="muted">{{ d.actor2_code|actor_words }}</span></td>
<td><a href="/events?source={{ d.actor1_code|urlencode }}&amp;target={{ d.actor2_code|urlencode }}">{{ d.stories }}</a></td><td>{{ d.mentions }}</td><td>{{ d.goldstein }}</td></tr>
{% else %}<tr><td colspan="5">No actor pairs yet.</td></tr>{% endfor %}
</tbody></table></div>
</section>
<section aria-labelledby="h-latest">
<h2 id="h-latest">Latest events</h2>
{{ event_table(latest, "The newest events by event date") }}
<p><a href="{{ events_url }}">All events of this selection →</a></p>
</section>
</div>
</div>
{% endblock %}
"""

EVENTS = """{% extends "base.html" %}{% from "rows.html" import event_table, facet_list, filter_form with context %}
{% block content %}
<h1>Events</h1>
<details class="filter-box"{% if form.vals.values()|select|list %} open{% endif %}><summary>Filters</summary>
{{ filter_form(form, "Filter events") }}
</details>
{% if error %}<p class="error" role="alert">{{ error }}</p>{% endif %}
<div class="with-facets">
{{ facet_list(facets) }}
<div class="results">
<p>{{ page.total }} matching events{% if page.total %}; showing {{ page.offset + 1 }}–{{ page.offset + page.items|length }}{% endif %}.
{% if not error %}<span class="downloads">Download all {{ page.total }}: <a href="{{ csv_url }}" download>CSV</a> · <a href="{{ parquet_url }}" download>Parquet</a></span>{% endif %}</p>
{{ event_table(page.items, "Events matching the filters; sort with a column header or the Sort by filter", sorts) }}
<nav class="pager" aria-label="Pages">
{% if prev_url %}<a href="{{ prev_url }}" rel="prev">← Previous</a>{% endif %}
{% if next_url %}<a href="{{ next_url }}" rel="next">Next →</a>{% endif %}
</nav>
</div>
</div>
{% endblock %}
"""

EVENT = """{% extends "base.html" %}
{% block content %}
<h1>{{ e.actor1_code }} {{ e.event_code }} {{ e.actor2_code or "" }}</h1>
<dl class="facts">
<dt>Source</dt><dd><a href="/actors/{{ e.actor1_code }}">{{ e.actor1_code }}</a> <span class="muted">{{ e.actor1_code|actor_words }}</span> {{ e.actor1_name }}</dd>
<dt>Target</dt><dd>{% if e.actor2_code %}<a href="/actors/{{ e.actor2_code }}">{{ e.actor2_code }}</a> <span class="muted">{{ e.actor2_code|actor_words }}</span> {{ e.actor2_name }}{% else %}–{% endif %}</dd>
<dt>Event</dt><dd>CAMEO {{ e.event_code }} {{ e.event_code|cameo }} (root {{ e.event_root_code }} {{ e.event_root_code|cameo }}), QuadClass {{ e.quad_class }} {{ quad_names.get(e.quad_class, "") }}, Goldstein {{ e.goldstein }}</dd>
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
<dt>Trigger</dt><dd>{{ m.trigger }} → {{ m.event_code }} {{ m.event_code|cameo }}</dd>
<dt>Modality</dt><dd>{{ m.modality }}</dd>
<dt>Date</dt><dd>{{ m.event_date or "undated" }}{% if m.event_date_end %} – {{ m.event_date_end }}{% endif %}{% if m.date_text %} (“{{ m.date_text }}”){% endif %}</dd>
<dt>Place</dt><dd>{{ m.action_place or "–" }}{% if m.action_country %} ({{ m.action_country }}){% endif %}</dd>
<dt>Attribution</dt><dd>{{ m.attribution or "–" }}{% if m.attribution_code %} ({{ m.attribution_code }}){% endif %}{% if m.anonymous %}, anonymous{% endif %}</dd>
<dt>Rules</dt><dd>{{ m.rules|join(", ") or "–" }}</dd>
<dt>Actor entries</dt><dd>{{ (m.actor1_entries + m.actor2_entries)|join(", ") or "–" }}</dd>
<dt>Confidence</dt><dd>{{ m.confidence }}</dd>
{% if m.historical %}<dt>Historical</dt><dd>yes: reported as background, long before publication</dd>{% endif %}
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
{% include "feedback_form.html" ignore missing %}
{% endblock %}
"""

ARTICLE = """{% extends "base.html" %}{% from "rows.html" import event_table %}
{% block content %}
<h1>{{ a.title or a.article_id }}</h1>
<p class="muted">{{ a.outlet or "" }} {{ a.published or "" }} {% if a.url %}<a href="{{ a.url|safe_url }}" rel="noopener noreferrer">source</a>{% endif %}</p>
<p class="legend"><mark class="hl-trigger">trigger</mark> <mark class="hl-actor1">source actor</mark> <mark class="hl-actor2">target actor</mark></p>
<div class="card article-text">{{ highlighted }}</div>
<h2>Events in this article</h2>
<ul>{% for ev in a.events %}<li>{% if ev.story_id %}<a href="/events/{{ ev.story_id }}">{{ ev.actor1_code }} {{ ev.event_code }} {{ ev.actor2_code }}</a> <span class="muted">{{ ev.event_code|cameo }}</span>{% else %}{{ ev.actor1_code }} {{ ev.event_code }} {{ ev.actor2_code }}{% endif %} ({{ ev.modality }}): {{ ev.trigger }}</li>{% else %}<li>None.</li>{% endfor %}</ul>
{% endblock %}
"""

ACTOR = """{% extends "base.html" %}{% from "rows.html" import event_table %}
{% block content %}
<h1>Actor {{ a.code }}{% if a.code|actor_words %} <span class="muted">{{ a.code|actor_words }}</span>{% endif %}</h1>
<p>{{ a.stories }} events, {{ a.mentions }} mentions.{% if a.names %} Named as: {% for n in a.names %}{{ n.name }}{% if not loop.last %}, {% endif %}{% endfor %}.{% endif %}</p>
<div class="grid">
<section class="card" aria-labelledby="h-time"><h2 id="h-time">Interactions over time</h2>{{ time_chart }}</section>
<section class="card" aria-labelledby="h-net"><h2 id="h-net">Counterparts</h2>{{ network_chart }}</section>
</div>
{% block map %}{{ map_panel }}{% endblock %}
<div class="grid">
<section aria-labelledby="h-cp"><h2 id="h-cp">Counterparts</h2><div class="table-wrap"><table>
<thead><tr><th scope="col">Actor</th><th scope="col">Events</th><th scope="col">Mean Goldstein</th></tr></thead><tbody>
{% for c in a.counterparts %}<tr><td><a href="/actors/{{ c.other }}">{{ c.other }}</a> <span class="muted">{{ c.other|actor_words }}</span></td><td>{{ c.stories }}</td><td>{{ c.goldstein }}</td></tr>{% else %}<tr><td colspan="3">None.</td></tr>{% endfor %}
</tbody></table></div></section>
<section aria-labelledby="h-types"><h2 id="h-types">Most frequent event types</h2><div class="table-wrap"><table>
<thead><tr><th scope="col">CAMEO code</th><th scope="col">Events</th></tr></thead><tbody>
{% for t in a.event_types %}<tr><td><a href="/events?actor={{ a.code|urlencode }}&amp;code={{ t.event_code|urlencode }}">{{ t.event_code }}</a> {{ t.event_code|cameo }}</td><td>{{ t.stories }}</td></tr>{% endfor %}
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
<div><label for="f-prefix">Code prefix</label><input id="f-prefix" name="prefix" value="{{ prefix or '' }}" placeholder="e.g. IDN"></div>
<div><button type="submit">Find</button></div>
</form>
<div class="table-wrap"><table><thead><tr><th scope="col">Code</th><th scope="col">Name</th><th scope="col">Events</th><th scope="col">Mentions</th></tr></thead><tbody>
{% for r in page.items %}<tr><td><a href="/actors/{{ r.code }}">{{ r.code }}</a> <span class="muted">{{ r.code|actor_words }}</span></td><td>{{ r.name }}</td><td>{{ r.stories }}</td><td>{{ r.mentions }}</td></tr>{% else %}<tr><td colspan="4">No actors.</td></tr>{% endfor %}
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
{% for ev in events %}<tr class="try-event"><td>{{ ev.actor1_code }} <span class="muted">{{ ev.actor1_name }}</span></td><td>{{ ev.event_code }} {{ ev.event_code|cameo }}</td><td>{{ ev.actor2_code }} <span class="muted">{{ ev.actor2_name }}</span></td><td>{{ ev.modality }}</td><td>{{ ev.event_date }}{% if ev.event_date_end %} – {{ ev.event_date_end }}{% endif %}</td><td>{{ ev.trigger }}</td><td>{{ ev.rules|join(", ") }}</td></tr>{% endfor %}
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

ARTICLES = """{% extends "base.html" %}
{% block content %}
<h1>Articles</h1>
<form class="filters" method="get" action="/articles" role="search" aria-label="Search articles">
<div class="wide"><label for="a-q">Title, text or outlet contains</label><input id="a-q" name="q" type="search" value="{{ q }}" placeholder="e.g. Prabowo"></div>
<div><label for="a-outlet">Outlet</label><select id="a-outlet" name="outlet"><option value="">any</option>
{% for o in outlets %}<option value="{{ o.outlet }}"{% if o.outlet == outlet %} selected{% endif %}>{{ o.outlet }} ({{ o.n }})</option>{% endfor %}</select></div>
<div class="actions"><button type="submit">Search</button> <a href="/articles">Clear</a></div>
</form>
<p id="article-count">{{ page.total }} article(s){% if page.total %}; showing {{ page.offset + 1 }}–{{ page.offset + page.items|length }}{% endif %}.</p>
<div class="table-wrap"><table class="articles"><caption class="muted">Newest first</caption>
<thead><tr><th scope="col">Published</th><th scope="col">Title</th><th scope="col">Outlet</th><th scope="col">Events</th></tr></thead><tbody>
{% for a in page.items %}<tr><td class="date">{{ a.published or "" }}</td><td><a href="/articles/{{ a.article_id }}">{{ a.title or a.article_id }}</a></td><td>{{ a.outlet or "" }}</td><td>{{ a.n_events }}</td></tr>
{% else %}<tr><td colspan="4">No articles match.</td></tr>{% endfor %}
</tbody></table></div>
<nav class="pager" aria-label="Pages">
{% if prev_url %}<a href="{{ prev_url }}" rel="prev">← Previous</a>{% endif %}
{% if next_url %}<a href="{{ next_url }}" rel="next">Next →</a>{% endif %}
</nav>
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
                "articles.html": ARTICLES,
                "error.html": ERROR,
            }
        ),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    env.filters["safe_url"] = safe_url
    env.filters["rst"] = rst_inline
    words = default_words()
    env.filters["cameo"] = words.event
    env.filters["actor_words"] = words.actor
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
