"""The server's tests: each runs on SQLite and on a real PostgreSQL (see tests/server_fixtures.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from server_fixtures import database, postgres_server, postgres_url  # noqa: F401
from server_testkit import Api, Clock, real_till_entries


@pytest.fixture(scope="session")
def till_entries(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """A real till's journal (chain T01): producer, product and stock entries, two sales."""
    return real_till_entries(tmp_path_factory.mktemp("till"))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def server(database: str, clock: Clock) -> Iterator[Api]:  # noqa: F811
    """The app in-process over a fresh database, nothing enrolled yet."""
    a = Api(database, clock)
    try:
        yield a
    finally:
        a.close()


@pytest.fixture
def enrolled(server: Api, till_entries: list[dict[str, Any]]) -> Api:
    """The app with SSK01-POS01 enrolled for chain T01 (the real till's first hash)."""
    server.enrol(first=till_entries[0]["hash"])
    return server


@pytest.fixture
def log_dir(tmp_path: Path) -> Path:
    return tmp_path
