"""Making a new centre: every value checked first, the file made whole or not at all."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from otop_pos.db.staff import users as users_db
from otop_pos.domain.staff.permissions import Role
from otop_pos.operations import auth
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.setup import centre
from otop_pos.operations.setup.centre import CentreForm, create_centre
from otop_pos.operations.startup import open_session

FORM = CentreForm(
    centre_name="ศูนย์ OTOP จังหวัดยโสธร",
    centre_name_en="Yasothon OTOP Centre",
    address="12 ถนนแจ้งสนิท ตำบลในเมือง อำเภอเมืองยโสธร จังหวัดยโสธร 35000",
    building_number="12",
    street="แจ้งสนิท",
    province_code="35",
    district_code="3501",
    sub_district_code="350101",
    postcode="35000",
    tax_id="0-9940-00165-31-5",
    branch="2",
    vat_registered=True,
    pos_id="E35000000001",
    terminal_id="T01",
    printer_uri="preview",
    lang="th",
    manager_name="วิไล ผู้จัดการ",
    manager_pin="4826",
    manager_pin_again="4826",
)


def _folder_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "logs")


def test_a_new_centre_opens_with_its_settings_and_its_manager(tmp_path: Path) -> None:
    db = tmp_path / "centre" / "yasothon.sqlite"
    create_centre(db, FORM)
    assert _folder_names(db.parent) == ["yasothon.sqlite"]  # no temporary file, no WAL left

    session = open_session(db)
    s = session.settings
    assert (s.centre_name, s.centre_name_en) == (FORM.centre_name, "Yasothon OTOP Centre")
    assert s.tax_id == "0994000165315" and s.vat_registered
    assert s.branch == "สาขาที่ 00002"
    assert (s.province_code, s.district_code, s.sub_district_code, s.postcode) == (
        "35", "3501", "350101", "35000"
    )  # fmt: skip
    assert (s.pos_id, s.terminal_id, s.printer_uri, s.lang) == (
        "E35000000001", "T01", "preview", "th"
    )  # fmt: skip
    [manager] = auth.list_users(session)
    assert (manager.name, manager.role) == ("วิไล ผู้จัดการ", Role.MANAGER)
    assert auth.login(session, manager.id, "4826").role is Role.MANAGER
    session.store.close()


def test_head_office_is_the_default_branch(tmp_path: Path) -> None:
    create_centre(tmp_path / "c.sqlite", replace(FORM, branch=""))
    session = open_session(tmp_path / "c.sqlite")
    assert session.settings.branch == "สำนักงานใหญ่"
    session.store.close()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"tax_id": "0994000165316"}, "tax_id"),  # check digit wrong
        ({"tax_id": ""}, "tax_id"),  # VAT registered without a tax ID
        ({"manager_pin_again": "4827"}, "manager_pin_again"),
        ({"manager_pin": "48a6", "manager_pin_again": "48a6"}, "manager_pin"),
        ({"manager_pin": "12", "manager_pin_again": "12"}, "manager_pin"),
        ({"centre_name": "  "}, "centre_name"),
        ({"manager_name": ""}, "manager_name"),
        ({"pos_id": ""}, "pos_id"),
        ({"branch": "สาขาที่ 123456"}, "branch"),
        ({"district_code": "3401"}, "district_code"),  # Ubon's, not Yasothon's
        ({"postcode": "3500"}, "postcode"),
        ({"printer_uri": "lpt1"}, "printer_uri"),
        ({"lang": "fr"}, "lang"),
    ],
)
def test_a_bad_value_is_refused_by_its_field_and_nothing_is_written(
    tmp_path: Path, change: dict[str, str], field: str
) -> None:
    db = tmp_path / "c.sqlite"
    with pytest.raises(FieldError) as refused:
        create_centre(db, replace(FORM, **change))  # type: ignore[arg-type]
    assert refused.value.field == field
    assert refused.value.thai and refused.value.english
    assert not db.exists()
    assert _folder_names(tmp_path) == []


def test_a_pin_mismatch_is_said_in_thai_and_english(tmp_path: Path) -> None:
    with pytest.raises(FieldError) as refused:
        create_centre(tmp_path / "c.sqlite", replace(FORM, manager_pin_again="4862"))
    assert "ไม่ตรงกัน" in refused.value.message("th")
    assert "does not match" in refused.value.message("en")


def test_an_existing_file_is_never_made_over(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    db.write_bytes(b"someone's data")
    with pytest.raises(OperationError) as refused:
        create_centre(db, FORM)
    assert "อยู่แล้ว" in refused.value.thai
    assert db.read_bytes() == b"someone's data"
    assert _folder_names(tmp_path) == ["c.sqlite"]


def test_an_interrupted_setup_leaves_no_centre_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Power cut or Ctrl+C while the manager is written: no file the till would open."""

    def cut(*args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(users_db, "add", cut)
    db = tmp_path / "c.sqlite"
    with pytest.raises(KeyboardInterrupt):
        create_centre(db, FORM)
    assert not db.exists()
    assert _folder_names(tmp_path) == []


def test_a_page_checks_only_its_own_fields() -> None:
    """The wizard checks a page at a time: a later page's empty box does not stop the first."""
    first_page = replace(FORM, manager_name="", manager_pin="")
    centre.check_fields(first_page, ["centre_name", "centre_name_en"])
    with pytest.raises(FieldError) as refused:
        centre.check_fields(first_page, ["manager_name"])
    assert refused.value.field == "manager_name"
