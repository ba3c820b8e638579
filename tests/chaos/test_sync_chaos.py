"""Till to server through chaos: every entry arrives exactly once, the chain holds, the till drains.

Between a real till file and a real server subprocess sits the chaos proxy
(tests/chaos_proxy.py): requests dropped, duplicated, delayed, replayed
after newer ones, cut short both ways, answered 5xx. Midway the server is
killed and started again on the same port, and the till is a child process
killed with SIGKILL in the middle of its batches, more than once. The till
sends in small batches so a run makes many requests. Afterwards the server
must hold each of the till's entries once, hash for hash, its chain must
verify from seq 1, and the till must have nothing left to send.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from chaos_proxy import Chaos, ChaosProxy
from helpers import CASHIER_PIN, make_centre
from server_helpers import ROOT, start_server
from shift_helpers import SILK, TEA, sell
from sqlalchemy import select
from sync_helpers import manager_of

from otop_pos.db import journal
from otop_pos.db.store import open_store
from otop_pos.operations import auth
from otop_pos.operations.sync import enrol
from otop_pos.operations.sync.status import sync_status
from otop_pos.sync.uploader import Pacing, send_once
from otop_server.db import tables
from otop_server.db.engine import Database

BATCH = 7  # entries per batch: many requests for the chaos to work on
WALL_S = 90  # the whole run stops by itself

# A till process that sends in small batches until drained (killed by the test mid-way).
_CHILD = """
import sys, time
from otop_pos.db.store import open_store
from otop_pos.sync.uploader import Pacing, send_once
store = open_store(sys.argv[1])
pacing = Pacing(max_entries=int(sys.argv[2]))
for _ in range(400):
    step = send_once(store, time.time(), pacing)
    if step.outcome in ("idle", "stopped", "not_enrolled"):
        break
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _server_chain(database: str, terminal_id: str) -> list[tuple[int, str, str, str]]:
    db = Database(database)
    e = tables.entries
    try:
        with db.read() as conn:
            rows = conn.execute(
                select(e.c.seq, e.c.prev_hash, e.c.hash, e.c.payload)
                .where(e.c.terminal_id == terminal_id)
                .order_by(e.c.seq)
            ).all()
    finally:
        db.dispose()
    return [(int(r[0]), r[1], r[2], r[3]) for r in rows]


def _till_with_sales(path: Path, n: int) -> None:
    store = open_store(path)
    session = make_centre(store)
    auth.login(session, 2, CASHIER_PIN)
    for i in range(n):
        sell(session, *((TEA,) if i % 3 else (SILK, TEA)))
    store.close()


def run_chaos(database: str, tmp_path: Path, seed: int) -> None:
    till_path = tmp_path / "till" / "centre.sqlite"
    till_path.parent.mkdir()
    _till_with_sales(till_path, 120)
    rng = random.Random(seed)
    server = start_server(database, tmp_path)
    chaos = Chaos(rate=0.0, seed=seed, max_delay_s=0.2)
    try:
        with ChaosProxy(server.port, chaos) as proxy:
            store = open_store(till_path)
            manager = manager_of(_session(store))
            code = server.enrol_code("SSK01", "POS01")
            enrol.enrol_till(manager, proxy.url, code)  # enrolled through the proxy's address
            chaos.rate = 0.5
            deadline = time.monotonic() + WALL_S
            pacing = Pacing(max_entries=BATCH, rng=random.Random(seed))
            head_seq = journal.head(store, "T01")[0]
            kills = restarts = 0
            events = ["kill", "restart", "kill"]  # at 1/4, 1/2 and 3/4 of the chain acknowledged
            while time.monotonic() < deadline:
                acked = sync_status(store).acked_seq
                if events and acked >= head_seq * (4 - len(events)) // 4:
                    event = events.pop(0)
                    if event == "kill":
                        kills += _kill_a_till_mid_batch(store, till_path, rng)
                    else:  # the server dies mid-run and comes back on the same port
                        server.kill()
                        server = start_server(database, tmp_path, port=server.port)
                        restarts += 1
                    continue
                step = send_once(store, time.time(), pacing)
                assert step.outcome not in ("stopped", "not_enrolled"), step
                if step.outcome == "idle" and not events and sync_status(store).unsent == 0:
                    break
                if step.outcome == "wait":
                    time.sleep(0.02)  # the test does not wait out the backoff
            chaos.rate = 0.0
            for _ in range(50):  # a calm end: whatever chaos left undone now goes through
                if send_once(store, time.time(), pacing).outcome == "idle":
                    break
            status = sync_status(store)
            head_seq, _head_hash = journal.head(store, "T01")
            till_chain = [(e.seq, e.prev_hash, e.hash) for e in journal.stream(store, "T01")]
            store.close()
        assert status.unsent == 0 and status.acked_seq == head_seq, status
        assert restarts == 1 and kills >= 1, (restarts, kills)
        assert sum(chaos.done.values()) >= 10, chaos.done  # the chaos really happened
        held = _server_chain(database, "SSK01-POS01")
        assert [(s, p, h) for s, p, h, _ in held] == till_chain  # each entry once, the same
        prev = journal.GENESIS
        for seq, prev_hash, digest, payload in held:
            assert prev_hash == prev
            # the server's copy re-hashes to what it says (the chain verifies on the server)
            row = next(e for e in journal.entries(open_store(till_path), "T01", seq - 1))
            assert journal.entry_hash(prev, "T01", seq, row.kind, row.occurred_at, row.user_id,
                                      payload) == digest  # fmt: skip
            prev = digest
    finally:
        server.stop()


def _kill_a_till_mid_batch(store: object, till_path: Path, rng: random.Random) -> int:
    """A till process sending; SIGKILL once it has had a batch acknowledged. 1 if killed."""
    before = sync_status(store).acked_seq  # type: ignore[arg-type]
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(till_path), str(BATCH)],
                             env=_env(), cwd=ROOT)  # fmt: skip
    try:
        limit = time.monotonic() + 20
        while child.poll() is None and time.monotonic() < limit:
            if sync_status(store).acked_seq >= before + BATCH:  # type: ignore[arg-type]
                time.sleep(rng.uniform(0.0, 0.05))  # somewhere in its next batch
                break
            time.sleep(0.005)
        killed = child.poll() is None
        child.send_signal(signal.SIGKILL)
        return int(killed)
    finally:
        child.wait(10)


def _session(store: object) -> object:
    from otop_pos.operations.session import Session

    return Session.open(store)  # type: ignore[arg-type]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [11, 29])
def test_sync_survives_chaos(database: str, tmp_path: Path, seed: int) -> None:
    run_chaos(database, tmp_path, seed)
