"""Settings that would stop every sale are refused, and the till still sells afterwards.

Each test changes one setting the way `otop-pos settings` and the settings
screen do, then sells: before these checks the change was saved and the
next sale failed (a receipt number taken twice, or no number at all).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import MANAGER_PIN

from otop_pos.cli.main import main
from otop_pos.db import settings as settings_db
from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.operations import centre_settings
from otop_pos.operations.errors import FieldError
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout, tax_invoices
from otop_pos.operations.selling.tax_invoices import Buyer
from otop_pos.operations.session import Session


def sell(session: Session) -> str:
    cart = Cart()
    selling.scan(session, cart, "8850000000014")
    return checkout.complete_cash_sale(session, cart, Money.baht(1500)).receipt_no


def refused(session: Session, values: dict[str, str], field: str, words: str) -> None:
    before = settings_db.load(session.store)
    with pytest.raises(FieldError) as info:
        centre_settings.update(session, values)
    assert info.value.field == field, info.value
    assert words in info.value.thai, info.value.thai
    assert settings_db.load(session.store) == before


def test_a_new_terminal_id_under_the_same_pos_id_is_refused(manager: Session) -> None:
    first = sell(manager)
    refused(manager, {"terminal_id": "T02"}, "terminal_id", "มีรายการบันทึกแล้ว")
    assert sell(manager) != first  # before: UNIQUE constraint failed: sales.receipt_no


@pytest.mark.parametrize("pos_id", ["", "   ", "POS 01", "ศูนย์01", "POS01-A", "X" * 17])
def test_an_empty_or_odd_pos_id_is_refused(manager: Session, pos_id: str) -> None:
    refused(manager, {"pos_id": pos_id}, "pos_id", "รหัส POS")
    assert sell(manager).startswith("POS01-")  # before: ValueError: invalid POS ID ''


def test_a_new_pos_id_numbers_on_from_this_terminals_counter(manager: Session) -> None:
    sell(manager)
    centre_settings.update(manager, {"pos_id": "E051234567890001"})
    assert sell(manager).startswith("E051234567890001-")
    centre_settings.update(manager, {"pos_id": "POS01"})
    assert sell(manager).startswith("POS01-")  # the counter never goes back: no repeat


def test_a_bad_invoice_prefix_is_refused(manager: Session) -> None:
    refused(manager, {"invoice_prefix": "TI 01"}, "invoice_prefix", "คำนำหน้า")
    refused(manager, {"invoice_prefix": "POS01"}, "invoice_prefix", "ไม่ซ้ำกับรหัส POS")
    receipt = sell(manager)
    buyer = Buyer("บริษัท ก จำกัด", "1 ถนนเทพา", "0994000165315", postcode="33000")
    assert tax_invoices.issue(manager, receipt, buyer).startswith("POS01-TI-")


@pytest.mark.parametrize("uri", ["", "lpt1", "tcp:", "usb:zz:01", "tcp:host:99999"])
def test_a_printer_address_the_printer_cannot_read_is_refused(manager: Session, uri: str) -> None:
    from otop_pos.operations.selling import receipts

    refused(manager, {"printer_uri": uri}, "printer_uri", "เครื่องพิมพ์")
    assert receipts.print_receipt(manager, sell(manager)).ok  # before: every print failed


def test_a_good_printer_address_is_kept(manager: Session, tmp_path: Path) -> None:
    new = centre_settings.update(manager, {"printer_uri": f" file:{tmp_path / 'out.bin'} "})
    assert new.printer_uri == f"file:{tmp_path / 'out.bin'}"
    assert centre_settings.update(manager, {"printer_uri": "tcp:192.168.1.50"}).printer_uri


@pytest.mark.parametrize(("key", "value"), [("paper_dots", "500"), ("paper_dots", "80"),
                                            ("lang", "fr"), ("lang", "")])  # fmt: skip
def test_paper_width_and_language_are_choices(manager: Session, key: str, value: str) -> None:
    refused(manager, {key: value}, key, "ต้องเป็น")
    assert sell(manager)


def test_documents_folder_must_be_a_writable_folder(manager: Session, tmp_path: Path) -> None:
    a_file = tmp_path / "not-a-folder.txt"
    a_file.write_text("x")
    refused(manager, {"documents_dir": str(a_file)}, "documents_dir", "ไม่ใช่โฟลเดอร์")
    refused(manager, {"documents_dir": "documents"}, "documents_dir", "ที่อยู่เต็ม")
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            refused(manager, {"documents_dir": str(locked / "pdf")}, "documents_dir", "เขียนไฟล์")
        finally:
            locked.chmod(0o700)
    new = centre_settings.update(manager, {"documents_dir": str(tmp_path / "new" / "pdf")})
    assert new.documents_dir == str(tmp_path / "new" / "pdf")


def test_address_codes_nest_and_names_are_needed(manager: Session) -> None:
    refused(manager, {"centre_name": "  "}, "centre_name", "ต้องกรอก")
    refused(manager, {"postcode": "3300"}, "postcode", "5 หลัก")
    refused(
        manager,
        {"province_code": "33", "district_code": "1001"},
        "district_code",
        "ขึ้นต้นด้วยรหัสจังหวัด",
    )
    refused(manager, {"branch": "สาขาหนึ่ง"}, "branch", "สาขา")
    refused(manager, {"tax_id": ""}, "tax_id", "ต้องมีเลขประจำตัวผู้เสียภาษี")  # VAT registered
    refused(manager, {"etax_p12_path": "/nowhere/centre.p12"}, "etax_p12_path", "ไม่พบไฟล์")
    refused(manager, {"receipt_footer": "\n".join("line" for _ in range(6))}, "receipt_footer",
            "ยาวเกินไป")  # fmt: skip


def test_one_bad_value_saves_nothing(manager: Session) -> None:
    refused(manager, {"promptpay_id": "0812345678", "pos_id": ""}, "pos_id", "รหัส POS")


def test_the_command_refuses_what_would_stop_selling(
    manager: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    sell(manager)
    db = str(manager.store.path)
    manager.store.close()
    assert main(["settings", "--db", db, "--pin", MANAGER_PIN, "terminal_id=T02"]) == 1
    assert "รหัสเครื่อง" in capsys.readouterr().err
    assert main(["settings", "--db", db, "--pin", MANAGER_PIN, "pos_id="]) == 1
    assert "รหัส POS" in capsys.readouterr().err
    assert main(["settings", "--db", db]) == 0
    shown = capsys.readouterr().out
    assert "terminal_id=T01" in shown and "pos_id=POS01" in shown


def test_a_set_up_till_keeps_its_terminal_id(store: Store) -> None:
    """The first manager's `user_added` entry starts the chain: the id is fixed from then on."""
    from otop_pos.db import journal
    from otop_pos.db.projections import record
    from otop_pos.db.settings import CentreSettings
    from otop_pos.db.staff import users as users_db
    from otop_pos.domain.staff.pins import hash_pin
    from otop_pos.domain.thai.thaidate import to_iso, utc_now
    from otop_pos.operations import auth

    settings_db.save(store, CentreSettings(centre_name="ศูนย์ใหม่"))
    users_db.add(store, "T01", to_iso(utc_now()), None, "ผู้จัดการ", "manager", hash_pin(MANAGER_PIN))
    with store.transaction():  # a sibling till's entry, as sync would bring it
        record.record(store, "T09", "cart_void", to_iso(utc_now()), None, {"lines": [], "total": 0})
    session = Session.open(store)
    auth.login(session, 1, MANAGER_PIN)
    refused(session, {"terminal_id": "T09"}, "terminal_id", "มีรายการบันทึกแล้ว")
    refused(session, {"terminal_id": "T02"}, "terminal_id", "มีรายการบันทึกแล้ว")
    assert journal.head(store, "T02")[0] == 0
