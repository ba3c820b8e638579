"""A receipt printer that never answers does not freeze the till: it prints on a thread."""

from __future__ import annotations

import itertools
import socket
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from till_helpers import _login, _open, _payment_dialog, _scan

from otop_pos.db.selling import sales as sales_db
from otop_pos.db.store import Store

pytestmark = pytest.mark.gui


@pytest.fixture
def blackhole() -> Iterator[int]:
    """A local port whose listen queue is full: a printer connecting there hangs until its timeout."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    fillers = []
    for _ in range(3):  # never accepted: the queue stays full and later SYNs go unanswered
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    time.sleep(0.2)
    probe = socket.socket()
    probe.settimeout(0.5)
    with pytest.raises(TimeoutError):  # the hole really hangs, or the test would prove nothing
        probe.connect(("127.0.0.1", port))
    probe.close()
    yield port
    for s in (*fillers, server):
        s.close()


class Ticks:
    """A QTimer on the GUI thread; its longest gap is how long the event loop was blocked."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))
        self.timer.start()

    def longest_gap(self, since: float) -> float:
        times = [since, *(t for t in self.times if t >= since), time.perf_counter()]
        return max(b - a for a, b in itertools.pairwise(times))


def _sell(qtbot: QtBot, window: object, barcode: QLineEdit) -> float:
    """Scan a tea and pay exactly; the seconds the Enter that completes the sale took."""
    _scan(qtbot, barcode, "8850000000021")
    qtbot.keyClick(barcode, Qt.Key.Key_F12)
    dialog = _payment_dialog(qtbot, window)  # type: ignore[arg-type]
    tendered = dialog.findChild(QLineEdit, "tenderedInput")
    qtbot.waitUntil(tendered.hasFocus)
    started = time.perf_counter()
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    return time.perf_counter() - started


def test_a_printer_that_hangs_never_blocks_the_sale_screen(
    qtbot: QtBot, store: Store, blackhole: int
) -> None:
    window = _open(qtbot, store, printer_uri=f"tcp:127.0.0.1:{blackhole}")
    barcode = _login(qtbot, window)
    label = window.findChild(QLabel, "notPrintedLabel")
    ticks = Ticks()
    started = time.perf_counter()

    took = _sell(qtbot, window, barcode)
    sold = time.perf_counter()
    assert took < 2.0, took  # the printer's connect alone waits 3 s
    assert sales_db.count(store) == 1  # committed before anything was printed
    assert not label.isVisible()  # nothing known yet: the printer is still being tried

    qtbot.waitUntil(label.isVisible, timeout=15_000)
    waited = time.perf_counter() - started
    assert waited > 2.5  # the message came after the printer's timeout...
    assert ticks.longest_gap(sold) < 1.0  # ...and the event loop ran all along meanwhile
    assert "ไม่ได้พิมพ์" in label.text() and "ไม่ตอบสนอง" in label.text()
    logged = store.query("SELECT ok, is_copy, error FROM print_log")
    assert [(r["ok"], r["is_copy"]) for r in logged] == [(0, 0)]
    assert "timed out" in logged[0]["error"] or "ไม่ตอบสนอง" in logged[0]["error"]
    ticks.timer.stop()


def test_receipts_go_out_in_order_and_a_reprint_on_the_way_is_a_copy(
    qtbot: QtBot, store: Store, blackhole: int
) -> None:
    window = _open(qtbot, store, printer_uri=f"tcp:127.0.0.1:{blackhole}")
    barcode = _login(qtbot, window)
    assert _sell(qtbot, window, barcode) < 2.0
    qtbot.waitUntil(barcode.hasFocus)
    first = sales_db.last_receipt_no(store, "T01")
    started = time.perf_counter()
    qtbot.keyClick(barcode, Qt.Key.Key_F11)  # reprint while the original waits for the printer
    assert time.perf_counter() - started < 2.0
    assert _sell(qtbot, window, barcode) < 2.0
    second = sales_db.last_receipt_no(store, "T01")

    qtbot.waitUntil(lambda: len(store.query("SELECT id FROM print_log")) == 3, timeout=30_000)
    logged = store.query("SELECT doc_no, is_copy, ok FROM print_log ORDER BY id")
    assert [(r["doc_no"], r["is_copy"], r["ok"]) for r in logged] == [
        (first, 0, 0),
        (first, 1, 0),  # never a second original, even though the first did not print
        (second, 0, 0),
    ]


