"""When two facts from different documents are the same KB fact, and which entities a fact involves.

The identity is the one the extractor uses inside a document (extract.IDENTITY and the rule in
extract._identity): the fact type, its identity arguments and its modality, plus the year for
things that happen at a time (a visit in 2018 and one in 2020 are two facts; a membership stated
with different periods is one fact whose periods the sources may disagree on).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Identity:
    key: str                   # canonical JSON, readable
    key_hash: str              # sha256 of key: the unique index
    type: str
    modality: str
    args: dict[str, Any]       # the identity arguments, normalized
    year: str                  # "" for relations that hold over a period


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
    key = json.dumps([fact.type, fact.modality, args, year], sort_keys=True, ensure_ascii=False,
                     separators=(",", ":"))
    return Identity(key, hashlib.sha256(key.encode("utf-8")).hexdigest(), fact.type, fact.modality, args, year)


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
