"""`otop-pos sync enrol|status|now`: this till and the provincial server, from the command line.

The same operations as the window's (operations/sync/); nothing printed
here ever holds the secret, a signature or the enrolment code.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from otop_pos.cli.common import open_db


def add_parser(sub: Any, add_db: Any, default_db: Path) -> None:
    sp = sub.add_parser("sync", help="this till and the provincial server: enrol, status, send")
    ssub = sp.add_subparsers(dest="sync_command", required=True)
    en = ssub.add_parser("enrol", help="enrol this till with a one-time code from the province")
    en.add_argument("url", help="the server, e.g. https://otop.example.go.th")
    en.add_argument("code", help="the one-time code, e.g. 7K3M-Q9PX-2HDW")
    add_db(en, default_db)
    en.add_argument("--user", type=int, help="manager user id (default: the first manager)")
    en.add_argument("--pin", help="manager PIN (asked for when omitted)")
    st = ssub.add_parser("status", help="what waits to be sent, the last acknowledgement, errors")
    add_db(st, default_db)
    st.add_argument("--json", action="store_true", help="as JSON")
    now = ssub.add_parser("now", help="send what waits now (exit 1 when stopped or no answer)")
    add_db(now, default_db)


def _when(iso: str | None) -> str:
    from otop_pos.domain.thai.thaidate import format_numeric, from_iso

    return format_numeric(from_iso(iso)) if iso else "-"


def _print_status(status: Any) -> None:
    state_th = {"not_enrolled": "ยังไม่ได้ลงทะเบียน", "idle": "ส่งครบแล้ว/รอรายการใหม่",
                "sending": "กำลังส่ง", "waiting": "รอส่งใหม่", "stopped": "หยุดส่ง"}  # fmt: skip
    print(f"สถานะ (state): {state_th.get(status.state, status.state)} ({status.state})")
    if status.enrolled:
        print(f"เซิร์ฟเวอร์ (server): {status.server_url}  เครื่อง (terminal): {status.terminal_id}")
    print(f"รอส่ง (unsent): {status.unsent} รายการ")
    print(f"รายการเก่าสุดที่รอส่ง (oldest unsent): {_when(status.oldest_unsent_at)}")
    print(f"ยืนยันล่าสุด (last acknowledged): {_when(status.last_ack_at)}, seq {status.acked_seq}")
    cp = status.checkpoint
    if cp:
        print(f"ใบยืนยัน (checkpoint): seq {cp['seq']} {cp['hash'][:12]} {_when(cp['at'])}")
    if status.error_code or status.state == "not_enrolled":
        print(f"ข้อความ (message): {status.message_th} [{status.error_code or status.state}]")


def cmd_sync(args: argparse.Namespace, manager_session: Any = None) -> int:
    from otop_pos.operations.errors import describe
    from otop_pos.operations.sync import enrol, running
    from otop_pos.operations.sync.status import sync_status

    command = args.sync_command
    store = None
    try:
        session = None
        if command == "enrol":  # a manager's act: it decides where the centre's books go
            session = manager_session(args)
            store = session.store
        else:
            store = open_db(args.db)  # read-write even for status: it migrates to schema 8
        if command == "status":
            status = sync_status(store)
            if args.json:
                print(json.dumps(asdict(status), ensure_ascii=False, indent=2))
            else:
                _print_status(status)
            return 0
        if command == "enrol":
            status = enrol.enrol_till(session, args.url, args.code)
            print(f"ลงทะเบียนแล้ว เป็นเครื่อง {status.terminal_id} (enrolled)")
            _print_status(status)
            return 0 if status.state != "stopped" else 1
        if command == "now":
            run = running.send_now(store)
            print(f"ส่งแล้ว {run.batches} ชุด, เซิร์ฟเวอร์รับเพิ่ม {run.acknowledged} รายการ"
                  f" (sent {run.batches} batches, {run.acknowledged} entries acknowledged)")  # fmt: skip
            _print_status(run.status)
            return 0 if run.outcome == "drained" else 1
    except Exception as exc:
        print(describe(exc, "th", doing=f"sync {command}"), file=sys.stderr)
        return 1
    finally:
        if store is not None:
            store.close()
    return 2
