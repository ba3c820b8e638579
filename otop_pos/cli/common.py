"""What every command shares: the database paths and opening them."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_DB = Path(
    os.environ.get("OTOP_POS_DB", Path.home() / ".local/share/otop-pos/centre.sqlite")
)


DEMO_DB = Path(os.environ.get("OTOP_POS_DEMO_DB", Path("var/demo.sqlite")))


def add_db(p: argparse.ArgumentParser, default: Path) -> None:
    p.add_argument("--db", type=Path, default=default, help=f"database file (default {default})")


def open_db(db: Path, *, read_only: bool = False):  # type: ignore[no-untyped-def]
    """A centre's existing file; a missing, empty or foreign one is refused untouched."""
    from otop_pos.db.store import open_store

    if not db.exists():
        print(
            f"ไม่พบฐานข้อมูล {db}: ศูนย์ใหม่สร้างด้วย otop-pos init หรือ otop-pos run"
            " (database not found; make a new centre with init or run)",
            file=sys.stderr,
        )
        raise SystemExit(2)
    return open_store(db, read_only=read_only, existing=True)


def manager_session(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    import getpass

    from otop_pos.operations import auth
    from otop_pos.operations.session import Session

    session = Session.open(open_db(args.db))
    managers = [u.id for u in auth.list_users(session) if u.role.value == "manager"]
    user_id = args.user or (managers[0] if managers else 0)
    pin = args.pin or getpass.getpass("PIN ผู้จัดการ (manager PIN): ")
    auth.login(session, user_id, pin)
    return session
