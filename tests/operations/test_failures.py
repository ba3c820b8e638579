"""Expected failures and bugs: one classification, checked family by family.

Expected failures keep their own words (what `user_message` always said) and
leave no traceback; anything else is a bug: the person reads `GENERIC`, the
log gets the traceback.
"""

from __future__ import annotations

import errno
import importlib
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from otop_pos.db.schema.migrations import TooNewError
from otop_pos.db.store import Store, StoreError
from otop_pos.domain.catalogue.barcode import ScanError
from otop_pos.domain.catalogue.instore import InstoreCodeError, preset
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import CartError
from otop_pos.domain.selling.cash import TenderError
from otop_pos.domain.selling.tenders import PaymentError
from otop_pos.domain.shifts.cash_count import CashCount
from otop_pos.domain.staff.permissions import Permission, PermissionDenied, Role
from otop_pos.domain.staff.pins import validate_pin
from otop_pos.domain.stock.quantities import StockInputError
from otop_pos.domain.thai.promptpay import parse_promptpay_id
from otop_pos.domain.thai.taxid import taxid_check_digit
from otop_pos.operations.errors import (
    EXPECTED,
    GENERIC,
    FieldError,
    OperationError,
    describe,
    expected_text,
    is_expected,
    record_if_bug,
    user_message,
)
from otop_pos.operations.selling.checkout import TenderRefused

ERRORS_LOGGER = "otop_pos.operations.errors"


def _raised(action: Callable[[], object]) -> BaseException:
    try:
        action()
    except Exception as exc:
        return exc
    raise AssertionError("expected an exception")


def _db_error(tmp_path: Path, sql: str) -> sqlite3.Error:
    conn = sqlite3.connect(tmp_path / "raw.sqlite")
    try:
        return _raised(lambda: conn.execute(sql))  # type: ignore[return-value]
    finally:
        conn.close()


def _locked(tmp_path: Path) -> sqlite3.Error:
    """SQLite's own 'database is locked', as a read outside our transactions meets it."""
    path = tmp_path / "busy.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    waiter = sqlite3.connect(path, timeout=0)
    try:
        return _raised(lambda: waiter.execute("SELECT * FROM t"))  # type: ignore[return-value]
    finally:
        waiter.close()
        holder.execute("ROLLBACK")
        holder.close()


def _expected(tmp_path: Path) -> dict[str, BaseException]:
    """One real instance of every expected family (raised by the code where that is cheap)."""
    from otop_pos.db.projections.consignment import ConsignmentProjectionError
    from otop_pos.db.projections.errors import ProjectionError
    from otop_pos.db.projections.shifts import ShiftProjectionError
    from otop_pos.etax.checks import text as etax_text
    from otop_pos.etax.pdfa import PdfA3Error
    from otop_pos.etax.signing import load_pkcs12
    from otop_pos.files.checks import commission_bp
    from otop_pos.files.forms import FormError
    from otop_pos.files.table import read_table
    from otop_pos.printing.engine.devices import (
        MissingDriverError,
        PrinterError,
        parse_printer_uri,
    )

    return {
        "OperationError": OperationError("ไม่พบสินค้า", "No such product."),
        "FieldError": FieldError("กรุณาใส่เหตุผล", "Please give a reason.", "reason"),
        "TenderRefused": TenderRefused("ยอดไม่พอ", "Not enough.", "amount"),
        "StoreError full": StoreError("ดิสก์เต็ม", "The disk is full.", "full"),
        "StoreError read-only": StoreError("อ่านอย่างเดียว", "Read-only.", "readonly"),
        "sqlite3 locked": _locked(tmp_path),
        "OSError disk full": OSError(errno.ENOSPC, "No space left on device", "r.csv"),
        "OSError read-only": OSError(errno.EROFS, "Read-only file system", "r.csv"),
        "PermissionError": PermissionError(errno.EACCES, "Permission denied", "r.csv"),
        "OSError no device": OSError(errno.ENODEV, "No such device"),
        "TooNewError": TooNewError("ฐานข้อมูลนี้มาจาก OTOP POS รุ่นใหม่กว่า"),
        "ProjectionError": ProjectionError("บาร์โค้ดเป็นของสินค้าอื่นอยู่แล้ว"),
        "ShiftProjectionError": ShiftProjectionError("กะนี้ปิดไปแล้ว"),
        "ConsignmentProjectionError": ConsignmentProjectionError("ยอดจ่ายเกินยอดค้างจ่าย"),
        "MoneyError": _raised(lambda: Money.parse("สิบบาท")),
        "CartError": CartError("จำนวนต้องเป็นจำนวนเต็ม"),
        "TenderError": TenderError("รับเงินไม่ได้"),
        "PaymentError": PaymentError("ยอดไม่พอ", "Not enough.", "amount"),
        "ScanError": ScanError("บาร์โค้ดไม่ถูกต้อง"),
        "InstoreCodeError": InstoreCodeError("คำนำหน้าบาร์โค้ดภายในร้านต้องเป็น 20 ถึง 29"),
        "LabelError": _raised(lambda: preset("a4-99")),
        "StockInputError": StockInputError("กรุณาใส่จำนวน", "Enter a quantity.", "qty"),
        "CountError": _raised(lambda: CashCount.parse({100: "-1"})),
        "PinError": _raised(lambda: validate_pin("12")),
        "PermissionDenied": PermissionDenied(Role.CASHIER, Permission.CLOSE_DAY),
        "TaxIdError": _raised(lambda: taxid_check_digit("12")),
        "PromptPayError": _raised(lambda: parse_promptpay_id("12")),
        "PrinterError": PrinterError("เครื่องพิมพ์ไม่ตอบสนอง", "timed out"),
        "PrinterConfigError": _raised(lambda: parse_printer_uri("fax:1")),
        "MissingDriverError": MissingDriverError("USB printing requires pyusb"),
        "ProductFileError": _raised(lambda: read_table(tmp_path / "products.doc", {})),
        "CheckError": _raised(lambda: commission_bp("สิบ")),
        "FormError": FormError("กรุณาใส่ชื่อ", "Enter a name.", "name"),
        "EtaxError": _raised(lambda: etax_text("", "ชื่อผู้ซื้อ", "buyer name")),
        "SigningError": _raised(lambda: load_pkcs12(tmp_path / "none.p12", "x")),
        "PdfA3Error": PdfA3Error("ไฟล์ PDF เสียหาย", "not a readable PDF"),
    }


