"""Initial knowledge base schema: documents, mentions, facts, evidence, KB facts and their links.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets 64-bit ids.
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(512), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("original", sa.Text(), nullable=False),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("date_source", sa.String(32), nullable=True),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("n_facts", sa.Integer(), nullable=False),
        sa.Column("n_mentions", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_table(
        "kb_facts",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("identity", sa.JSON(), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("start", sa.String(10), nullable=True),
        sa.Column("end", sa.String(10), nullable=True),
        sa.Column("start_year", sa.Integer(), nullable=True),
        sa.Column("end_year", sa.Integer(), nullable=True),
        sa.Column("first_seen", sa.String(10), nullable=True),
        sa.Column("last_seen", sa.String(10), nullable=True),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("n_facts", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kb_facts")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_kb_facts_key_hash")),
    )
    op.create_index("ix_kb_facts_type_year", "kb_facts", ["type", "start_year"])
    op.create_table(
        "facts",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("doc_id", sa.String(512), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("time", sa.JSON(), nullable=False),
        sa.Column("start", sa.String(10), nullable=True),
        sa.Column("end", sa.String(10), nullable=True),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("rule", sa.String(120), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], name=op.f("fk_facts_doc_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facts")),
    )
    op.create_index(op.f("ix_facts_doc_id"), "facts", ["doc_id"])
    op.create_table(
        "kb_fact_entities",
        sa.Column("kb_fact_id", BigId, nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("entity", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.ForeignKeyConstraint(["kb_fact_id"], ["kb_facts.id"],
                                name=op.f("fk_kb_fact_entities_kb_fact_id_kb_facts"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("kb_fact_id", "role", "entity", name=op.f("pk_kb_fact_entities")),
    )
    op.create_index("ix_kb_fact_entities_entity_type", "kb_fact_entities", ["entity", "type"])
    op.create_table(
        "mentions",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("doc_id", sa.String(512), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], name=op.f("fk_mentions_doc_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentions")),
    )
    op.create_index(op.f("ix_mentions_doc_id"), "mentions", ["doc_id"])
    op.create_index("ix_mentions_entity", "mentions", ["entity_id"])
    op.create_table(
        "evidence",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("fact_id", BigId, nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["facts.id"], name=op.f("fk_evidence_fact_id_facts"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    op.create_index(op.f("ix_evidence_fact_id"), "evidence", ["fact_id"])
    op.create_table(
        "kb_fact_sources",
        sa.Column("fact_id", BigId, nullable=False),
        sa.Column("kb_fact_id", BigId, nullable=False),
        sa.Column("doc_id", sa.String(512), nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["facts.id"], name=op.f("fk_kb_fact_sources_fact_id_facts"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["kb_fact_id"], ["kb_facts.id"],
                                name=op.f("fk_kb_fact_sources_kb_fact_id_kb_facts"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("fact_id", name=op.f("pk_kb_fact_sources")),
    )
    op.create_index(op.f("ix_kb_fact_sources_kb_fact_id"), "kb_fact_sources", ["kb_fact_id"])


def downgrade() -> None:
    for table in ("kb_fact_sources", "evidence", "mentions", "kb_fact_entities", "facts", "kb_facts",
                  "documents"):
        op.drop_table(table)
