"""Migrations: `diplograph db upgrade` creates exactly the ORM's schema, on both backends,
and is safe to run again; queries on a database without the schema say what to do."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from diplograph.kb.db import SchemaMissing, head_revision, make_engine, resolve_url
from diplograph.kb.schema import SCHEMA_REVISION, Base

from .kbtools import run_cli


def test_upgrade_command_creates_the_orm_schema_and_is_idempotent(fresh_url):
    first = run_cli("db", "upgrade", "--db", fresh_url)
    assert first.returncode == 0, first.stderr
    assert f"revision {head_revision()}" in first.stdout
    again = run_cli("db", "upgrade", "--db", fresh_url)
    assert again.returncode == 0, again.stderr
    engine = make_engine(fresh_url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == [], f"migrations and ORM disagree: {diff}"
        tables = set(inspect(engine).get_table_names())
        assert {"documents", "mentions", "facts", "evidence", "kb_facts", "kb_fact_sources",
                "kb_fact_entities", "alembic_version"} <= tables
    finally:
        engine.dispose()


def test_the_models_revision_is_the_newest_migration():
    assert SCHEMA_REVISION == head_revision()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}", lock_timeout=7)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 7000
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def test_queries_on_a_database_without_schema_explain_what_to_do(fresh_url):
    import diplograph
    with pytest.raises(SchemaMissing, match="db upgrade"):
        diplograph.open(fresh_url)
    result = run_cli("query", "partners", "AZE", "--db", fresh_url)
    assert result.returncode == 1
    assert "db upgrade" in result.stderr and "Traceback" not in result.stderr


def test_url_defaults_and_driver(monkeypatch):
    monkeypatch.delenv("DIPLOGRAPH_DB", raising=False)
    assert resolve_url(None) == "sqlite:///diplograph.db"
    monkeypatch.setenv("DIPLOGRAPH_DB", "postgresql://u@localhost/kb")
    assert resolve_url(None) == "postgresql+psycopg://u@localhost/kb"
    assert resolve_url("sqlite:///x.db") == "sqlite:///x.db"


def test_upgrade_from_0001_fills_the_new_columns(fresh_url):
    """A KB made before revision 0002 gets its visits' family and undated-statement counts."""
    import json as _json

    from sqlalchemy import text

    from diplograph.kb.db import upgrade
    from diplograph.kb.identity import family_hash
    upgrade(fresh_url, "0001")
    identity = {"visitor": "AZE", "host": "ITA"}
    engine = make_engine(fresh_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO documents (id, source, kind, content_hash, original, ingested_at, n_facts, "
                              "n_mentions) VALUES ('d', 'd', 'text', 'h', 'x', CURRENT_TIMESTAMP, 1, 0)"))
            conn.execute(text("INSERT INTO facts (id, doc_id, type, args, time, modality, confidence, rule) VALUES "
                              "(1, 'd', 'visit', :a, '{}', 'asserted', 0.8, 'r')"), {"a": _json.dumps(identity)})
            conn.execute(text("INSERT INTO kb_facts (id, key_hash, type, modality, identity, args, n_sources, n_facts, "
                              "confidence) VALUES (1, 'k', 'visit', 'asserted', :i, :i, 1, 1, 0.8)"),
                         {"i": _json.dumps(identity)})
            conn.execute(text("INSERT INTO kb_fact_sources (fact_id, kb_fact_id, doc_id) VALUES (1, 1, 'd')"))
        assert upgrade(fresh_url) == SCHEMA_REVISION
        with engine.connect() as conn:
            row = conn.execute(text("SELECT family_hash, n_undated FROM kb_facts WHERE id = 1")).one()
        assert tuple(row) == (family_hash("visit", "asserted", identity), 1)
    finally:
        engine.dispose()
