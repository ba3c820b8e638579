"""Texts of the manager's backup and restore screen (Thai, English)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "bk_open": ("สำรองข้อมูล", "Backups"),
    "bk_title": ("สำรองและกู้คืนข้อมูล", "Backup and restore"),
    "bk_folder": ("โฟลเดอร์สำรอง", "Backup folder"),
    "bk_second": ("โฟลเดอร์ที่สอง", "Second folder"),
    "bk_second_none": ("ไม่ได้ตั้ง (ตั้งได้ในหน้าตั้งค่า)", "Not set (see the settings screen)"),
    "bk_second_ok": ("{folder} (พร้อมใช้)", "{folder} (ready)"),
    "bk_newest": ("สำรองล่าสุด", "Newest backup"),
    "bk_never": ("ยังไม่เคยสำรอง", "Never"),
    "bk_old": ("{when} - ยังไม่ได้สำรองวันนี้", "{when} - none today yet"),
    "bk_list": ("ไฟล์สำรองของเครื่องนี้ (ใหม่สุดอยู่บน)", "This till's backups (newest first)"),
    # why a backup was taken (domain/backups/thinning.REASONS), shown in the list
    "bk_reason_manual": ("สำรองเอง", "by hand"),
    "bk_reason_z": ("หลังปิดยอด Z", "after a Z"),
    "bk_reason_daily": ("ประจำวัน", "daily"),
    "bk_reason_migrate": ("ก่อนปรับรุ่นฐานข้อมูล", "before an upgrade"),
    "bk_reason_restore": ("ก่อนนำข้อมูลกลับ", "before a restore"),
    "bk_now": ("สำรองข้อมูลตอนนี้", "Back up now"),
    "bk_restore": ("นำข้อมูลจากไฟล์สำรองกลับมา...", "Restore from a backup..."),
    "bk_pick": ("เลือกไฟล์สำรอง", "Choose a backup file"),
    "bk_files": ("ไฟล์ฐานข้อมูล (*.sqlite)", "Database files (*.sqlite)"),
    "bk_running": ("กำลังสำรองข้อมูล...", "Backing up..."),
    "bk_checking": ("กำลังตรวจไฟล์สำรอง...", "Checking the backup..."),
    "bk_preparing": ("กำลังสำรองไฟล์ปัจจุบันและเตรียมไฟล์ที่จะนำกลับ...",
                     "Backing up the current file and preparing the restore..."),
    "bk_done": ("สำรองข้อมูลแล้ว: {name} (ตรวจแล้ว {n:,} รายการ)",
                "Backed up: {name} ({n:,} entries checked)"),
    "bk_confirm_title": ("ยืนยันการนำข้อมูลกลับมา", "Confirm the restore"),
    "bk_confirm": ("{summary}\n\nไฟล์ปัจจุบันจะถูกสำรองไว้ก่อน แล้วโปรแกรมจะปิดลง "
                   "กรุณาเปิดใหม่หลังนำข้อมูลกลับมา\nนำไฟล์นี้มาแทนข้อมูลปัจจุบันหรือไม่?",
                   "{summary}\n\nThe current file is backed up first; the program then closes "
                   "and must be started again.\nRestore this file?"),
    "bk_yes": ("นำกลับมา", "Restore"),
    "bk_no": ("ยกเลิก", "Cancel"),
    "bk_restored_title": ("นำข้อมูลกลับมาแล้ว", "Restored"),
    "bk_restored": ("{summary}\n\nไฟล์เดิมสำรองไว้ที่ {before}\n"
                    "โปรแกรมจะปิดลง กรุณาเปิดใหม่",
                    "{summary}\n\nThe previous file is kept as {before}.\n"
                    "The program closes now; please start it again."),
    "bk_close_app": ("ปิดโปรแกรม", "Close the program"),
    # the settings screen's row for the second folder (ui/settings/settings_dialog.py)
    "st_backup_dir2": (
        "โฟลเดอร์สำรองข้อมูลที่สอง (USB หรือเครือข่าย; ว่าง = ไม่มี)",
        "Second backup folder (USB stick or share; empty: none)",
    ),
}  # fmt: skip
