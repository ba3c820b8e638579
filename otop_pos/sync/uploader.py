"""The upload loop: the journal after the acknowledged seq, to the server, per the error table.

`send_once` is one step (one request at most) and says what to do next and
when; `UploadLoop` runs steps on a thread of its own with its own
connection, sleeping on an Event so `wake()` sends at once and `stop()`
ends promptly. The loop only reads the journal and writes `sync_state` in
short transactions of its own, and the request goes out with no
transaction open, so a sale never waits on sync.

What each answer does is the protocol's table (docs/sync-protocol.md,
"Errors"): a permanent refusal stops the uploader, with the reason for the
manager, until a new enrolment or a manager's "try again"; anything
passing waits and retries (Retry-After, or 1 s doubling to 5 min with
±20 % jitter); a gap, a reused nonce and a batch too large are retried at
once. Every checkpoint the server signs is verified with the key from
enrolment and checked against this till's own chain before it moves the
acknowledged seq.
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from otop_pos.db import journal
from otop_pos.db.store import Store, open_store
from otop_pos.db.sync import outbox
from otop_pos.db.sync import state as state_db
from otop_pos.domain.thai.thaidate import to_iso
from otop_pos.sync import checkpoints, messages
from otop_pos.sync.checkpoints import Checkpoint, CheckpointError
from otop_pos.sync.client import TIMEOUT_S, Answer, Client

log = logging.getLogger(__name__)

FIRST_DELAY_S = 1.0
MAX_DELAY_S = 300.0
JITTER = 0.2
NONCE_RETRIES = 3  # a reused nonce again and again is no longer bad luck
STOP_AUTH = {"bad_auth_header", "unknown_terminal", "bad_signature"}


def backoff_delay(failures: int, rng: random.Random) -> float:
    """Seconds before retry ``failures`` (1, 2, ...): 1 s doubling to 300 s, then ±20 %."""
    base: float = min(MAX_DELAY_S, FIRST_DELAY_S * 2.0 ** max(0, failures - 1))
    return base * rng.uniform(1 - JITTER, 1 + JITTER)


@dataclass
class Pacing:
    """What one uploader remembers between steps: batch limits and failures in a row."""

    max_entries: int = outbox.MAX_ENTRIES
    max_bytes: int = outbox.MAX_BYTES
    failures: int = 0
    nonce_retries: int = 0
    rng: random.Random = field(default_factory=random.Random)


@dataclass(frozen=True, slots=True)
class Step:
    """What one step did and when the next may run.

    ``outcome``: "idle" (nothing waits), "sent" (a batch acknowledged),
    "again" (retry at once: gap, reused nonce, batch halved), "wait"
    (retry after ``delay``), "stopped", "not_enrolled". ``delay`` None
    means "until woken or the next idle look".
    """

    outcome: str
    delay: float | None = None
    acknowledged: int = 0  # entries the server newly holds
    code: str | None = None
    message_th: str | None = None
    message_en: str | None = None
    probed: bool = False  # the server's checkpoint was asked for (nothing was waiting)


def _iso(now: float) -> str:
    return to_iso(datetime.fromtimestamp(now, UTC))


class _Run:
    """One step's context: the state read at its start, the store, the clock."""

    def __init__(self, store: Store, st: state_db.SyncState, now: float, pacing: Pacing,
                 timeout: float) -> None:  # fmt: skip
        self.store, self.st, self.now, self.pacing = store, st, now, pacing
        self.at = _iso(now)
        self.state = st.state  # as written during this step
        self.client = Client.enrolled(st.server_url, st.terminal_id, st.secret, timeout)
        self.client.clock = lambda: now

    def stop(self, code: str, fields: dict[str, Any] | None = None,
             server: dict[str, Any] | None = None) -> Step:  # fmt: skip
        th, en = messages.text(code, fields, server)
        log.warning("sync stopped (%s): %s", code, en)
        self.set("stopped", code, th, en)
        return Step("stopped", None, code=code, message_th=th, message_en=en)

    def wait(self, code: str, delay: float, fields: dict[str, Any] | None = None) -> Step:
        th, en = messages.text(code, {"retry_after": round(delay), **(fields or {})})
        log.info("sync waits %.1f s (%s)", delay, code)
        self.set("waiting", code, th, en)
        return Step("wait", delay, code=code, message_th=th, message_en=en)

    def failed(self, code: str) -> Step:
        self.pacing.failures += 1
        return self.wait(code, backoff_delay(self.pacing.failures, self.pacing.rng))

    def set(self, state: str, code: str | None = None, th: str | None = None,
            en: str | None = None) -> None:  # fmt: skip
        state_db.set_state(self.store, self.st.generation, state, self.at, code, th, en)
        self.state = state

    def idle(self, acknowledged: int = 0) -> Step:
        if self.state != "idle" or self.st.error_code:
            self.set("idle")
        return Step("idle", None, acknowledged)

    def checkpoint(self, raw: Any) -> Checkpoint | Step:
        """The server's checkpoint, signed by its key and true of this till's chain; or a stop."""
        try:
            cp = Checkpoint.from_dict(raw)
            if cp.terminal_id != self.st.terminal_id:
                raise CheckpointError("bad_checkpoint", "the checkpoint names another terminal")
            checkpoints.verify(self.st.server_key, cp)
            checkpoints.against_chain(self.store, cp, self.st.chain_id)
        except CheckpointError as exc:
            if exc.code == "behind":
                return self.stop("behind", {"seq": raw.get("seq") if isinstance(raw, dict) else 0})
            return self.stop("bad_checkpoint")
        return cp

    def acknowledge(self, cp: Checkpoint) -> bool:
        return state_db.record_ack(self.store, self.st.generation, cp.seq, cp.hash, self.at,
                                   cp.as_dict())  # fmt: skip


