"""Making a new centre in one go: its settings and its first manager, in a new file.

The first-run wizard and `otop-pos init` both end here. Every value is
checked before a byte is written, and a refusal names the field it is about.
The centre is built in a temporary file beside the target and linked into
place only when it is whole, so a refused, failed or interrupted set-up
never leaves a half-made centre where the till would open it.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path

from otop_pos.db import settings as settings_db
from otop_pos.db.settings import CentreSettings
from otop_pos.db.store import open_store
from otop_pos.domain.setup.address import AddressCodes, AddressError, check_codes
from otop_pos.domain.staff.permissions import Role
from otop_pos.domain.staff.pins import PinError, validate_pin
from otop_pos.domain.thai.taxid import TaxIdError, branch_code, branch_label
from otop_pos.operations import auth
from otop_pos.operations.centre_settings import CHECKS
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session
from otop_pos.operations.setting_values import check_together

log = logging.getLogger(__name__)

MAX_TEXT = 200  # a name or an address line; a pasted page is refused unread


@dataclass(frozen=True)
class CentreForm:
    """What the wizard's pages and `init`'s flags or TOML file give, as typed."""

    centre_name: str = ""
    centre_name_en: str = ""
    address: str = ""  # the address line as receipts print it
    building_number: str = ""
    street: str = ""
    province_code: str = ""
    district_code: str = ""
    sub_district_code: str = ""
    postcode: str = ""
    tax_id: str = ""
    branch: str = ""  # '' or 'สำนักงานใหญ่' for the head office, else the branch number
    vat_registered: bool = False
    pos_id: str = "POS01"  # as registered with the Revenue Department
    terminal_id: str = "T01"
    printer_uri: str = "preview"
    lang: str = "th"
    manager_name: str = ""
    manager_pin: str = ""
    manager_pin_again: str = ""


FIELDS = tuple(f.name for f in fields(CentreForm))

_REQUIRED = {
    "centre_name": ("ชื่อศูนย์", "the centre's name"),
    "pos_id": ("หมายเลขเครื่อง POS", "the POS ID"),
    "terminal_id": ("รหัสเครื่อง", "the terminal ID"),
    "manager_name": ("ชื่อผู้จัดการ", "the manager's name"),
}


def _required(form: CentreForm, field: str) -> None:
    text = str(getattr(form, field))
    if field in _REQUIRED and not text.strip():
        thai, english = _REQUIRED[field]
        raise FieldError(f"กรุณากรอก{thai}", f"Please enter {english}.", field)
    if len(text) > MAX_TEXT:
        raise FieldError(f"ยาวเกิน {MAX_TEXT} ตัวอักษร", f"Longer than {MAX_TEXT} characters.", field)


def _tax_id(form: CentreForm) -> str:
    if form.vat_registered and not form.tax_id.strip():
        raise FieldError(
            "ศูนย์ที่จดทะเบียน VAT ต้องมีเลขประจำตัวผู้เสียภาษี 13 หลัก",
            "A VAT-registered centre needs its 13-digit tax ID.",
            "tax_id",
        )
    return CHECKS["tax_id"](form.tax_id)


def _branch(form: CentreForm) -> str:
    try:
        return branch_label(branch_code(form.branch))
    except TaxIdError as exc:
        raise FieldError(str(exc), exc.english, "branch") from exc


def _printer(form: CentreForm) -> str:
    from otop_pos.printing.engine.devices import PrinterConfigError, parse_printer_uri

    try:
        return parse_printer_uri(form.printer_uri).uri
    except PrinterConfigError as exc:
        raise FieldError(
            str(exc), "Use preview, file:PATH, usb:VID:PID, serial:DEV or tcp:HOST:PORT.",
            "printer_uri",
        ) from exc  # fmt: skip


def _lang(form: CentreForm) -> str:
    if form.lang not in ("th", "en"):
        raise FieldError("ภาษาต้องเป็น th หรือ en", "The language must be th or en.", "lang")
    return form.lang


def _pin(form: CentreForm) -> str:
    try:
        validate_pin(form.manager_pin, allow_trivial=False)
    except PinError as exc:
        english = getattr(exc, "english", "") or "The PIN must be 4 to 8 digits."
        raise FieldError(str(exc), english, "manager_pin") from exc
    return form.manager_pin


def _pin_again(form: CentreForm) -> str:
    if form.manager_pin_again != form.manager_pin:
        raise FieldError(
            "รหัส PIN ที่พิมพ์สองครั้งไม่ตรงกัน กรุณาพิมพ์ใหม่",
            "The PIN typed the second time does not match the first.",
            "manager_pin_again",
        )
    return form.manager_pin_again


def _codes(form: CentreForm) -> AddressCodes:
    try:
        return check_codes(
            AddressCodes(
                form.province_code, form.district_code, form.sub_district_code, form.postcode
            )
        )
    except AddressError as exc:
        raise FieldError(exc.thai, exc.english, exc.field) from exc


def _settings_check(field: str) -> Callable[[CentreForm], str]:
    """A check `operations/centre_settings.py` keeps for this setting, else the text trimmed."""
    check = CHECKS.get(field)
    return lambda form: check(getattr(form, field)) if check else getattr(form, field).strip()


_CHECKS: dict[str, Callable[[CentreForm], object]] = {
    "tax_id": _tax_id,
    "branch": _branch,
    "printer_uri": _printer,
    "lang": _lang,
    "manager_pin": _pin,
    "manager_pin_again": _pin_again,
    "vat_registered": lambda form: bool(form.vat_registered),
    **{name: _codes for name in ("province_code", "district_code", "sub_district_code")},
    "postcode": _codes,
}


def check_fields(form: CentreForm, names: Iterable[str] = FIELDS) -> None:
    """Check the named fields in order (a wizard page's); `FieldError` names the first bad one."""
    for name in names:
        if name not in FIELDS:
            raise FieldError(f"ไม่มีช่องชื่อ {name}", f"Unknown field {name}.", name)
        if not isinstance(getattr(form, name), bool):
            _required(form, name)
        _CHECKS.get(name, _settings_check(name))(form)


def settings_of(form: CentreForm) -> CentreSettings:
    """Every field checked, then the settings the new centre starts with."""
    check_fields(form)
    codes = _codes(form)
    settings = CentreSettings(
        centre_name=form.centre_name.strip(),
        centre_name_en=form.centre_name_en.strip(),
        branch=_branch(form),
        address=form.address.strip(),
        building_number=form.building_number.strip(),
        street=form.street.strip(),
        province_code=codes.province_code,
        district_code=codes.district_code,
        sub_district_code=codes.sub_district_code,
        postcode=codes.postcode,
        tax_id=_tax_id(form),
        vat_registered=bool(form.vat_registered),
        pos_id=str(_settings_check("pos_id")(form)),
        terminal_id=str(_settings_check("terminal_id")(form)),
        printer_uri=_printer(form),
        lang=_lang(form),
    )
    check_together(settings)
    return settings


def check_target(path: str | Path) -> Path:
    """The file a new centre may be made at: not there yet, in a folder that is or can be."""
    target = Path(path)
    if target.exists() or target.is_symlink():
        raise OperationError(
            f"มีไฟล์ {target} อยู่แล้ว ไม่สร้างศูนย์ใหม่ทับไฟล์เดิม",
            f"{target} already exists; a new centre is never made over it.",
        )
    folder = target.parent
    if folder.exists() and not folder.is_dir():
        raise OperationError(
            f"{folder} ไม่ใช่โฟลเดอร์ สร้างไฟล์ศูนย์ในนั้นไม่ได้",
            f"{folder} is not a folder; the centre's file cannot be made there.",
        )
    return target


def create_centre(path: str | Path, form: CentreForm) -> CentreSettings:
    """Make the centre at `path` (which must not exist): its settings and its first manager."""
    settings = settings_of(form)
    target = check_target(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OperationError(
            f"สร้างโฟลเดอร์ {target.parent} ไม่ได้ ({exc.strerror})",
            f"The folder {target.parent} cannot be made ({exc.strerror}).",
        ) from exc
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.new")
    try:
        _build(temp, settings, form)
        _publish(temp, target)
    finally:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm"), Path(f"{temp}-journal")):
            leftover.unlink(missing_ok=True)
    log.info("centre made at %s (terminal %s)", target.resolve(), settings.terminal_id)
    return settings


def _build(temp: Path, settings: CentreSettings, form: CentreForm) -> None:
    store = open_store(temp)
    try:
        settings_db.save(store, settings)
        session = Session.open(store)
        auth.create_user(session, form.manager_name.strip(), Role.MANAGER, form.manager_pin)
    finally:
        store.close()  # the last connection: SQLite folds the WAL into the file
    with temp.open("rb") as file:
        os.fsync(file.fileno())


def _publish(temp: Path, target: Path) -> None:
    """Put the whole file in place; one that appeared there meanwhile is never replaced."""
    try:
        os.link(temp, target)
    except FileExistsError:
        check_target(target)  # says so
        raise
    except OSError:  # a file system without hard links (FAT on a USB stick)
        if target.exists():
            check_target(target)
        os.rename(temp, target)
    if hasattr(os, "O_DIRECTORY"):
        folder = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
