"""diplograph: facts about foreign relations, each tied to the words of its source."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from diplograph.kb.api import KnowledgeBase


def open(url: str | None = None) -> "KnowledgeBase":  # noqa: A001 - diplograph.open(url), like sqlite3.connect
    """Open a knowledge base (default: $DIPLOGRAPH_DB, else sqlite:///diplograph.db) for queries
    that return pandas DataFrames: partners, timeline, memberships, agreements, conflicts, fact, path."""
    from diplograph.kb.api import KnowledgeBase
    return KnowledgeBase(url)
