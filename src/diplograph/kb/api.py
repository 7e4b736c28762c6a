"""The knowledge base from Python: `diplograph.open(url)` and DataFrames.

    kb = diplograph.open("sqlite:///diplograph.db")
    kb.partners("AZE", level="strategic_partnership", at=2020)
    kb.conflicts()
    kb.fact(12)          # every piece of evidence, with context
"""
from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, select

from diplograph.kb import claims as claims_mod
from diplograph.kb import conflicts as conflicts_mod
from diplograph.kb import queries
from diplograph.kb.db import ensure_schema, open_for_reading, resolve_url
from diplograph.kb.queries import COLUMNS, conflict_rows
from diplograph.kb.schema import TABLES

def frame(kind: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS[kind])


class KnowledgeBase:
    """Read access to a diplograph knowledge base. Every method returns a pandas DataFrame."""

    def __init__(self, url: str | None = None, *, engine: Engine | None = None):
        self.url = resolve_url(url)
        self.engine = engine or open_for_reading(self.url)
        if engine is not None:
            ensure_schema(engine, create=False)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"KnowledgeBase({self.url!r})"

    def _run(self, fn, *args, **kwargs):
        with self.engine.connect() as conn:
            return fn(conn, *args, **kwargs)

    def partners(self, country: str, level: str | None = None, at: int | None = None) -> pd.DataFrame:
        return frame("partners", self._run(queries.partners, country, level, at))

    def timeline(self, country: str, type: str | None = None, start: int | None = None, end: int | None = None,
                 *, include_negated: bool = False, limit: int | None = None) -> pd.DataFrame:
        return frame("timeline", self._run(queries.timeline, country, type, start, end, include_negated, limit))

    def memberships(self, country: str) -> pd.DataFrame:
        return frame("memberships", self._run(queries.memberships, country))

    def agreements(self, a: str, b: str | None = None) -> pd.DataFrame:
        return frame("agreements", self._run(queries.agreements, a, b))

    def fact(self, fact_id: int, context: int = 160) -> pd.DataFrame:
        """Every piece of evidence for KB fact `fact_id` (empty if there is no such fact); the
        fact itself is in .attrs["fact"]."""
        df = frame("fact", self._run(queries.fact_evidence, int(fact_id), context))
        df.attrs["fact"] = self._run(queries.kb_fact, int(fact_id))
        return df

    def path(self, a: str, b: str, max_hops: int = 6) -> pd.DataFrame:
        return frame("path", self._run(queries.path, a, b, max_hops))

    def conflicts(self) -> pd.DataFrame:
        return frame("conflicts", conflict_rows(self._run(conflicts_mod.find_conflicts)))

    def claims(self, include_unchecked: bool = False) -> pd.DataFrame:
        return frame("claims", self._run(claims_mod.check_claims, include_unchecked=include_unchecked))

    def stats(self) -> dict[str, int]:
        """Row counts: documents, facts, evidence, kb_facts."""
        with self.engine.connect() as conn:
            return {name: conn.execute(select(func.count()).select_from(TABLES[name])).scalar_one()
                    for name in ("documents", "facts", "evidence", "kb_facts")}


def open_kb(url: str | None = None) -> KnowledgeBase:
    """The knowledge base at `url` (default: $DIPLOGRAPH_DB, else sqlite:///diplograph.db)."""
    return KnowledgeBase(url)
