"""`otop-pos sync` against a real server: enrol with a code, drain the journal, refuse, roll back.

The server is a real subprocess on loopback (tests/server_helpers.py); the
till is a real SQLite file with real sales; the commands run through the
real `main` (its log goes beside the till's database, as in the field).
"""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import CASHIER_PIN, MANAGER_PIN
from server_helpers import RunningServer, server_cli
from shift_helpers import SILK, TEA, sell

from otop_pos.cli.main import main
from otop_pos.db import journal
from otop_pos.db.store import open_store
from otop_pos.db.sync import state as state_db
from otop_pos.operations.log_file import log_folder, stop_log
from otop_pos.operations.session import Session
from otop_pos.sync import checkpoints
from otop_pos.sync.checkpoints import Checkpoint
from otop_pos.sync.client import Client


@pytest.fixture(autouse=True)
def _own_log() -> Iterator[None]:
    yield
    stop_log()  # main() starts the log beside each till's database


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _server_row(server: RunningServer, terminal_id: str) -> dict[str, object]:
    rows = json.loads(server_cli("status", database=server.database))
    return next(r for r in rows if r["terminal_id"] == terminal_id)


def _enrol(capsys: pytest.CaptureFixture[str], province: RunningServer, centre: str,
           db: Path) -> str:  # fmt: skip
    code = province.enrol_code(centre, "POS01", name="ศูนย์ OTOP", province="33", district="3301")
    rc, out, err = _run(capsys, "sync", "enrol", province.url, code, "--db", str(db),
                        "--pin", MANAGER_PIN)  # fmt: skip
    assert rc == 0, err
    assert f"{centre}-POS01" in out
    return code


def _status(capsys: pytest.CaptureFixture[str], db: Path) -> dict[str, object]:
    rc, out, _err = _run(capsys, "sync", "status", "--db", str(db), "--json")
    assert rc == 0
    return json.loads(out)


def test_enrol_sell_and_drain(capsys: pytest.CaptureFixture[str], province: RunningServer,
                              till: Session, centre_code: str) -> None:  # fmt: skip
    db = Path(till.store.path)
    before = _status(capsys, db)
    assert before["state"] == "not_enrolled" and before["unsent"] > 0
    code = _enrol(capsys, province, centre_code, db)
    terminal = f"{centre_code}-POS01"
    for codes in ((TEA,), (SILK, TEA), (TEA, TEA)):
        sell(till, *codes)
    head_seq, head_hash = journal.head(till.store, "T01")
    waiting = _status(capsys, db)
    assert waiting["unsent"] == head_seq and waiting["acked_seq"] == 0
    assert waiting["oldest_unsent_at"] is not None

    rc, out, err = _run(capsys, "sync", "now", "--db", str(db))
    assert rc == 0, err
    assert f"{head_seq} entries acknowledged" in out
    drained = _status(capsys, db)
    assert drained["unsent"] == 0 and drained["acked_seq"] == head_seq
    assert drained["state"] == "idle" and drained["last_ack_at"] is not None
    assert _server_row(province, terminal)["acked_seq"] == head_seq

    rc, out, _err = _run(capsys, "sync", "now", "--db", str(db))  # nothing new: nothing sent
    assert rc == 0 and "0 entries acknowledged" in out and "sent 0 batches" in out
    assert _server_row(province, terminal)["acked_seq"] == head_seq

    st = state_db.load(till.store)  # the stored checkpoint is the server's and true of the chain
    assert st is not None and st.checkpoint is not None
    cp = Checkpoint.from_dict(st.checkpoint)
    assert (cp.terminal_id, cp.seq, cp.hash) == (terminal, head_seq, head_hash)
    checkpoints.verify(st.server_key, cp)
    checkpoints.against_chain(till.store, cp, "T01")
    forged = Checkpoint(cp.terminal_id, cp.seq, "0" * 64, cp.at, cp.signature)
    with pytest.raises(checkpoints.CheckpointError):
        checkpoints.verify(st.server_key, forged)

    rc, _out, err = _run(capsys, "sync", "enrol", province.url, code, "--db", str(db),
                         "--pin", MANAGER_PIN)  # fmt: skip
    assert rc == 1 and "ถูกใช้ไปแล้ว" in err  # a code works once

    # the secret is nowhere the log or the status shows
    secret_hex = base64.b64decode(st.secret).hex()
    shown = json.dumps(_status(capsys, db)) + _run(capsys, "sync", "status", "--db", str(db))[1]
    assert st.secret not in shown and secret_hex not in shown
    logs = log_folder(db)
    texts = [p.read_text(encoding="utf-8") for p in sorted(logs.glob("*"))]
    assert texts and "enrolled with" in "".join(texts)  # the log was written, and searched
    for text in texts:
        assert st.secret not in text and secret_hex not in text
        assert code not in text and code.replace("-", "") not in text


