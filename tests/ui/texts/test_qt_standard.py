"""Qt's own buttons and file dialogs speak Thai in the Thai UI, English in the English one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
)
from pytestqt.qtbot import QtBot
from till_helpers import _open

from otop_pos.db.store import Store
from otop_pos.ui.texts import qt_standard
from otop_pos.ui.texts.i18n import language, set_language

pytestmark = pytest.mark.gui
Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The application with the translator on, as ``build_window`` leaves it."""
    before = language()
    qt_standard.install(qapp)
    yield qapp
    set_language(before)


def question(qtbot: QtBot) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Question, "OTOP POS", "?", Yes | No)
    qtbot.addWidget(box)
    box.open()
    qtbot.waitExposed(box)
    return box


def test_a_question_says_yes_and_no_in_thai(qtbot: QtBot, app: QApplication) -> None:
    set_language("th")
    box = question(qtbot)
    assert box.button(Yes).text() == "ใช่"
    assert box.button(No).text() == "ไม่ใช่"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
    qtbot.addWidget(buttons)
    assert [b.text() for b in buttons.buttons()] == ["ตกลง", "ยกเลิก"]


def test_and_in_english_in_the_english_ui(qtbot: QtBot, app: QApplication) -> None:
    set_language("en")
    box = question(qtbot)
    assert box.button(Yes).text().replace("&", "") == "Yes"
    assert box.button(No).text().replace("&", "") == "No"


def test_installing_twice_keeps_one_translator(app: QApplication) -> None:
    assert qt_standard.install(app) is qt_standard.install(app)
    assert app.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)


def test_a_save_dialog_is_qt_own_and_thai(
    qtbot: QtBot, app: QApplication, tmp_path: object
) -> None:
    set_language("th")
    dialog = QFileDialog(None, "บันทึก PDF", str(tmp_path), "PDF (*.pdf)")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"ดูใน:", "ชื่อไฟล์:", "ชนิดไฟล์:"} <= labels, labels
    buttons = {b.text() for b in dialog.findChildren(QPushButton)}
    assert {"บันทึก", "ยกเลิก"} <= buttons, buttons
    assert dialog.findChild(QLineEdit, "fileNameEdit") is not None  # Qt's widget, not the OS's
    dialog.reject()


def test_key_names_are_never_translated(app: QApplication) -> None:
    set_language("th")
    assert qt_standard.QtThai().translate("QShortcut", "Enter") is None
    assert qt_standard.QtThai().translate("QFileDialog", "Alt+Left") is None


def test_the_till_window_puts_the_translator_on(qtbot: QtBot, store: Store) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for earlier in app.findChildren(qt_standard.QtThai):  # from another test: taken off first
        app.removeTranslator(earlier)
        earlier.setParent(None)
    window = _open(qtbot, store)  # build_window, as `otop-pos run` does
    assert language() == "th"
    assert isinstance(app.findChild(qt_standard.QtThai), qt_standard.QtThai)
    assert app.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    box = QMessageBox(QMessageBox.Icon.Question, "OTOP POS", "?", Yes | No, window)
    assert box.button(Yes).text() == "ใช่"
