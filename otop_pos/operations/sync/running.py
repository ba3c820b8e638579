"""The uploader as the till runs it: started for an enrolled till, woken, stopped, asked.

The loop itself is `sync/uploader.py`; this wraps it for the window and the
command line: `start_uploader` starts one only when the till is enrolled,
`status()` answers from the loop's last look (taken on its own thread and
connection, so asking never touches the database from the screen's thread),
and `retry_after_stop` is a manager's "try again" after a permanent refusal.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from otop_pos.db.store import Store, open_store
from otop_pos.db.sync import state as state_db
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations.errors import OperationError
from otop_pos.operations.sync.status import SyncStatus, sync_status
from otop_pos.sync import messages

if TYPE_CHECKING:
    from otop_pos.sync.uploader import UploadLoop

log = logging.getLogger(__name__)

SWITCH_S = 0.001
"""How long the uploader's thread may hold the interpreter before the cashier's gets it back.

Python's default is 5 ms: while a long backlog drains, a scan would wait that
long for the interpreter on top of its own work."""


class Uploader:
    """The background upload of this till's journal; every method may be called from any thread."""

    def __init__(self, *, idle_s: float = 5.0, probe_every_s: float = 600.0,
                 timeout: float = 10.0) -> None:  # fmt: skip
        self.idle_s, self.probe_every_s, self.timeout = idle_s, probe_every_s, timeout
        self._loop: UploadLoop | None = None
        self._status: SyncStatus | None = None
        self._lock = threading.Lock()

    def start(self, db_path: Path) -> None:
        from otop_pos.sync.uploader import UploadLoop  # cryptography loads here, not at start-up

        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_S))

        store = open_store(db_path)  # upgraded to schema 8 if the till has not been yet
        try:
            self._keep(sync_status(store))
        finally:
            store.close()
        self._loop = UploadLoop(db_path, idle_s=self.idle_s, probe_every_s=self.probe_every_s,
                                timeout=self.timeout, after_step=self._after_step)  # fmt: skip
        self._loop.start()

    def _keep(self, status: SyncStatus) -> None:
        with self._lock:
            self._status = status

    def _after_step(self, store: Store, _step: object) -> None:
        self._keep(sync_status(store))

    def wake(self) -> None:
        """Send at once (after a sale, or a manager's "try again")."""
        if self._loop is not None:
            self._loop.wake()

    def stop(self, timeout: float = 5.0) -> bool:
        """End the thread; True when it ended within ``timeout`` seconds."""
        return True if self._loop is None else self._loop.stop(timeout)

    @property
    def running(self) -> bool:
        return self._loop is not None and self._loop.running

    def status(self) -> SyncStatus:
        """As of the loop's last look (at most ``idle_s`` old, or just after a step)."""
        with self._lock:
            if self._status is None:
                raise RuntimeError("the uploader is not started")
            return self._status


def start_uploader(db_path: Path, **options: float) -> Uploader | None:
    """A running uploader for the till at ``db_path``; None when it is not enrolled."""
    store = open_store(db_path)
    try:
        enrolled = state_db.load(store) is not None
    finally:
        store.close()
    if not enrolled:
        return None
    uploader = Uploader(**options)
    uploader.start(db_path)
    return uploader


def retry_after_stop(store: Store) -> None:
    """A manager's "try again": a stopped uploader sends again (wake it after this)."""
    st = state_db.load(store)
    if st is None:
        th, en = messages.text("not_enrolled")
        raise OperationError(th, en)
    if st.state == "stopped":
        log.info("sync: a manager asked to try again after %s", st.error_code)
        state_db.set_state(store, st.generation, "idle", to_iso(utc_now()))


@dataclass(frozen=True)
class SendRun:
    """What `send_now` did: batches acknowledged, entries newly held, and how it ended."""

    batches: int
    acknowledged: int
    outcome: str  # "drained" | "stopped" | "waiting" | "not_enrolled"
    status: SyncStatus


def send_now(store: Store, max_steps: int = 1000, now: float | None = None) -> SendRun:
    """Send until nothing waits or the server refuses or does not answer; never sleeps.

    Asks the server for its checkpoint when nothing waits, so a till
    restored from an old backup is stopped here too.
    """
    from otop_pos.sync.uploader import Pacing, send_once

    pacing = Pacing()
    batches = acknowledged = 0
    outcome = "drained"
    probed = False
    for _ in range(max_steps):
        step = send_once(store, time.time() if now is None else now, pacing, probe=not probed)
        probed = probed or step.probed
        acknowledged += step.acknowledged
        batches += step.outcome == "sent"
        if step.outcome in ("stopped", "not_enrolled"):
            outcome = step.outcome
            break
        if step.outcome == "wait":
            outcome = "waiting"
            break
        if step.outcome == "idle" or (step.outcome == "sent" and step.delay is None):
            break  # nothing waits; the server's checkpoint was just verified or asked for
    status = sync_status(store)
    if outcome == "drained" and status.unsent:  # max_steps ran out first
        outcome = "waiting"
    return SendRun(batches, acknowledged, outcome, status)
