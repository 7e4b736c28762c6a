"""Quality of the whole extractor on text written for the project: the sample corpus (whole
documents) and the sentence-level example sets (dev for development, heldout never tuned on).
The floors are the issue's acceptance bars; the measured figures are printed with -s."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from diplograph.evaluate import Score, score_document
from diplograph.extract import extract_facts
from diplograph.model import RawDocument
from diplograph.text.prepare import prepare
from diplograph.text.readers import iter_inputs

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
EXAMPLES = ROOT / "tests" / "data" / "extract"


def _records(doc) -> list[dict]:
    return [f.as_record() for f in extract_facts(doc)]


def score_examples(name: str) -> Score:
    score = Score()
    for item in yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8")):
        raw = RawDocument(id=str(item["id"]), source=str(item["id"]), original=item["text"])
        doc = prepare(raw, date=str(item["date"]) if item.get("date") else None)
        score_document(score, str(item["id"]), item, _records(doc))
    return score


def score_samples() -> Score:
    score = Score()
    for raw in iter_inputs([str(SAMPLES)]):
        assert not hasattr(raw, "reason"), f"sample unreadable: {raw}"
        expected = yaml.safe_load((SAMPLES / f"{raw.id}.expected.yaml").read_text(encoding="utf-8"))
        doc = prepare(raw)
        score_document(score, raw.id, expected, _records(doc))
    return score


def _report(label: str, score: Score) -> str:
    p, r, f = score.prf()
    lines = [f"{label}: primary P {p:.3f} R {r:.3f} F1 {f:.3f}"]
    lines += [f"  MISS {n}: {g}" for n, g in score.misses[:40]]
    lines += [f"  FP   {n}: {x['type']} {x['args']} {x.get('time')}" for n, x in score.false_positives[:40]]
    return "\n".join(lines)


def test_sample_corpus_quality():
    score = score_samples()
    print(_report("samples", score))
    assert score.prf()[2] >= 0.60, _report("samples", score)


@pytest.mark.parametrize("name,floor", [("dev.yaml", 0.60), ("heldout.yaml", 0.50)])
def test_example_sets_quality(name, floor):
    score = score_examples(name)
    print(_report(name, score))
    assert score.prf()[2] >= floor, _report(name, score)
