"""Ingest: one transaction per document, idempotent on identical content, replacing changed
content (and recomputing the KB facts it fed), clear failure when the database stays locked."""
from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import select

from diplograph.kb import db as kb_db
from diplograph.kb.db import DatabaseBusy, make_engine
from diplograph.kb.schema import TABLES
from diplograph.kb.store import ingest, store_result

from .conftest import SAMPLES
from .kbtools import consistency_problems, kb_snapshot, make_result, run_cli

NAM_CHAIR = {"member": "AZE", "org": "NAM", "role": "chair"}


def kb_rows(url: str, fact_type: str) -> list:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            rows = list(conn.execute(select(TABLES["kb_facts"]).where(TABLES["kb_facts"].c.type == fact_type)))
    finally:
        engine.dispose()
    return rows


def ident(row) -> dict:
    return json.loads(row.identity) if isinstance(row.identity, str) else row.identity


def test_cli_ingest_of_the_samples_then_again_changes_nothing(fresh_url):
    first = run_cli("ingest", str(SAMPLES), "--db", fresh_url)
    assert first.returncode == 0, first.stderr
    assert "documents new 15, unchanged 0, replaced 0, failed 0" in first.stderr
    before = kb_snapshot(fresh_url)
    assert len(before["documents"]) == 15 and len(before["kb"]) > 100
    engine = make_engine(fresh_url)
    with engine.connect() as conn:
        stamps = dict(conn.execute(select(TABLES["documents"].c.id, TABLES["documents"].c.ingested_at)).all())
    again = run_cli("ingest", str(SAMPLES), "--db", fresh_url)
    assert again.returncode == 0, again.stderr
    assert "documents new 0, unchanged 15, replaced 0, failed 0; facts added 0" in again.stderr
    assert kb_snapshot(fresh_url) == before
    with engine.connect() as conn:
        assert dict(conn.execute(select(TABLES["documents"].c.id, TABLES["documents"].c.ingested_at)).all()) == stamps
    engine.dispose()


def test_stored_samples_are_consistent_and_offsets_point_into_the_original(sample_db):
    assert consistency_problems(sample_db) == []
    engine = make_engine(sample_db)
    with engine.connect() as conn:
        originals = dict(conn.execute(select(TABLES["documents"].c.id, TABLES["documents"].c.original)).all())
        m = TABLES["mentions"]
        mentions = list(conn.execute(select(m.c.doc_id, m.c.start, m.c.end, m.c.text, m.c.entity_id)))
        kb = {json.dumps(ident(r), sort_keys=True): r for r in conn.execute(
            select(TABLES["kb_facts"]).where(TABLES["kb_facts"].c.type == "membership"))}
    engine.dispose()
    assert len(mentions) > 200
    assert all(originals[r.doc_id][r.start:r.end] == r.text for r in mentions)
    assert any(r.entity_id == "AZE" for r in mentions)
    # The two sources on Azerbaijan's NAM chairmanship make one KB fact with the combined period.
    nam = kb[json.dumps(NAM_CHAIR, sort_keys=True)]
    assert (nam.start, nam.end, nam.n_sources) == ("2019", "2023", 2)
    assert (nam.first_seen, nam.last_seen) == ("2024-01-20", "2024-09-20")


def test_identical_content_is_unchanged_and_changed_content_replaces(empty_db):
    engine = make_engine(empty_db)
    try:
        v1 = make_result("a.txt", "2024-01-01", [
            ("membership", NAM_CHAIR, {"start": "2019", "end": "2022"}, "asserted"),
            ("partnership", {"a": "AZE", "b": "TUR", "level": "alliance"}, {"start": "2021", "end": None}, "asserted")])
        other = make_result("b.txt", "2024-05-01", [
            ("membership", NAM_CHAIR, {"start": "2019", "end": "2022"}, "asserted")])
        assert store_result(engine, v1).status == "new"
        assert store_result(engine, other).status == "new"
        before = kb_snapshot(empty_db)
        same = store_result(engine, make_result("a.txt", "2024-01-01", [
            ("membership", NAM_CHAIR, {"start": "2019", "end": "2022"}, "asserted"),
            ("partnership", {"a": "AZE", "b": "TUR", "level": "alliance"}, {"start": "2021", "end": None}, "asserted")]))
        assert (same.status, same.facts_added) == ("unchanged", 0)
        assert kb_snapshot(empty_db) == before

        v2 = make_result("a.txt", "2024-02-01", [
            ("membership", NAM_CHAIR, {"start": "2019", "end": "2023"}, "asserted"),
            ("visit", {"visitor": "AZE", "host": "ITA", "person": None, "kind": None, "place": None},
             {"start": "2024-01-30", "end": None}, "asserted")])
        out = store_result(engine, v2)
        assert (out.status, out.facts_added, out.facts_removed) == ("replaced", 2, 2)
        assert consistency_problems(empty_db) == []
        assert kb_rows(empty_db, "partnership") == []          # its only source no longer says it
        (nam,) = kb_rows(empty_db, "membership")
        assert (nam.start, nam.end, nam.n_sources, nam.n_facts) == ("2019", "2023", 2, 2)
        assert (nam.first_seen, nam.last_seen) == ("2024-02-01", "2024-05-01")
        assert len(kb_rows(empty_db, "visit")) == 1

        # Recomputed, not just widened: back to 2019-2022 when no source says 2023 any more.
        store_result(engine, make_result("a.txt", "2024-03-01", [
            ("membership", NAM_CHAIR, {"start": "2019", "end": "2022"}, "asserted")]))
        (nam,) = kb_rows(empty_db, "membership")
        assert (nam.end, nam.n_sources) == ("2022", 2)
        assert kb_rows(empty_db, "visit") == []
        assert consistency_problems(empty_db) == []
    finally:
        engine.dispose()


