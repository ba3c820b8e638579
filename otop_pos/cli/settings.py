"""`otop-pos settings`: show or change the centre's settings."""

from __future__ import annotations

import argparse
import sys

from otop_pos.cli.common import manager_session, open_db


def cmd_settings(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from otop_pos.operations import centre_settings
    from otop_pos.operations.errors import describe
    from otop_pos.operations.session import Session

    if not args.values:
        for key, value in asdict(Session.open(open_db(args.db, read_only=True)).settings).items():
            print(f"{key}={value}")
        return 0
    pairs = [v.partition("=") for v in args.values]
    if any(not sep for _k, sep, _v in pairs):
        print("ใช้รูปแบบ KEY=VALUE เช่น promptpay_id=0812345678", file=sys.stderr)
        return 2
    try:
        session = manager_session(args)
        centre_settings.update(session, {k: v for k, _sep, v in pairs})
    except Exception as exc:
        print(describe(exc, "th"), file=sys.stderr)
        return 1
    print("บันทึกการตั้งค่าแล้ว (settings saved)")
    return 0