@pytest.mark.parametrize(
    ("uri", "stalls"),
    [("tcp:10.0.0.9", True), ("usb:04b8:0202", True), ("serial:/dev/ttyUSB0", True),
     ("file:/dev/usb/lp0", True), ("file:/tmp/receipts.bin", False), ("preview", False),
     ("nonsense:", False)],
)  # fmt: skip
def test_which_printers_go_to_the_thread(uri: str, stalls: bool) -> None:
    from otop_pos.operations.printing import PrintJob
    from otop_pos.printing.engine.devices import parse_printer_uri

    try:
        spec = parse_printer_uri(uri)
    except ValueError:
        spec = None  # a bad URI fails at once, with nothing to send
    assert PrintJob("POS01-69120001", False, 1, "th", spec).can_stall is stalls


def test_a_shift_slip_to_a_printer_that_hangs_never_blocks_and_goes_out_before_quitting(
    qtbot: QtBot, store: Store, blackhole: int
) -> None:
    from otop_pos.operations.shifts import shifts

    window = _open(qtbot, store, printer_uri=f"tcp:127.0.0.1:{blackhole}")
    _login(qtbot, window)
    session = window.session
    if shifts.current(session) is None:
        shifts.open_shift(session, shifts.parse_count({100000: "1"}))
    closed = shifts.close_shift(session, shifts.parse_count({100000: "1"}))
    ticks = Ticks()
    started = time.perf_counter()
    window.sale._print_shift_slip(closed)
    assert time.perf_counter() - started < 1.0  # rendered now, sent by the printing thread
    assert not store.query("SELECT id FROM print_log")  # not back from the printer yet

    window.close()  # quitting waits (a bounded time) for the slip and logs it
    assert ticks.longest_gap(started) < 9.0
    logged = store.query("SELECT doc_no, ok FROM print_log")
    assert [(r["doc_no"], r["ok"]) for r in logged] == [(f"SHIFT-{closed.shift_id}", 0)]
    assert window.sale.message.text().startswith("พิมพ์ไม่สำเร็จ")  # said once it came back
    ticks.timer.stop()


def test_a_full_tax_invoice_to_a_printer_that_hangs_never_blocks_the_counter(
    qtbot: QtBot, store: Store, blackhole: int, tmp_path: object
) -> None:
    from otop_pos.ui.till.tax_invoice_dialog import TaxInvoiceDialog

    window = _open(qtbot, store, printer_uri=f"tcp:127.0.0.1:{blackhole}",
                   documents_dir=str(tmp_path))  # fmt: skip
    barcode = _login(qtbot, window)
    assert _sell(qtbot, window, barcode) < 2.0
    receipt_no = sales_db.last_receipt_no(store, "T01")
    dialog = TaxInvoiceDialog(window.session, receipt_no or "", window.sale)
    qtbot.addWidget(dialog)
    dialog.boxes["name"].setText("บริษัท ผ้าไทย จำกัด")
    dialog.boxes["tax_id"].setText("0994000165315")
    dialog.boxes["address"].setText("99 ถ.เทพา อ.เมือง จ.ศรีสะเกษ")
    dialog.boxes["postcode"].setText("33000")
    started = time.perf_counter()
    dialog.issue()
    assert time.perf_counter() - started < 2.0  # the printer's connect alone waits 3 s
    assert dialog.invoice_no and ".pdf" in dialog.message.text()
    qtbot.waitUntil(
        lambda: window.sale.message.text().startswith("พิมพ์ไม่สำเร็จ"), timeout=30_000
    )  # said on the sale screen once the printer gave up
    logged = store.query("SELECT doc_no, is_copy, ok FROM print_log WHERE doc_no LIKE '%-TI-%'")
    assert {(r["is_copy"], r["ok"]) for r in logged} == {(1, 1), (0, 0)}  # PDF copy, paper
