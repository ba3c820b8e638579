"""The producer register: create, edit, refuse bad input, deactivate, PIN, list."""

from __future__ import annotations

from pathlib import Path

import pytest

from otop_pos.db import journal
from otop_pos.db.catalogue import producers as producers_db
from otop_pos.db.catalogue import products
from otop_pos.domain.staff.pins import verify_pin
from otop_pos.operations.catalogue.file_import import import_producers
from otop_pos.operations.catalogue.producers import (
    deactivate_producer,
    producer_detail,
    producer_list,
    reactivate_producer,
    save_producer,
    set_producer_pin,
)
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session

NEW = {
    "code": "P10",
    "name": "กลุ่มจักสานผักตบชวาบ้านโนนสวาง",
    "type": "กลุ่ม",
    "district": "อำเภอพยุห์",
    "province": "จ.ศรีสะเกษ",
    "contact": "083-456-7129",
    "reg_no": "3-33-14-03/1-0007",
    "tax_id": "0-9940-00158-37-8",
    "bank_name": "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร",
    "bank_account": "020-1-23456-7",
    "account_name": "กลุ่มจักสานผักตบชวาบ้านโนนสวาง",
    "promptpay_id": "0812345678",
    "commission_percent": "12.5",
    "vat_registered": "1",
    "active": "1",
}


def head(session: Session) -> int:
    return journal.head(session.store, session.terminal_id)[0]


def stored(session: Session, code: str) -> dict[str, object]:
    return products.producer_payloads(session.store)[code]


def test_create_stores_every_column_normalised_as_one_journal_entry(manager: Session) -> None:
    before = head(manager)
    assert save_producer(manager, NEW) == "P10"
    assert head(manager) == before + 1
    entry = journal.entries(manager.store, manager.terminal_id)[-1]
    assert entry.kind == "producer_upsert" and entry.user_id == 1
    assert stored(manager, "P10") == {
        "code": "P10", "name": "กลุ่มจักสานผักตบชวาบ้านโนนสวาง", "type": "community_enterprise",
        "district": "พยุห์", "province": "ศรีสะเกษ", "contact": "083-456-7129",
        "commission_bp": 1250, "active": True, "reg_no": "3-33-14-03/1-0007",
        "tax_id": "0994000158378", "bank_name": "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร",
        "bank_account": "020-1-23456-7", "account_name": "กลุ่มจักสานผักตบชวาบ้านโนนสวาง",
        "promptpay_id": "081-234-5678", "vat_registered": True,
    }  # fmt: skip
    assert entry.payload["producers"] == [stored(manager, "P10")]


def test_edit_changes_only_the_boxes_sent_and_keeps_bank_details(manager: Session) -> None:
    save_producer(manager, NEW)
    before = head(manager)
    save_producer(manager, {"code": "p10", "commission_percent": "15", "vat_registered": False})
    after = stored(manager, "P10")
    assert (after["commission_bp"], after["vat_registered"]) == (1500, False)
    assert after["bank_account"] == "020-1-23456-7" and after["promptpay_id"] == "081-234-5678"
    assert "p10" not in products.producer_payloads(manager.store)  # found P10, made no new one
    assert head(manager) == before + 1
    save_producer(manager, producer_detail(manager, "P10"))  # unchanged: nothing journalled
    assert head(manager) == before + 1


@pytest.mark.parametrize("typed", ["101", "-1", "abc", "100.01", "12.345", ""])
@pytest.mark.parametrize("code", ["P01", "P11"])  # an edit and a new producer
def test_bad_commission_is_refused_and_nothing_written(
    manager: Session, typed: str, code: str
) -> None:
    before, producers = head(manager), products.producer_payloads(manager.store)
    with pytest.raises(FieldError) as err:
        save_producer(manager, {**NEW, "code": code, "commission_percent": typed})
    assert err.value.field == "commission_percent"
    assert "ค่าคอมมิชชั่นต้องอยู่ระหว่าง 0 ถึง 100%" in err.value.thai or typed == "12.345"
    assert "ค่าคอมมิชชั่น" in err.value.thai
    assert head(manager) == before and products.producer_payloads(manager.store) == producers


