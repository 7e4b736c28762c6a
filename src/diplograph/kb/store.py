"""Storing documents and merging their facts into KB facts: one transaction per document.

Within the transaction, in this order (the order is what keeps two writers from deadlocking on
PostgreSQL: everyone takes KB-fact locks in key order):
1. lock or read the document row: the same content hash means nothing to do;
2. for a changed document, note the KB facts its old facts belonged to;
3. create the KB-fact rows this document needs (INSERT ... ON CONFLICT DO NOTHING, key order),
   with their entity index rows;
4. lock every KB-fact row touched (SELECT ... FOR NO KEY UPDATE, key order);
5. replace or insert the document, its mentions, facts, evidence and KB links;
6. update the KB facts: incrementally from the locked values for new statements, or recomputed
   from all their sources where the changed document's old facts were taken away (a KB fact
   nobody states any more is deleted).
A killed process leaves either the whole document or none of it.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from diplograph.kb.db import DatabaseBusy, RetryTransaction, ensure_schema, make_engine, with_retry
from diplograph.kb.identity import Identity, entities_of, fact_start, identity_of, kb_args
from diplograph.kb.schema import TABLES
from diplograph.model import Document, Fact, Mention, ReadError
from diplograph.pipeline import DocumentResult

documents_t = TABLES["documents"]
mentions_t = TABLES["mentions"]
facts_t = TABLES["facts"]
evidence_t = TABLES["evidence"]
kb_t = TABLES["kb_facts"]
links_t = TABLES["kb_fact_sources"]
entities_t = TABLES["kb_fact_entities"]

# Rows per multi-row INSERT statement (SQLite allows 32,766 parameters in one statement).
CHUNK = 500


@dataclass
class IngestSummary:
    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    facts_added: int = 0
    facts_removed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def count(self, outcome: "StoreOutcome") -> None:
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        self.facts_added += outcome.facts_added
        self.facts_removed += outcome.facts_removed

    def as_dict(self) -> dict[str, Any]:
        return {"new": self.new, "unchanged": self.unchanged, "replaced": self.replaced, "failed": self.failed,
                "facts_added": self.facts_added, "facts_removed": self.facts_removed}


@dataclass
class StoreOutcome:
    doc_id: str
    status: str              # new | unchanged | replaced
    facts_added: int = 0
    facts_removed: int = 0


def content_hash(original: str) -> str:
    return hashlib.sha256(original.encode("utf-8", "surrogatepass")).hexdigest()


def _iso(value: Any) -> str | None:
    return str(value)[:10] if value not in (None, "") else None


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdigit() else None


def _dialect_insert(conn: Connection, table):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert
        return pg_insert(table)
    if conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert
        return sqlite_insert(table)
    raise RuntimeError(f"unsupported database backend {conn.dialect.name!r} (use SQLite or PostgreSQL)")


def _batched(stmt, table, conn: Connection):
    """PostgreSQL: an executemany INSERT sent as multi-row VALUES statements rather than one
    statement per row (SQLAlchemy batches INSERTs that return something, "insertmanyvalues"),
    which cuts ~60 round trips per document to ~5. SQLite's executemany is already in-process."""
    if conn.dialect.name != "postgresql":
        return stmt
    return stmt.returning(list(table.primary_key.columns)[0])


def _chunks(rows: Sequence, size: int = CHUNK):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _mention_rows(doc: Document, mentions: Iterable[Mention]) -> list[dict]:
    rows = []
    for m in mentions:
        try:
            ev = doc.evidence(m.start, m.end)   # offsets into the original, like evidence
        except ValueError:
            continue
        rows.append({"doc_id": doc.id, "start": ev.start, "end": ev.end, "text": ev.text,
                     "entity_id": m.id[:200], "kind": m.kind[:16]})
    return rows


def store_result(engine: Engine, result: DocumentResult, *, mentions: Sequence[Mention] | None = None) -> StoreOutcome:
    """Store one document and merge its facts, in one transaction (retried if another writer
    got in the way). `mentions` defaults to a fresh pass of the mention finder."""
    doc = result.doc
    if len(doc.id) > 512:
        raise ValueError(f"document id longer than 512 characters: {doc.id[:60]}...")
    digest = content_hash(doc.raw.original)
    if mentions is None:
        from diplograph.registry.resolve import find_mentions
        mentions = find_mentions(doc.text, date=doc.date)
    mention_rows = _mention_rows(doc, mentions)
    # Group the facts by KB identity once, outside the transaction.
    by_key: dict[str, tuple[Identity, list[Fact]]] = {}
    for fact in result.facts:
        ident = identity_of(fact)
        by_key.setdefault(ident.key_hash, (ident, []))[1].append(fact)

    def work(conn: Connection) -> StoreOutcome:
        return _store(conn, result, digest, mention_rows, by_key)

    return with_retry(engine, work, what=f"storing {doc.id}")


