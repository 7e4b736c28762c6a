"""Do a source's numbers add up? Quantitative claims set against what the KB itself knows.

Checked measures (others are listed as not checkable):
- strategic_partners_count: the subject's distinct partners at strategic level or above
  (strategic, comprehensive strategic, alliance) that hold in the claim's year;
- comprehensive_strategic_partners_count, allies_count: the same at that level only;
- strategic_partners_in_<org>_count: those partners that are members of <org> in that year,
  by the registry's member lists (e.g. the EU's 27 in 2024, 28 before 2020);
- *_visits_abroad: the subject's visits abroad that year (the KB keeps one visit per host and
  year, so this is a lower bound).
A partnership holds in year Y when it began by Y (its stated start, else the date of the first
source that states it) and had not ended before Y.

check_claims(conn, subject="AZE") checks only the claims about one subject, found through the
entity index: the rows a whole-KB run gives for that subject, in the same order (what a claim is
checked against depends on its own subject only).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, select

from diplograph.kb.conflicts import _json_sql, claim_interval
from diplograph.kb.queries import partners
from diplograph.kb.schema import TABLES

kb_t = TABLES["kb_facts"]
ent_t = TABLES["kb_fact_entities"]
links_t = TABLES["kb_fact_sources"]
facts_t = TABLES["facts"]
documents_t = TABLES["documents"]

LEVEL_SETS = {
    "strategic_partners": ("strategic_partnership", "comprehensive_strategic_partnership", "alliance"),
    "comprehensive_strategic_partners": ("comprehensive_strategic_partnership",),
    "allies": ("alliance",),
}
_IN_ORG = re.compile(r"^(?P<base>strategic_partners|comprehensive_strategic_partners|allies)_in_(?P<org>\w+?)_count$")


def _json(v: Any) -> dict:
    return json.loads(v) if isinstance(v, str) else (v or {})


def _year(v: str | None) -> int | None:
    return int(v[:4]) if v and v[:4].isdigit() else None


def _holds(row: dict, year: int | None) -> bool:
    """queries.holds_at for a partners() row."""
    if year is None:
        return True
    begin = _year(row["start"]) or _year(row["first_seen"])
    end = _year(row["end"])
    return begin is not None and begin <= year and (end is None or end >= year)


def _partners(all_partners: list[dict], levels: tuple[str, ...], year: int | None) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = defaultdict(list)
    for row in all_partners:
        if row["level"] in levels and _holds(row, year):
            found[row["partner"]].append(row)
    return found


def _begin(row: dict) -> int:
    return _year(row["start"]) or _year(row["first_seen"]) or 0


def _visits_abroad(conn: Connection, country: str) -> list[tuple[str, int | None]]:
    """(host, year) of every asserted visit abroad by `country`."""
    stmt = (select(kb_t.c.identity, kb_t.c.start_year).join(ent_t, ent_t.c.kb_fact_id == kb_t.c.id)
            .where(ent_t.c.entity == country, ent_t.c.role == "visitor", ent_t.c.type == "visit",
                   ent_t.c.modality == "asserted"))
    return [(str(_json(r.identity).get("host")), r.start_year) for r in conn.execute(stmt)]


@lru_cache(maxsize=1024)
def _org_id(name: str) -> str | None:
    from diplograph.registry.load import get_registry
    reg = get_registry()
    for e in reg.by_kind("org") + reg.by_kind("group"):
        if e.id.lower() == name.lower():
            return e.id
    return None


@lru_cache(maxsize=4096)
def _org_members(org: str, year: int | None) -> tuple[str, ...]:
    from diplograph.registry.load import get_registry
    return tuple(get_registry().members_of(org, year))


def _members(_reg: Any, org: str, year: int | None) -> list[str]:
    return list(_org_members(org, year))


def _claims(conn: Connection, subject: str | None = None) -> dict[tuple, dict[str, Any]]:
    """Distinct asserted claims (subject, measure, value, qualifier, year) with their documents.
    One plain query over the claim facts (a fact has its KB fact's type and modality); JSON
    fields are read by the database. With `subject`, only the facts of that subject's claim KB
    facts (entity index -> kb_fact_sources index), not every claim fact."""
    j = lambda key: _json_sql(conn, "f.args", key)  # noqa: E731
    columns = f"{j('subject')}, {j('measure')}, {j('value')}, {j('qualifier')}, f.start, f.doc_id, d.date"
    if subject is None:
        rows = _plain_rows(conn, f"SELECT {columns} FROM facts f JOIN kb_fact_sources l ON l.fact_id = f.id "
                                 "JOIN documents d ON d.id = f.doc_id WHERE f.type = 'claim' AND f.modality = 'asserted'")
    else:
        mark = "%s" if conn.dialect.name == "postgresql" else "?"
        rows = _plain_rows(conn, f"SELECT {columns} FROM kb_fact_entities e "
                                 "JOIN kb_fact_sources l ON l.kb_fact_id = e.kb_fact_id JOIN facts f ON f.id = l.fact_id "
                                 f"JOIN documents d ON d.id = f.doc_id WHERE e.entity = {mark} AND e.type = 'claim' "
                                 "AND e.role = 'subject' AND e.modality = 'asserted' "
                                 "AND f.type = 'claim' AND f.modality = 'asserted'", (subject,))
        # The index holds the KB fact's subject cut to 200 characters; the document fact's is the one shown.
        rows = [r for r in rows if r[0] == subject]
    out: dict[tuple, dict[str, Any]] = {}
    for subj, measure, value, qualifier, start, doc_id, date in rows:
        year = _year(start) or _year(date)
        key = (subj, measure, value, qualifier or "exact", year)
        out.setdefault(key, {"documents": set()})["documents"].add(doc_id)
    return out


def _plain_rows(conn: Connection, sql: str, params: Any = None) -> list[tuple]:
    cur = conn.connection.dbapi_connection.cursor()
    try:
        cur.execute(sql, params) if params is not None else cur.execute(sql)
        return cur.fetchall()
    finally:
        cur.close()


def _subject_list(conn: Connection, subjects: list[str]) -> tuple[str, Any]:
    """An IN list of subjects as SQL and its parameters, for the driver's cursor."""
    if conn.dialect.name == "postgresql":
        return "= ANY(%(s)s)", {"s": subjects}
    return "IN (" + ",".join("?" * len(subjects)) + ")", tuple(subjects)


def _partner_rows(conn: Connection, subjects: list[str]) -> dict[str, list[tuple]]:
    """queries.partners(conn, subject) for many subjects in one query, reduced to what the checks
    use: (partner, level, year it holds from or None, end year or None)."""
    out: dict[str, list[tuple]] = defaultdict(list)
    j = lambda key: _json_sql(conn, "k.identity", key)  # noqa: E731
    for chunk in _chunks(subjects):
        where, params = _subject_list(conn, chunk)
        sql = (f"SELECT e.entity, e.role, {j('a')}, {j('b')}, {j('level')}, k.start, k.\"end\", k.first_seen "
               "FROM kb_fact_entities e JOIN kb_facts k ON k.id = e.kb_fact_id "
               f"WHERE e.entity {where} AND e.type = 'partnership' AND k.modality = 'asserted' "
               "AND e.role IN ('a', 'b')")
        for entity, role, a, b, level, start, end, first_seen in _plain_rows(conn, sql, params):
            partner = b if role == "a" else a
            out[entity].append((partner, level, _year(start) or _year(first_seen), _year(end)))
    return out


def _visit_rows(conn: Connection, subjects: list[str]) -> dict[str, list[tuple[str, int | None]]]:
    """_visits_abroad for many subjects in one query."""
    out: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    for chunk in _chunks(subjects):
        where, params = _subject_list(conn, chunk)
        sql = (f"SELECT e.entity, {_json_sql(conn, 'k.identity', 'host')}, k.start_year "
               "FROM kb_fact_entities e JOIN kb_facts k ON k.id = e.kb_fact_id "
               f"WHERE e.entity {where} AND e.role = 'visitor' AND e.type = 'visit' AND e.modality = 'asserted'")
        for entity, host, start_year in _plain_rows(conn, sql, params):
            out[entity].append((str(host), start_year))
    return out


def _chunks(seq: list, n: int = 500):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def check_claims(conn: Connection, *, include_unchecked: bool = False, subject: str | None = None) -> list[dict[str, Any]]:
    """Every distinct asserted claim checked against the KB (see the module's doc); with
    `subject` (an id such as AZE), only the claims about it (an unknown id gives [])."""
    from diplograph.registry.load import get_registry
    reg = get_registry()
    results = []
    claims = sorted(_claims(conn, subject).items(), key=lambda kv: tuple(map(str, kv[0])))
    # Each subject's partners and visits are read once (in one query for all subjects), and
    # what a measure counts for a subject and year is worked out once, whatever the number of
    # claims that ask.
    partner_subjects, visit_subjects = set(), set()
    for (subject, measure, *_rest), _info in claims:
        measure = str(measure)
        base = measure.removesuffix("_count")
        if base in LEVEL_SETS or _IN_ORG.match(measure):
            partner_subjects.add(subject)
        elif measure.endswith("_visits_abroad"):
            visit_subjects.add(subject)
    partners_of = _partner_rows(conn, sorted(s for s in partner_subjects if s is not None))
    visits_of = _visit_rows(conn, sorted(s for s in visit_subjects if s is not None))
    counted: dict[tuple, tuple] = {}
    held: dict[tuple, dict[str, int]] = {}
    at_levels: dict[tuple, list[tuple]] = {}

    def holding(subject: Any, levels: tuple[str, ...], year: int | None) -> dict[str, int]:
        """Partner -> latest start, of the subject's partnerships at these levels that hold in
        `year` (queries.holds_at); shared by the measures counting the same levels."""
        key = (subject, levels, year)
        if key not in held:
            if (subject, levels) not in at_levels:
                at_levels[(subject, levels)] = [(p, b, e) for p, level, b, e in partners_of.get(subject, ())
                                                if level in levels]
            begins: dict[str, int] = {}
            for partner, begin, end in at_levels[(subject, levels)]:
                if year is None or (begin is not None and begin <= year and (end is None or end >= year)):
                    if begins.get(partner, -1) < (begin or 0):
                        begins[partner] = begin or 0
            held[key] = begins
        return held[key]

    def count(subject: Any, measure: str, year: int | None) -> tuple:
        """(names, missing, note, recent) for this subject, measure and year; names None: not checkable."""
        key = (subject, measure, year)
        if key in counted:
            return counted[key]
        names: list[str] | None = None
        missing: list[str] = []
        note = ""
        recent: list[str] = []
        m = _IN_ORG.match(measure)
        base = measure.removesuffix("_count")
        if base in LEVEL_SETS or m:
            levels = LEVEL_SETS[m.group("base") if m else base]
            begins = holding(subject, levels, year)
            members: list[str] | None = None
            if m:
                org = _org_id(m.group("org"))
                members = _members(reg, org, year) if org else []
                if not members:
                    note = f"no member list for {m.group('org').upper()} in the registry"
                begins = {p: b for p, b in begins.items() if p in (members or [])}
            names = sorted(begins)
            # The most recent partners first: if the KB has more, these are the likeliest to
            # postdate the claim.
            recent = sorted(names, key=lambda p: -begins[p])
            if members is not None:
                missing = sorted(set(members) - set(names))
        elif measure.endswith("_visits_abroad"):
            names = sorted({host for host, y in visits_of.get(subject, ()) if year is None or y == year})
            note = "one visit per host and year is kept: a lower bound"
        counted[key] = (names, missing, note, recent)
        return counted[key]

    for (subject, measure, value, qualifier, year), info in claims:
        measure = str(measure)
        names, missing, note, recent = count(subject, measure, year)
        if names is None:
            if include_unchecked:
                results.append({"subject": subject, "measure": measure, "claimed": _shown(value, qualifier),
                                "as_of": year, "documents": sorted(info["documents"]), "kb_count": None,
                                "status": "not checkable", "kb_names": [], "missing": [], "extra": [],
                                "note": "the KB holds no facts to count for this measure"})
            continue
        try:
            lo, hi = claim_interval(float(value), qualifier)
        except (TypeError, ValueError):
            continue
        n = len(names)
        status = "consistent" if lo <= n <= hi else ("kb has fewer" if n < lo else "kb has more")
        extra = recent[: n - int(hi)] if status == "kb has more" and hi != float("inf") else []
        results.append({"subject": subject, "measure": measure, "claimed": _shown(value, qualifier), "as_of": year,
                        "documents": sorted(info["documents"]), "kb_count": n, "status": status,
                        "kb_names": list(names), "missing": list(missing) if status == "kb has fewer" else [],
                        "extra": extra, "note": note})
    return results


def _shown(value: Any, qualifier: str) -> str:
    return (f"{qualifier.replace('_', ' ')} " if qualifier not in ("exact", None) else "") + str(value)
