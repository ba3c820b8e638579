"""`otop-pos settlement`: producers' statements for scripts and the provincial office.

Like every report it needs a manager's login (--user, --pin). It writes
nothing but a wrong PIN's count: the figures are the ones settling now would
freeze, but nothing is settled or locked.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

HEAD = ("รหัส", "ผู้ผลิต", "รับเข้า", "ขาย", "คืน", "งวดก่อน", "คงเหลือ", "ยอดขายสุทธิ",
        "ค่าคอมฯ", "ยอดงวดนี้", "ค้างจ่ายรวม")  # fmt: skip


def add_parser(sub: Any, add_db: Any, default_db: Path) -> None:
    sp = sub.add_parser("settlement", help="producers' consignment figures (nothing is settled)")
    sp.add_argument("--producer", action="append", metavar="CODE", help="only this producer")
    sp.add_argument("--from", dest="start", help="YYYY-MM-DD; default the 1st of --to's month")
    sp.add_argument("--to", dest="end", help="YYYY-MM-DD (Bangkok); default today")
    sp.add_argument("--json", action="store_true", help="full statements as JSON (satang)")
    add_db(sp, default_db)
    sp.add_argument("--user", type=int, help="manager user id (default: the first manager)")
    sp.add_argument("--pin", help="manager PIN (asked for when omitted)")


def _row(st: Any) -> list[str]:
    t = st.total()
    return [st.producer_code, st.producer_name, str(t.received), str(t.sold), str(t.refunded),
            str(t.earlier), str(t.on_hand), str(st.net_sales), str(st.commission),
            str(st.payable), str(st.closing_balance)]  # fmt: skip


def cmd_settlement(args: argparse.Namespace, manager_session: Any) -> int:
    from otop_pos.domain.thai.thaidate import bangkok_date, utc_now
    from otop_pos.operations.consignment import statements
    from otop_pos.operations.errors import describe

    try:
        end = date.fromisoformat(args.end) if args.end else bangkok_date(utc_now())
        start = date.fromisoformat(args.start) if args.start else end.replace(day=1)
    except ValueError as exc:
        print(f"วันที่ไม่ถูกต้อง ใช้รูปแบบ YYYY-MM-DD ({exc})", file=sys.stderr)
        return 2
    try:
        statements.check_period(start, end, bangkok_date(utc_now()))
        session = manager_session(args)  # a report: a login with the permission to read it
        producers, found = statements.producer_statements(session, args.producer, start, end)
    except Exception as exc:
        print(describe(exc, "th"), file=sys.stderr)
        return 1
    rows = [found[int(p["id"])] for p in producers]
    if args.json:
        out = {"period_from": start.isoformat(), "period_to": end.isoformat(),
               "amounts_in": "satang", "statements": [st.as_dict() for st in rows]}  # fmt: skip
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print("\t".join(HEAD))
    for st in rows:
        print("\t".join(_row(st)))
    return 0
