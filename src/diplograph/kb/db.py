"""Connecting to the knowledge base: URLs, engines tuned per backend, migrations, retries.

SQLite: WAL (readers never wait for the writer), a busy timeout, and write transactions that
take the write lock when they begin (BEGIN IMMEDIATE), so two ingests queue up instead of
failing halfway through a transaction. PostgreSQL (postgresql+psycopg): real concurrency; the
races that remain (two writers creating the same document or KB fact) end in a retry.
"""
from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

DEFAULT_URL = "sqlite:///diplograph.db"
ENV_URL = "DIPLOGRAPH_DB"
# Seconds a writer waits for another writer's lock before retrying (SQLite) ...
DEFAULT_LOCK_TIMEOUT = float(os.environ.get("DIPLOGRAPH_DB_LOCK_TIMEOUT", "30"))
# ... and how many times it retries before giving up with DatabaseBusy.
RETRIES = int(os.environ.get("DIPLOGRAPH_DB_RETRIES", "6"))

T = TypeVar("T")


class DatabaseBusy(RuntimeError):
    """Another writer held the database for longer than we were willing to wait."""


class RetryTransaction(RuntimeError):
    """Raised inside a transaction that saw another writer's half-done change: run it again."""


class SchemaMissing(RuntimeError):
    """The database has no knowledge base tables (or an older schema): run `diplograph db upgrade`."""


def resolve_url(url: str | None = None) -> str:
    """The URL to use: the one given, else $DIPLOGRAPH_DB, else diplograph.db here. Plain
    postgresql:// URLs get the psycopg (3) driver, the one diplograph installs."""
    url = url or os.environ.get(ENV_URL) or DEFAULT_URL
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            url = "postgresql+psycopg://" + url[len(prefix):]
    return url


