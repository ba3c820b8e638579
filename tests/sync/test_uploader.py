"""The upload loop against a real server: every answer handled as the protocol's table says.

A wrong secret or a checkpoint signed by another key stops it for good
(until a manager's "try again" or a new enrolment); a server that does not
answer makes it wait, 1 s doubling to 5 min with ±20 % jitter; a clock off
by an hour waits with a Thai message; a gap resends from where the server
asks; the thread sends when woken and ends within its timeout.
"""

from __future__ import annotations

import base64
import os
import random
import time
from pathlib import Path

import pytest
from server_helpers import RunningServer, free_port
from shift_helpers import SILK, TEA, sell
from sync_helpers import manager_of

from otop_pos.db import journal
from otop_pos.db.sync import state as state_db
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session
from otop_pos.operations.sync import enrol, running
from otop_pos.operations.sync.status import sync_status
from otop_pos.sync import uploader
from otop_pos.sync.uploader import Pacing, send_once


def _enrolled(province: RunningServer, till: Session, centre: str) -> None:
    status = enrol.enrol_till(manager_of(till), province.url, province.enrol_code(centre, "POS01"))
    assert status.enrolled and status.state == "idle"


def _edit(till: Session, **values: object) -> None:
    """What a damaged or tampered file would hold (the test's own SQL, not the till's)."""
    sets = ", ".join(f"{k} = ?" for k in values)
    with till.store.transaction():
        till.store.conn.execute(f"UPDATE sync_state SET {sets}", tuple(values.values()))


def _dead_url() -> str:
    return f"http://127.0.0.1:{free_port()}"  # nothing listens: the connection is refused


def test_a_wrong_secret_stops_until_a_manager_retries(province: RunningServer, till: Session,
                                                      centre_code: str) -> None:  # fmt: skip
    _enrolled(province, till, centre_code)
    sell(till, TEA)
    _edit(till, secret=base64.b64encode(os.urandom(32)).decode())
    run = running.send_now(till.store)
    assert run.outcome == "stopped" and run.acknowledged == 0
    status = sync_status(till.store)
    assert (status.state, status.error_code) == ("stopped", "bad_signature")
    assert status.message_th is not None and "ลงทะเบียน" in status.message_th
    assert status.unsent == journal.head(till.store, "T01")[0]

    _edit(till, server_url=_dead_url())  # were it to try, this would be "no answer"
    assert send_once(till.store, time.time(), Pacing()).outcome == "stopped"
    assert sync_status(till.store).state == "stopped"

    running.retry_after_stop(till.store)  # the manager's "try again" does try
    step = send_once(till.store, time.time(), Pacing())
    assert (step.outcome, step.code) == ("wait", "no_answer")

    _enrolled(province, till, centre_code)  # enrolled again: a new secret, from seq 0 held
    assert running.send_now(till.store).outcome == "drained"
    assert sync_status(till.store).acked_seq == journal.head(till.store, "T01")[0]


def test_a_checkpoint_signed_by_another_key_stops(province: RunningServer, till: Session,
                                                  centre_code: str) -> None:  # fmt: skip
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from otop_pos.sync.checkpoints import public_key_text

    _enrolled(province, till, centre_code)
    sell(till, SILK)
    _edit(till, server_key=public_key_text(Ed25519PrivateKey.generate()))
    assert running.send_now(till.store).outcome == "stopped"
    status = sync_status(till.store)
    assert status.error_code == "bad_checkpoint" and status.checkpoint is None
    assert status.acked_seq == 0  # an answer that cannot be trusted moves nothing


def test_backoff_doubles_to_five_minutes_within_the_jitter() -> None:
    rng = random.Random(7)
    for failures in range(1, 15):
        base = min(300.0, 2.0 ** (failures - 1))
        delays = [uploader.backoff_delay(failures, rng) for _ in range(200)]
        assert all(0.8 * base <= d <= 1.2 * base for d in delays)
        assert min(delays) < 0.85 * base and max(delays) > 1.15 * base  # the jitter is used


