"""A4 pages with real tables: the producer statement, and the sheet the stock slips share.

The receipt Document has no table block: on a roll each product is a name
and a line of figures. On A4 a producer reads a statement the way a ledger
reads, one row per product and one column per movement, so this module lays
grid tables with reportlab directly. Every string still goes through pdf.py's
shaped, pre-wrapped paragraphs (Thai marks stack, long names wrap between
clusters, and the text copies out), and pages get the same margins, stamp
and "หน้า i/n" footer as every other A4 document.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
)

from otop_pos.domain.consignment.statement import CONSIGNED, OWNED
from otop_pos.printing.documents.statement import (
    EARLIER_NOTE_TH,
    OWNED_COLUMNS,
    OWNED_TITLE_TH,
    WORDS,
    StatementData,
    closing_line,
    closing_note,
    closing_words,
    consigned_columns,
    has_earlier,
    info_rows,
    product_label,
    qty_of,
    summary_lines,
    title_blocks,
)
from otop_pos.printing.documents.tax_invoice import SIGN_DOTS
from otop_pos.printing.engine import document as d
from otop_pos.printing.engine.files import write_atomic
from otop_pos.printing.engine.pdf import (
    _A4_MARGIN,
    AUTHOR,
    _Cells,
    _draw_stamp,
    _Layout,
    _NumberedCanvas,
    _Para,
)
from otop_pos.printing.engine.pdf_wrap import wrap

_PAD = 1.6 * mm
_GRID = Color(0.55, 0.55, 0.55)
_HEAD_BG = Color(0.9, 0.9, 0.9)
_EDGE = 14 * mm  # top and bottom: less than pdf.py's 18 mm so a dozen products and the
# signatures still fit one page; the sides keep 18 mm for binding and hole punches
_QTY_MM = 13.0  # every quantity column the same width, unless a number needs more


@dataclass(frozen=True, slots=True)
class Column:
    """A table column; a newline in the title is where the heading may break.

    A fixed column (flex 0) is as wide as its widest entry, at least min_mm,
    so numbers never wrap; flexible columns share the rest and wrap.
    """

    title: str
    align: str = "right"
    flex: float = 0.0
    min_mm: float = 0.0


class A4Sheet:
    """Document blocks and grid tables on A4 pages, with pdf.py's fonts and footer."""

    def __init__(self) -> None:
        self.page_w, self.page_h = A4
        self.inner = self.page_w - 2 * _A4_MARGIN
        self.lay = _Layout("a4", d.WIDTH_80MM, self.inner)

    def blocks(self, blocks: Iterable[d.Block]) -> list[Flowable]:
        return [f for b in blocks for f in self.lay.flowables(b)]

    def cell(
        self, text: str, width: float, size: d.Size = "small", bold: bool = False,
        align: str = "left",
    ) -> _Cells:  # fmt: skip
        """A paragraph for a table cell; a newline in ``text`` is where it may break.

        Column headings like คืนผู้ผลิต are single words to a line breaker,
        which would split them mid-syllable; the hint splits them where a
        reader would.
        """
        parts = text.split("\n")
        p = self.lay.para("".join(parts), width, size, bold, align)
        if len(parts) > 1 and len(p.lines) > 1:
            st = p.style
            lines = [ln for part in parts for ln in wrap(part, st.fontName, st.fontSize, width)]
            p = _Para("".join(parts), st, width, lines)
        return _Cells((0, 0, p))

    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[str]],
        total: Sequence[str] | None = None,
        width: float | None = None,
        size: d.Size = "small",
    ) -> Table:
        """A grid with a shaded heading repeated on every page and an optional total row."""
        widths = self._widths(columns, rows, total, width or self.inner, size)

        def line(values: Sequence[str], bold: bool, head: bool = False) -> list[_Cells]:
            return [
                self.cell(v, w - 2 * _PAD, size, bold, "center" if head else c.align)
                for v, w, c in zip(values, widths, columns, strict=True)
            ]

        data = [line([c.title for c in columns], True, head=True)]
        data += [line(r, False) for r in rows]
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 0.6 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6 * mm),
            ("BACKGROUND", (0, 0), (-1, 0), _HEAD_BG),
            ("INNERGRID", (0, 0), (-1, -1), 0.25, _GRID),
            ("BOX", (0, 0), (-1, -1), 0.7, black),
            ("LINEBELOW", (0, 0), (-1, 0), 0.7, black),
        ]
        if total is not None:
            data.append(line(total, True))
            style.append(("LINEABOVE", (0, -1), (-1, -1), 0.7, black))
        t = Table(data, colWidths=widths, repeatRows=1, style=style)
        t.hAlign = "LEFT"
        return t

    def _widths(
        self, columns: Sequence[Column], rows: Sequence[Sequence[str]],
        total: Sequence[str] | None, width: float, size: d.Size,
    ) -> list[float]:  # fmt: skip
        pt, pad = self.lay.pt(size), 2 * _PAD + 1

        def need(i: int, c: Column) -> float:
            texts = [(part, self.lay.bold) for part in c.title.replace("\n", " ").split()]
            texts += [(r[i], self.lay.regular) for r in rows]
            texts += [(total[i], self.lay.bold)] if total is not None else []
            return max(max(stringWidth(t, f, pt) for t, f in texts) + pad, c.min_mm * mm)

        fixed = [0.0 if c.flex else need(i, c) for i, c in enumerate(columns)]
        flex = sum(c.flex for c in columns)
        rest = max(width - sum(fixed), 0.25 * width)
        return [f or rest * c.flex / flex for f, c in zip(fixed, columns, strict=True)]

    def pairs(
        self, rows: Sequence[tuple[str, str, bool]], width: float, rule_above: bool = False
    ) -> Table:
        """Label and amount rows without a grid, right-hand side of the page (totals)."""
        label_w, amount_w = width * 0.68, width * 0.32
        data = [
            [
                self.cell(label, label_w - 2 * _PAD, "normal", strong),
                self.cell(amount, amount_w - 2 * _PAD, "normal", strong, "right"),
            ]
            for label, amount, strong in rows
        ]
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
        if rule_above:  # the double rule over a grand total
            style += [("TOPPADDING", (0, 0), (-1, 0), 1.5 * mm),
                      ("LINEABOVE", (0, 0), (-1, 0), 0.6, black, None, None, None, 2, 1.2)]  # fmt: skip
        t = Table(data, colWidths=[label_w, amount_w], style=style)
        t.hAlign = "RIGHT"
        return t

    def info(self, pairs: Sequence[tuple[str, str]]) -> Table:
        """Label: value pairs two to a line (number and date side by side), no grid."""
        pt, reg = self.lay.pt("normal"), self.lay.regular
        widths = []
        for side in (0, 1):
            mine = pairs[side::2]
            label_w = max((stringWidth(k, reg, pt) for k, _v in mine), default=0) + 2 * _PAD + 1
            widths += [label_w, self.inner / 2 - label_w]
        rows = []
        for i in range(0, len(pairs), 2):
            row: list[Flowable] = []
            for j, (k, v) in enumerate(pairs[i : i + 2]):
                row.append(self.cell(k, widths[2 * j] - 2 * _PAD, "normal"))
                row.append(self.cell(v, widths[2 * j + 1] - 2 * _PAD, "normal"))
            rows.append(row + [Spacer(0, 0)] * (4 - len(row)))
        t = Table(rows, colWidths=widths, style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ])  # fmt: skip
        t.hAlign = "LEFT"
        return t

    def signatures(self, people: Sequence[tuple[str, str]]) -> Flowable:
        """Side by side: room to sign, a dotted line, the name in brackets, the role, a date."""
        w = self.inner / len(people)
        inner = w - 2 * _PAD
        cells = [
            [
                Spacer(inner, 9 * mm),
                self.cell(f"ลงชื่อ {SIGN_DOTS}", inner, "normal", align="center"),
                self.cell(f"({name or SIGN_DOTS})", inner, "normal", align="center"),
                self.cell(role, inner, "normal", True, "center"),
                self.cell(f"วันที่ {SIGN_DOTS}", inner, "small", align="center"),
            ]
            for role, name in people
        ]
        return Table([cells], colWidths=[w] * len(people), style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ])  # fmt: skip

    def gap(self, height_mm: float = 3) -> Flowable:
        return Spacer(self.inner, height_mm * mm)

    def render(self, flows: list[Flowable], title: str, stamp: str | None = None) -> bytes:
        """A4 pages with the stamp under the content and 'หน้า i/n' at the foot."""
        lay, page_w, page_h = self.lay, self.page_w, self.page_h

        def on_page(canv, _doc) -> None:  # type: ignore[no-untyped-def]
            if stamp:
                _draw_stamp(canv, lay, stamp, page_w, page_h)

        def footer(canv, i: int, n: int) -> None:  # type: ignore[no-untyped-def]
            p = lay.para(f"{title}  หน้า {i}/{n}", lay.inner, "small", align="center")
            _Cells((0, 0, p)).drawOn(canv, _A4_MARGIN, (_EDGE - p.h) / 2)

        buf = io.BytesIO()
        frame = Frame(_A4_MARGIN, _EDGE, self.inner, page_h - 2 * _EDGE, 0, 0, 0, 0)
        BaseDocTemplate(
            buf, pagesize=A4, pageTemplates=[PageTemplate("sheet", [frame], onPage=on_page)],
            title=title, author=AUTHOR, creator=AUTHOR, subject="", invariant=1,
            pageCompression=1, lang="th",
        ).build(
            flows or [Spacer(0, 0)],
            canvasmaker=functools.partial(_NumberedCanvas, footer=footer),
        )  # fmt: skip
        return buf.getvalue()


