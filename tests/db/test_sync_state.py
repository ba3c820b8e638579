"""Schema 8's sync_state: the till's own row, outside the journal, guarded by its generation."""

from __future__ import annotations

from otop_pos.db import journal
from otop_pos.db.projections import record
from otop_pos.db.store import Store
from otop_pos.db.sync import state as state_db
from otop_pos.operations.session import Session

SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYg=="
AT = "2026-12-07T01:00:00.000000+00:00"


def _enrol(store: Store, terminal: str = "SSK01-POS01") -> int:
    return state_db.save_enrolment(
        store, server_url="https://province.example", terminal_id=terminal, chain_id="T01",
        secret=SECRET, server_key="a2V5", centre={"code": "SSK01", "name": "ศูนย์"}, acked_seq=0,
        acked_hash=journal.GENESIS, at=AT,
    )  # fmt: skip


def test_nothing_before_enrolment_then_one_row(store: Store) -> None:
    assert state_db.load(store) is None
    generation = _enrol(store)
    st = state_db.load(store)
    assert st is not None and st.generation == generation == 1
    assert (st.terminal_id, st.chain_id, st.acked_seq, st.state) == (
        "SSK01-POS01",
        "T01",
        0,
        "idle",
    )
    assert st.centre["name"] == "ศูนย์" and st.checkpoint is None
    assert SECRET not in repr(st) and st.secret == SECRET
    assert store.scalar("SELECT count(*) FROM sync_state") == 1


def test_an_answer_for_an_old_enrolment_changes_nothing(store: Store) -> None:
    old = _enrol(store)
    new = _enrol(store, "SSK01-POS02")  # enrolled again while an upload was under way
    assert new == old + 1 and store.scalar("SELECT count(*) FROM sync_state") == 1
    cp = {"terminal_id": "SSK01-POS01", "seq": 5, "hash": "a" * 64, "at": AT, "signature": "x"}
    assert not state_db.record_ack(store, old, 5, "a" * 64, AT, cp)
    assert not state_db.set_state(store, old, "stopped", AT, "behind", "หยุด", "stopped")
    st = state_db.load(store)
    assert st is not None and (st.acked_seq, st.state, st.checkpoint) == (0, "idle", None)
    assert state_db.record_ack(store, new, 5, "a" * 64, AT, cp)
    st = state_db.load(store)
    assert st is not None and st.acked_seq == 5 and st.checkpoint == cp and st.last_ack_at == AT


def test_a_rebuild_leaves_the_sync_state_alone(centre: Session) -> None:
    store = centre.store
    generation = _enrol(store)
    state_db.set_state(store, generation, "waiting", AT, "no_answer", "รอ", "waiting")
    assert "sync_state" in record.TERMINAL_TABLES
    assert "sync_state" not in record.PROJECTED_TABLES
    with store.transaction():
        record.rebuild(store)
    st = state_db.load(store)
    assert st is not None and (st.state, st.error_code) == ("waiting", "no_answer")
    assert store.scalar("SELECT count(*) FROM journal WHERE kind LIKE '%sync%'") == 0
