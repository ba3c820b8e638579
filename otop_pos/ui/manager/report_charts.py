"""Charts and tables of the manager's sales report (one result, shown two ways).

Every chart takes its font from the application (the bundled Sarabun), since
Qt Charts otherwise picks a default font that may lack Thai. Series and axes
are made once and refilled, so a re-run never piles up chart objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from otop_pos.domain.shifts.day_figures import Breakdown, Figures
from otop_pos.domain.thai.thaidate import BE_OFFSET, MONTHS_SHORT_TH
from otop_pos.ui.texts.i18n import language, tr
from otop_pos.ui.widgets.charts import BarChart, PieChart, baht, short, whole_baht
from otop_pos.ui.widgets.tables import be_text, cells, refit, report_table

TOP_PRODUCERS = 10
DAYS_AS_BARS = 31  # a longer range is drawn month by month
TABLES = ("days", "hours", "tenders", "producers", "categories", "cashiers")


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