def _store(conn: Connection, result: DocumentResult, digest: str, mention_rows: list[dict],
           by_key: dict[str, tuple[Identity, list[Fact]]]) -> StoreOutcome:
    doc = result.doc
    # 1. the document as stored (locked on PostgreSQL, so a concurrent replace waits)
    existing = conn.execute(select(documents_t.c.content_hash).where(documents_t.c.id == doc.id)
                            .with_for_update()).first()
    if existing is not None and existing.content_hash == digest:
        return StoreOutcome(doc.id, "unchanged")

    # 2. the KB facts the old version fed
    old_kb_ids: set[int] = set()
    old_facts = 0
    if existing is not None:
        old_kb_ids = set(conn.execute(select(links_t.c.kb_fact_id).where(links_t.c.doc_id == doc.id)
                                      .distinct()).scalars())
        old_facts = conn.execute(select(documents_t.c.n_facts).where(documents_t.c.id == doc.id)).scalar_one()

    # 3. KB-fact rows for this document's identities, created if missing, in key order (their
    #    entity rows are written once the rows are locked, below)
    keys = sorted(by_key)
    if keys:
        new_rows = []
        for k in keys:
            ident, facts = by_key[k]
            new_rows.append({"key_hash": k, "type": ident.type, "modality": ident.modality,
                             "identity": ident.args, "args": kb_args(facts[0]), "n_sources": 0, "n_facts": 0,
                             "confidence": 0.0})
        # One cached statement for any number of rows (executemany), so nothing is recompiled.
        conn.execute(_batched(_dialect_insert(conn, kb_t).on_conflict_do_nothing(index_elements=["key_hash"]), kb_t, conn),
                     new_rows)

    # 4. lock every KB fact this transaction changes, in key order
    locked: dict[str, Any] = {}
    cond = []
    if keys:
        cond.append(kb_t.c.key_hash.in_(keys))
    if old_kb_ids:
        cond.append(kb_t.c.id.in_(sorted(old_kb_ids)))
    if cond:
        from sqlalchemy import or_
        stmt = (select(kb_t.c.id, kb_t.c.key_hash, kb_t.c.start, kb_t.c.end, kb_t.c.first_seen,
                       kb_t.c.last_seen, kb_t.c.n_sources, kb_t.c.n_facts, kb_t.c.confidence)
                .where(or_(*cond)).order_by(kb_t.c.key_hash).with_for_update(key_share=True))
        locked = {r.key_hash: r for r in conn.execute(stmt)}
        if any(k not in locked for k in keys):
            # Another writer deleted a KB fact between our insert and our lock: start again.
            raise RetryTransaction("a KB fact disappeared while being locked")
        # Rows with no statements yet are the ones this transaction just created (a committed KB
        # fact always has one): index their entities.
        entity_rows = []
        for k in keys:
            row = locked[k]
            if row.n_facts == 0 and row.id not in old_kb_ids:
                ident, facts = by_key[k]
                for role, entity, kind in entities_of(ident.type, kb_args(facts[0])):
                    entity_rows.append({"kb_fact_id": row.id, "role": role, "entity": entity[:200], "kind": kind,
                                        "type": ident.type, "modality": ident.modality})
        if entity_rows:
            conn.execute(_batched(insert(entities_t), entities_t, conn), entity_rows)

    # 5. the document and everything found in it
    now = datetime.now(timezone.utc)
    doc_row = {"source": doc.raw.source, "url": doc.raw.url, "kind": doc.raw.kind, "content_hash": digest,
               "original": doc.raw.original, "date": _iso(doc.date), "date_source": doc.date_source,
               "language": doc.language, "ingested_at": now, "n_facts": len(result.facts),
               "n_mentions": len(mention_rows)}
    if existing is not None:
        conn.execute(delete(mentions_t).where(mentions_t.c.doc_id == doc.id))
        # Evidence and KB links go with their facts (ON DELETE CASCADE); said explicitly so that
        # a database without enforced foreign keys stays consistent too.
        old_fact_ids = select(facts_t.c.id).where(facts_t.c.doc_id == doc.id).scalar_subquery()
        conn.execute(delete(evidence_t).where(evidence_t.c.fact_id.in_(old_fact_ids)))
        conn.execute(delete(links_t).where(links_t.c.doc_id == doc.id))
        conn.execute(delete(facts_t).where(facts_t.c.doc_id == doc.id))
        conn.execute(update(documents_t).where(documents_t.c.id == doc.id).values(**doc_row))
    else:
        conn.execute(insert(documents_t).values(id=doc.id, **doc_row))
    if mention_rows:
        conn.execute(_batched(insert(mentions_t), mentions_t, conn), mention_rows)

    fact_rows, fact_keys = [], []
    for k in keys:
        for f in by_key[k][1]:
            fact_rows.append({"doc_id": doc.id, "type": f.type, "args": f.args, "time": f.time,
                              "start": _iso(fact_start(f)), "end": _iso(f.time.get("end")),
                              "modality": f.modality, "confidence": float(f.confidence), "rule": (f.rule or "")[:120]})
            fact_keys.append((k, f))
    if fact_rows:
        ids = [r[0] for r in conn.execute(insert(facts_t).returning(facts_t.c.id, sort_by_parameter_order=True),
                                          fact_rows)]
        ev_rows, link_rows = [], []
        kb_id_of = {k: row.id for k, row in locked.items()}
        for fact_id, (k, f) in zip(ids, fact_keys):
            link_rows.append({"fact_id": fact_id, "kb_fact_id": kb_id_of[k], "doc_id": doc.id})
            ev_rows += [{"fact_id": fact_id, "start": e.start, "end": e.end, "text": e.text} for e in f.evidence]
        if ev_rows:
            conn.execute(_batched(insert(evidence_t), evidence_t, conn), ev_rows)
        conn.execute(_batched(insert(links_t), links_t, conn), link_rows)

    # 6. KB facts: recomputed where old statements went away, else updated in place
    recompute_ids = sorted(old_kb_ids)
    updates = []
    for k in keys:
        row = locked[k]
        if row.id in old_kb_ids:
            continue
        facts = by_key[k][1]
        starts = [s for s in (_iso(fact_start(f)) for f in facts) if s] + ([row.start] if row.start else [])
        ends = [e for e in (_iso(f.time.get("end")) for f in facts) if e] + ([row.end] if row.end else [])
        seen = [d for d in (row.first_seen, row.last_seen, _iso(doc.date)) if d]
        start, end = (min(starts) if starts else None), (max(ends) if ends else None)
        updates.append({"kid": row.id, "start": start, "end": end, "start_year": _year(start),
                        "end_year": _year(end), "first_seen": min(seen) if seen else None,
                        "last_seen": max(seen) if seen else None, "n_sources": row.n_sources + 1,
                        "n_facts": row.n_facts + len(facts),
                        "confidence": max([row.confidence] + [float(f.confidence) for f in facts])})
    if recompute_ids:
        updates += _recomputed(conn, recompute_ids)
    _apply(conn, updates)
    return StoreOutcome(doc.id, "replaced" if existing is not None else "new", len(result.facts), old_facts)


