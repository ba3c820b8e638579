"""Reading the producer file."""

from __future__ import annotations

from pathlib import Path

import pytest

from otop_pos.catalogue import ProducerRow, ProductFileError, read_producer_file

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
