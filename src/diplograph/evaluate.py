"""Score extracted facts against expected facts written in the gold YAML format
(doc, date, facts, optional). Used by the tests on the sample corpus and the example sets, and by
`diplograph evaluate`.

Matching follows the evaluation's published rules: partnership on the pair and level,
membership on member, org and role, visit on visitor, host and year, meeting on the participant
set and year, agreement on the parties (and year when both give one), participation and hosting
on the country and a loose name match, cooperation on the pair and domain, claim on subject and
value. Facts whose modality is not asserted are not scored; an expected fact marked planned or
negated must not be asserted.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

PRIMARY = ("partnership", "membership", "visit", "meeting", "agreement", "participation", "hosting")


_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})


def _fold(s: object) -> str:
    # Dashes of every width separate words ("Baku–Tbilisi–Kars" = "Baku-Tbilisi-Kars").
    s = unicodedata.normalize("NFKD", str(s).translate(_DASHES)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def _year(v: object) -> str | None:
    m = re.match(r"\d{4}", str(v)) if v is not None else None
    return m.group(0) if m else None


def _names(v: object) -> list[str]:
    return [str(x) for x in v] if isinstance(v, list) else [str(v)] if v is not None else []


_STOP = {"the", "of", "and", "a", "an", "on", "in", "for", "between", "republic"}


def loose_name_match(a: object, b: object) -> bool:
    for x in _names(a):
        for y in _names(b):
            fx, fy = _fold(x), _fold(y)
            if not fx or not fy:
                continue
            if fx == fy or (len(fx) > 3 and fx in fy) or (len(fy) > 3 and fy in fx):
                return True
            tx, ty = set(fx.split()) - _STOP, set(fy.split()) - _STOP
            if tx and ty and len(tx & ty) / len(tx | ty) >= 0.5:
                return True
    return False


def _args(f: dict) -> dict:
    if isinstance(f.get("args"), dict):
        return f["args"]
    return {k: v for k, v in f.items() if k not in ("type", "time", "evidence", "doc", "confidence", "modality")}


def _start(f: dict) -> str | None:
    t = f.get("time") if isinstance(f.get("time"), dict) else {}
    return _year(t.get("start", f.get("start")))


def _set(v: object) -> frozenset[str]:
    return frozenset(str(x).upper() for x in _names(v))


def fact_matches(gold: dict, pred: dict) -> bool:
    t = gold["type"]
    if pred.get("type") != t:
        return False
    g, p = _args(gold), _args(pred)
    gy, py = _start(gold), _start(pred)
    if t == "partnership":
        return _set([g.get("a"), g.get("b")]) == _set([p.get("a"), p.get("b")]) and g.get("level") == p.get("level")
    if t == "membership":
        return (g.get("member") == p.get("member") and g.get("org") == p.get("org")
                and g.get("role", "member") == p.get("role", "member"))
    if t == "visit":
        return g.get("visitor") == p.get("visitor") and g.get("host") == p.get("host") and (gy is None or gy == py)
    if t == "meeting":
        return _set(g.get("participants")) == _set(p.get("participants")) and (gy is None or gy == py)
    if t == "agreement":
        return _set(g.get("parties")) == _set(p.get("parties")) and (gy is None or py is None or gy == py)
    if t == "participation":
        return g.get("member") == p.get("member") and loose_name_match(g.get("project"), p.get("project"))
    if t == "hosting":
        return g.get("host") == p.get("host") and loose_name_match(g.get("event"), p.get("event"))
    if t == "cooperation":
        return _set([g.get("a"), g.get("b")]) == _set([p.get("a"), p.get("b")]) and g.get("domain") == p.get("domain")
    if t == "claim":
        try:
            return g.get("subject") == p.get("subject") and float(g.get("value")) == float(p.get("value"))
        except (TypeError, ValueError):
            return False
    return False


@dataclass
class Score:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    misses: list[tuple[str, dict]] = field(default_factory=list)
    false_positives: list[tuple[str, dict]] = field(default_factory=list)

    def prf(self, types: tuple[str, ...] | list[str] = PRIMARY) -> tuple[float, float, float]:
        tp = sum(self.tp[t] for t in types)
        fp = sum(self.fp[t] for t in types)
        fn = sum(self.fn[t] for t in types)
        p = tp / (tp + fp) if tp + fp else 1.0 if not fn else 0.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def score_document(score: Score, name: str, expected: dict, predicted: list[dict]) -> None:
    """Add one document's comparison to `score` (greedy one-to-one matching, as the evaluation)."""
    gold = [g for g in expected.get("facts") or [] if g.get("modality", "asserted") == "asserted"]
    optional = list(expected.get("optional") or [])
    preds = [p for p in predicted if p.get("modality", "asserted") == "asserted"]
    used_gold: set[int] = set()
    rest = []
    for p in preds:
        hit = next((i for i, g in enumerate(gold) if i not in used_gold and fact_matches(g, p)), None)
        if hit is None:
            rest.append(p)
        else:
            used_gold.add(hit)
            score.tp[p["type"]] += 1
    used_opt: set[int] = set()
    for p in rest:
        hit = next((i for i, g in enumerate(optional) if i not in used_opt and fact_matches(g, p)), None)
        if hit is None:
            score.fp[p["type"]] += 1
            score.false_positives.append((name, p))
        else:
            used_opt.add(hit)
    for i, g in enumerate(gold):
        if i not in used_gold:
            score.fn[g["type"]] += 1
            score.misses.append((name, g))


