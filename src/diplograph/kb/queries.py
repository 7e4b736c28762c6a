"""The questions an analyst asks the knowledge base. Each takes a connection and returns plain
rows (dicts); kb.api turns them into DataFrames and the CLI into tables, JSON or CSV.

Every query starts from kb_fact_entities (indexed by entity and fact type), so it reads the
facts of one country, not the whole KB. JSON arguments are read in Python, which keeps the SQL
the same on SQLite and PostgreSQL.
"""
from __future__ import annotations

import json
from collections import deque
from typing import Any

from sqlalchemy import Connection, func, select

from diplograph.kb.schema import TABLES
from diplograph.model import Fact

kb_t = TABLES["kb_facts"]
ent_t = TABLES["kb_fact_entities"]
links_t = TABLES["kb_fact_sources"]
facts_t = TABLES["facts"]
documents_t = TABLES["documents"]
evidence_t = TABLES["evidence"]

LEVELS = ("strategic_partnership", "comprehensive_strategic_partnership", "alliance")
LEVEL_RANK = {lvl: i for i, lvl in enumerate(LEVELS)}
_LEVEL_ALIASES = {"strategic": "strategic_partnership", "comprehensive": "comprehensive_strategic_partnership",
                  "comprehensive_strategic": "comprehensive_strategic_partnership", "ally": "alliance",
                  "allies": "alliance"}
KB_COLUMNS = (kb_t.c.id, kb_t.c.type, kb_t.c.modality, kb_t.c.identity, kb_t.c.args, kb_t.c.start, kb_t.c.end,
              kb_t.c.start_year, kb_t.c.end_year, kb_t.c.first_seen, kb_t.c.last_seen, kb_t.c.n_sources,
              kb_t.c.n_facts, kb_t.c.confidence)


# The columns of each query's result, in order (the DataFrames' and the CLI tables').
COLUMNS = {
    "partners": ["partner", "level", "start", "end", "modality", "sources", "first_seen", "last_seen", "fact_id"],
    "timeline": ["when", "type", "fact", "start", "end", "modality", "sources", "first_seen", "last_seen", "fact_id"],
    "memberships": ["org", "role", "start", "end", "modality", "sources", "first_seen", "last_seen", "fact_id"],
    "agreements": ["title", "kind", "parties", "place", "start", "end", "modality", "sources", "first_seen",
                   "last_seen", "fact_id"],
    "fact": ["doc", "source", "doc_date", "doc_fact_id", "modality", "confidence", "start", "end", "text", "before",
             "after", "matches_original"],
    "path": ["step", "from", "to", "type", "fact", "start", "end", "modality", "sources", "first_seen", "last_seen",
             "fact_id"],
    "conflicts": ["conflict", "kind", "type", "summary", "side", "value", "modality", "documents", "evidence",
                  "kb_fact_id"],
    "claims": ["subject", "measure", "claimed", "as_of", "kb_count", "status", "missing", "extra", "kb_names",
               "documents", "note"],
}