@pytest.mark.parametrize(("typed", "percent"), [("0", 0), ("100", 10000), ("17.25%", 1725)])
def test_commission_bounds_are_accepted(manager: Session, typed: str, percent: int) -> None:
    save_producer(manager, {"code": "P01", "commission_percent": typed})
    assert stored(manager, "P01")["commission_bp"] == percent


BAD = [
    ({"code": ""}, "code", "กรุณากรอกรหัสผู้ผลิต"),
    ({"code": "P 10"}, "code", "ตัวอักษรอังกฤษ"),
    ({"code": "P" * 21}, "code", "ไม่เกิน 20"),
    ({"name": " "}, "name", "กรุณากรอกชื่อผู้ผลิต"),
    ({"type": "สหกรณ์"}, "type", "ประเภทผู้ผลิต"),
    ({"type": ""}, "type", "กรุณาเลือกประเภทผู้ผลิต"),
    ({"tax_id": "0994000158379"}, "tax_id", "หลักตรวจสอบผิด"),
    ({"tax_id": "099400015837"}, "tax_id", "13 หลัก"),
    ({"promptpay_id": "12345"}, "promptpay_id", "พร้อมเพย์"),
    ({"bank_account": "020-1-2345A-7"}, "bank_account", "ตัวเลขและขีด"),
    ({"bank_account": "-0201234567"}, "bank_account", "เลขที่บัญชี"),
    ({"tax_id": ""}, "tax_id", "จดทะเบียนภาษีมูลค่าเพิ่มต้องมีเลขประจำตัวผู้เสียภาษี"),
    ({"active": "maybe"}, "active", "สถานะใช้งาน"),
]


@pytest.mark.parametrize(("change", "field", "thai"), BAD)
def test_bad_input_names_the_field_and_writes_nothing(
    manager: Session, change: dict[str, str], field: str, thai: str
) -> None:
    before, producers = head(manager), products.producer_payloads(manager.store)
    with pytest.raises(FieldError) as err:
        save_producer(manager, NEW | change)
    assert (err.value.field, thai in err.value.thai) == (field, True), err.value.thai
    assert head(manager) == before and products.producer_payloads(manager.store) == producers


def test_an_imported_code_outside_the_form_rule_can_still_be_edited(manager: Session) -> None:
    path = Path(manager.store.path).parent / "producers.csv"
    path.write_text("code,name\nSSK.01/2,กลุ่มทอผ้า\n", encoding="utf-8")
    import_producers(manager, path)
    save_producer(manager, {"code": "SSK.01/2", "commission_percent": "10"})
    assert stored(manager, "SSK.01/2")["commission_bp"] == 1000


def test_cashier_may_not_touch_producers(cashier: Session) -> None:
    before = head(cashier)
    for action in (
        lambda: save_producer(cashier, NEW),
        lambda: set_producer_pin(cashier, "P01", "2468"),
        lambda: deactivate_producer(cashier, "P01"),
        lambda: producer_list(cashier),
    ):
        with pytest.raises(OperationError) as err:
            action()
        assert "ไม่มีสิทธิ์" in err.value.thai
    assert head(cashier) == before and "P10" not in products.producer_payloads(cashier.store)


def test_deactivate_then_reactivate(manager: Session) -> None:
    save_producer(manager, NEW)
    deactivate_producer(manager, "P10")
    assert stored(manager, "P10")["active"] is False
    assert stored(manager, "P10")["bank_account"] == "020-1-23456-7"
    assert "P10" in [r.code for r in producer_list(manager)]
    assert "P10" not in [r.code for r in producer_list(manager, include_inactive=False)]
    save_producer(manager, {"code": "P10", "active": True})
    assert stored(manager, "P10")["active"] is True
    deactivate_producer(manager, "P10")
    reactivate_producer(manager, "P10")
    assert stored(manager, "P10")["active"] is True


def test_deactivating_an_unknown_code_creates_nothing(manager: Session) -> None:
    before = head(manager)
    with pytest.raises(OperationError) as err:
        deactivate_producer(manager, "NOPE")
    assert "ไม่พบผู้ผลิตรหัส NOPE" in err.value.thai and head(manager) == before


