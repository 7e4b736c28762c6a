"""Storing documents and merging their facts into KB facts: one transaction per document.

Within the transaction, in this order (the order is what keeps two writers from deadlocking on
PostgreSQL: a document row first, then the visit families, then KB-fact rows in key order):
1. insert the document row (PostgreSQL: INSERT ... ON CONFLICT DO NOTHING, which also reserves
   the fact ids) or, when it exists, lock it: the same content hash means nothing to do; a
   changed document's old rows go, and the KB facts they fed are noted and locked;
2. take the visit families' locks (PostgreSQL advisory locks, see 6.);
3. one upsert creates the KB facts this document needs and adds its statements to the ones that
   exist (INSERT ... ON CONFLICT (key_hash) DO UPDATE ... RETURNING, rows in key order, so the
   row locks are taken in key order too);
4. mentions, facts, evidence, KB links and the new KB facts' entity rows in bulk (PostgreSQL: one
   statement of unnest() arrays; SQLite: executemany);
5. KB facts a changed document's old facts fed are recomputed from all their sources (a KB fact
   nobody states any more is deleted);
6. undated visits are placed: into the one dated KB visit of the same visitor, host and modality
   that began within 31 days before the statement's document, else into a KB fact of their own
   (kb.identity.undated_target). Every store that touches a family re-places its undated
   statements, so the result does not depend on the order documents arrive in.
A killed process leaves either the whole document or none of it. On PostgreSQL a document costs
about six round trips whatever its number of facts.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, Engine, and_, bindparam, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from diplograph.kb.db import DatabaseBusy, RetryTransaction, ensure_schema, make_engine, with_retry, writer
from diplograph.kb.identity import (Identity, entities_of, fact_start, identity_of, kb_args, undated_key_hash,
                                    undated_target)
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

# Rows per multi-row statement (SQLite allows 32,766 parameters in one statement).
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


def _chunks(rows: Sequence, size: int = CHUNK):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _json(value: Any) -> str:
    """JSON as SQLAlchemy's JSON type writes it (json.dumps), for the rows written in bulk."""
    return json.dumps(value)


def _mention_rows(doc: Document, mentions: Iterable[Mention]) -> list[tuple]:
    rows = []
    for m in mentions:
        try:
            ev = doc.evidence(m.start, m.end)   # offsets into the original, like evidence
        except ValueError:
            continue
        rows.append((ev.start, ev.end, ev.text, m.id[:200], m.kind[:16]))
    return rows


@dataclass
class _Group:
    """The statements of one KB identity in one document, and what they add to its KB fact."""
    ident: Identity
    facts: list[Fact]
    start: str | None
    end: str | None
    confidence: float
    args: dict[str, Any]


@dataclass
class _Prepared:
    """Everything about one document that does not need the database (computed before the
    transaction, so a retry does not redo it)."""
    doc: Document
    digest: str
    date: str | None
    mention_rows: list[tuple]
    groups: list[_Group]                 # in key order
    n_facts: int
    families: list[str]                  # visit families touched, sorted

    @property
    def doc_id(self) -> str:
        return self.doc.id


def _prepare(result: DocumentResult, mentions: Sequence[Mention] | None) -> _Prepared:
    doc = result.doc
    if len(doc.id) > 512:
        raise ValueError(f"document id longer than 512 characters: {doc.id[:60]}...")
    if mentions is None:
        mentions = result.mentions
    if mentions is None:
        from diplograph.registry.resolve import find_mentions
        mentions = find_mentions(doc.text, date=doc.date)
    by_key: dict[str, tuple[Identity, list[Fact]]] = {}
    for fact in result.facts:
        ident = identity_of(fact)
        by_key.setdefault(ident.key_hash, (ident, []))[1].append(fact)
    groups = []
    for k in sorted(by_key):
        ident, facts = by_key[k]
        starts = [s for s in (_iso(fact_start(f)) for f in facts) if s]
        ends = [e for e in (_iso(f.time.get("end")) for f in facts) if e]
        groups.append(_Group(ident, facts, min(starts) if starts else None, max(ends) if ends else None,
                             max(float(f.confidence) for f in facts), kb_args(facts[0])))
    families = sorted({g.ident.family_hash for g in groups if g.ident.family_hash})
    return _Prepared(doc, content_hash(doc.raw.original), _iso(doc.date), _mention_rows(doc, mentions), groups,
                     len(result.facts), families)


