"""X report, Z close and Z reprint buttons for the manager screen.

Each button runs one operation, prints the report on the receipt printer and
writes its A4 PDF; a Z asks first, because a closed day cannot be reopened.
When the till's books do not check out (found at start-up or before a Z),
the bar says so with the first broken entry, and a manager's acknowledgement
(their PIN, or a manager logged in) lets the Z go on.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QPushButton, QWidget

from otop_pos.domain.staff.permissions import Permission
from otop_pos.operations import books
from otop_pos.operations.approvals import Approval
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import day_close, day_documents
from otop_pos.operations.shifts.day_close import DayReport
from otop_pos.ui.staff.approval_dialog import request_approval
from otop_pos.ui.texts.i18n import language
from otop_pos.ui.widgets.forms import ask_yes_no, refusal_text
from otop_pos.ui.widgets.worker import ReportWorker

_TEXT = {
    "x": ("รายงาน X", "X report"),
    "z": ("ปิดยอด Z", "Close day (Z)"),
    "reprint": ("พิมพ์ Z ซ้ำ", "Reprint Z"),
    "confirm": (
        "ปิดยอดประจำวัน (Z) ตอนนี้หรือไม่?\nเมื่อปิดแล้วรายการเหล่านี้จะอยู่ใน Z นี้ตลอดไป",
        "Close the day (Z) now?\nEverything since the last Z goes into this Z for good.",
    ),
    "z_yes": ("ปิดยอด Z", "Close the day"),
    "z_no": ("ยังไม่ปิด", "Not yet"),
    "which": ("พิมพ์ Z เลขที่", "Reprint Z number"),
    "acknowledge": ("ผู้จัดการรับทราบ", "Manager acknowledges"),
    "books": (
        "ข้อมูลไม่ตรงกับบันทึกรายการ: {problem}\nปิดยอด Z ได้เมื่อผู้จัดการตรวจสอบและรับทราบแล้ว",
        "The books do not check out: {problem}\nThe Z can close once a manager has"
        " looked into it and acknowledged it.",
    ),
    "full": ("ตรวจบัญชีทั้งหมด", "Check all the books"),
    "full_running": (
        "กำลังตรวจทุกรายการบันทึกและทุกตาราง ขายต่อได้ตามปกติ",
        "Checking every journal entry and every table; selling goes on.",
    ),
    "full_ok": (
        "ตรวจแล้ว {n:,} รายการ ทุกตารางตรงกับบันทึกรายการ",
        "{n:,} entries checked: every table follows from the journal.",
    ),
    "acknowledged": (
        "รับทราบแล้ว บันทึกไว้ในประวัติการอนุมัติ กดปิดยอด Z ได้",
        "Acknowledged and logged in the audit log; the Z can close now.",
    ),
    "done": ("{kind} พิมพ์แล้ว และบันทึก PDF ที่ {path}", "{kind} printed; PDF saved as {path}"),
    "not_printed": (
        "{kind} พิมพ์ไม่สำเร็จ ({why}) บันทึก PDF ที่ {path}",
        "{kind} not printed ({why}); PDF saved as {path}",
    ),
}


def _t(key: str, **values: object) -> str:
    th, en = _TEXT[key]
    return (en if language() == "en" else th).format(**values)


class DayCloseBar(QWidget):
    """Emits ``report_done`` with the report after it is printed and saved."""

    report_done = Signal(object)
    day_closed = Signal()  # a Z committed: the window backs the file up on its worker

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dayCloseBar")
        self.session = session
        self.last: DayReport | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for key, name, slot in (
            ("x", "xReportButton", self.x_report),
            ("z", "zCloseButton", self.ask_close_day),
            ("reprint", "zReprintButton", self.ask_reprint),
        ):
            b = QPushButton(_t(key))
            b.setObjectName(name)
            b.setAccessibleName(_t(key))
            b.clicked.connect(slot)
            row.addWidget(b)
        self.full = QPushButton(_t("full"))
        self.full.setObjectName("booksFullCheckButton")
        self.full.setAccessibleName(_t("full"))
        self.full.clicked.connect(self.check_in_full)
        row.addWidget(self.full)
        self._worker: ReportWorker | None = None
        self.acknowledge = QPushButton(_t("acknowledge"))
        self.acknowledge.setObjectName("booksAcknowledgeButton")
        self.acknowledge.setAccessibleName(_t("acknowledge"))
        self.acknowledge.clicked.connect(self.ask_acknowledge)
        self.acknowledge.hide()
        row.addWidget(self.acknowledge)
        self.message = QLabel("")
        self.message.setObjectName("dayCloseMessage")
        self.message.setWordWrap(True)
        row.addWidget(self.message, 1)  # the rest of the row: a books problem can be long
        self.show_books_problem()

    def show_books_problem(self) -> None:
        """The problem the till found in its books that no manager has acknowledged yet."""
        try:
            found = books.open_problem(self.session)
        except OperationError:
            return  # nobody who may read it is logged in; the Z says it anyway
        if found is not None:
            self._books(found)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.show_books_problem()  # the screen is kept: what start-up found may be newer

    def _books(self, found: books.BooksProblem) -> None:
        problem = found.english if language() == "en" else found.thai
        self._say(_t("books", problem=problem), True)
        self.acknowledge.show()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #a40e26; font-weight: bold;" if error else "")
        self.message.setText(text)

    def _output(self, report: DayReport) -> None:
        """Print, then save the PDF; a printer failure still leaves the PDF."""
        kind = f"Z {report.z_no:04d}" if report.z_no else report.kind
        saved = day_documents.report_pdf(self.session, report)
        printed = day_documents.print_report(self.session, report)
        if printed.ok:
            self._say(_t("done", kind=kind, path=saved.path.name))
        else:
            self._say(_t("not_printed", kind=kind, why=printed.message, path=saved.path.name), True)
        self.last = report
        self.report_done.emit(report)

    def _run(self, action: object) -> None:
        try:
            report = action()  # type: ignore[operator]
            self._output(report)
        except books.BooksRefused as exc:
            self._books(exc.problem)
        except Exception as exc:
            self._say(refusal_text(exc), True)

    def check_in_full(self) -> None:
        """Every entry and every table against a replay, off the screen's thread."""
        try:
            self.session.require(Permission.VIEW_REPORTS)
        except Exception as exc:
            self._say(refusal_text(exc), True)
            return
        path = self.session.store.path
        worker = ReportWorker(lambda _progress, _cancelled: books.check_file_in_full(path),
                              language())  # fmt: skip
        worker.finished.connect(self._full_checked)
        worker.failed.connect(lambda text: self._full_failed(text))
        self._worker = worker
        self.full.setEnabled(False)
        self._say(_t("full_running"))
        worker.start()

    def _full_checked(self, done: books.FullCheck) -> None:
        self.full.setEnabled(True)
        try:
            found = books.keep_full_check(self.session, done)
        except Exception as exc:
            self._say(refusal_text(exc), True)
            return
        if found is None:
            self.acknowledge.hide()
            self._say(_t("full_ok", n=done.checked))
        else:
            self._books(found)

    def _full_failed(self, text: str) -> None:
        self.full.setEnabled(True)
        self._say(text, True)

    def ask_acknowledge(self) -> None:
        request_approval(self, self.session, Permission.CLOSE_DAY, self.acknowledged)

    def acknowledged(self, approval: Approval | None) -> None:
        try:
            books.acknowledge(self.session, approval)
        except Exception as exc:
            self._say(refusal_text(exc), True)
            return
        self.acknowledge.hide()
        self._say(_t("acknowledged"))

    def x_report(self) -> None:
        self._run(lambda: day_close.x_report(self.session))

    def ask_close_day(self) -> None:
        box = ask_yes_no(self, "zConfirm", _t("z"), _t("confirm"), _t("z_yes"), _t("z_no"))
        box.accepted.connect(self.close_day)
        box.open()

    def close_day(self) -> None:
        closed: list[DayReport] = []

        def close() -> DayReport:
            closed.append(day_close.close_day(self.session, backup=False))
            return closed[0]

        self._run(close)
        if closed:  # even when its printing failed: the Z itself is committed
            self.day_closed.emit()

    def ask_reprint(self) -> None:
        try:
            numbers = day_close.z_numbers(self.session)
        except Exception as exc:
            self._say(refusal_text(exc), True)
            return
        if not numbers:
            self._run(lambda: day_close.stored_z(self.session, 0))  # says there is none
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("zReprintDialog")
        dialog.setInputMode(QInputDialog.InputMode.IntInput)
        dialog.setIntRange(1, numbers[0])
        dialog.setIntValue(numbers[0])
        dialog.setLabelText(_t("which"))
        dialog.intValueSelected.connect(self.reprint)
        dialog.open()

    def reprint(self, z_no: int) -> None:
        self._run(lambda: day_close.stored_z(self.session, z_no))
