"""Charts and tables of the manager's sales report (one result, shown two ways).

Every chart takes its font from the application (the bundled Sarabun), since
Qt Charts otherwise picks a default font that may lack Thai. Series and axes
are made once and refilled, so a re-run never piles up chart objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.shifts.day_figures import Breakdown, Figures
from otop_pos.domain.thai.thaidate import BE_OFFSET, MONTHS_SHORT_TH
from otop_pos.operations.reports.exports import be_date
from otop_pos.ui.texts.i18n import language, tr

TOP_PRODUCERS = 10
DAYS_AS_BARS = 31  # a longer range is drawn month by month
TABLES = ("days", "hours", "tenders", "producers", "categories", "cashiers")
PALETTE = ("#1f6feb", "#1a7f37", "#bf8700", "#cf222e", "#8250df", "#0a7ea4", "#9a6700", "#6e7781")


def chart_font(pixels: int = 13, bold: bool = False) -> QFont:
    """The application's font (Sarabun) at a chart size."""
    font = QFont(QApplication.font())
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def short(text: str, width: int = 24) -> str:
    """A chart label: 'วิสาหกิจชุมชน' (community enterprise) as its usual 'วสช.', then cut."""
    if text.startswith("วิสาหกิจชุมชน") and len(text) > 15:
        text = "วสช." + text.removeprefix("วิสาหกิจชุมชน")
    return text if len(text) <= width else text[: width - 1] + "…"


