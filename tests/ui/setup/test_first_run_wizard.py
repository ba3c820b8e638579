"""From no database at all, through the first-run wizard and the staff screen, to a cashier's
cash sale."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QWizard,
)
from pytestqt.qtbot import QtBot
from setup_helpers import CASHIER_PIN, MANAGER_PIN, RICE_BARCODE, first_product
from till_helpers import _payment_dialog, _scan

from otop_pos.db import journal
from otop_pos.db.selling import sales as sales_db
from otop_pos.domain.staff.permissions import Role
from otop_pos.operations import auth
from otop_pos.operations.startup import check_books, open_session
from otop_pos.ui.app import build_window
from otop_pos.ui.setup.wizard import SetupWizard
from otop_pos.ui.staff.staff_screen import StaffScreen
from otop_pos.ui.texts.i18n import set_language

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _thai_again() -> object:
    yield
    set_language("th")  # the wizard sets the language for the whole process


def _box(wizard: QWizard, field: str) -> QLineEdit:
    found = wizard.findChild(QLineEdit, f"setup_{field}")
    assert found is not None, field
    return found


def _fill(qtbot: QtBot, wizard: QWizard, **values: str) -> None:
    for field, text in values.items():
        box = _box(wizard, field)
        box.setFocus()
        box.selectAll()
        if text.isascii():
            qtbot.keyClicks(box, text)
        else:
            box.insert(text)  # QTest cannot type Thai


def _next(qtbot: QtBot, wizard: QWizard, expect_page: int) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == wizard.page_ids[expect_page]


def _error(wizard: QWizard, field: str) -> str:
    label = wizard.findChild(QLabel, f"setupError_{field}")
    assert label is not None, field
    return label.text() if label.isVisible() else ""


def test_first_run_to_a_cashiers_sale(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "otop" / "centre.sqlite"
    printer = tmp_path / "printer.bin"
    wizard = SetupWizard(db, printer=f"file:{printer}")
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()

    # 1. The centre.
    _fill(qtbot, wizard, centre_name="ศูนย์ OTOP จังหวัดยโสธร", centre_name_en="Yasothon OTOP Centre")
    _next(qtbot, wizard, 1)

    # 2. Address and tax: a mistyped tax ID is refused under its box; the page stays.
    _fill(qtbot, wizard, address="12 ถนนแจ้งสนิท อำเภอเมืองยโสธร จังหวัดยโสธร",
          building_number="12", street="แจ้งสนิท", province_code="35", district_code="3501",
          sub_district_code="350101", postcode="35000", tax_id="0994000165316", pos_id="E35000000001")  # fmt: skip
    wizard.findChild(QCheckBox, "setup_vat_registered").setChecked(True)
    _next(qtbot, wizard, 1)
    assert "หลักตรวจสอบ" in _error(wizard, "tax_id")
    qtbot.waitUntil(_box(wizard, "tax_id").hasFocus)
    _fill(qtbot, wizard, tax_id="0-9940-00165-31-5")
    _next(qtbot, wizard, 2)
    assert _error(wizard, "tax_id") == ""

    # 3. The first manager: the PIN typed twice must match.
    _fill(qtbot, wizard, manager_name="วิไล ผู้จัดการ", manager_pin=MANAGER_PIN,
          manager_pin_again="4862")  # fmt: skip
    _next(qtbot, wizard, 2)
    assert "ไม่ตรงกัน" in _error(wizard, "manager_pin_again")
    _fill(qtbot, wizard, manager_pin_again=MANAGER_PIN)
    _next(qtbot, wizard, 3)

    # 4. The printer came from --printer; 5. Thai stays; 6. the summary says what comes next.
    assert _box(wizard, "printer_uri").text() == f"file:{printer}"
    _next(qtbot, wizard, 4)
    _next(qtbot, wizard, 5)
    summary = wizard.findChild(QLabel, "setupSummary").text()
    assert "ศูนย์ OTOP จังหวัดยโสธร" in summary and MANAGER_PIN not in summary
    assert "import-products" in wizard.findChild(QLabel, "setupNextSteps").text()
    assert not db.exists()  # nothing written before Finish
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QDialog.DialogCode.Accepted and wizard.made
    assert db.exists()

    # The till opens as `otop-pos run` opens it: at the login screen, with the new manager.
    session = open_session(db)
    check_books(session)
    window = build_window(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    users = window.findChild(QListWidget, "userList")
    assert [users.item(i).text() for i in range(users.count())] == ["วิไล ผู้จัดการ  (ผู้จัดการ)"]

    # The manager logs in, adds the first product, then the first cashier on the staff screen.
    [manager] = auth.list_users(session)
    pin = window.findChild(QLineEdit, "pinInput")
    qtbot.waitUntil(pin.hasFocus)
    qtbot.keyClicks(pin, MANAGER_PIN)
    qtbot.keyClick(pin, Qt.Key.Key_Return)
    assert session.user is not None and session.user.id == manager.id
    _close_open_shift_question(qtbot, window)
    first_product(session)
    barcode = window.findChild(QLineEdit, "barcodeInput")
    qtbot.waitUntil(barcode.hasFocus)
    qtbot.keyClick(barcode, Qt.Key.Key_F3)
    menu = _dialog(qtbot, window, "tillMenu")
    qtbot.mouseClick(menu.findChild(QPushButton, "menuManager"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(QPushButton, "openStaff") is not None)
    qtbot.mouseClick(window.findChild(QPushButton, "openStaff"), Qt.MouseButton.LeftButton)
    staff = window.findChild(StaffScreen, "staffScreen")
    qtbot.waitUntil(lambda: staff is not None and staff.isVisible())
    qtbot.mouseClick(staff.findChild(QPushButton, "staffAdd"), Qt.MouseButton.LeftButton)
    form = _dialog(qtbot, staff, "addUser")
    form.findChild(QLineEdit, "addUserName").insert("มาลี แคชเชียร์")  # QTest cannot type Thai
    for name in ("addUserPin", "addUserPinAgain"):
        box = form.findChild(QLineEdit, name)
        box.setFocus()
        qtbot.keyClicks(box, CASHIER_PIN)
    qtbot.mouseClick(form.findChild(QPushButton, "addUserOk"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())
    qtbot.mouseClick(staff.findChild(QPushButton, "staffBack"), Qt.MouseButton.LeftButton)
    window.show_login()  # logs the manager out, lists the cashier

    # The cashier logs in, counts the float, scans two bags of rice and pays cash.
    assert users.currentItem().text().startswith("มาลี")
    pin = window.findChild(QLineEdit, "pinInput")
    qtbot.waitUntil(pin.hasFocus)
    qtbot.keyClicks(pin, CASHIER_PIN)
    qtbot.keyClick(pin, Qt.Key.Key_Return)
    assert session.user is not None and session.user.role is Role.CASHIER
    opening = _dialog(qtbot, window, "openShiftDialog")
    box = opening.findChild(QLineEdit, "count_100000")
    box.setFocus()
    qtbot.keyClicks(box, "1")
    qtbot.mouseClick(opening.findChild(QPushButton, "openShiftOk"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not opening.isVisible())
    barcode = window.findChild(QLineEdit, "barcodeInput")
    qtbot.waitUntil(barcode.hasFocus)
    _scan(qtbot, barcode, f"2*{RICE_BARCODE}")
    assert window.findChild(QLabel, "totalLabel").text() == "240.00"
    qtbot.keyClick(barcode, Qt.Key.Key_F12)
    dialog = _payment_dialog(qtbot, window)
    tendered = dialog.findChild(QLineEdit, "tenderedInput")
    qtbot.waitUntil(tendered.hasFocus)
    qtbot.keyClicks(tendered, "500")
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    receipt_no = sales_db.last_receipt_no(session.store, "T01")
    assert receipt_no is not None and receipt_no.startswith("E35000000001-")
    sale = sales_db.get_by_receipt(session.store, receipt_no)
    assert sale is not None
    assert (sale["total_satang"], sale["change_satang"]) == (24000, 26000)
    assert journal.verify(session.store).ok
    qtbot.waitUntil(lambda: printer.exists() and b"\x1dv0" in printer.read_bytes())


def _close_open_shift_question(qtbot: QtBot, window: object) -> None:
    """A manager setting up needs no float yet: the open-shift dialog, if it comes, is closed."""
    qtbot.wait(50)
    for d in window.findChildren(QDialog, "openShiftDialog"):  # type: ignore[attr-defined]
        if d.isVisible():
            d.reject()


def _dialog(qtbot: QtBot, parent: QWizard | object, name: str) -> QDialog:
    def visible() -> bool:
        return any(d.isVisible() for d in parent.findChildren(QDialog, name))  # type: ignore[attr-defined]

    qtbot.waitUntil(visible)
    return next(d for d in parent.findChildren(QDialog, name) if d.isVisible())  # type: ignore[attr-defined]


def test_cancelling_the_wizard_makes_no_file(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "centre.sqlite"
    wizard = SetupWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    _fill(qtbot, wizard, centre_name="ศูนย์ OTOP บ้านนา")
    _next(qtbot, wizard, 1)
    wizard.reject()
    assert not wizard.made and not db.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_english_from_the_language_page_on(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = SetupWizard(tmp_path / "c.sqlite")
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    _fill(qtbot, wizard, centre_name="ศูนย์ OTOP บ้านนา")
    _next(qtbot, wizard, 1)
    _next(qtbot, wizard, 2)
    _fill(qtbot, wizard, manager_name="สมชาย", manager_pin="4826", manager_pin_again="4826")
    _next(qtbot, wizard, 3)
    _next(qtbot, wizard, 4)
    wizard.findChild(QRadioButton, "setup_lang_en").setChecked(True)
    _next(qtbot, wizard, 5)
    assert wizard.button(QWizard.WizardButton.FinishButton).text().startswith("Create")
    assert "import-products" in wizard.findChild(QLabel, "setupNextSteps").text()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    session = open_session(tmp_path / "c.sqlite")
    assert session.settings.lang == "en"
    session.store.close()


def test_a_file_made_meanwhile_is_said_on_the_last_page_and_kept(
    qtbot: QtBot, tmp_path: Path
) -> None:
    db = tmp_path / "centre.sqlite"
    wizard = SetupWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    _fill(qtbot, wizard, centre_name="ศูนย์ OTOP บ้านนา")
    _next(qtbot, wizard, 1)
    _next(qtbot, wizard, 2)
    _fill(qtbot, wizard, manager_name="สมชาย", manager_pin="4826", manager_pin_again="4826")
    for page in (3, 4, 5):
        _next(qtbot, wizard, page)
    db.write_bytes(b"another till's file")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == wizard.page_ids[5] and not wizard.made
    assert "อยู่แล้ว" in wizard.findChild(QLabel, "setupMessage").text()
    assert db.read_bytes() == b"another till's file"


def test_a_refusal_at_finish_goes_back_to_its_box(qtbot: QtBot, tmp_path: Path) -> None:
    """A field refused only when the whole form is checked is shown on its own page."""
    db = tmp_path / "centre.sqlite"
    wizard = SetupWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    _fill(qtbot, wizard, centre_name="ศูนย์ OTOP บ้านนา")
    _next(qtbot, wizard, 1)
    _next(qtbot, wizard, 2)
    _fill(qtbot, wizard, manager_name="สมชาย", manager_pin="4826", manager_pin_again="4826")
    for page in (3, 4, 5):
        _next(qtbot, wizard, page)
    _box(wizard, "terminal_id").setText("")  # as if a later check refused page 1's box
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.page_ids[0])
    assert "รหัสเครื่อง" in _error(wizard, "terminal_id")
    assert not db.exists() and not wizard.made
