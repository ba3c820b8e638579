"""`otop-pos init` from a TOML file, then a real sale on the new centre."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from setup_helpers import MANAGER_PIN, RICE_BARCODE, first_cashier, first_product

from otop_pos.cli.main import main
from otop_pos.db import journal
from otop_pos.db.selling import sales as sales_db
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.domain.staff.permissions import Role
from otop_pos.operations import auth
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout, receipts
from otop_pos.operations.shifts import shifts
from otop_pos.operations.startup import open_session

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "centre-example.toml"


def _config(tmp_path: Path, **replace: str) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8").replace('# pin = "4826"', f'pin = "{MANAGER_PIN}"')
    for old, new in replace.items():
        text = text.replace(old, new)
    path = tmp_path / "centre.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_init_from_the_example_file_then_sell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "till" / "centre.sqlite"
    printer = tmp_path / "printer.bin"
    config = _config(tmp_path)
    assert (
        main(["init", "--db", str(db), "--config", str(config), "--printer", f"file:{printer}"])
        == 0
    )
    out = capsys.readouterr().out
    assert "import-products" in out and str(db) in out

    session = open_session(db)
    assert session.settings.centre_name == "ศูนย์ OTOP จังหวัดยโสธร"
    assert session.settings.printer_uri == f"file:{printer}"  # the flag beat the file
    [manager] = auth.list_users(session)
    auth.login(session, manager.id, MANAGER_PIN)
    first_product(session)
    cashier_id = first_cashier(session)
    auth.logout(session)

    auth.login(session, cashier_id, "3571")
    shifts.open_shift(session, shifts.parse_count({100000: "1"}))
    cart = Cart()
    selling.scan(session, cart, f"2*{RICE_BARCODE}")
    sale = checkout.complete_cash_sale(session, cart, Money.baht(500))
    printed = receipts.print_receipt(session, sale.receipt_no, open_drawer=True)
    assert printed is not None

    stored = sales_db.get_by_receipt(session.store, sale.receipt_no)
    assert stored is not None
    assert stored["total_satang"] == 24000 and stored["change_satang"] == 26000
    assert sale.receipt_no.startswith("E35000000001-")
    kinds = [r["kind"] for r in session.store.query("SELECT kind FROM journal ORDER BY seq")]
    assert kinds[-2:] == ["shift_open", "sale"]
    assert journal.verify(session.store).ok
    assert printer.read_bytes().count(b"\x1dv0") >= 1  # the receipt as a raster image
    session.store.close()
    assert main(["journal", "verify", "--db", str(db)]) == 0


def test_init_asks_for_the_pin_twice_when_the_file_has_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed = iter(["4826", "4862"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    db = tmp_path / "c.sqlite"
    shutil.copy(EXAMPLE, tmp_path / "centre.toml")
    assert main(["init", "--db", str(db), "--config", str(tmp_path / "centre.toml")]) == 2
    assert "manager_pin_again" in capsys.readouterr().err
    assert not db.exists()

    typed = iter(["4826", "4826"])
    assert main(["init", "--db", str(db), "--config", str(tmp_path / "centre.toml")]) == 0
    session = open_session(db)
    assert [u.role for u in auth.list_users(session)] == [Role.MANAGER]
    session.store.close()


def test_init_from_flags_alone(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    argv = ["init", "--db", str(db), "--centre-name", "ศูนย์ OTOP บ้านนา", "--no-vat",
            "--pos-id", "POS01", "--manager-name", "สมชาย", "--manager-pin", "4826"]  # fmt: skip
    assert main(argv) == 0
    session = open_session(db)
    assert not session.settings.vat_registered
    assert session.settings.branch == "สำนักงานใหญ่"
    session.store.close()


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ('tax_id = "0994000165315"', 'tax_id = "0994000165316"', "centre.tax_id"),
        ('postcode = "35000"', "postcode = 35000", "address.postcode"),
        ('street = "แจ้งสนิท"', 'stret = "แจ้งสนิท"', "address.stret"),
        ('district_code = "3501"', 'district_code = "3401"', "address.district_code"),
        ("[till]", "[till", "TOML"),
    ],
)
def test_init_refuses_a_bad_file_and_writes_nothing(
    tmp_path: Path, old: str, new: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.sqlite"
    assert main(["init", "--db", str(db), "--config", str(_config(tmp_path, **{old: new}))]) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    assert not db.exists()


def test_init_refuses_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.sqlite"
    db.write_bytes(b"")
    assert main(["init", "--db", str(db), "--config", str(_config(tmp_path))]) == 2
    assert "อยู่แล้ว" in capsys.readouterr().err
    assert db.read_bytes() == b""
