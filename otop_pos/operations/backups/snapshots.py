"""Taking a backup: when a manager asks, after every Z, once a day, before a migration.

Each backup lands in ``backups/`` beside the database, checked and renamed
into place (``db/backups/snapshot.py``), then the folder is thinned. When the
centre has a second folder (``backup_dir2``: a USB stick or a network share)
the backup is copied there too, the same way; a second folder that is
missing or not writable is a warning in the result, never a failure of the
backup. The automatic backups never stop the work they follow: a failed one
is logged and its warning kept for the manager's backup screen.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from otop_pos.db import settings as settings_db
from otop_pos.db.backups import folders
from otop_pos.db.backups.file_check import FileFacts
from otop_pos.db.backups.snapshot import BackupFailed, Progress, write_snapshot
from otop_pos.db.settings import CentreSettings
from otop_pos.db.store import Store, StoreError, fault_of
from otop_pos.domain.backups.thinning import BackupName, backup_name, safe_terminal
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import to_bangkok, utc_now
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session

log = logging.getLogger(__name__)

_last_failure: dict[str, tuple[str, str]] = {}  # database path -> (Thai, English), this process

SECOND_FOLDER = {
    "missing": ("ไม่พบโฟลเดอร์สำรองที่สอง {folder} (เสียบ USB หรือเชื่อมต่อเครือข่ายหรือยัง?)",
                "The second backup folder {folder} is missing (is the USB stick or share there?)"),
    "not_folder": ("{folder} ไม่ใช่โฟลเดอร์ จึงสำรองข้อมูลชุดที่สองไม่ได้",
                   "{folder} is not a folder; no second copy was made."),
    "not_writable": ("เขียนไฟล์ลงโฟลเดอร์สำรองที่สอง {folder} ไม่ได้ (เต็มหรือห้ามเขียน)",
                     "The second backup folder {folder} cannot be written (full or read-only)."),
    "copy": ("คัดลอกสำรองไปยัง {folder} ไม่สำเร็จ: {why}",
             "Copying the backup to {folder} failed: {why}"),
}  # fmt: skip


@dataclass(frozen=True)
class BackupResult:
    path: Path
    facts: FileFacts
    copies: tuple[Path, ...] = ()
    warnings: tuple[tuple[str, str], ...] = ()  # (Thai, English) for the manager
    removed: tuple[str, ...] = ()

    def warning_text(self, lang: str = "th") -> str:
        return "\n".join(en if lang == "en" else th for th, en in self.warnings)


def data_folder(db_path: str | Path) -> Path:
    """Where the till keeps its own backups: ``backups/`` beside the database."""
    return Path(db_path).resolve().parent / folders.FOLDER_NAME


def second_folder_warning(settings: CentreSettings) -> tuple[str, str] | None:
    """The second folder's state, for the backup screen before any backup runs."""
    if not settings.backup_dir2:
        return None
    problem = folders.folder_problem(Path(settings.backup_dir2))
    if problem is None:
        return None
    th, en = SECOND_FOLDER[problem]
    return th.format(folder=settings.backup_dir2), en.format(folder=settings.backup_dir2)


def _free_name(folder: Path, terminal_id: str, now: datetime, reason: str) -> str:
    n = 0
    while (folder / (name := backup_name(terminal_id, now, reason, n))).exists():
        n += 1
    return name


def take_backup(
    store: Store, reason: str, *, to: Path | None = None, progress: Progress | None = None,
    now: datetime | None = None, settings: CentreSettings | None = None,
) -> BackupResult:  # fmt: skip
    """One checked backup of `store` (which must not be inside a transaction).

    Without `to` it goes to the data folder, which is then thinned, and to the
    second folder when one is set. A backup that fails raises: a StoreError
    for the disk, OperationError when the copy did not check out.
    """
    now = now or utc_now()
    settings = settings or settings_db.load(store)
    folder = Path(to) if to is not None else data_folder(store.path)
    name = _free_name(folder, settings.terminal_id, now, reason)
    try:
        path, facts = write_snapshot(store.conn, folder, name, progress)
    except BackupFailed as exc:
        log.error("backup %s did not check out: %s %s", name, exc.facts.problem, exc.facts.detail)
        raise OperationError(
            f"สำรองข้อมูลไม่สำเร็จ: สำเนาที่เขียนตรวจไม่ผ่าน ({exc.facts.problem})",
            f"The backup failed: the copy did not check out ({exc.facts.problem}).",
        ) from exc
    except OSError as exc:
        raise _disk_refusal(exc, folder) from exc
    except Exception as exc:
        fault = fault_of(exc)
        if fault is None:
            raise
        raise fault from exc
    warnings: list[tuple[str, str]] = []
    if facts.problem == "chain":  # a faithful copy of a file whose journal break is known
        warnings.append((
            f"สำรองข้อมูลแล้ว แต่สมุดบันทึกรายการในไฟล์นี้ขาดความต่อเนื่อง ({facts.detail})"
            " ตรงกับไฟล์ปัจจุบัน ผู้จัดการควรตรวจสอบ (ตรวจบัญชีทั้งหมด)",
            f"Backed up, but this file's journal has a break ({facts.detail}), as the till's"
            " own file has; a manager should look at it (full books check).",
        ))  # fmt: skip
    copies: list[Path] = []
    removed: list[str] = []
    if to is None:
        removed += folders.thin(folder, now)
        if settings.backup_dir2:
            second = Path(settings.backup_dir2)
            problem = second_folder_warning(settings)
            if problem is not None:
                warnings.append(problem)
            else:
                try:
                    copies.append(folders.copy_checked(path, second))
                    removed += folders.thin(second, now)
                except OSError as exc:
                    th, en = SECOND_FOLDER["copy"]
                    warnings.append((th.format(folder=second, why=exc.strerror or exc),
                                     en.format(folder=second, why=exc.strerror or exc)))  # fmt: skip
    for _th, en in warnings:
        log.warning("backup %s: %s", name, en)
    log.info("backup %s written (%s, %s entries, %s old ones thinned)", path, reason,
             facts.entries, len(removed))  # fmt: skip
    return BackupResult(path, facts, tuple(copies), tuple(warnings), tuple(removed))


