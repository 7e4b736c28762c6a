"""Facts that sources disagree on.

- period: the same membership or chairmanship (member, org, role) given different periods
  ("2019-2022" vs "2019-2023"); a planned period against an asserted one is shown with its
  modality. A missing start or end is not a disagreement, nor is a more precise date of the
  same time ("2019" vs "2019-10").
- value: different figures for the same claim (subject, measure) about the same year, when
  their qualifiers cannot both be true ("180" vs "182"; "more than 90" and "95" agree). A
  figure with no year at all (no "as of", no document date) is compared with every year's and
  shown as undated.
- level: a pair of countries called strategic partners in one source and comprehensive
  strategic partners in another about the same year (the year the level was set, else the
  document's year). An alliance does not contradict a partnership level, so it is left out.

Each conflict lists its sides, each with the documents that state it and their evidence.

find_conflicts(conn, entity="AZE") does the same work for the KB facts involving one entity only
(by the kb_fact_entities index): the conflicts a whole-KB run finds whose KB facts involve it,
numbered 1.. in the same order. Every KB fact of a group compared (same member and org, same
subject and measure, same pair of countries) involves the same entities, so nothing a group
needs is left out.
"""
from __future__ import annotations

import json
from collections import defaultdict, namedtuple
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, func, literal, select

from diplograph.kb.schema import TABLES

kb_t = TABLES["kb_facts"]
links_t = TABLES["kb_fact_sources"]
facts_t = TABLES["facts"]
documents_t = TABLES["documents"]
evidence_t = TABLES["evidence"]

# Sources listed with evidence per side; the rest are counted and named by id only.
EVIDENCE_PER_SIDE = 20
LEVELS_COMPARED = ("strategic_partnership", "comprehensive_strategic_partnership")


def _differ(x: str | None, y: str | None) -> bool:
    """Two stated dates disagree unless one is missing or one is a prefix of the other."""
    return bool(x and y and not (x.startswith(y) or y.startswith(x)))


def _period(start: str | None, end: str | None) -> str:
    if start and end:
        return f"{start}–{end}"
    if start:
        return f"from {start}"
    return f"until {end}" if end else "no period"


def _chunks(seq: list, n: int = 500) -> Iterable[list]:
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def _freeze(identity: Any) -> str:
    if isinstance(identity, str):      # some drivers hand JSON back as text
        identity = json.loads(identity)
    return json.dumps(identity, sort_keys=True)


def json_field(conn: Connection, column: Any, key: str) -> Any:
    """One field of a JSON column, read by the database: whole-KB checks read hundreds of
    thousands of rows, and decoding each row's JSON in Python was most of their time. SQLite
    gives the field's own type (like json.loads); PostgreSQL gives text, which is only used where
    a string or float() of it is wanted."""
    if conn.dialect.name == "sqlite":
        return func.json_extract(column, literal(f'$."{key}"'))
    return column[key].as_string()


def _json_sql(conn: Connection, column: str, key: str) -> str:
    """json_field as SQL text (key: a constant of this module)."""
    if conn.dialect.name == "sqlite":
        return f"json_extract({column}, '$.\"{key}\"')"
    return f"{column} ->> '{key}'"


def _plain_rows(conn: Connection, sql: str, fields: tuple[str, ...], params: Any = None) -> list[Any]:
    """Rows of a query, straight from the driver's cursor (SQLAlchemy's per-row work was a good
    part of the time on hundreds of thousands of rows). Parameters in the driver's style (see _mark)."""
    row = namedtuple("Row", fields)       # type: ignore[misc]
    cur = conn.connection.dbapi_connection.cursor()
    try:
        cur.execute(sql, params) if params is not None else cur.execute(sql)
        return [row._make(r) for r in cur.fetchall()]
    finally:
        cur.close()


def _mark(conn: Connection) -> str:
    """The driver's positional parameter marker (sqlite3: ?, psycopg: %s)."""
    return "%s" if conn.dialect.name == "postgresql" else "?"


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


