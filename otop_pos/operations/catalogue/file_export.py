"""Export the product and producer lists as the files the importer reads.

Exactly the importer's columns, under its own header names, with values in
the forms it accepts, so a manager can export, edit in Excel and import
back, and export followed by import changes nothing. CSV is UTF-8 with a
BOM (without it Excel shows Thai as mojibake); .xlsx keeps barcodes, tax IDs
and bank accounts as text, so Excel does not turn them into 8.85E+12 or drop
a leading zero. Files are written beside the target and renamed over it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from otop_pos.db.catalogue import products
from otop_pos.domain.catalogue.units import is_measured, qty_number
from otop_pos.domain.staff.permissions import Permission
from otop_pos.files import checks
from otop_pos.files.producer_file import ALL_COLUMNS as PRODUCER_COLUMNS
from otop_pos.files.product_file import ALL_COLUMNS as PRODUCT_COLUMNS
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session
from otop_pos.printing.engine.files import write_atomic

SUFFIXES = (".csv", ".xlsx")
# Excel runs a CSV cell starting like a formula. A zero-width space in front
# makes it text; the importer's text cleaning drops it again (category Cf).
FORMULA_START = ("=", "+", "-", "@")
GUARD = "\u200b"
BAHT_FORMAT = "#,##0.00"


def _yes(flag: object) -> str:
    return "yes" if flag else "no"


def _baht(satang: int) -> Decimal:
    return Decimal(satang).scaleb(-2).quantize(Decimal("0.01"))


def _percent(bp: int | None) -> Decimal | None:
    return None if bp is None else Decimal(checks.percent_text(bp))


def product_rows(payloads: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Stored products as rows under `PRODUCT_COLUMNS` (numbers stay numbers for Excel)."""
    return [
        (
            p["sku"],
            "|".join(p["barcodes"]),
            p["name_th"],
            p["name_en"] or "",
            p["category"],
            p["stars"],
            p["producer_code"] or "",
            _baht(p["price_satang"]),
            _yes(p["vat_applicable"]),
            p["ownership"],
            p["quick_key"],
            _yes(p["active"]),
            _percent(p["commission_bp"]),
            _min_stock(p),
            p.get("unit", "piece"),
            p.get("scale_code"),
        )
        for p in payloads
    ]


def _min_stock(p: dict[str, Any]) -> int | Decimal:
    """Pieces, or a measured minimum in its unit (2,500 g of a kg product is 2.5)."""
    unit = p.get("unit", "piece")
    return Decimal(qty_number(p["min_stock"], unit, False)) if is_measured(unit) else p["min_stock"]


def producer_rows(payloads: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Stored producers as rows under `PRODUCER_COLUMNS`."""
    return [
        (
            p["code"],
            p["name"],
            p["type"],
            p["district"],
            p["province"],
            p["contact"],
            _percent(p["commission_bp"]),
            _yes(p["active"]),
            p["reg_no"],
            p["tax_id"],
            p["bank_name"],
            p["bank_account"],
            p["account_name"],
            p["promptpay_id"],
            _yes(p["vat_registered"]),
        )
        for p in payloads
    ]


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return GUARD + value if value.startswith(FORMULA_START) else value
    return str(value)


def _csv(header: Sequence[str], rows: list[tuple[Any, ...]]) -> bytes:
    text = io.StringIO(newline="")
    out = csv.writer(text)
    out.writerow(header)
    out.writerows([_csv_cell(v) for v in row] for row in rows)
    return text.getvalue().encode("utf-8-sig")


def _xlsx(title: str, header: Sequence[str], rows: list[tuple[Any, ...]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(h) for h in header]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
                cell.number_format = "@"
            elif isinstance(value, Decimal) and header[c - 1] == "price":
                cell.number_format = BAHT_FORMAT
            widths[c - 1] = max(widths[c - 1], len(str(value or "")))
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(50, width + 3)
    sheet.freeze_panes = "A2"
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def _write(path: Path, title: str, header: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    suffix = path.suffix.lower()
    data = _csv(header, rows) if suffix == ".csv" else _xlsx(title, header, rows)
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise OperationError(
            f"บันทึกไฟล์ {path.name} ไม่ได้ ({exc.strerror or exc}) ไม่มีไฟล์ใดถูกเปลี่ยน",
            f"Cannot write {path.name} ({exc.strerror or exc}); nothing was changed.",
        ) from exc


def _check_suffix(path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise OperationError(
            f'ส่งออกได้เฉพาะไฟล์ .csv หรือ .xlsx ไม่ใช่ "{path.suffix or path.name}"',
            f'Export to .csv or .xlsx, not "{path.suffix or path.name}".',
        )
    return path


def export_products(session: Session, path: str | Path) -> int:
    """Every product (on sale or not), by SKU; the number of rows written."""
    session.require(Permission.IMPORT_PRODUCTS)
    target = _check_suffix(path)
    store = session.store
    stored = products.product_payloads(store, sorted(products.sku_ids(store)))
    rows = product_rows([stored[sku] for sku in sorted(stored)])
    _write(target, "สินค้า", PRODUCT_COLUMNS, rows)
    return len(rows)


def export_producers(session: Session, path: str | Path) -> int:
    """Every producer by code, payout details included (manager only); rows written."""
    session.require(Permission.MANAGE_PRODUCERS)
    target = _check_suffix(path)
    stored = products.producer_payloads(session.store)
    rows = producer_rows([stored[code] for code in sorted(stored)])
    _write(target, "ผู้ผลิต", PRODUCER_COLUMNS, rows)
    return len(rows)
