"""The producer register tab and its dialogs, driven like a manager on a real database."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MANAGER_PIN, make_centre
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from otop_pos.db.store import Store
from otop_pos.operations import auth
from otop_pos.operations.catalogue import producers
from otop_pos.operations.consignment import producer_view
from otop_pos.operations.session import Session
from otop_pos.ui.back_office.producer_form import ProducerForm
from otop_pos.ui.back_office.producers_tab import ProducersTab

pytestmark = pytest.mark.gui


@pytest.fixture
def session(store: Store) -> Session:
    s = make_centre(store)
    auth.login(s, 1, MANAGER_PIN)
    return s


@pytest.fixture
def tab(qtbot: QtBot, session: Session) -> ProducersTab:
    widget = ProducersTab(session)
    widget.resize(1280, 700)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def journal_rows(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM journal"))


def child(parent: QWidget, cls: type, name: str):  # type: ignore[no-untyped-def]
    found = parent.findChild(cls, name)
    assert found is not None, name
    return found


def fill(form: QWidget, **values: str) -> None:
    """Type into the form's boxes (setText: QTest cannot type Thai)."""
    for key, value in values.items():
        child(form, QLineEdit, f"producer_{key}").setText(value)


def press_save(qtbot: QtBot, form: QDialog) -> None:
    qtbot.mouseClick(child(form, QPushButton, "producerFormOk"), Qt.MouseButton.LeftButton)


def table_codes(tab: ProducersTab) -> list[str]:
    return [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())]


def test_the_table_lists_every_producer_in_thai(tab: ProducersTab) -> None:
    assert table_codes(tab) == ["P01", "P02"]
    row = [tab.proxy.index(0, c).data() for c in range(tab.proxy.columnCount())]
    assert row[:5] == ["P01", "กลุ่มทอผ้าไหมบ้านหนองบัว", "วิสาหกิจชุมชน/กลุ่ม",
                       "กันทรลักษ์ / ศรีสะเกษ", "20"]  # fmt: skip
    assert row[-1] == "ใช้งาน"
    tab.search.setText("ชาใบ")
    assert table_codes(tab) == ["P02"]
    assert child(tab, QLabel, "producerCount").text() == "ผู้ผลิต 1 จาก 2 ราย"


def test_add_a_producer_through_the_form(qtbot: QtBot, tab: ProducersTab, store: Store) -> None:
    qtbot.mouseClick(child(tab, QPushButton, "producerAdd"), Qt.MouseButton.LeftButton)
    form = tab.form
    assert isinstance(form, ProducerForm)
    qtbot.waitExposed(form)
    fill(form, code="P03", name="กลุ่มจักสานบ้านโพธิ์", district="อุทุมพรพิสัย",
         province="ศรีสะเกษ", commission_percent="12.5", reg_no="OTOP-33-0099",
         tax_id="0994000158378", bank_name="ธ.ก.ส.", bank_account="020-1-23456-7",
         account_name="กลุ่มจักสานบ้านโพธิ์", promptpay_id="0812345678")  # fmt: skip
    types = child(form, QComboBox, "producer_type")
    types.setCurrentIndex(types.findData("single_owner"))
    child(form, QCheckBox, "producer_vat_registered").setChecked(True)
    press_save(qtbot, form)
    qtbot.waitUntil(lambda: not form.isVisible())
    stored = producers.producer_detail(tab.session, "P03")
    assert stored["name"] == "กลุ่มจักสานบ้านโพธิ์"
    assert stored["type"] == "single_owner" and stored["commission_percent"] == "12.5"
    assert stored["vat_registered"] == "1" and stored["bank_account"] == "020-1-23456-7"
    assert stored["district"] == "อุทุมพรพิสัย" and stored["active"] == "1"
    assert tab.selected_code() == "P03"
    assert "P03" in child(tab, QLabel, "producerMessage").text()


def test_a_taken_code_is_refused_at_the_code_box(
    qtbot: QtBot, tab: ProducersTab, store: Store
) -> None:
    before = journal_rows(store)
    form = tab.add_producer()
    qtbot.waitExposed(form)
    fill(form, code="P01", name="ชื่อใหม่", commission_percent="10")
    press_save(qtbot, form)
    error = child(form, QLabel, "producer_code_error")
    assert "P01" in error.text() and error.isVisible()
    assert form.isVisible() and journal_rows(store) == before
    assert producers.producer_detail(tab.session, "P01")["name"] == "กลุ่มทอผ้าไหมบ้านหนองบัว"


def test_edit_a_producer_by_double_click(qtbot: QtBot, tab: ProducersTab) -> None:
    index = tab.index_of("P02")
    rect = tab.table.visualRect(index)
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    form = tab.form
    assert isinstance(form, ProducerForm) and not form.is_new
    qtbot.waitExposed(form)
    code_box = child(form, QLineEdit, "producer_code")
    assert code_box.text() == "P02" and code_box.isReadOnly()
    assert child(form, QLineEdit, "producer_commission_percent").text() == "15"
    fill(form, name="วิสาหกิจชุมชนชาใบหม่อนขุขันธ์", promptpay_id="0899999999")
    press_save(qtbot, form)
    qtbot.waitUntil(lambda: not form.isVisible())
    stored = producers.producer_detail(tab.session, "P02")
    assert stored["name"] == "วิสาหกิจชุมชนชาใบหม่อนขุขันธ์"
    assert stored["commission_percent"] == "15" and stored["promptpay_id"]
    assert tab.proxy.index(tab.index_of("P02").row(), 1).data() == stored["name"]


