"""`otop-pos journal verify`: check every terminal's hash chain."""

from __future__ import annotations

import argparse
import sys

from otop_pos.cli.common import open_db


def cmd_journal_verify(args: argparse.Namespace) -> int:
    from otop_pos.db import journal

    store = open_db(args.db, read_only=True)  # checking must never change the file
    result = journal.verify(store)
    if result.ok:
        print(f"journal OK: {result.checked} entries verified")
        return 0
    print(
        f"journal BROKEN at terminal {result.terminal_id} seq {result.broken_seq}: {result.reason}",
        file=sys.stderr,
    )
    return 1