def _consigned_table(sheet: A4Sheet, data: StatementData) -> list[Flowable]:
    st = data.statement
    lines = st.of(CONSIGNED)
    title = sheet.blocks([d.Text(WORDS["consigned"], bold=True)])
    if not lines:
        return [*title, *sheet.blocks([d.Text(WORDS["none"], size="small")])]
    cols = consigned_columns(st)
    columns = [Column(WORDS["product"], "left", flex=1)]
    columns += [Column(label, min_mm=_QTY_MM) for label, _get in cols]
    columns.append(Column(WORDS["net_baht"], min_mm=22))
    rows = [
        [product_label(ln), *(qty_of(ln, get(ln)) for _l, get in cols), ln.net.format()]
        for ln in lines
    ]
    tot = st.total(CONSIGNED)
    total = [WORDS["total"], *(qty_of(tot, get(tot)) for _l, get in cols), tot.net.format()]
    out: list[Flowable] = [*title, sheet.table(columns, rows, total)]
    if has_earlier(st):
        out += sheet.blocks([d.Spacer(6), d.Text(EARLIER_NOTE_TH, size="small")])
    return out


def _owned_table(sheet: A4Sheet, data: StatementData) -> list[Flowable]:
    lines = data.statement.of(OWNED)
    if not lines:
        return []
    columns = [Column(WORDS["product"], "left", flex=1)]
    columns += [Column(label, min_mm=_QTY_MM) for label, _get in OWNED_COLUMNS]
    rows = [
        [product_label(ln), *(qty_of(ln, get(ln)) for _l, get in OWNED_COLUMNS)] for ln in lines
    ]
    table = sheet.table(columns, rows, width=sheet.inner * 0.85)
    return [sheet.gap(5), *sheet.blocks([d.Text(OWNED_TITLE_TH, bold=True)]), table]