@pytest.mark.parametrize("typed", ["150", "abc"])
def test_a_bad_commission_is_refused_at_its_box(
    qtbot: QtBot, tab: ProducersTab, store: Store, typed: str
) -> None:
    tab.select_code("P01")
    before = journal_rows(store)
    form = tab.edit_selected()
    assert form is not None
    qtbot.waitExposed(form)
    fill(form, name="ชื่อที่ไม่ควรถูกบันทึก", commission_percent=typed)
    press_save(qtbot, form)
    box = child(form, QLineEdit, "producer_commission_percent")
    error = child(form, QLabel, "producer_commission_percent_error")
    assert error.isVisible() and "ค่าคอมมิชชั่นต้องอยู่ระหว่าง 0 ถึง 100%" in error.text()
    assert box.text() == typed and form.focusWidget() is box
    assert form.isVisible()
    assert journal_rows(store) == before
    stored = producers.producer_detail(tab.session, "P01")
    assert stored["commission_percent"] == "20" and stored["name"] == "กลุ่มทอผ้าไหมบ้านหนองบัว"
    # a new producer with the same mistake is not created either
    new = tab.add_producer()
    fill(new, code="P09", name="กลุ่มใหม่", commission_percent=typed)
    press_save(qtbot, new)
    assert child(new, QLabel, "producer_commission_percent_error").text()
    assert journal_rows(store) == before and "P09" not in table_codes(tab)


def test_set_a_producer_pin(qtbot: QtBot, tab: ProducersTab, store: Store) -> None:
    tab.select_code("P02")
    qtbot.mouseClick(child(tab, QPushButton, "producerPin"), Qt.MouseButton.LeftButton)
    dialog = tab.pin_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    first = child(dialog, QLineEdit, "producerPin_pin")
    second = child(dialog, QLineEdit, "producerPin_pin_again")
    assert first.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(first, "2468")
    qtbot.keyClick(first, Qt.Key.Key_Return)
    assert dialog.focusWidget() is second
    assert not child(dialog, QLabel, "producerPin_pin_again_error").text()
    qtbot.keyClicks(second, "2469")
    qtbot.keyClick(second, Qt.Key.Key_Return)
    assert "ไม่ตรงกัน" in child(dialog, QLabel, "producerPin_pin_again_error").text()
    assert dialog.isVisible()
    second.setText("2468")
    qtbot.keyClick(second, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert producer_view.producer_login(store, "P02", "2468").code == "P02"
    assert tab.proxy.index(tab.index_of("P02").row(), 8).data() == "มีแล้ว"


def test_a_too_short_pin_is_refused_at_the_first_box(qtbot: QtBot, tab: ProducersTab) -> None:
    tab.select_code("P01")
    dialog = tab.set_pin_selected()
    assert dialog is not None
    for name in ("producerPin_pin", "producerPin_pin_again"):
        child(dialog, QLineEdit, name).setText("12")
    qtbot.mouseClick(child(dialog, QPushButton, "producerPinOk"), Qt.MouseButton.LeftButton)
    assert child(dialog, QLabel, "producerPin_pin_error").text()
    assert dialog.isVisible()


def test_deactivate_reactivate_and_open_the_producer_view(qtbot: QtBot, tab: ProducersTab) -> None:
    tab.select_code("P01")
    tab.toggle_active()
    assert tab.selected() is not None and not tab.selected().active  # type: ignore[union-attr]
    assert producers.producer_detail(tab.session, "P01")["active"] == "0"
    tab.toggle_active()
    assert producers.producer_detail(tab.session, "P01")["active"] == "1"
    with qtbot.waitSignal(tab.producer_view_requested) as got:
        qtbot.mouseClick(child(tab, QPushButton, "producerOpenView"), Qt.MouseButton.LeftButton)
    assert got.args == ["P01"]


def test_nothing_selected_says_so(tab: ProducersTab) -> None:
    tab.table.clearSelection()
    assert tab.edit_selected() is None
    assert child(tab, QLabel, "producerMessage").text() == "เลือกผู้ผลิตในตารางก่อน"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_producers(tab: ProducersTab, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"producers{suffix}"
    before = [[tab.proxy.index(r, c).data() for c in range(10)] for r in range(2)]
    assert tab.export_to(path) == 2
    report = tab.import_from(path)
    assert report is not None and report.updated == 2 and report.created == 0
    assert [[tab.proxy.index(r, c).data() for c in range(10)] for r in range(2)] == before


def test_a_bad_producer_file_names_its_rows(tab: ProducersTab, tmp_path: Path, qtbot) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "code,name,commission_percent\nP05,กลุ่มดี,10\nP06,กลุ่มผิด,150\nP07,,10\n",
        encoding="utf-8",
    )
    assert tab.import_from(path) is None
    text = child(tab, QLabel, "producerMessage").text()
    assert "แถวที่มีปัญหา: 3, 4" in text
    assert table_codes(tab) == ["P01", "P02"]
    tab.message.clear()
    with qtbot.waitSignal(tab.start_import(path).finished, timeout=20_000):
        pass  # the same refusal from the worker thread
    assert child(tab, QLabel, "producerMessage").text() == text
    assert table_codes(tab) == ["P01", "P02"]
