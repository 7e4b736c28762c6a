"""When two facts from different documents are the same KB fact, and which entities a fact involves.

The identity is the one the extractor uses inside a document (extract.IDENTITY and the rule in
extract._identity): the fact type, its identity arguments and its modality, plus the year for
things that happen at a time (a visit in 2018 and one in 2020 are two facts; a membership stated
with different periods is one fact whose periods the sources may disagree on).

A visit stated without a date has no year: it is stored with the dated KB visit of the same
visitor, host and modality when exactly one began within 31 days before its document's date
(undated_target; kb.store re-places undated statements whenever a family's dated visits change,
so the result does not depend on ingest order), else as a KB fact of its own.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from diplograph.extract import IDENTITY
from diplograph.model import Fact

# Relations that hold over a period: one KB fact whatever dates the sources give.
TIMELESS = frozenset({"partnership", "membership", "participation", "claim"})
# Unordered pairs: "AZE-TUR" and "TUR-AZE" are one relation.
UNORDERED_PAIRS = frozenset({"partnership", "cooperation"})

# The arguments that name entities, and what kind of entity each is (None: country or
# organization, decided by the registry).
ENTITY_ROLES: dict[str, dict[str, str | None]] = {
    "partnership": {"a": "country", "b": "country"},
    "membership": {"member": "country", "org": "org"},
    "visit": {"visitor": "country", "host": "country"},
    "meeting": {"participants": None},
    "agreement": {"parties": None},
    "participation": {"member": "country", "project": "project"},
    "hosting": {"host": "country", "event": "event"},
    "cooperation": {"a": None, "b": None},
    "claim": {"subject": "country"},
}


# Things that happen at a time whose undated statements ("X visited Y", no date) join the dated
# KB fact they most likely report (see undated_target); kb_facts.family_hash groups the dated and
# undated KB facts of one visitor/host/modality.
MERGE_UNDATED = frozenset({"visit"})
# An undated statement joins a dated visit that began at most this many days before its document.
UNDATED_WINDOW_DAYS = 31


@dataclass(frozen=True)
class Identity:
    key: str                   # canonical JSON, readable
    key_hash: str              # sha256 of key: the unique index
    type: str
    modality: str
    args: dict[str, Any]       # the identity arguments, normalized
    year: str                  # "" for relations that hold over a period

    @property
    def family_hash(self) -> str | None:
        """The same fact at any time (the identity without its year), for the types whose
        undated statements are merged into a dated KB fact; None for the others."""
        return family_hash(self.type, self.modality, self.args) if self.type in MERGE_UNDATED else None

    @property
    def undated(self) -> bool:
        return self.type in MERGE_UNDATED and not self.year


def _key(fact_type: str, modality: str, args: dict[str, Any], year: str) -> str:
    return json.dumps([fact_type, modality, args, year], sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def family_hash(fact_type: str, modality: str, args: dict[str, Any]) -> str:
    return _sha(_key(fact_type, modality, args, "*"))


def undated_key_hash(fact_type: str, modality: str, args: dict[str, Any]) -> str:
    """The key of the KB fact that holds a family's undated statements nobody could place."""
    return _sha(_key(fact_type, modality, args, ""))


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


def _period_of(start: str) -> tuple[date, date] | None:
    """The days a partial ISO date can be: "2024-03" is 1-31 March. A bare year is too vague to
    place a visit (None)."""
    if len(start) >= 10:
        d = _day(start)
        return (d, d) if d else None
    if len(start) == 7:
        first = _day(start + "-01")
        if first is None:
            return None
        nxt = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        return first, nxt - timedelta(days=1)
    return None


def within_window(start: str | None, doc_date: str | None) -> bool:
    """Whether a visit that began on `start` may be what a document of `doc_date` reports without a
    date: it began at most UNDATED_WINDOW_DAYS days before the document (and not after it)."""
    if not start or not doc_date:
        return False
    period, day = _period_of(start), _day(doc_date)
    if period is None or day is None:
        return False
    return period[0] <= day and period[1] >= day - timedelta(days=UNDATED_WINDOW_DAYS)


def undated_target(dated: dict[int, Any], doc_date: str | None) -> int | None:
    """The dated KB fact an undated statement from a document of `doc_date` joins: the only one
    with a stated start (dated: KB fact id -> its sources' starts, or one start) within the
    window, else None (it stays a fact of its own). Depends only on the dated statements, never
    on what was ingested first."""
    def starts(value: Any) -> list[str]:
        return [value] if isinstance(value, str) else [v for v in value or () if v]
    found = [kid for kid, value in dated.items() if any(within_window(s, doc_date) for s in starts(value))]
    return found[0] if len(found) == 1 else None


def fact_start(fact: Fact) -> str | None:
    return fact.time.get("start") or fact.time.get("as_of")


def _norm(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return sorted({str(v) for v in value})
    return value


def identity_args(fact_type: str, args: dict[str, Any]) -> dict[str, Any]:
    keys = IDENTITY.get(fact_type, tuple(sorted(args)))
    out = {k: _norm(args.get(k)) for k in keys}
    if fact_type in UNORDERED_PAIRS and out.get("a") is not None and out.get("b") is not None:
        a, b = sorted((str(out["a"]), str(out["b"])))
        out["a"], out["b"] = a, b
    return out


def identity_of(fact: Fact) -> Identity:
    args = identity_args(fact.type, fact.args)
    year = "" if fact.type in TIMELESS else (fact_start(fact) or "")[:4]
    key = _key(fact.type, fact.modality, args, year)
    return Identity(key, _sha(key), fact.type, fact.modality, args, year)


def kb_args(fact: Fact) -> dict[str, Any]:
    """The arguments shown for a KB fact: the identity ones normalized, the others as the first
    source gave them."""
    out = dict(fact.args)
    out.update(identity_args(fact.type, fact.args))
    return out


@lru_cache(maxsize=4096)
def entity_kind(entity_id: str) -> str:
    """country or org for an id that could be either (countries first: ISO codes are the
    canonical country ids)."""
    from diplograph.registry.load import get_registry
    reg = get_registry()
    for kind in ("country", "org", "group", "project", "event"):
        if reg.get(entity_id, kind) is not None:
            return kind
    return "other"


def entities_of(fact_type: str, args: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(role, entity, kind) for every entity the fact involves."""
    out: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for role, kind in ENTITY_ROLES.get(fact_type, {}).items():
        value = args.get(role)
        values = value if isinstance(value, (list, tuple)) else [value]
        for v in values:
            if v in (None, "") or (role, str(v)) in seen:
                continue
            seen.add((role, str(v)))
            out.append((role, str(v), kind or entity_kind(str(v))))
    return out
