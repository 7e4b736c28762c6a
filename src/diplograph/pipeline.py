"""Read -> prepare -> extract over many inputs, in parallel on all cores.

Reading happens in the parent (it is I/O and yields clear errors in input order); preparing and
extracting, the CPU work, run in worker processes. Each result is either a DocumentResult or a
ReadError, so one bad input never stops the batch.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from diplograph.model import Document, Fact, Mention, RawDocument, ReadError


@dataclass
class DocumentResult:
    doc: Document
    facts: list[Fact] = field(default_factory=list)
    # The mentions extraction found (cleaned-text offsets), carried from the worker so that
    # storing the document does not run the mention finder again; None: not known.
    mentions: list[Mention] | None = None

    def document_record(self) -> dict:
        d = self.doc
        return {
            "type": "document", "id": d.id, "source": d.raw.source, "url": d.raw.url, "kind": d.raw.kind,
            "date": d.date, "date_source": d.date_source, "language": d.language,
            "chars_read": len(d.raw.original), "chars_kept": len(d.text), "facts": len(self.facts),
        }


def process_document(raw: RawDocument, date: str | None = None, min_confidence: float = 0.0) -> DocumentResult | ReadError:
    """Prepare and extract one document; any failure is that document's error, not the batch's."""
    from diplograph.text.prepare import prepare
    try:
        doc = prepare(raw, date=date)
        if not doc.text.strip():
            return ReadError(raw.source, "no text left after cleaning (only page chrome or markup?)")
        facts, mentions = _extract(doc, min_confidence)
        return DocumentResult(doc, facts, mentions)
    except Exception as exc:  # noqa: BLE001 - reported by name and reason, the batch goes on
        return ReadError(raw.source, f"could not be processed: {type(exc).__name__}: {exc}")


def _extract(doc: Document, min_confidence: float) -> tuple[list[Fact], list[Mention]]:
    """extract.extract_facts, keeping the mentions its context found (the same steps, so the
    facts are identical; tests/kb/test_ingest.py checks that)."""
    from diplograph.extract import RULES, build_context, merge_facts
    ctx = build_context(doc)
    facts: list[Fact] = []
    for _, rule in RULES:
        facts.extend(rule(ctx))
    merged = merge_facts(facts)
    return [f for f in merged if f.confidence >= min_confidence], list(ctx.mentions)


# A document that exercises every stage once: imports (and their regexes), the registry, the
# mention automaton, the date parser.
_WARM_UP_TEXT = ("Paris, 3 May 2021\n\nThe President of France met the Prime Minister of Japan in Tokyo on "
                 "Monday. The two countries signed an agreement on energy cooperation and are members of "
                 "the G20, which Japan hosted in 2019.\n")


def _warm_up() -> None:
    """Load and build everything extraction needs before the first real document arrives."""
    process_document(RawDocument(id="warm-up", source="warm-up", original=_WARM_UP_TEXT))
    try:
        from diplograph.text.language import _model
        _model()            # the language model is loaded lazily, by the first document that needs it
    except Exception:       # noqa: BLE001 - only a warm-up: the document that needs it will load it
        pass


def _pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes forked from a warmed-up parent share its imports, registry, automaton and
    language model (copy-on-write) instead of each building them again: that start-up costs
    about as much CPU as a hundred documents. Where processes are spawned instead of forked,
    each worker warms up on its own."""
    if multiprocessing.get_start_method() == "fork":
        _warm_up()
        return ProcessPoolExecutor(max_workers=workers)
    return ProcessPoolExecutor(max_workers=workers, initializer=_warm_up)


def run(items: Iterable[RawDocument | ReadError], *, workers: int | None = None, date: str | None = None,
        min_confidence: float = 0.0) -> Iterator[DocumentResult | ReadError]:
    """Results in input order. `workers` = 1 runs in this process (used by tests and small runs)."""
    workers = workers or os.cpu_count() or 1
    items = iter(items)
    if workers <= 1:
        for item in items:
            yield item if isinstance(item, ReadError) else process_document(item, date, min_confidence)
        return
    # Bounded window of pending work so memory stays flat on huge corpora.
    window = workers * 8
    with _pool(workers) as pool:
        pending: list = []
        for item in items:
            if isinstance(item, ReadError):
                pending.append(item)
            else:
                pending.append(pool.submit(process_document, item, date, min_confidence))
            while len(pending) >= window:
                yield _result(pending.pop(0))
        while pending:
            yield _result(pending.pop(0))


def _result(p) -> DocumentResult | ReadError:
    return p if isinstance(p, ReadError) else p.result()
