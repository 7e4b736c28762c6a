#!/usr/bin/env python3
"""Build samples/docs/policy_paper.pdf from samples/pdf_source/policy_paper.txt.

The PDF imitates a think-tank paper set in a narrow column, so that its text layer has what
real PDFs have: hard line breaks inside sentences, words hyphenated across lines
("co-" / "operation"), hyphenated proper names split after their own hyphen
("Baku-Tbilisi-" / "Kars") and headings broken over several lines. The build fails if any of
these did not happen, since the sample exists to exercise them.

Source format: paragraphs separated by blank lines; the first three are the title, the series
line and the date; a paragraph starting with "<digit>. " is a heading.

usage: python samples/make_pdf.py [--source FILE] [--out FILE]
Needs fpdf2 (test extra); pypdf is used to check the result.
"""
from __future__ import annotations

import argparse
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
COLUMN_MM = 72          # narrow column: about 40 characters of 10 pt Helvetica per line
LEFT_MM = 28
HEADING = re.compile(r"^\d+\. ")

# Where long words may be broken with an added hyphen (a typesetter's hyphenation points).
# Keys are lower-case words; values are the allowed prefixes.
SOFT_BREAKS = {
    "cooperation": ["co"],
    "intergovernmental": ["inter", "intergovern"],
    "international": ["inter", "interna"],
    "infrastructure": ["infra"],
    "modernising": ["modern"],
    "procedures": ["proce"],
    "containers": ["contain"],
    "priorities": ["priori"],
    "recommendation": ["recom", "recommen"],
    "beneficiary": ["bene", "benefi"],
    "coordinate": ["co", "coordi"],
}


def split_word(word: str, fits) -> tuple[str, str, str] | None:
    """Best break of `word` whose first part (with its hyphen) `fits`: (head, rest, kind) where
    kind is "soft" (hyphen added) or "hard" (broken after a hyphen the word already has)."""
    core = word.rstrip(".,;:!?)\"'")
    candidates: list[tuple[str, str, str]] = []
    for m in re.finditer("-", core):
        head = word[: m.end()]
        if head and word[m.end():]:
            candidates.append((head, word[m.end():], "hard"))
    for prefix in SOFT_BREAKS.get(core.lower(), []):
        n = len(prefix)
        candidates.append((word[:n] + "-", word[n:], "soft"))
    good = [c for c in candidates if fits(c[0])]
    return max(good, key=lambda c: len(c[0])) if good else None


def wrap(pdf: FPDF, text: str, width: float, breaks: list[tuple[str, str, str]]) -> list[str]:
    """Greedy line filling at the current font; records every word break in `breaks`."""
    lines: list[str] = []
    line = ""
    words = text.split()
    i = 0
    while i < len(words):
        word = words[i]
        trial = f"{line} {word}" if line else word
        if pdf.get_string_width(trial) <= width:
            line = trial
            i += 1
            continue
        prefix = f"{line} " if line else ""
        cut = split_word(word, lambda head: pdf.get_string_width(prefix + head) <= width)
        if cut:
            head, rest, kind = cut
            lines.append(prefix + head)
            breaks.append((head, rest, kind))
            words[i] = rest
            line = ""
        elif line:
            lines.append(line)
            line = ""
        else:                       # a single word wider than the column: let it overflow
            lines.append(word)
            i += 1
    if line:
        lines.append(line)
    return lines


def build(source: Path, out: Path) -> dict:
    """Write the PDF; return what was broken where (for the checks)."""
    paras = [p.strip() for p in source.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(datetime(2024, 6, 3, 9, 0, tzinfo=timezone.utc))  # reproducible bytes
    pdf.set_title(paras[0])
    pdf.set_author("Eurasian Connectivity Programme")
    pdf.set_margins(LEFT_MM, 25, 210 - LEFT_MM - COLUMN_MM)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    breaks: list[tuple[str, str, str]] = []
    heading_lines: list[int] = []

    def put(text: str, family_style: str, size: float, line_h: float, space_after: float) -> int:
        pdf.set_font("Helvetica", family_style, size)
        lines = wrap(pdf, text, COLUMN_MM, breaks)
        for ln in lines:
            pdf.cell(COLUMN_MM, line_h, ln, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(space_after)
        return len(lines)

    put(paras[0], "B", 15, 7, 3)          # title
    put(paras[1], "I", 9, 4.5, 1)         # series line
    put(paras[2], "", 9, 4.5, 6)          # date
    for p in paras[3:]:
        if HEADING.match(p):
            heading_lines.append(put(p, "B", 12, 6, 2))
        else:
            put(" ".join(p.split()), "", 10, 5, 3)
    out.write_bytes(bytes(pdf.output()))
    return {"breaks": breaks, "heading_lines": heading_lines}


def check(out: Path, info: dict) -> list[str]:
    """Problems with the built PDF: the noise it must carry, read back through pypdf."""
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(out)).pages)
    problems = []
    soft = [b for b in info["breaks"] if b[2] == "soft"]
    hard = [b for b in info["breaks"] if b[2] == "hard" and b[0][:1].isupper() and b[1][:1].isupper()]
    if not soft:
        problems.append("no word was hyphenated across lines")
    if not hard:
        problems.append("no hyphenated proper name was split after its hyphen")
    if not any(n >= 2 for n in info["heading_lines"]):
        problems.append("no heading was broken over two lines")
    for head, rest, _ in soft + hard:
        tail = re.escape(rest.rstrip(".,;:"))
        if not re.search(re.escape(head) + r"\s*\n" + tail, text):
            problems.append(f"text layer lacks the break {head!r} / {rest!r}")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=HERE / "pdf_source" / "policy_paper.txt")
    ap.add_argument("--out", type=Path, default=HERE / "docs" / "policy_paper.pdf")
    a = ap.parse_args()
    info = build(a.source, a.out)
    problems = check(a.out, info)
    for head, rest, kind in info["breaks"]:
        print(f"{kind:4} break: {head} / {rest}")
    print(f"heading line counts: {info['heading_lines']}")
    if problems:
        print("\n".join(f"error: {p}" for p in problems), file=sys.stderr)
        return 1
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
