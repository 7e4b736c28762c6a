"""JSONL records as the spec describes: a document record, then that document's facts."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

from diplograph.pipeline import DocumentResult


def records(result: DocumentResult, *, explain: bool = False) -> Iterator[dict]:
    yield result.document_record()
    for fact in result.facts:
        yield fact.as_record(explain=explain)


def write_result(result: DocumentResult, out: TextIO, *, explain: bool = False) -> None:
    for rec in records(result, explain=explain):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
