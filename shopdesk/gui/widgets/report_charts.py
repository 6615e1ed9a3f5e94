"""The Reports window's pictures: KPI tiles, the score and volume bar charts, the busiest-hours heat map."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.core.reports import ScoreCount, Volume
from shopdesk.gui import theme
from shopdesk.gui.widgets.channel_marks import channel_color, channel_name

DASH = "—"  # a tile with nothing to show
DAY_LABELS_IN_FULL = 10  # longer ranges label the days by number only


def duration_text(seconds: float | None) -> str:
    """A duration as the owner reads it: "< 1 min", "12 min", "3 h 20 min", "2 d 4 h"; "—" for None."""
    if seconds is None:
        return DASH
    minutes = int(seconds // 60)
    if minutes < 1:
        return QCoreApplication.translate("ReportCharts", "< 1 min")
    if minutes < 60:
        return QCoreApplication.translate("ReportCharts", "%n min", None, minutes)
    hours, rest = divmod(minutes, 60)
    if hours >= 24:
        days, hours = divmod(hours, 24)
        if not hours:
            return _fill(QCoreApplication.translate("ReportCharts", "%1 d"), days)
        return _fill(QCoreApplication.translate("ReportCharts", "%1 d %2 h"), days, hours)
    if not rest:
        return _fill(QCoreApplication.translate("ReportCharts", "%1 h"), hours)
    return _fill(QCoreApplication.translate("ReportCharts", "%1 h %2 min"), hours, rest)


def _fill(template: str, *values: object) -> str:
    for i, value in enumerate(values, start=1):
        template = template.replace(f"%{i}", str(value))
    return template


def percent_text(value: float | None) -> str:
    """ "75 %" (Turkish "%75"), rounded to a whole number; "—" for None."""
    if value is None:
        return DASH
    return QCoreApplication.translate("ReportCharts", "%1 %").replace("%1", QLocale().toString(round(value)))


class KpiTile(QFrame):
    """One number with its name above and a line of detail below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportTile")
        self.title = QLabel(objectName="reportTileTitle")
        self.value = QLabel(DASH, objectName="reportTileValue")
        self.detail = QLabel(objectName="reportTileDetail")
        for label in (self.title, self.value, self.detail):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def show_value(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)


