"""Sync test helpers: a manager's session beside a till's cashier session."""

from __future__ import annotations

from helpers import MANAGER_PIN

from otop_pos.operations import auth
from otop_pos.operations.session import Session


def manager_of(till: Session) -> Session:
    """A second session on the till's store with the manager logged in (enrolment is theirs)."""
    manager = Session.open(till.store)
    auth.login(manager, 1, MANAGER_PIN)
    return manager
