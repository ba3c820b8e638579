"""Catalogue reads: barcode lookup, product search and quick keys.

Barcodes go to an indexed primary key, never to FTS. Search uses an FTS5
trigram index (Thai has no spaces between words, so word tokenizers fail);
queries shorter than three characters cannot use trigrams and fall back to
a prefix range scan on indexed name columns.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from otop_pos.db.projections.catalogue import PRODUCER_COLUMNS
from otop_pos.db.store import Store
from otop_pos.domain.catalogue.units import unit_of
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import ProductRef

_PRODUCT_COLS = "p.id, p.sku, p.name_th, p.name_en, p.price_satang, p.vat_applicable, p.unit"


def _ref(r: sqlite3.Row | tuple[object, ...]) -> ProductRef:
    return ProductRef(
        product_id=int(r[0]),  # type: ignore[call-overload]
        sku=str(r[1]),
        name_th=str(r[2]),
        name_en=str(r[3]),
        unit_price=Money(int(r[4])),  # type: ignore[call-overload]
        vat_applicable=bool(r[5]),
        unit=unit_of(r[6]),
    )


def by_barcode(store: Store, barcode: str) -> ProductRef | None:
    r = store.one(
        f"SELECT {_PRODUCT_COLS} FROM barcodes b JOIN products p ON p.id = b.product_id"
        " WHERE b.barcode = ? AND p.active",
        (barcode,),
    )
    return None if r is None else _ref(r)


def by_sku(store: Store, sku: str) -> ProductRef | None:
    r = store.one(f"SELECT {_PRODUCT_COLS} FROM products p WHERE p.sku = ? AND p.active", (sku,))
    return None if r is None else _ref(r)


def by_scale_code(store: Store, code: int) -> ProductRef | None:
    """The product on sale whose scale labels carry this item code."""
    r = store.one(
        f"SELECT {_PRODUCT_COLS} FROM products p WHERE p.scale_code = ? AND p.active", (code,)
    )
    return None if r is None else _ref(r)


def by_id(store: Store, product_id: int) -> ProductRef | None:
    r = store.one(f"SELECT {_PRODUCT_COLS} FROM products p WHERE p.id = ?", (product_id,))
    return None if r is None else _ref(r)


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def search(store: Store, query: str, limit: int = 50) -> list[ProductRef]:
    """Active products matching every word of `query` (Thai, English, SKU, producer)."""
    words = [w for w in query.split() if w]
    if not words:
        return []
    long_words = [w for w in words if len(w) >= 3]
    short_words = [w for w in words if len(w) < 3]
    if long_words:
        sql = (
            f"SELECT {_PRODUCT_COLS} FROM product_search s JOIN products p ON p.id = s.rowid"
            " WHERE product_search MATCH ? AND p.active"
        )
        params: list[object] = [" AND ".join(_fts_phrase(w) for w in long_words)]
        for w in short_words:
            sql += " AND (instr(p.name_th, ?) OR instr(lower(p.name_en), ?) OR instr(p.sku, ?))"
            params += [w, w.lower(), w]
        sql += " LIMIT ?"
        params.append(limit)
        return [_ref(r) for r in store.query(sql, params)]
    # Each branch stops after `limit` rows of its own index, so a two-letter
    # query never sorts tens of thousands of matches.
    prefix = short_words[0]
    upper = prefix + "\U0010ffff"
    rows = store.query(
        f"SELECT {_PRODUCT_COLS} FROM products p WHERE p.id IN ("
        " SELECT id FROM (SELECT id FROM products WHERE active AND name_th >= ?1"
        "   AND name_th < ?2 ORDER BY name_th LIMIT ?3)"
        " UNION SELECT id FROM (SELECT id FROM products WHERE active"
        "   AND name_en >= ?1 COLLATE NOCASE AND name_en < ?2 COLLATE NOCASE"
        "   ORDER BY name_en COLLATE NOCASE LIMIT ?3)"
        " UNION SELECT id FROM (SELECT id FROM products WHERE active AND sku >= ?1"
        "   AND sku < ?2 ORDER BY sku LIMIT ?3)"
        ") ORDER BY p.name_th LIMIT ?3",
        (prefix, upper, limit),
    )
    return [_ref(r) for r in rows]


@dataclass(frozen=True)
class QuickKey:
    key: int
    product: ProductRef


def quick_keys(store: Store) -> list[QuickKey]:
    rows = store.query(
        f"SELECT {_PRODUCT_COLS}, p.quick_key FROM products p"
        " WHERE p.quick_key IS NOT NULL AND p.active ORDER BY p.quick_key"
    )
    return [QuickKey(int(r[7]), _ref(r)) for r in rows]


def product_count(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM products"))


def producer_codes(store: Store) -> set[str]:
    return {str(r[0]) for r in store.query("SELECT code FROM producers")}


def existing_barcodes(store: Store) -> dict[str, str]:
    """barcode -> sku, used by the importer to report conflicts by line."""
    return {
        str(r[0]): str(r[1])
        for r in store.query(
            "SELECT b.barcode, p.sku FROM barcodes b JOIN products p ON p.id = b.product_id"
        )
    }


def sku_ids(store: Store) -> dict[str, int]:
    """sku -> product id for the whole catalogue (importer counts, opening stock)."""
    return {str(r[0]): int(r[1]) for r in store.query("SELECT sku, id FROM products")}


def sku_id(store: Store, sku: str) -> int | None:
    """The id of the product with this SKU, on sale or not."""
    value = store.scalar("SELECT id FROM products WHERE sku = ?", (sku,))
    return None if value is None else int(value)


def quick_key_owners(store: Store) -> dict[int, str]:
    """quick key -> sku of the product holding it."""
    return {
        int(r[0]): str(r[1])
        for r in store.query("SELECT quick_key, sku FROM products WHERE quick_key IS NOT NULL")
    }


def product_payloads(store: Store, skus: list[str]) -> dict[str, dict[str, object]]:
    """The stored 'product_upsert' form of these products (absent ones are left out)."""
    found: dict[str, dict[str, object]] = {}
    for start in range(0, len(skus), 500):
        part = skus[start : start + 500]
        marks = ",".join("?" * len(part))
        for r in store.query(
            "SELECT p.id, p.sku, p.name_th, p.name_en, p.category, p.stars, d.code,"
            " p.price_satang, p.vat_applicable, p.ownership, p.quick_key, p.active,"
            " (SELECT group_concat(barcode, '|') FROM barcodes b WHERE b.product_id = p.id),"
            " p.commission_bp, p.min_stock, p.unit, p.scale_code"
            f" FROM products p LEFT JOIN producers d ON d.id = p.producer_id WHERE p.sku IN ({marks})",
            part,
        ):
            found[r[1]] = {
                "sku": r[1], "name_th": r[2], "name_en": r[3], "category": r[4],
                "stars": r[5], "producer_code": r[6], "price_satang": r[7],
                "vat_applicable": bool(r[8]), "ownership": r[9], "quick_key": r[10],
                "active": bool(r[11]), "barcodes": sorted(r[12].split("|")) if r[12] else [],
                "commission_bp": r[13], "min_stock": r[14],
            }  # fmt: skip
            if r[15] != "piece":  # written only when not the default, as the payloads are
                found[r[1]]["unit"] = r[15]
            if r[16] is not None:
                found[r[1]]["scale_code"] = r[16]
    return found


def measured_skus(store: Store) -> set[str]:
    """SKUs of the products sold by weight or measure."""
    return {str(r[0]) for r in store.query("SELECT sku FROM products WHERE unit != 'piece'")}


def moved_skus(store: Store, skus: list[str]) -> set[str]:
    """Those of these SKUs whose stock has ever moved: their unit can no longer change."""
    found: set[str] = set()
    for start in range(0, len(skus), 500):
        part = skus[start : start + 500]
        found |= {
            str(r[0])
            for r in store.query(
                "SELECT p.sku FROM products p WHERE p.sku IN"
                f" ({','.join('?' * len(part))}) AND EXISTS"
                " (SELECT 1 FROM stock_movements m WHERE m.product_id = p.id)",
                part,
            )
        }
    return found


def scale_code_owners(store: Store) -> dict[int, str]:
    """scale item code -> sku of the product holding it."""
    return {
        int(r[0]): str(r[1])
        for r in store.query("SELECT scale_code, sku FROM products WHERE scale_code IS NOT NULL")
    }


_PRODUCER_FLAGS = ("active", "vat_registered")


def producer_payloads(store: Store) -> dict[str, dict[str, object]]:
    """code -> the stored 'producer_upsert' form of every producer, every column.

    Every column, because the projection fills a missing key with its
    default: an edit that left out the bank details would erase them.
    """
    rows = store.query(f"SELECT {', '.join(PRODUCER_COLUMNS)} FROM producers ORDER BY code")
    found: dict[str, dict[str, object]] = {}
    for r in rows:
        payload = dict(zip(PRODUCER_COLUMNS, r, strict=True))
        for flag in _PRODUCER_FLAGS:
            payload[flag] = bool(payload[flag])
        found[str(r[0])] = payload
    return found


def sale_terms(store: Store, product_ids: list[int]) -> dict[int, tuple[str | None, str, int]]:
    """product id -> (producer code, ownership, commission rate) in force now, for a sale."""
    ids = sorted(set(product_ids))
    rows = store.query(
        "SELECT p.id, r.code, p.ownership, coalesce(p.commission_bp, r.commission_bp, 0)"
        " FROM products p LEFT JOIN producers r ON r.id = p.producer_id"
        f" WHERE p.id IN ({', '.join('?' * len(ids))})",
        ids,
    )
    return {int(r[0]): (r[1], str(r[2]), int(r[3])) for r in rows}


def barcode_owners(store: Store, codes: list[str]) -> dict[str, str]:
    """barcode -> sku of the product holding it, for these codes only (the edit form)."""
    marks = ",".join("?" * len(codes))
    rows = store.query(
        "SELECT b.barcode, p.sku FROM barcodes b JOIN products p ON p.id = b.product_id"
        f" WHERE b.barcode IN ({marks})",
        codes,
    )
    return {str(r[0]): str(r[1]) for r in rows}


def producer_rows(store: Store) -> list[dict[str, object]]:
    """Every producer by code, with its count of products on sale and whether it has a PIN."""
    extra = ("products", "has_pin")
    rows = store.query(
        f"SELECT {', '.join('r.' + c for c in PRODUCER_COLUMNS)},"
        " (SELECT count(*) FROM products p WHERE p.producer_id = r.id AND p.active),"
        " EXISTS (SELECT 1 FROM producer_pins n WHERE n.producer_id = r.id)"
        " FROM producers r ORDER BY r.code"
    )
    found = []
    for r in rows:
        row = dict(zip((*PRODUCER_COLUMNS, *extra), r, strict=True))
        found.append(row | {flag: bool(row[flag]) for flag in (*_PRODUCER_FLAGS, "has_pin")})
    return found


def shelf_rows(
    store: Store, skus: list[str] | None = None, producer_code: str | None = None
) -> list[sqlite3.Row]:
    """What a shelf label shows, for these SKUs (in that order) or a producer's active goods."""
    sql = (
        "SELECT p.sku, p.name_th, p.name_en, p.price_satang, p.stars, p.active, p.unit,"
        " coalesce(r.name, '') AS producer_name,"
        " (SELECT min(barcode) FROM barcodes b WHERE b.product_id = p.id"
        "   AND length(barcode) = 13) AS ean13,"
        " (SELECT min(barcode) FROM barcodes b WHERE b.product_id = p.id) AS any_code"
        " FROM products p LEFT JOIN producers r ON r.id = p.producer_id"
    )
    if producer_code is not None:
        return store.query(sql + " WHERE r.code = ? AND p.active ORDER BY p.sku", (producer_code,))
    wanted = list(dict.fromkeys(skus or []))
    found = {
        str(r["sku"]): r
        for r in store.query(sql + f" WHERE p.sku IN ({','.join('?' * len(wanted))})", wanted)
    }
    return [found[s] for s in wanted if s in found]
