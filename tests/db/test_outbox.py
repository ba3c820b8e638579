"""The journal is the outbox: batches after the acknowledged seq, as journalled, capped."""

from __future__ import annotations

from shift_helpers import SILK, TEA, sell

from otop_pos.db import journal
from otop_pos.db.sync import outbox
from otop_pos.operations.session import Session


def test_a_batch_is_the_entries_after_the_ack_exactly_as_stored(cashier: Session) -> None:
    store = cashier.store
    first, _ = journal.head(store, "T01")
    sell(cashier, SILK)
    sell(cashier, TEA)
    last, last_hash = journal.head(store, "T01")
    batch = outbox.next_batch(store, "T01", first)
    assert [e["seq"] for e in batch] == list(range(first + 1, last + 1))
    assert batch[-1]["hash"] == last_hash
    prev = journal.hash_at(store, "T01", first)
    for e in batch:  # what the server does with it: every hash recomputed from the wire
        assert e["prev_hash"] == prev
        assert isinstance(e["payload"], str)
        digest = journal.entry_hash(prev, "T01", e["seq"], e["kind"], e["occurred_at"],
                                    e["user_id"], e["payload"])  # fmt: skip
        assert digest == e["hash"]
        prev = digest
    assert outbox.next_batch(store, "T01", last) == []


def test_a_batch_stops_at_its_count_and_its_size_but_always_carries_one(
    cashier: Session,
) -> None:
    store = cashier.store
    for _ in range(4):
        sell(cashier, TEA)
    everything = outbox.next_batch(store, "T01", 0)
    assert len(outbox.next_batch(store, "T01", 0, max_entries=3)) == 3
    one_size = len(everything[0]["payload"].encode()) + 300
    assert len(outbox.next_batch(store, "T01", 0, max_bytes=one_size)) == 1
    assert len(outbox.next_batch(store, "T01", 0, max_bytes=1)) == 1  # never stands still
    sizes = [len(e["payload"].encode()) + 300 for e in everything]
    cap = sum(sizes[:3])
    assert len(outbox.next_batch(store, "T01", 0, max_bytes=cap)) == 3


def test_the_backlog_counts_what_waits_and_since_when(cashier: Session) -> None:
    store = cashier.store
    start, _ = journal.head(store, "T01")
    assert outbox.backlog(store, "T01", start) == outbox.Backlog(0, None)
    sold = sell(cashier, SILK)
    sell(cashier, TEA)
    waiting = outbox.backlog(store, "T01", start)
    assert waiting.unsent == journal.head(store, "T01")[0] - start
    assert waiting.oldest_unsent_at is not None
    assert waiting.oldest_unsent_at <= sold.occurred_at
