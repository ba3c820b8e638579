"""Screen texts (Thai, English) for the stock screens; merged into i18n.TEXTS."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {}