def store_result(engine: Engine, result: DocumentResult, *, mentions: Sequence[Mention] | None = None,
                 connection: Connection | None = None) -> StoreOutcome:
    """Store one document and merge its facts, in one transaction (retried if another writer
    got in the way). `mentions` defaults to result.mentions (found by the extraction worker),
    else a fresh pass of the mention finder. `connection`: see db.with_retry."""
    prepared = _prepare(result, mentions)
    return with_retry(engine, lambda conn: _store(conn, prepared), what=f"storing {prepared.doc_id}",
                      connection=connection)


def store_results(engine: Engine, results: Iterable[DocumentResult | tuple[DocumentResult, Sequence[Mention]]], *,
                  per_transaction: int = 1,
                  on_stored: Callable[[StoreOutcome], None] | None = None) -> list[StoreOutcome]:
    """Store many documents over one connection, each in its own transaction (per_transaction=1,
    the default). per_transaction=N > 1 commits N documents together, for bulk loads: fewer
    commits; each document is still all or nothing, since a failed batch is rolled back whole and
    retried, but a killed process loses the whole uncommitted batch (a rerun stores it again).
    Items may be (result, mentions) pairs."""
    outcomes: list[StoreOutcome] = []
    batch: list[_Prepared] = []
    size = max(1, per_transaction)
    with writer(engine).connect() as conn:
        def flush() -> None:
            if not batch:
                return
            done = with_retry(engine, lambda c: [_store(c, p) for p in batch], connection=conn,
                              what=f"storing {batch[0].doc_id}" + (f" and {len(batch) - 1} more" if len(batch) > 1 else ""))
            for outcome in done:
                outcomes.append(outcome)
                if on_stored is not None:
                    on_stored(outcome)
            batch.clear()

        for item in results:
            result, mentions = item if isinstance(item, tuple) else (item, None)
            prepared = _prepare(result, mentions)
            if any(p.doc_id == prepared.doc_id for p in batch):   # the same document twice: store in turn
                flush()
            batch.append(prepared)
            if len(batch) >= size:
                flush()
        flush()
    return outcomes


def _store(conn: Connection, p: _Prepared) -> StoreOutcome:
    pg = conn.dialect.name == "postgresql"
    if conn.dialect.name not in ("postgresql", "sqlite"):
        raise RuntimeError(f"unsupported database backend {conn.dialect.name!r} (use SQLite or PostgreSQL)")
    now = datetime.now(timezone.utc)
    doc_row = {"id": p.doc_id, "source": p.doc.raw.source, "url": p.doc.raw.url, "kind": p.doc.raw.kind,
               "content_hash": p.digest, "original": p.doc.raw.original, "date": p.date,
               "date_source": p.doc.date_source, "language": p.doc.language, "ingested_at": now,
               "n_facts": p.n_facts, "n_mentions": len(p.mention_rows)}

    # 1. the document: new, unchanged or replaced
    if pg:
        created, fact_ids = _pg_insert_document(conn, doc_row, p.n_facts, p.families)
    else:
        created, fact_ids = _sqlite_insert_document(conn, doc_row, p.n_facts)
    old_kb_ids: list[int] = []
    old_facts = 0
    families = p.families
    if not created:
        existing = conn.execute(select(documents_t.c.content_hash, documents_t.c.n_facts)
                                .where(documents_t.c.id == p.doc_id).with_for_update()).first()
        if existing is None:
            raise RetryTransaction("a document disappeared while being replaced")
        if existing.content_hash == p.digest:
            return StoreOutcome(p.doc_id, "unchanged")
        old_facts = existing.n_facts
        old = conn.execute(select(links_t.c.kb_fact_id, kb_t.c.family_hash)
                           .join(kb_t, kb_t.c.id == links_t.c.kb_fact_id)
                           .where(links_t.c.doc_id == p.doc_id).distinct()).all()
        old_kb_ids = sorted({r.kb_fact_id for r in old})
        families = sorted(set(families) | {r.family_hash for r in old if r.family_hash})
        # 2. the old version's visit families too (the new one's were locked with the document)
        extra = sorted(set(families) - set(p.families))
        if pg and extra:
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(k) FROM (SELECT unnest(%(keys)b::bigint[]) AS k "
                                 "ORDER BY 1) AS s", {"keys": [_lock_key(f) for f in extra]})
        if pg and old_kb_ids:   # the KB facts the old version fed, locked in key order
            conn.execute(select(kb_t.c.id).where(kb_t.c.id.in_(old_kb_ids)).order_by(kb_t.c.key_hash)
                         .with_for_update(key_share=True)).all()
        _delete_document_rows(conn, p.doc_id)
        conn.execute(update(documents_t).where(documents_t.c.id == p.doc_id)
                     .values(**{k: v for k, v in doc_row.items() if k != "id"}))

    # 3. KB facts: created or updated in place, in key order (PostgreSQL: with the rows of the
    #    families, read after their locks were taken)
    kb_ids, family_rows = _upsert_kb_facts(conn, p, families if pg else [])
    if len(kb_ids) != len(p.groups):
        raise RetryTransaction("a KB fact was not returned by its upsert")

    # 4. everything found in the document
    _insert_rows(conn, p, fact_ids, kb_ids)

    # 5. KB facts whose old statements went away
    if old_kb_ids:
        _apply(conn, _recomputed(conn, old_kb_ids))

    # 6. undated visits
    if families:
        if not pg or old_kb_ids:
            family_rows = _family_rows(conn, families)
        _place_undated(conn, family_rows)
    return StoreOutcome(p.doc_id, "new" if created else "replaced", p.n_facts, old_facts)


