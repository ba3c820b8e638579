"""Errors an operation raises for the person at the counter, in Thai and English."""

from __future__ import annotations


class OperationError(Exception):
    """A refusal with a message for the cashier; nothing was written."""

    def __init__(self, thai: str, english: str | None = None) -> None:
        super().__init__(thai)
        self.thai = thai
        self.english = english or thai

    def message(self, lang: str = "th") -> str:
        return self.english if lang == "en" else self.thai


class FieldError(OperationError):
    """A refusal about one input; ``field`` names it so the form can mark that box."""

    def __init__(self, thai: str, english: str, field: str) -> None:
        super().__init__(thai, english)
        self.field = field


def user_message(exc: BaseException, lang: str = "th") -> str:
    """The text to show for any refusal, whichever layer raised it."""
    message = getattr(exc, "message", None)
    if callable(message):
        return str(message(lang))
    if lang == "en" and getattr(exc, "english", None):
        return str(exc.english)  # type: ignore[attr-defined]
    return str(exc)