def _kb_rows(conn: Connection, fact_type: str, modalities: tuple[str, ...], keys: tuple[str, ...],
             entity: str | None = None) -> list[Any]:
    """The KB facts of a type, with the identity fields `keys`, in id order; with `entity`, only
    those involving it (found by the entity index, not by reading every KB fact of the type)."""
    columns = f"k.id, k.modality, k.n_sources{''.join(', ' + _json_sql(conn, 'k.identity', x) for x in keys)}"
    fields = ("id", "modality", "n_sources", *keys)
    if entity is None:
        sql = (f"SELECT {columns} FROM kb_facts k WHERE k.type = '{fact_type}' AND k.modality IN {_in(modalities)} "
               "ORDER BY k.id")
        return _plain_rows(conn, sql, fields)
    # DISTINCT: an entity may have two roles in one fact (a partnership of a country with itself).
    sql = (f"SELECT {columns} FROM kb_facts k JOIN (SELECT DISTINCT kb_fact_id FROM kb_fact_entities "
           f"WHERE entity = {_mark(conn)} AND type = '{fact_type}') e ON e.kb_fact_id = k.id "
           f"WHERE k.modality IN {_in(modalities)} ORDER BY k.id")
    return _plain_rows(conn, sql, fields, (entity,))


def _doc_facts(conn: Connection, fact_type: str, modalities: tuple[str, ...], kb_ids: set[int],
               arg_keys: tuple[str, ...] = (), dated_only: bool = False, with_date: bool = True,
               by_id: bool = False) -> list[Any]:
    """Every document fact behind these KB facts (of this type and modalities), with its
    document's date and the argument fields `arg_keys`. Whole KB: one query that reads the facts
    of the type in storage order (index ix_facts_type_modality; a fact has its KB fact's type and
    modality), rather than one per few hundred KB facts jumping between tables. `by_id` (one
    entity's few KB facts): the facts of these KB facts only, through the kb_fact_sources index."""
    sql = ("SELECT l.kb_fact_id, f.id, f.doc_id, f.start, f.\"end\", f.modality"
           + "".join(", " + _json_sql(conn, "f.args", k) for k in arg_keys)
           + (", d.date" if with_date else "")
           + " FROM facts f JOIN kb_fact_sources l ON l.fact_id = f.id"
           + (" JOIN documents d ON d.id = f.doc_id" if with_date else "")
           + f" WHERE f.type = '{fact_type}' AND f.modality IN {_in(modalities)}"
           + (' AND (f.start IS NOT NULL OR f."end" IS NOT NULL)' if dated_only else ""))
    fields = ("kb_fact_id", "id", "doc_id", "start", "end", "modality", *arg_keys, *(("date",) if with_date else ()))
    if not by_id:
        return [r for r in _plain_rows(conn, sql, fields) if r.kb_fact_id in kb_ids]
    out: list[Any] = []
    for chunk in _chunks(sorted(kb_ids)):
        where = f" AND l.kb_fact_id IN ({', '.join(_mark(conn) for _ in chunk)}) ORDER BY f.id"
        out += _plain_rows(conn, sql + where, fields, tuple(chunk))
    return out


def _side(value: str, modality: str, kb_fact_id: int, facts: list[Any]) -> dict[str, Any]:
    docs = sorted({f.doc_id for f in facts})
    return {"value": value, "modality": modality, "kb_fact_id": kb_fact_id, "documents": docs,
            # By document, then fact id: the same order whatever order the query gave the rows in.
            "_fact_ids": [f.id for f in sorted(facts, key=lambda f: (f.doc_id, f.id))][:EVIDENCE_PER_SIDE]}


_MEMBERSHIP = ("member", "org", "role")


def _period_conflicts(conn: Connection, entity: str | None = None) -> list[dict[str, Any]]:
    groups: dict[str, list[Any]] = defaultdict(list)
    for r in _kb_rows(conn, "membership", ("asserted", "planned"), _MEMBERSHIP, entity):
        groups[_freeze({k: getattr(r, k) for k in _MEMBERSHIP})].append(r)
    candidates = {key: rows for key, rows in groups.items() if sum(r.n_sources for r in rows) >= 2}
    ids = {r.id for rows in candidates.values() for r in rows}
    by_kb: dict[int, list[Any]] = defaultdict(list)
    # Statements with neither start nor end take no side: left out by the query.
    for f in _doc_facts(conn, "membership", ("asserted", "planned"), ids, dated_only=True, with_date=False,
                        by_id=entity is not None):
        by_kb[f.kb_fact_id].append(f)
    out = []
    for key, rows in candidates.items():
        versions: dict[tuple, list[Any]] = defaultdict(list)
        kb_of: dict[tuple, int] = {}
        for r in rows:
            for f in by_kb.get(r.id, ()):
                if f.start or f.end:
                    versions[(r.modality, f.start, f.end)].append(f)
                    kb_of[(r.modality, f.start, f.end)] = r.id
        if len(versions) < 2:
            continue
        clashing = set()
        vs = list(versions)
        for i, a in enumerate(vs):
            for b in vs[i + 1:]:
                if _differ(a[1], b[1]) or _differ(a[2], b[2]):
                    clashing.update((a, b))
        docs = {f.doc_id for v in clashing for f in versions[v]}
        if len(clashing) < 2 or len(docs) < 2:
            continue
        ident = json.loads(key)
        sides = [_side(_period(v[1], v[2]), v[0], kb_of[v], versions[v])
                 for v in sorted(clashing, key=lambda v: (v[0], v[1] or "", v[2] or ""))]
        role = str(ident.get("role", "")).replace("_", " ")
        out.append({"kind": "period", "type": "membership", "about": ident,
                    "summary": f"{ident.get('member')} {role} of {ident.get('org')}: "
                               + " vs ".join(f"{s['value']}" + ("" if s["modality"] == "asserted" else f" ({s['modality']})")
                                             for s in sides),
                    "sides": sides})
    return out


