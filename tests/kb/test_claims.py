"""Claim checks: a source's counts against the partners the KB knows, EU membership from the
registry's member list for the claim's year, missing and extra names."""
from __future__ import annotations

import json

import diplograph
from diplograph.kb.db import make_engine
from diplograph.kb.store import store_result

from .kbtools import make_result, run_cli


def partnership(b: str, level: str, start: str | None):
    return ("partnership", {"a": "AZE", "b": b, "level": level}, {"start": start, "end": None}, "asserted")


def claim(measure: str, value: int, as_of: str, qualifier: str = "exact"):
    return ("claim", {"subject": "AZE", "measure": measure, "value": value, "qualifier": qualifier},
            {"as_of": as_of}, "asserted")


def visit(host: str, start: str):
    return ("visit", {"visitor": "AZE", "host": host, "person": None, "kind": "official", "place": None},
            {"start": start, "end": None}, "asserted")


def build(url: str) -> None:
    engine = make_engine(url)
    try:
        store_result(engine, make_result("c1.txt", "2024-03-01", [
            claim("strategic_partners_count", 4, "2024"),
            claim("strategic_partners_in_eu_count", 3, "2024"),
            claim("strategic_partners_count", 1, "2012"),
            claim("official_visits_abroad", 2, "2023"),
            claim("diplomatic_relations_count", 182, "2024"),
            partnership("ITA", "strategic_partnership", "2014"),
            partnership("HUN", "comprehensive_strategic_partnership", "2014"),
            partnership("TUR", "alliance", "2021"),
            partnership("KAZ", "strategic_partnership", "2005"),
            visit("ITA", "2023-02-01"), visit("HUN", "2023-05-01"), visit("FRA", "2022-01-01"),
        ]))
        # Stated later, with no start: known to hold from this document's date.
        store_result(engine, make_result("c2.txt", "2024-05-01", [partnership("GBR", "strategic_partnership", None)]))
    finally:
        engine.dispose()


def test_claims_against_the_kb(empty_db):
    build(empty_db)
    with diplograph.open(empty_db) as kb:
        df = kb.claims()
    rows = {(r["measure"], r["as_of"]): r for r in df.to_dict("records")}
    assert ("diplomatic_relations_count", 2024) not in rows       # nothing in the KB to count it with

    total = rows[("strategic_partners_count", 2024)]
    assert (total["kb_count"], total["status"]) == (5, "kb has more")
    assert total["kb_names"] == ["GBR", "HUN", "ITA", "KAZ", "TUR"]
    assert total["extra"] == ["GBR"]                                # the most recent one
    assert total["documents"] == ["c1.txt"]

    eu = rows[("strategic_partners_in_eu_count", 2024)]
    assert (eu["kb_count"], eu["status"], eu["kb_names"]) == (2, "kb has fewer", ["HUN", "ITA"])
    assert "FRA" in eu["missing"] and "DEU" in eu["missing"]
    assert "GBR" not in eu["missing"] and "ITA" not in eu["missing"]   # GBR left the EU in 2020
    assert len(eu["missing"]) == 25

    early = rows[("strategic_partners_count", 2012)]
    assert (early["kb_count"], early["status"], early["kb_names"]) == (1, "consistent", ["KAZ"])

    visits = rows[("official_visits_abroad", 2023)]
    assert (visits["kb_count"], visits["status"], visits["kb_names"]) == (2, "consistent", ["HUN", "ITA"])


def test_claims_command(empty_db):
    build(empty_db)
    result = run_cli("claims", "--db", empty_db, "--format", "json", "--all")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    statuses = {(r["measure"], r["as_of"]): r["status"] for r in data}
    assert statuses[("diplomatic_relations_count", 2024)] == "not checkable"
    assert statuses[("strategic_partners_in_eu_count", 2024)] == "kb has fewer"
    table = run_cli("claims", "--db", empty_db)
    assert table.returncode == 0 and "kb has more" in table.stdout
