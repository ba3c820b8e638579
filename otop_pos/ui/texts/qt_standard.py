"""Qt's own words in Thai: standard buttons, message and file dialogs, edit menus.

PySide6 ships no ``qtbase_th.qm``, so without this a Thai screen shows
Qt's English (Yes/No, OK/Cancel, Save, Open, File name). ``QtThai`` is a
translator that answers Qt's ``translate(context, source)`` calls from the
table below while the screens speak Thai, and leaves Qt's English otherwise.
``install`` puts it on the application and makes file dialogs Qt's own
(not the operating system's), so they are translated too. The table was
taken by recording which (context, source) pairs Qt asks for while it shows a
message box with every standard button, the file dialogs and an edit menu.
Key names (Alt+Left, Ctrl, Enter) are never translated: Qt reads them back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication

from otop_pos.ui.texts.i18n import language

_EDIT = {
    "&Undo": "เลิกทำ",
    "&Redo": "ทำซ้ำ",
    "Cu&t": "ตัด",
    "&Copy": "คัดลอก",
    "&Paste": "วาง",
    "Delete": "ลบ",
    "Select All": "เลือกทั้งหมด",
    "Copy &Link Location": "คัดลอกที่อยู่ลิงก์",
}

THAI: dict[str, dict[str, str]] = {
    # every standard button (QMessageBox, QDialogButtonBox, QInputDialog) asks here
    "QPlatformTheme": {
        "OK": "ตกลง",
        "Save": "บันทึก",
        "Save All": "บันทึกทั้งหมด",
        "Open": "เปิด",
        "&Yes": "ใช่",
        "Yes to &All": "ใช่ทั้งหมด",
        "&No": "ไม่ใช่",
        "N&o to All": "ไม่ใช่ทั้งหมด",
        "Abort": "หยุด",
        "Retry": "ลองอีกครั้ง",
        "Ignore": "ข้าม",
        "Close": "ปิด",
        "Cancel": "ยกเลิก",
        "Discard": "ไม่บันทึก",
        "Help": "วิธีใช้",
        "Apply": "ใช้",
        "Reset": "ตั้งใหม่",
        "Restore Defaults": "คืนค่าเริ่มต้น",
    },
    "QMessageBox": {
        "Show Details...": "แสดงรายละเอียด...",
        "Hide Details...": "ซ่อนรายละเอียด...",
    },
    "QInputDialog": {"Enter a value:": "ใส่ค่า:"},
    "QFileDialog": {
        "&Look in:": "ดูใน:",
        "Look in:": "ดูใน:",
        "File &name:": "ชื่อไฟล์:",
        "Files of &type:": "ชนิดไฟล์:",
        "Directory:": "โฟลเดอร์:",
        "&Open": "เปิด",
        "&Save": "บันทึก",
        "&Choose": "เลือก",
        "Open": "เปิดไฟล์",
        "Save As": "บันทึกเป็น",
        "Find Directory": "เลือกโฟลเดอร์",
        "Back": "ย้อนกลับ",
        "Forward": "ไปข้างหน้า",
        "Go back": "ย้อนกลับ",
        "Go forward": "ไปข้างหน้า",
        "Parent Directory": "โฟลเดอร์ระดับบน",
        "Go to the parent directory": "ไปโฟลเดอร์ระดับบน",
        "Create New Folder": "สร้างโฟลเดอร์ใหม่",
        "Create a New Folder": "สร้างโฟลเดอร์ใหม่",
        "New Folder": "โฟลเดอร์ใหม่",
        "&New Folder": "โฟลเดอร์ใหม่",
        "List View": "แสดงเป็นรายการ",
        "Detail View": "แสดงรายละเอียด",
        "Change to list view mode": "แสดงเป็นรายการ",
        "Change to detail view mode": "แสดงรายละเอียด",
        "List of places and bookmarks": "ที่เก็บไฟล์และที่คั่นไว้",
        "Sidebar": "แถบข้าง",
        "Recent Places": "ที่ใช้ล่าสุด",
        "My Computer": "คอมพิวเตอร์",
        "Files": "ไฟล์",
        "All Files (*)": "ไฟล์ทั้งหมด (*)",
        "Show &hidden files": "แสดงไฟล์ที่ซ่อนไว้",
        "Show ": "แสดง ",
        "&Rename": "เปลี่ยนชื่อ",
        "&Delete": "ลบ",
        "Delete": "ลบ",
        "Unknown": "ไม่ทราบ",
        "%1 already exists.\nDo you want to replace it?": "มี %1 อยู่แล้ว\nจะเขียนทับไฟล์เดิมหรือไม่",
        "%1\nFile not found.\nPlease verify the correct file name was given.": (
            "%1\nไม่พบไฟล์นี้\nโปรดตรวจชื่อไฟล์อีกครั้ง"
        ),
        "%1\nDirectory not found.\nPlease verify the correct directory name was given.": (
            "%1\nไม่พบโฟลเดอร์นี้\nโปรดตรวจชื่อโฟลเดอร์อีกครั้ง"
        ),
        "Are you sure you want to delete '%1'?": "ต้องการลบ '%1' ใช่หรือไม่",
        "'%1' is write protected.\nDo you want to delete it anyway?": (
            "'%1' ถูกป้องกันการเขียน\nจะลบหรือไม่"
        ),
        "Could not delete directory.": "ลบโฟลเดอร์ไม่ได้",
    },
    "QFileSystemModel": {
        "Name": "ชื่อ",
        "Size": "ขนาด",
        "Type": "ชนิด",
        "Kind": "ชนิด",
        "Date Modified": "วันที่แก้ไข",
        "Computer": "คอมพิวเตอร์",
        "My Computer": "คอมพิวเตอร์",
    },
    "QAbstractFileIconProvider": {
        "Folder": "โฟลเดอร์",
        "File Folder": "โฟลเดอร์",
        "Drive": "ไดรฟ์",
        "File": "ไฟล์",
        "%1 File": "ไฟล์ %1",
        "Unknown": "ไม่ทราบ",
    },
    "QLineEdit": _EDIT,
    "QWidgetTextControl": _EDIT,
    "QWizard": {
        "< &Back": "< ย้อนกลับ",
        "&Next >": "ถัดไป >",
        "&Next": "ถัดไป",
        "&Finish": "เสร็จสิ้น",
        "Cancel": "ยกเลิก",
        "Help": "วิธีใช้",
        "&Help": "วิธีใช้",
        "Commit": "ยืนยัน",
        "&Commit": "ยืนยัน",
        "Go Back": "ย้อนกลับ",
        "Continue": "ต่อไป",
        "Done": "เสร็จสิ้น",
    },
}


def thai(context: str, source: str) -> str | None:
    """Qt's ``source`` in ``context`` in Thai, or None to keep Qt's English."""
    return THAI.get(context, {}).get(source)


class QtThai(QTranslator):
    """Answers Qt's own ``translate`` calls from ``THAI`` while the screens speak Thai."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if language() != "th" or not context or not source:
            return None
        return thai(context, source)

    def isEmpty(self) -> bool:
        return False  # Qt skips an empty translator


def install(app: QApplication) -> QtThai:
    """Put the translator on ``app`` once, and use Qt's own file dialogs (translated)."""
    found = app.findChild(QtThai)
    if isinstance(found, QtThai):
        return found
    translator = QtThai(app)  # a child of the app: lives as long as it does
    app.installTranslator(translator)
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    return translator
