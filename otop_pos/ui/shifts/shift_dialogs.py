"""Opening a shift, cash in or out during it, and closing it with a count.

Each dialog calls one shifts operation and shows its refusal beside the box
it names. The close dialog shows what each tender should hold as the count
is typed, unless the centre counts blind: then the cashier sees no expected
amounts at all, and the manager checks the difference afterwards.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.money import Money
from otop_pos.domain.selling.tenders import TenderKind, tender_name
from otop_pos.domain.shifts.cash_count import CashCount
from otop_pos.domain.shifts.drawer import CASH, TenderResult, over_short, reconcile
from otop_pos.operations.errors import OperationError, user_message
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import shifts
from otop_pos.operations.shifts.shifts import ShiftClose, ShiftState
from otop_pos.ui.shifts.cash_count_grid import CountWidget
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.texts.touch import touch_text
from otop_pos.ui.widgets.forms import (
    BOX_HEIGHT,
    ERROR_TEXT,
    action_row,
    amount_box,
    ask_yes_no,
    big_button,
    finish_button,
    focus_box,
    mark_box,
    message_label,
    say,
    show_refusal,
    title_label,
)
from otop_pos.ui.widgets.keypad import Keypad

QUICK_REASONS = ("reason_coins", "reason_delivery", "reason_bank", "reason_float")


def _refused(
    exc: OperationError, message: QLabel, count: CountWidget, boxes: dict[str, QWidget]
) -> None:
    """A count box's refusal goes in that box's row; any other under the form."""
    field = getattr(exc, "field", "")
    if field.startswith("count_"):
        say(message, "")
        count.mark_error(field, user_message(exc, language()))
    else:
        show_refusal(exc, message, boxes)


def difference_text(diff: Money) -> tuple[str, str]:
    """'ขาด 100.00' in red, 'เกิน 20.00' in blue, or 'ตรง' in green."""
    if diff.is_negative:
        return tr("shift_short", amount=abs(diff).format()), "color: #a40e26; font-weight: bold;"
    if diff:
        return tr("shift_over", amount=diff.format()), "color: #0b3d91; font-weight: bold;"
    return tr("shift_even"), "color: #1a7f37; font-weight: bold;"


class OpenShiftDialog(QDialog):
    """Count the float; Enter on the last box, Ctrl+Enter or OK opens the shift (0 baht: asked)."""

    opened = Signal(int)  # the new shift's id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openShiftDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(tr("shift_open_title"))
        self.session = session
        self.shift_id: int | None = None
        self.zero_question: QMessageBox | None = None  # asked before a float of 0 baht
        self.count = CountWidget()
        self.count.submitted.connect(self.confirm)
        self.message = message_label("openShiftMessage")
        actions, self.ok, _ = action_row(self, tr("shift_open_ok"), "openShiftOk", self.confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(tr("shift_open_title")))
        hint = QLabel(tr("count_hint"))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        counting = QHBoxLayout()
        counting.addWidget(self.count, 1)
        self.keypad = Keypad(name="openShiftKeypad")  # types into the box the count is at
        counting.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(counting)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.confirm)
        # no fixed minimum width: the layout keeps the grid and the keypad side by side, even
        # where Qt would cap a new dialog at two thirds of a 1024-pixel screen
        self.count.start()

    def confirm(self) -> None:
        """Open with the counted float; a float of nothing is asked about first."""
        try:
            count = shifts.parse_count(self.count.boxes())
        except OperationError as exc:
            _refused(exc, self.message, self.count, {})
            return
        if count.total:
            self._open(count)
            return
        box = ask_yes_no(self, "zeroFloatQuestion", touch_text("zero_float_title"),
                         touch_text("zero_float_question"), touch_text("zero_float_yes"),
                         touch_text("zero_float_no"), QMessageBox.Icon.Warning)  # fmt: skip
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self._open(count))
        box.rejected.connect(self.count.start)
        self.zero_question = box
        box.open()

    def _open(self, count: CashCount) -> None:
        try:
            self.shift_id = shifts.open_shift(self.session, count)
        except OperationError as exc:
            _refused(exc, self.message, self.count, {})
            return
        self.opened.emit(self.shift_id)
        self.accept()


class CashMoveDialog(QDialog):
    """Cash into the drawer (change from the bank) or out of it (a delivery paid)."""

    moved = Signal(int)  # the journal seq

    def __init__(self, session: Session, direction: str = "in", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cashMoveDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(tr("cash_move_title"))
        self.session = session
        self.seq: int | None = None
        modes = QHBoxLayout()
        self.modes = QButtonGroup(self)
        for name, key in (("cashMoveIn", "cash_move_in"), ("cashMoveOut", "cash_move_out")):
            b = big_button(tr(key), name, lambda: focus_box(self.amount))
            b.setCheckable(True)
            b.setStyleSheet("QPushButton:checked { background: #0b3d91; color: white; }")
            self.modes.addButton(b)
            modes.addWidget(b)
        self.modes.buttons()[0 if direction == "in" else 1].setChecked(True)
        self.amount = QLineEdit()
        self.amount.setObjectName("cashMoveAmount")
        self.amount.setAccessibleName(tr("cash_move_amount"))
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount.setStyleSheet("font-size: 26px;")
        self.amount.returnPressed.connect(self._after_amount)
        self.reason = QLineEdit()
        self.reason.setObjectName("cashMoveReason")
        self.reason.setAccessibleName(tr("cash_move_reason"))
        self.reason.returnPressed.connect(self.confirm)
        quick = QHBoxLayout()
        for i, key in enumerate(QUICK_REASONS):
            b = big_button(tr(key), f"cashMoveQuick{i}", lambda k=key: self._pick(tr(k)))
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            quick.addWidget(b)
        form = QFormLayout()
        form.addRow(tr("cash_move_amount"), self.amount)
        form.addRow(tr("cash_move_reason"), self.reason)
        form.addRow("", quick)
        self.message = message_label("cashMoveMessage")
        actions, self.ok, _ = action_row(self, tr("cash_move_ok"), "cashMoveOk", self.confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(tr("cash_move_title")))
        layout.addLayout(modes)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        self.setMinimumWidth(620)
        self.amount.setFocus()

    def direction(self) -> str:
        return "in" if self.modes.buttons()[0].isChecked() else "out"

    def _after_amount(self) -> None:
        (self.confirm if self.reason.text().strip() else lambda: focus_box(self.reason))()

    def _pick(self, reason: str) -> None:
        self.reason.setText(reason)
        mark_box(self.reason, False)
        focus_box(self.amount if not self.amount.text().strip() else self.reason)

    def confirm(self) -> None:
        for box in (self.amount, self.reason):
            mark_box(box, False)
        try:
            amount = shifts.parse_amount(self.amount.text(), "amount")
            seq = shifts.cash_move(self.session, self.direction(), amount, self.reason.text())
        except OperationError as exc:
            show_refusal(exc, self.message, {"amount": self.amount, "reason": self.reason})
            return
        self.seq = seq
        self.moved.emit(seq)
        self.accept()


class CloseShiftDialog(QDialog):
    """Count the drawer and the other tenders, explain a difference, close the shift."""

    closed = Signal(object)  # ShiftClose

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closeShiftDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(tr("shift_close_title"))
        self.session = session
        self.result: ShiftClose | None = None
        self.message = message_label("closeShiftMessage")
        self.state: ShiftState | None = None
        try:
            self.state = shifts.current_state(session)
        except OperationError as exc:
            say(self.message, user_message(exc, language()), error=True)
        state = self.state
        self.expected = None if state is None else state.expected
        if state is None and not self.message.text():
            say(self.message, tr("shift_none_open"), error=True)
        others = [k.value for k in TenderKind if k.value != CASH]
        if self.expected is not None:
            others = [k for k, _ in sorted(self.expected.items()) if k != CASH]

        self.count = CountWidget()
        self.count.total_changed.connect(self._refresh)
        self.count.submitted.connect(lambda: self._next(None))
        self.tender_boxes: dict[str, QLineEdit] = {}
        for kind in others:
            box = amount_box(f"tender_{kind}", tender_name(kind, language()))
            box.textChanged.connect(self._refresh)
            box.returnPressed.connect(lambda k=kind: self._next(k))
            self.tender_boxes[kind] = box
        self.note = QLineEdit()
        self.note.setObjectName("closeShiftNote")
        self.note.setMinimumHeight(BOX_HEIGHT)
        self.note.setAccessibleName(tr("shift_note"))
        self.note.setPlaceholderText(tr("shift_note_hint"))
        self.note.returnPressed.connect(self.confirm)
        self.note.textChanged.connect(lambda: mark_box(self.note, False))

        left = QVBoxLayout()
        left.addWidget(title_label(tr("shift_cash_count")))
        left.addWidget(self.count)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(title_label(tr("shift_close_title")))
        if state is not None:
            info = QLabel(tr("shift_info", name=state.opened_by, float=state.float_amount.format(),
                             cash_in=state.cash_in.format(), cash_out=state.cash_out.format()))  # fmt: skip
            info.setObjectName("closeShiftInfo")
            info.setWordWrap(True)
            right.addWidget(info)
        right.addLayout(self._table([CASH, *others]))
        self.blind = QLabel(tr("shift_blind"))
        self.blind.setObjectName("closeShiftBlind")
        self.blind.setWordWrap(True)
        self.blind.setStyleSheet("background: #fff4d6; padding: 8px; border-radius: 6px;")
        self.blind.setVisible(state is not None and self.expected is None)
        right.addWidget(self.blind)
        self.total = QLabel("")
        self.total.setObjectName("closeShiftDiff")
        self.total.setStyleSheet("font-size: 22px;")
        self.total.setVisible(self.expected is not None)
        right.addWidget(self.total)
        right.addWidget(QLabel(tr("shift_note")))
        right.addWidget(self.note)
        right.addWidget(self.message)
        self.result_label = message_label("closeShiftResult")
        right.addWidget(self.result_label)
        right.addStretch(1)
        self.keypad = Keypad(name="closeShiftKeypad")  # the count, the tenders, the note
        right.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignRight)
        actions, self.ok, self.cancel = action_row(
            self, tr("shift_close_ok"), "closeShiftOk", self.confirm
        )
        self.ok.setEnabled(state is not None)
        right.addLayout(actions)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addSpacing(24)
        layout.addLayout(right, 1)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.confirm)
        self._refresh()
        self.count.start()

    def _table(self, kinds: list[str]) -> QGridLayout:
        """Tender | counted | expected | over/short; the last two only when not blind."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        heads = ("shift_col_tender", "shift_col_counted", "shift_col_expected", "shift_col_diff")
        show = 4 if self.expected is not None else 2
        for col, key in enumerate(heads[:show]):
            head = QLabel(tr(key))
            head.setStyleSheet("font-weight: bold; color: #57606a;")
            if col in (1, 2):
                head.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(head, 0, col)
        self.cells: dict[str, tuple[QLabel, QLabel]] = {}
        self.cash_counted = QLabel("0.00")
        self.cash_counted.setObjectName("closeShiftCashCounted")
        self.cash_counted.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for row, kind in enumerate(kinds, start=1):
            grid.addWidget(QLabel(tender_name(kind, language())), row, 0)
            grid.addWidget(self.tender_boxes.get(kind, self.cash_counted), row, 1)
            expected, diff = QLabel(""), QLabel("")
            expected.setObjectName(f"expected_{kind}")
            diff.setObjectName(f"difference_{kind}")
            expected.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            diff.setWordWrap(True)
            diff.setMinimumWidth(150)
            if show == 4:
                grid.addWidget(expected, row, 2)
                grid.addWidget(diff, row, 3)
            else:  # blind: the row only says when a typed amount is wrong
                grid.addWidget(diff, row, 2)
            self.cells[kind] = (expected, diff)
        grid.setColumnStretch(3 if show == 4 else 2, 1)
        return grid

    def _counted(self) -> tuple[dict[str, Money], bool]:
        """What has been typed so far, and whether all of it reads; a wrong box says why."""
        counted: dict[str, Money] = {}
        ok = True
        try:
            counted[CASH] = shifts.parse_count(self.count.boxes()).total
        except OperationError:  # the count grid shows why in that box's row
            ok = False
        for kind, box in self.tender_boxes.items():
            try:
                counted.update(shifts.parse_counted({kind: box.text()}))
                mark_box(box, False)
            except OperationError as exc:
                ok = False
                mark_box(box, True)
                self.cells[kind][1].setText(user_message(exc, language()))
                self.cells[kind][1].setStyleSheet(ERROR_TEXT)
        return counted, ok

    def _refresh(self, *_: object) -> None:
        if self.result is not None:
            return
        for _expected, diff in self.cells.values():
            diff.setText("")
            diff.setStyleSheet("")
        counted, ok = self._counted()
        self.cash_counted.setText(counted[CASH].format() if CASH in counted else "—")
        if self.expected is None:
            self.total.setText("")
            return
        if not ok:
            self.total.setText(tr("shift_total_diff", diff="—"))
            return
        self._show(reconcile(self.expected, counted))

    def _show(self, results: list[TenderResult]) -> None:
        for r in results:
            if r.tender not in self.cells:
                continue
            expected, diff = self.cells[r.tender]
            expected.setText(r.expected.format())
            text, style = difference_text(r.difference)
            diff.setText(text)
            diff.setStyleSheet(style)
        text, style = difference_text(over_short(results))
        self.total.setText(tr("shift_total_diff", diff=text))
        self.total.setStyleSheet(style + " font-size: 22px;")

    def _next(self, kind: str | None) -> None:
        """Enter walks count -> each tender box -> note."""
        kinds = list(self.tender_boxes)
        i = 0 if kind is None else kinds.index(kind) + 1
        focus_box(self.tender_boxes[kinds[i]] if i < len(kinds) else self.note)

    def confirm(self) -> None:
        if self.result is not None:
            self.accept()
            return
        try:
            count = shifts.parse_count(self.count.boxes())
            other = shifts.parse_counted({k: b.text() for k, b in self.tender_boxes.items()})
            result = shifts.close_shift(self.session, count, other, self.note.text())
        except OperationError as exc:
            boxes = {"note": self.note, **{f"tender_{k}": b for k, b in self.tender_boxes.items()}}
            _refused(exc, self.message, self.count, boxes)
            return
        self.result = result
        self.closed.emit(result)
        self._done(result)

    def _done(self, result: ShiftClose) -> None:
        """The count is recorded: say so, with over/short per tender unless counted blind."""
        self.count.set_enabled_boxes(False)
        for box in (*self.tender_boxes.values(), self.note):
            box.setReadOnly(True)
        say(self.message, "")
        if self.expected is None:
            say(self.result_label, tr("shift_closed_blind"))
        else:
            self._show(list(result.results))
            lines = [tr("shift_closed")]
            for r in result.results:
                text, _ = difference_text(r.difference)
                lines.append(f"{tender_name(r.tender, language())}: {text}")
            say(self.result_label, "\n".join(lines), error=bool(result.over_short.is_negative))
        finish_button(self.ok, self.cancel)
