"""The owner's window: assembles the three panes, the menus, the shortcuts, the status bar and the tray."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QEvent, QProcess, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget

from shopdesk import APP_NAME, __version__
from shopdesk.core import automation, backup
from shopdesk.core.db import read_session
from shopdesk.core.models import utcnow
from shopdesk.first_run import needs_first_run
from shopdesk.gui import theme
from shopdesk.gui.bridge import Bridge, Tasks
from shopdesk.gui.tray import Tray
from shopdesk.gui.widgets.canned_manager import CannedManagerDialog
from shopdesk.gui.widgets.carts_window import CartsWindow
from shopdesk.gui.widgets.composer import Composer
from shopdesk.gui.widgets.conversation_actions import ConversationActions
from shopdesk.gui.widgets.conversation_list import ConversationListPane
from shopdesk.gui.widgets.conversation_view import ConversationView
from shopdesk.gui.widgets.customer_pane import CustomerPane
from shopdesk.gui.widgets.email_account_dialog import EmailAccountDialog, restart_email_account
from shopdesk.gui.widgets.first_run_wizard import FirstRunWizard
from shopdesk.gui.widgets.import_progress import ImportProgressBar
from shopdesk.gui.widgets.invitations_window import InvitationsWindow
from shopdesk.gui.widgets.live_visitors import LiveVisitorsDialog
from shopdesk.gui.widgets.reports_window import ReportsWindow
from shopdesk.gui.widgets.settings_dialog import SettingsDialog
from shopdesk.gui.widgets.shortcuts_dialog import SHORTCUTS, ShortcutsDialog
from shopdesk.gui.widgets.status_bar import StatusBar
from shopdesk.gui.widgets.telegram_account_dialog import TelegramAccountDialog, restart_telegram_account
from shopdesk.gui.widgets.telegram_away_banner import TelegramAwayBanner
from shopdesk.gui.widgets.webchat_dialog import WebchatDialog, restart_webchat

log = logging.getLogger(__name__)


def start_demo_inbox() -> None:
    """ShopDesk once more, on the separate demo inbox (its own data directory and window)."""
    if getattr(sys, "frozen", False):
        QProcess.startDetached(sys.executable, ["--demo"])
    else:
        QProcess.startDetached(sys.executable, ["-m", "shopdesk", "--demo"])


class MainWindow(QMainWindow):
    """Thin: builds the panes and wires them; each pane talks to core on its own."""

    first_painted = Signal()

    def __init__(self, ctx) -> None:
        super().__init__()
        self.ctx = ctx
        self._painted = False
        self.bridge = Bridge(ctx.bus, self)
        self.tasks = Tasks(ctx.loop, on_error=self._on_task_error, parent=self)
        self.setStyleSheet(theme.STYLE_SHEET)
        self._build_panes()
        self.status_bar = StatusBar(ctx, self.bridge, self.tasks, self)
        self.setStatusBar(self.status_bar)
        self.import_progress = ImportProgressBar(ctx, self.bridge, self.tasks)
        self.status_bar.addPermanentWidget(self.import_progress)
        self.tray = Tray(ctx, self.bridge, self.tasks, self)
        self.tray.is_watching = lambda cid: self.isActiveWindow() and self.view.conversation_id == cid
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self._build_actions()
        self._build_menus()
        self._connect()
        self.retranslate()
        self.resize(1280, 800)
        self._open(self.list_pane.current_conversation())

    # --- building ------------------------------------------------------------------------------

    def _build_panes(self) -> None:
        ctx, bridge, tasks = self.ctx, self.bridge, self.tasks
        self.list_pane = ConversationListPane(ctx, bridge, tasks)
        self.actions_bar = ConversationActions(ctx, bridge, tasks)
        self.view = ConversationView(ctx, bridge, tasks)
        self.composer = Composer(ctx, bridge, tasks)
        self.customer = CustomerPane(ctx, bridge, tasks)
        self.telegram_banner = TelegramAwayBanner(ctx, tasks)
        bridge.channel_status.connect(self.telegram_banner.on_channel_status)
        middle = QWidget(objectName="ConversationColumn")
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.telegram_banner)  # hidden unless the bot was away long enough to lose updates
        column.addWidget(self.actions_bar)
        # Messages above, composer below; the owner can drag the line between them.
        self.thread_splitter = QSplitter(Qt.Orientation.Vertical, handleWidth=1)
        self.thread_splitter.setChildrenCollapsible(False)
        self.thread_splitter.addWidget(self.view)
        self.thread_splitter.addWidget(self.composer)
        self.thread_splitter.setStretchFactor(0, 1)
        self.thread_splitter.setSizes([560, self.composer.minimumSizeHint().height()])
        column.addWidget(self.thread_splitter, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, handleWidth=1)
        self.splitter.setChildrenCollapsible(False)
        for widget, stretch in ((self.list_pane, 0), (middle, 1), (self.customer, 0)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.list_pane.setMinimumWidth(300)
        self.customer.setMinimumWidth(240)
        self.splitter.setSizes([370, 620, 290])
        self.setCentralWidget(self.splitter)

    def _build_actions(self) -> None:
        """One QAction per shortcut (the "?" dialog lists the same table), also placed in the menus."""
        handlers = {
            "next": self.list_pane.next,
            "previous": self.list_pane.previous,
            "reply": self.composer.focus_reply,
            "resolve": self.actions_bar.resolve,
            "snooze": self.actions_bar.show_snooze_menu,
            "canned": self.composer.open_canned,
            "search": self.list_pane.focus_search,
            "shortcuts": self.show_shortcuts,
            "settings": self.open_settings,
            "quit": self.close,
        }
        self.shortcut_actions: dict[str, QAction] = {}
        for name, key, _text in SHORTCUTS:
            if name is None:
                continue
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            # Window-wide, but text fields take plain letters first (their ShortcutOverride), so
            # typing "e" in the composer writes an "e" and does not resolve the conversation.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(handlers[name])
            self.addAction(action)
            self.shortcut_actions[name] = action
        self.backup_action = QAction(self, triggered=self.backup_now)
        self.away_action = QAction(self, checkable=True, checked=self._stored_away())
        self.away_action.toggled.connect(self.set_away)
        self.canned_action = QAction(self, triggered=self.open_canned_manager)
        self.accounts_action = QAction(self, triggered=self.open_email_accounts)
        self.bots_action = QAction(self, triggered=self.open_telegram_bots)
        self.webchat_action = QAction(self, triggered=self.open_webchat)
        self.visitors_action = QAction(self, triggered=self.show_live_visitors)
        self.visitors_dialog: LiveVisitorsDialog | None = None
        self.reports_action = QAction(self, triggered=self.show_reports)
        self.reports_window: ReportsWindow | None = None
        self.carts_action = QAction(self, triggered=self.show_carts)
        self.carts_window: CartsWindow | None = None
        self.invitations_action = QAction(self, triggered=self.show_invitations)
        self.invitations_window: InvitationsWindow | None = None
        self.about_action = QAction(self, triggered=self.show_about)
        self.demo_shop_action = QAction(self, triggered=self.open_demo_shop)
        self.unread_action = QAction(self, triggered=self.actions_bar.mark_unread)
        self.customer_action = QAction(self, checkable=True, checked=True)
        self.customer_action.toggled.connect(self.customer.setVisible)

    def _build_menus(self) -> None:
        a = self.shortcut_actions
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.away_action)
        self.file_menu.addAction(self.backup_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(a["quit"])
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addAction(self.canned_action)
        self.edit_menu.addAction(self.accounts_action)
        self.edit_menu.addAction(self.bots_action)
        self.edit_menu.addAction(self.webchat_action)
        self.edit_menu.addAction(a["settings"])
        self.view_menu = bar.addMenu("")
        self.view_menu.addAction(self.visitors_action)
        self.view_menu.addAction(self.reports_action)
        self.view_menu.addAction(self.carts_action)
        self.view_menu.addAction(self.invitations_action)
        for name in ("search", "next", "previous"):
            self.view_menu.addAction(a[name])
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.customer_action)
        self.conversation_menu = bar.addMenu("")
        for name in ("reply", "canned", "resolve", "snooze"):
            self.conversation_menu.addAction(a[name])
        self.conversation_menu.addAction(self.unread_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(a["shortcuts"])
        self.help_menu.addAction(self.demo_shop_action)
        self.help_menu.addAction(self.about_action)

    def _connect(self) -> None:
        self.list_pane.conversation_selected.connect(self._open)
        self.customer.open_conversation.connect(self.list_pane.select_conversation)
        self.tray.show_requested.connect(self.bring_to_front)
        self.tray.conversation_requested.connect(self.list_pane.select_conversation)
        self.tray.quit_requested.connect(self.close)
        for source in (self.view, self.actions_bar):
            source.status_message.connect(self.status_bar.notify)
        self.view.link_hovered.connect(self.status_bar.showMessage)  # a mail link's real target

    def retranslate(self) -> None:
        self._update_title()
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.conversation_menu.setTitle(self.tr("&Conversation"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.away_action.setText(self.tr("Away (closed: auto-replies, the chat shows away)"))
        self.backup_action.setText(self.tr("Back up now"))
        self.canned_action.setText(self.tr("Canned replies…"))
        self.accounts_action.setText(self.tr("Email accounts…"))
        self.bots_action.setText(self.tr("Telegram bots…"))
        self.webchat_action.setText(self.tr("Web chat…"))
        self.visitors_action.setText(self.tr("Visitors on the site now…"))
        self.reports_action.setText(self.tr("Reports…"))
        self.carts_action.setText(self.tr("Abandoned carts…"))
        self.invitations_action.setText(self.tr("Proactive invitations…"))
        self.about_action.setText(self.tr("About %1").replace("%1", APP_NAME))
        self.demo_shop_action.setText(self.tr("Open the demo shop (try the chat widget)"))
        self.unread_action.setText(self.tr("Mark unread"))
        self.customer_action.setText(self.tr("Customer details"))
        texts = {
            "next": self.tr("Next conversation"),
            "previous": self.tr("Previous conversation"),
            "reply": self.tr("Reply"),
            "resolve": self.tr("Resolve"),
            "snooze": self.tr("Snooze…"),
            "canned": self.tr("Insert canned reply"),
            "search": self.tr("Search"),
            "shortcuts": self.tr("Keyboard shortcuts"),
            "settings": self.tr("Settings…"),
            "quit": self.tr("Quit"),
        }
        for name, action in self.shortcut_actions.items():
            action.setText(texts[name])
        self.tray.retranslate()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update_title(self) -> None:
        shop = self.ctx.settings.shop_name.strip()
        self.setWindowTitle(f"{shop} — {APP_NAME}" if shop else APP_NAME)

    # --- behaviour -----------------------------------------------------------------------------

    def _open(self, conversation_id: int | None) -> None:
        for pane in (self.actions_bar, self.view, self.composer, self.customer):
            pane.show_conversation(conversation_id)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def show_shortcuts(self) -> None:
        if self.shortcuts_dialog is None:
            self.shortcuts_dialog = ShortcutsDialog(self.ctx, self.bridge, self.tasks, self)
        self.shortcuts_dialog.show()
        self.shortcuts_dialog.raise_()

    def open_canned_manager(self) -> None:
        CannedManagerDialog(self.ctx, self.bridge, self.tasks, self).exec()

    def open_email_accounts(self) -> None:
        dialog = EmailAccountDialog(self.ctx, self.bridge, self.tasks, self)
        for changed in (dialog.account_saved, dialog.account_removed):
            changed.connect(lambda account_id: restart_email_account(self.ctx, self.tasks, account_id))
        dialog.exec()

    def open_telegram_bots(self) -> None:
        dialog = TelegramAccountDialog(self.ctx, self.tasks, self)
        for changed in (dialog.account_saved, dialog.account_removed):
            changed.connect(lambda account_id: restart_telegram_account(self.ctx, self.tasks, account_id))
        dialog.exec()

    def open_webchat(self) -> None:
        dialog = WebchatDialog(self.ctx, self.tasks, self)
        dialog.relay_changed.connect(lambda: restart_webchat(self.ctx, self.tasks))
        dialog.exec()

    def offer_first_run(self) -> None:
        """The first-run wizard on a new inbox; then the channel the owner picked is set up at once."""
        if not needs_first_run(self.ctx.settings):
            return
        wizard = FirstRunWizard(self.ctx, self.tasks, self)
        wizard.exec()
        self._update_title()
        actions = {
            "email": self.open_email_accounts,
            "telegram": self.open_telegram_bots,
            "webchat": self.open_demo_shop,
            "demo": start_demo_inbox,
        }
        if wizard.chosen_channel in actions:
            actions[wizard.chosen_channel]()

    def show_live_visitors(self) -> None:
        """Who is on the shop's site now (web chat); a visitor who wrote opens their conversation."""
        if self.visitors_dialog is None:
            self.visitors_dialog = LiveVisitorsDialog(self.ctx, self.bridge, self.tasks, self)
            self.visitors_dialog.open_conversation.connect(self.list_pane.select_conversation)
        self.visitors_dialog.show()
        self.visitors_dialog.raise_()

    def show_carts(self) -> None:
        """Abandoned carts: the figures, the carts, and the follow-up's settings."""
        if self.carts_window is None:
            self.carts_window = CartsWindow(self.ctx, self.tasks, self)
            self.carts_window.open_conversation.connect(self.list_pane.select_conversation)
        self.carts_window.show()
        self.carts_window.raise_()

    def show_invitations(self) -> None:
        """Proactive invitations: the rules the chat widget follows, and what each did."""
        if self.invitations_window is None:
            self.invitations_window = InvitationsWindow(self.ctx, self.tasks, self)
        self.invitations_window.show()
        self.invitations_window.raise_()

    def _stored_away(self) -> bool:
        with read_session(self.ctx.engine) as session:
            return automation.load_automation_settings(session).away

    def set_away(self, away: bool) -> None:
        """The owner's away switch: closed whatever the hours say, and the web chat shows away."""
        engine = self.ctx.engine

        def work() -> None:
            with read_session(engine) as session:
                settings = automation.load_automation_settings(session)
            settings.away = away
            automation.save_automation_settings(engine, settings)

        self.tasks.run_in_background(work)
        set_presence = getattr(self.ctx.channels.get("webchat"), "set_presence", None)
        if set_presence is not None:
            self.tasks.run_coro(set_presence("away" if away else "online"))
        self.status_bar.notify(
            self.tr("You are away: customers are told so.") if away else self.tr("You are back.")
        )

    def show_reports(self) -> None:
        """Satisfaction, response times and volume; one window, raised again when it is open."""
        if self.reports_window is None:
            self.reports_window = ReportsWindow(self.ctx, self.tasks, self)
        self.reports_window.show()
        self.reports_window.raise_()

    def open_settings(self) -> None:
        # The dialog installs the new translators itself; every widget then retranslates on LanguageChange.
        SettingsDialog(self.ctx, self.tasks, self).exec()
        self._update_title()
        self.away_action.blockSignals(True)  # "Away now" may have changed there: show it, do not redo it
        self.away_action.setChecked(self._stored_away())
        self.away_action.blockSignals(False)

    def backup_now(self) -> None:
        paths = self.ctx.paths
        target = paths.backups / f"manual-{utcnow().strftime('%Y%m%d-%H%M%S')}.sqlite3"

        def work():
            made = backup.backup_database(paths.database, target)
            backup.copy_new_blobs(paths)
            return made

        self.status_bar.notify(self.tr("Backing up…"))
        self.tasks.run_in_background(
            work, lambda path: self.status_bar.notify(self.tr("Backup saved: %1").replace("%1", str(path)))
        )

    def demo_shop_url(self) -> str | None:
        """The embedded relay's demo shop page, once the web chat has started."""
        return getattr(self.ctx.channels.get("webchat"), "demo_url", None)

    def open_demo_shop(self) -> None:
        url = self.demo_shop_url()
        if url is None:
            self.status_bar.show_error(self.tr("The web chat has not started yet; try again in a moment."))
            return
        QDesktopServices.openUrl(QUrl(url))

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About %1").replace("%1", APP_NAME),
            self.tr("%1 %2 — one inbox for email, Telegram and web chat.")
            .replace("%1", APP_NAME)
            .replace("%2", __version__),
        )

    def _on_task_error(self, exc: BaseException) -> None:
        log.error("background task failed", exc_info=exc)
        self.status_bar.show_error(str(exc) or type(exc).__name__)

    def close_down(self) -> None:
        """Stop timers and background work before the runtime shuts down (app.py calls this)."""
        self.composer.close()  # its closeEvent saves the draft being typed
        for timer in self.findChildren(QTimer):
            timer.stop()
        self.tray.hide()
        self.bridge.close()
        self.tasks.shutdown()
