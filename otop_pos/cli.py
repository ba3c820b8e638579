"""`otop-pos` command line: run the till, the demo centre, imports and checks.

Qt is imported only by the commands that open a window, so `journal verify`
and imports run on a machine without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_DB = Path(
    os.environ.get("OTOP_POS_DB", Path.home() / ".local/share/otop-pos/centre.sqlite")
)
DEMO_DB = Path(os.environ.get("OTOP_POS_DEMO_DB", Path("var/demo.sqlite")))


def _add_db(p: argparse.ArgumentParser, default: Path) -> None:
    p.add_argument("--db", type=Path, default=default, help=f"database file (default {default})")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="otop-pos", description="OTOP POS")
    sub = parser.add_subparsers(dest="command")

    run = sub.add_parser("run", help="open the till on a centre database")
    _add_db(run, DEFAULT_DB)
    run.add_argument(
        "--printer", help="file:PATH | tcp:HOST:PORT | usb:VID:PID | serial:DEV | preview"
    )
    run.add_argument("--lang", choices=["th", "en"])

    demo = sub.add_parser("demo", help="create the demo centre if missing and open it")
    _add_db(demo, DEMO_DB)
    demo.add_argument("--printer")
    demo.add_argument("--lang", choices=["th", "en"])
    demo.add_argument("--products", type=int, default=None, help="scale the catalogue to N")
    demo.add_argument("--no-window", action="store_true", help="only create the database")

    journal = sub.add_parser("journal", help="journal tools")
    jsub = journal.add_subparsers(dest="journal_command", required=True)
    verify = jsub.add_parser("verify", help="check the hash chain of every terminal")
    _add_db(verify, DEFAULT_DB)

    imp = sub.add_parser("import-products", help="import products from .csv or .xlsx")
    imp.add_argument("file", type=Path)
    _add_db(imp, DEFAULT_DB)
    imp.add_argument("--user", type=int, help="manager user id (default: the first manager)")
    imp.add_argument("--pin", help="manager PIN (asked for when omitted)")
    et = sub.add_parser("etax", help="export a full tax invoice as ETDA XML + PDF/A-3")
    et.add_argument("invoice_no")
    et.add_argument("--out", type=Path, help="folder (default: documents beside the database)")
    _add_db(et, DEFAULT_DB)
    et.add_argument("--user", type=int)
    et.add_argument("--pin", help="PIN (asked for when omitted)")
    et.add_argument("--p12-password", default=None, help="certificate password (asked for)")

    td = sub.add_parser("tenders", help="what each tender took on a business day")
    td.add_argument("--date", help="YYYY-MM-DD (Bangkok; default today)")
    _add_db(td, DEFAULT_DB)

    lb = sub.add_parser("labels", help="barcode labels as an A4 sheet PDF: SKU[:COPIES] ...")
    lb.add_argument("items", nargs="+", help="e.g. SILK01:3 TEA01")
    lb.add_argument("--sheet", default="a4-24", help="a4-24 | a4-21 | a4-40 | a4-65")
    lb.add_argument("--start", type=int, default=0, help="labels already used on the sheet")
    lb.add_argument("--out", type=Path, default=Path("labels.pdf"))
    _add_db(lb, DEFAULT_DB)
    lb.add_argument("--user", type=int)
    lb.add_argument("--pin", help="manager PIN (asked for when omitted)")

    from otop_pos import cli_report

    cli_report.add_parser(sub, _add_db, DEFAULT_DB)
    from otop_pos import cli_settlement

    cli_settlement.add_parser(sub, _add_db, DEFAULT_DB)

    st = sub.add_parser("settings", help="show or change the centre's settings (KEY=VALUE ...)")
    st.add_argument("values", nargs="*", help="e.g. promptpay_id=0812345678 copay_cap=200")
    _add_db(st, DEFAULT_DB)
    st.add_argument("--user", type=int, help="manager user id (default: the first manager)")
    st.add_argument("--pin", help="manager PIN (asked for when omitted)")
    return parser


def _open(db: Path, *, read_only: bool = False):  # type: ignore[no-untyped-def]
    from otop_pos.db.store import open_store

    if not db.exists():
        print(f"ไม่พบฐานข้อมูล {db} (database not found)", file=sys.stderr)
        raise SystemExit(2)
    return open_store(db, read_only=read_only)


def cmd_journal_verify(args: argparse.Namespace) -> int:
    from otop_pos.db import journal

    store = _open(args.db, read_only=True)  # checking must never change the file
    result = journal.verify(store)
    if result.ok:
        print(f"journal OK: {result.checked} entries verified")
        return 0
    print(
        f"journal BROKEN at terminal {result.terminal_id} seq {result.broken_seq}: {result.reason}",
        file=sys.stderr,
    )
    return 1


def cmd_import_products(args: argparse.Namespace) -> int:
    from otop_pos.operations.catalogue import import_products
    from otop_pos.operations.errors import user_message

    try:
        report = import_products(_manager_session(args), args.file)
    except Exception as exc:
        print(user_message(exc, "th"), file=sys.stderr)
        return 1
    print(f"นำเข้าสำเร็จ: เพิ่มใหม่ {report.created} รายการ ปรับปรุง {report.updated} รายการ")
    return 0


def _manager_session(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    import getpass

    from otop_pos.operations import auth
    from otop_pos.operations.session import Session

    session = Session.open(_open(args.db))
    managers = [u.id for u in auth.list_users(session) if u.role.value == "manager"]
    user_id = args.user or (managers[0] if managers else 0)
    pin = args.pin or getpass.getpass("PIN ผู้จัดการ (manager PIN): ")
    auth.login(session, user_id, pin)
    return session


def cmd_settings(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from otop_pos.operations import centre_settings
    from otop_pos.operations.errors import user_message
    from otop_pos.operations.session import Session

    if not args.values:
        for key, value in asdict(Session.open(_open(args.db, read_only=True)).settings).items():
            print(f"{key}={value}")
        return 0
    pairs = [v.partition("=") for v in args.values]
    if any(not sep for _k, sep, _v in pairs):
        print("ใช้รูปแบบ KEY=VALUE เช่น promptpay_id=0812345678", file=sys.stderr)
        return 2
    try:
        session = _manager_session(args)
        centre_settings.update(session, {k: v for k, _sep, v in pairs})
    except Exception as exc:
        print(user_message(exc, "th"), file=sys.stderr)
        return 1
    print("บันทึกการตั้งค่าแล้ว (settings saved)")
    return 0


def cmd_etax(args: argparse.Namespace) -> int:
    from otop_pos.operations import documents
    from otop_pos.operations.errors import user_message

    try:
        session = _manager_session(args)
        password = args.p12_password
        if password is None and session.settings.etax_p12_path:
            import getpass

            password = getpass.getpass("รหัสผ่านใบรับรอง (certificate password): ")
        files = documents.export_etax(session, args.invoice_no, args.out, password or "")
    except Exception as exc:
        print(user_message(exc, "th"), file=sys.stderr)
        return 1
    print(f"{files.xml}\n{files.pdf}" + ("" if files.signed else "\n(ยังไม่ได้ลงลายมือชื่อดิจิทัล)"))
    return 0


def cmd_tenders(args: argparse.Namespace) -> int:
    from datetime import date

    from otop_pos.domain.money import sum_money
    from otop_pos.domain.thaidate import bangkok_date, utc_now
    from otop_pos.operations.day_totals import tender_name, tender_totals
    from otop_pos.operations.session import Session

    day = date.fromisoformat(args.date) if args.date else bangkok_date(utc_now())
    session = Session.open(_open(args.db, read_only=True))
    totals = tender_totals(session, day)
    print(f"{day.isoformat()}")
    for t in totals:
        line = f"{tender_name(t.tender):<22}{t.count:>5} รายการ {t.amount.format():>14}"
        if t.tender == "copay":
            line += f"  (ลูกค้า {t.customer_share.format()} / รัฐ {t.government_share.format()}"
            line += f", เกินวงเงิน {t.over_cap})" if t.over_cap else ")"
        print(line)
    print(f"{'รวม':<33}{sum_money(t.amount for t in totals).format():>14}")
    return 0


def cmd_labels(args: argparse.Namespace) -> int:
    from otop_pos.domain.instore import preset
    from otop_pos.operations import labels
    from otop_pos.operations.errors import user_message
    from otop_pos.printing.labels import label_sheet_pdf

    try:
        session = _manager_session(args)
        items = []
        for item in args.items:
            sku, _sep, copies = item.partition(":")
            items.append((labels.product_id_for_sku(session, sku), int(copies or "1")))
        sheet = label_sheet_pdf(labels.labels_for(session, items), preset(args.sheet), args.start)
    except Exception as exc:
        print(user_message(exc, "th"), file=sys.stderr)
        return 1
    args.out.write_bytes(sheet)
    print(args.out)
    return 0


def cmd_gui(args: argparse.Namespace, demo: bool) -> int:
    if demo:
        from otop_pos.db.store import open_store
        from otop_pos.demo.seed import ensure_demo_centre

        store = open_store(args.db)
        if ensure_demo_centre(store, products=args.products):
            print(f"สร้างศูนย์ตัวอย่างแล้ว: {args.db}")
        store.close()
        if args.no_window:
            return 0
    elif not args.db.exists():
        print(f"ไม่พบฐานข้อมูล {args.db}: ใช้ 'otop-pos demo' เพื่อทดลอง", file=sys.stderr)
        return 2
    from otop_pos.ui.app import run_app

    return run_app(args.db, printer=args.printer, lang=args.lang)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from otop_pos.db.migrations import TooNewError
    from otop_pos.db.store import StoreError

    try:
        if args.command == "journal":
            return cmd_journal_verify(args)
        if args.command == "import-products":
            return cmd_import_products(args)
        if args.command == "settings":
            return cmd_settings(args)
        if args.command == "etax":
            return cmd_etax(args)
        if args.command == "labels":
            return cmd_labels(args)
        if args.command == "tenders":
            return cmd_tenders(args)
        if args.command == "report":
            from otop_pos import cli_report

            return cli_report.cmd_report(args, _manager_session)
        if args.command == "settlement":
            from otop_pos import cli_settlement

            return cli_settlement.cmd_settlement(args, _open)
        if args.command == "demo":
            return cmd_gui(args, demo=True)
        if args.command in (None, "run"):
            if args.command is None:
                args = _parser().parse_args(["run", *(argv or sys.argv[1:])])
            return cmd_gui(args, demo=False)
    except (StoreError, TooNewError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