def _recomputed(conn: Connection, kb_ids: list[int]) -> list[dict]:
    """Aggregates of these KB facts from all their sources (n_facts 0: no source left)."""
    agg: dict[int, dict] = {i: {"kid": i, "start": None, "end": None, "first_seen": None, "last_seen": None,
                                "docs": set(), "n_facts": 0, "confidence": 0.0} for i in kb_ids}
    for chunk in _chunks(kb_ids):
        stmt = (select(links_t.c.kb_fact_id, facts_t.c.start, facts_t.c.end, facts_t.c.confidence,
                       facts_t.c.doc_id, documents_t.c.date)
                .join(facts_t, facts_t.c.id == links_t.c.fact_id)
                .join(documents_t, documents_t.c.id == facts_t.c.doc_id)
                .where(links_t.c.kb_fact_id.in_(chunk)))
        for r in conn.execute(stmt):
            a = agg[r.kb_fact_id]
            a["start"] = min(filter(None, (a["start"], r.start)), default=None)
            a["end"] = max(filter(None, (a["end"], r.end)), default=None)
            a["first_seen"] = min(filter(None, (a["first_seen"], r.date)), default=None)
            a["last_seen"] = max(filter(None, (a["last_seen"], r.date)), default=None)
            a["docs"].add(r.doc_id)
            a["n_facts"] += 1
            a["confidence"] = max(a["confidence"], r.confidence)
    out = []
    for a in agg.values():
        docs = a.pop("docs")
        a.update(n_sources=len(docs), start_year=_year(a["start"]), end_year=_year(a["end"]))
        out.append(a)
    return out


