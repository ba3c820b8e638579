"""The log file: beside the database, rotated, UTF-8, and never a PIN or a tax ID.

Everything here is real: a SQLite centre, `auth.login` with a wrong and a
right PIN, the RotatingFileHandler writing into tmp_path. The log folder is
read back whole (every rotated file) and searched for the secrets.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import MANAGER_PIN
from shift_helpers import TEA, sell

from otop_pos.db.store import Store
from otop_pos.domain.shifts.cash_count import CashCount
from otop_pos.domain.staff.permissions import Role
from otop_pos.operations import auth
from otop_pos.operations.errors import OperationError, describe
from otop_pos.operations.log_file import (
    LOG_FILE,
    MASKED_ID,
    log_folder,
    redact,
    start_log,
    stop_log,
)
from otop_pos.operations.selling import receipts
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import day_close, shifts
from otop_pos.operations.startup import VERSION

ODD_PIN = "482913"  # nowhere else in the suite, so any hit in the log is this PIN
WRONG_PIN = "735106"
BUYER_TAX_ID = "3100501234567"  # a person's 13-digit ID, as a buyer's tax ID
DASHED_ID = "1-1037-02468-13-5"


@pytest.fixture
def log_file(db_path: Path) -> Iterator[Path]:
    path = start_log(db_path, max_bytes=4_000, backups=3)
    assert path is not None
    yield path
    stop_log()


def _whole_folder(folder: Path) -> str:
    """Every file of the log folder (the live one and the rotated ones), as text."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()))


def _flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def test_a_wrong_then_a_right_pin_log_the_user_never_the_pin(
    centre: Session, db_path: Path, log_file: Path
) -> None:
    auth.login(centre, 1, MANAGER_PIN)
    user_id = auth.create_user(centre, "บุญมี", Role.CASHIER, ODD_PIN)
    auth.logout(centre)

    with pytest.raises(OperationError):
        auth.login(centre, user_id, WRONG_PIN)
    assert auth.login(centre, user_id, ODD_PIN).id == user_id
    # A bug whose message carries a buyer's tax ID: its traceback goes to the log.
    try:
        {}[BUYER_TAX_ID]
    except KeyError as exc:
        describe(exc, "th", "issuing a tax invoice")
    # A careless message and its arguments: the filter masks what the code let through.
    noisy = logging.getLogger("otop_pos.careless")
    noisy.info("buyer %s (%s) at the counter", BUYER_TAX_ID, DASHED_ID)
    noisy.info("settings pin=%s etax_p12_password='%s' secret: %s", ODD_PIN, "hunter2", "k7v2w9")
    noisy.info("approval asked with PIN %s", ODD_PIN)
    _flush()

    assert log_file == log_folder(db_path) / LOG_FILE
    assert log_file.parent == db_path.parent / "logs"
    text = _whole_folder(log_file.parent)
    assert f"login failed: wrong PIN for user {user_id}" in text
    assert f"login: user {user_id} (cashier)" in text
    assert "unexpected KeyError while issuing a tax invoice" in text and "Traceback" in text
    assert MASKED_ID in text and "pin=***" in text and "etax_p12_password=***" in text
    for secret in (ODD_PIN, WRONG_PIN, BUYER_TAX_ID, DASHED_ID, "hunter2", "k7v2w9"):
        assert secret not in text, f"{secret} reached the log"
    assert "บุญมี" not in text  # user ids, never names


def test_the_log_rotates_and_keeps_utf8(centre: Session, log_file: Path) -> None:
    thai = logging.getLogger("otop_pos.rotation")
    for n in range(300):  # about 40 kB: more than the file and its three backups hold
        thai.info("ปิดกะที่ %s: เงินขาด %s บาท ผู้ซื้อ %s", n, n * 3, BUYER_TAX_ID)
    _flush()

    files = sorted(p.name for p in log_file.parent.iterdir())
    assert files == [LOG_FILE, f"{LOG_FILE}.1", f"{LOG_FILE}.2", f"{LOG_FILE}.3"]
    text = _whole_folder(log_file.parent)
    assert "ปิดกะที่ 299: เงินขาด 897 บาท" in text  # UTF-8 Thai, read back as written
    assert "ปิดกะที่ 0:" not in text  # the oldest went with the fourth file
    assert BUYER_TAX_ID not in text


def test_starting_twice_keeps_one_file_handler(db_path: Path, log_file: Path) -> None:
    assert start_log(db_path) == log_file
    assert start_log(str(db_path)) == log_file
    ours = [
        h for h in logging.getLogger().handlers if getattr(h, "baseFilename", None) == str(log_file)
    ]
    assert len(ours) == 1


def test_a_folder_that_cannot_be_made_means_no_log_not_a_crash(tmp_path: Path) -> None:
    assert start_log(tmp_path / "no" / "such" / "centre.sqlite") is None
    assert not (tmp_path / "no").exists()  # a log never creates the centre's folder


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("tax id 0105556012345.", f"tax id {MASKED_ID}."),
        ("id 1-2345-67890-12-1 ok", f"id {MASKED_ID} ok"),
        ("id 1 2345 67890 12 1", f"id {MASKED_ID}"),
        ("{'pin': '4829', 'user': 3}", "{'pin': ***, 'user': 3}"),
        ('manager_pin="1111"', "manager_pin=***"),
        ("PASSWORD: s3cret!", "PASSWORD: ***"),
        ("รหัส PIN 482913", "รหัส PIN ***"),
        ("receipt POS01-69110001 seq 1234", "receipt POS01-69110001 seq 1234"),
        ("14 digits 12345678901234 stay", "14 digits 12345678901234 stay"),
        ("shipping=3 spinning: yes", "shipping=3 spinning: yes"),
    ],
)
def test_redact(raw: str, masked: str) -> None:
    assert redact(raw) == masked


def test_the_logged_version_is_the_package_version() -> None:
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    assert tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"] == VERSION


def test_store_faults_are_noted_for_a_backup(store: Store, log_file: Path) -> None:
    """A database another program holds is one line in the log, no traceback."""
    import sqlite3

    other = sqlite3.connect(store.path, isolation_level=None, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
        store.conn.execute("PRAGMA busy_timeout = 0")
        with pytest.raises(Exception, match="ฐานข้อมูลกำลังถูกใช้งาน"), store.transaction():
            pass
    finally:
        other.execute("ROLLBACK")
        other.close()
    _flush()
    text = log_file.read_text(encoding="utf-8")
    assert "database busy" in text and "Traceback" not in text


def test_the_day_is_in_the_log_a_printer_fault_in_one_line(centre: Session, log_file: Path) -> None:
    """Shift open and close, a printer that is off, the Z: each one line, no traceback."""
    auth.login(centre, 1, MANAGER_PIN)
    shifts.open_shift(centre, CashCount.of({100_000: 1}))
    sold = sell(centre, TEA)
    centre.settings = replace(centre.settings, printer_uri="tcp:127.0.0.1:9")  # nobody listens
    assert not receipts.print_receipt(centre, sold.receipt_no).ok
    shifts.close_shift(
        centre, CashCount.of({100_000: 1, 5_000: 1, 2_000: 1, 1_000: 1, 500: 1, 50: 1})
    )
    day_close.close_day(centre)
    _flush()

    text = log_file.read_text(encoding="utf-8")
    assert "shift 1 opened on T01 by user 1" in text
    assert "printer tcp:127.0.0.1:9 failed: DeviceNotFoundError" in text
    assert "shift 1 closed on T01 by user 1" in text
    assert "Z 1 closed on T01 by user 1" in text
    assert "Traceback" not in text
