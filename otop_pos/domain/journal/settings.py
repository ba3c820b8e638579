"""The settings kind: settings_changed, so the audit log says who changed what.

The settings themselves are the terminal's own configuration (the
`settings` table is not derived from the journal); the entry is the
record of a change, with every key's old and new value as stored text.
No secret is ever a setting, so none reaches the journal.
"""

from __future__ import annotations

from otop_pos.domain.journal.contract import Field, Kind, Shape

CHANGE = Shape(
    (
        Field("key", "text", "the setting's name (db/settings.py CentreSettings)"),
        Field("old", "text", "its stored value before"),
        Field("new", "text", "its stored value after"),
    )
)

SETTINGS_CHANGED = Kind(
    "settings_changed",
    1,
    "A manager saved the centre's settings: only the keys whose value changed (audit only).",
    (Field("changes", "list", "each changed setting", shape=CHANGE),),
)

KINDS = (SETTINGS_CHANGED,)
