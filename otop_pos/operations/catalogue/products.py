"""The manager's product form: create or edit one product, and its price history.

Like a producer edit, the stored product is overlaid with the boxes the form
sends and journalled whole as a 'product_upsert'; the projection records a
`price_history` row whenever the price differs. The rules are the import
file's, so whatever is saved here exports and imports back unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from otop_pos.db.catalogue import price_history as price_history_db
from otop_pos.db.catalogue import products
from otop_pos.db.projections import errors, record
from otop_pos.domain.catalogue.units import is_measured, qty_number, unit_text
from otop_pos.domain.money import Money, MoneyError
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.files import checks
from otop_pos.files.fields import MAX_PRICE
from otop_pos.files.forms import Form, FormError
from otop_pos.files.product_file import (
    CATEGORIES,
    CATEGORY_INPUT,
    MAX_SCALE_CODE,
    OWNERSHIP_INPUT,
    SKU_RE,
    UNIT_INPUT,
    barcode_problem,
    split_barcodes,
)
from otop_pos.operations.catalogue.producers import field_errors, reject_unknown_fields
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session

FIELDS = (
    "sku", "name_th", "name_en", "category", "stars", "producer_code", "price",
    "commission_percent", "min_stock", "ownership", "vat", "barcodes", "quick_key", "active",
    "unit", "scale_code",
)  # fmt: skip
LABELS = {
    "sku": "รหัสสินค้า", "name_th": "ชื่อสินค้าภาษาไทย", "name_en": "ชื่อสินค้าภาษาอังกฤษ",
    "category": "หมวดสินค้า", "stars": "ระดับดาว OTOP", "producer_code": "รหัสผู้ผลิต",
    "price": "ราคาขาย", "commission_percent": "ค่าคอมมิชชั่นเฉพาะสินค้า (%)",
    "min_stock": "จำนวนขั้นต่ำในสต็อก", "ownership": "ประเภทการรับสินค้า (ฝากขาย/ซื้อขาด)",
    "vat": "ภาษีมูลค่าเพิ่ม", "barcodes": "บาร์โค้ด", "quick_key": "ปุ่มลัด",
    "active": "สถานะใช้งาน", "unit": "หน่วยขาย", "scale_code": "รหัสสินค้าในตาชั่ง",
}  # fmt: skip
_UNITS_TH = "ชิ้น, กก., ก., ลิตร, เมตร"
_CATEGORIES_TH = ", ".join(CATEGORIES.values())


def product_form(stored: Mapping[str, Any]) -> dict[str, str]:
    """A stored product as the texts of its edit form (what `save_product` reads back)."""

    def opt(value: object) -> str:
        return "" if value is None else str(value)

    unit = str(stored.get("unit", "piece"))
    min_stock = int(stored.get("min_stock") or 0)
    return {
        "sku": str(stored["sku"]),
        "name_th": str(stored["name_th"]),
        "name_en": str(stored["name_en"] or ""),
        "category": str(stored["category"]),
        "stars": opt(stored["stars"]),
        "producer_code": opt(stored["producer_code"]),
        "price": Money(int(stored["price_satang"])).format(),
        "commission_percent": checks.percent_text(stored.get("commission_bp")),
        "min_stock": qty_number(min_stock, unit, grouping=False),
        "ownership": str(stored["ownership"]),
        "vat": "1" if stored["vat_applicable"] else "0",
        "barcodes": ", ".join(stored["barcodes"]),
        "quick_key": opt(stored["quick_key"]),
        "active": "1" if stored["active"] else "0",
        "unit": unit,
        "scale_code": opt(stored.get("scale_code")),
    }


def _price(form: Form) -> Money:
    text = form.raw("price").removesuffix("บาท").strip()
    if not text:
        raise FormError("กรุณากรอกราคาขาย", "price is empty", "price")
    try:
        price = Money.parse(text)
    except MoneyError as exc:
        raise FormError(
            f'ราคาขาย "{text[:40]}" ไม่ถูกต้อง (เช่น 1,290.00)', f"bad price {text[:40]!r}", "price"
        ) from exc
    if price.is_negative or price > MAX_PRICE:
        raise FormError(
            f"ราคาขายต้องไม่ติดลบและไม่เกิน {MAX_PRICE} บาท",
            f"the price must be 0 to {MAX_PRICE}",
            "price",
        )
    return price


def _barcodes(session: Session, sku: str, text: str, held: list[str]) -> list[str]:
    """The codes typed; one the product already has is kept as is (the till scans it)."""
    codes = list(dict.fromkeys(split_barcodes(text)))
    for code in codes:
        problem = None if code in held else barcode_problem(code)
        if problem is not None:
            raise FormError(*problem, "barcodes")
    for code, owner in products.barcode_owners(session.store, codes).items():
        if owner != sku:
            raise FormError(
                f"บาร์โค้ด {code} เป็นของสินค้า {owner} อยู่แล้ว",
                f"barcode {code} already belongs to product {owner}",
                "barcodes",
            )
    return sorted(codes)  # the order the store gives them back, so "unchanged" compares equal


def _payload(
    session: Session, sku: str, values: Mapping[str, object], held: list[str]
) -> dict[str, Any]:
    form = Form(values, LABELS)
    name_th = form.text("name_th", required=True)
    producer = form.text("producer_code", max_len=40) or None
    if producer is not None:
        codes = products.producer_codes(session.store)
        if producer not in codes and producer.upper() not in codes:
            raise FormError(
                f'ไม่พบผู้ผลิตรหัส "{producer}" (เพิ่มผู้ผลิตก่อน)',
                f"no producer {producer!r}",
                "producer_code",
            )
        producer = producer if producer in codes else producer.upper()
    unit = form.choice("unit", UNIT_INPUT, _UNITS_TH) if form.raw("unit") else "piece"
    payload: dict[str, Any] = {
        "sku": sku,
        "name_th": name_th,
        "name_en": form.text("name_en"),
        "category": form.choice("category", CATEGORY_INPUT, _CATEGORIES_TH),
        "stars": form.number("stars", 1, 5, suffix="ดาว"),
        "producer_code": producer,
        "price_satang": _price(form).satang,
        "vat_applicable": form.flag("vat", True),
        "ownership": (
            form.choice("ownership", OWNERSHIP_INPUT, "ฝากขาย, ซื้อขาด")
            if form.raw("ownership")
            else "consigned"
        ),
        "quick_key": form.number("quick_key", 1, 99),
        "active": form.flag("active", True),
        "barcodes": _barcodes(session, sku, form.raw("barcodes"), held),
        "commission_bp": form.checked("commission_percent", checks.commission_bp),
        "min_stock": form.checked("min_stock", lambda t: checks.min_stock(t, unit)),
    }
    _unit_fields(session, sku, form, unit, payload)
    key = payload["quick_key"]
    holder = products.quick_key_owners(session.store).get(key) if key is not None else None
    if holder is not None and holder != sku:
        raise FormError(
            f"ปุ่มลัด {key} เป็นของสินค้า {holder} อยู่แล้ว",
            f"quick key {key} already belongs to {holder}",
            "quick_key",
        )
    return payload


def _unit_fields(
    session: Session, sku: str, form: Form, unit: str, payload: dict[str, Any]
) -> None:
    """Unit and scale code into the payload, only when set, as the stored form has them."""
    scale_code = form.number("scale_code", 1, MAX_SCALE_CODE)
    if scale_code is not None and not is_measured(unit):
        raise FormError(
            "รหัสสินค้าในตาชั่งใช้กับสินค้าที่ขายตามน้ำหนักหรือปริมาณเท่านั้น (เลือกหน่วย เช่น กก.)",
            "a scale code needs a measured unit (e.g. kg)",
            "scale_code",
        )
    holder = products.scale_code_owners(session.store).get(scale_code or -1)
    if holder is not None and holder != sku:
        raise FormError(
            f"รหัสสินค้าในตาชั่ง {scale_code} เป็นของสินค้า {holder} อยู่แล้ว",
            f"scale code {scale_code} already belongs to {holder}",
            "scale_code",
        )
    if unit != "piece":
        payload["unit"] = unit
    if scale_code is not None:
        payload["scale_code"] = scale_code


def _check_unit_change(session: Session, stored: dict[str, Any], payload: dict[str, Any]) -> None:
    """A unit is fixed once stock has moved: old quantities would change meaning."""
    old, new = stored.get("unit", "piece"), payload.get("unit", "piece")
    if old != new and products.moved_skus(session.store, [str(stored["sku"])]):
        raise FieldError(
            f"เปลี่ยนหน่วยของสินค้า {stored['sku']} ไม่ได้ เพราะมีสต็อกหรือการขายเป็น"
            f" {unit_text(old)} แล้ว ให้สร้างรหัสสินค้าใหม่สำหรับขายเป็น {unit_text(new)}",
            f"The unit of {stored['sku']} cannot change: its stock has already moved."
            " Add a new product for the new unit.",
            "unit",
        )


def _stored(session: Session, sku: str) -> dict[str, Any] | None:
    return products.product_payloads(session.store, [sku]).get(sku)


def save_product(session: Session, form: Mapping[str, object], new: bool = False) -> str:
    """Create the product, or change the boxes given for an existing SKU; its SKU.

    `new` is the add form: an existing SKU is refused rather than quietly edited.
    """
    user = session.require(Permission.MANAGE_PRODUCTS)
    reject_unknown_fields(form, (*FIELDS, "product_id"))
    sku = str(form.get("sku") or "").strip()
    if not sku:
        raise FieldError("กรุณากรอกรหัสสินค้า", "The SKU is empty.", "sku")
    store = session.store
    try:
        with store.transaction():
            stored = _stored(session, sku)
            if new and stored is not None:
                raise FieldError(
                    f"มีสินค้ารหัส {sku} อยู่แล้ว ถ้าจะแก้ไขให้เลือกในตารางแล้วกด แก้ไข",
                    f"Product {sku} already exists; pick it in the table and press Edit",
                    "sku",
                )
            if stored is None and not SKU_RE.fullmatch(sku):
                raise FieldError(
                    f'รหัสสินค้า "{sku[:40]}" ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข และ . _ / -'
                    " ไม่มีช่องว่าง ไม่เกิน 40 ตัว",
                    "A SKU is 1 to 40 letters, digits or . _ / -",
                    "sku",
                )
            values: dict[str, object] = dict(product_form(stored)) if stored else {}
            values |= {k: v for k, v in form.items() if k not in ("sku", "product_id")}
            with field_errors():
                payload = _payload(session, sku, values, stored["barcodes"] if stored else [])
            if stored is not None:
                _check_unit_change(session, stored, payload)
            if payload != stored:  # an unchanged form adds nothing to the journal
                record.record(
                    store,
                    session.terminal_id,
                    "product_upsert",
                    to_iso(utc_now()),
                    user.id,
                    {"products": [payload]},
                )
    except errors.ProjectionError as exc:
        raise OperationError(str(exc), f"The product was not saved: {exc}") from exc
    return sku


def product_detail(session: Session, sku: str) -> dict[str, str]:
    """The stored product as its edit form's texts, plus 'product_id' for its price history."""
    session.require(Permission.MANAGE_PRODUCTS)
    stored = _stored(session, sku.strip())
    if stored is None:
        raise OperationError(f"ไม่พบสินค้ารหัส {sku}", f"No product with SKU {sku}.")
    product_id = products.sku_id(session.store, str(stored["sku"]))
    return product_form(stored) | {"product_id": str(product_id)}


