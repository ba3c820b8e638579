"""Screen texts in Thai (default) and English.

A small table of our own rather than Qt .ts/.qm files: the team edits one
Python file, and tests can check that every key has both languages.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "app_title": ("OTOP POS", "OTOP POS"),
    "login_title": ("เข้าสู่ระบบ", "Log in"),
    "login_user": ("ผู้ใช้", "User"),
    "login_pin": ("รหัส PIN", "PIN"),
    "login_hint": ("เลือกชื่อ พิมพ์ PIN แล้วกด Enter", "Pick your name, type your PIN, press Enter"),
    "login_button": ("เข้าสู่ระบบ", "Log in"),
    "role_cashier": ("แคชเชียร์", "Cashier"),
    "role_manager": ("ผู้จัดการ", "Manager"),
    "barcode_placeholder": (
        "สแกนบาร์โค้ด หรือพิมพ์รหัส (3* = จำนวน 3)",
        "Scan or type a code (3* = qty 3)",
    ),
    "search_placeholder": ("ค้นหาสินค้า (F2)", "Search products (F2)"),
    "col_no": ("#", "#"),
    "col_name": ("สินค้า", "Product"),
    "col_qty": ("จำนวน", "Qty"),
    "col_price": ("ราคา", "Price"),
    "col_amount": ("รวม", "Amount"),
    "total": ("ยอดรวม", "Total"),
    "items": ("{lines} รายการ {pieces} ชิ้น", "{lines} lines, {pieces} pcs"),
    "pay": ("ชำระเงิน (F12)", "Pay (F12)"),
    "hold": ("พักบิล (F8)", "Hold (F8)"),
    "resume": ("เรียกบิล (F9)", "Resume (F9)"),
    "void": ("ยกเลิกบิล (F10)", "Void sale (F10)"),
    "qty": ("แก้จำนวน (F4)", "Quantity (F4)"),
    "remove": ("ลบรายการ (Del)", "Remove (Del)"),
    "help": ("คีย์ลัด (F1)", "Keys (F1)"),
    "logout": ("ออกจากระบบ", "Log out"),
    "reprint": ("พิมพ์ใบเสร็จซ้ำ (F11)", "Reprint (F11)"),
    "quick_keys": ("ปุ่มลัดสินค้า", "Quick keys"),
    "last_change": ("เงินทอน {amount}", "Change {amount}"),
    "sale_done": ("ขายแล้ว เลขที่ {no}", "Sold, receipt {no}"),
    "not_printed": ("ใบเสร็จไม่ได้พิมพ์: {why}", "Receipt not printed: {why}"),
    "printed_copy": ("พิมพ์สำเนาใบเสร็จ {no} แล้ว", "Printed a copy of {no}"),
    "added": ("เพิ่ม {name} x{qty}", "Added {name} x{qty}"),
    "cashier": ("พนักงาน: {name}", "Cashier: {name}"),
    "pay_title": ("รับชำระเงิน", "Payment"),
    "remaining": ("คงเหลือ", "Still to pay"),
    "tender_cash": ("เงินสด", "Cash"),
    "tender_promptpay": ("พร้อมเพย์", "PromptPay"),
    "tender_card": ("บัตร", "Card"),
    "tender_transfer": ("โอนเงิน", "Transfer"),
    "tender_copay": ("รัฐร่วมจ่าย", "Co-payment"),
    "tender_amount": ("จำนวนเงิน (ว่าง = ยอดคงเหลือ)", "Amount (empty = all that is left)"),
    "bank_ref": ("เลขอ้างอิงธนาคาร (ถ้ามี)", "Bank reference (optional)"),
    "qr_caption": (
        "ให้ลูกค้าสแกนจ่าย {amount} บาท แล้วกด Enter เมื่อเงินเข้าแล้ว",
        "Customer scans to pay {amount}; press Enter once the money has arrived",
    ),
    "customer_scan": ("สแกนจ่ายด้วยแอปธนาคาร (พร้อมเพย์)", "Scan with your banking app (PromptPay)"),
    "qr_print": ("พิมพ์ QR ให้ลูกค้าสแกน", "Print the QR for the customer"),
    "card_last4": ("เลขท้ายบัตร 4 หลัก", "Card's last 4 digits"),
    "approval_code": ("รหัสอนุมัติ", "Approval code"),
    "transfer_ref": ("เลขอ้างอิงการโอน", "Transfer reference"),
    "copay_scheme": ("โครงการ", "Scheme"),
    "copay_customer": ("ลูกค้าจ่าย", "Customer pays"),
    "copay_government": ("รัฐจ่าย", "Government pays"),
    "copay_ref": ("เลขอ้างอิงจากแอป", "App reference"),
    "copay_over_cap": (
        "ส่วนที่รัฐจ่ายถูกจำกัดตามวงเงินต่อวัน",
        "The government's share is limited by the daily cap",
    ),
    "due": ("ยอดที่ต้องชำระ", "Amount due"),
    "tendered": ("รับเงิน", "Cash received"),
    "change": ("เงินทอน", "Change"),
    "exact": ("พอดี", "Exact"),
    "confirm": ("ยืนยัน (Enter)", "Confirm (Enter)"),
    "cancel": ("ยกเลิก (Esc)", "Cancel (Esc)"),
    "void_confirm": ("ยกเลิกบิลนี้ทั้งหมด?", "Void the whole sale?"),
    "qty_prompt": ("จำนวนใหม่", "New quantity"),
    "held_title": ("บิลที่พักไว้", "Held sales"),
    "held_none": ("ไม่มีบิลที่พักไว้", "No held sales"),
    "held_row": (
        "{label} {total} บาท ({items} ชิ้น) {time}",
        "{label} {total} THB ({items} pcs) {time}",
    ),
    "no_results": ("ไม่พบสินค้า", "No products found"),
    "keymap_title": ("คีย์ลัด", "Keyboard"),
    "preview_title": ("ใบเสร็จล่าสุด", "Last receipt"),
    "select_line": ("เลือกรายการก่อน", "Select a line first"),
    "cart_empty": ("ยังไม่มีรายการสินค้า", "The cart is empty"),
    "close": ("ปิด (Esc)", "Close (Esc)"),
    "past_sale_title": ("เปิดบิลย้อนหลัง", "Open a past sale"),
    "past_sale_found": ("บิลเลขที่ {no}", "Sale {no}"),
    "past_sale_invoiced": ("(ออกใบกำกับภาษีเต็มรูปแล้ว)", "(full tax invoice issued)"),
    "tax_invoice_title": ("ออกใบกำกับภาษีเต็มรูป", "Issue a full tax invoice"),
    "invoice_receipt": ("เลขที่ใบเสร็จ (พิมพ์หรือสแกน)", "Receipt no. (type or scan)"),
    "invoice_name": ("ชื่อผู้ซื้อ", "Buyer's name"),
    "invoice_tax_id": ("เลขประจำตัวผู้เสียภาษี", "Tax ID"),
    "invoice_branch": ("สาขา", "Branch"),
    "invoice_branch_hint": ("ว่าง = สำนักงานใหญ่ หรือเลขสาขา", "Empty = head office, or number"),
    "invoice_address": ("ที่อยู่", "Address"),
    "invoice_postcode": ("รหัสไปรษณีย์", "Postcode"),
    "invoice_person": ("ผู้ซื้อเป็นบุคคลธรรมดา", "The buyer is a person"),
    "buyer_search": (
        "ค้นหาผู้ซื้อเดิม (ชื่อหรือเลขผู้เสียภาษี)",
        "Find a previous buyer (name or tax ID)",
    ),
    "invoice_issue": ("ออกใบกำกับภาษี (Enter)", "Issue (Enter)"),
    "invoice_done": (
        "ออกใบกำกับภาษีเลขที่ {no} แล้ว บันทึก PDF ที่ {path}",
        "Issued tax invoice {no}; PDF saved to {path}",
    ),
}

KEYMAP: list[tuple[str, str, str]] = [
    ("Enter", "สแกน / เพิ่มสินค้า", "Scan / add the product"),
    ("3*  แล้วสแกน", "จำนวน 3 ชิ้น", "Quantity 3, then scan"),
    ("F1", "แสดงคีย์ลัด", "Show this key map"),
    ("F2", "ค้นหาสินค้า", "Search products"),
    ("F4", "แก้จำนวนรายการที่เลือก", "Change the selected line's quantity"),
    ("Delete", "ลบรายการที่เลือก", "Remove the selected line"),
    ("↑ / ↓", "เลือกรายการในตะกร้า", "Select a cart line"),
    ("F6", "เปิดบิลย้อนหลัง (ผู้จัดการ)", "Open a past sale (manager)"),
    ("F7", "ออกใบกำกับภาษีเต็มรูป", "Issue a full tax invoice"),
    ("F8", "พักบิล", "Hold the sale"),
    ("F9", "เรียกบิลที่พักไว้", "Resume a held sale"),
    ("F10", "ยกเลิกบิล", "Void the sale in progress"),
    ("F11", "พิมพ์ใบเสร็จล่าสุดซ้ำ (สำเนา)", "Reprint the last receipt (copy)"),
    ("F12", "ชำระเงิน", "Pay"),
    ("Esc", "กลับไปช่องสแกน", "Back to the barcode field"),
    ("Ctrl+1..9", "ปุ่มลัดสินค้า", "Quick keys"),
]

_lang = "th"


def set_language(lang: str) -> None:
    global _lang
    _lang = "en" if lang == "en" else "th"


def language() -> str:
    return _lang


def tr(key: str, **values: object) -> str:
    th, en = TEXTS[key]
    text = en if _lang == "en" else th
    return text.format(**values) if values else text
