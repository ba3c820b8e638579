"""A manager sets up the receipt printer: the printers this PC sees, and a test page.

The test page goes to the address on the screen, saved or not, so a printer
is tried before the till depends on it; it kicks the drawer in the same
write. A printer that fails is a result with the reason in Thai (not
found, no permission, refused, no answer), never an exception.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import format_numeric, format_numeric_en, utc_now
from otop_pos.operations.errors import FieldError
from otop_pos.operations.session import Session

if TYPE_CHECKING:  # pyusb and pyserial load when someone looks
    from otop_pos.printing.engine.discovery import Discovery

log = logging.getLogger(__name__)

NETWORK_PORT = 9100
PAPER = {58: 384, 80: 576}  # millimetres -> dots


@dataclass(frozen=True)
class TestPageResult:
    ok: bool
    message: str  # Thai (English when the till is), the reason when it failed
    image: Any = None  # the rendered page (PIL), for the on-screen preview
    bytes_sent: int = 0


def find_printers(session: Session) -> Discovery:
    """USB receipt printers, /dev/usb/lp*, and serial ports, each with its address."""
    from otop_pos.printing.engine.discovery import find_printers as look

    session.require(Permission.MANAGE_SETTINGS)
    return look()


def network_uri(address: str) -> str:
    """'192.168.1.50' or 'printer.local:9101' -> the tcp: address; refused when it is not one."""
    from otop_pos.printing.engine.devices import PrinterConfigError, parse_printer_uri

    text = address.strip()
    if text.startswith("tcp:"):
        text = text[4:]
    try:
        spec = parse_printer_uri(f"tcp:{text}")
    except PrinterConfigError as exc:
        raise FieldError(
            "ที่อยู่เครื่องพิมพ์ในเครือข่ายต้องเป็น ชื่อหรือ IP:พอร์ต เช่น 192.168.1.50:9100",
            "A network printer is HOST:PORT, e.g. 192.168.1.50:9100.",
            "network_address",
        ) from exc
    return f"tcp:{spec.host}:{spec.port}"


def print_test_page(
    session: Session, uri: str, paper_dots: int, *, timeout: float = 3.0
) -> TestPageResult:
    """Send the test page (and a drawer kick) to `uri` at `paper_dots` wide."""
    from otop_pos.operations.centre_settings import CHECKS
    from otop_pos.printing.documents.printer_test_page import build_test_page
    from otop_pos.printing.engine.devices import PrinterError, print_document

    session.require(Permission.MANAGE_SETTINGS)
    checked = CHECKS["printer_uri"](uri)
    dots = int(CHECKS["paper_dots"](str(paper_dots)))
    en = session.lang == "en"
    now = utc_now()
    doc = build_test_page(
        centre_name=session.settings.centre_name,
        printer=checked,
        when_text=format_numeric_en(now) if en else format_numeric(now),
        width_dots=dots,
        lang=session.lang,
    )
    try:
        outcome = print_document(checked, doc, cut=True, kick_drawer=True, timeout=timeout)
    except PrinterError as exc:
        log.info("test page to %s failed: %s", checked, exc.english)
        reason = exc.english if en else f"พิมพ์หน้าทดสอบไม่สำเร็จ: {exc.thai_reason}"
        return TestPageResult(False, reason)
    log.info("test page sent to %s (%d bytes)", checked, outcome.bytes_sent)
    if outcome.saved_to is None and outcome.bytes_sent == 0:  # preview: nothing left the PC
        done = "Shown on screen only" if en else "แสดงบนจอเท่านั้น (ไม่ได้ส่งไปเครื่องพิมพ์)"
    else:
        done = "Test page sent" if en else "ส่งหน้าทดสอบแล้ว ลิ้นชักเก็บเงินควรเปิดออก"
    return TestPageResult(True, done, outcome.image, outcome.bytes_sent)