@dataclass(frozen=True)
class PriceChange:
    """One price change; `old` is None for the price the product was created with."""

    changed_at: str  # UTC ISO-8601
    old: Money | None
    new: Money
    changed_by: str  # the user's name; '' for an import with no user


def price_history(session: Session, product_id: int) -> list[PriceChange]:
    """Every price a product has had, newest first."""
    session.require(Permission.MANAGE_PRODUCTS)
    return [
        PriceChange(
            str(r["changed_at"]),
            None if r["old_price_satang"] is None else Money(int(r["old_price_satang"])),
            Money(int(r["new_price_satang"])),
            str(r["user_name"]),
        )
        for r in price_history_db.for_product(session.store, product_id)
    ]


def product_list(session: Session) -> list[dict[str, str]]:
    """Every product, withdrawn ones too, as form texts plus id and producer name."""
    session.require(Permission.MANAGE_PRODUCTS)
    store = session.store
    ids = products.sku_ids(store)
    names = {code: str(p["name"]) for code, p in products.producer_payloads(store).items()}
    stored = products.product_payloads(store, sorted(ids))
    return [
        product_form(p)
        | {"product_id": str(ids[sku]), "producer_name": names.get(str(p["producer_code"]), "")}
        for sku, p in sorted(stored.items())
    ]
