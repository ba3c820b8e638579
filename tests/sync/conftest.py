"""A real provincial server for the sync tests (one per module), and tills on real files."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import CASHIER_PIN, make_centre
from server_helpers import RunningServer, running_server

from otop_pos.db.store import open_store
from otop_pos.operations import auth
from otop_pos.operations.session import Session

_centres = itertools.count(1)


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    folder = tmp_path_factory.mktemp("province")
    with running_server(str(folder / "province.sqlite"), folder) as server:
        yield server


@pytest.fixture
def centre_code() -> str:
    """A centre of its own per test, so tests sharing the server never share a terminal."""
    return f"SSK{next(_centres):02d}"


@pytest.fixture
def till(tmp_path: Path) -> Iterator[Session]:
    """A till on its own file in its own folder (its log folder is its own), a cashier in."""
    store = open_store(tmp_path / "till" / "centre.sqlite")
    session = make_centre(store)
    auth.login(session, 2, CASHIER_PIN)
    yield session
    store.close()