class _BarChart(QChartView):
    """A bar chart with one category axis and a whole-number value axis, refilled in place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.categories = QBarCategoryAxis()
        self.counts = QValueAxis()
        self.counts.setLabelFormat("%d")
        chart.addAxis(self.categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.counts, Qt.AlignmentFlag.AlignLeft)
        self.setChart(chart)

    def _fill(self, series: QBarSeries, categories: Sequence[str], top: int) -> None:
        chart = self.chart()
        chart.removeAllSeries()  # deletes the old series
        self.categories.clear()
        self.categories.append(list(categories))
        top = max(top, 1) + 1  # room above the highest bar for its label
        self.counts.setRange(0, top if top <= 5 else _nice(top))
        self.counts.setTickCount(top + 1 if top <= 5 else 6)
        chart.addSeries(series)
        series.attachAxis(self.categories)
        series.attachAxis(self.counts)

    def series_values(self) -> dict[str, list[float]]:
        """Each bar set's label and values (for tests and for the screen reader's sake, plain data)."""
        found: dict[str, list[float]] = {}
        for series in self.chart().series():
            for bars in series.barSets():
                found[bars.label()] = [bars.at(i) for i in range(bars.count())]
        return found


def _nice(top: int) -> int:
    """The smallest multiple of 5 at or above ``top``, so that 5 ticks fall on whole numbers."""
    return -(-top // 5) * 5


class ScoreChart(_BarChart):
    """How many answers each score had."""

    def show_distribution(self, title: str, distribution: Sequence[ScoreCount], color: str) -> None:
        bars = QBarSet(QCoreApplication.translate("ReportCharts", "Answers"))
        bars.setColor(QColor(color))
        bars.setBorderColor(QColor(color))
        bars.setLabelColor(QColor(theme.TEXT))  # the label stands above the bar, on the chart's white
        bars.append([sc.count for sc in distribution])
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.chart().setTitle(title)
        self.chart().legend().hide()
        self._fill(
            series, [str(sc.score) for sc in distribution], max((sc.count for sc in distribution), default=0)
        )


class VolumeChart(_BarChart):
    """Incoming messages per day (per week for a range over ``WEEKS_AFTER_DAYS`` days), stacked by channel."""

    def show_volume(self, volume: Volume, *, per_day: str, per_week: str) -> None:
        buckets = volume_buckets(volume.days)
        series = QStackedBarSeries()
        for channel in volume.channels:
            bars = QBarSet(channel_name(channel))
            bars.setColor(channel_color(channel))
            bars.setBorderColor(channel_color(channel))
            bars.append([sum(volume.messages_on(d, channel) for d in days) for _, days in buckets])
            series.append(bars)
        self.chart().setTitle(per_day if len(buckets) == len(volume.days) else per_week)
        self.chart().legend().setVisible(len(volume.channels) > 1)
        top = max((sum(volume.messages_on(d) for d in days) for _, days in buckets), default=0)
        self._fill(series, [label for label, _ in buckets], top)
        self.categories.setLabelsAngle(0 if len(buckets) <= DAY_LABELS_IN_FULL else -90)


WEEKS_AFTER_DAYS = 62


def volume_buckets(days: Sequence[date]) -> list[tuple[str, list[date]]]:
    """The chart's bars: one per day, or one per week (from Monday) for a long range; labels are unique.

    A short range reads "4 Mar"; a longer one the day's number, with the month where it starts or where
    the number would repeat (the category axis drops a repeated label, and its bar with it).
    """
    locale = QLocale()
    if len(days) > WEEKS_AFTER_DAYS:
        weeks: dict[date, list[date]] = {}
        for d in days:
            weeks.setdefault(d - timedelta(days=d.weekday()), []).append(d)
        return [(_date_label(locale, monday, "d MMM yy"), group) for monday, group in weeks.items()]
    buckets, seen = [], set()
    for i, d in enumerate(days):
        short = len(days) <= DAY_LABELS_IN_FULL or i == 0 or d.day == 1 or d.day in seen
        seen.add(d.day)
        buckets.append((_date_label(locale, d, "d MMM" if short else "d"), [d]))
    return buckets


def _date_label(locale: QLocale, day: date, form: str) -> str:
    return locale.toString(QDate(day.year, day.month, day.day), form)


class HoursHeatMap(QTableWidget):
    """Incoming messages by weekday (rows, Monday first) and local hour (columns), darker when busier."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(7, 24, parent)
        self.setObjectName("hoursHeatMap")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalHeaderLabels([f"{h:02d}" for h in range(24)])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(22)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid: tuple[tuple[int, ...], ...] = tuple((0,) * 24 for _ in range(7))
        self.retranslate()

    def retranslate(self) -> None:
        locale = QLocale()
        self.setVerticalHeaderLabels(
            [locale.dayName(wd, QLocale.FormatType.ShortFormat) for wd in range(1, 8)]
        )
        self.show_grid(self.grid)

    def show_grid(self, grid: tuple[tuple[int, ...], ...]) -> None:
        self.grid = grid
        top = max(map(max, grid), default=0)
        for wd, hours in enumerate(grid):
            for hour, count in enumerate(hours):
                self.setItem(wd, hour, self._cell(wd, hour, count, top))

    def _cell(self, weekday: int, hour: int, count: int, top: int) -> QTableWidgetItem:
        item = QTableWidgetItem(QLocale().toString(count) if count else "")
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        share = count / top if top else 0.0
        item.setBackground(heat_color(share))
        item.setForeground(QColor(theme.SURFACE if share > 0.55 else theme.TEXT))
        day = QLocale().dayName(weekday + 1, QLocale.FormatType.LongFormat)
        tip = QCoreApplication.translate("ReportCharts", "%1, %2:00–%3:00: %n message(s)", None, count)
        item.setToolTip(_fill(tip, day, f"{hour:02d}", f"{(hour + 1) % 24:02d}"))
        return item

    def busiest(self) -> tuple[int, int, int] | None:
        """(weekday, hour, count) of the busiest cell (the first of equals); None when all are empty."""
        cells = [(count, -wd, -h) for wd, hours in enumerate(self.grid) for h, count in enumerate(hours)]
        count, wd, h = max(cells)
        return (-wd, -h, count) if count else None


def heat_color(share: float) -> QColor:
    """From the surface colour (0) to the accent colour (1)."""
    low, high = QColor(theme.ACCENT_SOFT), QColor(theme.ACCENT)
    if share <= 0:
        return QColor(theme.SURFACE)
    share = 0.15 + 0.85 * min(share, 1.0)
    return QColor(
        round(low.red() + (high.red() - low.red()) * share),
        round(low.green() + (high.green() - low.green()) * share),
        round(low.blue() + (high.blue() - low.blue()) * share),
    )
