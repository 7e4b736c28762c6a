"""Conflicts and claims of one entity (find_conflicts(entity=...), check_claims(subject=...)) are
exactly the whole-KB results kept for that entity: the conflicts whose sides' KB facts involve it
(by kb_fact_entities), numbered 1.. in the whole-KB order, and the claims whose subject it is.
Checked for every entity of the sample corpus and of a generated corpus full of disagreements,
on both backends; and the CLI options and table display that use them."""
from __future__ import annotations

import json
from collections import defaultdict

from sqlalchemy import select

from diplograph.kb.claims import check_claims
from diplograph.kb.conflicts import find_conflicts
from diplograph.kb.db import make_engine
from diplograph.kb.render import display_text
from diplograph.kb.schema import TABLES

from .kbtools import make_result, run_cli
from .test_whole_kb_checks import generated_corpus

ent_t = TABLES["kb_fact_entities"]


def _kept(conflicts: list[dict], involved: dict[int, set[str]], entity: str) -> list[dict]:
    kept = [c for c in conflicts if any(entity in involved[s["kb_fact_id"]] for s in c["sides"])]
    return [{**c, "id": n} for n, c in enumerate(kept, 1)]


def assert_entity_results_match(url: str, *, min_with_conflicts: int) -> None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            involved: dict[int, set[str]] = defaultdict(set)
            for kb_fact_id, entity in conn.execute(select(ent_t.c.kb_fact_id, ent_t.c.entity)):
                involved[kb_fact_id].add(entity)
            entities = sorted({e for es in involved.values() for e in es}) + ["ZZZ-not-in-the-kb", "O'Brien"]
            everything = find_conflicts(conn)
            claims_all = check_claims(conn, include_unchecked=True)
            claims_checked = check_claims(conn)
            with_conflicts = 0
            for entity in entities:
                got = find_conflicts(conn, entity=entity)
                assert got == _kept(everything, involved, entity), entity
                with_conflicts += bool(got)
                assert check_claims(conn, include_unchecked=True, subject=entity) == \
                    [c for c in claims_all if c["subject"] == entity], entity
                assert check_claims(conn, subject=entity) == [c for c in claims_checked if c["subject"] == entity], entity
            # The default is untouched by the new parameters.
            assert find_conflicts(conn, entity=None) == everything
            assert check_claims(conn, include_unchecked=True, subject=None) == claims_all
    finally:
        engine.dispose()
    # The comparison is not vacuous: several entities have conflicts, none has them all.
    assert with_conflicts >= min_with_conflicts
    assert all(len(_kept(everything, involved, e)) < len(everything) for e in entities) or len(everything) < 2


def test_sample_corpus_entity_results_equal_the_filtered_whole_kb(sample_db):
    assert_entity_results_match(sample_db, min_with_conflicts=3)


def test_generated_corpus_entity_results_equal_the_filtered_whole_kb(empty_db):
    from diplograph.kb.store import store_results
    extra = [
        # A country in two roles of one KB fact (a == b) at two levels in one year: a level
        # conflict whose KB facts each have two entity rows for it.
        make_result("self1.txt", "2020-03-01", [("partnership", {"a": "FRA", "b": "FRA", "level": "strategic_partnership"},
                                                 {"start": None, "end": None}, "asserted")]),
        make_result("self2.txt", "2020-05-01", [("partnership", {"a": "FRA", "b": "FRA",
                                                                 "level": "comprehensive_strategic_partnership"},
                                                 {"start": None, "end": None}, "asserted")]),
    ]
    # Level conflicts (the generated corpus has none): pairs at two levels in the same year (the
    # extractor gives a partnership's pair in sorted order).
    for n, (a, b, level, date, start) in enumerate([
            ("AZE", "TUR", "strategic_partnership", "2021-02-01", None),
            ("AZE", "TUR", "comprehensive_strategic_partnership", "2021-09-01", None),
            ("HUN", "KAZ", "strategic_partnership", "2023-01-10", "2019"),
            ("HUN", "KAZ", "comprehensive_strategic_partnership", "2020-01-10", "2019")]):
        extra.append(make_result(f"level{n}.txt", date, [("partnership", {"a": a, "b": b, "level": level},
                                                          {"start": start, "end": None}, "asserted")]))
    engine = make_engine(empty_db)
    try:
        store_results(engine, generated_corpus() + extra)
    finally:
        engine.dispose()
    assert_entity_results_match(empty_db, min_with_conflicts=8)
    engine = make_engine(empty_db)
    try:
        with engine.connect() as conn:
            self_level = [c for c in find_conflicts(conn, entity="FRA") if c["about"].get("a") == c["about"].get("b") == "FRA"]
            levels = find_conflicts(conn, entity="TUR") + find_conflicts(conn, entity="KAZ")
    finally:
        engine.dispose()
    assert len(self_level) == 1 and len(self_level[0]["sides"]) == 2
    assert {(c["about"]["a"], c["about"]["b"], c["about"]["year"]) for c in levels if c["kind"] == "level"} >= \
        {("AZE", "TUR", "2021"), ("HUN", "KAZ", "2019")}


