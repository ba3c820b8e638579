"""Texts of the first-run wizard, Thai and English side by side, read with `setup_text`."""

from __future__ import annotations

from otop_pos.ui.texts.i18n import language

TEXTS: dict[str, tuple[str, str]] = {
    "su_title": ("ตั้งค่าศูนย์ OTOP ใหม่", "Set up a new OTOP centre"),
    "su_next": ("ถัดไป >", "Next >"),
    "su_back": ("< ย้อนกลับ", "< Back"),
    "su_finish": ("สร้างศูนย์และเปิดเครื่อง", "Create the centre and open the till"),
    "su_cancel": ("ยกเลิก", "Cancel"),
    # page 1: the centre
    "su_centre_title": ("1. ศูนย์ของคุณ", "1. Your centre"),
    "su_centre_intro": (
        "ยังไม่มีฐานข้อมูลของศูนย์ที่ {path}\nกรอกข้อมูลศูนย์ตามที่จะพิมพ์บนใบเสร็จ",
        "There is no centre's database at {path} yet.\nEnter the centre as receipts will print it.",
    ),
    "su_centre_name": ("ชื่อศูนย์ (ภาษาไทย)", "Centre name (Thai)"),
    "su_centre_name_en": ("ชื่อศูนย์ (ภาษาอังกฤษ)", "Centre name (English)"),
    "su_terminal_id": ("รหัสเครื่องนี้", "This till's terminal ID"),
    "su_terminal_hint": (
        "เครื่องแรกของศูนย์ใช้ T01 เครื่องที่สอง T02",
        "The centre's first till is T01, the second T02",
    ),
    # page 2: address and tax
    "su_tax_title": ("2. ที่อยู่และภาษี", "2. Address and tax"),
    "su_tax_intro": (
        "ตามใบทะเบียนภาษีมูลค่าเพิ่ม (ภ.พ.20) และใบอนุญาตใช้เครื่อง POS",
        "As on the VAT registration (Por.Por.20) and the POS permit",
    ),
    "su_address": ("ที่อยู่ (บรรทัดที่พิมพ์บนใบเสร็จ)", "Address (as printed on receipts)"),
    "su_building_street": ("เลขที่ / ถนน", "Number / street"),
    "su_building_number": ("เลขที่", "Number"),
    "su_street": ("ถนน", "Street"),
    "su_codes": (
        "รหัสจังหวัด / อำเภอ / ตำบล / ไปรษณีย์",
        "Province / district / sub-district / postcode",
    ),
    "su_province_code": ("จังหวัด เช่น 33", "Province, e.g. 33"),
    "su_district_code": ("อำเภอ เช่น 3301", "District, e.g. 3301"),
    "su_sub_district_code": ("ตำบล เช่น 330101", "Sub-district, e.g. 330101"),
    "su_postcode": ("ไปรษณีย์", "Postcode"),
    "su_tax_id": ("เลขประจำตัวผู้เสียภาษี 13 หลัก", "13-digit tax ID"),
    "su_branch": ("สำนักงานใหญ่ หรือเลขที่สาขา", "Head office or branch number"),
    "su_branch_hint": (
        "เว้นว่าง = สำนักงานใหญ่ หรือพิมพ์ 1 = สาขาที่ 00001",
        "Empty = head office; 1 = branch 00001",
    ),
    "su_vat": ("จดทะเบียนภาษีมูลค่าเพิ่ม (VAT)", "VAT registered"),
    "su_pos_id": (
        "หมายเลขเครื่อง POS ที่กรมสรรพากรอนุมัติ",
        "POS ID registered with the Revenue Department",
    ),
    # page 3: the first manager
    "su_manager_title": ("3. ผู้จัดการคนแรก", "3. The first manager"),
    "su_manager_intro": (
        "ผู้จัดการคนนี้เพิ่มพนักงาน นำเข้าสินค้า และเปิดปิดกะได้ จำรหัส PIN ไว้ให้ดี",
        "This manager adds staff, imports products and opens shifts. Remember the PIN.",
    ),
    "su_manager_name": ("ชื่อผู้จัดการ", "Manager's name"),
    "su_manager_pin": ("รหัส PIN (ตัวเลข 4-8 หลัก)", "PIN (4-8 digits)"),
    "su_manager_pin_again": ("พิมพ์รหัส PIN อีกครั้ง", "Type the PIN again"),
    # page 4: the receipt printer
    "su_printer_title": ("4. เครื่องพิมพ์ใบเสร็จ", "4. Receipt printer"),
    "su_printer_intro": (
        "เลือกวิธีต่อเครื่องพิมพ์ เปลี่ยนภายหลังได้ในการตั้งค่า",
        "Choose how the printer is connected; it can be changed later in the settings.",
    ),
    "su_printer_kind": ("ต่อแบบ", "Connected by"),
    "su_printer_preview": ("ยังไม่มีเครื่องพิมพ์ (แสดงบนจอ)", "No printer yet (show on screen)"),
    "su_printer_usb": ("USB (รหัสผู้ผลิต:รหัสสินค้า)", "USB (vendor:product ID)"),
    "su_printer_serial": ("พอร์ตอนุกรม (serial)", "Serial port"),
    "su_printer_tcp": ("เครือข่าย (IP:พอร์ต)", "Network (IP:port)"),
    "su_printer_file": ("ไฟล์ (ทดสอบ)", "File (testing)"),
    "su_printer_uri": ("ที่อยู่เครื่องพิมพ์", "Printer address"),
    # page 5: language
    "su_lang_title": ("5. ภาษาของหน้าจอ", "5. Screen language"),
    "su_lang_intro": (
        "ภาษาที่พนักงานเห็นบนหน้าจอ เปลี่ยนภายหลังได้ในการตั้งค่า",
        "The language staff see on screen; it can be changed later in the settings.",
    ),
    "su_lang_th": ("ไทย", "Thai"),
    "su_lang_en": ("English", "English"),
    # page 6: summary
    "su_summary_title": ("6. ตรวจสอบและสร้างศูนย์", "6. Check and create"),
    "su_summary_intro": (
        'ตรวจสอบข้อมูล แล้วกด "สร้างศูนย์และเปิดเครื่อง"',
        'Check the details, then press "Create the centre and open the till".',
    ),
    "su_summary_file": ("ไฟล์ฐานข้อมูล", "Database file"),
    "su_yes": ("ใช่", "Yes"),
    "su_no": ("ไม่ใช่", "No"),
    "su_head_office": ("สำนักงานใหญ่", "Head office"),
    "su_next_steps": (
        "เมื่อสร้างแล้ว เครื่องจะเปิดที่หน้าเข้าสู่ระบบ ผู้จัดการเข้าสู่ระบบด้วย PIN ที่ตั้งไว้ แล้ว\n"
        "1) นำเข้าสินค้าที่หน้าหลังร้าน หรือ otop-pos import-products FILE\n"
        "2) เพิ่มพนักงานแคชเชียร์\n"
        "3) เปิดกะด้วยเงินทอนตั้งต้น แล้วเริ่มขายได้",
        "Once made, the till opens at its login screen; the manager logs in with the PIN, then\n"
        "1) imports the catalogue in the back office, or: otop-pos import-products FILE\n"
        "2) adds the cashiers\n"
        "3) opens a shift with the float, and selling can start.",
    ),
    "su_not_made": ("ยังไม่ได้สร้างศูนย์: {why}", "The centre was not made: {why}"),
}


def setup_text(key: str, **values: object) -> str:
    """The text in the screen's language (`i18n.language`), as `tr` reads its own table."""
    th, en = TEXTS[key]
    text = en if language() == "en" else th
    return text.format(**values) if values else text
