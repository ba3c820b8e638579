"""Printer URIs and real byte delivery: file, TCP, preview and failures."""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from otop_pos.printing.documents.receipt import ReceiptData, build_receipt
from otop_pos.printing.engine.devices import (
    PrinterConfigError,
    PrinterError,
    PrinterSpec,
    ReceiptPrinter,
    encode_escpos,
    parse_printer_uri,
    print_document,
)
from otop_pos.printing.engine.document import Document, Text

pytestmark = pytest.mark.usefixtures("qapp")

RASTER, CUT, KICK = b"\x1dv0", b"\x1dV", b"\x1bp"


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("file:/tmp/x.bin", PrinterSpec("file", "file:/tmp/x.bin", path=Path("/tmp/x.bin"))),
        ("tcp:192.168.1.50", PrinterSpec("tcp", "tcp:192.168.1.50", host="192.168.1.50")),
        (
            "tcp:printer.local:9101",
            PrinterSpec("tcp", "tcp:printer.local:9101", host="printer.local", port=9101),
        ),
        ("tcp:[::1]:9100", PrinterSpec("tcp", "tcp:[::1]:9100", host="::1")),
        ("usb:04b8:0e15", PrinterSpec("usb", "usb:04b8:0e15", vendor_id=0x04B8, product_id=0x0E15)),
        (
            "usb:0x0416:0x5011",
            PrinterSpec("usb", "usb:0x0416:0x5011", vendor_id=0x0416, product_id=0x5011),
        ),
        (
            "serial:/dev/ttyUSB0",
            PrinterSpec("serial", "serial:/dev/ttyUSB0", device="/dev/ttyUSB0"),
        ),
        (
            "serial:COM3:19200",
            PrinterSpec("serial", "serial:COM3:19200", device="COM3", baudrate=19200),
        ),
        ("preview", PrinterSpec("preview", "preview")),
        (
            "preview:/tmp/p.png",
            PrinterSpec("preview", "preview:/tmp/p.png", path=Path("/tmp/p.png")),
        ),
    ],
)
def test_parse_good_uris(uri: str, expected: PrinterSpec) -> None:
    assert parse_printer_uri(uri) == expected


@pytest.mark.parametrize(
    "uri",
    [
        "",
        "   ",
        "lpt1",
        "http://printer",
        "file:",
        "tcp:",
        "tcp:host:0",
        "tcp:host:70000",
        "tcp:host:abc",
        "tcp:bad host",
        "usb:04b8",
        "usb:zzzz:0202",
        "usb:12345:1",
        "serial:",
        "serial::9600",
        "serial:/dev/ttyS0:12",
    ],
)
def test_parse_bad_uris(uri: str) -> None:
    with pytest.raises(PrinterConfigError) as info:
        parse_printer_uri(uri)
    assert isinstance(info.value, ValueError)
    assert "ตั้งค่าเครื่องพิมพ์ไม่ถูกต้อง" in str(info.value)


def test_encode_escpos_commands() -> None:
    img = Image.new("1", (576, 40), 1)
    plain = encode_escpos(img, cut=False, kick_drawer=False)
    assert plain.startswith(b"\x1b@" + RASTER)
    assert CUT not in plain and KICK not in plain
    full = encode_escpos(img, cut=True, kick_drawer=True)
    assert CUT in full and KICK in full
    assert full.index(RASTER) < full.index(CUT)


def test_file_printer_appends(tmp_path: Path) -> None:
    target = tmp_path / "printer.bin"
    doc = Document((Text("ทดสอบ ที่ น้ำ"),))
    first = print_document(f"file:{target}", doc, cut=False)
    size_one = target.stat().st_size
    assert first.bytes_sent == size_one and RASTER in target.read_bytes()
    assert CUT not in target.read_bytes() and KICK not in target.read_bytes()
    second = print_document(f"file:{target}", doc, cut=True, kick_drawer=True)
    data = target.read_bytes()
    assert len(data) == size_one + second.bytes_sent
    assert data.count(RASTER) == 2 and CUT in data[size_one:] and KICK in data[size_one:]


def test_file_printer_missing_folder_is_a_printer_error(tmp_path: Path) -> None:
    with pytest.raises(PrinterError) as info:
        print_document(f"file:{tmp_path}/no/such/dir/p.bin", Document((Text("x"),)))
    assert str(info.value).startswith("พิมพ์ใบเสร็จไม่สำเร็จ: ")
    assert info.value.english.startswith("Printing the receipt failed")


class _Collect(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        chunks = []
        while data := self.request.recv(65536):
            chunks.append(data)
        self.server.received.append(b"".join(chunks))  # type: ignore[attr-defined]


@pytest.fixture
def tcp_server() -> Iterator[socketserver.TCPServer]:
    server = socketserver.TCPServer(("127.0.0.1", 0), _Collect)
    server.received = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_tcp_printer_receives_bytes(
    tcp_server: socketserver.TCPServer, vat_data: ReceiptData
) -> None:
    port = tcp_server.server_address[1]
    outcome = print_document(f"tcp:127.0.0.1:{port}", build_receipt(vat_data), kick_drawer=True)
    deadline = time.monotonic() + 5
    while not tcp_server.received and time.monotonic() < deadline:  # type: ignore[attr-defined]
        time.sleep(0.01)
    (got,) = tcp_server.received  # type: ignore[attr-defined]
    assert len(got) == outcome.bytes_sent
    assert got == encode_escpos(outcome.image, cut=True, kick_drawer=True)
    assert RASTER in got and CUT in got and KICK in got


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_tcp_closed_port_fails_fast() -> None:
    started = time.monotonic()
    with pytest.raises(PrinterError) as info:
        print_document(f"tcp:127.0.0.1:{_closed_port()}", Document((Text("x"),)), timeout=2)
    assert time.monotonic() - started <= 3
    assert "พิมพ์ใบเสร็จไม่สำเร็จ" in str(info.value)
    assert "127.0.0.1" in info.value.english
    assert isinstance(info.value.__cause__, Exception)


@pytest.mark.parametrize("uri", ["usb:dead:beef", "serial:/dev/otop-no-such-printer"])
def test_missing_local_devices_raise_printer_error(uri: str) -> None:
    with pytest.raises(PrinterError, match="พิมพ์ใบเสร็จไม่สำเร็จ"):
        print_document(uri, Document((Text("x"),)))


def test_preview_keeps_image_and_saves_png(tmp_path: Path, vat_data: ReceiptData) -> None:
    memory = ReceiptPrinter("preview")
    outcome = memory.print(build_receipt(vat_data), kick_drawer=True)
    assert memory.last_image is outcome.image and outcome.bytes_sent == 0
    assert outcome.image.mode == "1" and outcome.saved_to is None
    png = tmp_path / "preview.png"
    saved = ReceiptPrinter(parse_printer_uri(f"preview:{png}")).print(build_receipt(vat_data))
    assert saved.saved_to == png
    with Image.open(png) as img:
        assert img.size == outcome.image.size