def _extract_records(raw, date: str | None = None) -> list[dict]:
    from diplograph.extract import extract_facts
    from diplograph.text.prepare import prepare
    return [f.as_record() for f in extract_facts(prepare(raw, date=date))]


def evaluate_documents(paths: list[str], gold_dir) -> Score:
    """Extract from the documents at `paths` and score them against `gold_dir/<name>.yaml` or,
    for the sample corpus layout, `<document>.expected.yaml` beside each document."""
    from pathlib import Path

    import yaml

    from diplograph.model import ReadError
    from diplograph.text.readers import iter_inputs
    score = Score()
    for raw in iter_inputs(paths):
        if isinstance(raw, ReadError):
            raise ValueError(f"{raw.source}: {raw.reason}")
        beside = Path(raw.source).with_name(raw.id + ".expected.yaml")
        gold = Path(gold_dir) / f"{raw.id}.yaml" if gold_dir else beside
        if not gold.is_file():
            continue
        expected = yaml.safe_load(gold.read_text(encoding="utf-8"))
        score_document(score, raw.id, expected, _extract_records(raw))
    return score


def evaluate_examples(path) -> Score:
    """Score a sentence-level example set: a YAML list of {id, text, date, facts, optional}."""
    from pathlib import Path

    import yaml

    from diplograph.model import RawDocument
    score = Score()
    for item in yaml.safe_load(Path(path).read_text(encoding="utf-8")):
        raw = RawDocument(id=str(item["id"]), source=str(item["id"]), original=item["text"])
        score_document(score, raw.id, item, _extract_records(raw, str(item["date"]) if item.get("date") else None))
    return score


def report(label: str, score: Score, *, details: int = 0) -> str:
    lines = [f"{label}"]
    lines.append(f"  {'type':14} {'P':>6} {'R':>6} {'F1':>6}   tp   fp   fn")
    for t in PRIMARY + ("cooperation", "claim"):
        if score.tp[t] + score.fp[t] + score.fn[t]:
            p, r, f = score.prf([t])
            lines.append(f"  {t:14} {p:6.3f} {r:6.3f} {f:6.3f} {score.tp[t]:4} {score.fp[t]:4} {score.fn[t]:4}")
    p, r, f = score.prf()
    lines.append(f"  {'PRIMARY':14} {p:6.3f} {r:6.3f} {f:6.3f}")
    for n, g in score.misses[:details]:
        lines.append(f"  MISS {n}: {g}")
    for n, x in score.false_positives[:details]:
        lines.append(f"  FP   {n}: {x['type']} {x['args']} {x.get('time')} {x.get('modality')}")
    return "\n".join(lines)
