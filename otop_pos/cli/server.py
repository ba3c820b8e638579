"""`otop-pos server run|enrol|report`: the provincial server, from the same command.

The server's code and dependencies come with `pip install otop-pos[server]`;
a till install lacks them, and these commands say so instead of failing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

DEFAULT_DATABASE = os.environ.get(
    "OTOP_SERVER_DB", str(Path.home() / ".local/share/otop-pos/province.sqlite")
)


def add_parser(sub: Any) -> None:
    sp = sub.add_parser("server", help="the provincial server: run, enrol a till, report a day")
    ssub = sp.add_subparsers(dest="server_command", required=True)

    def database(p: argparse.ArgumentParser) -> None:
        p.add_argument("--database", default=DEFAULT_DATABASE,
                       help=f"SQLite file or postgresql:// URL (default {DEFAULT_DATABASE})")  # fmt: skip

    run = ssub.add_parser("run", help="serve the sync protocol (uvicorn)")
    database(run)
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8765)
    run.add_argument("--workers", type=int, default=1, help="processes (PostgreSQL only)")

    en = ssub.add_parser("enrol", help="print a one-time code for a till of a centre")
    database(en)
    en.add_argument("--centre", required=True, help="the centre's code, e.g. SSK01")
    en.add_argument("--pos-id", required=True, help="the till's POS ID, e.g. POS01")
    en.add_argument("--name", default="", help="the centre's name (first time)")
    en.add_argument("--province", default="", help="province code, e.g. 33")
    en.add_argument("--district", default="", help="district code, e.g. 3301")
    en.add_argument("--ttl-hours", type=int, default=24)

    rp = ssub.add_parser("report", help="a centre's day as the server holds it")
    database(rp)
    rp.add_argument("--centre", required=True)
    rp.add_argument("--date", required=True, help="YYYY-MM-DD (Bangkok)")
    rp.add_argument("--json", action="store_true")

    rb = ssub.add_parser("rebuild-figures", help="sum every stored entry again, from nothing")
    database(rb)

    st = ssub.add_parser("status", help="every terminal: acknowledged seq, flagged, alerts")
    database(st)


def cmd_server(args: argparse.Namespace) -> int:
    try:
        from otop_server import cli
    except ImportError as exc:
        print(
            "ไม่ได้ติดตั้งส่วนเซิร์ฟเวอร์ ใช้คำสั่ง pip install 'otop-pos[server]'"
            f" (the server's dependencies are missing: {exc.name})",
            file=sys.stderr,
        )
        return 2
    return cli.main(args)
