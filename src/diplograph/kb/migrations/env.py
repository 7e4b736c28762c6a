"""Alembic environment: the package's own metadata, a URL or connection handed over in code
(kb.db.alembic_config), no alembic.ini. One transaction for the whole upgrade, behind a lock,
so two processes upgrading the same database at once do not both create the tables."""
from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from diplograph.kb.db import make_engine, writer
from diplograph.kb.schema import Base

config = context.config
target_metadata = Base.metadata
# Any number: all diplograph migrations take the same PostgreSQL advisory lock.
_PG_MIGRATION_LOCK = 7_207_431


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    # SQLite does DDL in transactions well once the driver leaves BEGIN to us (kb.db does);
    # batch mode lets later migrations alter SQLite tables.
    context.configure(connection=connection, target_metadata=target_metadata,
                      transactional_ddl=True, render_as_batch=sqlite, compare_type=True)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(url=config.attributes.get("url"), target_metadata=target_metadata,
                      literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.attributes.get("url"))
    try:
        with writer(engine).connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
