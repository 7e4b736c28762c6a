"""Fixtures for the web API tests: the sample corpus stored once per session (SQLite; and
PostgreSQL for the tests that take `any_kb`), apps over it, and writable copies for uploads.

The PostgreSQL server and the extracted sample corpus come from the knowledge base tests'
fixtures (tests/kb/conftest.py), imported here so pytest registers them for this folder too.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

try:  # tests/ is not a package: its subfolders are imported as top-level packages
    from kb.conftest import BACKENDS, new_database, pg_server, sample_results, sqlite_template  # noqa: F401
    from kb.kbtools import store_all
except ImportError:  # pragma: no cover - run with tests/ as a package
    from tests.kb.conftest import BACKENDS, new_database, pg_server, sample_results, sqlite_template  # noqa: F401
    from tests.kb.kbtools import store_all

TOKEN = "test-token-123"


def store_samples(url: str, results) -> str:
    store_all(url, *results)
    return url


@pytest.fixture(scope="session")
def sample_kb_file(sample_results, sqlite_template, tmp_path_factory) -> Path:
    """The sample corpus in a SQLite file nobody opens: each app gets a copy."""
    path = tmp_path_factory.mktemp("webkb") / "template.db"
    shutil.copy(sqlite_template, path)
    store_samples(f"sqlite:///{path}", sample_results)
    return path


@pytest.fixture(scope="session")
def sample_kb(sample_kb_file, tmp_path_factory) -> str:
    """A read-only copy of the sample KB shared by the read tests."""
    path = tmp_path_factory.mktemp("webkb-read") / "kb.db"
    shutil.copy(sample_kb_file, path)
    return f"sqlite:///{path}"


@pytest.fixture
def writable_kb(sample_kb_file, tmp_path) -> str:
    """A copy of the sample KB of this test's own (uploads change it)."""
    path = tmp_path / "kb.db"
    shutil.copy(sample_kb_file, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="session", params=BACKENDS)
def any_kb(request, sample_results, tmp_path_factory) -> str:
    """The sample KB on SQLite and on PostgreSQL."""
    url = new_database(request, request.param, tmp_path_factory.mktemp("anykb"), migrated=True)
    return store_samples(url, sample_results)


def make_client(url: str, **options):
    from fastapi.testclient import TestClient

    from diplograph.web.app import create_app
    return TestClient(create_app(url, **options))


@pytest.fixture(scope="session")
def client(sample_kb):
    """The app over the shared sample KB, with a token (for the read tests)."""
    with make_client(sample_kb, token=TOKEN) as c:
        yield c


@pytest.fixture
def writer(writable_kb, tmp_path):
    """An app with a token over a KB copy of this test's own, and a small upload limit."""
    with make_client(writable_kb, token=TOKEN, max_upload_bytes=50_000, upload_dir=tmp_path) as c:
        yield c


def wait_job(client, job: str, timeout: float = 60.0) -> dict:
    """Poll /api/jobs/{job} until it is done or failed."""
    deadline = time.monotonic() + timeout
    while True:
        r = client.get(f"/api/jobs/{job}")
        assert r.status_code == 200, r.text
        state = r.json()
        if state["status"] in ("done", "failed"):
            return state
        assert time.monotonic() < deadline, f"job {job} still {state['status']} after {timeout} s: {state}"
        time.sleep(0.05)
