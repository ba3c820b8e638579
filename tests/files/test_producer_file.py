"""Reading the producer file."""

from __future__ import annotations

from pathlib import Path

import pytest

from otop_pos.files.producer_file import ProducerRow, read_producer_file
from otop_pos.files.table import ProductFileError

HEADER = "code,name,type,district,province,contact,commission_percent\n"


def write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "producers.csv"
    path.write_text(header + body, encoding="utf-8-sig")
    return path


def test_rows_with_thai_types_places_and_percent(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "A1,กลุ่มทอผ้าไหมบ้านหนองห้าง,วิสาหกิจชุมชน,อำเภออุทุมพรพิสัย,จังหวัดศรีสะเกษ,089-417-2035,17.5\n"
        "A2,นางบุญมา ศรีสุข,ผู้ผลิตรายเดียว,อ.ไพรบึง,จ.ศรีสะเกษ,,25%\n"
        "A3,บริษัท ศรีสะเกษเฮิร์บ จำกัด,sme,เมืองศรีสะเกษ,ศรีสะเกษ,,\n",
    )
    rows = read_producer_file(path)
    assert rows[0] == ProducerRow(
        "A1", "กลุ่มทอผ้าไหมบ้านหนองห้าง", "community_enterprise", "อุทุมพรพิสัย", "ศรีสะเกษ",
        "089-417-2035", 1750,
    )  # fmt: skip
    assert (rows[1].type, rows[1].district, rows[1].commission_bp) == (
        "single_owner",
        "ไพรบึง",
        2500,
    )
    assert rows[2].type == "sme" and rows[2].commission_bp is None


def test_only_code_and_name_are_required(tmp_path: Path) -> None:
    rows = read_producer_file(write(tmp_path, "B1,กลุ่มจักสาน\n", header="code,name\n"))
    assert rows == [ProducerRow("B1", "กลุ่มจักสาน")]


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("A1,,sme,,,,10\n", "name"),
        ("A1,x,cooperative,,,,10\n", "type"),
        ("A1,x,sme,,,,101\n", "commission_percent"),
        ("A1,x,sme,,,,-1\n", "commission_percent"),
        ("A1,x,sme,,,,12.345\n", "commission_percent"),
        ("A1,x,sme,,,,abc\n", "commission_percent"),
        ("A 1,x,sme,,,,10\n", "code"),
    ],
)
def test_bad_cells(tmp_path: Path, line: str, column: str) -> None:
    with pytest.raises(ProductFileError) as err:
        read_producer_file(write(tmp_path, "OK1,ok,sme,,,,10\n" + line))
    assert [(e.line, e.column) for e in err.value.errors] == [(3, column)]
    assert "ไฟล์ผู้ผลิต" in str(err.value)


def test_duplicate_codes(tmp_path: Path) -> None:
    with pytest.raises(ProductFileError) as err:
        read_producer_file(write(tmp_path, "A1,x,,,,,\nA2,y,,,,,\nA1,z,,,,,\n"))
    assert err.value.lines == [4] and "ซ้ำกับแถว 2" in str(err.value)


PAYOUT_HEADER = (
    "รหัสผู้ผลิต,ชื่อผู้ผลิต,เลขทะเบียนวิสาหกิจชุมชน,เลขประจำตัวผู้เสียภาษี,ชื่อธนาคาร,"
    "เลขที่บัญชี,ชื่อบัญชี,พร้อมเพย์,จดทะเบียนภาษีมูลค่าเพิ่ม\n"
)


def test_payout_columns_with_thai_headers(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "A1,กลุ่มทอผ้า,3-33-14-03/1-0007,0-9940-00158-37-8,กรุงไทย,981-0-12345-6,"
        "นางบุญมา ศรีสุข,+66 81 234 5678,ใช่\n"
        "A2,นายสมชาย,,,,,,,\n",
        header=PAYOUT_HEADER,
    )
    first, second = read_producer_file(path)
    assert (first.reg_no, first.tax_id, first.bank_name) == (
        "3-33-14-03/1-0007", "0994000158378", "กรุงไทย",
    )  # fmt: skip
    assert (first.bank_account, first.account_name) == ("981-0-12345-6", "นางบุญมา ศรีสุข")
    assert first.promptpay_id == "081-234-5678" and first.vat_registered
    assert second == ProducerRow("A2", "นายสมชาย")


@pytest.mark.parametrize(
    ("cells", "column", "thai"),
    [
        ("0994000158379,,,,,", "tax_id", "หลักตรวจสอบผิด"),
        (",,12a-4,,,", "bank_account", "ตัวเลขและขีด"),
        (",,,,080123,", "promptpay_id", "พร้อมเพย์"),
        (",,,,,บางที", "vat_registered", "จดทะเบียนภาษีมูลค่าเพิ่ม"),
    ],
)
def test_bad_payout_cells_are_reported_by_line(
    tmp_path: Path, cells: str, column: str, thai: str
) -> None:
    header = "code,name,tax_id,bank_name,bank_account,account_name,promptpay_id,vat_registered\n"
    path = write(tmp_path, f"OK1,ok,,,,,,\nA1,x,{cells}\n", header=header)
    with pytest.raises(ProductFileError) as err:
        read_producer_file(path)
    assert [(e.line, e.column) for e in err.value.errors] == [(3, column)]
    assert thai in err.value.errors[0].message_th
    assert err.value.errors[0].message_th.startswith("แถว 3:")


def test_district_prefixes_go_however_often_they_repeat(tmp_path: Path) -> None:
    rows = read_producer_file(write(tmp_path, "A1,x,,อำเภอ อ.พยุห์,จ.ศรีสะเกษ,,\n"))
    assert (rows[0].district, rows[0].province) == ("พยุห์", "ศรีสะเกษ")
