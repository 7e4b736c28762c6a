"""Worker processes (forked from a warmed-up parent) give the same results, in input order, as
extraction in this process."""
from __future__ import annotations

from diplograph.model import RawDocument, ReadError
from diplograph.pipeline import run

DOCS = [
    "Madrid, 2 March 2022\n\nThe President of Chile paid a state visit to Spain and met the King in Madrid.",
    "Portugal joined the European Union in 1986. It held the presidency of the Council in 2007.",
    "Ghana hosted the regional trade forum in Accra in 2019.",
]


def _records(results):
    out = []
    for r in results:
        if isinstance(r, ReadError):
            out.append(("error", r.source))
        else:
            out.append((r.document_record()["id"], [f.as_record() for f in r.facts]))
    return out


def test_workers_match_a_single_process():
    items = [RawDocument(id=f"d{i}", source=f"d{i}", original=t) for i, t in enumerate(DOCS)]
    items.insert(1, ReadError("missing.txt", "not found"))
    alone = _records(run(list(items), workers=1))
    forked = _records(run(list(items), workers=2))
    assert forked == alone
    assert [r[0] for r in alone] == ["d0", "error", "d1", "d2"]
    assert any(facts for _, facts in alone if facts)
