"""Shifts on a real database: open with a float, sell, move cash, close with a count."""

from __future__ import annotations

import pytest
from helpers import CASHIER_PIN, MANAGER_PIN, make_centre
from shift_helpers import SILK, TEA, card, cash, promptpay, sell

from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.shifts.cash_count import CashCount
from otop_pos.domain.staff.permissions import Permission
from otop_pos.operations import approvals, auth
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.selling import refunds
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import shifts

B = Money.baht
FLOAT = CashCount.of({100_000: 1, 10_000: 5})  # 1,500.00


@pytest.fixture
def till(store: Store) -> Session:
    session = make_centre(store, require_shift=True)
    auth.login(session, 2, CASHIER_PIN)
    return session


def _journal(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM journal"))


def test_no_sale_without_an_open_shift(till: Session) -> None:
    before = _journal(till.store)
    with pytest.raises(OperationError, match="ยังไม่ได้เปิดกะ"):
        sell(till, TEA)
    assert _journal(till.store) == before


def test_one_open_shift_per_terminal(till: Session) -> None:
    shifts.open_shift(till, FLOAT)
    with pytest.raises(OperationError, match="มีกะที่เปิดอยู่แล้ว"):
        shifts.open_shift(till, FLOAT)


def test_expected_cash_across_mixed_tenders_voids_refunds_and_moves(till: Session) -> None:
    shifts.open_shift(till, FLOAT)
    sell(till, SILK, tenders=[cash(B(2000))])  # 1,500.00 kept, 500 change
    sell(till, SILK, TEA, tenders=[card(B(1000)), cash(B(600))])  # card 1000, cash 585.50 kept
    voided = sell(till, TEA, tenders=[promptpay(Money(8550))])
    refunded = sell(till, TEA, TEA)  # cash 171.00
    shifts.cash_move(till, "in", B(500), "แลกเหรียญจากธนาคาร")
    shifts.cash_move(till, "out", B(200), "ค่าขนส่ง")
    void_ok = approvals.approve(till, MANAGER_PIN, Permission.VOID_SALE)
    refunds.void_sale(till, voided.receipt_no, "สแกนซ้ำ", void_ok)
    refund_ok = approvals.approve(till, MANAGER_PIN, Permission.REFUND)
    refunds.refund(
        till, refunded.receipt_no, [refunds.ReturnItem(1, 1)], "ลูกค้าคืน", approval=refund_ok
    )

    state = shifts.current_state(till)
    assert state is not None and state.expected is not None
    assert state.expected == {
        "cash": Money(150_000 + 150_000 + 58_550 + 17_100 + 50_000 - 20_000 - 8_550),
        "card": B(1000),
        "promptpay": Money(0),  # taken, then handed back by the void
    }


def test_cash_rounding_reaches_the_drawer_as_kept(store: Store) -> None:
    session = make_centre(store, require_shift=True, cash_rounding="baht")
    auth.login(session, 2, CASHIER_PIN)
    shifts.open_shift(session, FLOAT)
    sale = sell(session, TEA, tenders=[cash(B(100))])  # 85.50 rounds to the baht
    kept = sale.tendered.cash_due
    assert kept.satang % 100 == 0 and kept != Money(8550)
    state = shifts.current_state(session)
    assert state is not None and state.expected == {"cash": FLOAT.total + kept}


def test_close_with_a_count_records_over_short(till: Session) -> None:
    shifts.open_shift(till, FLOAT)
    sell(till, SILK)
    sell(till, TEA, tenders=[card(Money(8550))])
    count = CashCount.of({100_000: 2, 50_000: 1, 10_000: 4})  # 2,900: 100 short
    before = _journal(till.store)
    with pytest.raises(FieldError) as err:
        shifts.close_shift(till, count, {"card": Money(8550)})
    assert err.value.field == "note" and _journal(till.store) == before
    closed = shifts.close_shift(till, count, {"card": Money(8550)}, note="ทอนเงินผิด")
    by_tender = {r.tender: r for r in closed.results}
    assert by_tender["cash"].expected == B(3000) and by_tender["cash"].difference == B(-100)
    assert by_tender["card"].difference == Money(0)
    assert closed.over_short == B(-100)
    assert shifts.current(till) is None
    row = till.store.one(
        "SELECT over_short_satang, note FROM shifts WHERE id = ?", (closed.shift_id,)
    )
    assert row is not None and tuple(row) == (-10_000, "ทอนเงินผิด")


def test_an_exact_count_needs_no_note(till: Session) -> None:
    shifts.open_shift(till, FLOAT)
    sell(till, SILK)
    closed = shifts.close_shift(till, CashCount.of({100_000: 3}))
    assert closed.over_short == Money(0)


def test_blind_close_hides_expected_from_the_cashier_only(store: Store) -> None:
    session = make_centre(store, require_shift=True, blind_close=True)
    auth.login(session, 2, CASHIER_PIN)
    shifts.open_shift(session, FLOAT)
    state = shifts.current_state(session)
    assert state is not None and state.blind and state.expected is None
    auth.login(session, 1, MANAGER_PIN)
    state = shifts.current_state(session)
    assert state is not None and state.expected == {"cash": FLOAT.total}


@pytest.mark.parametrize(
    ("boxes", "field"),
    [({2000: "-1"}, "count_2000"), ({100_000: "สิบ"}, "count_100000"), ({50: "2.5"}, "count_50")],
)
def test_a_bad_count_names_its_box(boxes: dict[int, str], field: str) -> None:
    with pytest.raises(FieldError) as err:
        shifts.parse_count(boxes)
    assert err.value.field == field


@pytest.mark.parametrize("text", ["-5", "abc", "0"])
def test_a_bad_cash_move_amount_is_refused(text: str) -> None:
    with pytest.raises(FieldError) as err:
        shifts.parse_amount(text, "amount")
    assert err.value.field == "amount"


def test_cash_out_needs_a_reason_and_cannot_exceed_the_drawer(till: Session) -> None:
    shifts.open_shift(till, FLOAT)
    before = _journal(till.store)
    with pytest.raises(FieldError) as err:
        shifts.cash_move(till, "out", B(100), "  ")
    assert err.value.field == "reason"
    with pytest.raises(FieldError, match="มากกว่าเงินสด"):
        shifts.cash_move(till, "out", B(1600), "ฝากธนาคาร")
    assert _journal(till.store) == before


def test_negative_counted_tender_is_refused() -> None:
    with pytest.raises(FieldError) as err:
        shifts.parse_counted({"card": "-10"})
    assert err.value.field == "tender_card"


def test_a_blind_close_does_not_reveal_a_difference(store: Store) -> None:
    session = make_centre(store, require_shift=True, blind_close=True)
    auth.login(session, 2, CASHIER_PIN)
    shifts.open_shift(session, FLOAT)
    sell(session, TEA)
    closed = shifts.close_shift(session, CashCount.of({100_000: 1}))  # short, and no note asked
    assert closed.blind and closed.over_short == Money(-58_550)
