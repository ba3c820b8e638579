"""Send rendered receipts to ESC/POS printers chosen by a URI.

URIs: ``file:PATH`` (append raw bytes), ``tcp:HOST[:PORT]`` (default 9100),
``usb:VID:PID`` (hex), ``serial:DEVICE[:BAUD]`` (default 9600) and
``preview[:PNG]`` (no printer; keeps the image for the UI). A failed print
raises PrinterError and never touches the sale, which is already committed.
python-escpos is imported only when printing, to keep app start-up fast.
"""

from __future__ import annotations

import copy
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from PIL import Image

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from otop_pos.printing.engine.document import Document

Kind = Literal["file", "tcp", "usb", "serial", "preview"]
DEFAULT_TCP_PORT = 9100
DEFAULT_BAUD = 9600
DEFAULT_TIMEOUT = 3.0

log = logging.getLogger(__name__)


class PrinterConfigError(ValueError):
    """A printer URI that cannot be understood; the message is Thai for the manager."""


class PrinterError(Exception):
    """Printing failed; str() is Thai for the cashier, ``english`` is for logs."""

    def __init__(self, thai_reason: str, english: str) -> None:
        super().__init__(f"พิมพ์ใบเสร็จไม่สำเร็จ: {thai_reason}")
        self.thai_reason = thai_reason
        self.english = f"Printing the receipt failed: {english}"


class MissingDriverError(RuntimeError):
    """The Python package for this kind of port (pyusb, pyserial) is not installed."""


@dataclass(frozen=True, slots=True)
class PrinterSpec:
    """Where receipts go; build it with parse_printer_uri()."""

    kind: Kind
    uri: str
    path: Path | None = None
    host: str = ""
    port: int = DEFAULT_TCP_PORT
    vendor_id: int = 0
    product_id: int = 0
    device: str = ""
    baudrate: int = DEFAULT_BAUD


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    """What was sent; ``image`` is the rendered receipt (the UI preview shows it)."""

    uri: str
    image: Image.Image
    bytes_sent: int
    seconds: float
    saved_to: Path | None = None


def _bad(uri: str, why: str) -> PrinterConfigError:
    return PrinterConfigError(f"ตั้งค่าเครื่องพิมพ์ไม่ถูกต้อง ({why}): {uri!r}")


def _hex16(text: str, uri: str) -> int:
    if not re.fullmatch(r"(0x)?[0-9a-fA-F]{1,4}", text):
        raise _bad(uri, "รหัส USB ต้องเป็นเลขฐานสิบหก เช่น usb:04b8:0202")
    return int(text, 16)


def _int_in(text: str, low: int, high: int, uri: str, why: str) -> int:
    if not text.isdigit() or not low <= int(text) <= high:
        raise _bad(uri, why)
    return int(text)


def parse_printer_uri(uri: str) -> PrinterSpec:
    """Read a printer URI from settings; raises PrinterConfigError for junk."""
    if not isinstance(uri, str) or not uri.strip():
        raise _bad(str(uri), "ไม่ได้ระบุเครื่องพิมพ์")
    uri = uri.strip()
    scheme, _, rest = uri.partition(":")
    if scheme == "preview":
        return PrinterSpec("preview", uri, path=Path(rest) if rest else None)
    if scheme == "file":
        if not rest:
            raise _bad(uri, "ไม่ได้ระบุชื่อไฟล์")
        return PrinterSpec("file", uri, path=Path(rest))
    if scheme == "tcp":
        m = re.fullmatch(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.\-]+)(?::(\d+))?", rest)
        if not m:
            raise _bad(uri, "ต้องเป็น tcp:HOST:PORT")
        port = m.group(2) or str(DEFAULT_TCP_PORT)
        port_no = _int_in(port, 1, 65535, uri, "หมายเลขพอร์ตต้องอยู่ระหว่าง 1-65535")
        return PrinterSpec("tcp", uri, host=m.group(1).strip("[]"), port=port_no)
    if scheme == "usb":
        parts = rest.split(":")
        if len(parts) != 2:
            raise _bad(uri, "ต้องเป็น usb:VID:PID")
        vid, pid = (_hex16(p, uri) for p in parts)
        return PrinterSpec("usb", uri, vendor_id=vid, product_id=pid)
    if scheme == "serial":
        device, baud = rest, str(DEFAULT_BAUD)
        head, sep, tail = rest.rpartition(":")
        if sep and tail.isdigit():
            device, baud = head, tail
        if not device:
            raise _bad(uri, "ต้องเป็น serial:DEVICE[:BAUD]")
        rate = _int_in(baud, 300, 4_000_000, uri, "ความเร็ว baud ไม่ถูกต้อง")
        return PrinterSpec("serial", uri, device=device, baudrate=rate)
    raise _bad(uri, "ใช้ได้เฉพาะ file: tcp: usb: serial: หรือ preview")


