"""The tenders report and the producers' statements need a login with the report permission."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import CASHIER_PIN

from otop_pos.cli.main import main
from otop_pos.domain.thai.thaidate import bangkok_date, utc_now
from otop_pos.operations import auth
from otop_pos.operations.consignment import statements
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session
from otop_pos.operations.shifts.tender_totals import tender_totals

DAY = date(2026, 11, 21)


def test_the_operations_refuse_without_the_report_permission(centre: Session) -> None:
    today = bangkok_date(utc_now())
    for who in (None, 2):
        if who:
            auth.login(centre, who, CASHIER_PIN)
        with pytest.raises(OperationError, match=r"เข้าสู่ระบบ|ไม่มีสิทธิ์ดูรายงาน"):
            tender_totals(centre, DAY)
        with pytest.raises(OperationError, match=r"เข้าสู่ระบบ|ไม่มีสิทธิ์ดูรายงาน"):
            statements.producer_statements(centre, None, today, today)


@pytest.mark.parametrize("command", [["tenders", "--date", "2026-11-21"], ["settlement"]])
def test_the_commands_refuse_a_cashier_and_a_wrong_pin(centre: Session, capsys, command) -> None:  # type: ignore[no-untyped-def]
    db = str(centre.store.path)
    centre.store.close()
    assert main([*command, "--db", db, "--user", "2", "--pin", CASHIER_PIN]) == 1
    assert "ไม่มีสิทธิ์ดูรายงาน" in capsys.readouterr().err
    assert main([*command, "--db", db, "--user", "1", "--pin", "5082"]) == 1
    assert "ไม่ถูกต้อง" in capsys.readouterr().err
    assert main([*command, "--db", db, "--user", "1", "--pin", "9999"]) == 0
