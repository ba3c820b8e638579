"""Shared fixtures: a real SQLite file per test, with a small catalogue."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from helpers import CASHIER_PIN, MANAGER_PIN, make_centre

from otop_pos.db.store import Store, open_store
from otop_pos.operations import auth
from otop_pos.operations.session import Session

# CI replays the same examples every run so a landing never depends on luck;
# developers' runs keep exploring new examples (HYPOTHESIS_PROFILE unset).
settings.register_profile("ci", derandomize=True, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "centre.sqlite"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = open_store(db_path)
    yield s
    s.close()


@pytest.fixture
def centre(store: Store) -> Session:
    """A VAT-registered centre with a manager (id 1) and a cashier (id 2), logged out."""
    return make_centre(store)


@pytest.fixture
def cashier(centre: Session) -> Session:
    auth.login(centre, 2, CASHIER_PIN)
    return centre


@pytest.fixture
def manager(centre: Session) -> Session:
    auth.login(centre, 1, MANAGER_PIN)
    return centre


@pytest.fixture(autouse=True, scope="session")
def _one_qapplication(qapp: object) -> object:
    """A QApplication from the start: printing code would otherwise create a bare
    QGuiApplication first, and widgets cannot run on one."""
    return qapp


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> object:
    """Collect each test's garbage right after it, before pytest-qt processes Qt events.

    With PySide6 6.12 on CPython 3.11, Python's collector freeing a cycle that
    holds Qt wrappers in the middle of Qt's event processing segfaulted the
    suite in pytest-qt's processEvents after the first GUI test, depending on
    when the collector happened to run (the machine's load, which tests were
    collected). Collected here, the same garbage is freed outside Qt.
    """
    result = yield
    gc.collect()
    return result
