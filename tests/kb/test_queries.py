"""Queries over the sample corpus's KB, from the command line (table, JSON, CSV) and from
Python (DataFrames); export of the merged facts."""
from __future__ import annotations

import csv
import io
import json

import pandas as pd

import diplograph

from .kbtools import run_cli


def test_partners_by_level_and_year(sample_db):
    with diplograph.open(sample_db) as kb:
        every = kb.partners("AZE")
        in_2012 = kb.partners("AZE", at=2012)
        allies = kb.partners("AZE", level="alliance")
    assert isinstance(every, pd.DataFrame)
    assert {("TUR", "alliance"), ("TUR", "strategic_partnership"), ("BGR", "strategic_partnership"),
            ("KAZ", "strategic_partnership")} <= set(zip(every.partner, every.level))
    assert set(zip(in_2012.partner, in_2012.level)) == {("TUR", "strategic_partnership"), ("KAZ", "strategic_partnership")}
    assert list(allies.partner) == ["TUR"] and list(allies.start) == ["2021-06-15"]


def test_timeline_memberships_agreements(sample_db):
    with diplograph.open(sample_db) as kb:
        visits = kb.timeline("AZE", type="visit", start=2018, end=2022)
        window = kb.timeline("AZE", start=2019, end=2019)
        members = kb.memberships("AZE")
        deals = kb.agreements("AZE", "TUR")
    assert list(visits.when) == ["2021-06-15", "2022-10-03"]
    assert set(visits.type) == {"visit"}
    assert "AZE chair of NAM" in set(window.fact) and "AZE hosts 18th NAM Summit (Baku)" in set(window.fact)
    assert all(w is None or str(w)[:4] <= "2019" for w in window.when)
    rows = {(r.org, r.role, r.modality): r for r in members.itertuples()}
    assert (rows[("NAM", "chair", "asserted")].start, rows[("NAM", "chair", "asserted")].end) == ("2019", "2023")
    assert rows[("NAM", "chair", "asserted")].sources == 2
    assert ("NATO", "member", "negated") in rows and ("NATO", "partner", "asserted") in rows
    assert any("Shusha Declaration" in t for t in deals.title)
    assert all(set(p) >= {"AZE", "TUR"} for p in deals.parties)


def test_fact_evidence_in_context(sample_db):
    with diplograph.open(sample_db) as kb:
        fact_id = int(kb.memberships("AZE").query("org == 'NAM' and role == 'chair'").fact_id.iloc[0])
        ev = kb.fact(fact_id, context=60)
        assert kb.fact(10**9).empty
    assert ev.attrs["fact"]["fact"] == "AZE chair of NAM"
    assert set(ev.doc) == {"07_azerbaijan_nam_chairmanship.txt", "12_azerbaijan_multilateral_record.html"}
    assert ev.matches_original.all()
    assert all(0 < len(b) <= 60 and 0 < len(a) <= 60 for b, a in zip(ev.before, ev.after))
    cli = run_cli("query", "fact", str(fact_id), "--db", sample_db)
    assert cli.returncode == 0, cli.stderr
    shown = " ".join(cli.stdout.split())         # the console wraps long lines
    assert "AZE chair of NAM 2019–2023" in shown and "2 sources" in shown
    assert "from 2019 to 2022" in shown and "from 2019 to 2023" in shown
    missing = run_cli("query", "fact", "999999999", "--db", sample_db)
    assert missing.returncode == 1


def test_path_between_countries(sample_db):
    with diplograph.open(sample_db) as kb:
        steps = kb.path("AZE", "ITA")
        none = kb.path("AZE", "NOWHERE")
    assert list(steps["from"])[0] == "AZE" and list(steps["to"])[-1] == "ITA"
    assert all(a == b for a, b in zip(list(steps["to"])[:-1], list(steps["from"])[1:]))
    assert len(steps) == 2                        # both take part in the Southern Gas Corridor
    assert none.empty


def test_query_commands_in_every_format(sample_db):
    as_csv = run_cli("query", "partners", "AZE", "--db", sample_db, "--format", "csv", "--at", "2012")
    assert as_csv.returncode == 0, as_csv.stderr
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert {r["partner"] for r in rows} == {"TUR", "KAZ"}
    as_json = run_cli("query", "timeline", "AZE", "--type", "visit", "--from", "2018", "--to", "2018",
                      "--db", sample_db, "--format", "json")
    assert as_json.returncode == 0 and json.loads(as_json.stdout) == []
    table = run_cli("query", "memberships", "AZE", "--db", sample_db)
    assert table.returncode == 0 and "NAM" in table.stdout and "negated" in table.stdout
    deals = run_cli("query", "agreements", "AZE", "TUR", "--db", sample_db, "--format", "json")
    assert any("Shusha" in d["title"] for d in json.loads(deals.stdout))
    path = run_cli("query", "path", "AZE", "ITA", "--db", sample_db, "--format", "json")
    assert [s["to"] for s in json.loads(path.stdout)][-1] == "ITA"
    bad = run_cli("query", "partners", "AZE", "--level", "friendship", "--db", sample_db)
    assert bad.returncode == 2 and "unknown partnership level" in bad.stderr


def test_export_writes_each_merged_fact_once(sample_db, tmp_path):
    with diplograph.open(sample_db) as kb:
        n_kb = kb.stats()["kb_facts"]
    out = tmp_path / "kb.jsonl"
    result = run_cli("export", "--db", sample_db, "--format", "jsonl", "-o", str(out))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == n_kb == len({r["id"] for r in records})
    nam = next(r for r in records if r["type"] == "membership" and r["args"] == {"member": "AZE", "org": "NAM", "role": "chair"}
               and r["modality"] == "asserted")
    assert nam["time"] == {"start": "2019", "end": "2023"} and nam["sources"] == 2
    assert {e["doc"] for e in nam["evidence"]} == set(nam["documents"])
    as_csv = run_cli("export", "--db", sample_db, "--format", "csv")
    table = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(table) == n_kb and table[0].keys() >= {"id", "type", "fact", "start", "end", "sources", "documents"}


def test_path_keeps_a_country_and_an_organization_with_the_same_id_apart(empty_db):
    """NAM is Namibia (a country) and the Non-Aligned Movement (an organization): Italy's
    partnership with Namibia does not connect it to the Movement's members."""
    from diplograph.kb.db import make_engine
    from diplograph.kb.queries import path
    from diplograph.kb.store import store_result

    from .kbtools import make_result
    engine = make_engine(empty_db)
    try:
        store_result(engine, make_result("nam.txt", "2024-01-01", [
            ("partnership", {"a": "ITA", "b": "NAM", "level": "strategic_partnership"}, {"start": None, "end": None},
             "asserted"),
            ("membership", {"member": "AZE", "org": "NAM", "role": "member"}, {"start": None, "end": None}, "asserted"),
            ("membership", {"member": "KAZ", "org": "NAM", "role": "member"}, {"start": None, "end": None}, "asserted"),
        ]))
        with engine.connect() as conn:
            assert path(conn, "ITA", "AZE") == []
            through_org = path(conn, "AZE", "KAZ")
            assert [(s["from"], s["to"]) for s in through_org] == [("AZE", "NAM"), ("NAM", "KAZ")]
            assert [(s["from"], s["to"]) for s in path(conn, "ITA", "NAM")] == [("ITA", "NAM")]
            assert path(conn, "ITA", "NAM", b_kind="org") == []
            assert len(path(conn, "AZE", "NAM", b_kind="org")) == 1
    finally:
        engine.dispose()
