"""Who is at the till, and on which store: passed to every operation."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from otop_pos.db import settings as settings_db
from otop_pos.db.settings import CentreSettings
from otop_pos.db.store import Store, open_store
from otop_pos.domain.staff.permissions import Permission, PermissionDenied, Role, require
from otop_pos.operations.errors import OperationError


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: Role


@dataclass
class Session:
    store: Store
    settings: CentreSettings
    user: User | None = None
    approvals_granted_at: datetime | None = None  # wrong approval PINs before it stop counting

    @classmethod
    def open(cls, store: Store) -> Session:
        return cls(store, settings_db.load(store))

    def on_own_connection(self) -> Session:
        """The same user at the same till on a connection of its own, for another thread.

        A `Store` is never shared between threads; the caller closes this one.
        """
        return replace(self, store=open_store(self.store.path, migrate=False))

    @property
    def terminal_id(self) -> str:
        return self.settings.terminal_id

    @property
    def lang(self) -> str:
        return self.settings.lang

    def require(self, permission: Permission) -> User:
        """The logged-in user, if allowed to do `permission`; refuse otherwise."""
        if self.user is None:
            raise OperationError("กรุณาเข้าสู่ระบบก่อน", "Please log in first.")
        try:
            require(self.user.role, permission)
        except PermissionDenied as exc:
            raise OperationError(
                str(exc), f"{self.user.name} may not do this ({permission.value})."
            ) from exc
        return self.user
