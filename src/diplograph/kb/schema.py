"""The knowledge base's tables (SQLAlchemy 2 typed ORM).

Per document, what the extractor found is stored as found: the document with its original text,
its mentions, its facts and each fact's evidence. On top, `kb_facts` holds one row per fact
identity across all documents (type + identity arguments + modality, see kb.identity) with the
combined period and how many sources state it; `kb_fact_sources` links every document fact to
its KB fact so no evidence is lost, and `kb_fact_entities` indexes KB facts by the countries,
organizations and projects they involve (what every query starts from).

Offsets (mentions, evidence) point into `documents.original`, as in the JSONL contract.
The Alembic migrations in kb/migrations create exactly these tables; a test checks they agree.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import (JSON, BigInteger, DateTime, Float, ForeignKey, Index, Integer, MetaData, String,
                        Text)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# The Alembic revision these models correspond to (kb/migrations/versions). Checked with plain
# SQL on every open, so reading a KB does not load Alembic; a test keeps it equal to the head.
SCHEMA_REVISION = "0002"

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets 64-bit ids.
BigId = BigInteger().with_variant(Integer(), "sqlite")

# Named constraints, so migrations can refer to them on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(512), primary_key=True)   # the document id (file name, corpus id)
    source: Mapped[str] = mapped_column(Text)
    url: Mapped[Optional[str]] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    content_hash: Mapped[str] = mapped_column(String(64))             # sha256 of the original, UTF-8
    original: Mapped[str] = mapped_column(Text)
    date: Mapped[Optional[str]] = mapped_column(String(10))
    date_source: Mapped[Optional[str]] = mapped_column(String(32))
    language: Mapped[Optional[str]] = mapped_column(String(16))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Stored with the document in the same transaction: a reader can check the rows are all there.
    n_facts: Mapped[int] = mapped_column(Integer, default=0)
    n_mentions: Mapped[int] = mapped_column(Integer, default=0)


class MentionRow(Base):
    __tablename__ = "mentions"
    __table_args__ = (Index("ix_mentions_entity", "entity_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    entity_id: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))


class FactRow(Base):
    """One fact of one document, as the extractor gave it."""

    __tablename__ = "facts"
    # Whole-KB checks read all facts of a type in storage order (revision 0002).
    __table_args__ = (Index("ix_facts_type_modality", "type", "modality"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(32))
    args: Mapped[dict[str, Any]]
    time: Mapped[dict[str, Any]]
    start: Mapped[Optional[str]] = mapped_column(String(10))          # time.start or time.as_of
    end: Mapped[Optional[str]] = mapped_column(String(10))
    modality: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float)
    rule: Mapped[str] = mapped_column(String(120), default="")


class EvidenceRow(Base):
    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class KBFact(Base):
    """One fact across all sources."""

    __tablename__ = "kb_facts"
    __table_args__ = (Index("ix_kb_facts_type_year", "type", "start_year"),
                      Index("ix_kb_facts_family_hash", "family_hash"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)   # sha256 of the identity key
    # sha256 of the identity without its year, for visits (kb.identity.MERGE_UNDATED): finds the
    # dated KB facts an undated statement may join. NULL for the other types. (revision 0002)
    family_hash: Mapped[Optional[str]] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(32))
    modality: Mapped[str] = mapped_column(String(16))
    identity: Mapped[dict[str, Any]]                                  # the identity arguments
    args: Mapped[dict[str, Any]]                                      # identity + other args from a source
    start: Mapped[Optional[str]] = mapped_column(String(10))          # combined period: earliest start ...
    end: Mapped[Optional[str]] = mapped_column(String(10))            # ... latest end
    start_year: Mapped[Optional[int]] = mapped_column(Integer)
    end_year: Mapped[Optional[int]] = mapped_column(Integer)
    first_seen: Mapped[Optional[str]] = mapped_column(String(10))     # earliest / latest document date
    last_seen: Mapped[Optional[str]] = mapped_column(String(10))
    n_sources: Mapped[int] = mapped_column(Integer, default=0)        # distinct documents
    n_facts: Mapped[int] = mapped_column(Integer, default=0)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)     # the best source's
    # Statements that give no date (revision 0002): where it is 0, no undated visit needs placing.
    n_undated: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class KBFactSource(Base):
    """KB fact <-> document fact: every document fact belongs to exactly one KB fact."""

    __tablename__ = "kb_fact_sources"

    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True)
    kb_fact_id: Mapped[int] = mapped_column(ForeignKey("kb_facts.id", ondelete="CASCADE"), index=True)
    doc_id: Mapped[str] = mapped_column(String(512))                  # denormalized: sources without a join


class KBFactEntity(Base):
    """The entities a KB fact involves, by role (a, b, member, org, participants, parties ...)."""

    __tablename__ = "kb_fact_entities"
    __table_args__ = (Index("ix_kb_fact_entities_entity_type", "entity", "type"),)

    kb_fact_id: Mapped[int] = mapped_column(ForeignKey("kb_facts.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))                     # country | org | project | event | other
    type: Mapped[str] = mapped_column(String(32))                     # the KB fact's type, for index-only filters
    modality: Mapped[str] = mapped_column(String(16))


TABLES = Base.metadata.tables
