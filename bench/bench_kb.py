"""Knowledge base at scale: ingest rate, database size and query latency, SQLite and PostgreSQL.

Generates N documents' facts directly with the model types (no extractor: this measures the
knowledge base, not extraction): each document has a dateline, one sentence per fact as its
text, about 11 facts (visits, a meeting, an agreement, partnerships, memberships, cooperation,
participation, hosting, a claim) among ~200 countries, ~40 organizations and ~30 projects, with
popular countries more frequent, and a few entity mentions. Every document is stored the way
`diplograph ingest` stores it (kb.store.store_results over one connection): one transaction
each, merging into KB facts as it goes (--per-transaction N tries the opt-in bulk mode).
Then each query runs many times on random countries and facts; p50 and p95 are reported, and
the whole-KB conflict and claim checks are timed (seconds, 3 runs). The machine's load average
is printed with the figures, since other processes share its cores.

PostgreSQL: a throwaway server (kb.tempdb: fsync on, synchronous_commit off, i.e. crash-safe
but an OS crash may lose the last moment of commits) unless --pg-url is given.

usage: python bench/bench_kb.py [--docs 100000] [--backends sqlite,postgresql] [--runs 40]
                                [--dir DIR] [--pg-url URL] [--output FILE] [--keep]
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from diplograph.kb import queries  # noqa: E402
from diplograph.kb.claims import check_claims  # noqa: E402
from diplograph.kb.conflicts import find_conflicts  # noqa: E402
from diplograph.kb.db import make_engine, upgrade  # noqa: E402
from diplograph.kb.store import store_results  # noqa: E402
from diplograph.model import CleanText, Document, Evidence, Fact, Mention, RawDocument  # noqa: E402
from diplograph.pipeline import DocumentResult  # noqa: E402

ORGS = ["UN", "UNSC", "UNGA", "ECOSOC", "UNESCO", "OSCE", "NAM", "OIC", "OTS", "EU", "NATO", "CIS", "GUAM", "BSEC",
        "ECO", "CSTO", "SCO", "GCC", "LAS", "AU", "OAS", "COE", "ISESCO", "EPC", "ISDB", "WTO", "ASEAN", "BRICS",
        "G20", "EAEU", "CICA"]
PROJECTS = ["Southern Gas Corridor", "TANAP", "TAP", "Baku-Tbilisi-Kars railway", "Middle Corridor",
            "North-South Transport Corridor", "Baku-Tbilisi-Ceyhan pipeline", "Belt and Road Initiative",
            "Trans-Caspian Gas Pipeline", "Lobito Corridor", "IMEC", "Nigeria-Morocco Gas Pipeline"]
EVENTS = ["COP29", "COP28", "NAM Summit", "CICA Summit", "European Games", "Formula 1 Grand Prix", "Expo 2020",
          "OTS Summit", "G20 Summit", "World Urban Forum"]
LEVELS = ["strategic_partnership", "comprehensive_strategic_partnership", "alliance"]
ROLES = ["member", "member", "member", "observer", "partner", "chair", "non_permanent_member", "dialogue_partner"]
DOMAINS = ["energy", "defense", "transport", "trade", "investment", "justice", "climate", "culture", "security"]
MEASURES = ["diplomatic_relations_count", "strategic_partners_count", "strategic_partners_in_eu_count",
            "official_visits_abroad", "documents_signed", "embassies_abroad_count"]


def countries() -> list[str]:
    from diplograph.registry.load import get_registry
    ids = sorted(e.id for e in get_registry().by_kind("country") if len(e.id) == 3 and e.id.isupper())
    return ids[:200]


class Generator:
    def __init__(self, seed: int = 11):
        self.rng = random.Random(seed)
        self.countries = countries()
        # A few countries are written about far more than others (as in any real corpus).
        self.weights = [1.0 / (i + 1) ** 0.8 for i in range(len(self.countries))]
        self.rng.shuffle(self.weights)
        # The same draws as choices(weights=...), without summing the weights on every call.
        self.cum_weights = list(itertools.accumulate(self.weights))

    def country(self) -> str:
        return self.rng.choices(self.countries, cum_weights=self.cum_weights)[0]

    def other(self, not_this: str) -> str:
        while True:
            c = self.country()
            if c != not_this:
                return c

    def facts(self, year: int) -> list[tuple[str, dict, dict, str]]:
        r = self.rng
        a = self.country()
        b = self.other(a)
        c = self.other(a)
        when = f"{year}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
        modality = "asserted" if r.random() > 0.08 else r.choice(["planned", "negated"])
        p1, p2 = sorted((a, b))
        start = r.randint(1992, year)
        out = [
            ("visit", {"visitor": a, "host": b, "person": None, "kind": r.choice(["state", "official", "working", None]),
                       "place": None}, {"start": when, "end": None}, "asserted"),
            ("visit", {"visitor": c, "host": a, "person": None, "kind": None, "place": None},
             {"start": f"{year}-{r.randint(1, 12):02d}", "end": None}, "asserted"),
            ("meeting", {"participants": sorted({a, b, c}), "persons": [], "place": None, "occasion": None},
             {"start": when, "end": None}, "asserted"),
            ("agreement", {"parties": [p1, p2], "title": r.choice(["Joint Declaration", "Memorandum of Understanding",
                                                                   "Action Plan", "Agreement on Cooperation"]),
                           "kind": "declaration", "place": None}, {"start": when, "end": None}, "asserted"),
            ("partnership", {"a": p1, "b": p2, "level": r.choice(LEVELS[:2] * 4 + LEVELS[2:])},
             {"start": str(start) if r.random() < 0.6 else None, "end": None}, modality),
            ("membership", {"member": a, "org": r.choice(ORGS), "role": r.choice(ROLES)},
             {"start": str(start), "end": str(min(year, start + r.randint(0, 4))) if r.random() < 0.5 else None},
             modality),
            ("membership", {"member": b, "org": r.choice(ORGS), "role": "member"},
             {"start": None, "end": None}, "asserted"),
            ("cooperation", {"a": p1, "b": p2, "domain": r.choice(DOMAINS)}, {"start": None, "end": None}, "asserted"),
            ("participation", {"member": a, "project": r.choice(PROJECTS)}, {"start": None, "end": None}, "asserted"),
            ("hosting", {"host": a, "event": r.choice(EVENTS), "place": None}, {"start": str(year), "end": None},
             "asserted"),
            ("claim", {"subject": a, "measure": r.choice(MEASURES), "value": r.randint(5, 190),
                       "qualifier": r.choice(["exact", "exact", "more_than", "about"])}, {"as_of": str(year)},
             "asserted"),
        ]
        return out

    def document(self, n: int) -> tuple[DocumentResult, list[Mention]]:
        year = self.rng.randint(1995, 2024)
        date = f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
        facts = self.facts(year)
        head = f"Dateline, {date}\n"
        sentences = [f"Sentence {i} states {t} with {json.dumps(a, sort_keys=True)}." for i, (t, a, _tm, _m) in
                     enumerate(facts)]
        text = head + "\n".join(sentences) + "\n"
        doc_id = f"gen/{n:06d}.txt"
        raw = RawDocument(id=doc_id, source=doc_id, original=text, date=date)
        doc = Document(raw, CleanText.identity(text), date=date, date_source="dateline", language="en")
        out, pos = [], len(head)
        for sentence, (t, args, tm, modality) in zip(sentences, facts):
            out.append(Fact(doc=doc_id, type=t, args=args, time=tm, modality=modality,
                            evidence=[Evidence(pos, pos + len(sentence), sentence)], confidence=0.8, rule="bench"))
            pos += len(sentence) + 1
        mentions = [Mention(0, 8, "Dateline", "DATELINE", "other")]
        return DocumentResult(doc, out), mentions


def db_size(engine, url: str) -> int:
    if engine.dialect.name == "sqlite":
        path = Path(url.split("///", 1)[1])
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    from sqlalchemy import text
    with engine.connect() as conn:
        return conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()


def percentiles(samples: list[float]) -> tuple[float, float]:
    s = sorted(samples)
    p50 = statistics.median(s)
    p95 = s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]
    return p50 * 1000, p95 * 1000


def bench_queries(engine, gen: Generator, runs: int) -> dict[str, tuple[float, float]]:
    from sqlalchemy import func, select

    from diplograph.kb.schema import TABLES
    rng = random.Random(3)
    kb = TABLES["kb_facts"]
    with engine.connect() as conn:
        max_id = conn.execute(select(func.max(kb.c.id))).scalar_one()
        # KB fact ids have gaps (PostgreSQL spends a sequence value on every upserted row):
        # the fact query is asked about ids that exist.
        fact_ids = [conn.execute(select(func.min(kb.c.id)).where(kb.c.id >= rng.randint(1, max_id))).scalar_one()
                    or max_id for _ in range(runs)]
    popular = sorted(gen.countries, key=lambda c: -gen.weights[gen.countries.index(c)])[:30]
    pick = lambda: rng.choice(popular) if rng.random() < 0.5 else gen.country()  # noqa: E731
    cases = {
        "partners": lambda c: queries.partners(c, pick(), at=rng.randint(2000, 2024)),
        "timeline (type, from/to)": lambda c: queries.timeline(c, pick(), "visit", 2018, 2018),
        "timeline (all)": lambda c: queries.timeline(c, pick()),
        "memberships": lambda c: queries.memberships(c, pick()),
        "agreements a b": lambda c: queries.agreements(c, pick(), pick()),
        "fact (evidence)": lambda c: queries.fact_evidence(c, fact_ids.pop()),
        "path": lambda c: queries.path(c, pick(), pick()),
    }
    out = {}
    for name, fn in cases.items():
        samples = []
        for _ in range(runs):
            with engine.connect() as conn:
                t = time.perf_counter()
                fn(conn)
                samples.append(time.perf_counter() - t)
        out[name] = percentiles(samples)
        print(f"  {name:26s} p50 {out[name][0]:9.1f} ms   p95 {out[name][1]:9.1f} ms", flush=True)
    for name, fn in (("conflicts (whole KB)", find_conflicts), ("claims (whole KB)", check_claims)):
        samples = []
        for _ in range(3):
            with engine.connect() as conn:
                t = time.perf_counter()
                n = len(fn(conn))
                samples.append(time.perf_counter() - t)
        out[name] = percentiles(samples)
        print(f"  {name:26s} {min(samples):6.2f} s best, {statistics.median(samples):6.2f} s median "
              f"of 3 runs ({n:,} results)   {load()}", flush=True)
    return out


def load() -> str:
    try:
        return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return ""


def run_backend(name: str, url: str, docs: int, runs: int, per_transaction: int = 1) -> dict:
    print(f"\n== {name}: {docs:,} documents, {per_transaction} per transaction   {load()}", flush=True)
    upgrade(url)
    engine = make_engine(url)
    gen = Generator()
    counts = {"docs": 0, "facts": 0}

    def generated():
        for n in range(docs):
            result, mentions = gen.document(n)
            counts["facts"] += len(result.facts)
            yield result, mentions

    def progress(_outcome) -> None:
        counts["docs"] += 1
        if counts["docs"] % 10000 == 0:
            el = time.perf_counter() - t0
            print(f"  {counts['docs']:,} documents, {counts['facts']:,} facts, {el:,.0f} s, "
                  f"{counts['docs'] / el:,.0f} docs/s   {load()}", flush=True)

    t0 = time.perf_counter()
    store_results(engine, generated(), per_transaction=per_transaction, on_stored=progress)
    elapsed = time.perf_counter() - t0
    n_facts = counts["facts"]
    from sqlalchemy import func, select

    from diplograph.kb.schema import TABLES
    with engine.connect() as conn:
        kb_facts = conn.execute(select(func.count()).select_from(TABLES["kb_facts"])).scalar_one()
    size = db_size(engine, url)
    print(f"  ingest: {docs / elapsed:,.1f} documents/s, {n_facts / elapsed:,.0f} facts/s ({elapsed:,.0f} s); "
          f"{n_facts:,} facts -> {kb_facts:,} KB facts; database {size / 2**20:,.0f} MiB   {load()}", flush=True)
    lat = bench_queries(engine, gen, runs)
    engine.dispose()
    return {"backend": name, "documents": docs, "facts": n_facts, "kb_facts": kb_facts, "seconds": elapsed,
            "docs_per_s": docs / elapsed, "facts_per_s": n_facts / elapsed, "db_bytes": size,
            "latency_ms": {k: {"p50": v[0], "p95": v[1]} for k, v in lat.items()}}


class Tee:
    def __init__(self, *streams):
        self.streams = streams

    def write(self, text: str) -> None:
        for s in self.streams:
            s.write(text)

    def flush(self) -> None:
        for s in self.streams:
            s.flush()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--runs", type=int, default=40, help="runs of each query")
    ap.add_argument("--dir", help="where the SQLite file (and a throwaway PostgreSQL) go")
    ap.add_argument("--pg-url", help="an existing PostgreSQL database to use (it should be empty)")
    ap.add_argument("--json", help="also write the figures here")
    ap.add_argument("--pg-docs", type=int, help="documents for PostgreSQL, when fewer than --docs")
    ap.add_argument("--per-transaction", type=int, default=1, help="documents per transaction (bulk-load mode)")
    ap.add_argument("--output", help="also write what is printed to this file")
    ap.add_argument("--keep", action="store_true", help="keep the SQLite file afterwards (for profiling)")
    args = ap.parse_args()
    if args.output:
        sys.stdout = Tee(sys.stdout, open(args.output, "w", encoding="utf-8"))
    print(f"bench_kb {' '.join(sys.argv[1:])}\n{time.strftime('%Y-%m-%d %H:%M:%S')}, {os.cpu_count()} cores, {load()}")
    folder = Path(args.dir or tempfile.mkdtemp(prefix="diplograph-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    for backend in args.backends.split(","):
        if backend == "sqlite":
            path = folder / "bench_kb.db"
            for p in folder.glob("bench_kb.db*"):
                p.unlink()
            results.append(run_backend("sqlite", f"sqlite:///{path}", args.docs, args.runs, args.per_transaction))
            if not args.keep:
                for p in folder.glob("bench_kb.db*"):
                    p.unlink()
        elif backend == "postgresql":
            if args.pg_url:
                results.append(run_backend("postgresql", args.pg_url, args.pg_docs or args.docs, args.runs,
                                           args.per_transaction))
            else:
                from diplograph.kb.tempdb import TempPostgres
                with TempPostgres(durable=True, synchronous_commit=False, base_dir=str(folder)) as pg:
                    results.append(run_backend("postgresql", pg.create_database("bench"), args.pg_docs or args.docs,
                                               args.runs, args.per_transaction))
        else:
            ap.error(f"unknown backend {backend}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
