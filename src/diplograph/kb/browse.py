"""What the web app reads from the knowledge base beyond kb.queries: counts, entity lists with
names, an entity's profile, the relation graph, map colours, a timeline across types, a paged
list of facts and a document with every evidence span in it.

Plain functions over a SQLAlchemy Connection that return dicts and lists (JSON as they are).
The SQL is the same on SQLite and PostgreSQL. Queries about one entity start from
kb_fact_entities (indexed by entity and type); queries over the whole KB are bounded by a limit
and take the best-sourced facts first, so they stay fast on a KB of a million facts.
Names come from the registry; an id the registry does not know is its own name.

Time filters keep a fact whose period overlaps [year_from, year_to]. A fact's period begins at
its stated start, else at the date of its first source; it ends at its stated end, else (for
relations that hold over a period: partnership, membership, participation, claim) it is still
open, else (events: visits, meetings, agreements ...) it ends where it began.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import combinations
from typing import Any, Iterable, Sequence

from sqlalchemy import Connection, Integer, Text, and_, cast, func, or_, select

from diplograph.kb.identity import TIMELESS
from diplograph.kb.queries import KB_COLUMNS, LEVEL_RANK, as_dict, describe, fact_evidence, kb_fact, memberships, \
    partners
from diplograph.kb.schema import TABLES

kb_t = TABLES["kb_facts"]
ent_t = TABLES["kb_fact_entities"]
links_t = TABLES["kb_fact_sources"]
facts_t = TABLES["facts"]
documents_t = TABLES["documents"]
evidence_t = TABLES["evidence"]

FACT_TYPES = ("partnership", "membership", "visit", "meeting", "agreement", "participation", "hosting",
              "cooperation", "claim")
# The kinds kb_fact_entities holds (identity.entities_of): "other" is an id the registry does not know.
ENTITY_KINDS = ("country", "org", "group", "project", "event", "other")
MODALITIES = ("asserted", "planned", "negated")
MAX_LIMIT = {"entities": 500, "graph": 20000, "timeline": 5000, "facts": 500, "edges": 2000, "sources": 10000}
# An n-ary fact (meeting, agreement) with more parties than this is drawn as a star around one
# party instead of every pair (a declaration of 190 states would otherwise be 17,955 edges).
MAX_CLIQUE = 10
# Graph edges by fact type: (from role, to role); n-ary types link every pair within one role.
EDGE_ROLES = {"partnership": ("a", "b"), "cooperation": ("a", "b"), "membership": ("member", "org"),
              "visit": ("visitor", "host"), "participation": ("member", "project"), "hosting": ("host", "event")}
NARY_ROLE = {"meeting": "participants", "agreement": "parties"}
# Map colours, strongest first: the relation shown for a country is the strongest one it has.
MAP_RELATIONS = ("alliance", "comprehensive_strategic_partnership", "strategic_partnership", "visit", "agreement",
                 "meeting", "other")
SORTS = {"last_seen": kb_t.c.last_seen, "first_seen": kb_t.c.first_seen, "sources": kb_t.c.n_sources,
         "confidence": kb_t.c.confidence, "start": kb_t.c.start, "id": kb_t.c.id, "type": kb_t.c.type}
_CHUNK = 500


class BadFilter(ValueError):
    """A filter value the API answers with 400 (the message says what is allowed)."""


# --- parsing and checking filters -------------------------------------------------------------------

def parse_types(value: str | Sequence[str] | None) -> tuple[str, ...] | None:
    """'visit,agreement' -> ('visit', 'agreement'); None or '' -> None (every type)."""
    if value is None:
        return None
    parts = value.split(",") if isinstance(value, str) else [p for v in value for p in str(v).split(",")]
    types = tuple(dict.fromkeys(p.strip().lower() for p in parts if p.strip()))
    if not types:
        return None
    unknown = [t for t in types if t not in FACT_TYPES]
    if unknown:
        raise BadFilter(f"unknown fact type {unknown[0]!r} (use: {', '.join(FACT_TYPES)})")
    return types


def parse_modalities(value: str | Sequence[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    parts = value.split(",") if isinstance(value, str) else list(value)
    mods = tuple(dict.fromkeys(p.strip().lower() for p in parts if p.strip()))
    if not mods:
        return None
    unknown = [m for m in mods if m not in MODALITIES]
    if unknown:
        raise BadFilter(f"unknown modality {unknown[0]!r} (use: {', '.join(MODALITIES)})")
    return mods


def check_kind(kind: str | None) -> str | None:
    if kind in (None, ""):
        return None
    if kind not in ENTITY_KINDS:
        raise BadFilter(f"unknown entity kind {kind!r} (use: {', '.join(ENTITY_KINDS)})")
    return kind


def parse_entity(value: str | None) -> tuple[str, str] | None:
    """'country:AZE' -> ('country', 'AZE'). A bare id gets the kind the registry gives it
    (countries first, as the KB does)."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    kind, sep, entity_id = value.partition(":")
    if sep and kind in ENTITY_KINDS:
        if not entity_id.strip():
            raise BadFilter(f"entity {value!r} has no id after the kind")
        return kind, entity_id.strip()
    if sep and re.fullmatch(r"[a-z]+", kind) and kind not in ENTITY_KINDS:
        raise BadFilter(f"unknown entity kind {kind!r} in {value!r} (use <kind>:<id> with kind one of: "
                        f"{', '.join(ENTITY_KINDS)})")
    if len(value) > 200:
        raise BadFilter("entity id longer than 200 characters")
    from diplograph.kb.identity import entity_kind
    return entity_kind(value), value