def _lock_key(family: str) -> int:
    """A family's advisory lock: 63 bits of its hash."""
    return int(family[:16], 16) & 0x7FFF_FFFF_FFFF_FFFF


def _delete_document_rows(conn: Connection, doc_id: str) -> None:
    conn.execute(delete(mentions_t).where(mentions_t.c.doc_id == doc_id))
    # Evidence and KB links go with their facts (ON DELETE CASCADE); said explicitly so that a
    # database without enforced foreign keys stays consistent too.
    old_fact_ids = select(facts_t.c.id).where(facts_t.c.doc_id == doc_id).scalar_subquery()
    conn.execute(delete(evidence_t).where(evidence_t.c.fact_id.in_(old_fact_ids)))
    conn.execute(delete(links_t).where(links_t.c.doc_id == doc_id))
    conn.execute(delete(facts_t).where(facts_t.c.doc_id == doc_id))


_PG_INSERT_DOCUMENT = """
WITH d AS (
  INSERT INTO documents (id, source, url, kind, content_hash, original, date, date_source, language, ingested_at,
                         n_facts, n_mentions)
  VALUES (%(id)s, %(source)s, %(url)s, %(kind)s, %(content_hash)s, %(original)s, %(date)s, %(date_source)s,
          %(language)s, %(ingested_at)s, %(n_facts)s, %(n_mentions)s)
  ON CONFLICT (id) DO NOTHING RETURNING 1),
lk AS (SELECT count(pg_advisory_xact_lock(k)) AS n FROM (SELECT unnest(%(locks)b::bigint[]) AS k ORDER BY 1) AS s)
SELECT (SELECT count(*) FROM d), (SELECT n FROM lk),
       ARRAY(SELECT nextval(pg_get_serial_sequence('facts', 'id')) FROM generate_series(1, %(n_facts)s))
"""


def _pg_insert_document(conn: Connection, doc_row: dict, n_facts: int, families: list[str]) -> tuple[bool, list[int]]:
    """Insert the document unless it exists (waiting for a concurrent insert of the same id to
    end), take its visit families' locks and reserve ids for its facts, in one round trip. (Two
    ingests of the same new document may take the document and a family lock in opposite order:
    PostgreSQL then ends one of them with a deadlock error, and it is retried.)"""
    params = dict(doc_row, locks=[_lock_key(f) for f in families])
    created, _locked, ids = conn.exec_driver_sql(_PG_INSERT_DOCUMENT, params).one()
    return bool(created), list(ids or [])


_SQLITE_INSERT_DOCUMENT = (
    "INSERT INTO documents (id, source, url, kind, content_hash, original, date, date_source, language, ingested_at, "
    "n_facts, n_mentions) VALUES (:id, :source, :url, :kind, :content_hash, :original, :date, :date_source, "
    ":language, :ingested_at, :n_facts, :n_mentions) ON CONFLICT (id) DO NOTHING")


