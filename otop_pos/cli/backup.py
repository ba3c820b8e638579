"""`otop-pos backup [--to DIR]` and `otop-pos restore FILE`: the manager's backups from a shell.

A backup needs no PIN (whoever can run this can copy the file anyway); it
goes to ``backups/`` beside the database (thinned, and copied to the second
folder) or, with ``--to``, into that folder only. A restore needs a
manager's PIN, says what the file holds and what would be lost, and asks
before it swaps (``--yes`` skips the question).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_parser(sub: Any, add_db: Any, default_db: Path) -> None:
    bk = sub.add_parser("backup", help="a checked backup of the centre's database")
    add_db(bk, default_db)
    bk.add_argument("--to", type=Path, help="folder (default: backups/ beside the database)")
    rs = sub.add_parser("restore", help="put a backup in place of the database (manager)")
    rs.add_argument("file", type=Path, help="the backup file (.sqlite)")
    add_db(rs, default_db)
    rs.add_argument("--user", type=int, help="manager user id (default: the first manager)")
    rs.add_argument("--pin", help="manager PIN (asked for when omitted)")
    rs.add_argument("--yes", action="store_true", help="do not ask before swapping")


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty() and total:
        print(f"\r{done * 100 // total:3d}%", end="", file=sys.stderr, flush=True)


def cmd_backup(args: argparse.Namespace) -> int:
    from otop_pos.cli.common import open_db
    from otop_pos.operations.backups.snapshots import take_backup
    from otop_pos.operations.errors import OperationError, describe

    store = open_db(args.db)
    try:
        done = take_backup(store, "manual", to=args.to, progress=_progress)
    except OperationError as exc:
        print(describe(exc), file=sys.stderr)
        return 1
    finally:
        store.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"สำรองข้อมูลแล้ว (backed up): {done.path}")
    print(f"ตรวจแล้ว (checked): integrity ok, {done.facts.entries:,} รายการในสมุดบันทึก (entries)")
    for copy in done.copies:
        print(f"สำเนาที่สอง (second copy): {copy}")
    if done.removed:
        print(f"ลบสำรองเก่าตามรอบเก็บ (thinned): {len(done.removed)}")
    for th, en in done.warnings:
        print(f"คำเตือน: {th}\nwarning: {en}", file=sys.stderr)
    return 0


def _ask(question: str) -> bool:
    try:
        return input(question).strip().lower() in ("y", "yes", "ใช่")
    except EOFError:
        return False


def cmd_restore(args: argparse.Namespace, manager_session: Any) -> int:
    from otop_pos.operations.backups import restore
    from otop_pos.operations.errors import OperationError, describe

    try:
        if not args.db.exists():
            import getpass

            pin = args.pin or getpass.getpass("PIN ผู้จัดการ (manager PIN): ")
            plan = restore.restore_onto_nothing(args.db, args.file, args.user, pin)
            print(f"นำข้อมูลกลับมาแล้ว (restored): {args.db}")
            print(plan.summary("th"))
            print(plan.summary("en"))
            return 0
        session = manager_session(args)
        try:
            plan = restore.check_file(session, args.file)
            facts = plan.facts
            print(f"ไฟล์สำรอง (backup): {facts.path}  {facts.centre_name}  {facts.terminal_id}")
            print(plan.summary("th"))
            print(plan.summary("en"))
            if not args.yes and not _ask("นำไฟล์นี้มาแทนฐานข้อมูลปัจจุบัน? (restore it?) [y/N] "):
                print("ยกเลิก (cancelled)")
                return 1
            done = restore.restore(session, args.file)
        finally:
            session.store.close()
    except OperationError as exc:
        print(describe(exc), file=sys.stderr)
        return 1
    print(f"สำรองไฟล์เดิมไว้ที่ (the previous file is kept as): {done.before.path}")
    print(f"นำข้อมูลกลับมาแล้ว (restored): {args.db}")
    return 0
