"""The wizard's pages: centre, address and tax, first manager, printer, language, summary.

Each page names the fields it holds; leaving it checks them with the
operation's own `check_fields`, so a page is refused with the same words
`otop-pos init` uses, under the box they are about.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from otop_pos.operations.errors import FieldError
from otop_pos.operations.setup.centre import check_fields
from otop_pos.ui.setup.boxes import SetupBoxes
from otop_pos.ui.texts.i18n import set_language
from otop_pos.ui.texts.setup import setup_text
from otop_pos.ui.widgets.forms import message_label, title_label


def paragraph(text: str) -> str:
    """Lines of Thai as rich text with room between them: Sarabun's marks above a line
    otherwise touch the line over it."""
    return f"<p style='line-height: 135%'>{escape(text).replace(chr(10), '<br>')}</p>"


SHOWN_CHARS = 70  # a summary row is not wrapped (see below): a long address is cut, not the window


def _short(value: str) -> str:
    return value if len(value) <= SHOWN_CHARS else value[: SHOWN_CHARS - 1] + "…"


class FormPage(QWizardPage):
    """A title, a line of help, labelled rows; `fields` are checked on Next."""

    fields: tuple[str, ...] = ()

    def __init__(self, boxes: SetupBoxes, title: str, intro: str) -> None:
        super().__init__()
        self.boxes = boxes
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(title))
        help_line = QLabel(paragraph(intro))
        help_line.setWordWrap(True)
        layout.addWidget(help_line)
        self.rows = QFormLayout()
        self.rows.setVerticalSpacing(6)
        layout.addLayout(self.rows)
        layout.addStretch(1)

    def validatePage(self) -> bool:
        self.boxes.clear(self.fields)
        try:
            check_fields(self.boxes.form(), self.fields)
        except FieldError as exc:
            self.boxes.show(exc)
            return False
        return True


class CentrePage(FormPage):
    fields = ("centre_name", "centre_name_en", "terminal_id")

    def __init__(self, boxes: SetupBoxes, db: Path) -> None:
        super().__init__(
            boxes, setup_text("su_centre_title"), setup_text("su_centre_intro", path=db)
        )
        b = boxes
        b.row(self.rows, setup_text("su_centre_name"), b.line("centre_name", "ศูนย์ OTOP จังหวัด..."))
        b.row(
            self.rows, setup_text("su_centre_name_en"), b.line("centre_name_en", "... OTOP Centre")
        )
        terminal = b.line("terminal_id", setup_text("su_terminal_hint"))
        terminal.setText("T01")
        b.row(self.rows, setup_text("su_terminal_id"), terminal)


class TaxPage(FormPage):
    fields = (
        "address", "building_number", "street", "province_code", "district_code",
        "sub_district_code", "postcode", "tax_id", "branch", "vat_registered", "pos_id",
    )  # fmt: skip

    def __init__(self, boxes: SetupBoxes) -> None:
        super().__init__(boxes, setup_text("su_tax_title"), setup_text("su_tax_intro"))
        b, rows = boxes, self.rows
        b.row(rows, setup_text("su_address"), b.line("address"))
        b.row(rows, setup_text("su_building_street"), b.line("building_number", setup_text("su_building_number")),
              b.line("street", setup_text("su_street")))  # fmt: skip
        codes = [b.line(n, setup_text(f"su_{n}")) for n in self.fields[3:7]]
        b.row(rows, setup_text("su_codes"), *codes)  # one error line under the four
        b.row(rows, setup_text("su_tax_id"), b.line("tax_id", "0-0000-00000-00-0"))
        b.row(rows, setup_text("su_branch"), b.line("branch", setup_text("su_branch_hint")))
        b.row(rows, "", b.check("vat_registered", setup_text("su_vat")))
        pos_id = b.line("pos_id", "E00000000001")
        pos_id.setText("POS01")
        b.row(rows, setup_text("su_pos_id"), pos_id)


class ManagerPage(FormPage):
    fields = ("manager_name", "manager_pin", "manager_pin_again")

    def __init__(self, boxes: SetupBoxes) -> None:
        super().__init__(boxes, setup_text("su_manager_title"), setup_text("su_manager_intro"))
        b = boxes
        b.row(self.rows, setup_text("su_manager_name"), b.line("manager_name"))
        b.row(self.rows, setup_text("su_manager_pin"), b.line("manager_pin", password=True))
        b.row(
            self.rows,
            setup_text("su_manager_pin_again"),
            b.line("manager_pin_again", password=True),
        )


def _templates(db: Path) -> dict[str, str]:
    serial = "COM1" if sys.platform == "win32" else "/dev/ttyUSB0"
    return {
        "preview": "preview",
        "usb": "usb:04b8:0202",
        "serial": f"serial:{serial}",
        "tcp": "tcp:192.168.1.100:9100",
        "file": f"file:{db.parent / 'receipts.bin'}",
    }


class PrinterPage(FormPage):
    fields = ("printer_uri",)

    def __init__(self, boxes: SetupBoxes, db: Path, printer: str | None) -> None:
        super().__init__(boxes, setup_text("su_printer_title"), setup_text("su_printer_intro"))
        self.templates = _templates(db)
        self.kind = QComboBox()
        self.kind.setObjectName("setup_printer_kind")
        for kind in self.templates:
            self.kind.addItem(setup_text(f"su_printer_{kind}"), kind)
        uri = boxes.line(
            "printer_uri", "preview | file:PATH | usb:VID:PID | serial:DEV | tcp:HOST:PORT"
        )
        uri.setText(printer or "preview")
        scheme = uri.text().partition(":")[0]
        self.kind.setCurrentIndex(max(self.kind.findData(scheme), 0))
        self.kind.activated.connect(self._chosen)
        boxes.row(self.rows, setup_text("su_printer_kind"), self.kind)
        boxes.row(self.rows, setup_text("su_printer_uri"), uri)

    def _chosen(self, index: int) -> None:
        box = self.boxes.boxes["printer_uri"]
        box.setText(self.templates[str(self.kind.itemData(index))])
        box.setFocus()
        box.selectAll()


class LanguagePage(FormPage):
    fields = ("lang",)

    def __init__(self, boxes: SetupBoxes, lang: str, changed: Callable[[], None]) -> None:
        super().__init__(boxes, setup_text("su_lang_title"), setup_text("su_lang_intro"))
        self.changed = changed
        self.group = QButtonGroup(self)
        for code in ("th", "en"):
            button = QRadioButton(setup_text(f"su_lang_{code}"))
            button.setObjectName(f"setup_lang_{code}")
            button.setChecked(code == lang)
            button.setStyleSheet("font-size: 20px; padding: 6px;")
            self.group.addButton(button)
            self.rows.addRow(button)
            button.toggled.connect(lambda on, c=code: on and self._pick(c))
        boxes.values["lang"] = lang

    def _pick(self, code: str) -> None:
        self.boxes.values["lang"] = code
        set_language(code)  # the summary, the buttons and the till from here on
        self.changed()


class SummaryPage(FormPage):
    """Everything once more (the PIN hidden), what comes next, and where a refusal is said."""

    def __init__(self, boxes: SetupBoxes, db: Path, create: Callable[[], bool]) -> None:
        super().__init__(boxes, setup_text("su_summary_title"), setup_text("su_summary_intro"))
        self.db = db
        self.create = create
        self.summary = QLabel("")
        self.summary.setObjectName("setupSummary")
        self.summary.setWordWrap(False)  # a table: Qt's height for a wrapped one cuts its last row
        self.rows.addRow(self.summary)
        self.next_steps = QLabel("")
        self.next_steps.setObjectName("setupNextSteps")
        self.next_steps.setWordWrap(True)
        self.next_steps.setStyleSheet("background: #e6f4ea; padding: 8px; border-radius: 6px;")
        self.rows.addRow(self.next_steps)
        self.message = message_label("setupMessage")
        self.rows.addRow(self.message)

    def initializePage(self) -> None:
        f = self.boxes.form()
        yes, no = setup_text("su_yes"), setup_text("su_no")
        lines = [
            (setup_text("su_summary_file"), str(self.db)),
            (setup_text("su_centre_name"), f.centre_name),
            (setup_text("su_centre_name_en"), f.centre_name_en),
            (setup_text("su_address"), f.address),
            (setup_text("su_codes"), " / ".join(
                c for c in (f.province_code, f.district_code, f.sub_district_code, f.postcode) if c
            )),
            (setup_text("su_tax_id"), f.tax_id),
            (setup_text("su_branch"), f.branch or setup_text("su_head_office")),
            (setup_text("su_vat"), yes if f.vat_registered else no),
            (setup_text("su_pos_id"), f.pos_id),
            (setup_text("su_terminal_id"), f.terminal_id),
            (setup_text("su_manager_name"), f"{f.manager_name}  (PIN {'•' * len(f.manager_pin)})"),
            (setup_text("su_printer_uri"), f.printer_uri),
            (setup_text("su_lang_title").split(" ", 1)[-1], setup_text(f"su_lang_{f.lang}")),
        ]  # fmt: skip
        rows = "".join(
            f"<tr><td style='padding: 2px 12px 2px 0'>{escape(label)}</td>"
            f"<td style='padding: 2px 0'><b>{escape(_short(value))}</b></td></tr>"
            for label, value in lines
            if value
        )
        self.summary.setText(f"<table>{rows}</table>")
        self.next_steps.setText(paragraph(setup_text("su_next_steps")))
        self.message.setText("")

    def validatePage(self) -> bool:
        """Finish: the centre is made here, or the refusal is said."""
        return self.create()