def _bugs(tmp_path: Path, store: Store) -> dict[str, BaseException]:
    def sql_mistake() -> None:
        with store.transaction():
            store.conn.execute("INSERT INTO no_such_table VALUES (1)")

    return {
        "KeyError": _raised(lambda: {}["sku"]),
        "ZeroDivisionError": _raised(lambda: 1 / 0),
        "AttributeError": _raised(lambda: None.upper()),  # type: ignore[union-attr]
        "TypeError": _raised(lambda: len(5)),  # type: ignore[arg-type]
        "plain ValueError": _raised(lambda: int("x")),
        "FileNotFoundError": _raised(lambda: (tmp_path / "gone.txt").read_text()),
        "StoreError from a query mistake": _raised(sql_mistake),
        "raw sqlite3 query mistake": _db_error(tmp_path, "SELECT * FROM nowhere"),
    }


def test_every_named_family_is_a_real_exception_class() -> None:
    for name in sorted(EXPECTED):
        module, _, cls = name.rpartition(".")
        found = getattr(importlib.import_module(module), cls, None)
        assert isinstance(found, type) and issubclass(found, Exception), name


def test_each_expected_family_is_expected_and_keeps_its_words(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    found = _expected(tmp_path)
    named = {n.rpartition(".")[2] for n in EXPECTED}
    assert named <= {k.split()[0] for k in found}, "every named family has an instance here"
    caplog.set_level(logging.INFO)
    for what, exc in found.items():
        assert is_expected(exc), what
        text = describe(exc, "th")
        assert text != GENERIC["th"], what
        if not isinstance(exc, (OSError, sqlite3.Error)):
            assert text == user_message(exc, "th"), what  # as every screen showed it before
            assert describe(exc, "en") == user_message(exc, "en"), what
    assert not [r for r in caplog.records if r.exc_info], "an expected failure left a traceback"


def test_disk_and_database_faults_read_in_thai(tmp_path: Path) -> None:
    full = OSError(errno.ENOSPC, "No space left on device", "/media/usb/report.xlsx")
    assert expected_text(full) == "อ่านหรือบันทึกไฟล์ไม่ได้: ดิสก์เต็ม (/media/usb/report.xlsx)"
    assert "the disk is full" in (expected_text(full, "en") or "")
    assert expected_text(_locked(tmp_path)) == "ฐานข้อมูลกำลังถูกใช้งานโดยโปรแกรมอื่น ลองใหม่อีกครั้ง"


def test_bugs_are_bugs_logged_with_their_traceback(
    tmp_path: Path, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    for what, exc in _bugs(tmp_path, store).items():
        caplog.clear()
        assert not is_expected(exc), what
        assert describe(exc, "th", "testing") == GENERIC["th"], what
        assert describe(exc, "en") == GENERIC["en"], what
        [record, _again] = [r for r in caplog.records if r.name == ERRORS_LOGGER]
        assert record.levelno == logging.ERROR and record.exc_info is not None, what
        assert record.exc_info[1] is exc
        assert f"unexpected {type(exc).__name__} while testing" in record.getMessage()


def test_a_quiet_catch_still_records_a_bug_but_not_a_refusal(
    caplog: pytest.LogCaptureFixture,
) -> None:
    record_if_bug(_raised(lambda: Money.parse("12.3.4")), "showing the change")
    assert caplog.records == []
    record_if_bug(_raised(lambda: 1 / 0), "showing the change")
    [record] = caplog.records
    assert record.exc_info is not None and "while showing the change" in record.getMessage()
