"""On quit, the WAL is folded into the database file, so the file is whole by itself.

A copy taken with the till closed (by hand, by a sync tool) is then complete
without its ``-wal`` beside it. A reader still busy keeps part of the WAL;
that is logged, never a reason to keep the window open.
"""

from __future__ import annotations

import logging

from otop_pos.db.store import StoreError
from otop_pos.operations.session import Session

log = logging.getLogger(__name__)


def checkpoint_on_quit(session: Session) -> bool:
    """Checkpoint and truncate the WAL; False (and logged) when it could not finish."""
    try:
        done = session.store.checkpoint()
    except StoreError as exc:
        log.warning("checkpoint on quit failed: %s", exc)
        return False
    except Exception:  # a closed store (a restore just swapped it): nothing to fold in
        log.exception("checkpoint on quit")
        return False
    if done:
        log.info("WAL checkpointed on quit")
    else:
        log.warning("checkpoint on quit left part of the WAL (a reader was busy)")
    return done