def send_once(store: Store, now: float, pacing: Pacing, *, probe: bool = False,
              timeout: float = TIMEOUT_S) -> Step:  # fmt: skip
    """One step of the upload: at most one request, and what to do next.

    With nothing to send, ``probe`` asks the server for its checkpoint: a
    till restored from an old backup has nothing new to send, and only the
    server's checkpoint shows it is behind.
    """
    st = state_db.load(store)
    if st is None:
        return Step("not_enrolled", None, code="not_enrolled")
    if st.state == "stopped":
        return Step("stopped", None, code=st.error_code, message_th=st.message_th,
                    message_en=st.message_en)  # fmt: skip
    run = _Run(store, st, now, pacing, timeout)
    if journal.hash_at(store, st.chain_id, st.acked_seq) != st.acked_hash:
        return run.stop("behind", {"seq": st.acked_seq})  # the tail the server holds is gone
    batch = outbox.next_batch(store, st.chain_id, st.acked_seq, pacing.max_entries,
                              pacing.max_bytes)  # fmt: skip
    if not batch:
        return replace(_probe(run), probed=True) if probe else run.idle()
    if st.state != "sending":
        run.set("sending")
    head_seq, head_hash = journal.head(store, st.chain_id)
    body = {"terminal_id": st.terminal_id, "from_seq": batch[0]["seq"],
            "to_seq": batch[-1]["seq"], "head": {"seq": head_seq, "hash": head_hash},
            "entries": batch}  # fmt: skip
    answer = run.client.post(run.client.batches_path(), body)
    if answer.status == 200:
        return _accepted(run, batch, answer)
    return _refused(run, batch, answer)


def _accepted(run: _Run, batch: list[dict[str, Any]], answer: Answer) -> Step:
    cp = run.checkpoint(answer.body.get("checkpoint"))
    if isinstance(cp, Step):
        return cp
    if cp.seq < batch[-1]["seq"]:  # a 200 means every entry sent is held
        return run.stop("bad_answer")
    run.pacing.failures = run.pacing.nonce_retries = 0
    if not run.acknowledge(cp):
        return Step("again", 0.0)  # enrolled again meanwhile: start over from the new row
    acknowledged = cp.seq - run.st.acked_seq
    log.info("sync: %s acknowledged to seq %d", run.st.terminal_id, cp.seq)
    if outbox.backlog(run.store, run.st.chain_id, cp.seq).unsent:
        return Step("sent", 0.0, acknowledged)
    step = run.idle(acknowledged)
    return Step("sent", None, acknowledged) if step.outcome == "idle" else step


def _probe(run: _Run) -> Step:
    answer = run.client.get(run.client.checkpoint_path())
    if answer.status != 200:
        return _refused(run, [], answer)
    cp = run.checkpoint(answer.body)
    if isinstance(cp, Step):
        return cp
    run.pacing.failures = 0
    if not run.acknowledge(cp):
        return Step("again", 0.0)
    if cp.seq != run.st.acked_seq:  # a lost answer, or a server restored: it says where it is
        log.info("sync: the server holds seq %d, the till had %d", cp.seq, run.st.acked_seq)
        if outbox.backlog(run.store, run.st.chain_id, cp.seq).unsent:
            return Step("again", 0.0)
    return run.idle()


