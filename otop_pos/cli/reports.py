"""`otop-pos report x|z|day`: the day's figures for scripts and the office.

`z` closes the business day exactly as the manager screen does (and is
refused the same way: an open shift, or nothing new since the last Z).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any


def add_parser(sub: Any, add_db: Any, default_db: Path) -> None:
    rp = sub.add_parser("report", help="X report, Z (close the day) or a day's report")
    rp.add_argument("kind", choices=("x", "z", "day"))
    rp.add_argument("--date", help="YYYY-MM-DD (Bangkok) for 'day'; default today")
    rp.add_argument("--json", action="store_true", help="print the figures as JSON")
    rp.add_argument("--pdf", type=Path, help="also write the report as an A4 PDF here")
    rp.add_argument("--print", dest="to_printer", action="store_true", help="print it too")
    rp.add_argument("--user", type=int)
    rp.add_argument("--pin", help="manager PIN (asked for when omitted)")
    add_db(rp, default_db)


def _as_json(report: Any) -> dict[str, Any]:
    return {
        "kind": report.kind,
        "z_no": report.z_no,
        "period_start": report.period_start,
        "period_end": report.period_end,
        "figures": report.figures.as_dict(),
        "shifts": [
            {
                "label": s.label,
                "expected_cash": s.expected_cash.satang,
                "counted_cash": s.counted_cash.satang,
                "difference": s.difference.satang,
            }
            for s in report.shifts
        ],
        "grand_total_before": None
        if report.grand_total_before is None
        else report.grand_total_before.satang,
        "grand_total_after": None
        if report.grand_total_after is None
        else report.grand_total_after.satang,
        "amounts_in": "satang",
    }


def _width(text: str) -> int:
    """Columns a terminal gives the text: Thai marks above and below (Mn) take none."""
    import unicodedata

    return sum(1 for ch in text if unicodedata.category(ch) != "Mn")


def _as_text(doc: Any, columns: int = 48) -> str:
    from otop_pos.printing.engine import document as d

    lines: list[str] = []
    for b in doc.blocks:
        if isinstance(b, d.Text):
            lines.append(b.text)
        elif isinstance(b, d.Row):
            gap = max(1, columns - _width(b.left) - _width(b.right))
            lines.append(f"{b.left}{' ' * gap}{b.right}")
        elif isinstance(b, d.ItemLine):
            gap = max(1, columns - _width(b.name) - _width(b.amount_text))
            lines.append(f"{b.name}{' ' * gap}{b.amount_text}")
        elif isinstance(b, d.Rule):
            lines.append(b.char * columns)
    return "\n".join(lines)


def cmd_report(args: argparse.Namespace, manager_session: Any) -> int:
    from otop_pos.domain.thai.thaidate import bangkok_date, utc_now
    from otop_pos.operations.errors import describe
    from otop_pos.operations.shifts import day_close, day_documents

    try:
        day = date.fromisoformat(args.date) if args.date else bangkok_date(utc_now())
    except ValueError:
        print(f"วันที่ไม่ถูกต้อง ใช้รูปแบบ YYYY-MM-DD: {args.date}", file=sys.stderr)
        return 2
    try:
        session = manager_session(args)
        if args.kind == "x":
            report = day_close.x_report(session)
        elif args.kind == "z":
            report = day_close.close_day(session)
        else:
            report = day_close.day_report(session, day)
        if args.json:
            print(json.dumps(_as_json(report), ensure_ascii=False, indent=2))
        else:
            from otop_pos.printing.documents.day_report import build_day_report

            print(_as_text(build_day_report(day_documents.report_data(session, report))))
        if args.pdf:
            saved = day_documents.report_pdf(session, report, args.pdf.parent)
            if saved.path != args.pdf:
                saved.path.replace(args.pdf)
            print(f"PDF: {args.pdf}", file=sys.stderr)
        if args.to_printer:
            result = day_documents.print_report(session, report)
            if not result.ok:
                print(f"พิมพ์ไม่สำเร็จ: {result.message}", file=sys.stderr)
                return 1
    except Exception as exc:
        print(describe(exc, "th"), file=sys.stderr)
        return 1
    return 0


def cmd_tenders(args: argparse.Namespace, manager_session: Any) -> int:
    from datetime import date

    from otop_pos.domain.money import sum_money
    from otop_pos.domain.selling.tenders import tender_name
    from otop_pos.domain.staff.permissions import PermissionDenied
    from otop_pos.domain.thai.thaidate import bangkok_date, utc_now
    from otop_pos.operations.errors import OperationError, describe
    from otop_pos.operations.shifts.tender_totals import tender_totals

    try:
        day = date.fromisoformat(args.date) if args.date else bangkok_date(utc_now())
    except ValueError:
        print(f"วันที่ไม่ถูกต้อง ใช้รูปแบบ YYYY-MM-DD: {args.date}", file=sys.stderr)
        return 2
    try:  # a report like every other: a login with the permission to read it
        session = manager_session(args)
        totals = tender_totals(session, day)
    except (OperationError, PermissionDenied) as exc:
        print(describe(exc, "th"), file=sys.stderr)
        return 1
    # Net is what the X/Z report lists per tender; the drawer also holds the float and cash moves.
    print(f"{day.isoformat()} เครื่อง {session.terminal_id}")
    heads = (("รายการ", 7), ("รับจากการขาย", 16), ("คืนเงิน", 14), ("สุทธิ", 14))
    print("ประเภท" + " " * 16 + "".join(" " * (n - _width(h)) + h for h, n in heads))
    for t in totals:
        name = tender_name(t.tender)
        line = f"{name}{' ' * max(1, 22 - _width(name))}{t.count:>7}{t.amount.format():>16}"
        line += f"{(-t.refunded).format():>14}{t.net.format():>14}"
        if t.tender == "copay":
            line += f"  (ลูกค้า {t.customer_share.format()} / รัฐ {t.government_share.format()}"
            line += f", เกินวงเงิน {t.over_cap})" if t.over_cap else ")"
        print(line)
    taken, refunded = sum_money(t.amount for t in totals), sum_money(t.refunded for t in totals)
    print(f"{'รวม':<29}{taken.format():>16}{(-refunded).format():>14}"
          f"{(taken - refunded).format():>14}")  # fmt: skip
    print("สุทธิ = ยอดตามประเภทการชำระเงินในรายงาน X/Z ของเครื่องนี้ที่ครอบคลุมวันเดียวกัน")
    print("เงินสดสุทธิไม่ใช่เงินในลิ้นชัก: ไม่รวมเงินทอนตั้งต้น เงินนำเข้าและนำออก (ดูยอดที่ควรมีในใบปิดกะ)")
    return 0
