"""Whatever a spreadsheet contains, the reader answers rows or ProductFileError."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from otop_pos.files.product_file import COLUMNS, ProductRow, read_product_file
from otop_pos.files.table import ProductFileError

COLUMN_NAMES = st.sampled_from([*COLUMNS, "active", "ราคา", "หมวด", "junk", ""])
PRICES = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(-(10**30), 10**30).map(str),
    st.floats().map(str),
    st.text(max_size=12),
)
CELLS = st.one_of(st.text(max_size=30), PRICES, st.sampled_from(["", "food", "อาหาร", "5"]))


def _check(result: list[ProductRow]) -> None:
    for row in result:
        assert row.sku and row.name_th and row.price.satang >= 0
        assert row.category in {"food", "drink", "textile", "household", "herbal"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.lists(COLUMN_NAMES, min_size=1, max_size=14),
    rows=st.lists(st.lists(CELLS, max_size=14), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_random_csv_never_crashes(
    header: list[str], rows: list[list[str]], delimiter: str, encoding: str
) -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter).writerows([header, *rows])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.csv"
        path.write_bytes(buf.getvalue().encode(encoding, errors="surrogatepass"))
        try:
            _check(read_product_file(path))
        except ProductFileError as exc:
            assert exc.errors and str(exc)
            assert all(e.line >= 0 and e.message_th and e.message_en for e in exc.errors)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_random_bytes_never_crash(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"p{suffix}"
        path.write_bytes(data)
        try:
            _check(read_product_file(path))
        except ProductFileError as exc:
            assert exc.errors


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {
                "sku": st.text(max_size=8),
                "name_th": st.text(max_size=20),
                "category": st.sampled_from(["food", "drink", "x", ""]),
                "price": PRICES,
                "stars": st.one_of(st.none(), st.integers(-3, 9), st.floats()),
                "barcode": st.one_of(st.none(), st.integers(0, 10**14), st.text(max_size=14)),
            }
        ),
        min_size=1,
        max_size=6,
    )
)
def test_random_xlsx_never_crashes(rows: list[dict[str, object]]) -> None:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = openpyxl.Workbook()
    sheet = book.active
    names = list(rows[0])
    sheet.append(names)
    for row in rows:
        cells = [row[n] for n in names]
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in cells])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.xlsx"
        book.save(path)
        try:
            _check(read_product_file(path))
        except ProductFileError as exc:
            assert exc.errors
