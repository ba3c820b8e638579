"""Report files are named by the Bangkok date and time, never the stored UTC one."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from shift_helpers import TEA, sell

from otop_pos.domain.thai.thaidate import file_stamp
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import day_close, day_documents

LATE_UTC = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)  # 06:30 on 7 December in Bangkok


def test_file_stamp_is_the_bangkok_day() -> None:
    assert file_stamp(LATE_UTC) == "2026-12-07-0630"
    assert file_stamp(datetime(2026, 12, 6, 16, 59, tzinfo=UTC)) == "2026-12-06-2359"


def test_an_x_report_at_2330_utc_is_named_for_the_next_bangkok_day(
    manager: Session, tmp_path: Path
) -> None:
    sell(manager, TEA, now=LATE_UTC)
    report = day_close.x_report(manager, now=LATE_UTC)
    saved = day_documents.report_pdf(manager, report, tmp_path / "reports")
    assert saved.path.name == "X-2026-12-07-0630.pdf"
    assert saved.path.read_bytes().startswith(b"%PDF")


def test_a_day_report_file_too(manager: Session, tmp_path: Path) -> None:
    report = day_close.day_report(manager, date(2026, 12, 7), now=LATE_UTC)
    saved = day_documents.report_pdf(manager, report, tmp_path)
    assert saved.path.name == "DAY-2026-12-07-0630.pdf"
