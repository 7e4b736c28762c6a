"""Fixtures for the knowledge base tests: every test that takes `backend` (directly or through
a database fixture) runs against SQLite and against a real PostgreSQL server started for the
session from Debian's binaries (initdb, pg_ctl) on 127.0.0.1 and a free port.

Without PostgreSQL the PostgreSQL variants are skipped on a developer's machine and FAIL in CI
(CI=true), so a CI run can never pass without having tested PostgreSQL.
"""
from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pytest

from diplograph.kb.db import upgrade
from diplograph.kb.tempdb import PostgresUnavailable, TempPostgres

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "docs"
BACKENDS = ("sqlite", "postgresql")
_names = itertools.count(1)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def pg_server():
    try:
        server = TempPostgres().start()
    except (PostgresUnavailable, OSError) as exc:
        message = f"PostgreSQL could not be started: {exc}"
        if in_ci():
            pytest.fail(message + " (CI=true: the PostgreSQL tests must run)")
        pytest.skip(message)
    server.create_database("kb_template")
    upgrade(server.url("kb_template"))
    yield server
    server.stop()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "kb.db"
    upgrade(f"sqlite:///{path}")
    return path


def new_database(request, backend: str, folder: Path, *, migrated: bool) -> str:
    """A database of its own for one test: empty, migrated or not."""
    if backend == "sqlite":
        path = folder / f"kb{next(_names)}.db"
        if migrated:
            shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    pg: TempPostgres = request.getfixturevalue("pg_server")
    name = f"kb{next(_names)}"
    import psycopg
    with psycopg.connect(f"host=127.0.0.1 port={pg.port} user=postgres dbname=postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (' TEMPLATE "kb_template"' if migrated else ""))
    return pg.url(name)


@pytest.fixture
def empty_db(request, backend, tmp_path) -> str:
    """A migrated, empty knowledge base."""
    return new_database(request, backend, tmp_path, migrated=True)


@pytest.fixture
def fresh_url(request, backend, tmp_path) -> str:
    """A database with no tables at all."""
    return new_database(request, backend, tmp_path, migrated=False)


@pytest.fixture(scope="session")
def sample_results():
    """The sample corpus extracted once for the session."""
    from diplograph.model import ReadError
    from diplograph.pipeline import run
    from diplograph.text.readers import iter_inputs
    results = [r for r in run(iter_inputs([str(SAMPLES)]), workers=2)]
    assert not any(isinstance(r, ReadError) for r in results)
    return results


@pytest.fixture(scope="session")
def sample_db(request, backend, sample_results, tmp_path_factory) -> str:
    """The sample corpus stored once per backend (read-only for the tests that use it)."""
    from .kbtools import store_all
    url = new_database(request, backend, tmp_path_factory.mktemp("samples"), migrated=True)
    store_all(url, *sample_results)
    return url
