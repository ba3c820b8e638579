"""Signed checkpoints (docs/sync-protocol.md): the server signs, the till verifies and compares."""

from __future__ import annotations

import base64
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from shift_helpers import SILK, TEA, sell

from otop_pos.db import journal
from otop_pos.db.store import open_store
from otop_pos.operations.session import Session
from otop_pos.sync import checkpoints
from otop_pos.sync.checkpoints import Checkpoint, CheckpointError

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
SERVER_KEY = checkpoints.public_key_text(KEY)
AT = "2026-12-07T03:05:00+00:00"


def _signed(seq: int, hash_: str, terminal: str = "T01") -> Checkpoint:
    return checkpoints.sign(KEY, Checkpoint(terminal, seq, hash_, AT))


def test_the_signed_bytes_are_the_five_lines_the_page_names() -> None:
    cp = Checkpoint("SSK01-POS01", 103, "ab" * 32, AT)
    assert cp.signed_bytes() == f"otop-checkpoint/v1\nSSK01-POS01\n103\n{'ab' * 32}\n{AT}".encode()
    signed = checkpoints.sign(KEY, cp)
    assert len(base64.b64decode(signed.signature)) == 64
    checkpoints.verify(SERVER_KEY, Checkpoint.from_dict(signed.as_dict()))


@pytest.mark.parametrize("field", ["terminal_id", "seq", "hash", "at"])
def test_a_changed_field_or_another_key_is_not_the_servers(field: str) -> None:
    signed = _signed(5, "cd" * 32).as_dict()
    signed[field] = 6 if field == "seq" else signed[field] + "x"
    with pytest.raises(CheckpointError) as refused:
        checkpoints.verify(SERVER_KEY, Checkpoint.from_dict(signed))
    assert refused.value.code == "bad_signature"
    other = checkpoints.public_key_text(Ed25519PrivateKey.generate())
    with pytest.raises(CheckpointError):
        checkpoints.verify(other, _signed(5, "cd" * 32))
    with pytest.raises(CheckpointError):
        checkpoints.verify("not base64!", _signed(5, "cd" * 32))


@pytest.mark.parametrize("body", [{}, {"terminal_id": "T"}, None, [], {"terminal_id": "T",
                         "seq": "5", "hash": "", "at": "", "signature": ""}])  # fmt: skip
def test_a_malformed_checkpoint_is_refused(body: object) -> None:
    with pytest.raises(CheckpointError) as refused:
        Checkpoint.from_dict(body)
    assert refused.value.code == "bad_checkpoint"


def test_a_till_restored_from_an_old_backup_is_behind_the_server(
    cashier: Session, tmp_path: Path
) -> None:
    store = cashier.store
    sell(cashier, SILK)
    backup = tmp_path / "backup.sqlite"
    store.conn.execute("VACUUM INTO ?", (str(backup),))
    sell(cashier, TEA)
    seq, hash_ = journal.head(store, "T01")
    acknowledged = _signed(seq, hash_)
    checkpoints.against_chain(store, acknowledged)  # the live till holds it all
    checkpoints.against_chain(store, _signed(0, journal.GENESIS))

    restored = open_store(backup)
    try:
        with pytest.raises(CheckpointError, match=f"holds seq {seq}") as behind:
            checkpoints.against_chain(restored, acknowledged)
        assert behind.value.code == "behind"
    finally:
        restored.close()

    copy = tmp_path / "rewritten.sqlite"
    shutil.copy(backup, copy)
    rewritten = open_store(copy)
    try:  # as many entries again, but not the ones the server holds
        sell(Session(rewritten, cashier.settings, cashier.user), TEA)
        sell(Session(rewritten, cashier.settings, cashier.user), TEA)
        assert journal.head(rewritten, "T01")[0] >= seq
        with pytest.raises(CheckpointError, match="not what the server holds"):
            checkpoints.against_chain(rewritten, acknowledged)
    finally:
        rewritten.close()