def conflict_rows(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per side of each conflict, evidence as a list of 'doc: text' strings."""
    rows = []
    for c in found:
        for n, s in enumerate(c["sides"], 1):
            rows.append({"conflict": c["id"], "kind": c["kind"], "type": c["type"], "summary": c["summary"],
                         "side": n, "value": s["value"], "modality": s["modality"], "documents": s["documents"],
                         "evidence": [f"{e['doc']} [{e['start']}:{e['end']}]: {e['text']}" for e in s["evidence"]],
                         "kb_fact_id": s["kb_fact_id"]})
    return rows


def normalize_level(level: str | None) -> str | None:
    if level is None:
        return None
    key = level.strip().lower().replace("-", "_").replace(" ", "_")
    key = _LEVEL_ALIASES.get(key, key)
    if key not in LEVELS:
        raise ValueError(f"unknown partnership level {level!r} (use one of: {', '.join(LEVELS)})")
    return key


def as_dict(value: Any) -> dict[str, Any]:
    """A JSON column's value (some drivers return text)."""
    return json.loads(value) if isinstance(value, str) else (value or {})


def _year(v: str | None) -> int | None:
    return int(v[:4]) if v and v[:4].isdigit() else None


def begin_year(row: Any) -> int | None:
    """When a KB fact is known to hold from: its stated start, else its first source's date."""
    return row.start_year if row.start_year is not None else _year(row.first_seen)


def holds_at(row: Any, year: int | None) -> bool:
    if year is None:
        return True
    begin = begin_year(row)
    return begin is not None and begin <= year and (row.end_year is None or row.end_year >= year)


def describe(fact_type: str, args: dict[str, Any]) -> str:
    from diplograph.export.table import describe as describe_fact
    try:
        return describe_fact(Fact(doc="", type=fact_type, args=args))
    except (KeyError, TypeError, AttributeError):
        return json.dumps(args, ensure_ascii=False, sort_keys=True)


def _common(row: Any) -> dict[str, Any]:
    return {"start": row.start, "end": row.end, "modality": row.modality, "sources": row.n_sources,
            "first_seen": row.first_seen, "last_seen": row.last_seen, "fact_id": row.id}


def _facts_of(conn: Connection, entity: str, fact_type: str | None = None, role: str | None = None):
    stmt = select(*KB_COLUMNS, ent_t.c.role).join(ent_t, ent_t.c.kb_fact_id == kb_t.c.id).where(ent_t.c.entity == entity)
    if fact_type:
        stmt = stmt.where(ent_t.c.type == fact_type)
    if role:
        stmt = stmt.where(ent_t.c.role == role)
    return conn.execute(stmt)


def partners(conn: Connection, country: str, level: str | None = None, at: int | None = None) -> list[dict[str, Any]]:
    """Countries `country` is a partner of (asserted partnerships), one row per partner and level."""
    level = normalize_level(level)
    out = []
    for r in _facts_of(conn, country, "partnership"):
        if r.modality != "asserted" or r.role not in ("a", "b"):
            continue
        ident = as_dict(r.identity)
        if level and ident.get("level") != level:
            continue
        if not holds_at(r, at):
            continue
        partner = ident.get("b") if r.role == "a" else ident.get("a")
        out.append({"partner": partner, "level": ident.get("level"), **_common(r)})
    out.sort(key=lambda d: (-LEVEL_RANK.get(d["level"], -1), str(d["partner"])))
    return out


def timeline(conn: Connection, country: str, fact_type: str | None = None, start: int | None = None,
             end: int | None = None, include_negated: bool = False, limit: int | None = None) -> list[dict[str, Any]]:
    """What involved `country`, in time order. A fact is in [start, end] when its period (or
    the date of its first source, when it states no time) overlaps the range."""
    begin = func.coalesce(kb_t.c.start_year, func.cast(func.substr(kb_t.c.first_seen, 1, 4), kb_t.c.start_year.type))
    stmt = select(*KB_COLUMNS).join(ent_t, ent_t.c.kb_fact_id == kb_t.c.id).where(ent_t.c.entity == country)
    if fact_type:
        stmt = stmt.where(ent_t.c.type == fact_type)
    if not include_negated:
        stmt = stmt.where(ent_t.c.modality != "negated")
    if end is not None:
        stmt = stmt.where(begin <= end)
    if start is not None:
        stmt = stmt.where(func.coalesce(kb_t.c.end_year, begin) >= start)
    stmt = stmt.order_by(begin.is_(None), begin, kb_t.c.start, kb_t.c.type, kb_t.c.id)
    if limit:
        stmt = stmt.limit(limit)
    out, seen = [], set()
    for r in conn.execute(stmt):
        if r.id not in seen:      # an entity in two roles of one fact
            seen.add(r.id)
            out.append({"when": r.start or r.first_seen, "type": r.type, "fact": describe(r.type, as_dict(r.args)),
                        **_common(r)})
    return out


def memberships(conn: Connection, country: str) -> list[dict[str, Any]]:
    """Organizations `country` belongs to, chairs, observes ... (planned and negated shown as such)."""
    out = []
    for r in _facts_of(conn, country, "membership", "member"):
        ident = as_dict(r.identity)
        out.append({"org": ident.get("org"), "role": ident.get("role"), **_common(r)})
    out.sort(key=lambda d: (str(d["org"]), str(d["role"]), d["modality"]))
    return out


def agreements(conn: Connection, a: str, b: str | None = None) -> list[dict[str, Any]]:
    """Agreements `a` is a party to (with `b` among the parties, when given)."""
    other = ent_t.alias("other")
    stmt = select(*KB_COLUMNS).join(ent_t, ent_t.c.kb_fact_id == kb_t.c.id).where(
        ent_t.c.entity == a, ent_t.c.type == "agreement", ent_t.c.role == "parties")
    if b:
        stmt = stmt.join(other, (other.c.kb_fact_id == kb_t.c.id) & (other.c.role == "parties")).where(other.c.entity == b)
    out = []
    for r in conn.execute(stmt):
        args = as_dict(r.args)
        out.append({"title": args.get("title"), "kind": args.get("kind"), "parties": as_dict(r.identity).get("parties"),
                    "place": args.get("place"), **_common(r)})
    out.sort(key=lambda d: (d["start"] or "9999", str(d["title"])))
    return out


def kb_fact(conn: Connection, kb_fact_id: int) -> dict[str, Any] | None:
    r = conn.execute(select(*KB_COLUMNS).where(kb_t.c.id == kb_fact_id)).first()
    if r is None:
        return None
    args = as_dict(r.args)
    return {"fact_id": r.id, "type": r.type, "fact": describe(r.type, args), "args": args,
            "identity": as_dict(r.identity), "start": r.start, "end": r.end, "modality": r.modality,
            "first_seen": r.first_seen, "last_seen": r.last_seen, "sources": r.n_sources, "statements": r.n_facts,
            "confidence": r.confidence}


def fact_evidence(conn: Connection, kb_fact_id: int, context: int = 160) -> list[dict[str, Any]]:
    """Every piece of evidence for a KB fact, with `context` characters of its document on each
    side (cut from the stored original, so before + text + after is the source as written)."""
    from sqlalchemy import case
    lo = case((evidence_t.c.start > context, evidence_t.c.start - context), else_=0)
    stmt = (select(facts_t.c.id.label("doc_fact_id"), facts_t.c.doc_id, facts_t.c.modality, facts_t.c.confidence,
                   documents_t.c.source, documents_t.c.date, evidence_t.c.start, evidence_t.c.end, evidence_t.c.text,
                   lo.label("lo"),
                   # substr is 1-based; only the window around the span is read from the original.
                   func.substr(documents_t.c.original, lo + 1, evidence_t.c.end + context - lo).label("window"))
            .select_from(links_t)
            .join(facts_t, facts_t.c.id == links_t.c.fact_id)
            .join(documents_t, documents_t.c.id == facts_t.c.doc_id)
            .join(evidence_t, evidence_t.c.fact_id == facts_t.c.id)
            .where(links_t.c.kb_fact_id == kb_fact_id)
            .order_by(documents_t.c.date, facts_t.c.doc_id, evidence_t.c.start))
    out = []
    for r in conn.execute(stmt):
        window = r.window or ""
        cut = r.start - r.lo
        span = window[cut:cut + (r.end - r.start)]
        out.append({"doc": r.doc_id, "source": r.source, "doc_date": r.date, "doc_fact_id": r.doc_fact_id,
                    "modality": r.modality, "confidence": r.confidence, "start": r.start, "end": r.end,
                    "text": r.text, "before": window[:cut], "after": window[cut + len(span):],
                    "matches_original": span == r.text})
    return out


# --- how two entities are connected ---------------------------------------------------------------

Node = tuple[str, str]      # (kind, id): the country NAM and the organization NAM are two nodes


def _neighbours(conn: Connection, nodes: set[Node]) -> dict[Node, list[tuple[Node, int]]]:
    """For each node, the other entities it shares an asserted KB fact with (one fact per pair:
    the one with most sources)."""
    other = ent_t.alias("other")
    out: dict[Node, dict[Node, tuple[int, int]]] = {}
    ids = sorted({entity for _kind, entity in nodes})
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        stmt = (select(ent_t.c.entity, ent_t.c.kind, other.c.entity.label("nb"), other.c.kind.label("nb_kind"),
                       func.max(kb_t.c.n_sources).label("n"), func.min(kb_t.c.id).label("kid"))
                .select_from(ent_t)
                .join(other, (other.c.kb_fact_id == ent_t.c.kb_fact_id)
                      & ((other.c.entity != ent_t.c.entity) | (other.c.kind != ent_t.c.kind)))
                .join(kb_t, kb_t.c.id == ent_t.c.kb_fact_id)
                .where(ent_t.c.entity.in_(chunk), ent_t.c.modality == "asserted")
                .group_by(ent_t.c.entity, ent_t.c.kind, other.c.entity, other.c.kind))
        for r in conn.execute(stmt):
            node = (r.kind, r.entity)
            if node in nodes:
                out.setdefault(node, {})[(r.nb_kind, r.nb)] = (r.n, r.kid)
    return {k: [(nb, kid) for nb, (_n, kid) in sorted(v.items())] for k, v in out.items()}


def _start_nodes(conn: Connection, entity: str, kind: str | None) -> set[Node]:
    """The nodes an id given by the user stands for: every kind it is stored as, unless one is given."""
    stmt = select(ent_t.c.kind).where(ent_t.c.entity == entity).distinct()
    kinds = set(conn.execute(stmt).scalars())
    if kind is not None:
        kinds &= {kind}
    return {(k, entity) for k in kinds}


def path(conn: Connection, a: str, b: str, max_hops: int = 6, *, a_kind: str | None = None,
         b_kind: str | None = None) -> list[dict[str, Any]]:
    """A shortest chain of asserted KB facts from a to b (breadth-first from both ends; each
    fact joins the entities it involves: partners, member and organization, parties ...).
    Graph nodes are (kind, id): an id that is both a country and an organization (NAM) is two
    nodes, and a_kind / b_kind pick one ("country", "org" ...) for the ends."""
    if a == b and a_kind == b_kind:
        return []
    starts = [_start_nodes(conn, a, a_kind), _start_nodes(conn, b, b_kind)]
    if not starts[0] or not starts[1]:
        return []
    parents: list[dict[Node, tuple[Node, int] | None]] = [dict.fromkeys(sorted(starts[0])),
                                                           dict.fromkeys(sorted(starts[1]))]
    if set(parents[0]) & set(parents[1]):
        return []
    frontiers = [set(starts[0]), set(starts[1])]
    meet = None
    for _ in range(max_hops):
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        if not frontiers[side]:
            break
        nxt: set[Node] = set()
        for node, nbs in sorted(_neighbours(conn, frontiers[side]).items()):
            for nb, kid in nbs:
                if nb in parents[side]:
                    continue
                parents[side][nb] = (node, kid)
                nxt.add(nb)
                if nb in parents[1 - side] and meet is None:
                    meet = nb
        frontiers[side] = nxt
        if meet is not None:
            break
    if meet is None:
        return []
    chain: deque[tuple[str, str, int]] = deque()
    node = meet
    while parents[0][node] is not None:
        prev, kid = parents[0][node]
        chain.appendleft((prev[1], node[1], kid))
        node = prev
    node = meet
    while parents[1][node] is not None:
        nxt_node, kid = parents[1][node]
        chain.append((node[1], nxt_node[1], kid))
        node = nxt_node
    ids = [kid for _, _, kid in chain]
    rows = {r.id: r for r in conn.execute(select(*KB_COLUMNS).where(kb_t.c.id.in_(ids)))}
    return [{"step": i, "from": x, "to": y, "type": rows[k].type,
             "fact": describe(rows[k].type, as_dict(rows[k].args)), **_common(rows[k])}
            for i, (x, y, k) in enumerate(chain, 1)]
