"""Starting the till or a command: the centre's database with this run's overrides.

The process's log is `log_file.start_log`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from otop_pos.db.store import open_store
from otop_pos.operations.session import Session

VERSION = "0.1.0"  # as in pyproject.toml (a test checks); the log names it at start-up


def open_session(
    db_path: str | Path, *, printer: str | None = None, lang: str | None = None
) -> Session:
    """Overrides from the command line apply to this run only; settings stay as saved."""
    session = Session.open(open_store(db_path))
    overrides: dict[str, str] = {}
    if printer:
        overrides["printer_uri"] = printer
    if lang:
        overrides["lang"] = lang
    if overrides:
        session.settings = replace(session.settings, **overrides)
    return session