def _sqlite_insert_document(conn: Connection, doc_row: dict, n_facts: int) -> tuple[bool, list[int]]:
    """The same for SQLite, where this transaction is the only writer (BEGIN IMMEDIATE): the next
    fact ids are simply the ones after the largest."""
    stamp = documents_t.c.ingested_at.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    row = dict(doc_row, ingested_at=stamp(doc_row["ingested_at"]) if stamp else doc_row["ingested_at"])
    cur = conn.connection.dbapi_connection.cursor()
    try:
        cur.execute(_SQLITE_INSERT_DOCUMENT, row)
        created = cur.rowcount == 1
        first = cur.execute("SELECT coalesce(max(id), 0) FROM facts").fetchone()[0] + 1
    finally:
        cur.close()
    return created, list(range(first, first + n_facts))


# New values of an existing KB fact: the earliest start, the latest end, one source more ...
# (SET expressions see the row as it was; ex is the row this document proposes.)
def _upsert_set(pg: bool) -> str:
    c = ' COLLATE "C"' if pg else ""     # ISO dates compare as plain strings, as in Python

    def earlier(col: str, ex_col: str | None = None, value: str | None = None) -> str:
        ex_col = ex_col or col
        value = value or col
        return (f"CASE WHEN excluded.{ex_col} IS NOT NULL AND (kb_facts.{col} IS NULL OR "
                f"excluded.{ex_col}{c} < kb_facts.{col}{c}) THEN excluded.{value} ELSE kb_facts.{value} END")

    def later(col: str, value: str | None = None) -> str:
        value = value or col
        return (f"CASE WHEN excluded.{col} IS NOT NULL AND (kb_facts.{col} IS NULL OR "
                f"excluded.{col}{c} > kb_facts.{col}{c}) THEN excluded.{value} ELSE kb_facts.{value} END")
    return ", ".join([
        f"start = {earlier('start')}", f"start_year = {earlier('start', value='start_year')}",
        f'"end" = {later(chr(34) + "end" + chr(34))}', f"end_year = {later(chr(34) + 'end' + chr(34), 'end_year')}",
        f"first_seen = {earlier('first_seen')}", f"last_seen = {later('last_seen')}",
        "n_sources = kb_facts.n_sources + 1", "n_facts = kb_facts.n_facts + excluded.n_facts",
        "n_undated = kb_facts.n_undated + excluded.n_undated",
        "confidence = CASE WHEN excluded.confidence > kb_facts.confidence THEN excluded.confidence "
        "ELSE kb_facts.confidence END"])


_KB_COLUMNS = ('key_hash, type, modality, identity, args, family_hash, start, "end", start_year, end_year, '
               'first_seen, last_seen, n_sources, n_facts, confidence, n_undated')
_PG_UPSERT = f"""
WITH up AS (
INSERT INTO kb_facts ({_KB_COLUMNS})
SELECT u.key_hash, u.type, u.modality, u.identity::json, u.args::json, u.family_hash, u.start, u.e, u.start_year,
       u.end_year, %(seen)s, %(seen)s, 1, u.n_facts, u.confidence, u.n_undated
FROM unnest(%(key_hash)b::text[], %(type)b::text[], %(modality)b::text[], %(identity)b::text[], %(args)b::text[],
            %(family_hash)b::text[], %(start)b::text[], %(end)b::text[], %(start_year)b::int[], %(end_year)b::int[],
            %(n_facts)b::int[], %(confidence)b::float8[], %(n_undated)b::int[])
     AS u(key_hash, type, modality, identity, args, family_hash, start, e, start_year, end_year, n_facts, confidence,
          n_undated)
ORDER BY u.key_hash
ON CONFLICT (key_hash) DO UPDATE SET {_upsert_set(True)}
RETURNING id, key_hash, start, n_undated, family_hash)
SELECT id, key_hash, start, n_undated, family_hash, true AS mine FROM up
UNION ALL
SELECT id, key_hash, start, n_undated, family_hash, false FROM kb_facts WHERE family_hash = ANY(%(families)b::text[])
"""
_SQLITE_UPSERT_ROW = "(" + ", ".join("?" * 16) + ")"
_SQLITE_UPSERT_TAIL = f" ON CONFLICT (key_hash) DO UPDATE SET {_upsert_set(False)} RETURNING id, key_hash"


@dataclass(frozen=True)
class _FamilyRow:
    id: int
    key_hash: str
    start: str | None
    n_undated: int
    family_hash: str


