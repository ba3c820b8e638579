"""Setting up the receipt printer: the test page's bytes, a printer that fails, the printers found."""

from __future__ import annotations

import socket
from pathlib import Path
from types import SimpleNamespace

import pytest
import zxingcpp
from escpos.constants import CD_KICK_2
from PIL import Image

from otop_pos.operations import printer_setup
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session
from otop_pos.printing.documents.printer_test_page import QR_DATA, STACKED_THAI, build_test_page
from otop_pos.printing.engine import devices, discovery


def raster_images(data: bytes) -> Image.Image:
    """The GS v 0 raster blocks of ESC/POS bytes, stacked back into one image."""
    parts, at = [], 0
    while (at := data.find(b"\x1dv0", at)) >= 0:
        width_bytes = data[at + 4] | data[at + 5] << 8
        height = data[at + 6] | data[at + 7] << 8
        start = at + 8
        bits = data[start : start + width_bytes * height]
        part = Image.frombytes("1", (width_bytes * 8, height), bytes(b ^ 0xFF for b in bits))
        parts.append(part)
        at = start + len(bits)
    out = Image.new("1", (parts[0].width, sum(p.height for p in parts)), 1)
    y = 0
    for p in parts:
        out.paste(p, (0, y))
        y += p.height
    return out


def test_the_test_page_carries_thai_rulers_a_qr_and_kicks_the_drawer(
    manager: Session, tmp_path: Path
) -> None:
    out = tmp_path / "printer.bin"
    result = printer_setup.print_test_page(manager, f"file:{out}", 384)
    assert result.ok and "ส่งหน้าทดสอบแล้ว" in result.message
    data = out.read_bytes()
    assert result.bytes_sent == len(data)
    assert data.startswith(b"\x1b@")  # init
    assert CD_KICK_2 in data  # the drawer kick, in the same write
    assert b"\x1dV" in data  # the cut
    page = raster_images(data)
    assert page.width == 384
    assert [r.text for r in zxingcpp.read_barcodes(page.convert("L"))][:1] == [QR_DATA]


def test_the_page_lays_out_marks_and_every_ruler() -> None:
    doc = build_test_page(centre_name="ศูนย์", printer="tcp:10.0.0.9:9100", when_text="x")
    texts = doc.texts()
    assert STACKED_THAI in texts and "ผู้ใหญ่" in STACKED_THAI and "น้ำ" in STACKED_THAI
    for columns in (32, 42, 48):
        assert any(len(t) == columns and t.startswith("1234567890") for t in texts)


def test_a_closed_network_port_fails_with_the_thai_reason(manager: Session) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again when the block ends: nobody listens
    result = printer_setup.print_test_page(manager, f"tcp:127.0.0.1:{port}", 576, timeout=1)
    assert not result.ok
    assert "ไม่รับการเชื่อมต่อ" in result.message and f"127.0.0.1:{port}" in result.message


def test_a_missing_or_forbidden_device_says_so() -> None:
    lp0 = devices.parse_printer_uri("file:/dev/usb/lp0")
    denied = PermissionError(13, "Permission denied", "/dev/usb/lp0")
    assert "ไม่มีสิทธิ์" in devices._failed(lp0, denied).thai_reason
    gone = FileNotFoundError(2, "No such file or directory", "/dev/usb/lp0")
    assert "ไม่พบเครื่องพิมพ์" in devices._failed(lp0, gone).thai_reason
    usb = devices.parse_printer_uri("usb:04b8:0202")
    from escpos.exceptions import USBNotFoundError

    assert "ไม่พบเครื่องพิมพ์" in devices._failed(usb, USBNotFoundError("gone")).thai_reason


def test_a_bad_address_is_refused_at_its_field(manager: Session) -> None:
    with pytest.raises(FieldError) as info:
        printer_setup.print_test_page(manager, "lpt1", 576)
    assert info.value.field == "printer_uri"
    with pytest.raises(FieldError) as info:
        printer_setup.print_test_page(manager, "preview", 500)
    assert info.value.field == "paper_dots"
    assert printer_setup.network_uri("192.168.1.50") == "tcp:192.168.1.50:9100"
    assert printer_setup.network_uri(" printer.local:9101 ") == "tcp:printer.local:9101"
    with pytest.raises(FieldError, match="IP:พอร์ต"):
        printer_setup.network_uri("10.0.0.1:99999")


def test_a_preview_shows_the_page_and_sends_nothing(manager: Session) -> None:
    result = printer_setup.print_test_page(manager, "preview", 576)
    assert result.ok and result.image.width == 576 and result.bytes_sent == 0


def test_a_cashier_cannot_set_up_printers(cashier: Session) -> None:
    with pytest.raises(OperationError, match="ไม่มีสิทธิ์"):
        printer_setup.find_printers(cashier)


def test_usb_printers_are_class_7_or_a_known_maker() -> None:
    class Device(SimpleNamespace):
        def __iter__(self):  # type: ignore[no-untyped-def]
            return iter(self.configs)

    def make(vid: int, pid: int, cls: int, interfaces: tuple[int, ...] = ()) -> Device:
        configs = [[SimpleNamespace(bInterfaceClass=c) for c in interfaces]]
        return Device(idVendor=vid, idProduct=pid, bDeviceClass=cls, product="", configs=configs,
                      manufacturer="")  # fmt: skip

    found = discovery.usb_printers(
        lambda find_all: [
            make(0x1234, 0x0001, 0, (7,)),  # an unknown maker's printer interface
            make(0x0416, 0x5011, 0, (255,)),  # Xprinter: vendor class, known maker
            make(0x046D, 0xC077, 0, (3,)),  # a mouse
        ]
    )
    assert [p.uri for p in found.printers] == ["usb:1234:0001", "usb:0416:5011"]
    assert "Xprinter" in found.printers[1].label


def test_no_libusb_is_a_note_not_an_error() -> None:
    def no_backend(find_all: bool) -> list[object]:
        raise RuntimeError("No backend available")

    found = discovery.usb_printers(no_backend)
    assert found.printers == () and "libusb" in found.notes[0]
    everything = discovery.find_printers()  # the real call, whatever this PC has
    assert all(p.uri.startswith(("usb:", "file:", "serial:")) for p in everything.printers)


def test_serial_ports_and_kernel_printers_become_addresses(tmp_path: Path) -> None:
    ports = [SimpleNamespace(device="/dev/ttyUSB0", description="USB-Serial CH340"),
             SimpleNamespace(device="/dev/ttyS0", description="n/a")]  # fmt: skip
    found = discovery.serial_ports(lambda: ports)
    assert [(p.uri, p.label) for p in found.printers] == [
        ("serial:/dev/ttyS0", "/dev/ttyS0"),
        ("serial:/dev/ttyUSB0", "/dev/ttyUSB0 USB-Serial CH340"),
    ]
    (tmp_path / "lp0").write_bytes(b"")
    lp = discovery.lp_printers(str(tmp_path / "lp*"))
    assert [p.uri for p in lp.printers] == [f"file:{tmp_path / 'lp0'}"]
    for p in found.printers + lp.printers:
        devices.parse_printer_uri(p.uri)  # every address found is one the setting takes
