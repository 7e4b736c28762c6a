"""An undated visit ("X visited Y", no date) joins the dated KB visit of the same visitor and host
when exactly one began within 31 days before the statement's document, else it stays a fact of
its own; whatever the order the documents arrive in, the KB is the same."""
from __future__ import annotations

import itertools

from sqlalchemy import select

from diplograph.kb.db import make_engine
from diplograph.kb.identity import undated_target, within_window
from diplograph.kb.schema import TABLES

from .kbtools import consistency_problems, kb_snapshot, make_result, snapshot_diff, store_all

AZE_ITA = {"visitor": "AZE", "host": "ITA", "person": None, "kind": None, "place": None}


def visit(start: str | None, args: dict = AZE_ITA):
    return ("visit", args, {"start": start, "end": None}, "asserted")


def visits(url: str) -> list[tuple]:
    """(start, n_sources, documents) of every KB visit, sorted."""
    t = TABLES
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            docs = {}
            for r in conn.execute(select(t["kb_fact_sources"].c.kb_fact_id, t["kb_fact_sources"].c.doc_id)):
                docs.setdefault(r.kb_fact_id, set()).add(r.doc_id)
            rows = conn.execute(select(t["kb_facts"]).where(t["kb_facts"].c.type == "visit")).all()
    finally:
        engine.dispose()
    return sorted(((r.start, r.n_sources, tuple(sorted(docs[r.id]))) for r in rows), key=lambda v: (v[0] or "", v[2]))


def store(url: str, results) -> None:
    store_all(url, *results)


def test_the_window():
    assert within_window("2024-03-10", "2024-03-25")
    assert within_window("2024-03-10", "2024-03-10")
    assert within_window("2024-02-23", "2024-03-25")          # 31 days before
    assert not within_window("2024-02-22", "2024-03-25")      # 32
    assert not within_window("2024-03-26", "2024-03-25")      # after the document
    assert within_window("2024-02", "2024-03-25")             # a month that reaches into the window
    assert not within_window("2024", "2024-03-25")            # a bare year is too vague
    assert not within_window("2024-03-10", None)
    assert undated_target({1: "2024-03-10", 2: "2023-03-10"}, "2024-03-25") == 1
    assert undated_target({1: "2024-03-10", 2: "2024-03-20"}, "2024-03-25") is None
    assert undated_target({1: {"2024-01-02", "2024-03-20"}, 2: {"2024-05-01"}}, "2024-03-25") == 1


DATED = make_result("dated.txt", "2024-03-12", [visit("2024-03-10")])
UNDATED = make_result("undated.txt", "2024-03-25", [visit(None)])


def test_an_undated_visit_joins_the_one_dated_visit_in_the_window(empty_db):
    store(empty_db, [DATED, UNDATED])
    assert visits(empty_db) == [("2024-03-10", 2, ("dated.txt", "undated.txt"))]
    assert consistency_problems(empty_db) == []


def test_an_undated_visit_stays_its_own_fact_outside_the_window_or_when_ambiguous(empty_db):
    store(empty_db, [make_result("old.txt", "2024-01-03", [visit("2024-01-02")]), UNDATED])
    assert visits(empty_db) == [(None, 1, ("undated.txt",)), ("2024-01-02", 1, ("old.txt",))]
    # Two dated visits in the window (the years make them two KB facts): which one is meant is unknown.
    store(empty_db, [make_result("late.txt", "2023-12-31", [visit("2023-12-30")]),
                     make_result("early.txt", "2024-01-05", [visit("2024-01-04")]),
                     make_result("undated2.txt", "2024-01-20", [visit(None)])])
    got = visits(empty_db)
    assert (None, 2, ("undated.txt", "undated2.txt")) in got
    assert ("2023-12-30", 1, ("late.txt",)) in got
    assert consistency_problems(empty_db) == []


def test_other_pairs_and_modalities_are_not_joined(empty_db):
    other = make_result("other.txt", "2024-03-25", [
        visit(None, {**AZE_ITA, "host": "FRA"}),
        ("visit", AZE_ITA, {"start": None, "end": None}, "planned")])
    store(empty_db, [DATED, other])
    assert len(visits(empty_db)) == 3


def test_any_order_gives_the_same_kb(request, backend, tmp_path):
    from .conftest import new_database
    docs = [make_result("a.txt", "2023-12-31", [visit("2023-12-30")]),
            make_result("b.txt", "2024-01-15", [visit(None)]),
            make_result("c.txt", "2024-02-20", [visit("2024-02-18")]),
            make_result("d.txt", "2024-02-25", [visit(None), visit(None, {**AZE_ITA, "host": "TUR"})]),
            make_result("e.txt", "2024-01-10", [visit("2024-01-09")])]
    snapshots = []
    for order in list(itertools.permutations(range(len(docs))))[::23]:
        url = new_database(request, backend, tmp_path, migrated=True)
        store(url, [docs[i] for i in order])
        assert consistency_problems(url) == []
        snapshots.append(kb_snapshot(url))
    # b (2024-01-15) sees two dated KB visits in its window (2023-12-30, 2024-01-09): its own fact;
    # d (2024-02-25) sees one (2024-02-18, the KB visit of 2024 that e began on 2024-01-09) and
    # joins it; d's visit to TUR has nothing to join.
    assert sorted(visits(url), key=str) == sorted([
        (None, 1, ("b.txt",)), (None, 1, ("d.txt",)), ("2023-12-30", 1, ("a.txt",)),
        ("2024-01-09", 3, ("c.txt", "d.txt", "e.txt"))], key=str)
    for snap in snapshots[1:]:
        assert snap == snapshots[0], snapshot_diff(snap, snapshots[0])


def test_replacing_the_dated_document_sends_the_undated_visit_back(empty_db):
    store(empty_db, [DATED, UNDATED])
    store(empty_db, [make_result("dated.txt", "2024-03-13", [visit("2023-06-01")])])   # now another year
    assert visits(empty_db) == [(None, 1, ("undated.txt",)), ("2023-06-01", 1, ("dated.txt",))]
    store(empty_db, [make_result("dated.txt", "2024-03-14", [visit("2024-03-01")])])   # and back in the window
    assert visits(empty_db) == [("2024-03-01", 2, ("dated.txt", "undated.txt"))]
    assert consistency_problems(empty_db) == []
    engine = make_engine(empty_db)
    with engine.connect() as conn:
        (row,) = conn.execute(select(TABLES["kb_facts"]).where(TABLES["kb_facts"].c.type == "visit")).all()
        ents = conn.execute(select(TABLES["kb_fact_entities"].c.entity)
                            .where(TABLES["kb_fact_entities"].c.kb_fact_id == row.id)).scalars().all()
    engine.dispose()
    assert (row.n_facts, row.n_undated) == (2, 1) and sorted(ents) == ["AZE", "ITA"]