def _upsert_kb_facts(conn: Connection, p: _Prepared, families: list[str]) -> tuple[dict[str, int], list[_FamilyRow]]:
    """KB fact id of each of the document's identities, after adding its statements; on
    PostgreSQL also the KB facts of `families` as they are after the upsert."""
    if not p.groups:
        return {}, []
    rows = [(g.ident.key_hash, g.ident.type, g.ident.modality, _json(g.ident.args), _json(g.args),
             g.ident.family_hash, g.start, g.end, _year(g.start), _year(g.end), len(g.facts), g.confidence,
             sum(1 for f in g.facts if not fact_start(f)))
            for g in p.groups]
    if conn.dialect.name == "postgresql":
        cols = list(zip(*rows))
        names = ("key_hash", "type", "modality", "identity", "args", "family_hash", "start", "end", "start_year",
                 "end_year", "n_facts", "confidence", "n_undated")
        params = {n: list(v) for n, v in zip(names, cols)}
        params["seen"] = p.date
        params["families"] = families
        ids: dict[str, int] = {}
        found: dict[int, _FamilyRow] = {}
        # A row this statement changed is read twice: as it was (the family part) and as it is
        # now (the upsert's RETURNING); the latter wins.
        for r in sorted(conn.exec_driver_sql(_PG_UPSERT, params), key=lambda r: r.mine):
            if r.mine:
                ids[r.key_hash] = r.id
            if r.family_hash:
                found[r.id] = _FamilyRow(r.id, r.key_hash, r.start, r.n_undated, r.family_hash)
        return ids, [found[i] for i in sorted(found) if found[i].family_hash in families]
    out: dict[str, int] = {}
    for chunk in _chunks(rows, CHUNK // 2):
        sql = (f"INSERT INTO kb_facts ({_KB_COLUMNS}) VALUES " + ", ".join([_SQLITE_UPSERT_ROW] * len(chunk))
               + _SQLITE_UPSERT_TAIL)
        params = [v for r in chunk for v in (*r[:10], p.date, p.date, 1, r[10], r[11], r[12])]
        out.update({k: i for i, k in conn.exec_driver_sql(sql, tuple(params))})
    return out, []


def _family_rows(conn: Connection, families: list[str]) -> list[_FamilyRow]:
    stmt = (select(kb_t.c.id, kb_t.c.key_hash, kb_t.c.start, kb_t.c.n_undated, kb_t.c.family_hash)
            .where(kb_t.c.family_hash.in_(families)).order_by(kb_t.c.id))
    return [_FamilyRow(*r) for r in conn.execute(stmt)]


_PG_INSERT_ROWS = """
WITH m AS (
  INSERT INTO mentions (doc_id, start, "end", text, entity_id, kind)
  SELECT %(doc)s, * FROM unnest(%(m_start)b::int[], %(m_end)b::int[], %(m_text)b::text[], %(m_entity)b::text[],
                                %(m_kind)b::text[])),
f AS (
  INSERT INTO facts (id, doc_id, type, args, time, start, "end", modality, confidence, rule)
  SELECT u.id, %(doc)s, u.type, u.args::json, u.time::json, u.start, u.e, u.modality, u.confidence, u.rule
  FROM unnest(%(f_id)b::bigint[], %(f_type)b::text[], %(f_args)b::text[], %(f_time)b::text[], %(f_start)b::text[],
              %(f_end)b::text[], %(f_modality)b::text[], %(f_confidence)b::float8[], %(f_rule)b::text[])
       AS u(id, type, args, time, start, e, modality, confidence, rule)),
e AS (
  INSERT INTO evidence (fact_id, start, "end", text)
  SELECT * FROM unnest(%(e_fact)b::bigint[], %(e_start)b::int[], %(e_end)b::int[], %(e_text)b::text[])),
l AS (
  INSERT INTO kb_fact_sources (fact_id, kb_fact_id, doc_id)
  SELECT u.f, u.k, %(doc)s FROM unnest(%(l_fact)b::bigint[], %(l_kb)b::bigint[]) AS u(f, k))
INSERT INTO kb_fact_entities (kb_fact_id, role, entity, kind, type, modality)
SELECT * FROM unnest(%(x_kb)b::bigint[], %(x_role)b::text[], %(x_entity)b::text[], %(x_kind)b::text[],
                     %(x_type)b::text[], %(x_modality)b::text[])
ON CONFLICT DO NOTHING
"""


def _insert_rows(conn: Connection, p: _Prepared, fact_ids: list[int], kb_ids: dict[str, int]) -> None:
    if len(fact_ids) != p.n_facts:
        raise RuntimeError(f"{len(fact_ids)} fact ids reserved for {p.n_facts} facts")
    facts, evidence, links, entities = [], [], [], []
    ids = iter(fact_ids)
    for g in p.groups:
        kid = kb_ids[g.ident.key_hash]
        for f in g.facts:
            fid = next(ids)
            facts.append((fid, p.doc_id, f.type, _json(f.args), _json(f.time), _iso(fact_start(f)),
                          _iso(f.time.get("end")), f.modality, float(f.confidence), (f.rule or "")[:120]))
            evidence += [(fid, e.start, e.end, e.text) for e in f.evidence]
            links.append((fid, kid, p.doc_id))
        # The entity rows of a KB fact are written once; writing them again is a no-op, so they
        # are offered for every KB fact and the database keeps the first (cheap: a key lookup).
        entities += [(kid, role, entity[:200], kind, g.ident.type, g.ident.modality)
                     for role, entity, kind in entities_of(g.ident.type, g.args)]
    if conn.dialect.name == "postgresql":
        cols = lambda rows, n: [list(c) for c in zip(*rows)] if rows else [[] for _ in range(n)]  # noqa: E731
        params: dict[str, Any] = {"doc": p.doc_id}
        params.update(zip(("m_start", "m_end", "m_text", "m_entity", "m_kind"), cols(p.mention_rows, 5)))
        fc = cols(facts, 10)
        del fc[1]
        params.update(zip(("f_id", "f_type", "f_args", "f_time", "f_start", "f_end", "f_modality", "f_confidence",
                           "f_rule"), fc))
        params.update(zip(("e_fact", "e_start", "e_end", "e_text"), cols(evidence, 4)))
        lc = cols(links, 3)
        params.update({"l_fact": lc[0], "l_kb": lc[1]})
        params.update(zip(("x_kb", "x_role", "x_entity", "x_kind", "x_type", "x_modality"), cols(entities, 6)))
        conn.exec_driver_sql(_PG_INSERT_ROWS, params)
        return
    cur = conn.connection.dbapi_connection.cursor()
    try:
        if p.mention_rows:
            cur.executemany('INSERT INTO mentions (doc_id, start, "end", text, entity_id, kind) '
                            'VALUES (?, ?, ?, ?, ?, ?)', [(p.doc_id, *m) for m in p.mention_rows])
        cur.executemany('INSERT INTO facts (id, doc_id, type, args, time, start, "end", modality, confidence, rule) '
                        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', facts)
        cur.executemany('INSERT INTO evidence (fact_id, start, "end", text) VALUES (?, ?, ?, ?)', evidence)
        cur.executemany("INSERT INTO kb_fact_sources (fact_id, kb_fact_id, doc_id) VALUES (?, ?, ?)", links)
        cur.executemany("INSERT INTO kb_fact_entities (kb_fact_id, role, entity, kind, type, modality) "
                        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", entities)
    finally:
        cur.close()


def _place_undated(conn: Connection, family_rows: list[_FamilyRow]) -> None:
    """Put each undated statement of these visit families where kb.identity.undated_target says,
    create or delete the families' undated KB facts as needed and recompute what changed."""
    holders = sorted(r.id for r in family_rows if r.n_undated)
    if not holders:          # the common case: nothing undated in these families
        return
    families = sorted({r.family_hash for r in family_rows if r.n_undated})
    family_rows = [r for r in family_rows if r.family_hash in families]
    family_of = {r.id: r.family_hash for r in family_rows}
    # Every statement of those families: the dated ones say when their visits began, the
    # undated ones are placed.
    statements = conn.execute(
        select(links_t.c.kb_fact_id, links_t.c.fact_id, facts_t.c.start, facts_t.c.args, documents_t.c.date)
        .join(facts_t, facts_t.c.id == links_t.c.fact_id)
        .join(documents_t, documents_t.c.id == facts_t.c.doc_id)
        .where(links_t.c.kb_fact_id.in_(sorted(family_of)))).all()
    dated_of: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    undated = []
    for r in statements:
        if r.start:
            dated_of[family_of[r.kb_fact_id]][r.kb_fact_id].add(r.start)
        else:
            undated.append(r)
    by_family = _grouped(family_rows, lambda r: r.family_hash)
    samples = {r.family_hash: r for r in conn.execute(
        select(kb_t.c.family_hash, kb_t.c.type, kb_t.c.modality, kb_t.c.identity).where(kb_t.c.id.in_(holders)))}
    moves: list[dict] = []
    touched: set[int] = set()
    for family, facts in sorted(_grouped(undated, lambda r: family_of[r.kb_fact_id]).items()):
        kb_rows = by_family[family]
        dated = dated_of[family]
        sample = samples[family]
        identity = json.loads(sample.identity) if isinstance(sample.identity, str) else sample.identity
        own_key = undated_key_hash(sample.type, sample.modality, identity)
        own_id = next((r.id for r in kb_rows if r.key_hash == own_key), None)
        for f in sorted(facts, key=lambda f: f.fact_id):
            target = undated_target(dated, f.date)
            if target is None:
                if own_id is None:
                    own_id = _create_undated(conn, sample.type, sample.modality, identity, own_key, family,
                                             f.args)
                target = own_id
            if target != f.kb_fact_id:
                moves.append({"fid": f.fact_id, "kid": target})
                touched.update((target, f.kb_fact_id))
    if not moves:
        return
    conn.execute(update(links_t).where(links_t.c.fact_id == bindparam("fid")).values(kb_fact_id=bindparam("kid")),
                 moves)
    _apply(conn, _recomputed(conn, sorted(touched)))


def _grouped(rows: Iterable[Any], key: Callable[[Any], Any]) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = defaultdict(list)
    for r in rows:
        out[key(r)].append(r)
    return out


def _create_undated(conn: Connection, fact_type: str, modality: str, identity: dict[str, Any], key: str,
                    family: str, fact_args: Any) -> int:
    """The KB fact of a family's undated statements (aggregates are filled in by the recompute)."""
    args = json.loads(fact_args) if isinstance(fact_args, str) else dict(fact_args or {})
    args.update(identity)
    kid = conn.execute(insert(kb_t).values(key_hash=key, type=fact_type, modality=modality, identity=identity,
                                           args=args, family_hash=family, n_sources=0, n_facts=0, confidence=0.0,
                                           n_undated=0)
                       .returning(kb_t.c.id)).scalar_one()
    rows = [{"kb_fact_id": kid, "role": role, "entity": entity[:200], "kind": kind, "type": fact_type,
             "modality": modality} for role, entity, kind in entities_of(fact_type, args)]
    if rows:
        conn.execute(insert(entities_t), rows)
    return kid


def _recomputed(conn: Connection, kb_ids: list[int]) -> list[dict]:
    """Aggregates of these KB facts from all their sources (n_facts 0: no source left)."""
    agg: dict[int, dict] = {i: {"kid": i, "start": None, "end": None, "first_seen": None, "last_seen": None,
                                "docs": set(), "n_facts": 0, "n_undated": 0, "confidence": 0.0} for i in kb_ids}
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
            a["n_undated"] += r.start is None
            a["confidence"] = max(a["confidence"], r.confidence)
    out = []
    for a in agg.values():
        docs = a.pop("docs")
        a.update(n_sources=len(docs), start_year=_year(a["start"]), end_year=_year(a["end"]))
        out.append(a)
    return out


def _apply(conn: Connection, updates: list[dict]) -> None:
    gone = sorted(u["kid"] for u in updates if u["n_facts"] == 0)
    keep = sorted((u for u in updates if u["n_facts"] > 0), key=lambda u: u["kid"])
    if keep:
        cols = ("start", "end", "start_year", "end_year", "first_seen", "last_seen", "n_sources", "n_facts",
                "n_undated", "confidence")
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
    conn: Connection | None = None
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
                if conn is None:      # one connection for the run (no check-out and ping per document)
                    conn = writer(engine).connect()
                outcome = store_result(engine, res, connection=conn)
            except DatabaseBusy:
                raise
            except (SQLAlchemyError, ValueError) as exc:
                summary.failed += 1
                summary.errors.append((res.doc.raw.source, f"could not be stored: {type(exc).__name__}: {exc}"))
                note(res.doc.id, "failed")
                if isinstance(exc, SQLAlchemyError) and conn is not None:
                    conn.close()      # a fresh one for the next document, in case this one broke
                    conn = None
                continue
            summary.count(outcome)
            note(res.doc.id, outcome.status)
        return summary
    finally:
        if conn is not None:
            conn.close()
        engine.dispose()
