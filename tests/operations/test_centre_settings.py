"""A manager changes payment and tax settings; bad values are refused and nothing is saved."""

from __future__ import annotations

import pytest
from helpers import MANAGER_PIN

from otop_pos.cli.main import main
from otop_pos.db import settings as settings_db
from otop_pos.domain.money import Money
from otop_pos.operations import centre_settings
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session


def test_manager_sets_promptpay_and_copay(manager: Session) -> None:
    new = centre_settings.update(
        manager, {"promptpay_id": "081 234 5678", "copay_cap": "150", "copay_percent": "50"}
    )
    assert new.promptpay_id == "081-234-5678" and new.copay_cap == Money.baht(150)
    assert settings_db.load(manager.store) == new


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"promptpay_id": "12345"}, "promptpay_id", "พร้อมเพย์"),
        ({"promptpay_id": "0994000165316"}, "promptpay_id", "หลักตรวจสอบ"),
        ({"tax_id": "0994000165316"}, "tax_id", "หลักตรวจสอบ"),
        ({"copay_cap": "-5"}, "copay_cap", "ติดลบ"),
        ({"copay_percent": "150"}, "copay_percent", "0-100"),
        ({"promptpay_id": "0812345678", "colour": "blue"}, "colour", "ไม่มีการตั้งค่า"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_saved(
    manager: Session, values: dict[str, str], field: str, words: str
) -> None:
    before = settings_db.load(manager.store)
    with pytest.raises(FieldError) as info:
        centre_settings.update(manager, values)
    assert info.value.field == field and words in info.value.thai
    assert settings_db.load(manager.store) == before


def test_a_cashier_cannot_change_settings(cashier: Session) -> None:
    with pytest.raises(OperationError, match="ไม่มีสิทธิ์"):
        centre_settings.update(cashier, {"promptpay_id": "0812345678"})


def test_cli_settings(manager: Session, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(manager.store.path)
    manager.store.close()
    assert main(["settings", "--db", db, "--pin", MANAGER_PIN, "promptpay_id=123"]) == 1
    assert "พร้อมเพย์" in capsys.readouterr().err
    assert main(["settings", "--db", db, "--pin", MANAGER_PIN, "promptpay_id=0812345678"]) == 0
    assert main(["settings", "--db", db]) == 0
    assert "promptpay_id=081-234-5678" in capsys.readouterr().out


def test_cli_labels_and_etax(manager: Session, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import pypdfium2

    from otop_pos.domain.selling.cart import Cart
    from otop_pos.operations.selling import cart as selling
    from otop_pos.operations.selling import checkout, tax_invoices
    from otop_pos.operations.selling.tax_invoices import Buyer

    cart = Cart()
    selling.scan(manager, cart, "8850000000014")
    receipt_no = checkout.complete_cash_sale(manager, cart, Money.baht(1500)).receipt_no
    invoice_no = tax_invoices.issue(
        manager, receipt_no, Buyer("บริษัท ก จำกัด", "1 ถนนเทพา", "0994000165315", postcode="33000")
    )
    db = str(manager.store.path)
    centre_settings.update(manager, {"province_code": "33", "district_code": "3301",
                                     "sub_district_code": "330101", "postcode": "33000"})  # fmt: skip
    manager.store.close()
    out = tmp_path / "labels.pdf"
    args = ["labels", "SILK01:2", "TEA01", "--db", db, "--pin", MANAGER_PIN, "--out", str(out)]
    assert main(args) == 0
    text = pypdfium2.PdfDocument(out.read_bytes())[0].get_textpage().get_text_range()
    assert text.count("1,500.00") == 2
    assert main(["labels", "NOPE", "--db", db, "--pin", MANAGER_PIN, "--out", str(out)]) == 1
    assert "ไม่พบสินค้ารหัส NOPE" in capsys.readouterr().err
    assert main(["etax", invoice_no, "--db", db, "--pin", MANAGER_PIN, "--out", str(tmp_path)]) == 0
    assert (tmp_path / f"{invoice_no}.xml").read_bytes().startswith(b"<?xml")


def test_shift_and_discount_settings(manager: Session) -> None:
    from otop_pos.operations import centre_settings as cs

    new = cs.update(
        manager, {"require_shift": "1", "blind_close": "1", "discount_limit_percent": "15"}
    )
    assert new.require_shift and new.blind_close and new.discount_limit_percent == 15
    with pytest.raises(FieldError) as err:
        cs.update(manager, {"discount_limit_percent": "150"})
    assert err.value.field == "discount_limit_percent"


def test_scale_label_layouts_are_a_setting(manager: Session) -> None:
    assert manager.settings.scale_labels == "weight-20"  # the common layout, on by default
    new = centre_settings.update(manager, {"scale_labels": "weight-20, 21 IIIII PPPPP C"})
    assert new.scale_labels == "20IIIIIWWWWWC,21IIIIIPPPPPC"
    assert settings_db.load(manager.store).scale_labels == new.scale_labels
    assert centre_settings.update(manager, {"scale_labels": ""}).scale_labels == ""  # off
    with pytest.raises(FieldError, match="ขึ้นต้นเหมือนกัน") as info:
        centre_settings.update(manager, {"scale_labels": "weight-2, price-21"})
    assert info.value.field == "scale_labels"
    assert settings_db.load(manager.store).scale_labels == ""
