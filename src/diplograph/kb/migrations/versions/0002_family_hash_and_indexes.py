"""Undated visits join dated ones: kb_facts.family_hash (the identity without its year) and its
index, kb_facts.n_undated (statements without a date); indexes for the whole-KB conflict and claim checks.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("kb_facts", sa.Column("family_hash", sa.String(64), nullable=True))
    op.add_column("kb_facts", sa.Column("n_undated", sa.Integer(), server_default="0", nullable=False))
    op.create_index("ix_kb_facts_family_hash", "kb_facts", ["family_hash"])
    op.create_index("ix_facts_type_modality", "facts", ["type", "modality"])
    _backfill_family_hash()
    op.execute('UPDATE kb_facts SET n_undated = (SELECT count(*) FROM kb_fact_sources l JOIN facts f '
               'ON f.id = l.fact_id WHERE l.kb_fact_id = kb_facts.id AND f.start IS NULL)')


def _backfill_family_hash() -> None:
    """Visits stored before this revision get their family, so later statements can join them."""
    import json

    from diplograph.kb.identity import MERGE_UNDATED, family_hash
    conn = op.get_bind()
    kb = sa.table("kb_facts", sa.column("id"), sa.column("type"), sa.column("modality"),
                  sa.column("identity", sa.JSON), sa.column("family_hash"))
    rows = conn.execute(sa.select(kb.c.id, kb.c.type, kb.c.modality, kb.c.identity)
                        .where(kb.c.type.in_(sorted(MERGE_UNDATED)))).all()
    updates = []
    for r in rows:
        identity = json.loads(r.identity) if isinstance(r.identity, str) else r.identity
        updates.append({"kid": r.id, "fh": family_hash(r.type, r.modality, identity)})
    if updates:
        conn.execute(kb.update().where(kb.c.id == sa.bindparam("kid")).values(family_hash=sa.bindparam("fh")),
                     updates)


def downgrade() -> None:
    op.drop_index("ix_facts_type_modality", table_name="facts")
    op.drop_index("ix_kb_facts_family_hash", table_name="kb_facts")
    with op.batch_alter_table("kb_facts") as batch:
        batch.drop_column("n_undated")
        batch.drop_column("family_hash")
