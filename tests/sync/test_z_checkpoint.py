"""The Z of an enrolled till prints the server's latest checkpoint: seq, 12 hash characters, time."""

from __future__ import annotations

from helpers import MANAGER_PIN
from server_helpers import RunningServer
from shift_helpers import TEA, sell
from sync_helpers import manager_of

from otop_pos.db.sync import state as state_db
from otop_pos.domain.thai.thaidate import format_numeric, from_iso
from otop_pos.operations import auth
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import day_close, day_documents
from otop_pos.operations.sync import enrol, running
from otop_pos.printing.documents.day_report import build_day_report


def _z_text(till: Session) -> str:
    auth.logout(till)
    auth.login(till, 1, MANAGER_PIN)
    z = day_close.close_day(till)
    x = day_close.x_report(till)
    assert day_documents.report_data(till, x).checkpoint is None  # only the Z carries it
    return build_day_report(day_documents.report_data(till, z)).plain_text()


def test_the_z_prints_the_latest_checkpoint(province: RunningServer, till: Session,
                                            centre_code: str) -> None:  # fmt: skip
    enrol.enrol_till(manager_of(till), province.url, province.enrol_code(centre_code, "POS01"))
    sell(till, TEA)
    assert running.send_now(till.store).outcome == "drained"
    st = state_db.load(till.store)
    assert st is not None and st.checkpoint is not None
    cp = st.checkpoint
    text = _z_text(till)
    assert "ยืนยันโดยเซิร์ฟเวอร์จังหวัด" in text
    assert cp["hash"][:12] in text and cp["hash"][:13] not in text
    assert f"{cp['seq']:,}" in text
    assert format_numeric(from_iso(cp["at"])) in text


def test_a_till_never_enrolled_prints_none(till: Session) -> None:
    sell(till, TEA)
    assert "ยืนยันโดยเซิร์ฟเวอร์จังหวัด" not in _z_text(till)
