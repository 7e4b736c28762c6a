"""Print extraction quality on the sample corpus and the example sets (and the shared dev set
when it is beside the project). usage: python bench/quality.py [-v N]"""
from __future__ import annotations

import argparse
from pathlib import Path

from diplograph.evaluate import evaluate_documents, evaluate_examples, report

ROOT = Path(__file__).resolve().parents[1]

ap = argparse.ArgumentParser()
ap.add_argument("-v", type=int, default=0, help="list this many misses and false positives")
ap.add_argument("--only", default="", help="samples | dev | dev2 | heldout | eval")
a = ap.parse_args()
if a.only in ("", "samples"):
    print(report("samples/docs", evaluate_documents([str(ROOT / "samples" / "docs")], None), details=a.v))
for name in ("dev", "dev2", "heldout"):
    if a.only in ("", name):
        # The held-out set is for measuring only: its misses are never listed, so nobody tunes to them.
        details = a.v if name == "dev" else 0
        print(report(name, evaluate_examples(ROOT / "tests" / "data" / "extract" / f"{name}.yaml"), details=details))
shared = ROOT.parent / "shared" / "eval" / "dev"
if shared.is_dir() and a.only in ("", "eval"):
    print(report("shared eval dev", evaluate_documents([str(shared / "docs")], shared / "gold"), details=a.v))