def _backup(src: str, dst: Path) -> Path:
    """A copy as a backup tool takes it (SQLite's backup API: the WAL included)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()
    return dst


def test_a_till_restored_from_an_old_backup_stops_behind(
    capsys: pytest.CaptureFixture[str], province: RunningServer, till: Session, centre_code: str,
    tmp_path: Path,
) -> None:  # fmt: skip
    db = Path(till.store.path)
    _enrol(capsys, province, centre_code, db)
    sell(till, TEA)
    assert _run(capsys, "sync", "now", "--db", str(db))[0] == 0
    old_seq = journal.head(till.store, "T01")[0]
    backup = _backup(till.store.path, tmp_path / "backup" / "centre.sqlite")
    for _ in range(3):
        sell(till, TEA)
    assert _run(capsys, "sync", "now", "--db", str(db))[0] == 0
    held = journal.head(till.store, "T01")[0]
    assert held > old_seq + 1

    # restored as it was: nothing new to send, but the server's checkpoint says it holds more
    restored = _backup(str(backup), tmp_path / "restored" / "centre.sqlite")
    rc, out, _err = _run(capsys, "sync", "now", "--db", str(restored))
    assert "หยุดส่ง" in out
    assert rc == 1
    status = _status(capsys, restored)
    assert status["state"] == "stopped" and status["error_code"] == "behind"
    assert f"ถึงลำดับที่ {held}" in status["message_th"]
    assert _run(capsys, "sync", "now", "--db", str(restored))[0] == 1  # stays stopped

    # restored and sold on: the batch's head is behind what the server holds
    again = _backup(str(backup), tmp_path / "sold-on" / "centre.sqlite")
    store = open_store(again)
    try:
        sell(Session(store, till.settings, till.user), SILK)
    finally:
        store.close()
    assert _run(capsys, "sync", "now", "--db", str(again))[0] == 1
    assert _status(capsys, again)["error_code"] == "behind"
    row = _server_row(province, f"{centre_code}-POS01")
    assert row["acked_seq"] == held and row["alerts"] >= 1  # stored nothing, raised an alert
    assert row["latest_alert"]["kind"] == "behind"  # the office sees which alert, too
    st = state_db.load(till.store)
    assert st is not None
    answer = Client.enrolled(st.server_url, st.terminal_id, st.secret).get(
        f"/v1/terminals/{st.terminal_id}/status"
    )
    assert answer.status == 200
    assert [a["kind"] for a in answer.body["alerts"]] == ["behind"]


def test_a_cashier_cannot_enrol_the_till(capsys: pytest.CaptureFixture[str],
                                         province: RunningServer, till: Session,
                                         centre_code: str) -> None:  # fmt: skip
    db = Path(till.store.path)
    code = province.enrol_code(centre_code, "POS01")
    rc, _out, err = _run(capsys, "sync", "enrol", province.url, code, "--db", str(db),
                         "--user", "2", "--pin", CASHIER_PIN)  # fmt: skip
    assert rc == 1 and err.strip()
    assert _status(capsys, db)["state"] == "not_enrolled"
    rc, _out, err = _run(capsys, "sync", "enrol", province.url, code, "--db", str(db),
                         "--pin", MANAGER_PIN)  # fmt: skip
    assert rc == 0, err  # the code was not spent by the refused attempt