def test_ingest_counts_new_unchanged_replaced_and_failed(empty_db, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "one.txt").write_text("Baku, 3 May 2023\n\nAzerbaijan and Italy signed a Joint Declaration "
                                  "on strategic partnership in Rome.\n", encoding="utf-8")
    (docs / "two.txt").write_text("Astana, 4 May 2023\n\nKazakhstan is a member of the OSCE.\n", encoding="utf-8")
    first = ingest([str(docs)], empty_db, workers=1)
    assert (first.new, first.unchanged, first.replaced, first.failed) == (2, 0, 0, 0)
    assert first.facts_added >= 2
    (docs / "two.txt").write_text("Astana, 4 May 2023\n\nKazakhstan is a member of the OSCE and of the "
                                  "Shanghai Cooperation Organisation.\n", encoding="utf-8")
    second = ingest([str(docs), str(tmp_path / "missing.txt")], empty_db, workers=1)
    assert (second.new, second.unchanged, second.replaced, second.failed) == (0, 1, 1, 1)
    assert "no such file" in second.errors[0][1]
    orgs = {ident(r)["org"] for r in kb_rows(empty_db, "membership")}
    assert {"OSCE", "SCO"} <= orgs
    assert consistency_problems(empty_db) == []


def test_a_locked_sqlite_database_gives_up_with_a_clear_message(tmp_path, monkeypatch, sqlite_template):
    import shutil
    path = tmp_path / "locked.db"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")          # another writer that never lets go
    try:
        monkeypatch.setattr(kb_db, "RETRIES", 2)
        engine = make_engine(url, lock_timeout=0.05)
        with pytest.raises(DatabaseBusy, match="stayed locked by another writer"):
            store_result(engine, make_result("x.txt", None, [
                ("membership", NAM_CHAIR, {"start": None, "end": None}, "asserted")]))
        engine.dispose()
        monkeypatch.setattr(kb_db, "DEFAULT_LOCK_TIMEOUT", 0.05)
        cli = run_cli("ingest", str(SAMPLES / "01_kazakhstan_uzbekistan_treaty.txt"), "--db", url)
        assert cli.returncode == 1
        assert "stayed locked by another writer" in cli.stderr and "Traceback" not in cli.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_pipeline_results_carry_the_mentions_extraction_found(sample_results):
    """Storing uses the worker's mentions: the same as a fresh pass of the mention finder, and the
    facts are those of extract_facts."""
    from diplograph.extract import extract_facts
    from diplograph.registry.resolve import find_mentions
    for res in sample_results[:4]:
        assert res.mentions is not None
        assert res.mentions == find_mentions(res.doc.text, date=res.doc.date)
        assert [f.as_record() for f in res.facts] == [f.as_record() for f in extract_facts(res.doc)]


def test_store_does_not_run_the_mention_finder_again(empty_db, sample_results, monkeypatch):
    import diplograph.registry.resolve as resolve

    def forbidden(*_a, **_k):
        raise AssertionError("find_mentions called while storing")
    monkeypatch.setattr(resolve, "find_mentions", forbidden)
    engine = make_engine(empty_db)
    try:
        assert store_result(engine, sample_results[0]).status == "new"
    finally:
        engine.dispose()
    assert consistency_problems(empty_db) == []


def test_bulk_mode_stores_the_same_kb(empty_db, request, backend, tmp_path, sample_results):
    """store_results with several documents per transaction gives the KB one per transaction gives."""
    from diplograph.kb.store import store_results

    from .conftest import new_database
    other = new_database(request, backend, tmp_path, migrated=True)
    for url, n in ((empty_db, 1), (other, 4)):
        engine = make_engine(url)
        try:
            outcomes = store_results(engine, sample_results, per_transaction=n)
        finally:
            engine.dispose()
        assert [o.status for o in outcomes] == ["new"] * len(sample_results)
    assert kb_snapshot(other) == kb_snapshot(empty_db)
    assert consistency_problems(other) == []