def check_years(year_from: int | None, year_to: int | None) -> None:
    if year_from is not None and year_to is not None and year_from > year_to:
        raise BadFilter(f"'from' ({year_from}) is after 'to' ({year_to})")


def check_limit(limit: int, what: str) -> int:
    top = MAX_LIMIT[what]
    if limit < 1 or limit > top:
        raise BadFilter(f"limit must be between 1 and {top}")
    return limit


def entity_key(kind: str, entity_id: str) -> str:
    return f"{kind}:{entity_id}"


# --- names ---------------------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def _registry_entry(kind: str, entity_id: str):
    from diplograph.registry.load import get_registry
    reg = get_registry()
    return reg.get(entity_id, kind) if kind != "other" else None


def entity_name(kind: str, entity_id: str) -> str:
    found = _registry_entry(kind, entity_id)
    return found.name if found is not None else entity_id


def _node(kind: str, entity_id: str, **extra: Any) -> dict[str, Any]:
    return {"key": entity_key(kind, entity_id), "id": entity_id, "kind": kind, "name": entity_name(kind, entity_id),
            **extra}


@lru_cache(maxsize=1)
def _search_index() -> tuple[tuple[str, str, str], ...]:
    """(kind, id, every name folded and joined) for the registry entries facts can name."""
    from diplograph.registry.load import fold, get_registry
    out = []
    for e in get_registry():
        if e.kind not in ENTITY_KINDS:
            continue
        names = [e.id, e.name, *e.aliases, *e.acronyms, *(f.get("name", "") for f in e.former)]
        out.append((e.kind, e.id, "\x00".join(fold(n).lower() for n in names if n)))
    return tuple(out)


def _registry_matches(q: str, kind: str | None = None, limit: int = 400) -> list[tuple[str, str]]:
    """(kind, id) of registry entries whose id, name, alias or acronym contains q (accents and
    case ignored)."""
    from diplograph.registry.load import fold
    needle = fold(q).lower().strip()
    if not needle:
        return []
    out = []
    for k, i, names in _search_index():
        if (kind is None or k == kind) and needle in names:
            out.append((k, i))
            if len(out) >= limit:
                break
    return out


# --- shared SQL pieces ---------------------------------------------------------------------------

def _begin_year():
    """The year a KB fact's period begins: its stated start, else its first source's date."""
    return func.coalesce(kb_t.c.start_year, cast(func.substr(kb_t.c.first_seen, 1, 4), Integer))


def _time_conditions(year_from: int | None, year_to: int | None) -> list:
    begin = _begin_year()
    out = []
    if year_to is not None:
        out.append(begin <= year_to)
    if year_from is not None:
        still_open = and_(kb_t.c.type.in_(sorted(TIMELESS)), kb_t.c.end_year.is_(None), begin.is_not(None))
        out.append(or_(still_open, func.coalesce(kb_t.c.end_year, begin) >= year_from))
    return out


