"""Screen texts (Thai, English) for the staff screen and the PIN dialogs; merged into i18n.TEXTS."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # the staff screen -------------------------------------------------------------
    "sf_open": ("พนักงาน", "Staff"),
    "sf_title": ("พนักงานและรหัส PIN", "Staff and PINs"),
    "sf_back": ("กลับ", "Back"),
    "sf_name": ("ชื่อ", "Name"),
    "sf_role": ("ตำแหน่ง", "Role"),
    "sf_status": ("สถานะ", "Status"),
    "sf_lock": ("การล็อก", "Lock-out"),
    "sf_role_cashier": ("พนักงานขาย", "Cashier"),
    "sf_role_manager": ("ผู้จัดการ", "Manager"),
    "sf_active": ("ใช้งานอยู่", "Active"),
    "sf_inactive": ("ปิดการใช้งาน", "Deactivated"),
    "sf_locked": ("ถูกล็อก อีก {s} วินาที", "Locked, {s} s left"),
    "sf_not_locked": ("-", "-"),
    "sf_add": ("เพิ่มพนักงาน", "Add a user"),
    "sf_rename": ("เปลี่ยนชื่อ", "Rename"),
    "sf_make_manager": ("ตั้งเป็นผู้จัดการ", "Make manager"),
    "sf_make_cashier": ("ตั้งเป็นพนักงานขาย", "Make cashier"),
    "sf_deactivate": ("ปิดการใช้งาน", "Deactivate"),
    "sf_reactivate": ("เปิดใช้งานอีกครั้ง", "Reactivate"),
    "sf_reset_pin": ("ตั้งรหัส PIN ใหม่", "Reset PIN"),
    "sf_unlock": ("ปลดล็อก", "Unlock"),
    "sf_pick_first": ("เลือกพนักงานในตารางก่อน", "Pick a user in the table first."),
    "sf_hint": (
        "พนักงานที่ปิดการใช้งานจะเข้าสู่ระบบไม่ได้ แต่ชื่อยังอยู่ในบิลและรายงานเดิม",
        "A deactivated user cannot log in; their name stays on old sales and reports.",
    ),
    "sf_added": ("เพิ่ม {name} แล้ว", "{name} added."),
    "sf_renamed": ("เปลี่ยนชื่อเป็น {name} แล้ว", "Renamed to {name}."),
    "sf_role_done": ("{name} เป็น{role}แล้ว", "{name} is now {role}."),
    "sf_deactivated": ("ปิดการใช้งาน {name} แล้ว", "{name} deactivated."),
    "sf_reactivated": ("เปิดใช้งาน {name} อีกครั้งแล้ว", "{name} reactivated."),
    "sf_pin_done": ("ตั้งรหัส PIN ใหม่ให้ {name} แล้ว", "New PIN set for {name}."),
    "sf_unlocked": ("ปลดล็อก {name} แล้ว", "{name} unlocked."),
    "sf_confirm_title": ("ยืนยัน", "Please confirm"),
    "sf_confirm_deactivate": (
        "ปิดการใช้งาน {name} หรือไม่?\nจะเข้าสู่ระบบไม่ได้จนกว่าจะเปิดใช้งานอีกครั้ง",
        "Deactivate {name}?\nThey cannot log in until reactivated.",
    ),
    "sf_confirm_role": ("ตั้ง {name} เป็น{role}หรือไม่?", "Make {name} {role}?"),
    "sf_yes": ("ใช่ ดำเนินการ", "Yes, do it"),
    "sf_no": ("ไม่", "No"),
    # the user and PIN dialogs ------------------------------------------------------
    "sf_add_title": ("เพิ่มพนักงาน", "Add a user"),
    "sf_rename_title": ("เปลี่ยนชื่อพนักงาน", "Rename a user"),
    "sf_reset_title": ("ตั้งรหัส PIN ใหม่ให้ {name}", "New PIN for {name}"),
    "sf_pin": ("รหัส PIN (4-8 หลัก)", "PIN (4-8 digits)"),
    "sf_pin_again": ("พิมพ์รหัส PIN อีกครั้ง", "The PIN again"),
    "sf_pin_rule": (
        "ห้ามใช้เลขซ้ำกันทั้งหมด (1111) หรือเลขเรียง (1234, 4321)",
        "Not one digit repeated (1111) nor digits in a row (1234, 4321).",
    ),
    "sf_pin_mismatch": (
        "รหัส PIN ที่พิมพ์สองครั้งไม่ตรงกัน กรุณาพิมพ์ใหม่",
        "The two PINs differ. Please type them again.",
    ),
    "sf_save": ("บันทึก", "Save"),
    # changing one's own PIN ----------------------------------------------------------
    "menu_change_pin": ("เปลี่ยนรหัส PIN ของฉัน", "Change my PIN"),
    "sf_own_title": ("เปลี่ยนรหัส PIN ของฉัน", "Change my PIN"),
    "sf_old_pin": ("รหัส PIN เดิม", "Current PIN"),
    "sf_new_pin": ("รหัส PIN ใหม่ (4-8 หลัก)", "New PIN (4-8 digits)"),
    "sf_own_done": (
        "เปลี่ยนรหัส PIN แล้ว ใช้รหัสใหม่ตั้งแต่การเข้าสู่ระบบครั้งหน้า",
        "PIN changed. Use the new one from your next login.",
    ),
}
