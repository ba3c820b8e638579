"""The till watches its own books: its chain, and the read tables that follow from it.

At start-up only what came since the last verified point is checked: the
chain from that point, every new entry against its kind's declaration, and
the sale, void, refund, cash and Z rows the new entries wrote (what an X and
a Z add up). Before every Z the same, and the money rows of every entry the
Z covers again (they may have been edited after start-up), so a Z costs a
day's work, never the whole history's. Every read table against a replay of
the whole journal (``check_in_full``, ``otop-pos journal rebuild --check``)
is the complete proof, run on demand. A problem is logged, kept for the
manager with the first broken entry, and blocks the Z until a manager
acknowledges it; the acknowledgement is a journal entry, so the audit log
says who accepted what and when. The point moves only over entries that
checked out.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from otop_pos.db import books as books_db
from otop_pos.db import journal
from otop_pos.db.shifts import day_close as day_close_db
from otop_pos.db.store import Store, open_store
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session

if TYPE_CHECKING:
    from otop_pos.domain.journal.contract import ContractError
    from otop_pos.operations.approvals import Approval

log = logging.getLogger(__name__)

CHAIN_TH = {
    "missing seq": "รายการหายไป",
    "prev_hash": "ลิงก์ไปยังรายการก่อนหน้าไม่ตรง",
    "hash does not": "ข้อมูลของรายการถูกแก้ไข",
    "the entry verified earlier": "รายการที่ตรวจไว้แล้วถูกแก้ไขหรือหายไป",
}


@dataclass(frozen=True)
class BooksProblem:
    """The first thing found wrong: in the chain, in an entry, or in the read tables."""

    what: str  # "chain" | "entry" | "tables"
    terminal_id: str | None
    seq: int | None
    thai: str
    english: str
    found_at: str

    @property
    def fingerprint(self) -> str:
        """The same problem found again has the same fingerprint (what an acknowledgement names)."""
        return f"{self.what}|{self.terminal_id}|{self.seq}|{self.english}"

    @property
    def entry_th(self) -> str:
        if self.seq is None:
            return ""
        return f"รายการบันทึกเครื่อง {self.terminal_id} ลำดับที่ {self.seq}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> BooksProblem:
        return cls(**{k: d.get(k) for k in cls.__dataclass_fields__})  # type: ignore[arg-type]


class BooksRefused(OperationError):
    """The Z is refused: the books do not check out and no manager has acknowledged it."""

    def __init__(self, problem: BooksProblem) -> None:
        super().__init__(
            f"ปิดยอด Z ไม่ได้: ตรวจพบข้อมูลไม่ตรงกับบันทึกรายการ ({problem.thai})"
            " ผู้จัดการต้องตรวจสอบและกดรับทราบก่อนจึงจะปิดยอดได้",
            f"The Z is refused: the books do not check out ({problem.english}). A manager"
            " must look into it and acknowledge it first.",
        )
        self.problem = problem


def _chain(result: journal.VerifyResult, at: str) -> BooksProblem:
    why = next((th for en, th in CHAIN_TH.items() if result.reason.startswith(en)), "")
    where = f"เครื่อง {result.terminal_id} ลำดับที่ {result.broken_seq}"
    return BooksProblem(
        "chain",
        result.terminal_id,
        result.broken_seq,
        f"บันทึกรายการ (journal) เสียหายที่รายการบันทึก{where}: {why}",
        f"journal broken at terminal {result.terminal_id} seq {result.broken_seq}: {result.reason}",
        at,
    )


def _entry(entry: journal.Entry, exc: ContractError, at: str) -> BooksProblem:
    return BooksProblem(
        "entry",
        entry.terminal_id,
        entry.seq,
        f"รายการบันทึกเครื่อง {entry.terminal_id} ลำดับที่ {entry.seq} ({entry.kind})"
        f" ไม่ตรงกับที่ประกาศไว้: {'; '.join(exc.problems)}",
        f"entry {entry.terminal_id}/{entry.seq} ({entry.kind}) does not match its"
        f" declaration: {exc}",
        at,
    )


def _found(session: Session, problem: BooksProblem, when: str) -> BooksProblem:
    stored = books_db.problem(session.store)
    if stored is None or BooksProblem.from_dict(stored).fingerprint != problem.fingerprint:
        books_db.save_problem(session.store, problem.as_dict())
    log.error("books check (%s) failed: %s", when, problem.english)
    return problem


def check_at_start(session: Session, now: datetime | None = None) -> BooksProblem | None:
    """The entries since the last verified point: chain, declarations, money rows."""
    return _check_since(session, to_iso(now or utc_now()), "start-up", for_z=False)


def check_for_z(session: Session, now: datetime | None = None) -> BooksProblem | None:
    """Before a Z: as at start-up, and the money rows of every entry the Z adds up.

    Rows verified at start-up may have been edited since, so the day the Z
    closes is read again, whatever the point; the work stays one day's, not
    the whole history's (``check_in_full`` replays everything, on demand).
    """
    return _check_since(session, to_iso(now or utc_now()), "Z", for_z=True)


def _check_since(session: Session, at: str, when: str, for_z: bool) -> BooksProblem | None:
    store = session.store
    since = books_db.points(store)
    result = journal.verify(store, since)
    if not result.ok:
        return _found(session, _chain(result, at), when)
    for terminal_id in result.heads:
        after = since.get(terminal_id, (0, ""))[0]
        for entry in journal.stream(store, terminal_id, after):
            from otop_pos.domain.journal import kinds  # only when there is something new
            from otop_pos.domain.journal.contract import ContractError

            try:
                kinds.to_read(entry.kind, entry.payload)
            except ContractError as exc:
                return _found(session, _entry(entry, exc, at), when)
        rows_after = min(after, day_close_db.last_z_seq(store, terminal_id)) if for_z else after
        money = books_db.money_row_problem(store, terminal_id, rows_after)
        if money is not None:
            seq, table = money
            found = BooksProblem(
                "tables",
                terminal_id,
                seq,
                f"ตาราง {table} ไม่ตรงกับรายการบันทึกเครื่อง {terminal_id} ลำดับที่ {seq}",
                f"table {table} does not say what entry {terminal_id}/{seq} says",
                at,
            )
            return _found(session, found, when)
    books_db.save_points(store, result.heads, at)
    log.info("books checked (%s): %s new entries", when, result.checked)
    return None


@dataclass(frozen=True)
class FullCheck:
    """What the whole-journal check read: the heads it verified, or the first problem."""

    heads: dict[str, tuple[int, str]]
    checked: int
    problem: BooksProblem | None


def read_in_full(store: Store, at: str) -> FullCheck:
    """The whole chain, then every read table against a replay; reads only.

    It may run on any thread with its own (read-only) connection: on a long
    history it takes minutes, which the manager's screen must not wait for.
    """
    from otop_pos.db.projections import replay_check  # on demand: not at start-up

    result = journal.verify(store)
    if not result.ok:
        return FullCheck({}, result.checked, _chain(result, at))
    diff = replay_check.check(store)
    if diff is not None:
        what = "entry" if diff.reason else "tables"
        terminal, seq = diff.entry if diff.entry else (None, None)
        found = BooksProblem(what, terminal, seq, diff.thai(), diff.describe(), at)
        return FullCheck({}, result.checked, found)
    return FullCheck(result.heads, result.checked, None)


def check_file_in_full(path: str | Path, now: datetime | None = None) -> FullCheck:
    """``read_in_full`` on a connection of its own (for a worker thread)."""
    store = open_store(path, read_only=True)
    try:
        return read_in_full(store, to_iso(now or utc_now()))
    finally:
        store.close()


def keep_full_check(session: Session, done: FullCheck) -> BooksProblem | None:
    """What a full check found, kept on the till's own connection: the point or the problem."""
    session.require(Permission.VIEW_REPORTS)
    if done.problem is not None:
        return _found(session, done.problem, "full")
    _keep_checked(session, done)
    return None


