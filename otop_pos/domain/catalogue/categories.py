"""The five OTOP product categories: codes as the journal keeps them, names as people read them.

Shared by the till's reports and the provincial server's, so a category is
named the same on a Z and on the province's figures.
"""

from __future__ import annotations

CATEGORIES: dict[str, str] = {
    "food": "อาหาร",
    "drink": "เครื่องดื่ม",
    "textile": "ผ้าและเครื่องแต่งกาย",
    "household": "ของใช้ ของตกแต่ง ของที่ระลึก",
    "herbal": "สมุนไพรที่ไม่ใช่อาหาร",
}
CATEGORIES_EN = {
    "food": "Food",
    "drink": "Drinks",
    "textile": "Cloth and clothing",
    "household": "Household, decoration, souvenirs",
    "herbal": "Herbal (non-food)",
}


def category_name(code: str, lang: str = "th") -> str:
    return (CATEGORIES_EN if lang == "en" else CATEGORIES).get(code, code)
