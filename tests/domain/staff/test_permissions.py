import pytest

from otop_pos.domain.staff.permissions import (
    ACTION_TH,
    Permission,
    PermissionDenied,
    Role,
    can,
    require,
)

CASHIER_ALLOWED = {
    Permission.SELL,
    Permission.HOLD_SALE,
    Permission.VOID_CART,
    Permission.REPRINT_RECEIPT,
    Permission.ISSUE_TAX_INVOICE,
    Permission.SHIFT,
    Permission.CASH_MOVE,
    Permission.VIEW_STOCK,
}


@pytest.mark.parametrize("perm", list(Permission))
def test_cashier(perm: Permission) -> None:
    assert can(Role.CASHIER, perm) == (perm in CASHIER_ALLOWED)


@pytest.mark.parametrize("perm", list(Permission))
def test_manager_can_do_everything(perm: Permission) -> None:
    assert can(Role.MANAGER, perm)
    require(Role.MANAGER, perm)


def test_permission_list_is_complete() -> None:
    assert {p.name for p in Permission} == {
        "SELL",
        "HOLD_SALE",
        "VOID_CART",
        "REPRINT_RECEIPT",
        "VOID_SALE",
        "REFUND",
        "VIEW_REPORTS",
        "CLOSE_DAY",
        "SHIFT",
        "CASH_MOVE",
        "DISCOUNT",
        "PRICE_OVERRIDE",
        "VIEW_AUDIT",
        "MANAGE_PRODUCTS",
        "IMPORT_PRODUCTS",
        "MANAGE_USERS",
        "MANAGE_SETTINGS",
        "OPEN_DRAWER",
        "ISSUE_TAX_INVOICE",
        "VIEW_SALES",
        "MANAGE_PRODUCERS",
        "RECEIVE_GOODS",
        "VIEW_STOCK",
        "COUNT_STOCK",
        "ADJUST_STOCK",
        "RETURN_TO_PRODUCER",
        "SETTLE_PRODUCERS",
        "PAY_PRODUCERS",
    }
    assert set(ACTION_TH) == set(Permission)


def test_require_names_the_action_in_thai() -> None:
    with pytest.raises(PermissionDenied, match="ยกเลิกบิลขาย") as info:
        require(Role.CASHIER, Permission.VOID_SALE)
    assert info.value.role is Role.CASHIER
    assert info.value.permission is Permission.VOID_SALE
    with pytest.raises(PermissionDenied, match="เปิดลิ้นชัก"):
        require(Role.CASHIER, Permission.OPEN_DRAWER)


def test_values_from_the_database() -> None:
    assert Role("cashier") is Role.CASHIER
    assert can("manager", "refund")  # type: ignore[arg-type]
    assert not can("cashier", "refund")  # type: ignore[arg-type]
    assert not can("owner", Permission.SELL)  # type: ignore[arg-type]
    assert not can(Role.MANAGER, "launch_rockets")  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        require("owner", Permission.SELL)  # type: ignore[arg-type]


def test_permission_denied_is_not_a_value_error() -> None:
    assert not issubclass(PermissionDenied, ValueError)
