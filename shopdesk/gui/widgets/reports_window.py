"""The owner's Reports window: filters, KPI tiles, charts and tables over core.reports; each exports CSV."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, Qt, QTime, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopdesk.core import automation, reports
from shopdesk.core.db import read_session
from shopdesk.core.surveys import SCALES
from shopdesk.gui import theme
from shopdesk.gui.widgets.channel_marks import channel_name
from shopdesk.gui.widgets.report_charts import (
    DASH,
    HoursHeatMap,
    KpiTile,
    ScoreChart,
    VolumeChart,
    duration_text,
    percent_text,
)
from shopdesk.gui.widgets.tables import read_only_table, table_item
from shopdesk.gui.widgets.visitor_section import plain_tooltip

PRESETS = ("last7", "last30", "this_month", "last_month", "custom")
CHANNELS = (None, "email", "telegram", "webchat")
TILES = ("csat", "nps", "response_rate", "first_response", "resolution", "conversations")
TABLES = ("comments", "times", "volume", "hours", "scores")

STYLE = f"""
QFrame#reportTile {{ background: {theme.PANE}; border: 1px solid {theme.BORDER}; border-radius: 8px; }}
QLabel#reportTileTitle {{ color: {theme.MUTED}; font-size: 12px; }}
QLabel#reportTileValue {{ color: {theme.TEXT}; font-size: 20px; font-weight: 600; }}
QLabel#reportTileDetail {{ color: {theme.MUTED}; font-size: 11px; }}
QLabel#reportStatus {{ color: {theme.MUTED}; }}
QTableWidget#hoursHeatMap {{ gridline-color: {theme.BORDER}; }}
"""


def system_zone() -> tzinfo:
    """The computer's time zone, with its DST rules when the IANA name is known."""
    try:
        return ZoneInfo(bytes(QTimeZone.systemTimeZoneId()).decode())
    except (ZoneInfoNotFoundError, ValueError, UnicodeDecodeError):
        return datetime.now().astimezone().tzinfo


def preset_range(preset: str, today: date) -> tuple[date, date]:
    """The local days ``[start, end)`` of a preset; "custom" is left to the date fields."""
    first = today.replace(day=1)
    if preset == "last7":
        return today - timedelta(days=6), today + timedelta(days=1)
    if preset == "last30":
        return today - timedelta(days=29), today + timedelta(days=1)
    if preset == "this_month":
        return first, today + timedelta(days=1)
    if preset == "last_month":
        return (first - timedelta(days=1)).replace(day=1), first
    raise ValueError(f"no range for preset {preset!r}")


@dataclass(frozen=True)
class ReportQuery:
    start: date
    end: date  # exclusive
    channel: str | None
    business_hours: bool


@dataclass(frozen=True)
class ReportData:
    query: ReportQuery
    satisfaction: reports.Satisfaction
    times: reports.ResponseTimes
    volume: reports.Volume
    hours: reports.BusiestHours


