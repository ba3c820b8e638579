"""The demo centre after a day of mixed activity: its read tables follow from its journal.

Issue 12's done-when: `otop-pos journal rebuild --check` passes on the demo
database after a day's work, and fails, naming the row, once a read table
is edited behind the journal's back. Both through the real command line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from books_helpers import mixed_day, raw_update

from otop_pos.db.store import open_store
from otop_pos.operations import auth
from otop_pos.operations.session import Session


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "otop_pos.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_rebuild_check_on_the_demo_centre_after_a_day(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    made = cli("demo", "--no-window", "--db", str(db))
    assert made.returncode == 0, made.stderr
    session = Session.open(open_store(db))
    auth.login(session, 2, "9999")  # the demo's manager
    receipts = mixed_day(session, "SSK03", "SSK20")
    session.store.close()

    done = cli("journal", "rebuild", "--check", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "tables OK" in done.stdout

    raw_update(
        db,
        "UPDATE sale_lines SET amount_satang = amount_satang - 100 WHERE line_no = 1"
        " AND sale_id = (SELECT id FROM sales WHERE receipt_no = ?)",
        (receipts[0],),
    )
    done = cli("journal", "rebuild", "--check", "--db", str(db))
    assert done.returncode == 1, done.stdout
    assert "tables DIFFER: table sale_lines row sale_id=1, line_no=1" in done.stderr
    assert "amount_satang live" in done.stderr
    verify = cli("journal", "verify", "--db", str(db))
    assert verify.returncode == 0  # the chain is whole: only the tables were edited
