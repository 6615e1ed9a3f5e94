"""The Reports window over the hand-built shop of tests/helpers/report_fixture.py (Istanbul, Mon–Wed)."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from shopdesk.core.reports import CSV_ENCODING
from shopdesk.gui.bridge import Tasks
from shopdesk.gui.widgets.report_charts import duration_text, volume_buckets
from shopdesk.gui.widgets.reports_window import ReportsWindow, preset_range
from tests.helpers.report_fixture import build_shop

IST = ZoneInfo("Europe/Istanbul")
START, END = date(2024, 3, 4), date(2024, 3, 7)  # Mon, Tue, Wed


@pytest.fixture
def tasks(ctx):
    tasks = Tasks(ctx.loop)
    yield tasks
    tasks.shutdown()


@pytest.fixture
def window(qtbot, ctx, tasks):
    build_shop(ctx.engine)
    window = ReportsWindow(ctx, tasks, tz=IST, today=date(2024, 3, 6))
    qtbot.addWidget(window)
    window.set_range(START, END)
    qtbot.waitUntil(lambda: not window.loading())
    return window


def tile(window, name) -> tuple[str, str]:
    return window.tiles[name].value.text(), window.tiles[name].detail.text()


def test_the_tiles_show_the_shops_numbers(window):
    assert tile(window, "csat") == ("75 %", "average 4.25 · 4 answer(s)")
    assert tile(window, "nps")[0] == "25"
    # 10 surveys sent in the range (9 answered; the one still open is not)
    assert tile(window, "response_rate") == ("90 %", "9 of 10 surveys")
    # first responses: C5 15 min, C4 20 min, C1 30 min, C2 14 h 15 min (median: the lower middle)
    assert tile(window, "first_response") == ("20 min", "90 % within 14 h 15 min")
    assert tile(window, "conversations") == ("6", "8 incoming message(s)")
    assert window.status.text() == ""


def test_the_channel_filter_changes_the_numbers(qtbot, window):
    window.set_channel("email")
    qtbot.waitUntil(lambda: not window.loading())
    assert tile(window, "csat") == ("100 %", "average 4.67 · 3 answer(s)")
    assert tile(window, "nps")[0] == "50"
    assert tile(window, "conversations")[0] == "3"
    window.set_channel("webchat")
    qtbot.waitUntil(lambda: not window.loading())
    assert tile(window, "csat") == ("—", "average — · 0 answer(s)")
    assert tile(window, "nps") == ("—", "0 answer(s)")


def test_the_charts_show_the_distributions_and_volume(window):
    assert window.csat_chart.series_values() == {"Answers": [0, 0, 1, 1, 2]}
    assert window.nps_chart.series_values()["Answers"][9:] == [1, 1]
    volume = window.volume_chart.series_values()
    assert (
        volume["Email"] == [2, 0, 2] and volume["Telegram"] == [1, 1, 1] and volume["Web chat"] == [0, 0, 1]
    )
    assert window.volume_chart.categories.categories() == ["4 Mar", "5 Mar", "6 Mar"]


def test_the_heat_maps_busiest_cell_is_wednesday_at_ten(window):
    assert window.heat_map.busiest() == (2, 10, 2)  # C4's two messages, Wed 10:00 and 10:30 local
    item = window.heat_map.item(2, 10)
    assert item.text() == "2"
    darkest = min(
        (window.heat_map.item(r, c) for r in range(7) for c in range(24)),
        key=lambda i: i.background().color().lightness(),
    )
    assert darkest is item
    assert window.heat_map.verticalHeaderItem(2).text() == "Wed"


def test_comments_are_plain_text_and_newest_first(window):
    table = window.comments_table
    comments = [table.item(r, 3).text() for r in range(table.rowCount())]
    assert comments == [
        "=1+1 şaka değil",
        "Bir sorum daha var",
        "Kargo geç geldi; ilgilendiniz ama.",
        "Çok hızlı, teşekkürler!",
    ]
    assert [table.item(r, 2).text() for r in range(table.rowCount())] == ["3/10", "—", "3/5", "5/5"]


def test_csv_export_keeps_turkish_text(window, tmp_path):
    path = window.export_csv("comments", tmp_path / "comments.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM, for Excel
    rows = list(csv.reader(path.read_text(encoding=CSV_ENCODING).splitlines()))
    assert rows[0] == ["Answered", "Channel", "Scale", "Score", "Comment", "Conversation"]
    assert "Çok hızlı, teşekkürler!" in [r[4] for r in rows[1:]]
    assert "'=1+1 şaka değil" in [r[4] for r in rows[1:]]  # stays text in the spreadsheet
    assert rows[-1][0] == "2024-03-04 13:00:00"  # local (Istanbul) time


@pytest.mark.parametrize("table", ["times", "volume", "hours", "scores"])
def test_every_table_exports(window, tmp_path, table):
    path = window.export_csv(table, tmp_path / f"{table}.csv")
    rows = list(csv.reader(path.read_text(encoding=CSV_ENCODING).splitlines()))
    assert len(rows) > 1
    if table == "hours":
        assert rows[3][0] == "Wednesday" and rows[3][1 + 10] == "2"


class HeldTasks:
    """Runs the work at once but hands the results back only when told, in any order."""

    def __init__(self):
        self.held = []

    def run_in_background(self, fn, on_done=None, on_error=None):
        self.held.append((fn(), on_done))

    def deliver(self, index):
        value, on_done = self.held[index]
        on_done(value)


def test_a_newer_filter_wins_over_an_older_result(qtbot, ctx):
    build_shop(ctx.engine)
    tasks = HeldTasks()
    window = ReportsWindow(ctx, tasks, tz=IST, today=date(2024, 3, 6))
    qtbot.addWidget(window)
    window.set_range(START, END)
    window.set_channel("email")
    assert window.loading() and window.status.text() == "Loading…"
    tasks.deliver(-1)  # the email report arrives first ...
    tasks.deliver(-2)  # ... then the older all-channels one, which is dropped
    assert tile(window, "csat")[0] == "100 %" and window.data.query.channel == "email"
    assert not window.loading()


def test_presets_and_durations():
    today = date(2024, 3, 6)
    assert preset_range("last7", today) == (date(2024, 2, 29), date(2024, 3, 7))
    assert preset_range("this_month", today) == (date(2024, 3, 1), date(2024, 3, 7))
    assert preset_range("last_month", today) == (date(2024, 2, 1), date(2024, 3, 1))
    assert [duration_text(s) for s in (None, 30, 720, 12_000, 172_800, 183_600)] == [
        "—",
        "< 1 min",
        "12 min",
        "3 h 20 min",
        "2 d",
        "2 d 3 h",
    ]


def test_a_long_range_keeps_every_day_and_then_goes_weekly():
    month = [date(2024, 2, 6) + timedelta(days=i) for i in range(30)]  # 6 Feb – 6 Mar: "6" twice
    labels = [label for label, _ in volume_buckets(month)]
    assert len(set(labels)) == 30  # the axis drops a repeated label, and its bar with it
    assert labels[:2] == ["6 Feb", "7"] and labels[-7:-5] == ["29", "1 Mar"] and labels[-1] == "6 Mar"
    year = [date(2024, 1, 1) + timedelta(days=i) for i in range(366)]
    weeks = volume_buckets(year)
    assert len(weeks) == 53 and weeks[0] == ("1 Jan 24", year[:7])


def test_business_hours_only_counts_opening_hours(qtbot, window):
    window.business.setChecked(True)
    qtbot.waitUntil(lambda: not window.loading())
    # C2: asked Mon 18:55 (closed at 18:00), answered Tue 09:10: 10 min; medians of 10, 15, 20, 30 min
    assert tile(window, "first_response") == ("15 min", "90 % within 30 min")
    assert "your opening hours" in window.business.toolTip()


def test_business_hours_are_the_owners_own(qtbot, ctx, window):
    from shopdesk.core import automation

    automation.save_automation_settings(  # open around the clock on weekdays: every minute counts
        ctx.engine, automation.AutomationSettings(hours={d: ["00:00", "00:00"] for d in automation.WEEK[:5]})
    )
    window.business.setChecked(True)
    qtbot.waitUntil(lambda: not window.loading())
    assert tile(window, "first_response")[0] != "15 min"


def test_business_hours_leave_out_the_shops_holidays(qtbot, ctx, window):
    from shopdesk.core import automation

    window.business.setChecked(True)
    qtbot.waitUntil(lambda: not window.loading())
    before = sorted(r.first_response_seconds or 0 for r in window.data.times.rows)
    automation.save_automation_settings(ctx.engine, automation.AutomationSettings(holidays=["2024-03-05"]))
    shown = window.data
    window.reload()
    qtbot.waitUntil(lambda: window.data is not shown)
    after = sorted(r.first_response_seconds or 0 for r in window.data.times.rows)
    # C2, asked Monday evening after closing and answered Tuesday 09:10: with Tuesday a holiday, no time
    assert 600 in before and 600 not in after and after.count(0) == before.count(0) + 1
    assert "closed" in window.business.toolTip()
