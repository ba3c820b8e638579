"""Plausible extra products, to try the till and search at provincial scale.

Names combine an OTOP product kind with two variants (colour and length,
flavour and size...) so search results look like a real catalogue rather
than 'Product 123'. Everything comes from a seeded Random: the same N gives
the same catalogue on every machine. In-store EAN-13s start with 200, a
prefix GS1 reserves for restricted in-store use, so they cannot collide
with a producer's 885 barcode or the demo file's 21 labels.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from otop_pos.domain.catalogue.barcode import make_ean13

_COLOURS = [
    ("สีแดงครั่ง", "lac red"), ("สีคราม", "indigo"), ("สีเหลืองดอกลำดวน", "lamduan yellow"),
    ("สีม่วง", "purple"), ("สีเขียวใบตอง", "banana-leaf green"), ("สีชมพู", "pink"),
    ("สีน้ำตาลเปลือกประดู่", "padauk brown"), ("สีดำมะเกลือ", "ebony black"),
    ("สีครีม", "cream"), ("สีฟ้า", "sky blue"),
]  # fmt: skip
_PATTERNS = [
    ("ลายดอกลำดวน", "lamduan flower"), ("ลายนาค", "naga"), ("ลายขอ", "hook"),
    ("ลายหมากจับ", "mak jap"), ("ลายโคม", "lantern"), ("ลายดอกแก้ว", "dok kaeo"),
    ("ลายลูกแก้ว", "luk kaeo"), ("ลายปราสาท", "prasat"),
]  # fmt: skip
_LENGTHS = [("1 เมตร", "1 m", 0.5), ("2 เมตร", "2 m", 1.0), ("4 เมตร", "4 m", 1.9)]
_SIZES = [("ไซซ์ S", "S", 1.0), ("ไซซ์ M", "M", 1.0), ("ไซซ์ L", "L", 1.05), ("ไซซ์ XL", "XL", 1.1)]
_CRAFT_SIZES = [("ใบเล็ก", "small", 0.7), ("ใบกลาง", "medium", 1.0), ("ใบใหญ่", "large", 1.5)]
_FLAVOURS = [
    ("รสดั้งเดิม", "original"), ("รสเผ็ด", "spicy"), ("สูตรน้ำผึ้ง", "honey"),
    ("สูตรหวานน้อย", "less sugar"), ("รสสมุนไพร", "herbal"), ("รสต้มยำ", "tom yum"),
]  # fmt: skip
_WEIGHTS = [("100 กรัม", "100 g", 0.6), ("250 กรัม", "250 g", 1.0), ("500 กรัม", "500 g", 1.8)]
_VOLUMES = [("250 มล.", "250 ml", 0.6), ("500 มล.", "500 ml", 1.0), ("750 มล.", "750 ml", 1.4)]
_SCENTS = [
    ("กลิ่นตะไคร้", "lemongrass"), ("ขมิ้นชัน", "turmeric"), ("มะกรูด", "kaffir lime"),
    ("อัญชัน", "butterfly pea"), ("ไพล", "plai"), ("ใบหม่อน", "mulberry leaf"),
]  # fmt: skip
_SMALL = [("ขนาดพกพา", "travel size", 0.6), ("ขนาดปกติ", "regular", 1.0), ("แพ็กคู่", "twin pack", 1.8)]

# category, Thai kind, English kind, base price (baht), first variants, second variants
_KINDS: list[tuple[str, str, str, int, list[Any], list[Any]]] = [
    ("textile", "ผ้าไหมมัดหมี่", "Mudmee silk", 1600, _PATTERNS, _LENGTHS),
    ("textile", "ผ้าไหมลายลูกแก้ว", "Luk kaeo silk", 1500, _COLOURS, _LENGTHS),
    ("textile", "ผ้าฝ้ายย้อมคราม", "Indigo cotton", 450, _PATTERNS, _LENGTHS),
    ("textile", "ผ้าขาวม้า", "Pha khao ma", 180, _COLOURS, _LENGTHS),
    ("textile", "ผ้าซิ่นตีนจก", "Tin jok sarong", 3200, _COLOURS, _LENGTHS),
    ("textile", "เสื้อผ้าฝ้ายทอมือ", "Handwoven cotton shirt", 590, _COLOURS, _SIZES),
    ("textile", "เสื้อผ้าไหม", "Silk shirt", 1390, _PATTERNS, _SIZES),
    ("food", "ทุเรียนภูเขาไฟฉาบ", "Volcanic durian chips", 180, _FLAVOURS, _WEIGHTS),
    ("food", "หอมแดงเจียว", "Fried shallots", 65, _FLAVOURS, _WEIGHTS),
    ("food", "กระเทียมดอง", "Pickled garlic", 85, _FLAVOURS, _WEIGHTS),
    ("food", "น้ำพริกเผา", "Roasted chilli paste", 55, _FLAVOURS, _WEIGHTS),
    ("food", "กล้วยตาก", "Dried bananas", 60, _FLAVOURS, _WEIGHTS),
    ("food", "ข้าวเกรียบ", "Rice crackers", 40, _FLAVOURS, _WEIGHTS),
    ("food", "มะม่วงกวน", "Mango paste", 70, _FLAVOURS, _WEIGHTS),
    ("drink", "ชาใบหม่อน", "Mulberry leaf tea", 85, _FLAVOURS, _WEIGHTS),
    ("drink", "น้ำมะขามป้อม", "Makham pom juice", 45, _FLAVOURS, _VOLUMES),
    ("drink", "กาแฟภูเขาไฟคั่ว", "Roasted volcanic coffee", 250, _FLAVOURS, _WEIGHTS),
    ("drink", "ไวน์ลูกหว้า", "Java plum wine", 260, _FLAVOURS, _VOLUMES),
    ("drink", "น้ำกระเจี๊ยบ", "Roselle juice", 35, _FLAVOURS, _VOLUMES),
    ("herbal", "ยาหม่องสมุนไพร", "Herbal balm", 45, _SCENTS, _SMALL),
    ("herbal", "ลูกประคบสมุนไพร", "Herbal compress", 70, _SCENTS, _SMALL),
    ("herbal", "สบู่สมุนไพร", "Herbal soap", 59, _SCENTS, _SMALL),
    ("herbal", "ยาดมสมุนไพร", "Herbal inhaler", 30, _SCENTS, _SMALL),
    ("herbal", "น้ำมันนวดสมุนไพร", "Herbal massage oil", 95, _SCENTS, _SMALL),
    ("household", "ตะกร้าสานไม้ไผ่", "Woven bamboo basket", 220, _COLOURS, _CRAFT_SIZES),
    ("household", "กระติบข้าวเหนียว", "Sticky rice basket", 80, _PATTERNS, _CRAFT_SIZES),
    ("household", "กระเป๋าผ้าไหม", "Silk bag", 690, _PATTERNS, _CRAFT_SIZES),
    ("household", "หมอนอิงผ้าขิด", "Khit cushion", 390, _COLOURS, _CRAFT_SIZES),
    ("household", "โคมไฟไม้ไผ่", "Bamboo lamp", 550, _PATTERNS, _CRAFT_SIZES),
]


def _price(rng: random.Random, base: int, factor: float) -> int:
    """Satang, rounded the way shops price: to 5 baht above 100, else to 50 satang."""
    baht = base * factor * rng.uniform(0.8, 1.3)
    if baht >= 100:
        return int(round(baht / 5) * 500)
    return max(50, int(round(baht * 2) * 50))


def synthetic_products(
    rng: random.Random, count: int, producers_by_category: dict[str, list[str]], chunk: int
) -> Iterator[list[dict[str, Any]]]:
    """'product_upsert' payloads SYN000001..., yielded `chunk` at a time."""
    makers: dict[str, list[str | None]] = {
        kind[0]: [*producers_by_category.get(kind[0], [])] or [None] for kind in _KINDS
    }
    batch: list[dict[str, Any]] = []
    for n in range(1, count + 1):
        category, th, en, base, firsts, seconds = _KINDS[rng.randrange(len(_KINDS))]
        a_th, a_en = rng.choice(firsts)
        b_th, b_en, factor = rng.choice(seconds)
        batch.append(
            {
                "sku": f"SYN{n:06d}",
                "name_th": f"{th} {a_th} {b_th}",
                "name_en": f"{en}, {a_en}, {b_en}",
                "category": category,
                "stars": rng.choice((3, 4, 4, 4, 5)),
                "producer_code": rng.choice(makers[category]),
                "price_satang": _price(rng, base, factor),
                "vat_applicable": True,
                "ownership": "consigned" if rng.random() < 0.9 else "owned",
                "quick_key": None,
                "active": True,
                "barcodes": [make_ean13(f"200{n:09d}")],
            }
        )
        if len(batch) == chunk:
            yield batch
            batch = []
    if batch:
        yield batch
