"""Settings: shop and owner names, language, notifications and quiet hours, data folder, backups, surveys."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTime, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from shopdesk.core.automation import load_automation_settings, save_automation_settings
from shopdesk.core.backup import backup_database, copy_new_blobs
from shopdesk.core.db import read_session
from shopdesk.core.faq_bot import load_faq_settings, save_faq_settings
from shopdesk.core.surveys import load_survey_settings, save_survey_settings
from shopdesk.gui import time_text
from shopdesk.gui.i18n import choose_language, install_translators
from shopdesk.gui.widgets.faq_settings_page import FaqSettingsPage
from shopdesk.gui.widgets.hours_settings_page import HoursSettingsPage
from shopdesk.gui.widgets.settings_style import STYLE
from shopdesk.gui.widgets.survey_settings_page import SurveySettingsPage
from shopdesk.settings import Settings, save_settings

LANGUAGES = ("", "tr", "en")


class SettingsDialog(QDialog):
    """Edits a copy of ``ctx.settings``; Save stores it in the background, then applies it."""

    language_changed = Signal(str)

    def __init__(self, ctx, tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks = ctx, tasks
        self.open_url = QDesktopServices.openUrl  # tests replace it
        self.setObjectName("settingsDialog")
        self.setStyleSheet(STYLE)
        self.resize(720, 560)
        self._build()
        self.retranslate()
        self.load(ctx.settings)

    # -- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.nav = QListWidget(objectName="settingsNav")
        self.nav.addItems([""] * 6)
        self.pages = QStackedWidget()
        self.shop_name = QLineEdit()
        self.owner_name = QLineEdit()
        self.language = QComboBox()
        self.notifications = QCheckBox()
        self.quiet = QCheckBox()
        self.quiet_from = QTimeEdit(displayFormat="HH:mm")
        self.quiet_to = QTimeEdit(displayFormat="HH:mm")
        self.data_dir = QLabel(str(self.ctx.paths.root), objectName="pathLabel", wordWrap=True)
        self.open_data = QPushButton(objectName="secondaryButton")
        self.backups = QCheckBox()
        self.daily = QSpinBox(minimum=1, maximum=60)
        self.weekly = QSpinBox(minimum=0, maximum=52)
        self.backup_now = QPushButton(objectName="secondaryButton")
        self.open_backups = QPushButton(objectName="secondaryButton")
        self.backup_status = QLabel(objectName="hint", wordWrap=True)
        self.save_error = QLabel(objectName="errorLabel", wordWrap=True)
        self.save_error.hide()
        self.save_button = QPushButton(objectName="primaryButton")
        self.cancel_button = QPushButton(objectName="secondaryButton")
        self.texts: dict[str, QLabel] = {}
        self.pages.addWidget(self._general_page())
        self.pages.addWidget(self._notifications_page())
        self.pages.addWidget(self._data_page())
        self.surveys = SurveySettingsPage()
        self.pages.addWidget(self.surveys)
        self.hours = HoursSettingsPage()
        self._hours_row = self.pages.addWidget(_scrolling(self.hours))
        self.faq = FaqSettingsPage(self.ctx.engine, self.tasks)
        self.pages.addWidget(_scrolling(self.faq))

        footer = QHBoxLayout()
        footer.addWidget(self.save_error, 1)
        footer.addStretch(1)
        footer.addWidget(self.cancel_button)
        footer.addWidget(self.save_button)
        right = QVBoxLayout()
        right.setContentsMargins(20, 16, 20, 14)
        right.addWidget(self.pages, 1)
        right.addLayout(footer)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addLayout(right, 1)

        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        self.quiet.toggled.connect(self._update_enabled)
        self.backups.toggled.connect(self._update_enabled)
        self.open_data.clicked.connect(lambda: self.open_url(QUrl.fromLocalFile(str(self.ctx.paths.root))))
        self.open_backups.clicked.connect(
            lambda: self.open_url(QUrl.fromLocalFile(str(self.ctx.paths.backups)))
        )
        self.backup_now.clicked.connect(self.back_up_now)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)

    def _text(self, key: str, name: str = "hint") -> QLabel:
        self.texts[key] = QLabel(objectName=name, wordWrap=True)
        return self.texts[key]

    def _page(self, key: str) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self._text(key, "pageTitle"))
        return page, layout

    def _general_page(self) -> QWidget:
        page, layout = self._page("general_title")
        form = QFormLayout()
        form.setVerticalSpacing(4)
        form.addRow(self._text("shop_label", "fieldLabel"), self.shop_name)
        form.addRow("", self._text("shop_hint"))
        form.addRow(self._text("owner_label", "fieldLabel"), self.owner_name)
        form.addRow("", self._text("owner_hint"))
        form.addRow(self._text("language_label", "fieldLabel"), self.language)
        form.addRow("", self._text("language_hint"))
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _notifications_page(self) -> QWidget:
        page, layout = self._page("notifications_title")
        layout.addWidget(self.notifications)
        layout.addSpacing(8)
        layout.addWidget(self.quiet)
        hours = QHBoxLayout()
        hours.setContentsMargins(24, 0, 0, 0)
        hours.addWidget(self._text("from"))
        hours.addWidget(self.quiet_from)
        hours.addWidget(self._text("to"))
        hours.addWidget(self.quiet_to)
        hours.addStretch(1)
        layout.addLayout(hours)
        layout.addWidget(self._text("quiet_hint"))
        layout.addStretch(1)
        return page

    def _data_page(self) -> QWidget:
        page, layout = self._page("data_title")
        layout.addWidget(self._text("data_label", "fieldLabel"))
        folder = QHBoxLayout()
        folder.addWidget(self.data_dir, 1)
        folder.addWidget(self.open_data)
        layout.addLayout(folder)
        layout.addSpacing(12)
        layout.addWidget(self._text("backups_label", "fieldLabel"))
        layout.addWidget(self.backups)
        keep = QHBoxLayout()
        keep.setContentsMargins(24, 0, 0, 0)
        for widget in (
            self._text("keep"),
            self.daily,
            self._text("daily_and"),
            self.weekly,
            self._text("weekly"),
        ):
            keep.addWidget(widget)
        keep.addStretch(1)
        layout.addLayout(keep)
        actions = QHBoxLayout()
        actions.addWidget(self.backup_now)
        actions.addWidget(self.open_backups)
        actions.addStretch(1)
        layout.addSpacing(6)
        layout.addLayout(actions)
        layout.addWidget(self.backup_status)
        layout.addStretch(1)
        return page

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        pages = (
            self.tr("General"),
            self.tr("Notifications"),
            self.tr("Data & backups"),
            self.tr("Satisfaction"),
            self.tr("Hours & auto-replies"),
            self.tr("FAQ bot"),
        )
        for row, text in enumerate(pages):
            self.nav.item(row).setText(text)
        t = self.texts
        t["general_title"].setText(self.tr("General"))
        t["shop_label"].setText(self.tr("Shop name"))
        t["shop_hint"].setText(self.tr("Shown to customers in canned replies as {{shop.name}}."))
        t["owner_label"].setText(self.tr("Your name"))
        t["owner_hint"].setText(self.tr("Signs your replies and notes; {{agent.name}} in canned replies."))
        t["language_label"].setText(self.tr("Language"))
        t["language_hint"].setText(self.tr("The window switches as soon as you save."))
        t["notifications_title"].setText(self.tr("Notifications"))
        t["from"].setText(self.tr("From"))
        t["to"].setText(self.tr("to"))
        t["quiet_hint"].setText(
            self.tr("No desktop notifications during quiet hours; messages still arrive.")
        )
        t["data_title"].setText(self.tr("Data & backups"))
        t["data_label"].setText(self.tr("Data folder"))
        t["backups_label"].setText(self.tr("Backups"))
        t["keep"].setText(self.tr("Keep"))
        t["daily_and"].setText(self.tr("daily and"))
        t["weekly"].setText(self.tr("weekly backups"))
        self.shop_name.setPlaceholderText(self.tr("Lale Butik"))
        self.owner_name.setPlaceholderText(self.tr("Your first name"))
        index = max(self.language.currentIndex(), 0)
        self.language.clear()
        for code, name in zip(LANGUAGES, (self.tr("System language"), "Türkçe", "English"), strict=True):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(index)
        self.notifications.setText(self.tr("Show a desktop notification when a message arrives"))
        self.quiet.setText(self.tr("Quiet hours"))
        self.open_data.setText(self.tr("Open folder"))
        self.backups.setText(self.tr("Back up the inbox automatically every day"))
        self.backup_now.setText(self.tr("Back up now"))
        self.open_backups.setText(self.tr("Open backups folder"))
        self.save_button.setText(self.tr("Save"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._show_last_backup()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- values -------------------------------------------------------------------------------------

    def load(self, settings: Settings) -> None:
        self.shop_name.setText(settings.shop_name)
        self.owner_name.setText(settings.owner_name)
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.notifications.setChecked(settings.notifications)
        quiet = bool(settings.quiet_hours_start and settings.quiet_hours_end)
        self.quiet.setChecked(quiet)
        self.quiet_from.setTime(_time(settings.quiet_hours_start, QTime(22, 0)))
        self.quiet_to.setTime(_time(settings.quiet_hours_end, QTime(8, 0)))
        self.backups.setChecked(settings.backups_enabled)
        self.daily.setValue(settings.backups_daily)
        self.weekly.setValue(settings.backups_weekly)
        self._update_enabled()
        with read_session(self.ctx.engine) as session:  # one short read
            self.surveys.load(load_survey_settings(session))
            self.hours.load(load_automation_settings(session))
            self.faq.load(load_faq_settings(session))

    def values(self) -> Settings:
        """The settings as the dialog shows them."""
        quiet = self.quiet.isChecked()
        return dataclasses.replace(
            self.ctx.settings,
            shop_name=self.shop_name.text().strip(),
            owner_name=self.owner_name.text().strip(),
            language=self.language.currentData() or "",
            notifications=self.notifications.isChecked(),
            quiet_hours_start=self.quiet_from.time().toString("HH:mm") if quiet else "",
            quiet_hours_end=self.quiet_to.time().toString("HH:mm") if quiet else "",
            backups_enabled=self.backups.isChecked(),
            backups_daily=self.daily.value(),
            backups_weekly=self.weekly.value(),
        )

    def save(self) -> None:
        try:
            hours = self.hours.values()
        except ValueError as exc:
            self.nav.setCurrentRow(self._hours_row)
            self._failed(exc)
            return
        new, surveys, faq = self.values(), self.surveys.values(), self.faq.values()
        engine, publish = self.ctx.engine, self.ctx.publish
        self.save_button.setEnabled(False)
        self.tasks.run_in_background(
            lambda: (
                save_settings(engine, new),
                save_survey_settings(engine, surveys),
                save_automation_settings(engine, hours),
                save_faq_settings(engine, publish, faq),
            ),
            on_done=lambda _: (self._show_presence(hours.away), self._saved(new)),
            on_error=self._failed,
        )

    def _show_presence(self, away: bool) -> None:
        """The widget shows the shop as away while the away switch is on."""
        set_presence = getattr(self.ctx.channels.get("webchat"), "set_presence", None)
        if set_presence is not None:
            self.tasks.run_coro(set_presence("away" if away else "online"))

    def back_up_now(self) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        dest = self.ctx.paths.backups / f"manual-{stamp}.sqlite3"
        paths = self.ctx.paths
        self.backup_now.setEnabled(False)
        self.backup_status.setText(self.tr("Backing up…"))

        def work() -> Path:
            made = backup_database(paths.database, dest)
            copy_new_blobs(paths)
            return made

        self.tasks.run_in_background(work, on_done=self._backed_up, on_error=self._backup_failed)

    # -- internals ----------------------------------------------------------------------------------

    def _saved(self, new: Settings) -> None:
        old_language = self.ctx.settings.language
        for field in dataclasses.fields(Settings):
            setattr(self.ctx.settings, field.name, getattr(new, field.name))
        if new.language != old_language:
            app = QApplication.instance()
            if app is not None:
                install_translators(app, choose_language(new.language))
            self.language_changed.emit(new.language)
        self.save_button.setEnabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.save_error.setText(self.tr("Settings not saved: %1").replace("%1", str(exc)))
        self.save_error.show()

    def _backed_up(self, path: Path) -> None:
        self.backup_now.setEnabled(True)
        self.backup_status.setText(self.tr("Backed up to %1").replace("%1", str(path)))

    def _backup_failed(self, exc: BaseException) -> None:
        self.backup_now.setEnabled(True)
        self.backup_status.setText(self.tr("The backup failed: %1").replace("%1", str(exc)))

    def _show_last_backup(self) -> None:
        backups = sorted(self.ctx.paths.backups.glob("*.sqlite3"), key=lambda p: p.stat().st_mtime)
        if not backups:
            self.backup_status.setText(self.tr("No backup yet."))
            return
        when = datetime.fromtimestamp(backups[-1].stat().st_mtime).astimezone()
        self.backup_status.setText(
            self.tr("Last backup: %1 (%2)")
            .replace("%1", time_text.full(when))
            .replace("%2", backups[-1].name)
        )

    def _update_enabled(self) -> None:
        for widget in (self.quiet_from, self.quiet_to):
            widget.setEnabled(self.quiet.isChecked())
        for widget in (self.daily, self.weekly):
            widget.setEnabled(self.backups.isChecked())


def _time(value: str, default: QTime) -> QTime:
    parsed = QTime.fromString(value or "", "HH:mm")
    return parsed if parsed.isValid() else default


def _scrolling(page: QWidget) -> QScrollArea:
    """A page taller than the dialog scrolls instead of squeezing its rows."""
    area = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setObjectName("settingsScroll")
    area.setStyleSheet("#settingsScroll, #settingsScroll > QWidget > QWidget { background: transparent; }")
    area.setWidget(page)
    return area
