"""The till's printing thread: receipts go out in order while the cashier scans on.

A receipt printer that is off makes the driver wait for its timeout (3 s to
connect, 3 s more to write); on the GUI thread that froze the till after every
sale. Now the sale screen builds and renders the receipt at once (the store
and Qt's painting stay on the GUI thread) and one thread per window sends the
bytes, in the order they were asked for. Each result comes back as a queued
signal: the print log is written on the GUI thread and the screen shows
"receipt not printed: why" under the cart, with no modal box.

A file or preview printer cannot hang, so its job is sent at once when
nothing is waiting ahead of it (and the reprint button's result shows at once).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from otop_pos.operations.errors import describe, record_bug
from otop_pos.operations.printing import PrintJob, PrintResult, finish_print, send_job
from otop_pos.operations.session import Session
from otop_pos.ui.texts.i18n import tr
from otop_pos.ui.widgets.forms import refusal_text
from otop_pos.ui.widgets.receipt_preview import ReceiptPreview


def _send_loop(jobs: queue.SimpleQueue[PrintJob | None], sent: Callable[..., object]) -> None:
    """The printing thread: send each job, report it, until told to stop (None)."""
    while (job := jobs.get()) is not None:
        try:
            ok, message = send_job(job)  # no store, no Qt: safe off the GUI thread
        except Exception as exc:  # a bug must not end the thread: later receipts would wait forever
            ok, message = False, describe(exc, job.lang, f"sending {job.doc_no} to the printer")
        try:
            sent(job, ok, message)
        except RuntimeError:  # the window is gone; its receipts go unlogged with it
            return


class PrintQueue(QObject):
    """One window's printing thread; ``printed`` follows each job, on the GUI thread."""

    printed = Signal(object)  # PrintResult, after the print log is written
    _sent = Signal(object, bool, str)  # from the printing thread

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printQueue")
        self.session = session
        self._jobs: queue.SimpleQueue[PrintJob | None] = queue.SimpleQueue()
        self._waiting: list[str] = []  # numbers sent to the thread and not back yet
        self._done: dict[int, Callable[[PrintResult], object]] = {}  # a job's own listener
        self._thread: threading.Thread | None = None
        self._sent.connect(self._finish, Qt.ConnectionType.QueuedConnection)

    def is_waiting(self, doc_no: str | None = None) -> bool:
        """Whether a job (or the job for ``doc_no``) is still on its way to the printer."""
        return bool(self._waiting) if doc_no is None else doc_no in self._waiting

    def submit(self, job: PrintJob, done: Callable[[PrintResult], object] | None = None) -> None:
        """Send ``job`` after those before it; returns at once when the printer could stall.
        ``done`` hears its result instead of ``printed`` (a shift slip, a credit note)."""
        if done is not None:
            self._done[id(job)] = done
        if not job.can_stall and not self._waiting:
            ok, message = send_job(job)
            self._finish(job, ok, message, queued=False)
            return
        self._waiting.append(job.doc_no)
        if self._thread is None:
            self._thread = threading.Thread(
                target=_send_loop, args=(self._jobs, self._sent.emit), name="printQueue",
                daemon=True,  # a till closing mid-print must not wait for a dead printer
            )  # fmt: skip
            self._thread.start()
        self._jobs.put(job)

    def close(self) -> None:
        """End the thread after the jobs already queued, without waiting for it."""
        if self._thread is not None:
            self._jobs.put(None)
            self._thread = None

    def stop(self, timeout: float = 10.0) -> bool:
        """Let the jobs already queued go out, then end the thread; True if it ended."""
        if self._thread is None:
            return True
        self._jobs.put(None)
        self._thread.join(timeout)
        ended = not self._thread.is_alive()
        self._thread = None if ended else self._thread
        return ended

    def _finish(self, job: PrintJob, ok: bool, message: str, queued: bool = True) -> None:
        if queued and job.doc_no in self._waiting:
            self._waiting.remove(job.doc_no)
        try:
            result = finish_print(self.session, job, ok, message)
        except Exception as exc:  # the log could not be written: the cashier still hears
            record_bug(exc, f"logging the print of {job.doc_no}")
            result = PrintResult(job.doc_no, ok, job.is_copy, message, job.image)
        done = self._done.pop(id(job), None)
        if done is not None:
            done(result)
        else:
            self.printed.emit(result)


class _SaleScreen(Protocol):
    """What the receipt needs of the sale screen (ui/till/sale_screen.py)."""

    session: Session
    preview: ReceiptPreview
    not_printed: QLabel

    def _say(self, text: str, level: str = "info") -> None: ...


def finish_printing(screen: QWidget, seconds: float) -> bool:
    """Before the till closes: let what is queued go out (a shift slip printed just before
    quitting), waiting at most ``seconds`` for a dead printer, then log what came back."""
    found = screen.findChild(PrintQueue, "printQueue")
    if found is None:
        return True
    ended = found.stop(seconds)
    QCoreApplication.processEvents()  # the queued results: their print log rows
    return ended


def print_queue(
    screen: QWidget, session: Session, on_printed: Callable[[PrintResult], None]
) -> PrintQueue:
    """The window's printing queue, made (and told whom to tell) on the first print."""
    found = screen.findChild(PrintQueue, "printQueue")
    if found is not None:
        return found
    made = PrintQueue(session, screen)
    made.printed.connect(on_printed)
    screen.destroyed.connect(made.close)
    return made


def print_receipt(screen: _SaleScreen, receipt_no: str, open_drawer: bool = False) -> None:
    """A sale's receipt: rendered and previewed now, sent by the window's printing thread."""
    from otop_pos.operations.selling import receipts

    assert isinstance(screen, QWidget)
    jobs = print_queue(screen, screen.session, lambda result: _show(screen, result))
    try:  # a reprint while the original is on its way is a copy
        job = receipts.receipt_job(screen.session, receipt_no, open_drawer=open_drawer,
                                   as_copy=jobs.is_waiting(receipt_no))  # fmt: skip
    except Exception as exc:  # the sale is saved: a fault here is news, never a refusal
        screen.not_printed.setText(tr("not_printed", why=refusal_text(exc, "printing a receipt")))
        screen.not_printed.show()
        return
    screen.preview.show_image(job.image)
    jobs.submit(job)


def print_document(
    screen: _SaleScreen,
    make_job: Callable[[], PrintJob],
    done: Callable[[PrintResult], object],
    what: str,
) -> None:
    """Another document of the sale screen (a shift slip, a credit note): rendered now, sent
    in turn after the receipts before it, ``done`` told how it went."""
    assert isinstance(screen, QWidget)
    jobs = print_queue(screen, screen.session, lambda result: _show(screen, result))
    try:  # the business is saved: a fault here is news, never a refusal
        job = make_job()
    except Exception as exc:
        screen._say(tr("not_printed_doc", why=refusal_text(exc, what)), "error")
        return
    jobs.submit(job, done)


def _show(screen: _SaleScreen, result: PrintResult) -> None:
    if result.ok:
        screen.not_printed.hide()
        if result.is_copy:
            screen._say(tr("printed_copy", no=result.receipt_no))
    else:
        screen.not_printed.setText(tr("not_printed", why=result.message))
        screen.not_printed.show()
