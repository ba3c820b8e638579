"""Putting a backup back: only a sound file of this very till, and never blindly.

A file is refused when it is damaged or its chain is broken, when it is not
a centre's, and when it is another centre's (tax ID) or another till's
(terminal, or a journal that starts with a different first entry). The
current file is backed up first; the backup is copied beside the database,
checked again and renamed over it while nobody has it open (a till window
still on it is refused in Thai). The result names the restored journal's
last entry and how many later entries of this till are gone from this file
(the provincial server may still hold them).
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path

from otop_pos.db import journal
from otop_pos.db import settings as settings_db
from otop_pos.db.backups.file_check import FileFacts, LastEntry, inspect
from otop_pos.db.backups.snapshot import Progress
from otop_pos.db.backups.swap import FileInUse, stage, swap_in
from otop_pos.db.store import open_store
from otop_pos.domain.staff.permissions import Permission, Role
from otop_pos.domain.thai.thaidate import format_numeric, format_numeric_en, from_iso
from otop_pos.operations import auth
from otop_pos.operations.backups.snapshots import BackupResult, take_backup
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session

log = logging.getLogger(__name__)

PROBLEMS = {
    "unreadable": ("เปิดไฟล์สำรองไม่ได้", "The backup file cannot be read."),
    "damaged": ("ไฟล์สำรองเสียหาย (ตรวจความสมบูรณ์ไม่ผ่าน) จึงไม่นำกลับมาใช้",
                "The backup file is damaged (integrity check failed); it is refused."),
    "not_centre": ("ไฟล์นี้ไม่ใช่ข้อมูลของศูนย์ OTOP POS", "This file is not an OTOP POS centre's."),
    "too_new": ("ไฟล์สำรองมาจาก OTOP POS รุ่นใหม่กว่า กรุณาอัปเดตโปรแกรมก่อน",
                "The backup comes from a newer OTOP POS; update the program first."),
    "chain": ("สมุดบันทึกรายการในไฟล์สำรองถูกแก้ไขหรือขาดหาย จึงไม่นำกลับมาใช้",
              "The journal in the backup file is broken or edited; it is refused."),
}  # fmt: skip


@dataclass(frozen=True)
class RestorePlan:
    facts: FileFacts  # the backup's
    current_seq: int  # this till's last seq in the current file (0 without one)

    @property
    def last(self) -> LastEntry | None:
        return self.facts.last

    @property
    def lost(self) -> int:
        """Entries of this till in the current file that the backup does not have."""
        return max(0, self.current_seq - (self.last.seq if self.last else 0))

    def summary(self, lang: str = "th") -> str:
        last = self.last
        if last is None:
            return ("ไฟล์สำรองยังไม่มีรายการบันทึก" if lang != "en"
                    else "The backup holds no journal entries.")  # fmt: skip
        when = from_iso(last.occurred_at)
        if lang == "en":
            text = (f"The restored journal ends at seq {last.seq} ({last.kind}, "
                    f"{format_numeric_en(when)} Bangkok time).")  # fmt: skip
            if self.lost:
                text += (f" The {self.lost:,} later entries of terminal {last.terminal_id} are"
                         " gone from this till unless the provincial server holds them.")  # fmt: skip
            return text
        text = (f"สมุดบันทึกที่นำกลับมาสิ้นสุดที่รายการลำดับที่ {last.seq} ({last.kind}) "
                f"เมื่อ {format_numeric(when)} น.")  # fmt: skip
        if self.lost:
            text += (f" รายการหลังจากนั้น {self.lost:,} รายการของเครื่อง {last.terminal_id}"
                     " จะหายไปจากเครื่องนี้ เว้นแต่เซิร์ฟเวอร์จังหวัดมีเก็บไว้")  # fmt: skip
        return text


@dataclass(frozen=True)
class RestoreResult:
    plan: RestorePlan
    before: BackupResult  # the current file, backed up first


@dataclass(frozen=True)
class Prepared:
    """A restore ready to swap: the current file backed up, the backup staged and checked."""

    plan: RestorePlan
    before: BackupResult
    staged: Path


def _refuse(facts: FileFacts) -> None:
    if facts.problem is not None:
        th, en = PROBLEMS.get(facts.problem, PROBLEMS["damaged"])
        log.warning("restore refused %s: %s %s", facts.path, facts.problem, facts.detail)
        raise OperationError(th, en)


def check_file(session: Session, candidate: Path) -> RestorePlan:
    """What restoring `candidate` would do; refuses a file this till must not take."""
    session.require(Permission.MANAGE_SETTINGS)
    facts = inspect(Path(candidate))
    _refuse(facts)
    mine = session.settings
    if facts.tax_id != mine.tax_id or (not mine.tax_id and facts.centre_name != mine.centre_name):
        raise OperationError(
            f"ไฟล์สำรองนี้เป็นของศูนย์อื่น ({facts.centre_name}, เลขผู้เสียภาษี "
            f"{facts.tax_id or '-'}) จึงไม่นำกลับมาใช้",
            f"This backup belongs to another centre ({facts.tax_id or 'no tax ID'}); refused.",
        )
    if facts.terminal_id != mine.terminal_id:
        raise OperationError(
            f"ไฟล์สำรองนี้เป็นของเครื่อง {facts.terminal_id} ไม่ใช่เครื่องนี้ ({mine.terminal_id})",
            f"This backup is terminal {facts.terminal_id}'s, not this one's "
            f"({mine.terminal_id}); refused.",
        )
    own_first = journal.hash_at(session.store, mine.terminal_id, 1)
    theirs = facts.chains.get(mine.terminal_id)
    if own_first is not None and theirs is not None and own_first != theirs:
        raise OperationError(
            "สมุดบันทึกในไฟล์สำรองเริ่มต้นต่างจากของเครื่องนี้ (เป็นของเครื่องอื่นที่ใช้ชื่อเดียวกัน)",
            "The backup's journal starts differently from this till's (another till with the"
            " same name); refused.",
        )
    current_seq, _ = journal.head(session.store, mine.terminal_id)
    return RestorePlan(facts, current_seq)


def prepare(session: Session, candidate: Path, progress: Progress | None = None) -> Prepared:
    """Everything slow, on any thread's own connection: check, back up the current file, stage.

    The staged copy is checked again where it lies, beside the database.
    """
    plan = check_file(session, candidate)
    before = take_backup(session.store, "restore", settings=session.settings, progress=progress)
    staged = stage(Path(candidate), Path(session.store.path))
    again = inspect(staged)
    if again.problem is not None:
        discard(staged)
        _refuse(again)
    return Prepared(plan, before, staged)


def discard(staged: Path) -> None:
    with contextlib.suppress(OSError):
        staged.unlink()


def swap(session: Session, prepared: Prepared) -> RestoreResult:
    """Close the session's store, rename the staged copy over the database, open it again.

    Refused (the old file kept and opened again) while any other connection
    has the database open; the session is logged out either way.
    """
    session.require(Permission.MANAGE_SETTINGS)
    db = Path(session.store.path)
    session.store.close()
    try:
        swap_in(prepared.staged, db)
    except FileInUse as exc:
        log.warning("restore refused: %s is open elsewhere (%s)", db, exc)
        raise OperationError(
            "ยังมีโปรแกรมอื่นเปิดฐานข้อมูลนี้อยู่ (เช่น หน้าจอขาย) กรุณาปิดก่อนแล้วลองอีกครั้ง",
            "Another program (a till window?) has this database open; close it and try again.",
        ) from exc
    finally:
        discard(prepared.staged)
        session.store = open_store(db)
        session.settings = settings_db.load(session.store)
        auth.logout(session)
    plan = prepared.plan
    log.warning("restored %s from %s (ends at seq %s; %s later entries gone; previous file kept"
                " as %s)", db, plan.facts.path, plan.last.seq if plan.last else 0, plan.lost,
                prepared.before.path)  # fmt: skip
    return RestoreResult(plan, prepared.before)


def restore(session: Session, candidate: Path) -> RestoreResult:
    """Back up the current file, then put `candidate` in its place (the command line's way)."""
    return swap(session, prepare(session, candidate))


def restore_onto_nothing(db: Path, candidate: Path, user_id: int | None, pin: str) -> RestorePlan:
    """The disk died: a backup becomes the database where there is none.

    No current file means no identity to compare; the manager's PIN is
    checked against the users in the backup itself.
    """
    db = Path(db)
    if db.exists():
        raise OperationError(f"มีฐานข้อมูล {db} อยู่แล้ว", f"{db} already exists.")
    facts = inspect(Path(candidate))
    _refuse(facts)
    db.parent.mkdir(parents=True, exist_ok=True)
    temp = stage(Path(candidate), db)
    try:
        store = open_store(temp, migrate=False)
        try:
            session = Session.open(store)
            managers = [u.id for u in auth.list_users(session) if u.role is Role.MANAGER]
            auth.login(session, user_id or (managers[0] if managers else 0), pin)
            session.require(Permission.MANAGE_SETTINGS)
        finally:
            store.close()
        swap_in(temp, db)
    finally:
        discard(temp)
    log.warning("restored %s from %s onto no database", db, candidate)
    return RestorePlan(facts, 0)
