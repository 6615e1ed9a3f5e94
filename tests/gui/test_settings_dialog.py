"""The settings dialog: values saved and applied, a live language switch, quiet hours, backups."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import QApplication

from shopdesk.core.db import read_session
from shopdesk.gui.bridge import Tasks
from shopdesk.gui.i18n import install_translators
from shopdesk.gui.widgets.settings_dialog import SettingsDialog
from shopdesk.settings import load_settings


@pytest.fixture
def dialog(qtbot, ctx):
    saved_locale = QLocale()
    tasks = Tasks(ctx.loop)
    dialog = SettingsDialog(ctx, tasks)
    qtbot.addWidget(dialog)
    dialog.opened = []
    dialog.open_url = dialog.opened.append
    dialog.show()
    yield dialog
    qtbot.waitUntil(lambda: tasks.pending == 0)
    tasks.shutdown()
    install_translators(QApplication.instance(), "en")
    QLocale.setDefault(saved_locale)


def stored(ctx):
    with read_session(ctx.engine) as s:
        return load_settings(s)


def test_shows_the_current_settings(ctx, qtbot):
    ctx.settings.shop_name = "Lale Butik"
    ctx.settings.quiet_hours_start, ctx.settings.quiet_hours_end = "22:00", "08:30"
    ctx.settings.language = "tr"
    dialog = SettingsDialog(ctx, Tasks(ctx.loop))
    qtbot.addWidget(dialog)
    assert dialog.shop_name.text() == "Lale Butik"
    assert dialog.language.currentText() == "Türkçe"
    assert dialog.quiet.isChecked()
    assert dialog.quiet_to.time() == QTime(8, 30)
    assert dialog.data_dir.text() == str(ctx.paths.root)
    dialog.tasks.shutdown()


def test_save_stores_updates_the_context_and_switches_the_language(qtbot, ctx, dialog):
    settings_object = ctx.settings
    dialog.shop_name.setText("  Lale Butik ")
    dialog.owner_name.setText("Deniz")
    dialog.language.setCurrentIndex(dialog.language.findData("tr"))
    dialog.notifications.setChecked(False)
    dialog.quiet.setChecked(True)
    dialog.quiet_from.setTime(QTime(23, 0))
    dialog.quiet_to.setTime(QTime(7, 15))
    dialog.backups.setChecked(False)
    with qtbot.waitSignal(dialog.language_changed) as changed, qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    assert changed.args == ["tr"]
    saved = stored(ctx)
    assert (saved.shop_name, saved.owner_name, saved.language) == ("Lale Butik", "Deniz", "tr")
    assert (saved.notifications, saved.quiet_hours_start, saved.quiet_hours_end) == (False, "23:00", "07:15")
    assert saved.backups_enabled is False
    assert ctx.settings is settings_object  # updated in place: every holder sees the new values
    assert ctx.settings.owner_name == "Deniz"
    assert QLocale().language() == QLocale.Language.Turkish  # install_translators ran


def test_no_language_signal_when_the_language_stays(qtbot, ctx, dialog):
    signals = []
    dialog.language_changed.connect(signals.append)
    dialog.owner_name.setText("Deniz")
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    assert signals == []
    assert stored(ctx).owner_name == "Deniz"


def test_quiet_hours_off_stores_no_hours(qtbot, ctx, dialog):
    dialog.quiet.setChecked(False)
    assert not dialog.quiet_from.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    assert (stored(ctx).quiet_hours_start, stored(ctx).quiet_hours_end) == ("", "")


def test_cancel_keeps_everything(qtbot, ctx, dialog):
    dialog.shop_name.setText("Başka")
    dialog.cancel_button.click()
    assert ctx.settings.shop_name == ""
    assert stored(ctx).shop_name == ""


def test_back_up_now_writes_a_backup_into_the_backups_folder(qtbot, ctx, dialog):
    assert dialog.backup_status.text() == "No backup yet."
    dialog.backup_now.click()
    qtbot.waitUntil(lambda: dialog.backup_now.isEnabled())
    [backup] = list(ctx.paths.backups.glob("manual-*.sqlite3"))
    assert backup.read_bytes().startswith(b"SQLite format 3\x00")
    assert str(backup) in dialog.backup_status.text()


def test_open_folder_opens_the_data_directory(ctx, dialog):
    dialog.open_data.click()
    [url] = dialog.opened
    assert url.toLocalFile() == str(ctx.paths.root)


def test_the_satisfaction_page_loads_and_saves_the_survey_settings(qtbot, ctx, dialog):
    from shopdesk.core.db import read_session
    from shopdesk.core.surveys import SurveySettings, load_survey_settings, save_survey_settings

    save_survey_settings(ctx.engine, SurveySettings(scale="nps", delay_minutes=45))
    dialog.load(ctx.settings)
    page = dialog.surveys
    assert page.scale.currentData() == "nps" and page.delay.value() == 45
    assert all(box.isChecked() for box in page.channel_boxes.values())
    page.channel_boxes["email"].setChecked(False)
    page.once_per.setValue(14)
    page.question_tr.setText("Bizi nasıl buldunuz?")
    page.thanks_en.setText("")  # an emptied text falls back to the default
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    with read_session(ctx.engine) as session:
        stored = load_survey_settings(session)
    assert stored.channels == {"email": False, "telegram": True, "webchat": True}
    assert (stored.scale, stored.delay_minutes, stored.once_per_days) == ("nps", 45, 14)
    assert stored.question_tr == "Bizi nasıl buldunuz?" and stored.thanks_en == SurveySettings().thanks_en
    page.channel_boxes["telegram"].setChecked(False)
    page.channel_boxes["webchat"].setChecked(False)
    assert not page.scale.isEnabled()  # nothing asked: the rest of the page is off


def test_hours_and_auto_replies_are_loaded_saved_and_checked(qtbot, ctx, dialog):
    from shopdesk.core.automation import (
        AutomationSettings,
        load_automation_settings,
        save_automation_settings,
    )
    from shopdesk.core.db import read_session

    save_automation_settings(ctx.engine, AutomationSettings(holidays=["2026-12-31"]))
    dialog.load(ctx.settings)
    page = dialog.hours
    assert page.days["mon"].isChecked() and not page.days["sun"].isChecked()
    assert not page.opens["sun"].isEnabled()
    assert page.holidays.text() == "2026-12-31"
    page.days["sun"].setChecked(True)
    page.closes["sat"].setTime(QTime(16, 30))
    page.acknowledge["telegram"].setChecked(True)
    page.away.setChecked(True)
    page.holidays.setText("2027-01-01, bayram")
    dialog.save_button.click()
    assert "“bayram” is not a date" in dialog.save_error.text()
    assert dialog.pages.currentWidget().widget() is page  # the owner is shown where the problem is
    page.holidays.setText("2027-01-01, 2026-12-31")
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    with read_session(ctx.engine) as session:
        stored = load_automation_settings(session)
    assert stored.hours["sun"] == ["09:00", "18:00"] and stored.hours["sat"] == ["10:00", "16:30"]
    assert stored.holidays == ["2026-12-31", "2027-01-01"] and stored.away
    assert stored.acknowledge["telegram"] and not stored.acknowledge["email"]


def test_the_faq_bot_page_is_loaded_and_saved(qtbot, ctx, dialog):
    from shopdesk.core.events import CannedChanged
    from shopdesk.core.faq_bot import FaqSettings, load_faq_settings, save_faq_settings

    save_faq_settings(ctx.engine, ctx.publish, FaqSettings(threshold=0.7))
    dialog.load(ctx.settings)
    page = dialog.faq
    assert page.threshold.value() == 70 and not page.channel_boxes["email"].isChecked()
    page.channel_boxes["webchat"].setChecked(False)
    page.threshold.setValue(60)
    page.texts["person_tr"].setText("Deniz ile konuşmak istiyorum")
    published = []
    unsubscribe = ctx.bus.subscribe(published.append, CannedChanged)
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    with read_session(ctx.engine) as session:
        stored = load_faq_settings(session)
    assert stored.channels == {"telegram": True, "webchat": False, "email": False}
    assert stored.threshold == 0.6 and stored.person_tr == "Deniz ile konuşmak istiyorum"
    unsubscribe()
    assert published != []  # the relay is given the new settings