def load_report(engine, query: ReportQuery, tz: tzinfo) -> ReportData:
    """Every report of the window in one short read; runs off the GUI thread."""
    kw = {"start": query.start, "end": query.end, "tz": tz, "channel": query.channel}
    with read_session(engine) as session:
        settings = automation.load_automation_settings(session)
        hours = automation.business_hours(settings) if query.business_hours else None
        closed = automation.holidays(settings) if query.business_hours else frozenset()
        return ReportData(
            query=query,
            satisfaction=reports.satisfaction(session, **kw),
            times=reports.response_times(session, business_hours=hours, closed_days=closed, **kw),
            volume=reports.volume(session, **kw),
            hours=reports.busiest_hours(session, **kw),
        )


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ReportsWindow(QDialog):
    """Non-modal: CSAT, NPS, response and resolution times, volume and busiest hours for a range of days.

    ``tz`` and ``today`` default to the computer's zone and date (tests pass their own). Each filter change
    starts a load through ``tasks``; a result that arrives after a newer change is dropped.
    """

    def __init__(self, ctx, tasks, parent: QWidget | None = None, *, tz=None, today=None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.setModal(False)
        self.setStyleSheet(STYLE)
        self._ctx, self._tasks = ctx, tasks
        self.tz = tz or system_zone()
        self.today = today or datetime.now(self.tz).date()
        self.data: ReportData | None = None
        self._generation = 0
        self._build()
        self.retranslate()
        self._on_preset()
        self.resize(1100, 760)

    # -- building --------------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filters())
        tiles = QGridLayout()
        self.tiles = {name: KpiTile() for name in TILES}
        for i, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, 0, i)
        layout.addLayout(tiles)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_overview(), "")
        self.tabs.addTab(self._build_hours(), "")
        self.tabs.addTab(self._build_comments(), "")
        self.tabs.addTab(self._build_times(), "")
        layout.addWidget(self.tabs, 1)

    def _build_filters(self) -> QHBoxLayout:
        self.preset = QComboBox()
        self.preset.addItems([""] * len(PRESETS))
        self.from_date, self.to_date = QDateEdit(calendarPopup=True), QDateEdit(calendarPopup=True)
        self.channel = QComboBox()
        self.channel.addItems([""] * len(CHANNELS))
        self.business = QCheckBox()
        self.refresh_button = QPushButton(clicked=self.reload)
        self.status = QLabel(objectName="reportStatus")
        self.preset.currentIndexChanged.connect(self._on_preset)
        self.from_date.dateChanged.connect(self._on_dates)
        self.to_date.dateChanged.connect(self._on_dates)
        self.channel.currentIndexChanged.connect(self.reload)
        self.business.toggled.connect(self.reload)
        self.range_label, self.dash_label, self.channel_label = QLabel(), QLabel("–"), QLabel()
        row = QHBoxLayout()
        for widget in (self.range_label, self.preset, self.from_date, self.dash_label, self.to_date):
            row.addWidget(widget)
        row.addSpacing(12)
        for widget in (self.channel_label, self.channel, self.business):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.status)
        row.addWidget(self.refresh_button)
        return row

    def _export_button(self, table: str) -> QPushButton:
        button = QPushButton(clicked=lambda: self.export_csv(table))
        self.export_buttons[table] = button
        return button

    def _build_overview(self) -> QWidget:
        self.export_buttons: dict[str, QPushButton] = {}
        self.csat_chart, self.nps_chart, self.volume_chart = ScoreChart(), ScoreChart(), VolumeChart()
        page = QWidget()
        grid = QGridLayout(page)
        grid.addWidget(self.csat_chart, 0, 0)
        grid.addWidget(self.nps_chart, 0, 1)
        grid.addWidget(self.volume_chart, 1, 0, 1, 2)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._export_button("scores"))
        buttons.addWidget(self._export_button("volume"))
        grid.addLayout(buttons, 2, 0, 1, 2)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        return page

    def _page(self, widget: QWidget, table: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(widget, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._export_button(table))
        layout.addLayout(buttons)
        return page

    def _build_hours(self) -> QWidget:
        self.heat_map = HoursHeatMap()
        return self._page(self.heat_map, "hours")

    def _build_comments(self) -> QWidget:
        self.comments_table = read_only_table(4)
        return self._page(self.comments_table, "comments")

    def _build_times(self) -> QWidget:
        self.times_table = read_only_table(5)
        header = self.times_table.horizontalHeader()
        header.setStretchLastSection(False)  # keeps the times under their headers
        header.setMinimumSectionSize(110)
        return self._page(self.times_table, "times")

    # -- texts -----------------------------------------------------------------------------------------

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Reports"))
        presets = (
            self.tr("Last 7 days"),
            self.tr("Last 30 days"),
            self.tr("This month"),
            self.tr("Last month"),
            self.tr("Custom range"),
        )
        channels = (self.tr("All channels"), *(channel_name(c) for c in CHANNELS[1:]))
        for combo, texts in ((self.preset, presets), (self.channel, channels)):
            for i, text in enumerate(texts):
                combo.setItemText(i, text)
        self.range_label.setText(self.tr("Period:"))
        self.channel_label.setText(self.tr("Channel:"))
        self.business.setText(self.tr("Business hours only"))
        self.business.setToolTip(
            self.tr(
                "Count response and resolution times only during your opening hours, leaving out the days "
                "the shop is closed (Settings → Hours & auto-replies)."
            )
        )
        self.refresh_button.setText(self.tr("Refresh"))
        for edit in (self.from_date, self.to_date):
            edit.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
        tabs = (self.tr("Overview"), self.tr("Busiest hours"), self.tr("Comments"), self.tr("Response times"))
        for i, text in enumerate(tabs):
            self.tabs.setTabText(i, text)
        for button in self.export_buttons.values():
            button.setText(self.tr("Export CSV…"))
        self.export_buttons["scores"].setText(self.tr("Export scores as CSV…"))
        self.export_buttons["volume"].setText(self.tr("Export volume as CSV…"))
        tiles = {
            "csat": self.tr("Satisfaction (CSAT)"),
            "nps": self.tr("Net Promoter Score"),
            "response_rate": self.tr("Survey response rate"),
            "first_response": self.tr("First response"),
            "resolution": self.tr("Resolution time"),
            "conversations": self.tr("Conversations"),
        }
        for name, text in tiles.items():
            self.tiles[name].title.setText(text)
        self.comments_table.setHorizontalHeaderLabels(
            [self.tr("Answered"), self.tr("Channel"), self.tr("Score"), self.tr("Comment")]
        )
        self.times_table.setHorizontalHeaderLabels(
            [
                self.tr("Conversation"),
                self.tr("Channel"),
                self.tr("Created"),
                self.tr("First response"),
                self.tr("Resolution"),
            ]
        )
        self.heat_map.retranslate()
        self._show_loading()
        if self.data is not None:
            self._show(self.data)

    # -- filters and loading ---------------------------------------------------------------------------

    def query(self) -> ReportQuery:
        start, end = self.from_date.date().toPython(), self.to_date.date().toPython() + timedelta(days=1)
        channel = CHANNELS[max(self.channel.currentIndex(), 0)]
        return ReportQuery(start, end, channel, self.business.isChecked())

    def set_range(self, start: date, end: date) -> None:
        """Show the local days ``[start, end)`` as a custom range (and load them)."""
        with _quiet(self.preset, self.from_date, self.to_date):
            self.preset.setCurrentIndex(PRESETS.index("custom"))
            self.from_date.setDate(to_qdate(start))
            self.to_date.setDate(to_qdate(end - timedelta(days=1)))
        self._enable_dates()
        self.reload()

    def set_channel(self, channel: str | None) -> None:
        self.channel.setCurrentIndex(CHANNELS.index(channel))

    def _on_preset(self) -> None:
        preset = PRESETS[max(self.preset.currentIndex(), 0)]
        self._enable_dates()
        if preset != "custom":
            start, end = preset_range(preset, self.today)
            with _quiet(self.from_date, self.to_date):
                self.from_date.setDate(to_qdate(start))
                self.to_date.setDate(to_qdate(end - timedelta(days=1)))
        self.reload()

    def _enable_dates(self) -> None:
        custom = PRESETS[max(self.preset.currentIndex(), 0)] == "custom"
        self.from_date.setEnabled(custom)
        self.to_date.setEnabled(custom)

    def _on_dates(self) -> None:
        if self.to_date.date() < self.from_date.date():
            with _quiet(self.to_date):
                self.to_date.setDate(self.from_date.date())
        self.reload()

    def reload(self) -> None:
        """Load the reports for the filters now shown; an older load still running is ignored."""
        self._generation += 1
        generation, query, engine, tz = self._generation, self.query(), self._ctx.engine, self.tz
        self._show_loading()
        self._tasks.run_in_background(
            lambda: load_report(engine, query, tz),
            lambda data: self._loaded(generation, data),
            lambda error: self._failed(generation, error),
        )

    def loading(self) -> bool:
        return self.data is None or self.data.query != self.query()

    def _loaded(self, generation: int, data: ReportData) -> None:
        if generation == self._generation:
            self.data = data
            self._show(data)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.status.setText(self.tr("The reports could not be loaded: %1").replace("%1", str(error)))

    def _show_loading(self) -> None:
        self.status.setText(self.tr("Loading…") if self.loading() else "")

    # -- showing ---------------------------------------------------------------------------------------

    def _show(self, data: ReportData) -> None:
        self._show_loading()
        self._show_tiles(data)
        sat = data.satisfaction
        self.csat_chart.show_distribution(
            self.tr("CSAT answers by score"), sat.csat_distribution, theme.ACCENT
        )
        self.nps_chart.show_distribution(self.tr("NPS answers by score"), sat.nps_distribution, theme.SUCCESS)
        self.volume_chart.show_volume(
            data.volume,
            per_day=self.tr("Incoming messages per day"),
            per_week=self.tr("Incoming messages per week"),
        )
        self.heat_map.show_grid(data.hours.grid)
        self._fill_comments(sat.comments)
        self._fill_times(data.times.rows)

    def _show_tiles(self, data: ReportData) -> None:
        sat, times, number = data.satisfaction, data.times, QLocale().toString
        average = DASH if sat.csat_average is None else number(sat.csat_average, "f", 2)
        self.tiles["csat"].show_value(
            percent_text(sat.csat_share),
            self.tr("average %1 · %n answer(s)", None, sat.csat_answers).replace("%1", average),
        )
        nps = DASH if sat.nps is None else number(round(sat.nps))
        self.tiles["nps"].show_value(nps, self.tr("%n answer(s)", None, sat.nps_answers))
        rate = self.tr("%1 of %2 surveys").replace("%1", number(sat.answered)).replace("%2", number(sat.sent))
        self.tiles["response_rate"].show_value(percent_text(sat.response_rate), rate)
        p90 = self.tr("90 % within %1")
        self.tiles["first_response"].show_value(
            duration_text(times.first_response_median),
            p90.replace("%1", duration_text(times.first_response_p90)) if times.responded else "",
        )
        self.tiles["resolution"].show_value(
            duration_text(times.resolution_median),
            p90.replace("%1", duration_text(times.resolution_p90)) if times.resolved else "",
        )
        messages = data.volume.total_messages()
        self.tiles["conversations"].show_value(
            number(times.conversations) if times.conversations else DASH,
            self.tr("%n incoming message(s)", None, messages),
        )

    def _fill_comments(self, comments: tuple[reports.SurveyComment, ...]) -> None:
        table = self.comments_table
        table.setRowCount(len(comments))
        for row, c in enumerate(comments):
            comment = table_item(c.comment)
            comment.setToolTip(plain_tooltip(c.comment))
            cells = (
                table_item(self._when(c.answered_at)),
                table_item(channel_name(c.channel)),
                self._score(c),
                comment,
            )
            for column, cell in enumerate(cells):
                table.setItem(row, column, cell)
        table.resizeColumnsToContents()

    def _score(self, comment: reports.SurveyComment) -> QTableWidgetItem:
        if comment.score is None:
            return table_item(DASH, align_right=True)
        top = SCALES.get(comment.scale, (None, None))[1]
        return table_item(f"{comment.score}/{top}" if top else str(comment.score), align_right=True)

    def _fill_times(self, rows: tuple[reports.ConversationTimes, ...]) -> None:
        table = self.times_table
        table.setRowCount(len(rows))
        for row, r in enumerate(rows):
            cells = (
                table_item(f"#{r.conversation_id}", align_right=True),
                table_item(channel_name(r.channel)),
                table_item(self._when(r.created_at)),
                table_item(duration_text(r.first_response_seconds), align_right=True),
                table_item(duration_text(r.resolution_seconds), align_right=True),
            )
            for column, cell in enumerate(cells):
                table.setItem(row, column, cell)
        table.resizeColumnsToContents()

    def _when(self, when: datetime) -> str:
        lt = when.astimezone(self.tz)
        moment = QDateTime(QDate(lt.year, lt.month, lt.day), QTime(lt.hour, lt.minute))
        return QLocale().toString(moment, QLocale.FormatType.ShortFormat)

    # -- CSV -------------------------------------------------------------------------------------------

    def export_csv(self, table: str, path: Path | str | None = None) -> Path | None:
        """Write one table of the shown report as CSV; asks where unless ``path`` is given."""
        if self.data is None:
            return None
        if path is None:
            suggested = f"{self._file_stem(table)}-{self.data.query.start}.csv"
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export CSV"), suggested, self.tr("CSV files (*.csv)")
            )
            if not chosen:
                return None
            path = chosen
        rows, columns = self._csv_table(table)
        reports.write_csv(Path(path), rows, columns, tz=self.tz)
        return Path(path)

    def _file_stem(self, table: str) -> str:
        return {
            "comments": self.tr("survey-comments"),
            "times": self.tr("response-times"),
            "volume": self.tr("volume"),
            "hours": self.tr("busiest-hours"),
            "scores": self.tr("scores"),
        }[table]

    def _csv_table(self, table: str) -> tuple[list[object], list[tuple[str, str]]]:
        data = self.data
        if table == "comments":
            return list(data.satisfaction.comments), self._columns(reports.COMMENT_COLUMNS)
        if table == "times":
            return list(data.times.rows), self._columns(reports.CONVERSATION_TIME_COLUMNS)
        if table == "volume":
            return list(data.volume.rows), self._columns(reports.VOLUME_COLUMNS)
        if table == "hours":
            names = [QLocale().dayName(wd, QLocale.FormatType.LongFormat) for wd in range(1, 8)]
            return data.hours.rows(names), self._columns(reports.HOUR_COLUMNS)
        sat = data.satisfaction
        rows = [{"scale": "csat", **vars(s)} for s in sat.csat_distribution]
        rows += [{"scale": "nps", **vars(s)} for s in sat.nps_distribution]
        return rows, [("scale", self.tr("Scale")), *self._columns(reports.SCORE_COLUMNS)]

    def _columns(self, columns) -> list[tuple[str, str]]:
        """The core's (attribute, header) pairs with the headers in the owner's language."""
        headers = {
            "answered_at": self.tr("Answered"),
            "channel": self.tr("Channel"),
            "scale": self.tr("Scale"),
            "score": self.tr("Score"),
            "count": self.tr("Answers"),
            "comment": self.tr("Comment"),
            "conversation_id": self.tr("Conversation"),
            "created_at": self.tr("Created"),
            "first_response_seconds": self.tr("First response (s)"),
            "resolution_seconds": self.tr("Resolution (s)"),
            "day": self.tr("Day"),
            "messages": self.tr("Incoming messages"),
            "conversations": self.tr("New conversations"),
            "weekday": self.tr("Weekday"),
        }
        return [(key, headers.get(key, header)) for key, header in columns]


class _quiet:
    """Blocks the widgets' signals while the window sets them itself."""

    def __init__(self, *widgets: QWidget) -> None:
        self._widgets = widgets

    def __enter__(self) -> None:
        self._was = [w.blockSignals(True) for w in self._widgets]

    def __exit__(self, *exc) -> None:
        for widget, was in zip(self._widgets, self._was, strict=True):
            widget.blockSignals(was)