def _icontains(conn: Connection, column, text: str):
    """column contains text, case ignored: ILIKE on PostgreSQL; on SQLite plain LIKE, which
    ignores ASCII case by itself and is four times faster than lower(column) LIKE."""
    if conn.dialect.name == "sqlite":
        return column.contains(text, autoescape=True)
    return column.icontains(text, autoescape=True)


def _entity_facts(kind: str, entity_id: str, types: Sequence[str] | None = None):
    """The ids of the KB facts involving one entity (from the entity index)."""
    stmt = select(ent_t.c.kb_fact_id).where(ent_t.c.entity == entity_id, ent_t.c.kind == kind)
    if types:
        stmt = stmt.where(ent_t.c.type.in_(types))
    return stmt


def _source_facts(source: str):
    """The ids of the KB facts stated in documents with this source (documents -> facts by the
    doc_id index -> their KB links)."""
    return (select(links_t.c.kb_fact_id)
            .select_from(documents_t)
            .join(facts_t, facts_t.c.doc_id == documents_t.c.id)
            .join(links_t, links_t.c.fact_id == facts_t.c.id)
            .where(documents_t.c.source == source))


def _type_condition(types: Sequence[str]):
    """type IN (...) for a few types; for most types, NOT IN the others. With bound values, SQLite
    reads `type IN (8 values)` through the type index, one random row read per fact (six times
    slower than reading the table in order when most facts match)."""
    others = [t for t in FACT_TYPES if t not in types]
    if len(types) <= len(others):
        return kb_t.c.type.in_(types)
    return kb_t.c.type.not_in(others) if others else None


def _conditions(*, types: Sequence[str] | None = None, year_from: int | None = None, year_to: int | None = None,
                min_confidence: float | None = None, source: str | None = None,
                entity: tuple[str, str] | None = None, modalities: Sequence[str] | None = None) -> list:
    conds = []
    if types and _type_condition(types) is not None:
        conds.append(_type_condition(types))
    if modalities:
        conds.append(kb_t.c.modality.in_(modalities))
    if min_confidence:
        conds.append(kb_t.c.confidence >= min_confidence)
    conds += _time_conditions(year_from, year_to)
    if entity is not None:
        conds.append(kb_t.c.id.in_(_entity_facts(entity[0], entity[1], types)))
    if source:
        conds.append(kb_t.c.id.in_(_source_facts(source)))
    return conds


def _top_rows(conn: Connection, conds: list, order: Sequence, limit: int, offset: int = 0) -> list[Any]:
    """The KB fact rows matching `conds`, in `order`, one page. The sort reads ids and sort keys
    only, then the page's rows are fetched by id: sorting whole rows (JSON arguments included)
    over a million facts is several times slower."""
    stmt = select(kb_t.c.id).where(*conds).order_by(*order).limit(limit)
    if offset:
        stmt = stmt.offset(offset)
    ids = list(conn.execute(stmt).scalars())
    if not ids:
        return []
    by_id = {}
    for chunk in _chunks(ids):
        by_id.update((r.id, r) for r in conn.execute(select(*KB_COLUMNS).where(kb_t.c.id.in_(chunk))))
    return [by_id[i] for i in ids if i in by_id]


def _chunks(seq: Sequence, n: int = _CHUNK) -> Iterable[Sequence]:
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def _entity_rows(conn: Connection, kb_ids: Sequence[int]) -> dict[int, list[Any]]:
    """kb fact id -> its entity rows (role, entity, kind), read by primary key."""
    out: dict[int, list[Any]] = defaultdict(list)
    for chunk in _chunks(sorted(set(kb_ids))):
        stmt = (select(ent_t.c.kb_fact_id, ent_t.c.role, ent_t.c.entity, ent_t.c.kind)
                .where(ent_t.c.kb_fact_id.in_(chunk)).order_by(ent_t.c.kb_fact_id, ent_t.c.role, ent_t.c.entity))
        for r in conn.execute(stmt):
            out[r.kb_fact_id].append(r)
    return out


def _fact_item(r: Any, entities: list[Any] | None = None) -> dict[str, Any]:
    args = as_dict(r.args)
    item = {"fact_id": r.id, "type": r.type, "fact": describe(r.type, args), "args": args, "start": r.start,
            "end": r.end, "modality": r.modality, "confidence": round(float(r.confidence or 0.0), 4),
            "sources": r.n_sources, "first_seen": r.first_seen, "last_seen": r.last_seen}
    if entities is not None:
        item["entities"] = [{**_node(e.kind, e.entity), "role": e.role} for e in entities]
    return item


