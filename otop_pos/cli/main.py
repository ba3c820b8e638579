"""`otop-pos` command line: run the till, the demo centre, imports and checks.

Qt is imported only by the commands that open a window, so `journal verify`
and imports run on a machine without a display.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from otop_pos.cli import backup, consignment, init, journal, reports, server, sync
from otop_pos.cli.catalogue import cmd_import_products, cmd_labels
from otop_pos.cli.common import DEFAULT_DB, DEMO_DB, add_db, manager_session
from otop_pos.cli.etax import cmd_etax
from otop_pos.cli.settings import cmd_settings
from otop_pos.cli.till import cmd_gui

log = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="otop-pos", description="OTOP POS")
    sub = parser.add_subparsers(dest="command")

    run = sub.add_parser("run", help="open the till on a centre database")
    add_db(run, DEFAULT_DB)
    run.add_argument(
        "--printer", help="file:PATH | tcp:HOST:PORT | usb:VID:PID | serial:DEV | preview"
    )
    run.add_argument("--lang", choices=["th", "en"])

    demo = sub.add_parser("demo", help="create the demo centre if missing and open it")
    add_db(demo, DEMO_DB)
    demo.add_argument("--printer")
    demo.add_argument("--lang", choices=["th", "en"])
    demo.add_argument("--products", type=int, default=None, help="scale the catalogue to N")
    demo.add_argument("--no-window", action="store_true", help="only create the database")

    init.add_parser(sub, add_db, DEFAULT_DB)
    journal.add_parser(sub, add_db, DEFAULT_DB)

    imp = sub.add_parser("import-products", help="import products from .csv or .xlsx")
    imp.add_argument("file", type=Path)
    add_db(imp, DEFAULT_DB)
    imp.add_argument("--user", type=int, help="manager user id (default: the first manager)")
    imp.add_argument("--pin", help="manager PIN (asked for when omitted)")
    et = sub.add_parser("etax", help="export a full tax invoice as ETDA XML + PDF/A-3")
    et.add_argument("invoice_no")
    et.add_argument("--out", type=Path, help="folder (default: documents beside the database)")
    add_db(et, DEFAULT_DB)
    et.add_argument("--user", type=int)
    et.add_argument("--pin", help="PIN (asked for when omitted)")
    et.add_argument("--p12-password", default=None, help="certificate password (asked for)")

    td = sub.add_parser("tenders", help="what each tender took on a business day")
    td.add_argument("--date", help="YYYY-MM-DD (Bangkok; default today)")
    add_db(td, DEFAULT_DB)
    td.add_argument("--user", type=int, help="manager user id (default: the first manager)")
    td.add_argument("--pin", help="manager PIN (asked for when omitted)")

    lb = sub.add_parser("labels", help="barcode labels as an A4 sheet PDF: SKU[:COPIES] ...")
    lb.add_argument("items", nargs="+", help="e.g. SILK01:3 TEA01")
    lb.add_argument("--sheet", default="a4-24", help="a4-24 | a4-21 | a4-40 | a4-65")
    lb.add_argument("--start", type=int, default=0, help="labels already used on the sheet")
    lb.add_argument("--out", type=Path, default=Path("labels.pdf"))
    add_db(lb, DEFAULT_DB)
    lb.add_argument("--user", type=int)
    lb.add_argument("--pin", help="manager PIN (asked for when omitted)")

    reports.add_parser(sub, add_db, DEFAULT_DB)
    consignment.add_parser(sub, add_db, DEFAULT_DB)
    server.add_parser(sub)
    sync.add_parser(sub, add_db, DEFAULT_DB)
    backup.add_parser(sub, add_db, DEFAULT_DB)

    st = sub.add_parser("settings", help="show or change the centre's settings (KEY=VALUE ...)")
    st.add_argument("values", nargs="*", help="e.g. promptpay_id=0812345678 copay_cap=200")
    add_db(st, DEFAULT_DB)
    st.add_argument("--user", type=int, help="manager user id (default: the first manager)")
    st.add_argument("--pin", help="manager PIN (asked for when omitted)")
    return parser


def _start_log(args: argparse.Namespace) -> None:
    """The log beside the database the command works on (never its arguments: --pin)."""
    from otop_pos.operations.log_file import start_log
    from otop_pos.operations.startup import VERSION

    db = getattr(args, "db", None)
    if db is not None and start_log(db) is not None:
        log.info("otop-pos %s: %s on %s", VERSION, args.command or "run", Path(db).resolve())


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from otop_pos.db.schema.migrations import TooNewError
    from otop_pos.db.store import StoreError

    _start_log(args)
    try:
        if args.command == "init":
            return init.cmd_init(args)
        if args.command == "journal":
            return journal.cmd_journal(args)
        if args.command == "import-products":
            return cmd_import_products(args)
        if args.command == "settings":
            return cmd_settings(args)
        if args.command == "etax":
            return cmd_etax(args)
        if args.command == "labels":
            return cmd_labels(args)
        if args.command == "tenders":
            return reports.cmd_tenders(args, manager_session)
        if args.command == "report":
            return reports.cmd_report(args, manager_session)
        if args.command == "server":
            return server.cmd_server(args)
        if args.command == "sync":
            return sync.cmd_sync(args, manager_session)
        if args.command == "backup":
            return backup.cmd_backup(args)
        if args.command == "restore":
            return backup.cmd_restore(args, manager_session)
        if args.command == "settlement":
            return consignment.cmd_settlement(args, manager_session)
        if args.command == "demo":
            return cmd_gui(args, demo=True)
        if args.command in (None, "run"):
            if args.command is None:
                args = _parser().parse_args(["run", *(argv or sys.argv[1:])])
            return cmd_gui(args, demo=False)
    except (StoreError, TooNewError) as exc:
        log.warning("otop-pos %s refused: %s", args.command or "run", exc)
        print(str(exc), file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
