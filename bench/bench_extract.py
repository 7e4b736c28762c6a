"""Throughput of `diplograph extract` on a generated corpus.

Builds N documents of about 600 words each from the sample corpus's sentences (shuffled, so
documents differ), runs the whole command over the folder several times and reports documents
per second (whole process, median) and the peak resident memory of the process tree.

usage: python bench/bench_extract.py [--docs 1000] [--words 600] [--runs 3] [--workers 0]
"""
from __future__ import annotations

import argparse
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sample_sentences() -> list[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from diplograph.text.prepare import prepare
    from diplograph.text.readers import iter_inputs
    sentences = []
    for raw in iter_inputs([str(ROOT / "samples" / "docs")]):
        if hasattr(raw, "reason"):
            continue
        text = prepare(raw).text
        sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 4]
    return sentences


def build_corpus(folder: Path, docs: int, words: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    sentences = sample_sentences()
    for i in range(docs):
        out, count = [], 0
        while count < words:
            s = rng.choice(sentences)
            out.append(s)
            count += len(s.split())
        paragraphs = [" ".join(out[k:k + 4]) for k in range(0, len(out), 4)]
        header = f"Bench Agency\n\n{rng.randint(1, 28)} March 2024, 10:{rng.randint(10, 59)}\n\n"
        (folder / f"doc_{i:05d}.txt").write_text(header + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--words", type=int, default=600)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", type=int, default=0)
    a = ap.parse_args()
    exe = Path(sys.executable).parent / "diplograph"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        build_corpus(folder, a.docs, a.words)
        times = []
        for _ in range(a.runs):
            start = time.perf_counter()
            proc = subprocess.run([str(exe), "extract", str(folder), "--format", "jsonl", "-o", str(Path(tmp) / "out.jsonl"),
                                   "--workers", str(a.workers)], capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if proc.returncode != 0:
                print(proc.stderr[-2000:], file=sys.stderr)
                return 1
        facts = sum(1 for line in (Path(tmp) / "out.jsonl").open() if '"type": "document"' not in line)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    median = statistics.median(times)
    print(f"{a.docs} documents of ~{a.words} words, {a.runs} runs: median {median:.2f} s "
          f"= {a.docs / median:.1f} documents/s; {facts} facts; peak memory of one process {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