def test_pin_is_stored_hashed_and_checked(manager: Session) -> None:
    with pytest.raises(FieldError) as err:
        set_producer_pin(manager, "P01", "12")
    assert err.value.field == "pin" and "PIN" in err.value.thai
    with pytest.raises(OperationError):
        set_producer_pin(manager, "NOPE", "2468")
    for easy in ("1111", "1234", "4321", "2580"):  # refused as for staff: easy to guess
        with pytest.raises(FieldError) as err:
            set_producer_pin(manager, "P01", easy)
        assert err.value.field == "pin" and "เดาง่าย" in err.value.thai
    set_producer_pin(manager, "p01", "2468")
    producer = producers_db.by_code(manager.store, "P01")
    pin = producers_db.pin_of(manager.store, producer["id"])
    assert pin["pin_hash"] != "2468" and verify_pin("2468", pin["pin_hash"])
    assert [r.has_pin for r in producer_list(manager)] == [True, False]


def test_list_rows_for_the_table(manager: Session) -> None:
    save_producer(manager, NEW)
    rows = {r.code: r for r in producer_list(manager)}
    assert list(rows) == ["P01", "P02", "P10"]
    assert rows["P02"].products == 2 and rows["P01"].commission_percent == "20"
    assert rows["P10"].type_th.startswith("วิสาหกิจชุมชน") and rows["P10"].has_payout_details
    assert rows["P10"].commission_percent == "12.5" and rows["P10"].vat_registered
    assert not rows["P01"].has_payout_details


def test_detail_is_the_form_and_unknown_fields_are_a_bug(manager: Session) -> None:
    save_producer(manager, NEW)
    form = producer_detail(manager, "P10")
    assert form["commission_percent"] == "12.5" and form["tax_id"] == "0994000158378"
    assert (form["vat_registered"], form["active"], form["district"]) == ("1", "1", "พยุห์")
    with pytest.raises(ValueError, match="comission"):
        save_producer(manager, {"code": "P10", "comission_percent": "5"})


def test_import_without_payout_columns_keeps_them(manager: Session) -> None:
    save_producer(manager, NEW)
    path = Path(manager.store.path).parent / "producers.csv"
    path.write_text("รหัสผู้ผลิต,ชื่อผู้ผลิต,ค่าคอมมิชชั่น\nP10,กลุ่มจักสานบ้านโนนสวาง,18\n", encoding="utf-8")
    assert import_producers(manager, path).updated == 1
    after = stored(manager, "P10")
    assert (after["name"], after["commission_bp"]) == ("กลุ่มจักสานบ้านโนนสวาง", 1800)
    for key in ("reg_no", "tax_id", "bank_name", "bank_account", "account_name", "promptpay_id"):
        assert after[key] == stored_value(key), key
    assert after["vat_registered"] is True and after["contact"] == "083-456-7129"


def stored_value(key: str) -> str:
    return {
        "reg_no": "3-33-14-03/1-0007", "tax_id": "0994000158378",
        "bank_name": NEW["bank_name"], "bank_account": "020-1-23456-7",
        "account_name": NEW["account_name"], "promptpay_id": "081-234-5678",
    }[key]  # fmt: skip


def test_import_with_payout_columns_sets_and_checks_them(manager: Session) -> None:
    path = Path(manager.store.path).parent / "producers.csv"
    path.write_text(
        "code,name,เลขประจำตัวผู้เสียภาษี,ธนาคาร,เลขที่บัญชี,ชื่อบัญชี,พร้อมเพย์,จด VAT\n"
        "P01,กลุ่มทอผ้าไหมบ้านหนองบัว,1101700203450,กรุงไทย,981-0-12345-6,นางบุญมา,"
        "+66 81 234 5678,ใช่\n",
        encoding="utf-8",
    )
    import_producers(manager, path)
    after = stored(manager, "P01")
    assert (after["tax_id"], after["bank_name"], after["promptpay_id"]) == (
        "1101700203450", "กรุงไทย", "081-234-5678",
    )  # fmt: skip
    assert after["vat_registered"] is True and after["commission_bp"] == 2000
    assert after["account_name"] == "นางบุญมา" and after["bank_account"] == "981-0-12345-6"


def test_the_add_form_refuses_an_existing_code(manager: Session) -> None:
    before = head(manager)
    with pytest.raises(FieldError) as err:
        save_producer(manager, {"code": "P01", "name": "ซ้ำ"}, new=True)
    assert err.value.field == "code" and "มีผู้ผลิตรหัส P01 อยู่แล้ว" in err.value.thai
    assert head(manager) == before
