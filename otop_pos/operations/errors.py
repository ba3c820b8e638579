"""Errors an operation raises for the person at the counter, in Thai and English,
and the one classification of failures every screen and command uses.

An expected failure is one the person at the counter can act on or must be
told about, worded for them: a refusal (`OperationError`, `FieldError`), a
domain rule written for the cashier (`MoneyError`, `CartError` ...), a
printer that is off, a disk that is full or read-only or gone, a database
busy in another program or damaged, a product file or e-Tax document that
cannot be used. It is shown in its own words and no traceback is written.
Anything else is a bug (a KeyError, a TypeError, a plain ValueError, an SQL
mistake): `describe` writes its traceback to the log and the person sees one
plain sentence, `GENERIC`.
"""

from __future__ import annotations

import errno
import logging

from otop_pos.db.store import StoreError, fault_of

log = logging.getLogger(__name__)


class OperationError(Exception):
    """A refusal with a message for the cashier; nothing was written."""

    def __init__(self, thai: str, english: str | None = None) -> None:
        super().__init__(thai)
        self.thai = thai
        self.english = english or thai

    def message(self, lang: str = "th") -> str:
        return self.english if lang == "en" else self.thai


class FieldError(OperationError):
    """A refusal about one input; ``field`` names it so the form can mark that box."""

    def __init__(self, thai: str, english: str, field: str) -> None:
        super().__init__(thai, english)
        self.field = field


def user_message(exc: BaseException, lang: str = "th") -> str:
    """The text to show for any refusal, whichever layer raised it."""
    message = getattr(exc, "message", None)
    if callable(message):
        return str(message(lang))
    if lang == "en" and getattr(exc, "english", None):
        return str(exc.english)  # type: ignore[attr-defined]
    return str(exc)


GENERIC = {
    "th": "เกิดข้อผิดพลาดที่ไม่คาดคิด ระบบบันทึกไว้แล้ว",
    "en": "Something went wrong; it was recorded.",
}

# Families raised outside operations/ whose messages are written for the person
# at the counter. Named rather than imported, so classifying never loads the
# printing, e-Tax or file-reading modules (heavy, and loaded only when used);
# a test checks that every name is a real exception class. Subclasses count.
EXPECTED = frozenset(
    {
        # domain rules, in Thai for the cashier or manager
        "otop_pos.domain.money.MoneyError",
        "otop_pos.domain.selling.cart.CartError",
        "otop_pos.domain.selling.cash.TenderError",
        "otop_pos.domain.selling.tenders.PaymentError",
        "otop_pos.domain.catalogue.barcode.ScanError",
        "otop_pos.domain.catalogue.instore.InstoreCodeError",
        "otop_pos.domain.catalogue.instore.LabelError",
        "otop_pos.domain.stock.quantities.StockInputError",
        "otop_pos.domain.shifts.cash_count.CountError",
        "otop_pos.domain.staff.pins.PinError",
        "otop_pos.domain.staff.permissions.PermissionDenied",
        "otop_pos.domain.thai.taxid.TaxIdError",
        "otop_pos.domain.thai.promptpay.PromptPayError",
        # the store: a file from a newer release; a write the tables refuse because
        # another window or till got there first (a shift already closed, a sale
        # already voided, a payout above what is owed); nothing was written
        "otop_pos.db.schema.migrations.TooNewError",
        "otop_pos.db.projections.errors.ProjectionError",
        "otop_pos.db.projections.shifts.ShiftProjectionError",
        "otop_pos.db.projections.consignment.ConsignmentProjectionError",
        # the printer: off, unplugged, no driver, a URI that cannot be read
        "otop_pos.printing.engine.devices.PrinterError",
        "otop_pos.printing.engine.devices.PrinterConfigError",
        "otop_pos.printing.engine.devices.MissingDriverError",
        # files the manager chose: a product or producer file, a form's value
        "otop_pos.files.table.ProductFileError",
        "otop_pos.files.checks.CheckError",
        # e-Tax: a document that cannot be filed, a certificate, PDF/A-3
        "otop_pos.etax.checks.EtaxError",
        "otop_pos.etax.signing.SigningError",
        "otop_pos.etax.pdfa.PdfA3Error",
    }
)

# The disk's or the device's doing, never the code's. A missing file is not
# here: a file the person chose is refused by its reader (files/, etax/), so
# one missing anywhere else means a path of ours is wrong.
_OS_REASONS = {
    errno.ENOSPC: ("ดิสก์เต็ม", "the disk is full"),
    errno.EDQUOT: ("ดิสก์เต็ม", "the disk is full"),
    errno.EROFS: ("ดิสก์เป็นแบบอ่านอย่างเดียว", "the disk is read-only"),
    errno.EACCES: ("ไม่มีสิทธิ์เข้าถึงไฟล์", "permission denied"),
    errno.EPERM: ("ไม่มีสิทธิ์เข้าถึงไฟล์", "permission denied"),
    errno.ENODEV: ("ไม่พบอุปกรณ์ อาจถูกถอดออก", "no such device; was it removed?"),
    errno.ENXIO: ("ไม่พบอุปกรณ์ อาจถูกถอดออก", "no such device; was it removed?"),
    errno.EIO: ("อ่านหรือเขียนดิสก์ไม่สำเร็จ", "the disk could not be read or written"),
}


def _named(exc: BaseException) -> bool:
    return any(f"{k.__module__}.{k.__qualname__}" in EXPECTED for k in type(exc).__mro__)


def _os_text(exc: OSError, lang: str) -> str | None:
    reason = _OS_REASONS.get(exc.errno or 0)
    if reason is None:
        return None
    where = f" ({exc.filename})" if exc.filename else ""
    if lang == "en":
        return f"A file could not be read or written: {reason[1]}{where}."
    return f"อ่านหรือบันทึกไฟล์ไม่ได้: {reason[0]}{where}"


def expected_text(exc: BaseException, lang: str = "th") -> str | None:
    """The words for an expected failure, or None if ``exc`` is a bug."""
    if isinstance(exc, OperationError):
        return exc.message(lang)
    if isinstance(exc, StoreError):
        return None if exc.kind == "other" else exc.message(lang)
    fault = fault_of(exc)  # SQLite's own error, outside a transaction: busy, full, damaged
    if fault is not None:
        return fault.message(lang)
    if isinstance(exc, OSError):
        return _os_text(exc, lang)
    return user_message(exc, lang) if _named(exc) else None


def is_expected(exc: BaseException) -> bool:
    return expected_text(exc) is not None


def record_bug(exc: BaseException, doing: str = "") -> None:
    """The traceback of an unexpected exception, in the log."""
    where = f" while {doing}" if doing else ""
    log.error("unexpected %s%s: %s", type(exc).__name__, where, exc, exc_info=exc)


def record_if_bug(exc: BaseException, doing: str = "") -> None:
    """For a catch that shows nothing (an amount still being typed): a bug is still recorded."""
    if not is_expected(exc):
        record_bug(exc, doing)


def describe(exc: BaseException, lang: str = "th", doing: str = "") -> str:
    """What to tell the person: an expected failure's own words; for a bug, ``GENERIC``
    (and its traceback goes to the log). A disk or device fault is also noted in the log."""
    text = expected_text(exc, lang)
    if text is None:
        record_bug(exc, doing)
        return GENERIC["en" if lang == "en" else "th"]
    if isinstance(exc, OSError):
        log.warning("%s: %s", type(exc).__name__, exc)  # a full or vanished disk: worth knowing
    return text