def test_display_text_drops_tags_and_entities():
    assert display_text("the Movement&rsquo;s <b>members</b>\n agreed &amp; <a href='x'>met</a>") == \
        "the Movement\u2019s members agreed & met"
    assert display_text("3 < 4 and 5 > 2") == "3 < 4 and 5 > 2"        # not tags
    assert display_text(None) == ""


def test_cli_conflicts_for_one_entity_and_readable_evidence(sample_db):
    everything = json.loads(run_cli("conflicts", "--db", sample_db, "--format", "json").stdout)
    mine = json.loads(run_cli("conflicts", "--db", sample_db, "--format", "json", "--entity", "NAM").stdout)
    assert mine and len(mine) < len(everything)
    assert all("NAM" in c["about"].values() for c in mine)
    # JSON keeps the exact span of the HTML source; the table shows it as a reader would.
    raw = [e["text"] for c in everything for s in c["sides"] for e in s["evidence"] if "&rsquo;" in e["text"]]
    assert raw, "the sample corpus has HTML evidence with an entity"
    table = run_cli("conflicts", "--db", sample_db)
    assert table.returncode == 0, table.stderr
    assert "&rsquo;" not in table.stdout and "\u2019s" in table.stdout
    assert json.loads(run_cli("conflicts", "--db", sample_db, "-f", "json", "--entity", "ZZZ").stdout) == []


def test_cli_claims_for_one_subject(sample_db):
    everything = json.loads(run_cli("claims", "--db", sample_db, "--format", "json", "--all").stdout)
    kaz = json.loads(run_cli("claims", "--db", sample_db, "--format", "json", "--all", "--subject", "KAZ").stdout)
    assert kaz and kaz == [c for c in everything if c["subject"] == "KAZ"]
    table = run_cli("claims", "--db", sample_db, "--all", "--subject", "KAZ")
    assert table.returncode == 0 and "KAZ" in table.stdout and "AZE" not in table.stdout


def test_report_reads_the_same_as_per_fact_queries(sample_db):
    """The report reads its facts' arguments and evidence in batches and only the country's
    conflicts and claims: the same data as one queries.kb_fact / fact_evidence per fact and the
    whole-KB checks filtered to the country."""
    from diplograph.export.report import read_country, resolve_country
    from diplograph.kb import queries
    engine = make_engine(sample_db)
    try:
        with engine.connect() as conn:
            involved: dict[int, set[str]] = defaultdict(set)
            for kb_fact_id, entity in conn.execute(select(ent_t.c.kb_fact_id, ent_t.c.entity)):
                involved[kb_fact_id].add(entity)
            everything = find_conflicts(conn)
            claims_all = check_claims(conn, include_unchecked=True)
            for country in ("AZE", "KAZ", "TUR", "IDN"):
                data = read_country(conn, resolve_country(country))
                assert data.facts
                for f in data.facts:
                    full = queries.kb_fact(conn, f["fact_id"])
                    assert (f["args"], f["identity"]) == (full["args"], full["identity"])
                assert data.evidence == {f["fact_id"]: queries.fact_evidence(conn, f["fact_id"], context=90)
                                         for f in data.facts}
                assert data.conflicts == _kept(everything, involved, country)
                assert data.claims == [c for c in claims_all if c["subject"] == country]
    finally:
        engine.dispose()
