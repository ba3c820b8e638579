"""Printing any document, after its business is committed, and where document files go."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


def print_built(
    session: Session,
    doc_no: str,
    build: Callable[[bool], Document],
    permission: Permission = Permission.REPRINT_RECEIPT,
    open_drawer: bool = False,
) -> PrintResult:
    """Print a document built for original or copy; a failure is a result, not an error."""
    from otop_pos.printing.engine.devices import PrinterError, parse_printer_uri, print_document

    user = session.require(permission)
    is_copy = print_log.original_printed(session.store, doc_no)
    doc = build(is_copy)
    ok, message, image = True, "", None
    try:
        spec = parse_printer_uri(session.settings.printer_uri)
        outcome = print_document(spec, doc, cut=True, kick_drawer=open_drawer)
        image = getattr(outcome, "image", None)
    except (PrinterError, ValueError) as exc:
        ok = False
        message = getattr(exc, "english", str(exc)) if session.lang == "en" else str(exc)
        record_if_bug(exc, f"printing {doc_no}")  # a document that cannot be laid out is ours
    print_log.log(session.store, doc_no, to_iso(utc_now()), user.id, is_copy, ok, message)
    return PrintResult(doc_no, ok, is_copy, message, image)


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
