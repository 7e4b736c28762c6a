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
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, select

from diplograph.kb.conflicts import claim_interval
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


def _claims(conn: Connection) -> dict[tuple, dict[str, Any]]:
    """Distinct asserted claims (subject, measure, value, qualifier, year) with their documents."""
    stmt = (select(facts_t.c.args, facts_t.c.start, facts_t.c.doc_id, documents_t.c.date)
            .join(links_t, links_t.c.fact_id == facts_t.c.id)
            .join(kb_t, kb_t.c.id == links_t.c.kb_fact_id)
            .join(documents_t, documents_t.c.id == facts_t.c.doc_id)
            .where(kb_t.c.type == "claim", kb_t.c.modality == "asserted"))
    out: dict[tuple, dict[str, Any]] = {}
    for r in conn.execute(stmt):
        a = _json(r.args)
        year = _year(r.start) or _year(r.date)
        key = (a.get("subject"), a.get("measure"), a.get("value"), a.get("qualifier") or "exact", year)
        out.setdefault(key, {"documents": set()})["documents"].add(r.doc_id)
    return out


def check_claims(conn: Connection, *, include_unchecked: bool = False) -> list[dict[str, Any]]:
    from diplograph.registry.load import get_registry
    reg = get_registry()
    results = []
    # Each subject's partners and visits are read once, whatever the number of its claims.
    partners_of: dict[str, list[dict]] = {}
    visits_of: dict[str, list[tuple[str, int | None]]] = {}
    for (subject, measure, value, qualifier, year), info in sorted(_claims(conn).items(), key=lambda kv: tuple(map(str, kv[0]))):
        measure = str(measure)
        names: list[str] | None = None
        missing: list[str] = []
        note = ""
        recent: list[str] = []
        m = _IN_ORG.match(measure)
        base = measure.removesuffix("_count")
        if base in LEVEL_SETS or m:
            levels = LEVEL_SETS[m.group("base") if m else base]
            if subject not in partners_of:
                partners_of[subject] = partners(conn, subject)
            found = _partners(partners_of[subject], levels, year)
            members: list[str] | None = None
            if m:
                org = _org_id(m.group("org"))
                members = _members(reg, org, year) if org else []
                if not members:
                    note = f"no member list for {m.group('org').upper()} in the registry"
                found = {p: rows for p, rows in found.items() if p in (members or [])}
            names = sorted(found)
            # The most recent partners first: if the KB has more, these are the likeliest to
            # postdate the claim.
            recent = sorted(names, key=lambda p: -max(_begin(r) for r in found[p]))
            if members is not None:
                missing = sorted(set(members) - set(names))
        elif measure.endswith("_visits_abroad"):
            if subject not in visits_of:
                visits_of[subject] = _visits_abroad(conn, subject)
            names = sorted({host for host, y in visits_of[subject] if year is None or y == year})
            note = "one visit per host and year is kept: a lower bound"
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
                        "documents": sorted(info["documents"]), "kb_count": n, "status": status, "kb_names": names,
                        "missing": missing if status == "kb has fewer" else [], "extra": extra, "note": note})
    return results


def _shown(value: Any, qualifier: str) -> str:
    return (f"{qualifier.replace('_', ' ')} " if qualifier not in ("exact", None) else "") + str(value)
