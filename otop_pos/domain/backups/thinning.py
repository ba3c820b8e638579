"""Backup file names, and which backups to keep: pure rules, no files touched.

A backup is named ``centre-<terminal>-<Bangkok date>T<time>-<reason>.sqlite``
so a folder listing sorts by time and says whose it is and why it was taken.
A file being written has a name that never parses as a backup (it starts with
a dot and ends in ``.partial``), so a copy cut short is never taken for one.

Thinning keeps everything of the last 24 hours, the newest backup of each of
the last 12 days, 10 weeks and 9 months that have one, and always the newest;
it is decided per terminal (a USB stick may hold several tills' backups) and
never names a file that is not one of our backups.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from otop_pos.domain.thai.thaidate import BANGKOK, to_bangkok

PREFIX = "centre-"
SUFFIX = ".sqlite"
PARTIAL = ".partial"
REASONS = ("manual", "z", "daily", "migrate", "restore")

_NAME = re.compile(
    r"^centre-(?P<terminal>[A-Za-z0-9_]+)-(?P<stamp>\d{4}-\d{2}-\d{2}T\d{6})"
    r"(?:-(?P<reason>[a-z]+))?(?:-(?P<n>\d+))?\.sqlite$"
)
_STAMP = "%Y-%m-%dT%H%M%S"


def safe_terminal(terminal_id: str) -> str:
    """The terminal as it may stand in a file name (letters, digits, underscore)."""
    return re.sub(r"[^A-Za-z0-9_]", "_", terminal_id) or "T"


def backup_name(terminal_id: str, taken_at: datetime, reason: str, n: int = 0) -> str:
    """The file name of a backup taken at an instant (named in Bangkok time)."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    stamp = to_bangkok(taken_at).strftime(_STAMP)
    extra = f"-{n}" if n else ""
    return f"{PREFIX}{safe_terminal(terminal_id)}-{stamp}-{reason}{extra}{SUFFIX}"


def partial_name(final_name: str) -> str:
    """The name a copy is written under until it is complete and checked."""
    return f".{final_name}{PARTIAL}"


def is_partial(name: str) -> bool:
    """A copy being written, or the side file SQLite keeps beside it while it writes."""
    return name.startswith(".") and name.endswith(
        (PARTIAL, f"{PARTIAL}-journal", f"{PARTIAL}-wal", f"{PARTIAL}-shm")
    )


@dataclass(frozen=True)
class BackupName:
    name: str
    terminal_id: str
    taken_at: datetime  # aware, Bangkok
    reason: str


def parse(name: str) -> BackupName | None:
    """The backup a file name stands for, or None when it is not one of ours."""
    m = _NAME.match(name)
    if m is None:
        return None
    try:
        taken = datetime.strptime(m["stamp"], _STAMP).replace(tzinfo=BANGKOK)
    except ValueError:
        return None
    return BackupName(name, m["terminal"], taken, m["reason"] or "manual")


@dataclass(frozen=True)
class Policy:
    daily: int = 12
    weekly: int = 10
    monthly: int = 9
    recent: timedelta = timedelta(hours=24)


def _day(b: BackupName) -> Hashable:
    return b.taken_at.date()


def _week(b: BackupName) -> Hashable:
    return b.taken_at.isocalendar()[:2]


def _month(b: BackupName) -> Hashable:
    return (b.taken_at.year, b.taken_at.month)


def _newest_per_bucket(
    ordered: list[BackupName], key: Callable[[BackupName], Hashable], count: int
) -> set[str]:
    """The newest backup of each of the latest `count` buckets that hold one."""
    kept: set[str] = set()
    seen: set[Hashable] = set()
    for b in ordered:
        k = key(b)
        if k in seen:
            continue
        if len(seen) >= count:
            break
        seen.add(k)
        kept.add(b.name)
    return kept


def to_keep(backups: list[BackupName], now: datetime, policy: Policy) -> set[str]:
    """The names to keep among one terminal's backups."""
    if not backups:
        return set()
    ordered = sorted(backups, key=lambda b: (b.taken_at, b.name), reverse=True)
    since = to_bangkok(now) - policy.recent
    keep = {ordered[0].name}
    keep |= {b.name for b in ordered if b.taken_at >= since}
    keep |= _newest_per_bucket(ordered, _day, policy.daily)
    keep |= _newest_per_bucket(ordered, _week, policy.weekly)
    keep |= _newest_per_bucket(ordered, _month, policy.monthly)
    return keep


def to_delete(names: Iterable[str], now: datetime, policy: Policy | None = None) -> list[str]:
    """Which of these file names thinning removes; anything not a backup of ours is left alone."""
    policy = policy or Policy()
    by_terminal: dict[str, list[BackupName]] = {}
    for name in names:
        parsed = parse(name)
        if parsed is not None:
            by_terminal.setdefault(parsed.terminal_id, []).append(parsed)
    gone: list[str] = []
    for backups in by_terminal.values():
        keep = to_keep(backups, now, policy)
        gone.extend(b.name for b in backups if b.name not in keep)
    return sorted(gone)
