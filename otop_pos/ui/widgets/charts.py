"""Bar and pie charts (QtCharts) in whole baht, for the manager's report and the producer's own view."""

from __future__ import annotations

from collections.abc import Sequence

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
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QApplication,
)

from otop_pos.domain.shifts.day_figures import Breakdown
from otop_pos.ui.texts.i18n import tr

PALETTE = ("#1f6feb", "#1a7f37", "#bf8700", "#cf222e", "#8250df", "#0a7ea4", "#9a6700", "#6e7781")


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
        self.setMinimumSize(280, 180)  # two rows of charts still fit a 1024x768 screen
        self.title_text = title
        chart.setTitle(title)

    def _say_empty(self, empty: bool) -> None:
        self.chart().setTitle(
            f"{self.title_text} ({tr('report_no_data')})" if empty else self.title_text
        )


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
