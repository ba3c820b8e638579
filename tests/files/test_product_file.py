"""Reading the product file: formats Excel writes, and every error by line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from otop_pos.domain.money import Money
from otop_pos.files.product_file import ProductRow, read_product_file, read_product_table
from otop_pos.files.table import ProductFileError

HEADER = [
    "sku", "barcode", "name_th", "name_en", "category", "stars", "producer_code",
    "price", "vat", "ownership", "quick_key",
]  # fmt: skip
GOOD = [
    ["TX001", "8859411000015", "ผ้าไหมมัดหมี่ 2 เมตร", "Mudmee silk", "textile", "5", "SSK01",
     "2850", "yes", "consigned", ""],
    ["FD019", "8859419000031|8859419000048", "น้ำพริกตาแดง", "Chilli dip", "อาหาร", "3",
     "SSK09", "35.50", "no", "owned", ""],
    ["QK01", "", "ชาใบหม่อน (แก้ว)", "", "เครื่องดื่ม", "", "", "25", "", "", "1"],
]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER, **kw: str) -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=kw.get("delimiter", ","), lineterminator="\r\n").writerows(
        [header, *rows]
    )
    path.write_bytes(buf.getvalue().encode(kw.get("encoding", "utf-8")))
    return path


def errors_of(path: Path) -> ProductFileError:
    with pytest.raises(ProductFileError) as err:
        read_product_file(path)
    return err.value


def test_typed_rows(tmp_path: Path) -> None:
    rows = read_product_file(write_csv(tmp_path / "p.csv", GOOD))
    assert rows[0] == ProductRow(
        sku="TX001", name_th="ผ้าไหมมัดหมี่ 2 เมตร", category="textile",
        price=Money.parse("2850"), name_en="Mudmee silk", barcodes=("8859411000015",),
        stars=5, producer_code="SSK01", vat=True, ownership="consigned",
    )  # fmt: skip
    assert rows[1].category == "food" and rows[1].price == Money(3550) and not rows[1].vat
    assert rows[1].barcodes == ("8859419000031", "8859419000048")
    assert rows[1].ownership == "owned"
    assert rows[2].barcodes == () and rows[2].quick_key == 1 and rows[2].stars is None
    assert rows[2].producer_code is None and rows[2].category == "drink" and rows[2].vat
    assert [r.line for r in rows] == [2, 3, 4]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ","), ("utf-8", ";"), ("cp874", ","), ("utf-16", "\t")],
)
def test_what_excel_writes(tmp_path: Path, encoding: str, delimiter: str) -> None:
    path = write_csv(tmp_path / "p.csv", GOOD, encoding=encoding, delimiter=delimiter)
    rows = read_product_file(path)
    assert [r.name_th for r in rows] == [g[2] for g in GOOD]


def test_only_required_columns_and_thai_headers(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "p.csv",
        [["A1", "ผ้าขาวม้า", "ผ้าและเครื่องแต่งกาย", "150"]],
        header=["\ufeffรหัสสินค้า", "ชื่อสินค้า", "หมวดสินค้า", "ราคา"],
    )
    table = read_product_table(path)
    assert table.rows[0] == ProductRow("A1", "ผ้าขาวม้า", "textile", Money.baht(150))
    assert "barcode" not in table.columns


def test_xlsx_with_numbers_and_blank_rows(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["TX001", 8859411000015, "ผ้าไหม", "Silk", "textile", 4.0, "SSK01", 35.5,
                  True, "consigned", None])  # fmt: skip
    sheet.append([None] * 11)  # a blank row Excel leaves: skipped, still counted
    sheet.append(["QK01", None, "กาแฟแก้ว", None, "drink", None, None, 45, "no", None, 2])
    book.save(tmp_path / "p.xlsx")
    rows = read_product_file(tmp_path / "p.xlsx")
    assert rows[0].barcodes == ("8859411000015",) and rows[0].stars == 4
    assert rows[0].price == Money(3550) and rows[0].vat
    assert (rows[1].line, rows[1].quick_key, rows[1].price) == (4, 2, Money.baht(45))


def test_thai_message_names_the_row(tmp_path: Path) -> None:
    bad = [*GOOD[:2], ["X1", "", "ของ", "", "food", "", "", "abc", "", "", ""]]
    err = errors_of(write_csv(tmp_path / "p.csv", bad))
    assert [(e.line, e.column) for e in err.errors] == [(4, "price")]
    assert err.errors[0].message_th == 'แถว 4: ราคา "abc" ไม่ถูกต้อง'
    assert 'แถว 4: ราคา "abc" ไม่ถูกต้อง' in str(err) and "ไม่ได้นำเข้า" in str(err)
    assert "Line 4" in err.message("en")


BAD_CELLS = [
    ("price", "-5", "ติดลบ"),
    ("price", "", "ไม่ได้กรอกราคา"),
    ("name_th", "", "ไม่ได้กรอกชื่อสินค้าภาษาไทย"),
    ("sku", "", "ไม่ได้กรอกรหัสสินค้า"),
    ("sku", "A B", "ไม่มีช่องว่าง"),
    ("category", "ของกิน", "หมวดสินค้า"),
    ("category", "", "ไม่ได้กรอกหมวดสินค้า"),
    ("stars", "6", "1 ถึง 5"),
    ("stars", "0", "1 ถึง 5"),
    ("barcode", "8859411000016", "เลขตรวจสอบ"),
    ("barcode", "88594110", "เลขตรวจสอบ"),
    ("barcode", "12345", "8, 12 หรือ 13 หลัก"),
    ("barcode", "ABC-123", "8, 12 หรือ 13 หลัก"),
    ("barcode", "8.85941E+12", "เลขยกกำลัง"),
    ("quick_key", "100", "1 ถึง 99"),
    ("quick_key", "x", "1 ถึง 99"),
    ("vat", "maybe", "yes หรือ no"),
    ("ownership", "rented", "ประเภทการรับสินค้า"),
]


@pytest.mark.parametrize(("column", "value", "expected"), BAD_CELLS)
def test_each_bad_cell_is_reported(tmp_path: Path, column: str, value: str, expected: str) -> None:
    row = list(GOOD[0])
    row[HEADER.index(column)] = value
    err = errors_of(write_csv(tmp_path / "p.csv", [GOOD[2], row]))
    assert [(e.line, e.column) for e in err.errors] == [(3, column)]
    assert expected in err.errors[0].message_th and err.errors[0].message_th.startswith("แถว 3:")


def test_valid_barcode_kinds(tmp_path: Path) -> None:
    row = list(GOOD[0])
    row[1] = "96385074|036000291452|4006381333931"  # EAN-8, UPC-A, EAN-13
    assert read_product_file(write_csv(tmp_path / "p.csv", [row]))[0].barcodes == (
        "96385074", "036000291452", "4006381333931",
    )  # fmt: skip


def test_duplicates_within_the_file(tmp_path: Path) -> None:
    dup_sku = [*GOOD[1][:1], "", *GOOD[1][2:]]
    dup_barcode = ["NEW1", "8859411000015", "ใหม่", "", "food", "", "", "10", "", "", ""]
    dup_key = ["NEW2", "", "ใหม่", "", "food", "", "", "10", "", "", "1"]
    err = errors_of(write_csv(tmp_path / "p.csv", [*GOOD, dup_sku, dup_barcode, dup_key]))
    assert [(e.line, e.column) for e in err.errors] == [
        (5, "sku"), (6, "barcode"), (7, "quick_key"),
    ]  # fmt: skip
    assert "ซ้ำกับแถว 3" in err.errors[0].message_th
    assert "ซ้ำกับแถว 2" in err.errors[1].message_th


def test_all_errors_are_collected(tmp_path: Path) -> None:
    rows = [list(GOOD[0]) for _ in range(6)]
    for n, row in enumerate(rows):
        row[0] = f"S{n}"
        row[1] = ""
    rows[1][7], rows[3][4], rows[4][5] = "1,2,3", "toys", "9"
    err = errors_of(write_csv(tmp_path / "p.csv", rows))
    assert err.lines == [3, 5, 6]


def test_missing_required_columns(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [["A1", "x"]], header=["sku", "name_en"])
    err = errors_of(path)
    assert {(e.line, e.column) for e in err.errors} == {
        (1, "name_th"), (1, "category"), (1, "price"),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("p.csv", b"", "ไฟล์ว่าง"),
        ("p.csv", b"\r\n ,, \r\n", "ไฟล์ว่าง"),
        ("p.csv", ",".join(HEADER).encode(), "ไม่มีข้อมูล"),
        ("p.csv", bytes(range(256)) * 4, "ไม่ใช่ไฟล์ข้อความ"),
        ("p.csv", b"sku,name_th\x00\x01,price", "ไม่ใช่ไฟล์ข้อความ"),
        ("p.xlsx", b"PK\x03\x04 not really a zip", "ไฟล์ Excel"),
        ("p.xls", b"\xd0\xcf\x11\xe0", "ไม่รองรับไฟล์ชนิด"),
        ("p.pdf", b"%PDF-1.4", "ไม่รองรับไฟล์ชนิด"),
        ("p.csv", b"sku,sku,name_th,category,price\n1,2,x,food,1\n", "คอลัมน์ซ้ำ"),
    ],
)
def test_unusable_files(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    err = errors_of(path)
    assert expected in str(err)


def test_missing_file(tmp_path: Path) -> None:
    assert "เปิดไฟล์" in str(errors_of(tmp_path / "nope.csv"))


def test_long_error_lists_are_cut_in_the_message(tmp_path: Path) -> None:
    rows = [[f"S{n}", "", "x", "", "food", "", "", "bad", "", "", ""] for n in range(100)]
    err = errors_of(write_csv(tmp_path / "p.csv", rows))
    assert len(err.errors) == 100
    assert "และอีก 70 รายการ" in str(err) and len(str(err).splitlines()) == 32


def test_commission_override_and_min_stock_columns(tmp_path: Path) -> None:
    header = [*HEADER, "ค่าคอมมิชชั่น (%)", "สต็อกขั้นต่ำ"]
    rows = [[*GOOD[0], "12.5%", "4"], [*GOOD[1], "", ""], [*GOOD[2], "0", "2.0"]]
    table = read_product_table(write_csv(tmp_path / "p.csv", rows, header))
    assert {"commission_percent", "min_stock"} <= table.columns
    got = [(r.commission_bp, r.min_stock) for r in table.rows]
    assert got == [(1250, 4), (None, 0), (0, 2)]
    bad = [[*GOOD[0], "101", "-2"], [*GOOD[1], "abc", "1.5"]]
    err = errors_of(write_csv(tmp_path / "p.csv", bad, header))
    assert [(e.line, e.column) for e in err.errors] == [
        (2, "commission_percent"), (2, "min_stock"), (3, "commission_percent"), (3, "min_stock"),
    ]  # fmt: skip
    assert "ค่าคอมมิชชั่นต้องอยู่ระหว่าง 0 ถึง 100%" in err.errors[0].message_th


def test_a_code_the_product_already_holds_is_not_questioned(tmp_path: Path) -> None:
    row = list(GOOD[0])
    row[1] = "8859411000016|8859411000015"  # the first has a wrong check digit
    path = write_csv(tmp_path / "p.csv", [row])
    assert errors_of(path).errors[0].column == "barcode"
    table = read_product_table(path, {"8859411000016": "TX001"})
    assert table.rows[0].barcodes == ("8859411000016", "8859411000015")
    with pytest.raises(ProductFileError):  # held by another product: still checked
        read_product_table(path, {"8859411000016": "OTHER"})