def _summary(sheet: A4Sheet, data: StatementData) -> list[Flowable]:
    st = data.statement
    rows = [(s.label, s.amount, s.strong) for s in summary_lines(st)]
    close = closing_line(st)
    width = sheet.inner * 0.62
    out: list[Flowable] = [sheet.gap(4), sheet.pairs(rows, width), sheet.gap(1.5)]
    out += [
        sheet.pairs([(close.label, close.amount, True)], width, rule_above=True),
        *sheet.blocks([d.Text(closing_words(st), "right", bold=True)]),
    ]
    if note := closing_note(st):
        out += sheet.blocks([d.Text(note, "right", "small")])
    return [KeepTogether(out)]


def statement_pdf_bytes(data: StatementData) -> bytes:
    """The statement on A4: header, table of consigned goods, money, owned goods, signatures."""
    sheet = A4Sheet()
    st = data.statement
    flows = [*sheet.blocks(title_blocks(data)), sheet.info(info_rows(data)), sheet.gap(2)]
    flows += _consigned_table(sheet, data) + _summary(sheet, data) + _owned_table(sheet, data)
    flows.append(sheet.gap(5))
    flows.append(
        sheet.signatures(
            [(WORDS["sign_producer"], st.producer_name), (WORDS["sign_manager"], data.manager_name)]
        )
    )
    title = f"ใบแจ้งยอดขายสินค้าฝากขาย {st.producer_code} {st.settlement_no or 'ฉบับร่าง'}"
    stamp = "ฉบับร่าง" if data.is_draft else ("สำเนา" if data.is_copy else None)
    return sheet.render(flows, title, stamp)


def render_statement_pdf(data: StatementData, path: str | os.PathLike[str]) -> Path:
    """statement_pdf_bytes() written atomically: readers never see half a file."""
    return write_atomic(path, statement_pdf_bytes(data))
