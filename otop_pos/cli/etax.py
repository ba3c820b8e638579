"""`otop-pos etax`: a full tax invoice as ETDA XML and PDF/A-3."""

from __future__ import annotations

import argparse
import sys

from otop_pos.cli.common import manager_session


def cmd_etax(args: argparse.Namespace) -> int:
    from otop_pos.operations.errors import describe
    from otop_pos.operations.selling import tax_documents

    try:
        session = manager_session(args)
        password = args.p12_password
        if password is None and session.settings.etax_p12_path:
            import getpass

            password = getpass.getpass("รหัสผ่านใบรับรอง (certificate password): ")
        files = tax_documents.export_etax(session, args.invoice_no, args.out, password or "")
    except Exception as exc:
        print(describe(exc, "th"), file=sys.stderr)
        return 1
    print(f"{files.xml}\n{files.pdf}" + ("" if files.signed else "\n(ยังไม่ได้ลงลายมือชื่อดิจิทัล)"))
    return 0
