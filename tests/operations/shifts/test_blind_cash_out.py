"""On a blind shift a cashier cannot learn the expected cash by probing cash-out amounts."""

from __future__ import annotations

import pytest
from helpers import CASHIER_PIN, MANAGER_PIN, make_centre

from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.shifts.cash_count import CashCount
from otop_pos.operations import auth
from otop_pos.operations.errors import FieldError
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import shifts

FLOAT = CashCount.of({100_000: 2})  # 2,000 baht


def _answer(session: Session, baht: int) -> str:
    """What the cashier sees for a cash-out: the refusal, or that it was taken."""
    try:
        shifts.cash_move(session, "out", Money(baht * 100), "จ่ายค่าส่งของ")
    except FieldError as exc:
        return f"refused: {exc}"
    return "taken"


def _centre(store: Store, blind: bool) -> Session:
    session = make_centre(store, require_shift=True, blind_close=blind)
    auth.login(session, 2, CASHIER_PIN)
    shifts.open_shift(session, FLOAT)
    return session


def test_probes_below_and_above_the_expected_cash_get_the_same_answer(store: Store) -> None:
    session = _centre(store, blind=True)
    below, above = _answer(session, 50), _answer(session, 100_000)
    assert below == above == "taken"
    state = shifts.state_of(session, shifts.current(session) or {})
    assert state.expected is None  # still hidden from the cashier
    auth.login(session, 1, MANAGER_PIN)
    state = shifts.state_of(session, shifts.current(session) or {})
    assert state.expected is not None  # the manager sees both moves at the close
    assert state.expected["cash"] == Money((2_000 - 50 - 100_000) * 100)


def test_without_a_blind_close_the_refusal_stays(store: Store) -> None:
    session = _centre(store, blind=False)
    assert _answer(session, 50) == "taken"
    assert "มากกว่าเงินสดที่ควรมี" in _answer(session, 100_000)


def test_a_manager_on_a_blind_shift_is_still_held_to_the_drawer(store: Store) -> None:
    session = _centre(store, blind=True)
    auth.login(session, 1, MANAGER_PIN)
    with pytest.raises(FieldError, match="มากกว่าเงินสดที่ควรมี"):
        shifts.cash_move(session, "out", Money(100_000 * 100), "x")
