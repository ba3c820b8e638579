"""Printing any document, after its business is committed, and where document files go."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from otop_pos.db import print_log
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations.errors import OperationError, record_if_bug
from otop_pos.operations.session import Session

if TYPE_CHECKING:  # printing loads on the first receipt, not at start-up (cold start)
    from otop_pos.printing.engine.document import Document


@dataclass(frozen=True)
class PrintResult:
    receipt_no: str
    ok: bool
    is_copy: bool
    message: str = ""
    image: Any = None  # the rendered PIL image, for the on-screen preview


@dataclass(frozen=True)
class PrintJob:
    """A document built and rendered on the caller's thread, waiting to be sent.

    ``send_job`` needs nothing else (no database, no Qt), so a window can send
    it on a printing thread while the cashier scans the next sale, and then
    log it with ``finish_print`` back on its own thread.
    """

    doc_no: str
    is_copy: bool
    user_id: int | None
    lang: str
    spec: Any = None  # the PrinterSpec; None when the printer URI is bad
    rendered: Any = None  # devices.Rendered: the image and the printer's bytes
    failure: str = ""  # why it cannot be sent (a bad URI, a layout fault): nothing is sent

    @property
    def image(self) -> Any:
        return None if self.rendered is None else self.rendered.image

    @property
    def can_stall(self) -> bool:
        """A printer behind a port (``file:/dev/usb/lp0`` too) may be off and hang until its
        timeout; a plain file or the preview does not."""
        spec = self.spec
        if spec is None or spec.kind == "preview":
            return False
        return spec.kind != "file" or str(spec.path).startswith("/dev/")


def _failure_text(exc: Exception, lang: str) -> str:
    """Why, without a PrinterError's 'printing the receipt failed:' (the screens say that,
    and the document may be a shift slip or a credit note)."""
    if lang == "en":
        return str(getattr(exc, "english", exc)).removeprefix("Printing the receipt failed: ")
    return str(getattr(exc, "thai_reason", None) or exc)


def prepare_print(
    session: Session,
    doc_no: str,
    build: Callable[[bool], Document],
    permission: Permission = Permission.REPRINT_RECEIPT,
    open_drawer: bool = False,
    as_copy: bool = False,
) -> PrintJob:
    """Check the permission, build the original or copy and render it; nothing is sent yet.

    ``as_copy`` marks it a copy whatever the log says: a reprint asked for while
    the original is still on its way is never a second original.
    """
    from otop_pos.printing.engine.devices import PrinterError, parse_printer_uri, render_for

    user = session.require(permission)
    is_copy = as_copy or print_log.original_printed(session.store, doc_no)
    doc = build(is_copy)
    job = PrintJob(doc_no, is_copy, user.id, session.lang)
    try:
        spec = parse_printer_uri(session.settings.printer_uri)
        job = replace(job, spec=spec)
        return replace(job, rendered=render_for(spec, doc, cut=True, kick_drawer=open_drawer))
    except (PrinterError, ValueError) as exc:
        record_if_bug(exc, f"printing {doc_no}")  # a document that cannot be laid out is ours
        return replace(job, failure=_failure_text(exc, session.lang))


def send_job(job: PrintJob) -> tuple[bool, str]:
    """Send a prepared job: (printed, why not). Any thread may call it."""
    from otop_pos.printing.engine.devices import PrinterError, send_rendered

    if job.failure or job.spec is None:
        return False, job.failure
    try:
        send_rendered(job.spec, job.rendered)
    except (PrinterError, ValueError) as exc:
        record_if_bug(exc, f"printing {job.doc_no}")
        return False, _failure_text(exc, job.lang)
    return True, ""


def finish_print(session: Session, job: PrintJob, ok: bool, message: str) -> PrintResult:
    """Log a sent job (on the session's own thread: the store belongs to it)."""
    print_log.log(session.store, job.doc_no, to_iso(utc_now()), job.user_id, job.is_copy, ok,
                  message)  # fmt: skip
    return PrintResult(job.doc_no, ok, job.is_copy, message, job.image)


def print_built(
    session: Session,
    doc_no: str,
    build: Callable[[bool], Document],
    permission: Permission = Permission.REPRINT_RECEIPT,
    open_drawer: bool = False,
) -> PrintResult:
    """Print a document built for original or copy, waiting for the printer; a failure is a
    result, not an error. The till's sale screen sends receipts on a thread instead
    (``ui/widgets/print_queue.py``)."""
    return print_job(session, prepare_print(session, doc_no, build, permission, open_drawer))


def print_job(session: Session, job: PrintJob) -> PrintResult:
    """Send a prepared job and log it, waiting for the printer (the command line's way)."""
    ok, message = send_job(job)
    return finish_print(session, job, ok, message)


@dataclass(frozen=True, slots=True)
class SavedFile:
    path: Path
    is_copy: bool


def documents_dir(session: Session, folder: Path | None = None) -> Path:
    """``folder`` (a command's --out) or the centre's documents folder, created when missing.

    A folder that cannot be made (a file of that name, no permission, a
    missing drive) is named in Thai rather than left to a traceback.
    """
    if folder is None:
        configured = session.settings.documents_dir
        folder = Path(configured) if configured else Path(session.store.path).parent / "documents"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OperationError(
            f"สร้างโฟลเดอร์สำหรับบันทึกเอกสารไม่ได้: {folder} ({exc.strerror or exc})",
            f"Cannot create the output folder {folder}: {exc.strerror or exc}",
        ) from exc
    return folder
