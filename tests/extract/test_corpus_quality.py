"""Quality of the whole extractor on text written for the project: the sample corpus (whole
documents) and the sentence-level example sets (dev for development, heldout never tuned on).
The floors are the issues' acceptance bars; the measured figures are printed with -s."""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.evaluate import evaluate_documents, evaluate_examples, report

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "docs"
EXAMPLES = ROOT / "tests" / "data" / "extract"


def test_sample_corpus_quality():
    score = evaluate_documents([str(SAMPLES)], None)
    text = report("samples", score, details=60)
    print(text)
    assert score.prf()[2] >= 0.85, text


@pytest.mark.parametrize("name,floor", [("dev.yaml", 0.85), ("dev2.yaml", 0.85), ("heldout.yaml", 0.85)])
def test_example_sets_quality(name, floor):
    score = evaluate_examples(EXAMPLES / name)
    text = report(name, score, details=60)
    print(text)
    assert score.prf()[2] >= floor, text