def check_in_full(session: Session, now: datetime | None = None) -> BooksProblem | None:
    """The whole chain, then every read table against a replay of the journal."""
    done = read_in_full(session.store, to_iso(now or utc_now()))
    if done.problem is not None:
        return _found(session, done.problem, "full")
    _keep_checked(session, done)
    return None


def _keep_checked(session: Session, done: FullCheck) -> None:
    store = session.store
    books_db.save_points(store, done.heads, to_iso(utc_now()))
    if books_db.problem(store) is not None:
        books_db.save_problem(store, None)  # e.g. the tables were rebuilt from the journal
        log.info("books check out again")
    log.info("books checked in full: %s entries", done.checked)


def require_books(session: Session, now: datetime | None = None) -> None:
    """Before a Z: its books check out, or a manager acknowledged this very problem."""
    found = check_for_z(session, now)
    if found is None:
        return
    if books_db.acknowledged(session.store) == found.fingerprint:
        log.warning("Z with a problem a manager acknowledged: %s", found.english)
        return
    raise BooksRefused(found)


def open_problem(session: Session) -> BooksProblem | None:
    """The problem last found that no manager has acknowledged yet (for the manager's screen)."""
    session.require(Permission.VIEW_REPORTS)
    stored = books_db.problem(session.store)
    if stored is None:
        return None
    found = BooksProblem.from_dict(stored)
    return None if books_db.acknowledged(session.store) == found.fingerprint else found


def acknowledge(
    session: Session, approval: Approval | None = None, now: datetime | None = None
) -> BooksProblem:
    """A manager has seen the problem: it no longer blocks the Z (a new one will)."""
    from otop_pos.db.projections import record
    from otop_pos.operations.approvals import authorize

    user, manager = authorize(session, Permission.CLOSE_DAY, approval)
    stored = books_db.problem(session.store)
    if stored is None:
        raise OperationError("ไม่มีปัญหาที่ต้องรับทราบ", "There is no problem to acknowledge.")
    found = BooksProblem.from_dict(stored)
    store = session.store
    with store.transaction():
        record.record(
            store,
            session.terminal_id,
            "books_acknowledged",
            to_iso(now or utc_now()),
            user.id,
            {
                "problem": found.english,
                "terminal_id": found.terminal_id,
                "seq": found.seq,
                "approved_by": manager.id,
            },
        )
        books_db.save_acknowledged(store, found.fingerprint)
    log.warning("books problem acknowledged by manager %s: %s", manager.id, found.english)
    return found
