"""Starting the till or a command: the centre's database with this run's overrides.

The process's log is `log_file.start_log`. The till also checks its books
at start-up (`check_books`), from the point it last verified.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from otop_pos.db import settings as settings_db
from otop_pos.db.store import StoreError, not_a_centre, open_store
from otop_pos.operations import books
from otop_pos.operations.session import Session
from otop_pos.operations.staff.users import record_existing_users

log = logging.getLogger(__name__)

VERSION = "0.1.0"  # as in pyproject.toml (a test checks); the log names it at start-up


def open_session(
    db_path: str | Path, *, printer: str | None = None, lang: str | None = None
) -> Session:
    """Overrides from the command line apply to this run only; settings stay as saved.

    Only a centre's file is opened: an empty or foreign file, or a database
    nobody set a centre up in, is refused untouched rather than becoming a
    nameless centre nobody can log in to.
    """
    store = open_store(db_path, existing=True)
    if not settings_db.is_initialised(store):
        store.close()
        raise not_a_centre(db_path)
    session = Session.open(store)
    overrides: dict[str, str] = {}
    if printer:
        overrides["printer_uri"] = printer
    if lang:
        overrides["lang"] = lang
    if overrides:
        session.settings = replace(session.settings, **overrides)
    return session


def check_books(session: Session) -> books.BooksProblem | None:
    """The entries since the last verified point; a problem waits for the manager.

    A file the till cannot write to is logged and the till still starts: the
    sale that follows says what is wrong with the disk.
    """
    try:  # once, on a centre from before users were journalled (operations/staff/users.py)
        record_existing_users(session)
    except StoreError as exc:
        log.warning("users not recorded in the journal at start-up: %s", exc)
    try:
        return books.check_at_start(session)
    except StoreError as exc:
        log.warning("books not checked at start-up: %s", exc)
        return None