def describe_url(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def make_engine(url: str | None = None, *, lock_timeout: float | None = None) -> Engine:
    url = resolve_url(url)
    lock_timeout = DEFAULT_LOCK_TIMEOUT if lock_timeout is None else lock_timeout
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": lock_timeout})
        _tune_sqlite(engine, lock_timeout)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    engine.info_lock_timeout = lock_timeout  # type: ignore[attr-defined]  # for messages
    return engine


def _tune_sqlite(engine: Engine, lock_timeout: float) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        # Transactions are ours to begin (below), not the sqlite3 module's.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(lock_timeout * 1000)}")
        cur.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL is safe against a killed process (only a power loss can drop the
        # last commits), and much faster than FULL.
        cur.execute("PRAGMA synchronous = NORMAL")
        # 64 MiB of page cache instead of 2: the KB-fact key index is read at random by every
        # ingest, and whole-KB checks read large parts of the tables.
        cur.execute("PRAGMA cache_size = -65536")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writer takes the write lock up front, so the busy timeout applies; a reader never
        # takes it (WAL lets it read while another process writes).
        writes = conn.get_execution_options().get("kb_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def is_sqlite(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "sqlite"


def writer(engine: Engine) -> Engine:
    """The engine for write transactions (BEGIN IMMEDIATE on SQLite)."""
    return engine.execution_options(kb_write=True)


def _retryable(exc: BaseException) -> str | None:
    """Why this error is worth retrying the whole transaction, or None."""
    if isinstance(exc, RetryTransaction):
        return "race"
    if isinstance(exc, OperationalError):
        msg = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
        if "database is locked" in msg or "database is busy" in msg or "database table is locked" in msg:
            return "locked"
    if isinstance(exc, DBAPIError):
        code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
        if code in ("40001", "40P01"):      # serialization failure, deadlock
            return "conflict"
        if code == "55P03":                 # lock not available
            return "locked"
    if isinstance(exc, IntegrityError):
        # Another writer created the same document or KB fact between our read and our insert:
        # the retry sees it.
        return "race"
    return None


def with_retry(engine: Engine, work: Callable[[Connection], T], *, what: str = "write",
               retries: int | None = None, connection: Connection | None = None) -> T:
    """Run work(conn) in one write transaction; retry the whole transaction when another
    writer got in the way. Gives up with DatabaseBusy after `retries` attempts. `connection`
    (from writer(engine).connect()) is used instead of a pooled one, so that a long run of
    transactions does not check a connection out, and ping it, for each."""
    eng = writer(engine)
    retries = retries or RETRIES or 1
    attempt = 0
    while True:
        attempt += 1
        try:
            if connection is not None:
                with connection.begin():
                    return work(connection)
            with eng.begin() as conn:
                return work(conn)
        except (OperationalError, IntegrityError, DBAPIError, RetryTransaction) as exc:
            reason = _retryable(exc)
            if reason is None:
                raise
            if attempt >= retries:
                if reason == "race":
                    raise
                waited = getattr(engine, "info_lock_timeout", DEFAULT_LOCK_TIMEOUT)
                raise DatabaseBusy(
                    f"{what}: the database {describe_url(str(engine.url))} stayed locked by another writer "
                    f"({attempt} tries, each waiting up to {waited:g} s). Another ingest is probably running; "
                    f"wait for it and run the same command again (documents already stored are skipped). "
                    f"For many writers at once use PostgreSQL.") from exc
            # Back off with jitter so two writers do not collide again in step.
            time.sleep(min(2.0, 0.05 * 2 ** attempt) * (0.5 + random.random()))


# --- migrations -------------------------------------------------------------------------------

def alembic_config(url: str | None = None, connection: Connection | None = None):
    """An Alembic Config built in code: the scripts ship inside the package, no alembic.ini."""
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["url"] = resolve_url(url)
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def open_for_reading(url: str | None = None) -> Engine:
    """An engine on an existing, current knowledge base (SchemaMissing otherwise)."""
    engine = make_engine(url)
    try:
        ensure_schema(engine, create=False)
    except Exception:
        engine.dispose()
        raise
    return engine


def upgrade(url: str | None = None, revision: str = "head") -> str:
    """Bring the database up to `revision`; returns the revision it is at afterwards."""
    from alembic import command
    engine = make_engine(url)
    try:
        with writer(engine).connect() as conn:
            command.upgrade(alembic_config(url, conn), revision)
            conn.commit()
        return current_revision(engine) or ""
    finally:
        engine.dispose()


def head_revision() -> str:
    from alembic.script import ScriptDirectory
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    """The revision recorded in the database (None: not a knowledge base yet)."""
    from sqlalchemy import text
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _create_schema(engine: Engine, head: str, *, patience: float = 60.0) -> None:
    """Migrate to `head`. Two ingests that start at once on a new database both try: on SQLite the
    loser's DDL fails with 'database is locked' (a read lock cannot be upgraded while the other
    writes), elsewhere with a duplicate table. Then it waits, and is done once the other has
    finished the migration."""
    import time

    from alembic import command
    from sqlalchemy.exc import DBAPIError
    deadline = time.monotonic() + patience
    while True:
        try:
            with writer(engine).connect() as conn:
                command.upgrade(alembic_config(str(engine.url), conn), "head")
                conn.commit()
            return
        except DBAPIError:
            time.sleep(0.2)
            try:
                if current_revision(engine) == head:
                    return
            except DBAPIError:
                pass
            if time.monotonic() > deadline:
                raise


def ensure_schema(engine: Engine, *, create: bool) -> None:
    """Check the database is at the newest revision; migrate it there when `create` (ingest),
    else explain how (queries never change the database)."""
    from diplograph.kb.schema import SCHEMA_REVISION
    if current_revision(engine) == SCHEMA_REVISION:
        return
    if create:
        _create_schema(engine, SCHEMA_REVISION)
        return
    tables = set(inspect(engine).get_table_names())
    what = "has no knowledge base" if "documents" not in tables else "has an older knowledge base schema"
    raise SchemaMissing(f"{describe_url(str(engine.url))} {what}: run `diplograph ingest` or "
                        f"`diplograph db upgrade --db URL` first")
