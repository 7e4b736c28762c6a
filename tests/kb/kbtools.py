"""Helpers for the knowledge base tests: a generated corpus, hand-made documents with given
facts, a consistency check and a canonical snapshot of a KB (ids left out) to compare two."""
from __future__ import annotations

import random
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from diplograph.kb.db import make_engine
from diplograph.kb.schema import TABLES
from diplograph.model import CleanText, Document, Evidence, Fact, RawDocument
from diplograph.pipeline import DocumentResult

ROOT = Path(__file__).resolve().parents[2]
DIPLOGRAPH = [sys.executable, "-m", "diplograph.cli"]

_COUNTRIES = [("Azerbaijan", "Baku"), ("Italy", "Rome"), ("Turkey", "Ankara"), ("Georgia", "Tbilisi"),
              ("Kazakhstan", "Astana"), ("Hungary", "Budapest"), ("Poland", "Warsaw"), ("Japan", "Tokyo"),
              ("Egypt", "Cairo"), ("Brazil", "Brasilia"), ("Kenya", "Nairobi"), ("Vietnam", "Hanoi")]
_ORGS = ["the Non-Aligned Movement", "the Organization of Turkic States", "the OSCE", "the United Nations",
         "the Organisation of Islamic Cooperation"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September", "October", "November"]


def generate_corpus(folder: Path, n: int, seed: int = 5) -> list[Path]:
    """n short news items, each with a visit, an agreement, a partnership, a membership and
    cooperation; memberships and partnerships repeat across items, so KB facts have many sources."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        (a, city_a), (b, city_b) = rng.sample(_COUNTRIES, 2)
        year, month, day = rng.randint(2008, 2023), rng.choice(_MONTHS), rng.randint(1, 27)
        level = rng.choice(["strategic partnership", "comprehensive strategic partnership"])
        text = (f"{city_a}, {day + 1} {month} {year}\n\n"
                f"The President of {a} paid an official visit to {b} on {day} {month} {year}.\n"
                f"{a} and {b} signed a Joint Declaration on {level} in {city_b}.\n"
                f"{a} is a member of {rng.choice(_ORGS)}.\n"
                f"The two countries agreed to expand cooperation in energy and transport.\n")
        path = folder / f"news_{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def make_result(doc_id: str, date: str | None, facts: list[tuple[str, dict, dict, str]]) -> DocumentResult:
    """A stored-ready document whose text is one sentence per fact: (type, args, time, modality)."""
    sentences = [f"Statement {n} about {t} {sorted(a.items())}." for n, (t, a, _tm, _m) in enumerate(facts)]
    text = (date or "") + "\n" + "\n".join(sentences) + "\n"
    raw = RawDocument(id=doc_id, source=f"test/{doc_id}", original=text, date=date)
    doc = Document(raw, CleanText.identity(text), date=date, date_source="given" if date else None, language="en")
    out, pos = [], len(date or "") + 1
    for sentence, (fact_type, args, time, modality) in zip(sentences, facts):
        ev = Evidence(pos, pos + len(sentence), sentence)
        out.append(Fact(doc=doc_id, type=fact_type, args=dict(args), time=dict(time), modality=modality,
                        evidence=[ev], confidence=0.8, rule="test"))
        pos += len(sentence) + 1
    return DocumentResult(doc, out)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """The `diplograph` command, in this process (starting Python with pandas and SQLAlchemy
    takes seconds on a small machine; the tests that need a real process start one)."""
    from typer.testing import CliRunner

    from diplograph.cli import app
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def consistency_problems(url: str) -> list[str]:
    """Everything that would show a half-written document or a KB fact out of step with its sources."""
    t = TABLES
    engine = make_engine(url)
    problems: list[str] = []
    try:
        with engine.connect() as conn:
            docs = {r.id: r for r in conn.execute(select(t["documents"].c.id, t["documents"].c.n_facts,
                                                         t["documents"].c.n_mentions, t["documents"].c.original))}
            facts_per_doc = Counter(dict(conn.execute(select(t["facts"].c.doc_id, func.count())
                                                      .group_by(t["facts"].c.doc_id)).all()))
            mentions_per_doc = Counter(dict(conn.execute(select(t["mentions"].c.doc_id, func.count())
                                                         .group_by(t["mentions"].c.doc_id)).all()))
            for doc_id, d in docs.items():
                if facts_per_doc.get(doc_id, 0) != d.n_facts:
                    problems.append(f"{doc_id}: {facts_per_doc.get(doc_id, 0)} fact rows, expected {d.n_facts}")
                if mentions_per_doc.get(doc_id, 0) != d.n_mentions:
                    problems.append(f"{doc_id}: {mentions_per_doc.get(doc_id, 0)} mention rows, expected {d.n_mentions}")
            f, e, l = t["facts"], t["evidence"], t["kb_fact_sources"]
            no_evidence = conn.execute(select(func.count()).select_from(f).where(
                ~select(e.c.id).where(e.c.fact_id == f.c.id).exists())).scalar_one()
            if no_evidence:
                problems.append(f"{no_evidence} facts without evidence")
            unlinked = conn.execute(select(func.count()).select_from(f).where(
                ~select(l.c.fact_id).where(l.c.fact_id == f.c.id).exists())).scalar_one()
            if unlinked:
                problems.append(f"{unlinked} facts not linked to a KB fact")
            for r in conn.execute(select(e.c.start, e.c.end, e.c.text, f.c.doc_id).join(f, f.c.id == e.c.fact_id)):
                if docs[r.doc_id].original[r.start:r.end] != r.text:
                    problems.append(f"{r.doc_id}: evidence [{r.start}:{r.end}] is not the original's text")
            links = defaultdict(list)
            for r in conn.execute(select(l.c.kb_fact_id, l.c.doc_id)):
                links[r.kb_fact_id].append(r.doc_id)
            for r in conn.execute(select(t["kb_facts"].c.id, t["kb_facts"].c.n_facts, t["kb_facts"].c.n_sources)):
                got = links.get(r.id, [])
                if not got:
                    problems.append(f"KB fact {r.id} has no source")
                elif (len(got), len(set(got))) != (r.n_facts, r.n_sources):
                    problems.append(f"KB fact {r.id}: {len(got)} facts / {len(set(got))} sources linked, "
                                    f"row says {r.n_facts} / {r.n_sources}")
    finally:
        engine.dispose()
    return problems


def kb_snapshot(url: str) -> dict[str, Any]:
    """The KB's content without row ids or ingest times: equal for two KBs built from the same
    documents, whatever the order or the number of runs."""
    t = TABLES
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            documents = sorted(conn.execute(select(t["documents"].c.id, t["documents"].c.content_hash,
                                                   t["documents"].c.n_facts, t["documents"].c.date)).all())
            docs_of = defaultdict(list)
            for r in conn.execute(select(t["kb_fact_sources"].c.kb_fact_id, t["kb_fact_sources"].c.doc_id)):
                docs_of[r.kb_fact_id].append(r.doc_id)
            kb = sorted((r.key_hash, r.start, r.end, r.first_seen, r.last_seen, r.n_sources, r.n_facts,
                         round(r.confidence, 6), tuple(sorted(docs_of[r.id])))
                        for r in conn.execute(select(t["kb_facts"])))
            entities = sorted(Counter((r.role, r.entity, r.kind) for r in conn.execute(select(t["kb_fact_entities"]))).items())
            evidence = conn.execute(select(func.count()).select_from(t["evidence"])).scalar_one()
    finally:
        engine.dispose()
    return {"documents": documents, "kb": kb, "entities": entities, "evidence": evidence}


def snapshot_diff(got: dict[str, Any], want: dict[str, Any], limit: int = 10) -> list[str]:
    """What differs between two snapshots, readably (for assertion messages)."""
    out = []
    for part in want:
        g, w = got.get(part), want[part]
        if g == w:
            continue
        if isinstance(w, list):
            extra = [x for x in g if x not in w][:limit]
            missing = [x for x in w if x not in g][:limit]
            out.append(f"{part}: unexpected {extra}; missing {missing}")
        else:
            out.append(f"{part}: {g!r} != {w!r}")
    return out


def store_all(url: str, *results: DocumentResult) -> None:
    """Store document results into the KB at `url` (one engine for all of them)."""
    from diplograph.kb.store import store_result
    engine = make_engine(url)
    try:
        for r in results:
            store_result(engine, r)
    finally:
        engine.dispose()
