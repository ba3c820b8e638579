"""`otop-pos journal verify` and `journal rebuild --check`: the chain, and the tables it implies."""

from __future__ import annotations

import argparse
import logging
import sys

from otop_pos.cli.common import open_db

log = logging.getLogger(__name__)


def add_parser(sub: argparse._SubParsersAction, add_db, default_db) -> None:  # type: ignore[type-arg,no-untyped-def]
    journal = sub.add_parser("journal", help="journal tools")
    jsub = journal.add_subparsers(dest="journal_command", required=True)
    verify = jsub.add_parser("verify", help="check the hash chain of every terminal")
    add_db(verify, default_db)
    rebuild = jsub.add_parser(
        "rebuild", help="replay the journal into a scratch copy and compare every read table"
    )
    rebuild.add_argument(
        "--check",
        action="store_true",
        required=True,
        help="compare only; the live tables are never changed (exit 1 on a difference)",
    )
    add_db(rebuild, default_db)


def cmd_journal(args: argparse.Namespace) -> int:
    if args.journal_command == "rebuild":
        return cmd_rebuild_check(args)
    return cmd_journal_verify(args)


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


def cmd_rebuild_check(args: argparse.Namespace) -> int:
    from otop_pos.db.projections import replay_check

    store = open_db(args.db, read_only=True)
    try:
        found = replay_check.check(store)
    finally:
        store.close()
    if found is None:
        print("tables OK: every read table follows from the journal")
        return 0
    log.warning("rebuild --check: %s", found.describe())
    print(f"tables DIFFER: {found.describe()}", file=sys.stderr)
    print(found.thai(), file=sys.stderr)
    return 1
