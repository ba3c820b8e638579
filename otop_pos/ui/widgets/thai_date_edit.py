"""A date box showing the Buddhist-era year, as Thai forms do."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QDateEdit,
)

from otop_pos.domain.thai.thaidate import BE_OFFSET
from otop_pos.ui.texts.i18n import language

_DATE_RE = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*")


class ThaiDateEdit(QDateEdit):
    """A date box showing the Buddhist-era year (15/03/2569), as Thai forms do."""

    def __init__(self, name: str, label: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setAccessibleName(label)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.setMinimumWidth(150)

    def _parse(self, text: str) -> QDate | None:
        m = _DATE_RE.fullmatch(text)
        if not m:
            return None
        year = int(m[3]) - (BE_OFFSET if language() != "en" else 0)
        d = QDate(year, int(m[2]), int(m[1]))
        return d if d.isValid() else None

    def textFromDateTime(self, dt: QDateTime) -> str:
        d = dt.date()
        year = d.year() + (BE_OFFSET if language() != "en" else 0)
        return f"{d.day():02d}/{d.month():02d}/{year}"

    def dateTimeFromText(self, text: str) -> QDateTime:
        d = self._parse(text)
        return QDateTime(d, self.time()) if d is not None else self.dateTime()

    def validate(self, text: str, pos: int) -> object:
        ok = self._parse(text) is not None
        state = QValidator.State.Acceptable if ok else QValidator.State.Intermediate
        return state, text, pos

    def day(self) -> date:
        return self.date().toPython()  # type: ignore[no-any-return]

    def set_day(self, day: date) -> None:
        self.setDate(QDate(day.year, day.month, day.day))
