"""A killed ingest leaves no half-written document and the next run completes the rest; two
ingests at once into one database neither fail nor corrupt it. Both end with the same KB as one
clean ingest of the same documents (checked against a reference built once, on SQLite)."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import time

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from diplograph.kb.db import make_engine
from diplograph.kb.schema import TABLES
from diplograph.kb.store import ingest

from .kbtools import DIPLOGRAPH, ROOT, consistency_problems, generate_corpus, kb_snapshot, snapshot_diff

N_DOCS = 200


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    return generate_corpus(folder, N_DOCS)


def clean_ingest(paths, folder) -> dict:
    url = f"sqlite:///{folder / 'clean.db'}"
    summary = ingest([str(p) for p in paths], url, workers=2)
    assert (summary.new, summary.failed) == (len(paths), 0)
    return kb_snapshot(url)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    return clean_ingest(corpus, tmp_path_factory.mktemp("reference"))


# The concurrent ingests share the first N_SHARED documents: enough for both to store the same
# documents and update the same KB facts at the same time, few enough to keep the test short.
N_SHARED = 60


@pytest.fixture(scope="module")
def shared_reference(corpus, tmp_path_factory):
    return clean_ingest(corpus[:N_SHARED], tmp_path_factory.mktemp("shared_reference"))


def stored_documents(engine) -> int:
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(TABLES["documents"])).scalar_one()
    except SQLAlchemyError:
        return 0          # the schema is not there yet


def wait_until_alone(engine, timeout: float = 30) -> None:
    """PostgreSQL: wait until the killed client's server process is gone (a COMMIT it sent just
    before dying may still land), so what we count is final."""
    if engine.dialect.name != "postgresql":
        return
    from sqlalchemy import text
    engine.dispose()                      # our own pooled connections are not the killed client's
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with engine.connect() as conn:
            others = conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                       "AND pid <> pg_backend_pid() AND backend_type = 'client backend'")).scalar_one()
        if not others:
            return
        time.sleep(0.05)
    raise AssertionError("the killed ingest's database session did not end")


def summary_counts(stderr: str) -> dict[str, int]:
    m = re.search(r"documents new (\d+), unchanged (\d+), replaced (\d+), failed (\d+)", " ".join(stderr.split()))
    assert m, stderr
    return dict(zip(("new", "unchanged", "replaced", "failed"), map(int, m.groups())))


def test_sigkill_mid_ingest_leaves_whole_documents_and_a_rerun_completes(corpus, reference, fresh_url):
    proc = subprocess.Popen([*DIPLOGRAPH, "ingest", str(corpus[0].parent), "--db", fresh_url, "--workers", "1"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    engine = make_engine(fresh_url)
    try:
        deadline = time.monotonic() + 90
        while stored_documents(engine) < 25 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)                 # kill -9, in the middle of the stream of commits
        proc.wait(timeout=30)
        try:
            os.killpg(proc.pid, signal.SIGKILL)           # and any worker it left behind
        except ProcessLookupError:
            pass
        assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode(errors="replace")
        wait_until_alone(engine)
        stored = stored_documents(engine)
    finally:
        engine.dispose()
    assert 0 < stored < N_DOCS, f"kill came too late to test anything ({stored} stored)"
    assert consistency_problems(fresh_url) == []

    rerun = subprocess.run([*DIPLOGRAPH, "ingest", str(corpus[0].parent), "--db", fresh_url, "--workers", "2"],
                           cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert rerun.returncode == 0, rerun.stderr
    counts = summary_counts(rerun.stderr)
    assert counts == {"new": N_DOCS - stored, "unchanged": stored, "replaced": 0, "failed": 0}
    assert consistency_problems(fresh_url) == []
    snapshot = kb_snapshot(fresh_url)
    assert snapshot == reference, snapshot_diff(snapshot, reference)


def test_two_ingests_at_once(corpus, shared_reference, fresh_url):
    # One goes forward through the first 40 documents, the other backward through the last 40:
    # they meet in the middle, store the same documents and update the same KB facts.
    first = [str(p) for p in corpus[:40]]
    second = [str(p) for p in reversed(corpus[20:N_SHARED])]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    procs = [subprocess.Popen([*DIPLOGRAPH, "ingest", *paths, "--db", fresh_url, "--workers", "1"], cwd=ROOT,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for paths in (first, second)]
    outputs = [p.communicate(timeout=240)[1] for p in procs]
    for p, err in zip(procs, outputs):
        assert p.returncode == 0, err
    counts = [summary_counts(err) for err in outputs]
    assert sum(c["new"] for c in counts) == N_SHARED
    assert sum(c["unchanged"] for c in counts) == 80 - N_SHARED
    assert consistency_problems(fresh_url) == []
    snapshot = kb_snapshot(fresh_url)
    assert snapshot == shared_reference, snapshot_diff(snapshot, shared_reference)
