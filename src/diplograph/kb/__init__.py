"""The knowledge base: every fact once, with every source that states it, when it held and
where sources disagree (SQLite or PostgreSQL, via SQLAlchemy; migrations by Alembic).

    diplograph ingest docs/ --db sqlite:///kb.db      # kb.store.ingest
    diplograph conflicts | query ... | claims | export
    kb = diplograph.open("sqlite:///kb.db")           # kb.api.KnowledgeBase: DataFrames
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:   # imported on use: `import diplograph` stays light
    from diplograph.kb.api import KnowledgeBase


def open_kb(url: str | None = None) -> "KnowledgeBase":
    """The knowledge base at `url` (default: $DIPLOGRAPH_DB, else sqlite:///diplograph.db)."""
    from diplograph.kb.api import KnowledgeBase
    return KnowledgeBase(url)
