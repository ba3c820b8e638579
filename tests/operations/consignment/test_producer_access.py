"""The producer's own view: their figures only, reached only by their PIN or a manager."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from helpers import MANAGER_PIN, make_centre
from shift_helpers import SILK, TEA, sell

from otop_pos.db.catalogue import producers as producers_db
from otop_pos.db.store import open_store
from otop_pos.domain.money import Money
from otop_pos.domain.staff.pins import hash_pin
from otop_pos.domain.thai.thaidate import bangkok_date
from otop_pos.operations import auth
from otop_pos.operations.consignment import payouts, producer_view, statements
from otop_pos.operations.errors import OperationError

NOW = datetime(2026, 11, 20, 4, tzinfo=UTC)  # 11:00 in Bangkok, 20 November


@pytest.fixture
def centre(tmp_path):
    store = open_store(tmp_path / "centre.sqlite")
    session = make_centre(store)
    for code, pin in (("P01", "2468"), ("P02", "1357")):
        producer = producers_db.by_code(store, code)
        assert producer is not None
        producers_db.set_pin(store, int(producer["id"]), hash_pin(pin))
    auth.login(session, 1, MANAGER_PIN)
    sell(session, SILK, SILK, now=NOW - timedelta(days=3))
    sell(session, TEA, TEA, TEA, now=NOW - timedelta(days=2))
    return store, session


def texts(ov: producer_view.Overview) -> str:
    """Everything the view could show, as one string."""
    return repr(ov)


def test_producer_sees_only_their_own_goods_sales_and_money(centre) -> None:
    store, _ = centre
    a = producer_view.producer_login(store, "P01", "2468", now=NOW)
    ov = producer_view.overview(store, a, now=NOW)
    assert {s.sku for s in ov.stock} == {"SILK01"}
    assert sum(d.qty for d in ov.sales) == 2
    assert ov.pending.payable == Money(240000)
    assert ov.owed == Money(240000)
    shown = texts(ov)
    for other in ("P02", "TEA01", "ชาใบหม่อน", "8550"):
        assert other not in shown


def test_a_producer_cannot_open_another_producers_statement(centre) -> None:
    store, session = centre
    today = bangkok_date(NOW)
    done = statements.settle(session, today.replace(day=1), today, now=NOW)
    p02 = next(s for s in done.settled if s.producer_code == "P02")
    a = producer_view.producer_login(store, "P01", "2468", now=NOW)
    with pytest.raises(OperationError) as err:
        producer_view.past_statement(store, a, p02.settlement_no)
    assert "ไม่พบใบแจ้งยอด" in err.value.thai
    own = next(s for s in done.settled if s.producer_code == "P01")
    assert producer_view.past_statement(store, a, own.settlement_no).payable == Money(240000)


def test_another_producers_pin_does_not_open_this_producer(centre) -> None:
    store, _ = centre
    with pytest.raises(OperationError):
        producer_view.producer_login(store, "P01", "1357", now=NOW)


def test_five_wrong_pins_lock_the_producer(centre) -> None:
    store, _ = centre
    for left in (4, 3, 2, 1):
        with pytest.raises(OperationError) as err:
            producer_view.producer_login(store, "P01", "0000", now=NOW)
        assert f"เหลืออีก {left} ครั้ง" in err.value.thai
    with pytest.raises(OperationError) as err:
        producer_view.producer_login(store, "P01", "0000", now=NOW)
    assert "ถูกล็อก" in err.value.thai
    with pytest.raises(OperationError) as err:  # even the right PIN waits out the lock
        producer_view.producer_login(store, "P01", "2468", now=NOW + timedelta(minutes=1))
    assert "ถูกล็อก" in err.value.thai
    ok = producer_view.producer_login(store, "P01", "2468", now=NOW + timedelta(minutes=6))
    assert ok.code == "P01"


def test_unknown_code_and_inactive_producer_are_refused_alike(centre) -> None:
    store, _ = centre
    with pytest.raises(OperationError) as err:
        producer_view.producer_login(store, "NOPE", "2468", now=NOW)
    assert "ไม่ถูกต้อง" in err.value.thai


def test_after_settlement_and_payout_nothing_is_owed(centre) -> None:
    store, session = centre
    today = bangkok_date(NOW)
    statements.settle(session, today.replace(day=1), today, ["P01"], now=NOW)
    payouts.pay(session, "P01", Money(240000), "transfer", "KTB 1234", now=NOW)
    a = producer_view.producer_login(store, "P01", "2468", now=NOW)
    ov = producer_view.overview(store, a, now=NOW + timedelta(hours=1))
    assert ov.settled_owed == Money(0)
    assert ov.pending.payable == Money(0)
    assert ov.owed == Money(0)
    assert ov.last_payout is not None and ov.last_payout["amount_satang"] == 240000
    assert [s["period_to"] for s in ov.statements] == [today.isoformat()]


def test_only_a_manager_can_pick_a_producer(centre) -> None:
    _, session = centre
    auth.login(session, 2, "1111")
    with pytest.raises(OperationError):
        producer_view.manager_picks(session, "P01")
    auth.login(session, 1, MANAGER_PIN)
    assert producer_view.manager_picks(session, "P02").code == "P02"


def test_sales_by_day_are_bangkok_days(centre) -> None:
    store, session = centre
    sell(session, SILK, now=datetime(2026, 11, 18, 17, 30, tzinfo=UTC))  # 00:30 on the 19th
    a = producer_view.producer_login(store, "P01", "2468", now=NOW)
    ov = producer_view.overview(store, a, now=NOW)
    by_day = {d.day: d.qty for d in ov.sales}
    assert by_day[date(2026, 11, 19)] == 1
    assert by_day[date(2026, 11, 17)] == 2


def test_a_never_settled_producer_sees_their_sales_in_the_period_not_as_earlier(centre) -> None:
    store, _ = centre
    a = producer_view.producer_login(store, "P01", "2468", now=NOW)
    pending = producer_view.overview(store, a, now=NOW).pending
    silk = next(ln for ln in pending.lines if ln.sku == "SILK01")
    assert (silk.sold, silk.earlier) == (2, 0)
    assert pending.period_from == "2026-11-17"