def test_no_answer_waits_longer_each_time(province: RunningServer, till: Session,
                                          centre_code: str) -> None:  # fmt: skip
    _enrolled(province, till, centre_code)
    sell(till, TEA)
    _edit(till, server_url=_dead_url())
    pacing = Pacing(rng=random.Random(3))
    for failures in range(1, 12):
        step = send_once(till.store, time.time(), pacing)
        base = min(300.0, 2.0 ** (failures - 1))
        assert step.outcome == "wait" and step.code == "no_answer"
        assert step.delay is not None and 0.8 * base <= step.delay <= 1.2 * base
    status = sync_status(till.store)
    assert status.state == "waiting" and status.error_code == "no_answer"
    assert status.message_th is not None and "ติดต่อเซิร์ฟเวอร์จังหวัดไม่ได้" in status.message_th

    _edit(till, server_url=province.url)  # the server is back: the next step sends, all is well
    assert send_once(till.store, time.time(), pacing).outcome == "sent"
    assert pacing.failures == 0
    status = sync_status(till.store)
    assert (status.state, status.error_code, status.unsent) == ("idle", None, 0)


def test_a_wrong_clock_waits_and_says_so(province: RunningServer, till: Session,
                                         centre_code: str) -> None:  # fmt: skip
    _enrolled(province, till, centre_code)
    sell(till, TEA)
    step = send_once(till.store, time.time() - 3600, Pacing())
    assert (step.outcome, step.code) == ("wait", "stale_request")
    status = sync_status(till.store)
    assert status.state == "waiting" and status.message_th is not None
    assert "นาฬิกา" in status.message_th and status.unsent > 0
    assert running.send_now(till.store).outcome == "drained"  # the clock is right again


def test_a_gap_resends_from_where_the_server_asks(province: RunningServer, till: Session,
                                                  centre_code: str) -> None:  # fmt: skip
    _enrolled(province, till, centre_code)
    for _ in range(3):
        sell(till, TEA)
    head, _ = journal.head(till.store, "T01")
    st = state_db.load(till.store)
    assert st is not None  # the till believes more is held than the server has (a restored server)
    digest = journal.hash_at(till.store, "T01", head - 1)
    assert digest is not None
    state_db.move_ack(till.store, st.generation, head - 1, digest, "2026-01-01T00:00:00+00:00")
    step = send_once(till.store, time.time(), Pacing())
    assert (step.outcome, step.code) == ("again", "gap")
    assert sync_status(till.store).acked_seq == 0  # the server's expected_seq is 1
    assert running.send_now(till.store).outcome == "drained"
    assert sync_status(till.store).acked_seq == head


def _until(check: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def test_the_thread_sends_when_woken_and_stops_promptly(province: RunningServer, till: Session,
                                                        centre_code: str) -> None:  # fmt: skip
    path = Path(till.store.path)
    assert running.start_uploader(path) is None  # not enrolled: nothing to run
    _enrolled(province, till, centre_code)
    sell(till, TEA)
    up = running.start_uploader(path, idle_s=60.0, probe_every_s=3600.0)
    assert up is not None
    try:
        assert _until(lambda: up.status().unsent == 0, 10)
        sell(till, SILK)  # the next look is a minute away: only wake() sends it now
        up.wake()
        head = journal.head(till.store, "T01")[0]
        assert _until(lambda: up.status().acked_seq == head, 10)
    finally:
        started = time.monotonic()
        assert up.stop(timeout=3.0)
        assert time.monotonic() - started < 3.0
    assert not up.running


def test_retry_needs_an_enrolment(till: Session) -> None:
    with pytest.raises(OperationError, match="ยังไม่ได้ลงทะเบียน"):
        running.retry_after_stop(till.store)
    assert sync_status(till.store).state == "not_enrolled"
