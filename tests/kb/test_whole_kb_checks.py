"""The whole-KB conflict and claim checks give exactly what they gave before they were made set-based:
the sample corpus's results are compared with a copy recorded from the earlier implementation
(tests/kb/data/sample_checks.json). Database ids are replaced by what they stand for (a KB fact by
its key hash, a document fact by its document and first evidence span), so the comparison holds
on both backends and whatever ids the rows got."""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from diplograph.kb.claims import check_claims
from diplograph.kb.conflicts import find_conflicts
from diplograph.kb.db import make_engine
from diplograph.kb.schema import TABLES

RECORDED = Path(__file__).parent / "data" / "sample_checks.json"
RECORDED_GENERATED = Path(__file__).parent / "data" / "generated_checks.json"
_COUNTRIES = ["AZE", "TUR", "ITA", "HUN", "KAZ", "GEO", "FRA", "DEU", "JPN", "EGY"]
_ORGS = ["NAM", "OSCE", "UN", "OTS", "EU"]
_MEASURES = ["strategic_partners_count", "strategic_partners_in_eu_count", "official_visits_abroad",
             "diplomatic_relations_count", "comprehensive_strategic_partners_count", "allies_count"]


def generated_corpus(n: int = 120, seed: int = 17) -> list:
    """Documents that disagree a lot: periods, figures and partnership levels drawn at random."""
    import random

    from .kbtools import make_result
    rng = random.Random(seed)
    out = []
    for i in range(n):
        year = rng.randint(2015, 2024)
        date = None if rng.random() < 0.1 else f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        a, b = rng.sample(_COUNTRIES, 2)
        start = rng.randint(2005, year)
        facts = [
            ("membership", {"member": a, "org": rng.choice(_ORGS), "role": rng.choice(["member", "chair"])},
             {"start": str(start) if rng.random() < 0.8 else f"{start}-0{rng.randint(1, 9)}",
              "end": str(start + rng.randint(0, 4)) if rng.random() < 0.5 else None},
             rng.choice(["asserted"] * 5 + ["planned"])),
            ("partnership", {"a": a, "b": b, "level": rng.choice(["strategic_partnership",
                                                                  "comprehensive_strategic_partnership", "alliance"])},
             {"start": str(start) if rng.random() < 0.5 else None, "end": None}, "asserted"),
            ("claim", {"subject": a, "measure": rng.choice(_MEASURES), "value": rng.randint(1, 12),
                       "qualifier": rng.choice(["exact", "exact", "more_than", "about", "nearly"])},
             {"as_of": str(year) if rng.random() < 0.8 else None}, "asserted"),
            ("visit", {"visitor": a, "host": b, "person": None, "kind": None, "place": None},
             {"start": f"{year}-{rng.randint(1, 12):02d}", "end": None}, "asserted"),
        ]
        out.append(make_result(f"g{i:03d}.txt", date, facts))
    return out


def normalized_checks(url: str) -> dict:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            keys = dict(conn.execute(select(TABLES["kb_facts"].c.id, TABLES["kb_facts"].c.key_hash)).all())
            conflicts = find_conflicts(conn)
            claims = check_claims(conn, include_unchecked=True)
    finally:
        engine.dispose()
    for c in conflicts:
        for s in c["sides"]:
            s["kb_fact_id"] = keys[s["kb_fact_id"]]
            for e in s["evidence"]:
                e.pop("fact_id")
    return json.loads(json.dumps({"conflicts": conflicts, "claims": claims}, sort_keys=True, default=str))


def assert_same(got: dict, recorded: dict) -> None:
    assert got["claims"] == recorded["claims"]
    # Conflicts are numbered in the order found; the order of the period ones was the database's
    # row order, which PostgreSQL does not keep: compared by content.
    assert [c["id"] for c in got["conflicts"]] == list(range(1, len(got["conflicts"]) + 1))

    def content(conflicts: list) -> list:
        return sorted(({k: v for k, v in c.items() if k != "id"} for c in conflicts),
                      key=lambda c: json.dumps(c, sort_keys=True))
    got_c, rec_c = content(got["conflicts"]), content(recorded["conflicts"])
    assert len(got_c) == len(rec_c)
    for g, r in zip(got_c, rec_c):
        assert g == r, (g["summary"], r["summary"])


def test_sample_corpus_checks_are_unchanged(sample_db):
    assert_same(normalized_checks(sample_db), json.loads(RECORDED.read_text(encoding="utf-8")))


def test_generated_corpus_checks_are_unchanged(empty_db):
    from diplograph.kb.store import store_results
    engine = make_engine(empty_db)
    try:
        store_results(engine, generated_corpus())
    finally:
        engine.dispose()
    got = normalized_checks(empty_db)
    assert len(got["conflicts"]) > 20 and len(got["claims"]) > 50
    assert_same(got, json.loads(RECORDED_GENERATED.read_text(encoding="utf-8")))




def record_sample_checks() -> None:
    """Re-record tests/kb/data/sample_checks.json from the current extractor's reading of the
    sample corpus (needed when an extraction change alters the sample facts; the generated
    corpus's recording does not depend on the extractor):
        .venv/bin/python -m tests.kb.test_whole_kb_checks"""
    import tempfile

    from diplograph.kb.db import upgrade
    from diplograph.kb.store import store_result
    from diplograph.pipeline import run
    from diplograph.text.readers import iter_inputs

    from .conftest import SAMPLES
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/kb.db"
        upgrade(url)
        engine = make_engine(url)
        try:
            for result in run(iter_inputs([str(SAMPLES)]), workers=1):
                if hasattr(result, "doc"):
                    store_result(engine, result)
        finally:
            engine.dispose()
        RECORDED.write_text(json.dumps(normalized_checks(url), indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                            encoding="utf-8")


if __name__ == "__main__":
    record_sample_checks()
