"""Why a journal entry could not be projected."""

from __future__ import annotations


class ProjectionError(ValueError):
    """An entry that cannot be applied; the transaction is rolled back."""
