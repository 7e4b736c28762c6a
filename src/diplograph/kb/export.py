"""The merged KB facts, one per line: JSONL (with every source's evidence) or CSV."""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, TextIO

from sqlalchemy import Connection, select

from diplograph.kb.queries import KB_COLUMNS, as_dict, describe
from diplograph.kb.schema import TABLES

kb_t = TABLES["kb_facts"]
links_t = TABLES["kb_fact_sources"]
evidence_t = TABLES["evidence"]

BATCH = 2000
CSV_COLUMNS = ("id", "type", "fact", "args", "start", "end", "modality", "first_seen", "last_seen", "sources",
               "statements", "confidence", "documents")


def iter_kb_facts(conn: Connection, *, with_evidence: bool = True) -> Iterator[dict[str, Any]]:
    """Every KB fact in id order, read in batches (memory stays flat on large KBs)."""
    last = 0
    while True:
        rows = list(conn.execute(select(*KB_COLUMNS).where(kb_t.c.id > last).order_by(kb_t.c.id).limit(BATCH)))
        if not rows:
            return
        ids = [r.id for r in rows]
        docs: dict[int, set[str]] = defaultdict(set)
        for link in conn.execute(select(links_t.c.kb_fact_id, links_t.c.doc_id).where(links_t.c.kb_fact_id.in_(ids))):
            docs[link.kb_fact_id].add(link.doc_id)
        evidence: dict[int, list[dict]] = defaultdict(list)
        if with_evidence:
            stmt = (select(links_t.c.kb_fact_id, links_t.c.doc_id, evidence_t.c.start, evidence_t.c.end, evidence_t.c.text)
                    .join(evidence_t, evidence_t.c.fact_id == links_t.c.fact_id)
                    .where(links_t.c.kb_fact_id.in_(ids))
                    .order_by(links_t.c.kb_fact_id, links_t.c.doc_id, evidence_t.c.start))
            for e in conn.execute(stmt):
                evidence[e.kb_fact_id].append({"doc": e.doc_id, "start": e.start, "end": e.end, "text": e.text})
        for r in rows:
            args = as_dict(r.args)
            rec = {"id": r.id, "type": r.type, "args": args, "time": {"start": r.start, "end": r.end},
                   "modality": r.modality, "first_seen": r.first_seen, "last_seen": r.last_seen,
                   "sources": r.n_sources, "statements": r.n_facts, "confidence": round(r.confidence or 0.0, 3),
                   "documents": sorted(docs.get(r.id, ()))}
            if with_evidence:
                rec["evidence"] = evidence.get(r.id, [])
            yield rec
        last = ids[-1]


def write_jsonl(conn: Connection, out: TextIO) -> int:
    n = 0
    for rec in iter_kb_facts(conn):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(conn: Connection, out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    n = 0
    for rec in iter_kb_facts(conn, with_evidence=False):
        writer.writerow([rec["id"], rec["type"], describe(rec["type"], rec["args"]),
                         json.dumps(rec["args"], ensure_ascii=False, sort_keys=True), rec["time"]["start"],
                         rec["time"]["end"], rec["modality"], rec["first_seen"], rec["last_seen"], rec["sources"],
                         rec["statements"], rec["confidence"], ";".join(rec["documents"])])
        n += 1
    return n
