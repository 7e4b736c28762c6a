"""Conflicts: the sample corpus's two disagreements are found with both sides' evidence; the
rules for what is and is not a disagreement, on hand-made documents."""
from __future__ import annotations

import json

import diplograph
from diplograph.kb.conflicts import find_conflicts
from diplograph.kb.db import make_engine

from .kbtools import make_result, store_all, run_cli

NO_TIME = {"start": None, "end": None}


def conflicts_of(url: str) -> list[dict]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return find_conflicts(conn)
    finally:
        engine.dispose()


def store(url: str, *results) -> None:
    store_all(url, *results)


def test_sample_corpus_disagreements_are_found_with_evidence(sample_db):
    found = conflicts_of(sample_db)
    by_kind = {(c["kind"], json.dumps(c["about"], sort_keys=True)): c for c in found}
    nam = by_kind[("period", json.dumps({"member": "AZE", "org": "NAM", "role": "chair"}, sort_keys=True))]
    sides = {s["value"]: s for s in nam["sides"]}
    assert set(sides) == {"2019–2022", "2019–2023"}
    assert sides["2019–2022"]["documents"] == ["07_azerbaijan_nam_chairmanship.txt"]
    assert sides["2019–2023"]["documents"] == ["12_azerbaijan_multilateral_record.html"]
    assert any("2019 to 2022" in e["text"] for e in sides["2019–2022"]["evidence"])
    assert any("2019 to 2023" in e["text"] for e in sides["2019–2023"]["evidence"])

    (kaz,) = [c for c in found if c["kind"] == "value" and c["about"]["subject"] == "KAZ"
              and c["about"]["measure"] == "diplomatic_relations_count"]
    # (one source's year may be unknown: then it is shown as undated)
    sides = {s["value"].removesuffix(" (undated)"): s for s in kaz["sides"]}
    assert set(sides) == {"180", "182"}
    assert sides["180"]["documents"] == ["09_kazakhstan_multivector_policy.txt"]
    assert sides["182"]["documents"] == ["13_kazakhstan_eu_relations.html"]
    assert all(e["doc"] and "180" in e["text"] for e in sides["180"]["evidence"])
    assert all("182" in e["text"] for e in sides["182"]["evidence"])


def test_conflicts_command_and_api(sample_db):
    table = run_cli("conflicts", "--db", sample_db)
    assert table.returncode == 0, table.stderr
    assert "2019–2022" in table.stdout and "2019–2023" in table.stdout and "180" in table.stdout
    as_json = run_cli("conflicts", "--db", sample_db, "--format", "json")
    data = json.loads(as_json.stdout)
    assert {c["kind"] for c in data} >= {"period", "value"}
    assert all(len(c["sides"]) >= 2 and all(s["evidence"] for s in c["sides"]) for c in data)
    with diplograph.open(sample_db) as kb:
        df = kb.conflicts()
    assert {"conflict", "kind", "value", "documents", "evidence"} <= set(df.columns)
    assert {v.removesuffix(" (undated)") for v in df[df.kind == "value"].value} >= {"180", "182"}


def test_what_counts_as_a_disagreement(empty_db):
    chair = {"member": "KGZ", "org": "CSTO", "role": "chair"}
    member = {"member": "KAZ", "org": "SCO", "role": "member"}
    claim = {"subject": "KAZ", "measure": "documents_signed"}
    store(empty_db,
          make_result("p1.txt", "2024-01-01", [
              ("membership", chair, {"start": "2026", "end": None}, "planned"),      # planned vs asserted
              ("membership", member, {"start": "2001", "end": None}, "asserted"),
              ("claim", {**claim, "value": 90, "qualifier": "more_than"}, {"as_of": "2023"}, "asserted"),
              ("claim", {"subject": "KAZ", "measure": "embassies_abroad_count", "value": 100, "qualifier": "about"},
               {"as_of": "2023"}, "asserted"),
              ("partnership", {"a": "AZE", "b": "ITA", "level": "strategic_partnership"}, {"start": "2020", "end": None}, "asserted"),
              ("partnership", {"a": "AZE", "b": "HUN", "level": "strategic_partnership"}, {"start": "2014", "end": None}, "asserted"),
              ("partnership", {"a": "AZE", "b": "TUR", "level": "strategic_partnership"}, {"start": "2021", "end": None}, "asserted"),
          ]),
          make_result("p2.txt", "2024-06-01", [
              ("membership", chair, {"start": "2025", "end": None}, "asserted"),
              ("membership", member, {"start": "2001-06", "end": None}, "asserted"),   # a more precise date
              ("membership", member, NO_TIME, "asserted"),
              ("claim", {**claim, "value": 95, "qualifier": "exact"}, {"as_of": "2023"}, "asserted"),   # fits "more than 90"
              ("claim", {"subject": "KAZ", "measure": "embassies_abroad_count", "value": 180, "qualifier": "exact"},
               {"as_of": "2023"}, "asserted"),
              ("partnership", {"a": "AZE", "b": "ITA", "level": "comprehensive_strategic_partnership"}, {"start": "2020", "end": None}, "asserted"),
              ("partnership", {"a": "AZE", "b": "HUN", "level": "comprehensive_strategic_partnership"}, {"start": "2024", "end": None}, "asserted"),
              ("partnership", {"a": "AZE", "b": "TUR", "level": "alliance"}, {"start": "2021", "end": None}, "asserted"),
          ]),
          make_result("p3.txt", "2024-06-02", [
              ("claim", {"subject": "KAZ", "measure": "embassies_abroad_count", "value": 150, "qualifier": "exact"},
               {"as_of": "2019"}, "asserted"),      # another year: no disagreement
          ]),
          make_result("p4.txt", None, [             # no year at all: compared with every year's
              ("claim", {"subject": "KAZ", "measure": "recognitions_count", "value": 40, "qualifier": "exact"},
               {"as_of": None}, "asserted"),
          ]),
          make_result("p5.txt", "2022-01-01", [
              ("claim", {"subject": "KAZ", "measure": "recognitions_count", "value": 41, "qualifier": "exact"},
               {"as_of": "2021"}, "asserted"),
          ]))
    found = conflicts_of(empty_db)
    summary = sorted((c["kind"], c["summary"]) for c in found)
    assert summary == [
        ("level", "AZE ↔ ITA in 2020: comprehensive strategic partnership vs strategic partnership"),
        ("period", "KGZ chair of CSTO: from 2025 vs from 2026 (planned)"),
        ("value", "KAZ embassies_abroad_count as of 2023: about 100 vs 180"),
        ("value", "KAZ recognitions_count as of 2021: 40 (undated) vs 41"),
    ], summary
    period = next(c for c in found if c["kind"] == "period")
    assert {(s["value"], s["modality"], tuple(s["documents"])) for s in period["sides"]} == {
        ("from 2025", "asserted", ("p2.txt",)), ("from 2026", "planned", ("p1.txt",))}
    assert all(s["evidence"] and s["evidence"][0]["doc"] == s["documents"][0] for c in found for s in c["sides"])
