"""Sales report and audit log files, written for real and read back."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from otop_pos.domain.money import Money
from otop_pos.domain.shifts.day_figures import Breakdown, Figures
from otop_pos.operations.approvals import AuditEntry
from otop_pos.operations.reports import exports as report_export
from otop_pos.printing.engine import files


def _b(key: str, label: str, count: int, satang: int) -> Breakdown:
    return Breakdown(key, label, count, Money(satang))


FIGURES = Figures(
    sales_count=3,
    first_receipt="POS01-69030001",
    last_receipt="POS01-69030003",
    gross=Money(180000),
    discounts=Money(4350),
    net=Money(175650),
    vat=Money(11491),
    tenders=(_b("cash", "เงินสด", 2, 158550), _b("promptpay", "พร้อมเพย์", 1, 17100)),
    categories=(_b("textile", "ผ้าและเครื่องแต่งกาย", 1, 150000), _b("drink", "เครื่องดื่ม", 3, 25650)),
    producers=(_b("P01", "=SUM(A1)", 1, 150000), _b("P02", "+ชาใบหม่อน", 3, 25650)),
    cashiers=(_b("2", "สมศรี", 3, 175650),),
    hours=(_b("10", "10:00", 1, 150000), _b("11", "11:00", 2, 25650)),
)
DAYS = (_b("2026-03-01", "2026-03-01", 1, 150000), _b("2026-03-02", "2026-03-02", 2, 25650))
PERIOD = (date(2026, 3, 1), date(2026, 3, 31))


def _sections(path: Path) -> dict[str, list[list[str]]]:
    """CSV sections: a title row, then rows until a blank line."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    sections: dict[str, list[list[str]]] = {}
    current: list[list[str]] | None = None
    for row in rows:
        if not row:
            current = None
        elif current is None:
            current = sections.setdefault(row[0], [])
        else:
            current.append(row)
    return sections


def test_csv_has_a_bom_thai_headers_and_plain_numbers(tmp_path: Path) -> None:
    path = report_export.export_csv(FIGURES, DAYS, tmp_path / "r.csv", period=PERIOD)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads Thai only with the BOM
    sections = _sections(path)
    assert list(sections) == ["สรุป", "รายวัน", "รายชั่วโมง", "ตามวิธีชำระเงิน",
                              "ตามหมวดสินค้า", "ตามผู้ผลิต", "ตามพนักงาน"]  # fmt: skip
    summary = dict(sections["สรุป"][1:])
    assert sections["สรุป"][0] == ["รายการ", "ค่า"]
    assert summary["ยอดขายสุทธิ (บาท)"] == "1756.50"
    assert summary["ส่วนลด (บาท)"] == "43.50"
    assert summary["จำนวนบิลขาย"] == "3"
    assert summary["ตั้งแต่วันที่"] == "01/03/2569"
    assert sections["รายวัน"][0] == ["รายการ", "รหัส", "จำนวน", "ยอดขายสุทธิ (บาท)"]
    assert sections["รายวัน"][1] == ["01/03/2569", "2026-03-01", "1", "1500.00"]
    assert sections["ตามวิธีชำระเงิน"][1:] == [
        ["เงินสด", "cash", "2", "1585.50"],
        ["พร้อมเพย์", "promptpay", "1", "171.00"],
    ]
    tender_sum = sum(Decimal(r[3]) for r in sections["ตามวิธีชำระเงิน"][1:])
    assert tender_sum == Decimal("1756.50")


def test_csv_writes_formula_like_text_as_text(tmp_path: Path) -> None:
    sections = _sections(report_export.export_csv(FIGURES, DAYS, tmp_path / "r.csv"))
    producers = [r[0] for r in sections["ตามผู้ผลิต"][1:]]
    assert producers == ["'=SUM(A1)", "'+ชาใบหม่อน"]


def test_xlsx_has_a_sheet_per_section_with_numeric_amounts(tmp_path: Path) -> None:
    path = report_export.export_xlsx(FIGURES, DAYS, tmp_path / "r.xlsx", period=PERIOD)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["สรุป", "รายวัน", "รายชั่วโมง", "ตามวิธีชำระเงิน",
                             "ตามหมวดสินค้า", "ตามผู้ผลิต", "ตามพนักงาน"]  # fmt: skip
    summary = {r[0]: r[1] for r in wb["สรุป"].iter_rows(min_row=2, values_only=True)}
    assert summary["ยอดขายสุทธิ (บาท)"] == pytest.approx(1756.50)
    assert isinstance(summary["ยอดขายสุทธิ (บาท)"], float | int)
    assert summary["จำนวนบิลขาย"] == 3
    hours = wb["รายชั่วโมง"]
    assert [c.value for c in hours[1]] == ["รายการ", "รหัส", "จำนวน", "ยอดขายสุทธิ (บาท)"]
    amount = hours["D2"]
    assert amount.data_type == "n" and amount.value == 1500
    assert amount.number_format == "#,##0.00"
    producers = wb["ตามผู้ผลิต"]
    assert producers["A2"].value == "=SUM(A1)" and producers["A2"].data_type == "s"
    assert producers["A3"].value == "+ชาใบหม่อน" and producers["A3"].data_type == "s"


def test_english_headers_on_request(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(
        report_export.export_xlsx(FIGURES, DAYS, tmp_path / "r.xlsx", lang="en")
    )
    assert wb.sheetnames[:2] == ["Summary", "By day"]
    assert wb["By day"]["A2"].value == "2026-03-01"


def test_audit_files(tmp_path: Path) -> None:
    entries = [
        AuditEntry("01/03/2569 10:15", "ยกเลิกบิลขาย", "สมศรี", "ประเสริฐ", "-reason=@cmd", 7),
        AuditEntry("01/03/2569 11:00", "เปิดลิ้นชักโดยไม่มีการขาย", "สมศรี", "ประเสริฐ", "", 9),
    ]
    rows = list(csv.reader(
        report_export.export_audit_csv(entries, tmp_path / "a.csv").open(encoding="utf-8-sig")
    ))  # fmt: skip
    assert rows[0] == ["บันทึกการอนุมัติ"]
    assert rows[1][:4] == ["วันเวลา", "รายการ", "ผู้ขอ", "ผู้อนุมัติ"]
    assert rows[2] == ["01/03/2569 10:15", "ยกเลิกบิลขาย", "สมศรี", "ประเสริฐ", "'-reason=@cmd", "7"]
    ws = openpyxl.load_workbook(
        report_export.export_audit_xlsx(entries, tmp_path / "a.xlsx")
    ).active
    assert ws["E2"].value == "-reason=@cmd" and ws["E2"].data_type == "s"
    assert ws["F3"].value == 9
    assert ws.max_row == 3


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_failed_write_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    def disk_full(*_a: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", disk_full)  # the shared atomic writer
    export = report_export.export_xlsx if kind == "xlsx" else report_export.export_csv
    with pytest.raises(OSError):
        export(FIGURES, DAYS, tmp_path / f"r.{kind}")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_older_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.csv"
    target.write_text("last month's report", encoding="utf-8")
    calls = 0
    real = report_export._csv_cell

    def fails_midway(value: object) -> object:
        nonlocal calls
        calls += 1
        if calls > 20:
            raise OSError(5, "I/O error")
        return real(value)

    monkeypatch.setattr(report_export, "_csv_cell", fails_midway)
    with pytest.raises(OSError):
        report_export.export_csv(FIGURES, DAYS, target)
    assert target.read_text(encoding="utf-8") == "last month's report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.csv"]
