"""The country report: one self-contained HTML file about one country's relations.

    diplograph report AZE --db sqlite:///kb.db -o report.html
    build_report(engine_or_connection, "AZE") -> str       # the HTML
    write_report(url, "Azerbaijan", "report.html") -> Path

The file opens without a network: CSS is inline, charts are inline SVG (pygal with its script
removed; the world map is the pygal_maps_world outline coloured here; the membership timeline is
drawn here). Every text that comes from a document or the KB is HTML-escaped, so a quote
containing markup shows as text. Each fact row cites its KB fact id and number of sources, and
links to that fact's evidence in the appendix.

The data comes from the public KB functions (kb.queries, kb.conflicts and kb.claims restricted
to the country) plus counts and, batched a chunk of facts per query, what queries.kb_fact and
queries.fact_evidence give per fact, read from the schema's tables with SQLAlchemy Core, so SQLite
and PostgreSQL give the same report.
"""
from __future__ import annotations

import html
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from sqlalchemy import Connection, Engine, distinct, func, select

from diplograph.kb import queries
from diplograph.kb.claims import check_claims
from diplograph.kb.conflicts import find_conflicts
from diplograph.kb.schema import TABLES
from diplograph.registry.load import Entity, Registry, get_registry

# --- look ------------------------------------------------------------------------------------

FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif'
INK, MUTED, LINE = "#1f2933", "#616e7c", "#e4e7eb"
HOME_COLOUR = "#1d3557"          # the report's own country on the map
NO_FACTS_COLOUR = "#dde2e8"

# Strongest first: a country on the map gets the colour of the first one it has.
RELATIONS = (
    ("alliance", "Alliance", "#7b1e3a"),
    ("comprehensive_strategic_partnership", "Comprehensive strategic partnership", "#c2452d"),
    ("strategic_partnership", "Strategic partnership", "#ee9a3a"),
    ("visit", "Visits", "#2a9d8f"),
    ("agreement", "Agreements", "#5b7fc7"),
    ("other", "Other facts", "#b9a6dd"),
)
RELATION_LABEL = {key: label for key, label, _ in RELATIONS}
RELATION_COLOUR = {key: colour for key, _, colour in RELATIONS}
LEVELS = ("alliance", "comprehensive_strategic_partnership", "strategic_partnership")   # strongest first
LEVEL_RANK = {level: i for i, level in enumerate(LEVELS)}
ORGS_GROUP = "Organizations"
NO_REGION = "Region not in the registry"
# Where the other countries of a fact are, per fact type (partnerships come from partners()).
COUNTERPART_KEYS = {"visit": ("visitor", "host"), "agreement": ("parties",), "meeting": ("participants",),
                    "cooperation": ("a", "b"), "partnership": ("a", "b")}
QUOTES_PER_FACT = 3
TITLES = {"partners": "Partners by region and level", "map": "Relations on the map", "visits": "Visits per year",
          "agreements": "Agreements timeline", "memberships": "Memberships and chairmanships",
          "conflicts": "Conflicts between sources", "claims": "Figures the sources give", "evidence": "Evidence"}

CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 %(font)s;color:%(ink)s;background:#f4f6f9}
.wrap{max-width:1120px;margin:0 auto;padding:0 28px}
header.top{background:%(home)s;color:#fff;padding:30px 0 26px}
header.top h1{margin:0;font-size:30px;font-weight:650;letter-spacing:-.01em}
header.top .sub{color:#c9d4e3;margin:2px 0 20px}
header.top .code{display:inline-block;margin-left:10px;padding:1px 9px;border:1px solid #8ea3c0;border-radius:6px;
 font-size:15px;font-weight:500;vertical-align:5px;color:#dbe4f0}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px}
.stat{background:rgba(255,255,255,.09);border-radius:8px;padding:10px 14px}
.stat b{display:block;font-size:18px;font-weight:600;color:#fff;white-space:nowrap}
.stat span{font-size:12.5px;color:#c9d4e3}
nav.toc{background:#fff;border-bottom:1px solid %(line)s;position:sticky;top:0;z-index:2}
nav.toc .wrap{display:flex;flex-wrap:wrap;gap:4px 20px;padding-top:10px;padding-bottom:10px;font-size:13.5px}
nav.toc a{color:%(home)s;text-decoration:none}
nav.toc a:hover{text-decoration:underline}
main{padding:6px 0 30px}
section{background:#fff;border:1px solid %(line)s;border-radius:10px;padding:22px 26px;margin:20px 0}
h2{font-size:20px;margin:0 0 2px;font-weight:650}
h3{font-size:15px;margin:20px 0 8px}
p.lead{color:%(muted)s;margin:0 0 16px;font-size:14px}
.empty{color:%(muted)s;font-style:italic;margin:6px 0}
.notice{border-left:4px solid #c2452d;background:#fdf3f0;padding:14px 18px;border-radius:6px;margin:20px 0}
table{border-collapse:collapse;width:100%%;font-size:13.5px;margin:6px 0 4px}
th{text-align:left;font-weight:600;color:%(muted)s;border-bottom:2px solid %(line)s;padding:6px 8px;font-size:11.5px;
 text-transform:uppercase;letter-spacing:.04em;white-space:nowrap}
td{padding:6px 8px;border-bottom:1px solid %(line)s;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.nowrap{white-space:nowrap}
tr.group td{background:#eef2f7;font-weight:600;color:%(home)s;border-bottom:1px solid #d5dde8}
tr.sub td{background:#f8fafc;color:%(muted)s;font-size:12px;font-weight:600;padding-top:4px;padding-bottom:4px}
.id{color:%(muted)s;font-size:12px;margin-left:4px}
.muted{color:%(muted)s}
a.fact{color:%(home)s;text-decoration:none;white-space:nowrap;font-variant-numeric:tabular-nums}
a.fact:hover{text-decoration:underline}
.badge{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12px;line-height:1.6;white-space:nowrap;
 color:#fff;background:#7b8794}
.b-alliance{background:#7b1e3a}.b-comprehensive_strategic_partnership{background:#c2452d}
.b-strategic_partnership{background:#ee9a3a;color:#3b2405}
.b-asserted{background:#e3f1ec;color:#1d6b50}.b-planned{background:#fff4d6;color:#7a5600}
.b-negated{background:#fbe4e4;color:#9b1c1c}
.b-chair{background:%(home)s}.b-role{background:#e6ebf2;color:%(ink)s}
.b-ok{background:#e3f1ec;color:#1d6b50}.b-warn{background:#fff0d6;color:#8a4b00}.b-none{background:#eceff3;color:%(muted)s}
.chart{margin:8px auto 16px}
.chart svg{width:100%%;height:auto;display:block}
.map{background:#f3f7fb;border:1px solid %(line)s;border-radius:8px;padding:6px}
.map svg{width:100%%;height:auto;display:block}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;margin:12px 0 4px;font-size:13px}
.sw{display:inline-block;width:13px;height:13px;border-radius:3px;margin-right:6px;vertical-align:-2px}
.who{margin:4px 0 0;padding:0;list-style:none;font-size:13.5px}
.who li{margin:3px 0;display:grid;grid-template-columns:290px 1fr;gap:12px}
.who b{font-weight:600}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:14px;margin-top:10px}
.conflict{border:1px solid %(line)s;border-radius:8px;padding:14px 16px;margin:14px 0}
.conflict h3{margin:0 0 4px}
.side{background:#f8fafc;border:1px solid %(line)s;border-radius:6px;padding:10px 12px}
.side .value{font-size:17px;font-weight:650}
blockquote.ev{margin:8px 0;padding:6px 12px;border-left:3px solid #b9c6d8;background:#f8fafc;font-size:13.5px}
blockquote.ev p{margin:0}
blockquote.ev mark{background:#fff0b3;padding:0 1px}
blockquote.ev cite{display:block;font-style:normal;color:%(muted)s;font-size:12px;margin-top:3px}
.evfact{border-top:1px solid %(line)s;padding:10px 0}
.evfact:target{background:#fffbe6}
.evfact h4{margin:0;font-size:14px;font-weight:600}
.evfact > .muted{font-size:13px}
footer{color:%(muted)s;font-size:12.5px;padding:6px 0 40px}
@media print{nav.toc{display:none}section{break-inside:avoid-page;border:none;padding:10px 0}body{background:#fff}}
""" % {"font": FONT, "ink": INK, "muted": MUTED, "line": LINE, "home": HOME_COLOUR}

PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="diplograph">
<title>$title</title>
<style>$css</style>
</head>
<body>
$header
$nav
<main class="wrap">
$sections
</main>
<footer class="wrap">Generated by diplograph on $generated from $kb_docs documents in the knowledge base.
Fact numbers (#) are knowledge base fact ids: <code>diplograph query fact ID</code> shows the same evidence.</footer>
</body>
</html>
""")


def esc(value: Any) -> str:
    """Text for HTML (quotes included, so it is safe in attributes too)."""
    return html.escape("" if value is None else str(value), quote=True)


# --- the country -----------------------------------------------------------------------------

class UnknownCountry(ValueError):
    """The name or id is no country of the registry."""


def resolve_country(text: str, registry: Registry | None = None) -> Entity:
    """The registry country for an id ("AZE", "aze") or a name ("Azerbaijan", "Turkey")."""
    from diplograph.registry.resolve import resolve_name
    reg = registry or get_registry()
    query = (text or "").strip()
    for candidate in (query, query.upper()):
        entity = reg.get(candidate, "country")
        if entity is not None:
            return entity
    if query:
        found = resolve_name(query)
        if found.id and found.kind == "country" and reg.get(found.id, "country"):
            return reg.get(found.id, "country")
        # Case-insensitive whole names ("azerbaijan"), current countries first.
        hits = [reg.get(entity_id, "country") for _s, entity_id, _via, kind in reg.lookup(query) if kind == "country"]
        hits = sorted({e.id: e for e in hits if e}.values(), key=lambda e: (e.historical is not None, e.id))
        if hits:
            return hits[0]
    raise UnknownCountry(f"{text!r} is not a country id or name in the registry "
                         f"(ids are ISO 3166 alpha-3 codes such as AZE; try: diplograph registry search NAME)")


# --- reading the knowledge base ----------------------------------------------------------------

@dataclass
class CountryData:
    """Everything the report shows about one country, read once."""

    entity: Entity
    registry: Registry
    facts: list[dict[str, Any]]                 # every KB fact involving the country, in time order
    partners: list[dict[str, Any]]
    memberships: list[dict[str, Any]]
    agreements: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    stats: dict[str, Any]
    evidence: dict[int, list[dict[str, Any]]]
    doc_kinds: dict[str, str]
    generated: datetime
    cited: dict[int, dict[str, Any]] = field(default_factory=dict)   # facts the sections link to

    @property
    def cid(self) -> str:
        return self.entity.id

    def name(self, entity_id: Any, kinds: tuple[str, ...] = ("country", "org", "group")) -> str:
        for kind in kinds:
            entity = self.registry.get(str(entity_id), kind)
            if entity is not None:
                return entity.name
        return str(entity_id)

    def is_country(self, entity_id: Any) -> bool:
        return self.registry.get(str(entity_id), "country") is not None

    # Lookups the sections make once per conflict side, claim or cited fact: indexes built once,
    # not a scan of every fact each time (a busy country has tens of thousands).
    @cached_property
    def _by_id(self) -> dict[Any, dict[str, Any]]:
        out: dict[Any, dict[str, Any]] = {}
        for f in self.facts:
            out.setdefault(f["fact_id"], f)      # the first, as a scan in order finds
        return out

    def fact(self, fact_id: Any) -> dict[str, Any] | None:
        """The country's KB fact with this id, or None."""
        return self._by_id.get(fact_id)

    @cached_property
    def _claims_by_figure(self) -> dict[tuple, list[dict[str, Any]]]:
        """(measure, figure as check_claims shows it) -> the claim facts stating it, in order."""
        out: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
        for f in self.facts:
            a = f["args"]
            if f["type"] != "claim" or not isinstance(a.get("measure"), str):
                continue          # claims' measures are text: nothing else can match one
            out[(a["measure"], _shown_figure(a))].append(f)
        return out


def _chunks(items: list, size: int = 500):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _stats(conn: Connection, country: str) -> dict[str, Any]:
    ent, links, docs, kb = TABLES["kb_fact_entities"], TABLES["kb_fact_sources"], TABLES["documents"], TABLES["kb_facts"]
    country_docs = conn.execute(
        select(func.count(distinct(links.c.doc_id)))
        .select_from(links.join(ent, ent.c.kb_fact_id == links.c.kb_fact_id))
        .where(ent.c.entity == country)).scalar_one()
    return {"documents": country_docs,
            "kb_documents": conn.execute(select(func.count()).select_from(docs)).scalar_one(),
            "kb_facts": conn.execute(select(func.count()).select_from(kb)).scalar_one()}


def _doc_kinds(conn: Connection, doc_ids: set[str]) -> dict[str, str]:
    docs = TABLES["documents"]
    out: dict[str, str] = {}
    for chunk in _chunks(sorted(doc_ids)):
        out.update({r.id: r.kind for r in conn.execute(select(docs.c.id, docs.c.kind).where(docs.c.id.in_(chunk)))})
    return out


def _kb_args(conn: Connection, kb_ids: list[int]) -> dict[int, tuple[dict, dict]]:
    """KB fact id -> (args, identity), as queries.kb_fact gives them, a chunk of ids per query."""
    kb = TABLES["kb_facts"]
    out: dict[int, tuple[dict, dict]] = {}
    for chunk in _chunks(kb_ids):
        for r in conn.execute(select(kb.c.id, kb.c.args, kb.c.identity).where(kb.c.id.in_(chunk))):
            out[r.id] = (queries.as_dict(r.args), queries.as_dict(r.identity))
    return out


def _evidence(conn: Connection, kb_ids: list[int], context: int) -> dict[int, list[dict[str, Any]]]:
    """queries.fact_evidence(conn, id, context) for many KB facts, a chunk of ids per query
    (one query per fact took most of the time of a busy country's report): the same rows in the
    same order (document date, document, span; then document fact and evidence row for ties)."""
    from sqlalchemy import case
    links, facts_t, docs, ev = TABLES["kb_fact_sources"], TABLES["facts"], TABLES["documents"], TABLES["evidence"]
    lo = case((ev.c.start > context, ev.c.start - context), else_=0)
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in kb_ids}
    for chunk in _chunks(kb_ids):
        stmt = (select(links.c.kb_fact_id, facts_t.c.id.label("doc_fact_id"), facts_t.c.doc_id, facts_t.c.modality,
                       facts_t.c.confidence, docs.c.source, docs.c.date, ev.c.start, ev.c.end, ev.c.text, lo.label("lo"),
                       func.substr(docs.c.original, lo + 1, ev.c.end + context - lo).label("window"))
                .select_from(links)
                .join(facts_t, facts_t.c.id == links.c.fact_id)
                .join(docs, docs.c.id == facts_t.c.doc_id)
                .join(ev, ev.c.fact_id == facts_t.c.id)
                .where(links.c.kb_fact_id.in_(chunk))
                .order_by(links.c.kb_fact_id, docs.c.date, facts_t.c.doc_id, ev.c.start, facts_t.c.id, ev.c.id))
        for r in conn.execute(stmt):
            window = r.window or ""
            cut = r.start - r.lo
            span = window[cut:cut + (r.end - r.start)]
            out[r.kb_fact_id].append({"doc": r.doc_id, "source": r.source, "doc_date": r.date,
                                      "doc_fact_id": r.doc_fact_id, "modality": r.modality, "confidence": r.confidence,
                                      "start": r.start, "end": r.end, "text": r.text, "before": window[:cut],
                                      "after": window[cut + len(span):], "matches_original": span == r.text})
    return out


def read_country(conn: Connection, entity: Entity, registry: Registry | None = None,
                 generated: datetime | None = None) -> CountryData:
    cid = entity.id
    rows = queries.timeline(conn, cid, include_negated=True)
    ids = [row["fact_id"] for row in rows]
    full = _kb_args(conn, ids)
    facts = [{**row, "args": full.get(row["fact_id"], ({}, {}))[0], "identity": full.get(row["fact_id"], ({}, {}))[1]}
             for row in rows]
    evidence = _evidence(conn, ids, context=90)
    # Only the country's conflicts and claims are worked out (the entity index), not the whole KB's.
    conflicts = find_conflicts(conn, entity=cid)
    doc_ids = {q["doc"] for quotes in evidence.values() for q in quotes}
    doc_ids |= {e["doc"] for c in conflicts for s in c["sides"] for e in s["evidence"] if e.get("doc")}
    return CountryData(
        entity=entity, registry=registry or get_registry(), facts=facts,
        partners=queries.partners(conn, cid), memberships=queries.memberships(conn, cid),
        agreements=queries.agreements(conn, cid), conflicts=conflicts,
        claims=check_claims(conn, include_unchecked=True, subject=cid),
        stats=_stats(conn, cid), evidence=evidence, doc_kinds=_doc_kinds(conn, doc_ids),
        generated=generated or datetime.now(timezone.utc))


# --- small HTML pieces ---------------------------------------------------------------------------

def _year(value: Any) -> int | None:
    text = str(value or "")
    return int(text[:4]) if text[:4].isdigit() else None


def _begin_year(row: dict[str, Any]) -> int | None:
    """When a fact held from: its stated start, else the date of its first source."""
    return _year(row.get("start")) or _year(row.get("first_seen"))


def _period(start: Any, end: Any) -> str:
    if start and end:
        return f"{esc(start)} – {esc(end)}"
    if start:
        return f"since {esc(start)}"
    if end:
        return f"until {esc(end)}"
    return '<span class="muted">not stated</span>'


def _period_cell(start: Any, end: Any) -> str:
    return f'<td class="nowrap">{_period(start, end)}</td>'


def _date_or_seen(row: dict[str, Any]) -> str:
    if row.get("start"):
        return esc(row["start"])
    if row.get("first_seen"):
        return f'<span class="muted" title="no date stated: date of the first source">reported {esc(row["first_seen"])}</span>'
    return '<span class="muted">no date</span>'


def _badge(text: str, cls: str) -> str:
    return f'<span class="badge b-{esc(cls)}">{esc(text)}</span>'


def _status(modality: str) -> str:
    return _badge(modality, modality)


def _entity(data: CountryData, entity_id: Any, kinds: tuple[str, ...] = ("country", "org", "group")) -> str:
    name = data.name(entity_id, kinds)
    if name == str(entity_id):
        return esc(name)
    return f'{esc(name)}<span class="id">{esc(entity_id)}</span>'


def _fact_link(data: CountryData, row: dict[str, Any]) -> str:
    """The KB fact id, linked to its evidence in the appendix."""
    fact_id = row["fact_id"]
    data.cited.setdefault(fact_id, row)
    return f'<a class="fact" href="#fact-{fact_id}">#{fact_id}</a>'


def _sources(n: Any) -> str:
    return f'<td class="num">{esc(n)}</td>'


def _table(head: list[str], rows: list[str]) -> str:
    header = "".join(f"<th>{esc(h)}</th>" for h in head)
    return f'<table><thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _row(*cells: str) -> str:
    return "<tr>" + "".join(c if c.startswith("<td") else f"<td>{c}</td>" for c in cells) + "</tr>"


def _section(anchor: str, lead: str, body: str) -> str:
    return (f'<section id="{anchor}"><h2>{esc(TITLES[anchor])}</h2>'
            + (f'<p class="lead">{lead}</p>' if lead else "") + body + "</section>")


def _empty(text: str) -> str:
    return f'<p class="empty">{esc(text)}</p>'


_TAG = re.compile(r"<[^>]*>")


def _readable(text: str, kind: str | None) -> str:
    """A quote as a reader sees it: HTML sources lose their tags and entities (the quote is
    still the original's span); all whitespace runs become one space. Escaped by the caller."""
    if kind == "html":
        text = re.sub(r"^[^<>]*>", "", text)       # a tag cut by the context window
        text = re.sub(r"<[^<>]*$", "", text)
        text = html.unescape(_TAG.sub(" ", text))
    return " ".join(text.split())


def _quote(data: CountryData, doc: str, text: str, start: Any, end: Any, before: str = "", after: str = "",
           date: Any = None) -> str:
    kind = data.doc_kinds.get(doc)
    # The context windows are cut by length: drop the word each one cuts.
    if before and int(start) > len(before) and re.search(r"\s", before):
        before = re.split(r"\s", before, maxsplit=1)[1]
    if after and re.search(r"\s", after) and not after[-1].isspace():
        after = re.split(r"\s(?=\S*$)", after)[0]
    pre, span, post = (_readable(part, kind) for part in (before, text, after))
    where = " · ".join(esc(x) for x in (doc, date, f"characters {start}–{end}") if x)
    return (f'<blockquote class="ev"><p>{"…" + esc(pre) + " " if pre else ""}<mark>{esc(span)}</mark>'
            f'{" " + esc(post) + "…" if post else ""}</p><cite>{where}</cite></blockquote>')


# --- charts ----------------------------------------------------------------------------------------

def _svg_tree_text(tree: Any) -> str:
    """An SVG element as markup for inline use: no scripts, comments or metadata."""
    from lxml import etree
    for node in list(tree.iter(etree.Comment, "{*}script", "{*}metadata")):
        node.getparent().remove(node)
    return etree.tostring(tree, encoding="unicode")


def _integer_labels(top: float) -> list[int]:
    step = max(1, math.ceil(top / 5))
    return list(range(0, int(step * math.ceil(max(top, 1) / step)) + 1, step))


def year_span(years: set[int] | list[int], at_least: int = 6) -> list[int]:
    """Consecutive years covering `years`, widened to `at_least` so a lone bar is not a slab."""
    lo, hi = min(years), max(years)
    missing = max(0, at_least - (hi - lo + 1))
    return list(range(lo - missing // 2, hi + (missing - missing // 2) + 1))


def bar_chart(x_labels: list[str], series: list[tuple[str, list[int], str]], *, stacked: bool = False,
              horizontal: bool = False, height: int = 300, title: str | None = None) -> str:
    """A pygal bar chart as inline SVG (values printed on the bars: there is no JS for tooltips)."""
    import pygal
    from pygal.style import Style
    style = Style(font_family=FONT, background="transparent", plot_background="transparent", foreground=INK,
                  foreground_strong=INK, foreground_subtle="#edf0f3", colors=tuple(c for _, _, c in series),
                  opacity=".92", opacity_hover="1", label_font_size=12, major_label_font_size=12,
                  legend_font_size=13, value_font_size=11, title_font_size=14, tooltip_font_size=12,
                  guide_stroke_dasharray="0", major_guide_stroke_dasharray="0", guide_stroke_color="#e4e7eb",
                  major_guide_stroke_color="#d5dbe3")
    kind = {(False, False): pygal.Bar, (True, False): pygal.StackedBar, (False, True): pygal.HorizontalBar,
            (True, True): pygal.HorizontalStackedBar}[(stacked, horizontal)]
    totals = [sum(vals) for vals in zip(*(v for _, v, _ in series))] if stacked else [max(v) for _, v, _ in series if v]
    # Few bars get a narrower chart, so they stay bars rather than slabs.
    width = 1000 if horizontal else min(1000, max(560, 260 + 64 * len(x_labels)))
    chart = kind(js=[], disable_xml_declaration=True, style=style, width=width, height=height, title=title,
                 legend_at_bottom=True, legend_at_bottom_columns=len(series) if width >= 700 else 1, print_values=True,
                 print_zeroes=False, truncate_label=-1, truncate_legend=-1, y_labels=_integer_labels(max(totals or [1])),
                 x_label_rotation=0 if horizontal or len(x_labels) <= 14 else 40, margin=14, spacing=14,
                 show_minor_y_labels=True, explicit_size=False)
    chart.x_labels = x_labels
    for name, values, _colour in series:
        chart.add(name, [v or None for v in values])
    return f'<div class="chart" style="max-width:{width}px">{_svg_tree_text(chart.render_tree())}</div>'


@lru_cache(maxsize=1)
def _world_outline() -> bytes:
    """pygal_maps_world's country shapes without the file's metadata, numbers shortened (the
    shapes are drawn ~2750 units wide, so one decimal is far below a pixel)."""
    from lxml import etree
    raw = resources.files("pygal_maps_world").joinpath("worldmap.svg").read_bytes()
    root = etree.fromstring(raw)
    for node in list(root.iter(etree.Comment, "{*}metadata", "{*}title")):
        node.getparent().remove(node)
    for node in root.iter("{*}path"):
        node.attrib.pop("id", None)
        node.set("d", re.sub(r"(\d+\.\d)\d+", r"\1", node.get("d", "")))
    for attr in ("width", "height"):
        root.attrib.pop(attr, None)
    # Antarctica has no foreign relations to show; without it the map loses a fifth of its height.
    for group in list(root.iter("{*}g")):
        if (group.get("class") or "").startswith("aq "):
            group.getparent().remove(group)
    root.set("viewBox", "-10 76 2728 1172")   # the shapes' extent
    for node in root.iter():
        node.text = node.text if node.text and node.text.strip() else None
        node.tail = None
    etree.cleanup_namespaces(root)
    return etree.tostring(root)


def world_map(fills: dict[str, tuple[str, str]]) -> str:
    """The world with the countries in `fills` (lowercase alpha-2 -> (colour, tooltip)) coloured,
    the others grey. Small states, drawn as a dot beside their outline, show the dot only when
    coloured."""
    from lxml import etree
    root = etree.fromstring(_world_outline())
    root.set("role", "img")
    root.set("aria-label", "World map of the report country's relations")
    ns = root.nsmap.get(None, "http://www.w3.org/2000/svg")
    countries = root.find("{*}g")
    countries.set("style", f"fill:{NO_FACTS_COLOUR};stroke:#ffffff;stroke-width:0.6;stroke-linejoin:round")
    for group in countries.iter("{*}g"):
        code = (group.get("class") or "").split(" ")[0]
        colour, tip = fills.get(code, (None, None))
        for dot in group.findall("{*}circle"):
            if colour:
                dot.set("style", f"fill:{colour};stroke:#ffffff;stroke-width:1.5")
            else:
                group.remove(dot)
        if colour:
            group.set("style", f"fill:{colour}")
            title = etree.SubElement(group, f"{{{ns}}}title")
            title.text = tip
            group.insert(0, title)
    return f'<div class="map">{etree.tostring(root, encoding="unicode")}</div>'


def membership_gantt(data: CountryData, rows: list[dict[str, Any]]) -> str:
    """Membership periods as bars over years: solid when asserted, outlined when planned; a
    period with no stated start is a dot at the date of its first source."""
    spans = []
    for r in rows:
        start, end, seen = _year(r["start"]), _year(r["end"]), _year(r["first_seen"])
        if start is None and end is None and seen is None:
            continue
        spans.append((r, start, end, seen))
    if not spans:
        return ""
    years = [y for _, s, e, seen in spans for y in (s, e, seen) if y] + \
            [y for r, *_ in spans for y in [_year(r["last_seen"])] if y]
    lo, hi = min(years), max(years) + 1
    if hi - lo < 6:
        lo, hi = lo - (6 - (hi - lo)) // 2, hi + (6 - (hi - lo) + 1) // 2
    width, label_w, row_h, top = 1000, 250, 30, 34
    plot_w = width - label_w - 30

    def x(year: float) -> float:
        return label_w + (year - lo) / (hi - lo) * plot_w

    height = top + row_h * len(spans) + 12
    step = max(1, math.ceil((hi - lo) / 12))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="Membership periods" font-family="{esc(FONT)}" font-size="13">']
    for year in range(lo, hi + 1, step):
        parts.append(f'<line x1="{x(year):.1f}" y1="{top - 8}" x2="{x(year):.1f}" y2="{height - 6}" stroke="#edf0f3"/>'
                     f'<text x="{x(year):.1f}" y="{top - 14}" text-anchor="middle" fill="{MUTED}" font-size="12">{year}</text>')
    for i, (r, start, end, seen) in enumerate(spans):
        y = top + i * row_h
        chair = r["role"] == "chair"
        colour = HOME_COLOUR if chair else "#5b7fc7"
        role = str(r["role"] or "").replace("_", " ")
        name = data.name(r["org"], ("org", "group", "country"))
        label = f"{name if len(name) <= 24 else r['org']} · {role}"
        parts.append(f'<text x="{label_w - 10}" y="{y + 19}" text-anchor="end" fill="{INK}">{esc(label[:34])}</text>')
        tip = f"{name} · {role}: {re.sub(r'<[^>]+>', '', _period(r['start'], r['end']))} ({r['modality']}, fact #{r['fact_id']})"
        if start is None and end is None:
            parts.append(f'<circle cx="{x(seen + 0.5):.1f}" cy="{y + 15}" r="6" fill="#fff" stroke="{colour}" '
                         f'stroke-width="2.5"><title>{esc(tip)} — no period stated; first reported {esc(r["first_seen"])}</title></circle>')
            continue
        x0 = x(start if start is not None else end)
        x1 = x((end if end is not None else hi) + (1 if end is not None else 0))
        fill = f'fill="{colour}"' if r["modality"] == "asserted" else f'fill="#fff" stroke="{colour}" stroke-dasharray="5 3" stroke-width="2"'
        parts.append(f'<rect x="{x0:.1f}" y="{y + 6}" width="{max(x1 - x0, 6):.1f}" height="18" rx="4" {fill}>'
                     f'<title>{esc(tip)}</title></rect>')
        if end is None:
            parts.append(f'<text x="{x1 + 4:.1f}" y="{y + 20}" fill="{MUTED}" font-size="12">▸</text>')
    parts.append("</svg>")
    return '<div class="chart">' + "".join(parts) + "</div>"


# --- sections --------------------------------------------------------------------------------------

def header_html(data: CountryData) -> str:
    e = data.entity
    years = [y for f in data.facts for y in (_year(f["start"]), _year(f["end"]), _year(f["first_seen"])) if y]
    seen = sorted(s for f in data.facts for s in (f["first_seen"], f["last_seen"]) if s)
    period = f"{min(years)} – {max(years)}" if years else "—"
    cards = [(f"{data.stats['documents']}", f"documents with facts (of {data.stats['kb_documents']} in the KB)"),
             (f"{len(data.facts)}", f"knowledge base facts (of {data.stats['kb_facts']})"),
             (period, "period the facts cover"),
             (f"{seen[0][:7]} – {seen[-1][:7]}" if seen else "—", "dates of the sources"),
             (data.generated.strftime("%Y-%m-%d"), "report generated")]
    region = f"{e.region} · " if e.region else ""
    stats = "".join(f'<div class="stat"><b>{esc(v)}</b><span>{esc(t)}</span></div>' for v, t in cards)
    return (f'<header class="top"><div class="wrap"><h1>{esc(e.name)}<span class="code">{esc(e.id)}</span></h1>'
            f'<p class="sub">{esc(region)}Country report from the diplograph knowledge base</p>'
            f'<div class="stats">{stats}</div></div></header>')


def _group_of(data: CountryData, partner: Any) -> str:
    entity = data.registry.get(str(partner), "country")
    if entity is None:
        return ORGS_GROUP if data.registry.get_all(str(partner)) else NO_REGION
    return entity.region or NO_REGION


def partners_html(data: CountryData) -> str:
    if not data.partners:
        return _section("partners", "",
                        _empty(f"No strategic partnerships or alliances of {data.entity.name} are recorded."))
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in data.partners:
        groups[_group_of(data, row["partner"])].append(row)

    body = []
    for region in _region_order(groups):
        rows = groups[region]
        body.append(f'<tr class="group"><td colspan="7">{esc(region)} · {len({r["partner"] for r in rows})} '
                    f'partner{"s" if len({r["partner"] for r in rows}) != 1 else ""}</td></tr>')
        for level in LEVELS + tuple(sorted({r["level"] for r in rows} - set(LEVELS), key=str)):
            at_level = sorted((r for r in rows if r["level"] == level), key=lambda r: data.name(r["partner"]))
            if not at_level:
                continue
            body.append(f'<tr class="sub"><td colspan="7">{esc(RELATION_LABEL.get(level, str(level).replace("_", " ")))}</td></tr>')
            for r in at_level:
                body.append(_row(_entity(data, r["partner"]), _badge(RELATION_LABEL.get(r["level"], r["level"]), r["level"]),
                                 _period_cell(r["start"], r["end"]), _sources(r["sources"]),
                                 f'<td class="nowrap">{esc(r["first_seen"] or "—")}</td>',
                                 f'<td class="nowrap">{esc(r["last_seen"] or "—")}</td>', _fact_link(data, r)))
    table = _table(["Partner", "Level", "Period", "Sources", "First seen", "Last seen", "Fact"], body)
    return _section("partners",
                    "Asserted partnerships, grouped by the partner's UN M49 subregion, strongest level first. "
                    "The period is the one the sources state; first and last seen are the dates of the first and "
                    "latest source.", partners_chart(data, groups) + table)


def _region_order(groups: dict[str, list[dict]]) -> list[str]:
    """Regions with the strongest partners first, then the most partners; organizations last."""
    def key(name: str) -> tuple:
        rows = groups[name]
        return (name in (ORGS_GROUP, NO_REGION), min(LEVEL_RANK.get(r["level"], 9) for r in rows),
                -len({r["partner"] for r in rows}), name)
    return sorted(groups, key=key)


def partners_chart(data: CountryData, groups: dict[str, list[dict]]) -> str:
    """Partners per region, each counted once at its strongest level."""
    strongest: dict[str, dict[str, str]] = defaultdict(dict)
    for region, rows in groups.items():
        for r in sorted(rows, key=lambda r: LEVEL_RANK.get(r["level"], 9)):
            strongest[region].setdefault(r["partner"], r["level"])
    regions = _region_order(groups)
    series = [(RELATION_LABEL[level], [sum(1 for v in strongest[g].values() if v == level) for g in regions],
               RELATION_COLOUR[level]) for level in LEVELS]
    series = [s for s in series if any(s[1])]
    return bar_chart(list(reversed(regions)), [(n, list(reversed(v)), c) for n, v, c in series], stacked=True,
                     horizontal=True, height=110 + 36 * len(regions),
                     title="Partners per region (each at its strongest level)")


def _counterparts(data: CountryData, fact: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    for key in COUNTERPART_KEYS.get(fact["type"], ()):
        value = fact["args"].get(key)
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, str) and v != data.cid and data.is_country(v):
                out.add(v)
    return out


def strongest_relations(data: CountryData) -> dict[str, tuple[str, list[int]]]:
    """Each other country -> (its strongest relation with the report's country, the KB facts
    behind it). Only asserted facts count."""
    found: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for r in data.partners:
        if data.is_country(r["partner"]) and r["level"] in LEVEL_RANK:
            found[r["partner"]][r["level"]].append(r["fact_id"])
    for f in data.facts:
        if f["modality"] != "asserted" or f["type"] == "partnership":
            continue
        relation = f["type"] if f["type"] in ("visit", "agreement") else "other"
        for other in _counterparts(data, f):
            found[other][relation].append(f["fact_id"])
    order = [key for key, _, _ in RELATIONS]
    return {c: min(rels.items(), key=lambda kv: order.index(kv[0])) for c, rels in found.items()}


def map_html(data: CountryData) -> str:
    relations = strongest_relations(data)
    fills: dict[str, tuple[str, str]] = {}
    by_relation: dict[str, list[str]] = defaultdict(list)
    for country, (relation, fact_ids) in sorted(relations.items()):
        by_relation[relation].append(country)
        alpha2 = (data.registry.get(country, "country").alpha2 or "").lower()
        if alpha2:
            fills[alpha2] = (RELATION_COLOUR[relation], f"{data.name(country)}: {RELATION_LABEL[relation]} "
                             f"(facts {', '.join('#' + str(i) for i in sorted(set(fact_ids)))})")
    home = (data.entity.alpha2 or "").lower()
    if home:
        fills[home] = (HOME_COLOUR, f"{data.entity.name} (this report)")
    legend = [f'<span><i class="sw" style="background:{HOME_COLOUR}"></i>{esc(data.entity.name)}</span>']
    legend += [f'<span><i class="sw" style="background:{colour}"></i>{esc(label)}</span>'
               for key, label, colour in RELATIONS]
    legend.append(f'<span><i class="sw" style="background:{NO_FACTS_COLOUR}"></i>no facts</span>')
    lists = "".join(f'<li><b><i class="sw" style="background:{RELATION_COLOUR[key]}"></i>{esc(label)}</b><span>'
                    + ", ".join(_entity(data, c) for c in sorted(by_relation[key], key=data.name)) + "</span></li>"
                    for key, label, _ in RELATIONS if by_relation.get(key))
    body = world_map(fills) + f'<div class="legend">{"".join(legend)}</div>'
    body += f'<ul class="who">{lists}</ul>' if lists else _empty("No other country shares an asserted fact with it.")
    return _section("map",
                    f"Every country coloured by its strongest asserted relation with {esc(data.entity.name)}: "
                    "alliance, then comprehensive strategic and strategic partnership, then visits either way, "
                    "agreements, and any other shared fact (meetings, cooperation).", body)


def visits_html(data: CountryData) -> str:
    visits = [f for f in data.facts if f["type"] == "visit" and f["modality"] != "negated"]
    if not visits:
        return _section("visits", "", _empty(f"No visits to or from {data.entity.name} are recorded."))
    per_year: dict[int, Counter] = defaultdict(Counter)
    rows = []
    for f in visits:
        a = f["args"]
        incoming = a.get("host") == data.cid
        year = _begin_year(f)
        if year and f["modality"] == "asserted":
            per_year[year]["in" if incoming else "out"] += 1
        other = a.get("visitor") if incoming else a.get("host")
        rows.append(_row(f'<td class="nowrap">{_date_or_seen(f)}</td>',
                         "incoming" if incoming else "outgoing", _entity(data, other), esc(a.get("person") or "—"),
                         esc(a.get("kind") or "—"), esc(a.get("place") or "—"), _status(f["modality"]),
                         _sources(f["sources"]), _fact_link(data, f)))
    chart = ""
    if per_year:
        years = year_span(set(per_year))
        chart = bar_chart([str(y) for y in years],
                          [("Incoming", [per_year[y]["in"] for y in years], "#2a9d8f"),
                           ("Outgoing", [per_year[y]["out"] for y in years], "#e76f51")],
                          height=300, title="Visits per year")
    table = _table(["Date", "Direction", "Counterpart", "Visitor", "Kind", "Place", "Status", "Sources", "Fact"], rows)
    return _section("visits",
                    "Visits abroad by its leaders (outgoing) and visits it received (incoming). A visit with no "
                    "date of its own is counted in the year of its first source; planned visits are listed, not counted.",
                    chart + table)


def agreements_html(data: CountryData) -> str:
    if not data.agreements:
        return _section("agreements", "",
                        _empty(f"No agreements with {data.entity.name} as a party are recorded."))
    signed: Counter = Counter()
    reported: Counter = Counter()
    undated = 0
    rows = []
    for r in data.agreements:
        if _year(r["start"]):
            signed[_year(r["start"])] += 1
        elif _year(r["first_seen"]):
            reported[_year(r["first_seen"])] += 1
        else:
            undated += 1
        parties = ", ".join(_entity(data, p) for p in r["parties"] or [] if p != data.cid) or "—"
        title = esc(r["title"] or "untitled")
        rows.append(_row(f'<td class="nowrap">{_date_or_seen(r)}</td>', title,
                         esc(str(r["kind"] or "—").replace("_", " ")), parties, esc(r["place"] or "—"),
                         _status(r["modality"]), _sources(r["sources"]), _fact_link(data, r)))
    chart = ""
    years_seen = set(signed) | set(reported)
    if years_seen:
        years = year_span(years_seen)
        series = [("Signed that year", [signed[y] for y in years], "#5b7fc7")]
        if reported:
            series.append(("No signing date: year first reported", [reported[y] for y in years], "#b7c7e6"))
        chart = bar_chart([str(y) for y in years], series, stacked=True, height=300, title="Agreements per year")
    note = f'<p class="empty">{undated} agreement{"s" if undated != 1 else ""} with no date at all (not in the chart).</p>' if undated else ""
    table = _table(["Date", "Title", "Kind", "Other parties", "Place", "Status", "Sources", "Fact"], rows)
    return _section("agreements",
                    "Treaties, conventions, declarations, memoranda and other agreements it is a party to, by date "
                    "of signature.", chart + note + table)


def memberships_html(data: CountryData) -> str:
    if not data.memberships:
        return _section("memberships", "",
                        _empty(f"No memberships of {data.entity.name} in organizations are recorded."))
    ordered = sorted(data.memberships, key=lambda r: (_begin_year(r) or 9999, str(r["org"]), str(r["role"])))
    rows = []
    for r in ordered:
        role = str(r["role"] or "").replace("_", " ")
        rows.append(_row(_entity(data, r["org"], ("org", "group", "country")),
                         _badge(role, "chair" if r["role"] == "chair" else "role"), _period_cell(r["start"], r["end"]),
                         _status(r["modality"]), _sources(r["sources"]),
                         f'<td class="nowrap">{esc(r["first_seen"] or "—")}</td>',
                         f'<td class="nowrap">{esc(r["last_seen"] or "—")}</td>', _fact_link(data, r)))
    gantt = membership_gantt(data, [r for r in ordered if r["modality"] != "negated"])
    table = _table(["Organization", "Role", "Period", "Status", "Sources", "First seen", "Last seen", "Fact"], rows)
    return _section("memberships",
                    "Organizations it belongs to, chairs, observes or partners with. Bars are stated periods, dark for "
                    "chairmanships (outlined: planned; ▸ still running at the latest source); a dot marks a membership whose "
                    "sources give no period, at the date of the first one. Denials are listed as negated.",
                    gantt + table)


def conflicts_html(data: CountryData) -> str:
    if not data.conflicts:
        return _section("conflicts", "",
                        _empty(f"The sources do not disagree on any fact about {data.entity.name}."))
    cards = []
    for c in data.conflicts:
        sides = []
        for s in c["sides"]:
            quotes = "".join(_quote(data, e["doc"], e["text"], e["start"], e["end"]) for e in s["evidence"][:QUOTES_PER_FACT])
            more = len(s["evidence"]) - QUOTES_PER_FACT
            sides.append(f'<div class="side"><div class="value">{esc(s["value"])}</div>'
                         f'<div class="muted">{esc(s["modality"])} · KB fact '
                         f'<a class="fact" href="#fact-{s["kb_fact_id"]}">#{esc(s["kb_fact_id"])}</a> · '
                         f'{len(s["documents"])} source{"s" if len(s["documents"]) != 1 else ""}: '
                         f'{esc(", ".join(s["documents"]))}</div>{quotes}'
                         + (f'<p class="muted">and {more} more quotes</p>' if more > 0 else "") + "</div>")
            fact = data.fact(s["kb_fact_id"])
            if fact is not None:
                data.cited.setdefault(fact["fact_id"], fact)
        cards.append(f'<div class="conflict"><h3>{esc(c["summary"])}</h3>'
                     f'<span class="badge b-warn">{esc(c["kind"])} disagreement</span>'
                     f'<div class="cards">{"".join(sides)}</div></div>')
    return _section("conflicts",
                    "Facts about it on which sources disagree (periods, figures, partnership levels), each side "
                    "with the words of its sources.", "".join(cards))


def _shown_figure(args: dict[str, Any]) -> str:
    """A claim fact's figure as kb.claims shows it ("more than 90")."""
    return ((f"{args['qualifier'].replace('_', ' ')} " if args.get("qualifier") not in (None, "exact") else "")
            + str(args.get("value")))


def _claim_facts(data: CountryData, claim: dict[str, Any]) -> list[dict[str, Any]]:
    """The KB facts behind a checked claim (same measure, figure and year)."""
    return [f for f in data._claims_by_figure.get((claim["measure"], claim["claimed"]), ())
            if claim["as_of"] is None or _begin_year(f) == claim["as_of"]]


def _names(data: CountryData, ids: list[str]) -> str:
    return ", ".join(_entity(data, i) for i in ids) if ids else "—"


def claims_html(data: CountryData) -> str:
    if not data.claims:
        return _section("claims", "", _empty(f"No source states a figure about {data.entity.name}."))
    rows = []
    for c in data.claims:
        status = c["status"]
        cls = {"consistent": "ok", "not checkable": "none"}.get(status, "warn")
        facts = _claim_facts(data, c)
        kb_count = esc(c["kb_count"]) if c["kb_count"] is not None else '<span class="muted">—</span>'
        counted = (f'<br><span class="muted">counted: {_names(data, c["kb_names"])}</span>' if c["kb_names"] else "")
        rows.append(_row(esc(str(c["measure"]).replace("_", " ")), f'<td class="num">{esc(c["claimed"])}</td>',
                         esc(c["as_of"] or "—"), f'<td class="num">{kb_count}</td>', _badge(status, cls) + counted,
                         _names(data, c["missing"]), _names(data, c["extra"]),
                         f'{len(c["documents"])}: {esc(", ".join(c["documents"]))}',
                         " ".join(_fact_link(data, f) for f in facts) or "—",
                         f'<span class="muted">{esc(c["note"])}</span>'))
    checked = sum(1 for c in data.claims if c["kb_count"] is not None)
    table = _table(["Measure", "Claimed", "As of", "KB count", "Status", "Missing", "Extra", "Sources", "Fact", "Note"], rows)
    return _section("claims",
                    f"Quantitative claims about it: {checked} checked against what the knowledge base itself "
                    f"counts, {len(data.claims) - checked} that it cannot check. Missing: expected by the claim "
                    "but not in the KB; extra: in the KB beyond the claim (most recent first).", table)


def evidence_html(data: CountryData) -> str:
    if not data.cited:
        return ""
    entries = []
    for fact_id in sorted(data.cited):
        fact = data.fact(fact_id)
        fact = data.cited[fact_id] if fact is None else fact
        quotes = data.evidence.get(fact_id, [])
        shown = "".join(_quote(data, q["doc"], q["text"], q["start"], q["end"], q["before"], q["after"], q["doc_date"])
                        for q in quotes[:QUOTES_PER_FACT])
        more = len(quotes) - QUOTES_PER_FACT
        what = fact.get("fact") or f'{fact.get("type", "fact")}'
        entries.append(f'<div class="evfact" id="fact-{fact_id}"><h4>#{fact_id} · {esc(fact.get("type", ""))}: '
                       f'{esc(what)}</h4><span class="muted">{_period(fact.get("start"), fact.get("end"))} · '
                       f'{esc(fact.get("modality", ""))} · {esc(fact.get("sources", "?"))} source(s)</span>'
                       f'{shown}' + (f'<p class="muted">and {more} more quotes</p>' if more > 0 else "") + "</div>")
    return _section("evidence", "The words of the sources for every fact cited above, with the "
                    "surrounding text (quotes from HTML pages without their markup).", "".join(entries))


SECTIONS = (("partners", "Partners", partners_html), ("map", "Map", map_html), ("visits", "Visits", visits_html),
            ("agreements", "Agreements", agreements_html), ("memberships", "Memberships", memberships_html),
            ("conflicts", "Conflicts", conflicts_html), ("claims", "Claims", claims_html))


def render(data: CountryData) -> str:
    """The whole page."""
    if data.facts:
        sections = [make(data) for _, _, make in SECTIONS]
        sections.append(evidence_html(data))
        links = [(anchor, label) for anchor, label, _ in SECTIONS] + ([("evidence", "Evidence")] if data.cited else [])
        nav = ('<nav class="toc"><div class="wrap">'
               + "".join(f'<a href="#{a}">{esc(label)}</a>' for a, label in links) + "</div></nav>")
    else:
        sections = [f'<div class="notice" id="no-facts"><b>No facts about {esc(data.entity.name)} '
                    f'({esc(data.cid)}) in this knowledge base.</b><br>None of its '
                    f'{data.stats["kb_documents"]} documents states a partnership, membership, visit, agreement '
                    f'or other fact involving it. Ingest documents about it (<code>diplograph ingest</code>) '
                    f'and build the report again.</div>']
        nav = ""
    return PAGE.substitute(title=esc(f"{data.entity.name} ({data.cid}) — diplograph country report"), css=CSS,
                           header=header_html(data), nav=nav, sections="\n".join(sections),
                           generated=esc(data.generated.strftime("%Y-%m-%d %H:%M UTC")),
                           kb_docs=esc(data.stats["kb_documents"]))


# --- entry points ------------------------------------------------------------------------------------

def build_report(conn_or_engine: Connection | Engine, country: str, *, generated: datetime | None = None) -> str:
    """The HTML report on `country` (an id or a name the registry resolves). UnknownCountry when
    the registry has no such country; a country the KB knows nothing about gets a report saying so."""
    entity = resolve_country(country)
    if isinstance(conn_or_engine, Engine):
        from diplograph.kb.db import ensure_schema
        ensure_schema(conn_or_engine, create=False)
        with conn_or_engine.connect() as conn:
            return render(read_country(conn, entity, generated=generated))
    return render(read_country(conn_or_engine, entity, generated=generated))


def default_path(country_id: str) -> Path:
    return Path(f"report-{country_id}.html")


def write_report(url: str | None, country: str, path: str | Path | None = None) -> Path:
    """Write the report on `country` from the KB at `url` (None: $DIPLOGRAPH_DB, else the default)
    to `path` (default report-<ID>.html). Raises UnknownCountry, or SchemaMissing for a database
    without a knowledge base."""
    from diplograph.kb.db import open_for_reading
    entity = resolve_country(country)
    engine = open_for_reading(url)
    try:
        page = build_report(engine, entity.id)
    finally:
        engine.dispose()
    out = Path(path) if path else default_path(entity.id)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