def _disk_refusal(exc: OSError, folder: Path) -> OperationError:
    log.warning("backup into %s failed: %s", folder, exc)
    return OperationError(
        f"สำรองข้อมูลลงโฟลเดอร์ {folder} ไม่สำเร็จ: {exc.strerror or exc}",
        f"The backup into {folder} failed: {exc.strerror or exc}",
    )


def backup_now(
    session: Session, *, to: Path | None = None, progress: Progress | None = None
) -> BackupResult:
    """The manager's backup (the backup screen, ``otop-pos backup`` with a PIN)."""
    session.require(Permission.MANAGE_SETTINGS)
    result = take_backup(session.store, "manual", to=to, progress=progress,
                         settings=session.settings)  # fmt: skip
    if to is None:
        _last_failure.pop(_key(session.store.path), None)
    return result


def quietly(store: Store, reason: str, now: datetime | None = None) -> BackupResult | None:
    """A backup that follows other work (a Z, the daily timer): never raises, logs instead.

    Its failure is kept (for this process) for the manager's backup screen,
    and forgotten at the next backup that works.
    """
    if store.conn.in_transaction:  # never inside someone's transaction (a nested caller)
        log.warning("the %s backup was skipped: called inside a transaction", reason)
        return None
    try:
        result = take_backup(store, reason, now=now)
    except (OperationError, StoreError, OSError) as exc:
        log.warning("the %s backup failed: %s", reason, exc)
        th = exc.thai if isinstance(exc, OperationError | StoreError) else str(exc)
        en = exc.english if isinstance(exc, OperationError | StoreError) else str(exc)
    except Exception as exc:
        log.exception("the %s backup failed", reason)
        th = en = f"{type(exc).__name__}: {exc}"
    else:
        _last_failure.pop(_key(store.path), None)
        return result
    _last_failure[_key(store.path)] = (
        f"การสำรองข้อมูลอัตโนมัติ ({reason}) ไม่สำเร็จ: {th}",
        f"The automatic backup ({reason}) failed: {en}",
    )
    return None


def _key(db_path: str | Path) -> str:
    return str(Path(db_path).resolve())


def last_failure(db_path: str | Path) -> tuple[str, str] | None:
    """The automatic backup that failed last in this process, if none has worked since."""
    return _last_failure.get(_key(db_path))


def needs_attention(db_path: str | Path, settings: CentreSettings) -> tuple[str, str] | None:
    """Why the manager should open the backup screen, or None: a failure, a missing second
    folder, or no backup yet today."""
    failure = last_failure(db_path) or second_folder_warning(settings)
    if failure is not None:
        return failure
    if due(db_path, settings.terminal_id):
        return ("ยังไม่ได้สำรองข้อมูลวันนี้", "No backup yet today.")
    return None


def own_backups(db_path: str | Path, terminal_id: str) -> list[BackupName]:
    """This terminal's backups in the data folder, oldest first."""
    terminal = safe_terminal(terminal_id)
    return [b for b in folders.backups_in(data_folder(db_path)) if b.terminal_id == terminal]


def last_backup(db_path: str | Path, terminal_id: str) -> datetime | None:
    """When this terminal's newest backup in the data folder was taken (Bangkok time)."""
    mine = own_backups(db_path, terminal_id)
    return mine[-1].taken_at if mine else None


def due(db_path: str | Path, terminal_id: str, now: datetime | None = None) -> bool:
    """True when this terminal has no backup dated today (Bangkok) in its data folder."""
    last = last_backup(db_path, terminal_id)
    today = to_bangkok(now or utc_now()).date()
    return last is None or last.date() < today


def daily_if_due(store: Store, now: datetime | None = None) -> BackupResult | None:
    """The window's timer: a backup when this terminal has none dated today (never raises)."""
    try:
        settings = settings_db.load(store)
        if not due(store.path, settings.terminal_id, now):
            return None
    except Exception:
        log.exception("checking whether a daily backup is due")
        return None
    return quietly(store, "daily", now)