def encode_escpos(
    img: Image.Image | QImage, *, cut: bool = True, kick_drawer: bool = False
) -> bytes:
    """ESC/POS bytes for one raster receipt: init, GS v 0 image, feed, cut, drawer."""
    from escpos.printer import Dummy

    pil = img if isinstance(img, Image.Image) else _qimage_to_pil(img)
    printer = Dummy()
    # Tell escpos the paper width so it neither warns nor refuses the image.
    data = copy.deepcopy(printer.profile.profile_data)
    data.setdefault("media", {}).setdefault("width", {})["pixels"] = pil.width
    printer.profile.profile_data = data
    printer.hw("INIT")
    printer.image(pil, impl="bitImageRaster")
    if cut:
        printer.cut()  # feeds past the cutter first
    else:
        printer.print_and_feed(4)
    if kick_drawer:
        printer.cashdraw(2)
    return bytes(printer.output)


def _qimage_to_pil(img: QImage) -> Image.Image:
    from otop_pos.printing.engine.raster import to_pil

    return to_pil(img)


def _open_device(spec: PrinterSpec, timeout: float) -> Any:
    from escpos import printer

    if spec.kind == "tcp":
        return printer.Network(spec.host, spec.port, timeout=timeout)
    # Check drivers first: a half-built Usb/Serial raises again from __del__.
    if spec.kind == "usb":
        if not printer.Usb.is_usable():
            raise MissingDriverError("USB printing requires pyusb")
        return printer.Usb(spec.vendor_id, spec.product_id, timeout=int(timeout * 1000))
    if not printer.Serial.is_usable():
        raise MissingDriverError("serial printing requires pyserial")
    return printer.Serial(spec.device, baudrate=spec.baudrate, timeout=timeout)


def _thai_reason(spec: PrinterSpec, exc: BaseException) -> str:
    """Why, in words a person at the counter can act on (the cause's own text is for the log)."""
    where = {"tcp": f"{spec.host}:{spec.port}", "file": str(spec.path)}.get(spec.kind, spec.uri)
    said = f"{type(exc).__name__} {exc}".lower()
    if spec.kind == "file" and not str(spec.path).startswith("/dev/"):  # a file, not a port
        return f"เขียนไฟล์ไม่ได้ ({where})"
    if isinstance(exc, ConnectionRefusedError) or "refused" in said:
        return f"เครื่องพิมพ์ไม่รับการเชื่อมต่อ ({where}): ตรวจว่าเปิดเครื่องและหมายเลขพอร์ตถูกต้อง"
    if isinstance(exc, TimeoutError) or "timed out" in said:
        return f"เครื่องพิมพ์ไม่ตอบสนอง ({where})"
    if isinstance(exc, PermissionError) or "permission denied" in said or "access denied" in said:
        return f"ไม่มีสิทธิ์ใช้เครื่องพิมพ์ ({where}): ให้ผู้ดูแลเพิ่มผู้ใช้เข้ากลุ่ม lp หรือตั้งสิทธิ์ USB (udev)"
    if "nobackend" in said or "no backend" in said:
        return "เครื่องนี้ไม่มี libusb จึงใช้เครื่องพิมพ์ USB โดยตรงไม่ได้ (ลองใช้ file:/dev/usb/lp0)"
    if isinstance(exc, MissingDriverError):
        return f"ไม่มีไดรเวอร์สำหรับเครื่องพิมพ์แบบ {spec.kind}"
    if "name or service not known" in said or "nodename nor servname" in said:
        return f"ไม่รู้จักชื่อเครื่องพิมพ์ในเครือข่าย ({spec.host})"
    if "unreachable" in said or "no route" in said:
        return f"ติดต่อเครื่องพิมพ์ในเครือข่ายไม่ได้ ({where})"
    if isinstance(exc, FileNotFoundError) or "not found" in said or "no such" in said:
        return f"ไม่พบเครื่องพิมพ์ ({where}): ตรวจสายและไฟของเครื่องพิมพ์"
    return f"ไม่พบหรือใช้งานเครื่องพิมพ์ไม่ได้ ({where})"


