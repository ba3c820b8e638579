"""The first-run wizard: where no centre's file exists yet, `otop-pos run` opens this.

Each page is checked as it is left; Finish makes the centre with
`operations/setup/centre.create_centre`, and a refusal then (a file that
appeared meanwhile, a folder that cannot be written) is said on the last
page, or on the page of the box it names. Once the centre is made the till
opens at its login screen (`ui/app.py`).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QWizard

from otop_pos.operations.errors import FieldError
from otop_pos.operations.setup.centre import create_centre
from otop_pos.ui.setup.boxes import SetupBoxes
from otop_pos.ui.setup.pages import (
    CentrePage,
    FormPage,
    LanguagePage,
    ManagerPage,
    PrinterPage,
    SummaryPage,
    TaxPage,
)
from otop_pos.ui.texts.i18n import set_language
from otop_pos.ui.texts.setup import setup_text
from otop_pos.ui.widgets.forms import refusal_text, say

_BUTTONS = {
    QWizard.WizardButton.NextButton: "su_next",
    QWizard.WizardButton.BackButton: "su_back",
    QWizard.WizardButton.FinishButton: "su_finish",
    QWizard.WizardButton.CancelButton: "su_cancel",
}


class SetupWizard(QWizard):
    """A new centre at `db` (which does not exist yet), page by page."""

    def __init__(self, db: Path, *, lang: str = "th", printer: str | None = None) -> None:
        super().__init__()
        set_language(lang)
        self.setObjectName("setupWizard")
        self.db = Path(db)
        self.made = False
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.boxes = SetupBoxes()
        self.summary = SummaryPage(self.boxes, self.db, self._create)
        self.pages: list[FormPage] = [
            CentrePage(self.boxes, self.db),
            TaxPage(self.boxes),
            ManagerPage(self.boxes),
            PrinterPage(self.boxes, self.db, printer),
            LanguagePage(self.boxes, lang, self.retranslate),
            self.summary,
        ]
        self.page_ids = [self.addPage(page) for page in self.pages]
        self.setMinimumSize(760, 560)
        self.resize(960, 700)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(setup_text("su_title"))
        for button, key in _BUTTONS.items():
            self.setButtonText(button, setup_text(key))

    def page_of(self, field: str) -> int | None:
        for page_id, page in zip(self.page_ids, self.pages, strict=True):
            if field in page.fields:
                return page_id
        return None

    def _create(self) -> bool:
        try:
            create_centre(self.db, self.boxes.form())
        except FieldError as exc:
            target = self.page_of(exc.field)
            if target is None:
                say(
                    self.summary.message,
                    setup_text("su_not_made", why=refusal_text(exc)),
                    error=True,
                )
                return False
            QTimer.singleShot(0, partial(self._back_to, target, exc))
            return False
        except Exception as exc:  # a disk, a file made meanwhile; a bug is logged, said plainly
            say(self.summary.message, setup_text("su_not_made", why=refusal_text(exc)), error=True)
            return False
        self.made = True
        return True

    def _back_to(self, page_id: int, exc: FieldError) -> None:
        while self.currentId() != page_id and self.currentId() != self.page_ids[0]:
            self.back()
        self.boxes.show(exc)


def run_wizard(db: Path, *, lang: str | None = None, printer: str | None = None) -> bool:
    """Show the wizard until it is finished or cancelled; True when the centre was made."""
    wizard = SetupWizard(db, lang=lang or "th", printer=printer)
    finished = wizard.exec() == QDialog.DialogCode.Accepted
    return finished and wizard.made
