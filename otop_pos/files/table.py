"""Read a spreadsheet (CSV or .xlsx) into numbered rows of text cells.

Managers keep the catalogue in Excel, so the reader accepts what Excel
writes: UTF-8 with or without BOM ("CSV UTF-8"), Windows-874 (a Thai
Windows "CSV"), UTF-16 tab-separated ("Unicode Text"), and .xlsx. Rows are
numbered as Excel numbers them (header = 1) so an error names the row the
manager can find. Every failure here is a `ProductFileError`.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

MAX_SHOWN = 30
log = logging.getLogger(__name__)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class RowError:
    """One problem in the file; line 0 means the whole file."""

    line: int
    column: str
    message_th: str
    message_en: str


class ProductFileError(ValueError):
    """The file was refused; `errors` lists every problem found, by line."""

    def __init__(self, errors: list[RowError], what_th: str = "ไฟล์สินค้า") -> None:
        self.errors = list(errors)
        shown = self.errors[:MAX_SHOWN]
        more = len(self.errors) - len(shown)
        th = [f"{what_th}มีข้อผิดพลาด {len(self.errors)} รายการ จึงไม่ได้นำเข้าข้อมูลใดเลย:"]
        th += [f"- {e.message_th}" for e in shown]
        en = [f"The file has {len(self.errors)} error(s); nothing was imported:"]
        en += [f"- {e.message_en}" for e in shown]
        if more:
            th.append(f"... และอีก {more} รายการ")
            en.append(f"... and {more} more")
        self.thai = "\n".join(th)
        self.english = "\n".join(en)
        super().__init__(self.thai)

    @property
    def lines(self) -> list[int]:
        return sorted({e.line for e in self.errors})

    def message(self, lang: str = "th") -> str:
        return self.english if lang == "en" else self.thai


def file_error(th: str, en: str, line: int = 0, column: str = "") -> ProductFileError:
    return ProductFileError([RowError(line, column, th, en)])


@dataclass
class Table:
    """Header names (normalised) and data rows as {column: text}, keyed by line."""

    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def normalise_header(text: str, aliases: dict[str, str]) -> str:
    key = _SPACES.sub("_", text.replace("\ufeff", "").strip().lower())
    return aliases.get(key, key)


def clean_text(text: str) -> str:
    """Collapse whitespace and drop control characters an export may leave."""
    kept = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))
    return _SPACES.sub(" ", kept).strip()


def _cell_text(value: object) -> str:
    """Excel gives numbers and dates; the validators want the text a person typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(Decimal(repr(value)), "f") if abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _not_text() from None
    if b"\x00" in data:
        raise _not_text()
    for encoding in ("utf-8-sig", "cp874"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any(unicodedata.category(ch) == "Cc" and ch not in "\t\r\n" for ch in text):
            raise _not_text()
        return text
    raise _not_text()


def _not_text() -> ProductFileError:
    return file_error(
        "ไฟล์นี้ไม่ใช่ไฟล์ข้อความ CSV ที่อ่านได้ (กรุณาบันทึกจาก Excel เป็น CSV UTF-8 หรือ .xlsx)",
        "This is not a readable CSV text file (save it from Excel as CSV UTF-8 or .xlsx).",
    )


def _csv_records(path: Path) -> list[list[str]]:
    text = _decode(path.read_bytes())
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return list(reader)
    except csv.Error as exc:
        raise file_error(
            f"แถว {reader.line_num}: อ่านไฟล์ CSV ไม่ได้ ({exc})",
            f"Line {reader.line_num}: the CSV cannot be read ({exc}).",
            reader.line_num,
        ) from exc


def _xlsx_records(path: Path) -> list[list[str]]:
    import openpyxl  # type: ignore[import-untyped]  # only the Excel path pays for it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        log.warning("Excel file %s cannot be opened: %s: %s", path.name, type(exc).__name__, exc)
        raise file_error(
            "เปิดไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่ไฟล์ .xlsx",
            f"The Excel file cannot be opened ({type(exc).__name__}).",
        ) from exc
    try:
        if not book.worksheets:
            return []
        records: list[list[str]] = []
        for row in book.worksheets[0].iter_rows(values_only=True):
            records.append([_cell_text(v) for v in row])
        return records
    except Exception as exc:  # a damaged sheet, or a fault of ours in reading it: keep the trace
        log.warning("Excel sheet of %s cannot be read", path.name, exc_info=exc)
        raise file_error(
            "อ่านข้อมูลในไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหาย",
            f"The Excel sheet cannot be read ({type(exc).__name__}).",
        ) from exc
    finally:
        book.close()


READERS: dict[str, Callable[[Path], list[list[str]]]] = {
    ".csv": _csv_records,
    ".txt": _csv_records,
    ".tsv": _csv_records,
    ".xlsx": _xlsx_records,
    ".xlsm": _xlsx_records,
}


def read_table(path: str | Path, aliases: dict[str, str]) -> Table:
    """Header + non-blank rows; raises ProductFileError for an unusable file."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise file_error(
            f'ไม่รองรับไฟล์ชนิด "{path.suffix or path.name}" กรุณาใช้ไฟล์ .csv หรือ .xlsx',
            f'Unsupported file type "{path.suffix or path.name}"; use .csv or .xlsx.',
        )
    try:
        records = reader(path)
    except OSError as exc:
        raise file_error(
            f"เปิดไฟล์ {path.name} ไม่ได้ ({exc.strerror or exc})",
            f"Cannot open {path.name} ({exc.strerror or exc}).",
        ) from exc
    header_at = next((i for i, r in enumerate(records) if any(c.strip() for c in r)), None)
    if header_at is None:
        raise file_error("ไฟล์ว่าง ไม่มีข้อมูล", "The file is empty.", 1)
    header = [normalise_header(c, aliases) for c in records[header_at]]
    repeated = sorted({h for h in header if h and header.count(h) > 1})
    if repeated:
        names = ", ".join(repeated)
        raise file_error(
            f"แถว {header_at + 1}: มีคอลัมน์ซ้ำกัน ({names})",
            f"Line {header_at + 1}: repeated column(s) {names}.",
            header_at + 1,
        )
    table = Table([h for h in header if h])
    for index in range(header_at + 1, len(records)):
        cells = records[index]
        if not any(c.strip() for c in cells):
            continue  # Excel leaves blank rows; they are not errors
        row = {h: cells[i].strip() for i, h in enumerate(header) if h and i < len(cells)}
        table.rows.append((index + 1, row))
    if not table.rows:
        raise file_error("ไฟล์มีแต่แถวหัวตาราง ไม่มีข้อมูล", "The file has a header but no data rows.", 2)
    return table