def _failed(spec: PrinterSpec, exc: Exception) -> PrinterError:
    """The cashier's PrinterError for a device failure, noted in the log.

    A port that is off or gone (OSError, a driver's own error, no driver) is
    one line; anything else keeps its traceback, as it may be ours rather than
    the printer's.
    """
    driver = type(exc).__module__.partition(".")[0] in ("escpos", "usb", "serial")
    expected = driver or isinstance(exc, (OSError, MissingDriverError))
    log.warning("printer %s failed: %s: %s", spec.uri, type(exc).__name__, exc,
                exc_info=None if expected else exc)  # fmt: skip
    return PrinterError(_thai_reason(spec, exc), f"{spec.uri}: {exc}")


def _send(spec: PrinterSpec, payload: bytes, timeout: float) -> None:
    if spec.kind == "file":
        assert spec.path is not None
        with spec.path.open("ab") as fh:
            fh.write(payload)
        return
    device = _open_device(spec, timeout)
    try:
        device.open()
        device._raw(payload)  # one write: the bytes were encoded by encode_escpos
    finally:
        device.close()


def kick_drawer(spec: PrinterSpec | str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Open the cash drawer wired to the printer, printing nothing."""
    from escpos.printer import Dummy

    spec = parse_printer_uri(spec) if isinstance(spec, str) else spec
    if spec.kind == "preview":
        return  # no printer, no drawer: the preview till has nothing to open
    printer = Dummy()
    printer.cashdraw(2)
    try:
        _send(spec, bytes(printer.output), timeout)
    except Exception as exc:  # like a print: the cashier reads why, never a traceback
        raise _failed(spec, exc) from exc


@dataclass(frozen=True, slots=True)
class Rendered:
    """A document ready for one printer: its image (for the preview) and the bytes to send.

    Rendering draws with Qt and stays on the caller's thread; ``send_rendered``
    only writes to the device, so a till may hand it to a printing thread.
    """

    image: Image.Image
    payload: bytes  # empty for a preview printer


def render_for(
    spec: PrinterSpec, doc: Document, *, cut: bool = True, kick_drawer: bool = False
) -> Rendered:
    """Render ``doc`` and encode it for ``spec``; an encoding failure raises PrinterError."""
    from otop_pos.printing.engine.raster import render_pil

    image = render_pil(doc)
    if spec.kind == "preview":
        return Rendered(image, b"")
    try:
        return Rendered(image, encode_escpos(image, cut=cut, kick_drawer=kick_drawer))
    except Exception as exc:  # any failure must reach the cashier as PrinterError
        raise _failed(spec, exc) from exc


def send_rendered(
    spec: PrinterSpec, rendered: Rendered, *, timeout: float = DEFAULT_TIMEOUT
) -> PrintOutcome:
    """Send what ``render_for`` made; touches no Qt, so any thread may call it.

    A printer that is off or gone raises PrinterError, after ``timeout`` at most
    per step (connect, write).
    """
    started, sent, saved = time.perf_counter(), 0, None
    try:
        if spec.kind == "preview":
            if spec.path is not None:
                rendered.image.save(spec.path, format="PNG")
                saved = spec.path
        else:
            _send(spec, rendered.payload, timeout)
            sent = len(rendered.payload)
    except Exception as exc:  # any device failure must reach the cashier as PrinterError
        raise _failed(spec, exc) from exc
    return PrintOutcome(spec.uri, rendered.image, sent, time.perf_counter() - started, saved)


class ReceiptPrinter:
    """A configured printer; remembers the last image so the UI can preview it."""

    def __init__(self, spec: PrinterSpec | str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.spec = parse_printer_uri(spec) if isinstance(spec, str) else spec
        self.timeout = timeout
        self.last_image: Image.Image | None = None

    def print(self, doc: Document, *, cut: bool = True, kick_drawer: bool = False) -> PrintOutcome:
        """Render and send one document; any device failure raises PrinterError."""
        rendered = render_for(self.spec, doc, cut=cut, kick_drawer=kick_drawer)
        self.last_image = rendered.image
        return send_rendered(self.spec, rendered, timeout=self.timeout)


def print_document(
    spec: PrinterSpec | str,
    doc: Document,
    *,
    cut: bool = True,
    kick_drawer: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> PrintOutcome:
    """One-shot print: render doc, send it to spec, cut and kick the drawer if asked."""
    return ReceiptPrinter(spec, timeout=timeout).print(doc, cut=cut, kick_drawer=kick_drawer)
