"""Where the till's upload to the provincial server stands, for the screens.

INTERIM: only the interface the sale screen and the manager's sync dialog
code against (branch till-sync-ui). The till-sync branch provides the real
module, which reads the journal's backlog and the uploader's state; at the
merge its version replaces this one whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from otop_pos.db.store import Store


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str
    terminal_id: str  # the server's id, e.g. "SSK01-POS01" ("" when not enrolled)
    unsent: int  # journal entries not yet acknowledged by the server
    oldest_unsent_at: str | None  # UTC ISO time of the oldest unsent entry
    last_ack_at: str | None  # UTC ISO time of the last acknowledgement
    acked_seq: int
    state: str  # "not_enrolled" | "idle" | "sending" | "waiting" | "stopped"
    error_code: str | None
    message_th: str | None
    message_en: str | None
    checkpoint: dict | None


def sync_status(store: Store) -> SyncStatus:
    """INTERIM: always not enrolled; the till-sync branch reads the real state."""
    return SyncStatus(
        enrolled=False, server_url="", terminal_id="", unsent=0, oldest_unsent_at=None,
        last_ack_at=None, acked_seq=0, state="not_enrolled", error_code=None, message_th=None,
        message_en=None, checkpoint=None,
    )  # fmt: skip
