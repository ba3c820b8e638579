"""The staff kinds: user_added, user_changed, pin_reset, user_unlocked, approval_refused.

A user's name, role and whether they may log in are journal facts, so a role
edited in the file shows in the replay check. PINs and their hashes never
enter the journal: they stay in the terminal's own users table.
"""

from __future__ import annotations

from otop_pos.domain.journal.contract import Field, Kind, optional

ROLES = ("cashier", "manager")
USER_ID = "user id"

USER_ADDED = Kind(
    "user_added",
    1,
    "A user of this terminal was added (or, once, an existing user recorded when the till"
    " first started with the staff kinds). Never a PIN or its hash.",
    (
        Field("user_id", "integer", "the user's id on this terminal", unit=USER_ID),
        Field("name", "text", "the name shown at login and on receipts"),
        Field("role", "text", "what the user may do", choices=ROLES),
        optional("active", "flag", "may log in", True),
        optional("existing", "flag", "a user from before users were journalled", False),
    ),
)

USER_CHANGED = Kind(
    "user_changed",
    1,
    "A user's name, role or active flag changed; the payload is the whole new state.",
    (
        Field("user_id", "integer", "the user", unit=USER_ID),
        Field("name", "text", "the name after the change"),
        Field("role", "text", "the role after the change", choices=ROLES),
        Field("active", "flag", "may log in after the change"),
        Field("change", "text", "what changed",
              choices=("rename", "role", "deactivate", "reactivate")),
    ),
)  # fmt: skip

PIN_RESET = Kind(
    "pin_reset",
    1,
    "A user's PIN was set: by a manager, or by the user (`own`). Only who, never the PIN.",
    (
        Field("user_id", "integer", "whose PIN", unit=USER_ID),
        optional("own", "flag", "the user changed their own PIN", False),
    ),
)

USER_UNLOCKED = Kind(
    "user_unlocked",
    1,
    "A manager lifted a user's lock-out after wrong PINs at login.",
    (Field("user_id", "integer", "the user", unit=USER_ID),),
)

APPROVAL_REFUSED = Kind(
    "approval_refused",
    1,
    "A PIN typed for a manager's approval was not a manager's; the entry's user asked."
    " The approval lock-out is computed from these, so a restart does not lift it.",
    (
        Field("permission", "text", "what the approval was for"),
        optional("locked", "flag", "this failure started the lock-out", False),
    ),
)

KINDS = (USER_ADDED, USER_CHANGED, PIN_RESET, USER_UNLOCKED, APPROVAL_REFUSED)