_BOUNDS = {
    "exact": (1.0, 1.0),
    "more_than": (1.0, float("inf")),
    "nearly": (0.85, 1.0),
    "about": (0.9, 1.1),
}


def claim_interval(value: float, qualifier: str | None) -> tuple[float, float]:
    """The values a figure with this qualifier allows ("more than 90": 90 and up, "about 100":
    90-110). Bounds are inclusive: "at least" is read as "more than" by the extractor."""
    lo, hi = _BOUNDS.get(qualifier or "exact", (1.0, 1.0))
    return value * lo, value * hi


def _compatible(a: tuple[float, str | None], b: tuple[float, str | None]) -> bool:
    lo1, hi1 = claim_interval(*a)
    lo2, hi2 = claim_interval(*b)
    return max(lo1, lo2) <= min(hi1, hi2)


def _args(value: Any) -> dict[str, Any]:
    return json.loads(value) if isinstance(value, str) else (value or {})


def _value_conflicts(conn: Connection, entity: str | None = None) -> list[dict[str, Any]]:
    groups: dict[tuple, list[Any]] = defaultdict(list)
    for r in _kb_rows(conn, "claim", ("asserted",), ("subject", "measure"), entity):
        groups[(r.subject, r.measure)].append(r)
    candidates = {k: rows for k, rows in groups.items() if len(rows) >= 2}
    ids = {r.id for rows in candidates.values() for r in rows}
    by_year: dict[tuple, dict[tuple, list[Any]]] = defaultdict(lambda: defaultdict(list))
    undated: dict[tuple, dict[tuple, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for f in _doc_facts(conn, "claim", ("asserted",), ids, ("subject", "measure", "value", "qualifier"),
                        by_id=entity is not None):
        year = (f.start or f.date or "")[:4]
        try:
            value = float(f.value)
        except (TypeError, ValueError):
            continue
        version = (value, f.qualifier or "exact", f.kb_fact_id, "" if year else "undated")
        (by_year[(f.subject, f.measure, year)] if year
         else undated[(f.subject, f.measure)])[version].append(f)
    # A figure whose source gives no time at all is set against the same measure's figures of
    # every year (shown as undated), or against the other undated ones.
    years_of: dict[tuple, list[tuple]] = defaultdict(list)
    for key in by_year:
        years_of[key[:2]].append(key)
    for (subject, measure), versions in undated.items():
        years = years_of.get((subject, measure)) or [(subject, measure, "")]
        for key in years:
            for version, facts in versions.items():
                by_year[key][version].extend(facts)
    out = []
    for (subject, measure, year), versions in sorted(by_year.items(), key=lambda kv: tuple(map(str, kv[0]))):
        vs = list(versions)
        bounds = [claim_interval(v[0], v[1]) for v in vs]      # _compatible, with each interval once
        clashing = set()
        for i, a in enumerate(vs):
            lo1, hi1 = bounds[i]
            for j in range(i + 1, len(vs)):
                b = vs[j]
                if a[0] != b[0] and max(lo1, bounds[j][0]) > min(hi1, bounds[j][1]):
                    clashing.update((a, b))
        docs = {f.doc_id for v in clashing for f in versions[v]}
        if len(clashing) < 2 or len(docs) < 2:
            continue

        def shown(v: tuple) -> str:
            num = int(v[0]) if float(v[0]).is_integer() else v[0]
            return ((f"{v[1].replace('_', ' ')} " if v[1] != "exact" else "") + f"{num}"
                    + (f" ({v[3]})" if v[3] else ""))
        sides = [_side(shown(v), "asserted", v[2], versions[v]) for v in sorted(clashing)]
        out.append({"kind": "value", "type": "claim",
                    "about": {"subject": subject, "measure": measure, "as_of": year or None},
                    "summary": f"{subject} {measure}" + (f" as of {year}" if year else "") + ": "
                               + " vs ".join(s["value"] for s in sides),
                    "sides": sides})
    return out


def _level_conflicts(conn: Connection, entity: str | None = None) -> list[dict[str, Any]]:
    groups: dict[tuple, list[Any]] = defaultdict(list)
    for r in _kb_rows(conn, "partnership", ("asserted",), ("a", "b", "level"), entity):
        if r.level in LEVELS_COMPARED:
            groups[(r.a, r.b)].append(r)
    candidates = {k: rows for k, rows in groups.items() if len(rows) >= 2}
    level_of = {r.id: r.level for rows in candidates.values() for r in rows}
    by_year: dict[tuple, dict[tuple, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for f in _doc_facts(conn, "partnership", ("asserted",), set(level_of), ("a", "b"), by_id=entity is not None):
        year = (f.start or f.date or "")[:4]
        if year:
            by_year[(f.a, f.b, year)][(level_of[f.kb_fact_id], f.kb_fact_id)].append(f)
    out = []
    for (a, b, year), versions in sorted(by_year.items(), key=lambda kv: tuple(map(str, kv[0]))):
        docs = {f.doc_id for fs in versions.values() for f in fs}
        if len(versions) < 2 or len(docs) < 2:
            continue
        sides = [_side(level.replace("_", " "), "asserted", kb_id, versions[(level, kb_id)])
                 for level, kb_id in sorted(versions)]
        out.append({"kind": "level", "type": "partnership", "about": {"a": a, "b": b, "year": year},
                    "summary": f"{a} ↔ {b} in {year}: " + " vs ".join(s["value"] for s in sides),
                    "sides": sides})
    return out


_EVIDENCE_SQL = ('SELECT e.fact_id, e.start, e."end", e.text, f.doc_id FROM evidence e JOIN facts f ON f.id = e.fact_id '
                 'WHERE e.fact_id {ids} ORDER BY e.fact_id, e.start, e.id')


def _evidence_rows(conn: Connection, fact_ids: list[int]) -> Iterable[tuple]:
    """Evidence of these facts in fact and span order. Plain SQL on the driver's cursor: tens of
    thousands of ids, for which building an expanding IN clause per chunk cost more than the query."""
    cur = conn.connection.dbapi_connection.cursor()
    try:
        if conn.dialect.name == "postgresql":
            for chunk in _chunks(fact_ids, 20000):
                cur.execute(_EVIDENCE_SQL.format(ids="= ANY(%(ids)s)"), {"ids": chunk})
                yield from cur.fetchall()
            return
        for chunk in _chunks(fact_ids, 5000):
            cur.execute(_EVIDENCE_SQL.format(ids="IN (" + ",".join("?" * len(chunk)) + ")"), tuple(chunk))
            yield from cur.fetchall()
    finally:
        cur.close()


def find_conflicts(conn: Connection, entity: str | None = None) -> list[dict[str, Any]]:
    """All conflicts, each with its sides' documents and evidence (spans into the originals).
    `entity` (an id such as AZE or NATO): only the conflicts about KB facts involving it, read
    through the entity index; an id the KB does not know gives []."""
    found = _period_conflicts(conn, entity) + _value_conflicts(conn, entity) + _level_conflicts(conn, entity)
    fact_ids = sorted({i for c in found for s in c["sides"] for i in s["_fact_ids"]})
    evidence: dict[int, list[dict]] = defaultdict(list)
    doc_of: dict[int, str] = {}
    for fact_id, start, end, text, doc_id in _evidence_rows(conn, fact_ids):
        evidence[fact_id].append({"start": start, "end": end, "text": text})
        doc_of[fact_id] = doc_id
    for n, c in enumerate(found, 1):
        c["id"] = n
        for s in c["sides"]:
            s["evidence"] = [{"doc": doc_of.get(fid), "fact_id": fid, **e}
                             for fid in s.pop("_fact_ids") for e in evidence.get(fid, ())]
    return found