def _refused(run: _Run, batch: list[dict[str, Any]], answer: Answer) -> Step:
    status, code, body, pacing = answer.status, answer.error, answer.body, run.pacing
    if not answer.answered:
        log.info("sync: no answer from the server: %s", answer.problem)
        return run.failed("no_answer")
    if status in (429, 503):
        after = answer.retry_after()
        if after is None:
            return run.failed("busy")
        return run.wait("busy", after)
    if status >= 500:
        return run.failed("server_error")
    if status == 401 and code == "nonce_reused":
        pacing.nonce_retries += 1
        if pacing.nonce_retries <= NONCE_RETRIES:
            return Step("again", 0.0, code=code)
        return run.failed("server_error")
    if status == 401 and code == "stale_request":
        pacing.failures += 1
        delay = backoff_delay(pacing.failures, pacing.rng)
        return run.wait("stale_request", delay, {"server_time": body.get("server_time", "?")})
    if status == 401:
        return run.stop(code if code in STOP_AUTH else "bad_signature", body, body)
    if status == 413 and batch:
        if len(batch) > 1:
            pacing.max_entries = max(1, len(batch) // 2)
            pacing.max_bytes = max(1, pacing.max_bytes // 2)
            log.info("sync: batch too large, now at most %d entries", pacing.max_entries)
            return Step("again", 0.0, code="too_large")
        return run.stop("too_large", {"seq": batch[0]["seq"]})
    if status == 409 and code == "gap" and batch:
        return _gap(run, batch, body)
    if status == 409 and code == "behind":
        return run.stop("behind", {"seq": body.get("held_seq", "?")}, body)
    return run.stop(code or "bad_answer", {**body, "status": status}, body)


def _gap(run: _Run, batch: list[dict[str, Any]], body: dict[str, Any]) -> Step:
    """The server holds less than the till thought: send again from where it asks."""
    expected = body.get("expected_seq")
    if not isinstance(expected, int) or isinstance(expected, bool):
        return run.stop("bad_answer")
    digest = journal.hash_at(run.store, run.st.chain_id, expected - 1) if expected >= 1 else None
    if expected > batch[0]["seq"] or digest is None:  # only ever backwards, and to what exists
        return run.stop("gap", body)
    log.info("sync: gap, sending again from seq %d", expected)
    if not state_db.move_ack(run.store, run.st.generation, expected - 1, digest, run.at):
        return Step("again", 0.0)
    return Step("again", 0.0, code="gap")


class UploadLoop:
    """`send_once` on a daemon thread with its own connection; `wake()` and `stop()` from any."""

    def __init__(self, db_path: str | Path, *, idle_s: float = 5.0, probe_every_s: float = 600.0,
                 timeout: float = TIMEOUT_S, clock: Callable[[], float] = time.time,
                 after_step: Callable[[Store, Step], None] | None = None,
                 rng: random.Random | None = None) -> None:  # fmt: skip
        self.db_path = str(db_path)
        self.idle_s, self.probe_every_s, self.timeout = idle_s, probe_every_s, timeout
        self.clock = clock
        self.after_step = after_step
        self.pacing = Pacing(rng=rng or random.Random())
        self.last_step: Step | None = None
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the upload loop is already started")
        self._thread = threading.Thread(target=self._run, name="otop-sync", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Send now rather than at the next look (a sale was made, a manager pressed retry)."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> bool:
        """Ask the thread to end and wait up to ``timeout``; True when it has ended."""
        self._stopping.set()
        self._wake.set()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        _yield_to_the_till()
        store = open_store(self.db_path, migrate=False)
        next_probe = 0.0
        try:
            while not self._stopping.is_set():
                self._wake.clear()
                step = self._step(store, probe=self.clock() >= next_probe)
                if step.probed or (step.outcome == "sent" and step.delay is None):
                    next_probe = self.clock() + self.probe_every_s  # a fresh checkpoint
                delay = self.idle_s if step.delay is None else step.delay
                if delay > 0:
                    self._wake.wait(delay)
        finally:
            store.close()

    def _step(self, store: Store, probe: bool) -> Step:
        try:
            step = send_once(store, self.clock(), self.pacing, probe=probe, timeout=self.timeout)
        except Exception:  # a bug or a locked disk must not end the thread: log, back off
            log.exception("sync step failed")
            self.pacing.failures += 1
            step = Step("wait", backoff_delay(self.pacing.failures, self.pacing.rng))
        self.last_step = step
        if self.after_step is not None:
            try:
                self.after_step(store, step)
            except Exception:
                log.exception("sync status update failed")
        return step


def _yield_to_the_till() -> None:
    """This thread runs at the lowest priority (Linux: per thread), so a draining backlog
    takes only the CPU the cashier's scans leave: during a burst of scans it all but waits."""
    if hasattr(os, "setpriority"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
