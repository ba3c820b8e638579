"""`otop-pos run` where no file exists opens the wizard; a cancelled wizard makes nothing."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from otop_pos.cli.main import main
from otop_pos.ui.setup import wizard


def test_run_on_a_missing_file_opens_the_wizard_not_a_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[Path, str | None, str | None]] = []

    def cancelled(db: Path, *, lang: str | None = None, printer: str | None = None) -> bool:
        asked.append((db, lang, printer))
        return False  # the person closed it

    monkeypatch.setattr(wizard, "run_wizard", cancelled)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    db = tmp_path / "new" / "centre.sqlite"
    assert main(["run", "--db", str(db), "--printer", "preview", "--lang", "en"]) == 1
    assert asked == [(db, "en", "preview")]
    assert not db.exists()