def whole_baht(satang: int) -> float:
    """Half up: a chart shows shape and its labels stay short; the tables keep the satang."""
    return float((satang + 50) // 100)


def baht(b: Breakdown) -> float:
    return whole_baht(b.amount.satang)


class _ChartView(QChartView):
    def __init__(self, name: str, title: str) -> None:
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        chart.setLocalizeNumbers(True)  # 12,500 rather than 12500
        chart.setTitleFont(chart_font(15, bold=True))
        chart.legend().setFont(chart_font(13))
        super().__init__(chart)
        self.setObjectName(name)
        self.setAccessibleName(title)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(280, 220)
        self.title_text = title
        chart.setTitle(title)

    def _say_empty(self, empty: bool) -> None:
        self.chart().setTitle(
            f"{self.title_text} ({tr('report_no_data')})" if empty else self.title_text
        )


class BarChart(_ChartView):
    """Net sales per label, as vertical bars (or horizontal ones, largest on top)."""

    def __init__(self, name: str, title: str, horizontal: bool = False) -> None:
        super().__init__(name, title)
        chart = self.chart()
        chart.legend().hide()
        self.horizontal = horizontal
        self.series = QHorizontalBarSeries() if horizontal else QBarSeries()
        self.bars = QBarSet(tr("report_net"))
        self.bars.setColor(QColor(PALETTE[0]))
        self.bars.setLabelFont(chart_font(12))
        self.bars.setLabelColor(QColor("#24292f"))
        self.series.append(self.bars)
        self.series.setLabelsFormat("@value")
        self.series.setLabelsPrecision(12)
        self.series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(self.series)
        self.labels_axis = QBarCategoryAxis()
        self.labels_axis.setLabelsFont(chart_font(12 if horizontal else 13))
        self.value_axis = QValueAxis()
        self.value_axis.setLabelsFont(chart_font(12))
        self.value_axis.setLabelFormat("%.0f")
        self.value_axis.setTickCount(5)
        cat_side, value_side = (
            (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
            if horizontal
            else (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft)
        )
        chart.addAxis(self.labels_axis, cat_side)
        chart.addAxis(self.value_axis, value_side)
        self.series.attachAxis(self.labels_axis)
        self.series.attachAxis(self.value_axis)

    def set_data(self, labels: Sequence[str], values: Sequence[float], value_labels: bool) -> None:
        """Replace the bars; values are baht. Horizontal charts list the first label on top."""
        if self.horizontal:
            labels, values = list(reversed(labels)), list(reversed(values))
        self.bars.remove(0, self.bars.count())
        self.labels_axis.clear()
        # Qt merges equal categories: two producers of the same name must stay two bars
        seen: dict[str, int] = {}
        unique = []
        for label in labels:
            seen[label] = seen.get(label, 0) + 1
            unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
        if unique:
            self.labels_axis.append(unique)
            self.bars.append([float(v) for v in values])
        top = max([0.0, *values])
        self.value_axis.setRange(0, top * 1.25 if top else 1.0)  # room for the value labels
        self.value_axis.applyNiceNumbers()
        self.series.setLabelsVisible(value_labels and bool(values))
        self._say_empty(not values)

    def values(self) -> list[float]:
        vals = [self.bars.at(i) for i in range(self.bars.count())]
        return list(reversed(vals)) if self.horizontal else vals

    def labels(self) -> list[str]:
        cats = list(self.labels_axis.categories())
        return list(reversed(cats)) if self.horizontal else cats


class PieChart(_ChartView):
    """Shares of the net, with the percent in the legend so small slices stay readable."""

    def __init__(self, name: str, title: str) -> None:
        super().__init__(name, title)
        self.series = QPieSeries()
        self.series.setPieSize(0.8)
        self.chart().addSeries(self.series)
        legend = self.chart().legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignRight)
        legend.setFont(chart_font(13))

    def set_data(self, labels: Sequence[str], values: Sequence[float]) -> None:
        self.series.clear()
        total = sum(values)
        for i, (label, value) in enumerate(zip(labels, values, strict=True)):
            if value <= 0:
                continue
            share = 100 * value / total if total else 0
            percent = f"{share:.0f}%" if share >= 0.5 else "<1%"
            piece = self.series.append(f"{percent} {label}", value)  # a cut name keeps its %
            piece.setColor(QColor(PALETTE[i % len(PALETTE)]))
            piece.setBorderColor(QColor("white"))
        self._say_empty(not self.series.count())

    def values(self) -> list[float]:
        return [s.value() for s in self.series.slices()]


def hour_rows(hours: Sequence[Breakdown]) -> tuple[list[str], list[float]]:
    """Every hour from the first sale's to the last's, so quiet hours show as gaps."""
    by_hour = {int(b.key): baht(b) for b in hours}
    if not by_hour:
        return [], []
    span = range(min(by_hour), max(by_hour) + 1)
    return [f"{h:02d}:00" for h in span], [by_hour.get(h, 0.0) for h in span]


def day_rows(days: Sequence[Breakdown], start: date, end: date) -> tuple[list[str], list[float]]:
    """Each day of up to a month by its number (the title gives the dates), else by month."""
    amounts = {b.key: b.amount.satang for b in days}
    dates = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    if len(dates) <= DAYS_AS_BARS:
        return [str(d.day) for d in dates], [
            whole_baht(amounts.get(d.isoformat(), 0)) for d in dates
        ]
    months: dict[tuple[int, int], int] = {}
    for d in dates:
        key = (d.year, d.month)
        months[key] = months.get(key, 0) + amounts.get(d.isoformat(), 0)
    labels = [
        f"{MONTHS_SHORT_TH[m - 1]} {(y + BE_OFFSET) % 100:02d}"
        if language() != "en"
        else f"{date(y, m, 1):%b %y}"
        for y, m in months
    ]
    return labels, [whole_baht(v) for v in months.values()]


def _rows(rows: Sequence[Breakdown], limit: int | None = None) -> tuple[list[str], list[float]]:
    picked = list(rows)[:limit] if limit else list(rows)
    return [short(b.label) for b in picked], [baht(b) for b in picked]


class ReportCharts(QWidget):
    """The overview tab: sales over time, top producers, categories, tenders, cashiers."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("reportCharts")
        self.time_chart = BarChart("chart_time", tr("chart_by_hour", span=""))
        self.producers_chart = BarChart("chart_producers", tr("chart_producers"), horizontal=True)
        self.categories_chart = PieChart("chart_categories", tr("chart_categories"))
        self.tenders_chart = BarChart("chart_tenders", tr("chart_tenders"), horizontal=True)
        self.cashiers_chart = BarChart("chart_cashiers", tr("chart_cashiers"), horizontal=True)
        # Ten producer names need about 26 px a row, or Qt Charts elides them to "..."
        top, bottom = QHBoxLayout(), QHBoxLayout()
        top.addWidget(self.time_chart, 2)
        top.addWidget(self.producers_chart, 1)
        bottom.addWidget(self.categories_chart, 4)
        bottom.addWidget(self.tenders_chart, 3)
        bottom.addWidget(self.cashiers_chart, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top, 3)
        layout.addLayout(bottom, 2)

    def show_report(
        self, figures: Figures, days: Sequence[Breakdown], start: date, end: date
    ) -> None:
        span = be_text(start) if start == end else f"{be_text(start)} - {be_text(end)}"
        if start == end:
            self.time_chart.title_text = tr("chart_by_hour", span=span)
            labels, values = hour_rows(figures.hours)
        else:
            long = (end - start).days + 1 > DAYS_AS_BARS
            self.time_chart.title_text = tr("chart_by_month" if long else "chart_by_day", span=span)
            labels, values = day_rows(days, start, end)
        self.time_chart.set_data(labels, values, value_labels=len(values) <= 16)
        self.producers_chart.set_data(*_rows(figures.producers, TOP_PRODUCERS), value_labels=True)
        self.categories_chart.set_data(*_rows(figures.categories))
        self.tenders_chart.set_data(*_rows(figures.tenders), value_labels=True)
        self.cashiers_chart.set_data(*_rows(figures.cashiers), value_labels=True)


# tables ----------------------------------------------------------------------
def be_text(day: date) -> str:
    """A date as the screen shows it: B.E. in Thai, ISO in English."""
    return be_date(day) if language() != "en" else day.isoformat()


def report_table(
    name: str, headers: list[str], stretch: int = 0
) -> tuple[QTableView, QStandardItemModel]:
    """A read-only table; column ``stretch`` takes the spare width, the others fit."""
    model = QStandardItemModel(0, len(headers))
    model.setHorizontalHeaderLabels(headers)
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setStyleSheet("QTableView { font-size: 14px; }")
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view, model


def refit(view: QTableView) -> None:
    """Size the columns to rows added while the table is on screen (Qt waits for a resize)."""
    view.horizontalHeader().resizeSections()


def cells(values: list[str], numeric_from: int) -> list[QStandardItem]:
    """One table row; columns from ``numeric_from`` on are right-aligned numbers."""
    items = []
    for i, value in enumerate(values):
        item = QStandardItem(value)
        if i == 0:
            item.setToolTip(value)  # a long producer name is cut in its column
        if i >= numeric_from:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        items.append(item)
    return items


class ReportTables(QWidget):
    """The tables tab: every breakdown with its count, net and share of the net."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("reportTables")
        self.models: dict[str, QStandardItemModel] = {}
        self.views: dict[str, QTableView] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        headers = [tr("col_item"), tr("col_count"), tr("col_net"), tr("col_share")]
        for i, key in enumerate(TABLES):
            view, self.models[key] = report_table(f"table_{key}", headers)
            self.views[key] = view
            view.setAccessibleName(tr(f"table_{key}"))
            group = QGroupBox(tr(f"table_{key}"))
            QVBoxLayout(group).addWidget(view)
            grid.addWidget(group, i // 3, i % 3)
        grid.setColumnStretch(0, 4)  # producers' names
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 3)

    def show_report(self, f: Figures, days: Sequence[Breakdown]) -> None:
        rows = {"days": days, "hours": f.hours, "tenders": f.tenders,
                "categories": f.categories, "producers": f.producers, "cashiers": f.cashiers}  # fmt: skip
        net = f.net.satang
        for key, breakdown in rows.items():
            model = self.models[key]
            model.removeRows(0, model.rowCount())
            for b in breakdown:
                label = be_text(date.fromisoformat(b.key)) if key == "days" else b.label
                share = f"{100 * b.amount.satang / net:.1f}%" if net else ""
                model.appendRow(cells([label, f"{b.count:,}", b.amount.format(), share], 1))
            refit(self.views[key])
