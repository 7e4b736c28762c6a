"""A throwaway PostgreSQL server for tests and benchmarks (Debian's `postgresql` package).

    with TempPostgres() as pg:
        url = pg.create_database("kb")      # postgresql+psycopg://postgres@127.0.0.1:PORT/kb

It runs initdb and pg_ctl from /usr/lib/postgresql/*/bin (or PATH) in a temporary folder,
listening on 127.0.0.1 on a free port only, with trust authentication for local use. initdb
refuses to run as root, so as root the server runs as the `postgres` user (created by the
package), or as a `diplograph-test` system user made for the purpose.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

TEST_USER = "diplograph-test"


class PostgresUnavailable(RuntimeError):
    pass


def find_bindir() -> Path | None:
    """The newest installed PostgreSQL's binaries."""
    def version(path: str) -> tuple:
        part = Path(path).parent.name
        return tuple(int(x) for x in part.split(".") if x.isdigit()) or (0,)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as_user() -> str | None:
    """The user to run the server as (None: ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", TEST_USER):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", TEST_USER],
                   check=True, capture_output=True)
    return TEST_USER


class TempPostgres:
    def __init__(self, *, durable: bool = False, synchronous_commit: bool = True, base_dir: str | None = None):
        """durable=False turns off fsync (fine for throwaway data, much faster). With durable=True,
        synchronous_commit=False keeps the database crash-safe but lets an OS crash lose the
        last fraction of a second of commits."""
        self.durable = durable
        self.synchronous_commit = synchronous_commit
        self.base_dir = base_dir
        self.port: int | None = None
        self.dir: Path | None = None
        self.bindir: Path | None = None
        self.user: str | None = None

    def _cmd(self, *args: str) -> list[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        return ["runuser", "-u", self.user, "--", *cmd] if self.user else cmd

    def start(self) -> "TempPostgres":
        self.bindir = find_bindir()
        if self.bindir is None:
            raise PostgresUnavailable("PostgreSQL is not installed (no initdb); on Debian: apt-get install postgresql")
        self.user = _run_as_user()
        self.dir = Path(tempfile.mkdtemp(prefix="diplograph-pg-", dir=self.base_dir))
        if self.user:
            shutil.chown(self.dir, self.user)
        data, log = self.dir / "data", self.dir / "server.log"
        try:
            subprocess.run(self._cmd("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                                     "--no-sync", "--locale=C"), check=True, capture_output=True, text=True)
            options = ["-p {port}", f"-k {self.dir}", "-c listen_addresses=127.0.0.1", "-c max_connections=50"]
            if not self.durable:
                options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
            elif not self.synchronous_commit:
                options += ["-c synchronous_commit=off"]
            for _attempt in range(3):   # the free port may be taken between finding and binding it
                self.port = _free_port()
                proc = subprocess.run(self._cmd("pg_ctl", "-D", str(data), "-l", str(log), "-w", "-t", "60",
                                                "-o", " ".join(options).format(port=self.port), "start"),
                                      capture_output=True, text=True)
                if proc.returncode == 0:
                    return self
            raise PostgresUnavailable(f"pg_ctl start failed: {proc.stderr.strip()} {self._log_tail()}")
        except subprocess.CalledProcessError as exc:
            self.stop()
            raise PostgresUnavailable(f"{exc.cmd[0]} failed: {exc.stderr or exc.stdout}") from exc
        except PostgresUnavailable:
            self.stop()
            raise

    def _log_tail(self) -> str:
        try:
            return (self.dir / "server.log").read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str) -> str:
        import psycopg
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.dir is None:
            return
        data = self.dir / "data"
        if (data / "postmaster.pid").exists():
            subprocess.run(self._cmd("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop"),
                           capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None

    def __enter__(self) -> "TempPostgres":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