def _items(conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    ents = _entity_rows(conn, [r.id for r in rows])
    return [_fact_item(r, ents.get(r.id, [])) for r in rows]


# --- overview ------------------------------------------------------------------------------------

def stats(conn: Connection) -> dict[str, Any]:
    """Row counts, KB facts by type and the range of years the KB covers."""
    count = lambda t: conn.execute(select(func.count()).select_from(t)).scalar_one()  # noqa: E731
    by_type = {t: 0 for t in FACT_TYPES}
    for r in conn.execute(select(kb_t.c.type, func.count()).group_by(kb_t.c.type)):
        by_type[r[0]] = r[1]
    r = conn.execute(select(func.min(kb_t.c.start_year), func.max(kb_t.c.start_year), func.max(kb_t.c.end_year),
                            func.min(kb_t.c.first_seen), func.max(kb_t.c.last_seen))).one()
    lows = [y for y in (r[0], _year(r[3])) if y is not None]
    highs = [y for y in (r[1], r[2], _year(r[4])) if y is not None]
    years = [min(lows), max(highs)] if lows and highs else None
    return {"documents": count(documents_t), "facts": count(facts_t), "kb_facts": sum(by_type.values()),
            "by_type": by_type, "years": years}


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdigit() else None


def sources(conn: Connection, q: str | None = None, limit: int = 1000) -> list[dict[str, Any]]:
    """The documents' sources (file path or URL) with how many documents each has."""
    stmt = select(documents_t.c.source, func.count().label("n")).group_by(documents_t.c.source)
    if q:
        stmt = stmt.where(_icontains(conn, documents_t.c.source, q))
    stmt = stmt.order_by(documents_t.c.source).limit(limit)
    return [{"source": r.source, "documents": r.n} for r in conn.execute(stmt)]


# --- entities ------------------------------------------------------------------------------------

def entities(conn: Connection, q: str | None = None, kind: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Entities that occur in the KB, most facts first. q matches the id, the registry name,
    an alias or an acronym (case and accents ignored).

    Counting by (entity, kind) over the whole entity index means reading every table row (the
    index holds entity and type, not kind): 20 s on a million facts. So entities are counted by
    id on the index alone, and the kind comes from the registry; only ids the registry has under
    several kinds (NAM: Namibia and the Non-Aligned Movement) or not at all are counted per kind.
    Such a count is of entity rows: a fact naming an entity in two roles counts twice."""
    q = (q or "").strip() or None
    if kind in ("project", "event", "other"):
        return _entities_of_kind(conn, kind, q, limit)
    n = func.count().label("n")
    stmt = select(ent_t.c.entity, n).group_by(ent_t.c.entity)
    if kind:
        stmt = stmt.where(or_(*(ent_t.c.entity.in_(chunk) for chunk in _chunks(_registry_ids(kind)))))
    if q:
        ids = sorted({i for _k, i in _registry_matches(q, kind)})
        conds = [_icontains(conn, ent_t.c.entity, q)]
        conds += [ent_t.c.entity.in_(chunk) for chunk in _chunks(ids)]
        stmt = stmt.where(or_(*conds))
    # Room for ids that turn out to be of another kind, or split over two kinds.
    stmt = stmt.order_by(n.desc(), ent_t.c.entity).limit(limit + 20)
    counted: list[tuple[str, str, int]] = []
    for r in conn.execute(stmt):
        kinds = _registry_kinds(r.entity)
        if len(kinds) == 1:
            counted.append((kinds[0], r.entity, r.n))
            continue
        exact = select(ent_t.c.kind, func.count(func.distinct(ent_t.c.kb_fact_id))).where(
            ent_t.c.entity == r.entity).group_by(ent_t.c.kind)
        counted += [(k, r.entity, c) for k, c in conn.execute(exact)]
    if kind:
        counted = [c for c in counted if c[0] == kind]
    counted.sort(key=lambda c: (-c[2], c[1], c[0]))
    return [_node(k, i, facts=c) for k, i, c in counted[:limit]]


def _entities_of_kind(conn: Connection, kind: str, q: str | None, limit: int) -> list[dict[str, Any]]:
    """Projects, events and unregistered ids: their ids are free text, so the rows of that kind
    are found by reading the table (not the index, which would then look up every row)."""
    n = func.count(func.distinct(ent_t.c.kb_fact_id)).label("n")
    stmt = (select(ent_t.c.entity, n).where(ent_t.c.kind == kind).group_by(ent_t.c.entity)
            .with_hint(ent_t, "NOT INDEXED", dialect_name="sqlite"))
    if q:
        conds = [_icontains(conn, ent_t.c.entity, q)]
        ids = sorted({i for _k, i in _registry_matches(q, kind)})
        conds += [ent_t.c.entity.in_(chunk) for chunk in _chunks(ids)]
        stmt = stmt.where(or_(*conds))
    stmt = stmt.order_by(n.desc(), ent_t.c.entity).limit(limit)
    return [_node(kind, r.entity, facts=r.n) for r in conn.execute(stmt)]


@lru_cache(maxsize=16)
def _registry_ids(kind: str) -> tuple[str, ...]:
    from diplograph.registry.load import get_registry
    return tuple(sorted({e.id for e in get_registry().by_kind(kind)}))


@lru_cache(maxsize=65536)
def _registry_kinds(entity_id: str) -> tuple[str, ...]:
    """The kinds the KB can give this id: its registry kinds among ENTITY_KINDS (empty: unknown)."""
    from diplograph.registry.load import get_registry
    return tuple(e.kind for e in get_registry().get_all(entity_id) if e.kind in ENTITY_KINDS)


def entity_profile(conn: Connection, kind: str, entity_id: str, recent: int = 20) -> dict[str, Any] | None:
    """One entity: name, region, its facts by type, partners, memberships (for an organization:
    its members) and its newest facts. None when neither the KB nor the registry knows it."""
    by_type = {r.type: r.n for r in conn.execute(
        select(ent_t.c.type, func.count(func.distinct(ent_t.c.kb_fact_id)).label("n"))
        .where(ent_t.c.entity == entity_id, ent_t.c.kind == kind).group_by(ent_t.c.type))}
    entry = _registry_entry(kind, entity_id)
    if not by_type and entry is None:
        return None
    total = conn.execute(select(func.count(func.distinct(ent_t.c.kb_fact_id)))
                         .where(ent_t.c.entity == entity_id, ent_t.c.kind == kind)).scalar_one()
    out = {**_node(kind, entity_id), "region": entry.region if entry is not None else None, "facts": total,
           "by_type": {t: by_type.get(t, 0) for t in FACT_TYPES}, "partners": [], "memberships": [], "members": []}
    if kind == "country":
        # Partnership and membership roles hold countries only, so these need no kind check.
        out["partners"] = [{**p, "name": entity_name("country", p["partner"])} for p in partners(conn, entity_id)]
        out["memberships"] = [{**m, "name": entity_name("org", str(m["org"]))} for m in memberships(conn, entity_id)]
    if kind in ("org", "group"):
        out["members"] = _members(conn, kind, entity_id)
    out["recent"] = timeline(conn, entity=(kind, entity_id), limit=recent, newest_first=True)
    return out


def _members(conn: Connection, kind: str, org: str) -> list[dict[str, Any]]:
    stmt = (select(*KB_COLUMNS).where(kb_t.c.id.in_(
        select(ent_t.c.kb_fact_id).where(ent_t.c.entity == org, ent_t.c.kind == kind, ent_t.c.type == "membership",
                                         ent_t.c.role == "org"))))
    out = []
    for r in conn.execute(stmt):
        ident = as_dict(r.identity)
        member = str(ident.get("member"))
        out.append({"member": member, "name": entity_name("country", member), "role": ident.get("role"),
                    "start": r.start, "end": r.end, "modality": r.modality, "sources": r.n_sources,
                    "first_seen": r.first_seen, "last_seen": r.last_seen, "fact_id": r.id})
    out.sort(key=lambda d: (d["name"], str(d["role"]), d["modality"]))
    return out


# --- the graph -----------------------------------------------------------------------------------

def _edge_label(fact_type: str, args: dict[str, Any]) -> tuple[str | None, str]:
    """(level, label) of an edge."""
    if fact_type == "partnership":
        level = args.get("level")
        return level, str(level or "partnership").replace("_", " ")
    if fact_type == "membership":
        return None, str(args.get("role") or "member").replace("_", " ")
    if fact_type == "visit":
        return None, f"{args['kind']} visit" if args.get("kind") else "visit"
    if fact_type == "agreement":
        return None, str(args.get("kind") or "agreement").replace("_", " ")
    if fact_type == "cooperation":
        return None, f"cooperation: {args.get('domain')}" if args.get("domain") else "cooperation"
    if fact_type == "hosting":
        return None, "hosts"
    return None, fact_type


def _pairs(fact_type: str, rows: list[Any], focus: tuple[str, str] | None) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """The (source, target) entity pairs one fact is drawn as."""
    if fact_type in EDGE_ROLES:
        src_role, dst_role = EDGE_ROLES[fact_type]
        srcs = [(r.kind, r.entity) for r in rows if r.role == src_role]
        dsts = [(r.kind, r.entity) for r in rows if r.role == dst_role]
        return [(s, d) for s in srcs for d in dsts if s != d]
    role = NARY_ROLE.get(fact_type)
    if role is None:
        return []
    members = sorted({(r.kind, r.entity) for r in rows if r.role == role})
    if len(members) <= MAX_CLIQUE:
        return list(combinations(members, 2))
    hub = focus if focus in members else members[0]
    return [(hub, m) for m in members if m != hub]


def graph(conn: Connection, *, types: Sequence[str] | None = None, year_from: int | None = None,
          year_to: int | None = None, min_confidence: float | None = None, source: str | None = None,
          entity: tuple[str, str] | None = None, modalities: Sequence[str] | None = ("asserted", "planned"),
          limit: int = 2000) -> dict[str, Any]:
    """Nodes and edges for the network view: the best-sourced facts matching the filters, one
    edge per pair of entities a fact links, at most `limit` edges. `truncated` says whether
    facts were left out by the limit."""
    types = tuple(t for t in (types or FACT_TYPES) if t != "claim")   # a claim names one entity: no edge
    if not types:
        return {"nodes": [], "edges": [], "truncated": False}
    conds = _conditions(types=types, year_from=year_from, year_to=year_to, min_confidence=min_confidence,
                        source=source, entity=entity, modalities=modalities)
    # Each fact gives at least one edge, so `limit` facts are enough for `limit` edges.
    rows = _top_rows(conn, conds, (kb_t.c.n_sources.desc(), kb_t.c.confidence.desc(), kb_t.c.id), limit + 1)
    truncated = len(rows) > limit
    rows = rows[:limit]
    ents = _entity_rows(conn, [r.id for r in rows])
    edges: list[dict[str, Any]] = []
    degree: Counter = Counter()
    for r in rows:
        args = as_dict(r.args)
        level, label = _edge_label(r.type, args)
        for i, (a, b) in enumerate(_pairs(r.type, ents.get(r.id, []), entity)):
            if len(edges) >= limit:
                truncated = True
                break
            edges.append({"id": f"e{r.id}-{i}", "fact_id": r.id, "source": entity_key(*a), "target": entity_key(*b),
                          "type": r.type, "level": level, "modality": r.modality,
                          "confidence": round(float(r.confidence or 0.0), 4), "start": r.start, "end": r.end,
                          "sources": r.n_sources, "label": label})
            degree[a] += 1
            degree[b] += 1
    if entity is not None and entity not in degree:
        degree[entity] += 0
    nodes = [_node(k, i, degree=d) for (k, i), d in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": edges, "truncated": truncated}


def edges_between(conn: Connection, a: tuple[str, str], b: tuple[str, str], limit: int = 500) -> list[dict[str, Any]]:
    """Every KB fact that involves both entities (as /api/facts items), oldest first."""
    begin = _begin_year()
    conds = [kb_t.c.id.in_(_entity_facts(*a)), kb_t.c.id.in_(_entity_facts(*b))]
    order = (begin.is_(None), begin, kb_t.c.start, kb_t.c.type, kb_t.c.id)
    return _items(conn, _top_rows(conn, conds, order, limit))


# --- the map -------------------------------------------------------------------------------------

def map_relations(conn: Connection, country: str, year_from: int | None = None, year_to: int | None = None,
                  max_facts: int = 20) -> dict[str, Any]:
    """For each country `country` has an asserted fact with: the strongest relation (alliance,
    comprehensive strategic / strategic partnership, visit, agreement, meeting, other), how
    many facts link them (`count`) and the ids of up to `max_facts` of them, best-sourced first
    (/api/edges lists them all). Plus `numeric`: ISO 3166 numeric code -> alpha-3.

    One indexed join gives (other country, fact, type, sources) rows; only partnerships have
    their JSON identity read (for the level)."""
    other = ent_t.alias("other")
    stmt = (select(other.c.entity, kb_t.c.id, kb_t.c.type, kb_t.c.n_sources)
            .select_from(ent_t)
            .join(other, (other.c.kb_fact_id == ent_t.c.kb_fact_id) & (other.c.entity != ent_t.c.entity))
            .join(kb_t, kb_t.c.id == ent_t.c.kb_fact_id)
            .where(ent_t.c.entity == country, ent_t.c.kind == "country", other.c.kind == "country",
                   kb_t.c.modality == "asserted", *_time_conditions(year_from, year_to)))
    per_country: dict[str, dict[int, tuple[int, str]]] = defaultdict(dict)
    partnership_ids = set()
    for other_id, kid, fact_type, n_sources in conn.execute(stmt):
        per_country[other_id][kid] = (n_sources, fact_type)
        if fact_type == "partnership":
            partnership_ids.add(kid)
    levels: dict[int, str] = {}
    for chunk in _chunks(sorted(partnership_ids)):
        for r in conn.execute(select(kb_t.c.id, kb_t.c.identity).where(kb_t.c.id.in_(chunk))):
            levels[r.id] = str(as_dict(r.identity).get("level"))
    rank = {rel: i for i, rel in enumerate(MAP_RELATIONS)}

    def relation(kid: int, fact_type: str) -> str:
        if fact_type == "partnership" and levels.get(kid) in LEVEL_RANK:
            return levels[kid]
        return fact_type if fact_type in ("visit", "agreement", "meeting") else "other"

    found = {}
    for other_id in sorted(per_country):
        fs = per_country[other_id]
        best = min({relation(kid, t) for kid, (_n, t) in fs.items()}, key=rank.__getitem__)
        ids = sorted(fs, key=lambda kid: (-fs[kid][0], kid))[:max_facts]
        found[other_id] = {"relation": best, "facts": ids, "count": len(fs), "name": entity_name("country", other_id)}
    return {"country": country, "name": entity_name("country", country), "countries": found,
            "numeric": iso_numeric()}


@lru_cache(maxsize=1)
def iso_numeric() -> dict[str, str]:
    """ISO 3166-1 numeric code ("792", zero-padded as in world-atlas) -> alpha-3 ("TUR")."""
    import pycountry
    return {c.numeric: c.alpha_3 for c in pycountry.countries}


def is_country(entity_id: str) -> bool:
    return _registry_entry("country", entity_id) is not None or entity_id in iso_numeric().values()


# --- timeline and facts --------------------------------------------------------------------------

def timeline(conn: Connection, *, entity: tuple[str, str] | None = None, types: Sequence[str] | None = None,
             year_from: int | None = None, year_to: int | None = None, limit: int = 500,
             newest_first: bool = False, include_negated: bool = False) -> list[dict[str, Any]]:
    """Facts in time order (of the entity, when given), oldest first or newest first; facts
    with no time at all come last."""
    begin = _begin_year()
    mods = None if include_negated else ("asserted", "planned")
    conds = _conditions(types=types, year_from=year_from, year_to=year_to, entity=entity, modalities=mods)
    when = func.coalesce(kb_t.c.start, kb_t.c.first_seen)      # the row's "when"
    if newest_first:
        order = (begin.is_(None), begin.desc(), when.desc(), kb_t.c.type, kb_t.c.id.desc())
    else:
        order = (begin.is_(None), begin, when, kb_t.c.type, kb_t.c.id)
    out = []
    for r in _top_rows(conn, conds, order, limit):
        args = as_dict(r.args)
        out.append({"fact_id": r.id, "type": r.type, "when": r.start or r.first_seen, "start": r.start, "end": r.end,
                    "fact": describe(r.type, args), "modality": r.modality, "sources": r.n_sources,
                    "confidence": round(float(r.confidence or 0.0), 4), "first_seen": r.first_seen,
                    "last_seen": r.last_seen})
    return out


def _text_match(conn: Connection, q: str):
    """q in the fact's arguments (JSON text, case ignored; non-ASCII as JSON escapes it), its
    type, or one of its entities' registry names."""
    args_text = cast(kb_t.c.args, Text)
    conds = [_icontains(conn, args_text, q), kb_t.c.type == q.lower()]
    escaped = json.dumps(q)[1:-1]
    if escaped != q:
        conds.append(_icontains(conn, args_text, escaped))
    ids = sorted({i for _k, i in _registry_matches(q, limit=200)})
    if ids:
        conds.append(kb_t.c.id.in_(select(ent_t.c.kb_fact_id).where(ent_t.c.entity.in_(ids))))
    return or_(*conds)


def parse_sort(sort: str | None) -> tuple[str, bool]:
    """'-last_seen' -> ('last_seen', descending)."""
    sort = (sort or "-last_seen").strip()
    desc = sort.startswith("-")
    key = sort.lstrip("+-")
    if key not in SORTS:
        raise BadFilter(f"unknown sort {sort!r} (use one of {', '.join(SORTS)}, with '-' for descending)")
    return key, desc


def facts(conn: Connection, *, q: str | None = None, types: Sequence[str] | None = None,
          entity: tuple[str, str] | None = None, year_from: int | None = None, year_to: int | None = None,
          min_confidence: float | None = None, source: str | None = None, modalities: Sequence[str] | None = None,
          offset: int = 0, limit: int = 50, sort: str = "-last_seen") -> dict[str, Any]:
    """One page of KB facts matching the filters, with the total count."""
    key, desc = parse_sort(sort)
    conds = _conditions(types=types, year_from=year_from, year_to=year_to, min_confidence=min_confidence,
                        source=source, entity=entity, modalities=modalities)
    if q and q.strip():
        conds.append(_text_match(conn, q.strip()))
    total = conn.execute(select(func.count()).select_from(kb_t).where(*conds)).scalar_one()
    col = SORTS[key]
    order = (col.is_(None), col.desc(), kb_t.c.id.desc()) if desc else (col.is_(None), col, kb_t.c.id)
    return {"total": total, "offset": offset, "limit": limit, "items": _items(conn, _top_rows(conn, conds, order, limit, offset))}


def fact_detail(conn: Connection, kb_fact_id: int, context: int = 160) -> dict[str, Any] | None:
    """A KB fact (queries.kb_fact) with its entities and every piece of its evidence."""
    found = kb_fact(conn, kb_fact_id)
    if found is None:
        return None
    ents = _entity_rows(conn, [kb_fact_id]).get(kb_fact_id, [])
    found["entities"] = [{**_node(e.kind, e.entity), "role": e.role} for e in ents]
    found["evidence"] = fact_evidence(conn, kb_fact_id, context)
    return found


def document(conn: Connection, doc_id: str) -> dict[str, Any] | None:
    """A stored document with its original text and every evidence span in it (offsets into
    that text), each with its KB fact."""
    d = conn.execute(select(documents_t.c.id, documents_t.c.source, documents_t.c.url, documents_t.c.date,
                            documents_t.c.date_source, documents_t.c.language, documents_t.c.kind,
                            documents_t.c.original, documents_t.c.n_facts)
                     .where(documents_t.c.id == doc_id)).first()
    if d is None:
        return None
    stmt = (select(evidence_t.c.start, evidence_t.c.end, facts_t.c.id.label("doc_fact_id"), facts_t.c.type,
                   facts_t.c.modality, links_t.c.kb_fact_id)
            .select_from(facts_t)
            .join(evidence_t, evidence_t.c.fact_id == facts_t.c.id)
            .outerjoin(links_t, links_t.c.fact_id == facts_t.c.id)
            .where(facts_t.c.doc_id == doc_id)
            .order_by(evidence_t.c.start, evidence_t.c.end, facts_t.c.id))
    spans = [{"start": r.start, "end": r.end, "fact_id": r.kb_fact_id, "doc_fact_id": r.doc_fact_id, "type": r.type,
              "modality": r.modality} for r in conn.execute(stmt)]
    return {"id": d.id, "source": d.source, "url": d.url, "date": d.date, "date_source": d.date_source,
            "language": d.language, "kind": d.kind, "facts": d.n_facts, "text": d.original, "spans": spans}
