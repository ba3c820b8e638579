"""Import products and producers from a manager's spreadsheet, all or nothing.

The file is validated first (every bad row reported by line), then checked
against the store inside the write transaction (unknown producers, barcodes
or quick keys held by other products), and only then written as journal
entries, so a refused file leaves the catalogue exactly as it was. An
optional column missing from the file keeps each existing product's stored
value: a price-only sheet must not wipe the barcodes the till scans.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from otop_pos.db.catalogue import products
from otop_pos.db.projections import errors as _n_proj_errors
from otop_pos.db.projections import record
from otop_pos.db.store import Store
from otop_pos.domain.catalogue.units import MILLI, is_measured, unit_of, unit_text
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.files.producer_file import producer_payload, read_producer_table
from otop_pos.files.product_file import product_payload, read_product_table
from otop_pos.files.table import ProductFileError, RowError
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session

CHUNK = 1000
# file column -> payload key, for optional columns whose absence keeps stored values
_PRODUCT_KEEP = {
    "barcode": "barcodes", "name_en": "name_en", "stars": "stars",
    "producer_code": "producer_code", "vat": "vat_applicable", "ownership": "ownership",
    "quick_key": "quick_key", "active": "active", "commission_percent": "commission_bp",
    "min_stock": "min_stock", "unit": "unit", "scale_code": "scale_code",
}  # fmt: skip
_PRODUCER_KEEP = {
    "type": "type", "district": "district", "province": "province", "contact": "contact",
    "commission_percent": "commission_bp", "active": "active", "reg_no": "reg_no",
    "tax_id": "tax_id", "bank_name": "bank_name", "bank_account": "bank_account",
    "account_name": "account_name", "promptpay_id": "promptpay_id",
    "vat_registered": "vat_registered",
}  # fmt: skip
T = TypeVar("T")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int

    @property
    def total(self) -> int:
        return self.created + self.updated


class ImportRejected(OperationError):
    """Nothing was imported; `errors` names every problem by file line."""

    def __init__(self, errors: list[RowError], what_th: str = "ไฟล์สินค้า") -> None:
        summary = ProductFileError(errors, what_th)
        super().__init__(summary.thai, summary.english)
        self.errors = summary.errors

    @property
    def lines(self) -> list[int]:
        return sorted({e.line for e in self.errors})


def record_chunks(
    store: Store,
    terminal_id: str,
    kind: str,
    key: str,
    items: Sequence[dict[str, Any]],
    occurred_at: str,
    user_id: int | None,
    chunk: int = CHUNK,
    extra: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> int:
    """Journal `items` as entries of at most `chunk` each (caller holds the transaction).

    `extra` adds fields to every entry's payload (e.g. a stock reason);
    `progress(done, total)` is told after each entry.
    """
    for start in range(0, len(items), chunk):
        payload = dict(extra or {}, **{key: list(items[start : start + chunk])})
        record.record(store, terminal_id, kind, occurred_at, user_id, payload)
        if progress is not None:
            progress(min(start + chunk, len(items)), len(items))
    return -(-len(items) // chunk)


def _parse(reader: Callable[[str | Path], T], path: str | Path, what_th: str) -> T:
    try:
        return reader(path)
    except ProductFileError as exc:
        raise ImportRejected(exc.errors, what_th) from exc


def _error(line: int, column: str, th: str, en: str) -> RowError:
    return RowError(line, column, f"แถว {line}: {th}", f"Line {line}: {en}")


def _merge(
    payload: dict[str, Any],
    stored: dict[str, Any] | None,
    present: frozenset[str],
    keep: dict[str, str],
) -> dict[str, Any]:
    if stored is None:
        return payload
    for column, key in keep.items():
        if column not in present:
            if key in stored:
                payload[key] = stored[key]
            else:  # a default the stored form leaves out (a piece has no unit key)
                payload.pop(key, None)
    if "unit" not in present and "min_stock" in present and is_measured(stored.get("unit")):
        payload["min_stock"] *= MILLI  # read as whole pieces: whole kilograms, in grams
    return payload


def _check_products(
    session: Session, rows: list[Any], payloads: list[dict[str, Any]], stored: dict[str, Any]
) -> tuple[list[RowError], list[dict[str, Any]]]:
    """DB conflicts by line, plus the quick keys to release first (keys moving in the file)."""
    store = session.store
    producers = products.producer_codes(store)
    barcode_owner = products.existing_barcodes(store)
    key_owner = products.quick_key_owners(store)
    scale_owner = products.scale_code_owners(store)
    by_sku = {p["sku"]: p for p in payloads}
    errors = _check_units(session, rows, payloads, stored)
    release: dict[str, dict[str, Any]] = {}
    for row, p in zip(rows, payloads, strict=True):
        owner = scale_owner.get(p.get("scale_code", -1))
        if owner is not None and owner != p["sku"]:
            errors.append(
                _error(
                    row.line,
                    "scale_code",
                    f"รหัสสินค้าในตาชั่ง {p['scale_code']} เป็นของสินค้า {owner} อยู่แล้ว",
                    f"scale code {p['scale_code']} already belongs to product {owner}",
                )
            )
        code = p["producer_code"]
        if code and code not in producers:
            errors.append(
                _error(
                    row.line,
                    "producer_code",
                    f'ไม่พบผู้ผลิตรหัส "{code}" ในระบบ (นำเข้าไฟล์ผู้ผลิตก่อน)',
                    f'producer "{code}" does not exist (import the producers first)',
                )
            )
        for barcode in p["barcodes"]:
            owner = barcode_owner.get(barcode)
            if owner is not None and owner != p["sku"]:
                errors.append(
                    _error(
                        row.line,
                        "barcode",
                        f"บาร์โค้ด {barcode} เป็นของสินค้า {owner} อยู่แล้ว",
                        f"barcode {barcode} already belongs to product {owner}",
                    )
                )
        owner = key_owner.get(p["quick_key"]) if p["quick_key"] is not None else None
        if owner is not None and owner != p["sku"]:
            if owner in by_sku:
                release[owner] = dict(by_sku[owner], quick_key=None)
            else:
                errors.append(
                    _error(
                        row.line,
                        "quick_key",
                        f"ปุ่มลัด {p['quick_key']} เป็นของสินค้า {owner} อยู่แล้ว",
                        f"quick key {p['quick_key']} already belongs to product {owner}",
                    )
                )
    return errors, list(release.values())


def _check_units(
    session: Session, rows: list[Any], payloads: list[dict[str, Any]], stored: dict[str, Any]
) -> list[RowError]:
    """A unit may change only while nothing of the product has moved (see schema 7)."""
    changed = [p for p in payloads if p["sku"] in stored and _unit(p) != _unit(stored[p["sku"]])]
    moved = products.moved_skus(session.store, [p["sku"] for p in changed])
    return [
        _error(
            row.line,
            "unit",
            f"เปลี่ยนหน่วยของสินค้า {p['sku']} ไม่ได้ เพราะมีสต็อกหรือการขายเป็น"
            f" {unit_text(_unit(stored[p['sku']]))} แล้ว ให้สร้างรหัสสินค้าใหม่สำหรับหน่วยใหม่",
            f"the unit of {p['sku']} cannot change: its stock has already moved; add a new SKU",
        )
        for row, p in zip(rows, payloads, strict=True)
        if p["sku"] in moved
    ]


def _unit(payload: dict[str, Any]) -> str:
    return unit_of(payload.get("unit")).value


def import_products(
    session: Session, path: str | Path, progress: Progress | None = None
) -> ImportReport:
    """Create or update every product in the file, or refuse the whole file."""
    user = session.require(Permission.IMPORT_PRODUCTS)
    store = session.store
    held = products.existing_barcodes(store)
    table = _parse(lambda p: read_product_table(p, held), path, "ไฟล์สินค้า")
    try:
        with store.transaction():
            skus = [r.sku for r in table.rows]
            stored = products.product_payloads(store, skus)
            payloads = [
                _merge(product_payload(r), stored.get(r.sku), table.columns, _PRODUCT_KEEP)
                for r in table.rows
            ]
            errors, release = _check_products(session, table.rows, payloads, stored)
            if errors:
                raise ImportRejected(sorted(errors, key=lambda e: e.line))
            now = to_iso(utc_now())
            if release:  # a quick key moving between two products of this file
                record_chunks(
                    store, session.terminal_id, "product_upsert", "products", release, now, user.id
                )
            record_chunks(
                store, session.terminal_id, "product_upsert", "products", payloads, now, user.id,
                progress=progress,
            )  # fmt: skip
    except _n_proj_errors.ProjectionError as exc:
        raise OperationError(str(exc), f"The import was refused: {exc}") from exc
    return ImportReport(len(skus) - len(stored), len(stored))


def import_producers(
    session: Session, path: str | Path, progress: Progress | None = None
) -> ImportReport:
    """Create or update every producer in the file, or refuse the whole file."""
    user = session.require(Permission.IMPORT_PRODUCTS)
    table = _parse(read_producer_table, path, "ไฟล์ผู้ผลิต")
    store = session.store
    with store.transaction():
        stored = products.producer_payloads(store)
        payloads = [
            _merge(producer_payload(r), stored.get(r.code), table.columns, _PRODUCER_KEEP)
            for r in table.rows
        ]
        record_chunks(
            store,
            session.terminal_id,
            "producer_upsert",
            "producers",
            payloads,
            to_iso(utc_now()),
            user.id,
            progress=progress,
        )
    created = sum(1 for r in table.rows if r.code not in stored)
    return ImportReport(created, len(table.rows) - created)
