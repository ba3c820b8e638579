"""Who may do what. Checked by every operation, not by the UI alone.

Two roles only: OTOP centres are small, and a manager standing next to the
cashier approves the rest by logging in for that action.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CASHIER = "cashier"
    MANAGER = "manager"


class Permission(StrEnum):
    SELL = "sell"
    HOLD_SALE = "hold_sale"
    VOID_CART = "void_cart"
    REPRINT_RECEIPT = "reprint_receipt"
    VOID_SALE = "void_sale"
    REFUND = "refund"
    MANAGE_PRODUCTS = "manage_products"
    IMPORT_PRODUCTS = "import_products"
    MANAGE_USERS = "manage_users"
    MANAGE_SETTINGS = "manage_settings"
    OPEN_DRAWER = "open_drawer"
    ISSUE_TAX_INVOICE = "issue_tax_invoice"
    VIEW_SALES = "view_sales"
    VIEW_REPORTS = "view_reports"
    CLOSE_DAY = "close_day"
    SHIFT = "shift"
    CASH_MOVE = "cash_move"
    DISCOUNT = "discount"
    PRICE_OVERRIDE = "price_override"
    VIEW_AUDIT = "view_audit"
    MANAGE_PRODUCERS = "manage_producers"
    RECEIVE_GOODS = "receive_goods"
    VIEW_STOCK = "view_stock"
    COUNT_STOCK = "count_stock"
    ADJUST_STOCK = "adjust_stock"
    RETURN_TO_PRODUCER = "return_to_producer"
    SETTLE_PRODUCERS = "settle_producers"
    PAY_PRODUCERS = "pay_producers"


ACTION_TH: dict[Permission, str] = {
    Permission.SELL: "ขายสินค้า",
    Permission.HOLD_SALE: "พักบิล",
    Permission.VOID_CART: "ยกเลิกรายการในตะกร้า",
    Permission.REPRINT_RECEIPT: "พิมพ์ใบเสร็จซ้ำ",
    Permission.VOID_SALE: "ยกเลิกบิลขาย",
    Permission.REFUND: "คืนเงินหรือรับคืนสินค้า",
    Permission.MANAGE_PRODUCTS: "แก้ไขข้อมูลสินค้า",
    Permission.IMPORT_PRODUCTS: "นำเข้าข้อมูลสินค้า",
    Permission.MANAGE_USERS: "จัดการผู้ใช้",
    Permission.MANAGE_SETTINGS: "ตั้งค่าระบบ",
    Permission.OPEN_DRAWER: "เปิดลิ้นชักเก็บเงิน",
    Permission.ISSUE_TAX_INVOICE: "ออกใบกำกับภาษีเต็มรูป",
    Permission.VIEW_SALES: "เปิดดูบิลขายย้อนหลัง",
    Permission.VIEW_REPORTS: "ดูรายงานยอดขาย",
    Permission.CLOSE_DAY: "ปิดยอดประจำวัน (Z)",
    Permission.SHIFT: "เปิดหรือปิดกะ",
    Permission.CASH_MOVE: "นำเงินเข้าหรือออกจากลิ้นชัก",
    Permission.DISCOUNT: "ให้ส่วนลดเกินเกณฑ์",
    Permission.PRICE_OVERRIDE: "แก้ราคาขาย",
    Permission.VIEW_AUDIT: "ดูบันทึกการอนุมัติ",
    Permission.MANAGE_PRODUCERS: "แก้ไขข้อมูลผู้ผลิต",
    Permission.RECEIVE_GOODS: "รับสินค้าเข้า",
    Permission.VIEW_STOCK: "ดูสต็อกสินค้า",
    Permission.COUNT_STOCK: "บันทึกผลการตรวจนับสต็อก",
    Permission.ADJUST_STOCK: "ปรับยอดสต็อก",
    Permission.RETURN_TO_PRODUCER: "คืนสินค้าให้ผู้ผลิต",
    Permission.SETTLE_PRODUCERS: "ปิดยอดผู้ผลิต",
    Permission.PAY_PRODUCERS: "จ่ายเงินผู้ผลิต",
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CASHIER: frozenset(
        {
            Permission.SELL,
            Permission.HOLD_SALE,
            Permission.VOID_CART,
            Permission.REPRINT_RECEIPT,
            Permission.ISSUE_TAX_INVOICE,  # customers ask at the counter
            Permission.SHIFT,  # a cashier counts their own drawer in and out
            Permission.CASH_MOVE,
            Permission.VIEW_STOCK,  # "is there another one in the back?"
        }
    ),
    Role.MANAGER: frozenset(Permission),
}


class PermissionDenied(Exception):
    """The user's role lacks a permission; the message names the action in Thai."""

    def __init__(self, role: Role, permission: Permission) -> None:
        self.role = role
        self.permission = permission
        action = ACTION_TH.get(permission, permission)
        super().__init__(f"ไม่มีสิทธิ์{action} กรุณาให้ผู้จัดการดำเนินการ")


def can(role: Role, perm: Permission) -> bool:
    """True if ``role`` may do ``perm``; an unknown role may do nothing."""
    try:
        return Permission(perm) in ROLE_PERMISSIONS.get(Role(role), frozenset())
    except ValueError:
        return False


def require(role: Role, perm: Permission) -> None:
    """Raise ``PermissionDenied`` unless ``role`` may do ``perm``."""
    if not can(role, perm):
        raise PermissionDenied(role, perm)