def _apply(conn: Connection, updates: list[dict]) -> None:
    from sqlalchemy import bindparam
    gone = sorted(u["kid"] for u in updates if u["n_facts"] == 0)
    keep = sorted((u for u in updates if u["n_facts"] > 0), key=lambda u: u["kid"])
    if keep:
        cols = ("start", "end", "start_year", "end_year", "first_seen", "last_seen", "n_sources", "n_facts",
                "confidence")
        stmt = (update(kb_t).where(kb_t.c.id == bindparam("kid"))
                .values({c: bindparam(c) for c in cols}))
        conn.execute(stmt, keep)
    if gone:
        conn.execute(delete(entities_t).where(entities_t.c.kb_fact_id.in_(gone)))
        conn.execute(delete(kb_t).where(kb_t.c.id.in_(gone)))


def recompute_all(engine: Engine) -> int:
    """Recompute every KB fact from its sources (a repair tool; ingest keeps them current)."""
    with engine.connect() as conn:
        ids = list(conn.execute(select(kb_t.c.id).order_by(kb_t.c.id)).scalars())
    for chunk in _chunks(ids, 2000):
        with_retry(engine, lambda c, chunk=chunk: _apply(c, _recomputed(c, list(chunk))), what="recomputing")
    return len(ids)


# --- ingest -----------------------------------------------------------------------------------

def known_hashes(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(conn.execute(select(documents_t.c.id, documents_t.c.content_hash)).all())


def ingest(paths: Sequence[str], url: str | None = None, *, workers: int | None = None, date: str | None = None,
           min_confidence: float = 0.0, max_bytes: int | None = None, lock_timeout: float | None = None,
           on_total: Callable[[int | None], None] | None = None,
           on_document: Callable[[str, str], None] | None = None) -> IngestSummary:
    """Read, extract and store every document behind PATHS. A document whose content is already
    stored is skipped before extraction; each other one is committed on its own. on_total(n)
    receives the number of inputs when it is known; on_document(doc_id_or_source, status) is
    called once per input (status new | unchanged | replaced | failed)."""
    from diplograph.pipeline import run
    from diplograph.text.readers import DEFAULT_MAX_BYTES, expand_inputs, iter_inputs

    engine = make_engine(url, lock_timeout=lock_timeout)
    try:
        ensure_schema(engine, create=True)
        known = known_hashes(engine)
        expanded = list(expand_inputs(list(paths)))
        if on_total is not None:
            corpora = any(isinstance(p, str) and p.lower().endswith(".jsonl") for p in expanded)
            on_total(None if corpora else len(expanded))
        summary = IngestSummary()
        note = on_document or (lambda _doc, _status: None)

        def changed_only(items):
            for item in items:
                if not isinstance(item, ReadError) and known.get(item.id) == content_hash(item.original):
                    summary.unchanged += 1
                    note(item.id, "unchanged")
                    continue
                yield item

        inputs = iter_inputs(list(paths), max_bytes=max_bytes or DEFAULT_MAX_BYTES)
        work = changed_only(inputs)
        # One process for a handful of documents: starting workers costs more than it saves.
        n_workers = workers if workers else (None if len(expanded) > 4 else 1)
        for res in run(work, workers=n_workers, date=date, min_confidence=min_confidence):
            if isinstance(res, ReadError):
                summary.failed += 1
                summary.errors.append((res.source, res.reason))
                note(res.source, "failed")
                continue
            try:
                outcome = store_result(engine, res)
            except DatabaseBusy:
                raise
            except (SQLAlchemyError, ValueError) as exc:
                summary.failed += 1
                summary.errors.append((res.doc.raw.source, f"could not be stored: {type(exc).__name__}: {exc}"))
                note(res.doc.id, "failed")
                continue
            summary.count(outcome)
            note(res.doc.id, outcome.status)
        return summary
    finally:
        engine.dispose()
