"""What the sale screen and the manager see of sync: the backlog, the last acknowledgement, why not.

Read from the till's own database only (never the network), so it is
cheap enough for a screen to ask every few seconds. The secret is never
part of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from otop_pos.db import settings as settings_db
from otop_pos.db.store import Store
from otop_pos.db.sync import outbox
from otop_pos.db.sync import state as state_db
from otop_pos.sync import messages


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str
    terminal_id: str  # the server's id, e.g. "SSK01-POS01" ("" when not enrolled)
    unsent: int  # journal entries after the acknowledged seq
    oldest_unsent_at: str | None  # UTC ISO occurred_at of the first unsent entry
    last_ack_at: str | None  # UTC ISO time of the last acknowledgement
    acked_seq: int
    state: str  # "not_enrolled" | "idle" | "sending" | "waiting" | "stopped"
    error_code: str | None
    message_th: str | None  # what to show, in Thai
    message_en: str | None
    checkpoint: dict[str, Any] | None  # latest verified: terminal_id, seq, hash, at, signature

    def message(self, lang: str = "th") -> str | None:
        return self.message_en if lang == "en" else self.message_th


def sync_status(store: Store) -> SyncStatus:
    st = state_db.load(store)
    if st is None:
        chain = settings_db.load(store).terminal_id
        waiting = outbox.backlog(store, chain, 0)
        th, en = messages.text("not_enrolled")
        return SyncStatus(False, "", "", waiting.unsent, waiting.oldest_unsent_at, None, 0,
                          "not_enrolled", None, th, en, None)  # fmt: skip
    waiting = outbox.backlog(store, st.chain_id, st.acked_seq)
    return SyncStatus(
        enrolled=True,
        server_url=st.server_url,
        terminal_id=st.terminal_id,
        unsent=waiting.unsent,
        oldest_unsent_at=waiting.oldest_unsent_at,
        last_ack_at=st.last_ack_at,
        acked_seq=st.acked_seq,
        state=st.state,
        error_code=st.error_code,
        message_th=st.message_th,
        message_en=st.message_en,
        checkpoint=st.checkpoint,
    )
