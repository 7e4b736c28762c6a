"""Facts from a prepared document: mentions first (one automaton pass), then one rule module per
fact type, each reading only the sentences its trigger words select, then one merge so that a
fact stated twice in a document is one fact with two pieces of evidence."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from diplograph.extract import (agreement, claim, cooperation, hosting, meeting, membership,
                                participation, partnership, visit)
from diplograph.extract.context import DocContext
from diplograph.model import Document, Fact

RULES: list[tuple[str, Callable[[DocContext], Iterable[Fact]]]] = [
    ("partnership", partnership.extract),
    ("membership", membership.extract),
    ("visit", visit.extract),
    ("meeting", meeting.extract),
    ("agreement", agreement.extract),
    ("participation", participation.extract),
    ("hosting", hosting.extract),
    ("cooperation", cooperation.extract),
    ("claim", claim.extract),
]

# The arguments that make two facts of a type the same fact; the others are filled in from
# whichever statement gives them.
IDENTITY = {
    "partnership": ("a", "b", "level"),
    "membership": ("member", "org", "role"),
    "visit": ("visitor", "host"),
    "meeting": ("participants",),
    "agreement": ("parties", "title"),
    "participation": ("member", "project"),
    "hosting": ("host", "event"),
    "cooperation": ("a", "b", "domain"),
    "claim": ("subject", "measure", "value"),
}


def build_context(doc: Document) -> DocContext:
    from diplograph.registry.resolve import find_mentions
    from diplograph.text.dates import find_dates
    mentions = find_mentions(doc.text, date=doc.date)
    dates = find_dates(doc.text, doc.date)
    return DocContext(doc, mentions, dates)


def extract_facts(doc: Document, *, min_confidence: float = 0.0) -> list[Fact]:
    ctx = build_context(doc)
    facts: list[Fact] = []
    for _, rule in RULES:
        facts.extend(rule(ctx))
    merged = merge_facts(facts)
    return [f for f in merged if f.confidence >= min_confidence]


def _identity(fact: Fact) -> tuple:
    def freeze(v):
        return tuple(sorted(map(str, v))) if isinstance(v, list) else v
    keys = IDENTITY.get(fact.type, tuple(sorted(fact.args)))
    year = (fact.time.get("start") or fact.time.get("as_of") or "")[:4]
    if fact.type in ("partnership", "membership", "participation", "claim"):
        year = ""   # one relation, whatever dates different sentences give it
    return (fact.type, fact.modality, tuple(freeze(fact.args.get(k)) for k in keys), year)


def merge_facts(facts: Iterable[Fact]) -> list[Fact]:
    """One fact per identity: evidence is pooled, missing arguments and times are filled from
    later statements, and confidence grows a little with each independent statement. Two
    statements of one membership with different start years are two terms (Poland chaired the
    Council of the EU in 2011 and in 2025), not one."""
    out: dict[tuple, list[Fact]] = {}
    for f in facts:
        same = out.setdefault(_identity(f), [])
        kept = next((k for k in same if not _different_terms(k, f)), None)
        if kept is None:
            same.append(f)
            continue
        _absorb(kept, f)
    merged = [f for group in out.values() for f in group]
    for f in merged:
        f.evidence.sort(key=lambda e: e.start)
    return sorted(merged, key=lambda f: (f.evidence[0].start if f.evidence else 0, f.type))


def _different_terms(a: Fact, b: Fact) -> bool:
    if a.type != "membership":
        return False
    ya, yb = (a.time.get("start") or "")[:4], (b.time.get("start") or "")[:4]
    return bool(ya and yb and ya != yb)


def _absorb(kept: Fact, f: Fact) -> None:
    for ev in f.evidence:
        if all((ev.start, ev.end) != (e.start, e.end) for e in kept.evidence):
            kept.evidence.append(ev)
    for k, v in f.args.items():
        if kept.args.get(k) in (None, "", []) and v not in (None, "", []):
            kept.args[k] = v
    for k, v in f.time.items():
        if kept.time.get(k) is None and v is not None:
            kept.time[k] = v
        elif v and kept.time.get(k) and len(v) > len(kept.time[k]) and v.startswith(kept.time[k]):
            kept.time[k] = v      # the more precise date of the same time
    kept.confidence = min(0.99, max(kept.confidence, f.confidence) + 0.05)


def iter_rules() -> Iterator[str]:
    return (name for name, _ in RULES)
