"""`otop-pos import-products` and `otop-pos labels`: the catalogue from a shell."""

from __future__ import annotations

import argparse
import sys

from otop_pos.cli.common import manager_session


def cmd_import_products(args: argparse.Namespace) -> int:
    from otop_pos.operations.catalogue.file_import import import_products
    from otop_pos.operations.errors import user_message

    try:
        report = import_products(manager_session(args), args.file)
    except Exception as exc:
        print(user_message(exc, "th"), file=sys.stderr)
        return 1
    print(f"นำเข้าสำเร็จ: เพิ่มใหม่ {report.created} รายการ ปรับปรุง {report.updated} รายการ")
    return 0


def cmd_labels(args: argparse.Namespace) -> int:
    from otop_pos.domain.catalogue.instore import preset
    from otop_pos.operations.catalogue import barcode_labels
    from otop_pos.operations.errors import user_message
    from otop_pos.printing.documents.barcode_labels import label_sheet_pdf

    try:
        session = manager_session(args)
        items = []
        for item in args.items:
            sku, _sep, copies = item.partition(":")
            items.append((barcode_labels.product_id_for_sku(session, sku), int(copies or "1")))
        sheet = label_sheet_pdf(
            barcode_labels.labels_for(session, items), preset(args.sheet), args.start
        )
    except Exception as exc:
        print(user_message(exc, "th"), file=sys.stderr)
        return 1
    args.out.write_bytes(sheet)
    print(args.out)
    return 0
