"""The Proactive invitations window: the owner's rules in the order the widget tries them, what each did."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta

import shiboken6
from PySide6.QtCore import QEvent, QLocale, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.core import invitations
from shopdesk.core.db import read_session
from shopdesk.core.invitations import Rule
from shopdesk.core.models import utcnow
from shopdesk.gui import theme
from shopdesk.gui.bridge import BusSignal
from shopdesk.gui.widgets.invitation_editor import InvitationEditor, limits_text
from shopdesk.gui.widgets.report_charts import percent_text
from shopdesk.gui.widgets.reports_window import STYLE as STATUS_STYLE
from shopdesk.gui.widgets.settings_style import STYLE as FORM_STYLE
from shopdesk.gui.widgets.tables import read_only_table, table_item
from shopdesk.gui.widgets.visitor_section import plain_tooltip

FIGURES_DAYS = 30  # the figures' period: a week for an order after the invitation, and some weeks more
COLUMNS = ("on", "name", "conditions", "shown", "chats", "orders", "chat_rate")
COUNTS = ("shown", "chats", "orders")
CHANGE_DELAY_MS = 500  # a burst of relay events reloads the figures once

STYLE = (
    STATUS_STYLE
    + FORM_STYLE.replace("#settingsDialog", "#invitationsWindow")
    + f"""
QLabel#invitationsEmpty {{ color: {theme.MUTED}; }}
QTableWidget::item {{ padding: 0 6px; }}
"""
)


@dataclass(frozen=True)
class InvitationsData:
    """One load of the window, read off the GUI thread."""

    rules: list[Rule]
    stats: dict[str, dict]


def load_invitations(engine, now: datetime | None = None) -> InvitationsData:
    """The rules, and what each did in the last ``FIGURES_DAYS``, in one short read."""
    since = (now or utcnow()) - timedelta(days=FIGURES_DAYS)
    with read_session(engine) as session:
        return InvitationsData(invitations.load_rules(session), invitations.stats(session, since=since))


def _number(value: float) -> str:
    return QLocale().toString(float(value), "f", 0 if float(value).is_integer() else 2)


class InvitationsWindow(QDialog):
    """Non-modal: the rules in the order the widget tries them, their figures, and buttons to change them.

    Every change is saved through core at once (the relay gets the rules from there); the buttons wait
    while a save is running, so two changes never race.
    """

    def __init__(self, ctx, tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("invitationsWindow")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.setModal(False)
        self.setStyleSheet(STYLE)
        self.ctx, self.tasks = ctx, tasks
        self.data: InvitationsData | None = None
        self.editor: InvitationEditor | None = None
        self.loads = self.saves = 0  # finished ones, for tests
        self._generation, self._saving = 0, False
        self._confirm_delete: str | None = None  # the rule whose Delete was clicked once
        self._build()
        self._change_timer = QTimer(self, singleShot=True, interval=CHANGE_DELAY_MS)
        self._change_timer.timeout.connect(self.reload_figures)
        BusSignal(ctx.bus, invitations.InvitationsChanged, self).event.connect(self.on_invitations_changed)
        self.retranslate()
        self.resize(1060, 560)
        self.reload()

    def _build(self) -> None:
        self.intro = QLabel(objectName="hint", wordWrap=True)
        self.refresh_button = QPushButton(objectName="secondaryButton", clicked=self.reload)
        top = QHBoxLayout()
        top.addWidget(self.intro, 1)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        self.table = read_only_table(len(COLUMNS))
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.itemDoubleClicked.connect(lambda item: self.edit_rule(item.row()))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty = QLabel(
            objectName="invitationsEmpty", wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter
        )
        self.status = QLabel(objectName="hint")
        self.error = QLabel(objectName="errorLabel", wordWrap=True)
        self.buttons = {
            name: QPushButton(objectName="primaryButton" if name == "add" else "secondaryButton")
            for name in ("add", "edit", "delete", "up", "down")
        }
        for name, handler in (
            ("add", self.add_rule),
            ("edit", self.edit_rule),
            ("delete", self.delete_rule),
            ("up", lambda: self.move_rule(-1)),
            ("down", lambda: self.move_rule(1)),
        ):
            self.buttons[name].clicked.connect(lambda _checked=False, handler=handler: handler())
        row = QHBoxLayout()
        for name in ("add", "edit", "delete"):
            row.addWidget(self.buttons[name])
        row.addWidget(self.status, 1)
        row.addWidget(self.error, 1)
        for name in ("up", "down"):
            row.addWidget(self.buttons[name])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(row)

    # -- texts ---------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Proactive invitations"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.intro.setText(
            self.tr(
                "When a visitor matches a rule, the chat widget on your site shows its message in your "
                "name; the first matching rule in the list wins. %1 The figures are of the last %2 days."
            )
            .replace("%1", limits_text())
            .replace("%2", str(FIGURES_DAYS))
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("On"),
                self.tr("Name"),
                self.tr("Conditions"),
                self.tr("Shown"),
                self.tr("Chats started"),
                self.tr("Carts completed after"),
                self.tr("Chat rate"),
            ]
        )
        header_tips = {
            "shown": self.tr("Visitors who saw the invitation (each counted once)"),
            "chats": self.tr("Of those, visitors who answered it"),
            "orders": self.tr(
                "Of those, visitors who completed an order within 7 days, this invitation "
                "being the last they saw"
            ),
            "chat_rate": self.tr("Chats started per visitor shown the invitation"),
        }
        for name, tip in header_tips.items():
            self.table.horizontalHeaderItem(COLUMNS.index(name)).setToolTip(tip)
        self.empty.setText(
            self.tr("No invitations yet. Add one, for example a question after 30 seconds on a product page.")
        )
        labels = {
            "add": self.tr("Add…"),
            "edit": self.tr("Edit…"),
            "delete": self.tr("Delete"),
            "up": self.tr("Move up"),
            "down": self.tr("Move down"),
        }
        for name, text in labels.items():
            self.buttons[name].setText(text)
        self._update_buttons()
        if self.data is not None:
            self._show(self.data)

    def conditions(self, rule: Rule) -> str:
        """The rule's conditions in words: "on */urun/* after 30 s, cart ≥ 500"."""
        where = self.tr("on %1").replace("%1", rule.url) if rule.url else self.tr("on every page")
        if rule.seconds_on_page:
            where += " " + self.tr("after %1 s").replace("%1", str(rule.seconds_on_page))
        parts = [where]
        if rule.min_cart_value:
            parts.append(self.tr("cart ≥ %1").replace("%1", _number(rule.min_cart_value)))
        if rule.returning is not None:
            parts.append(self.tr("returning visitors") if rule.returning else self.tr("first visits"))
        if rule.referrer:
            parts.append(self.tr("coming from “%1”").replace("%1", rule.referrer))
        if rule.keyword:
            parts.append(self.tr("searched for “%1”").replace("%1", rule.keyword))
        if rule.when_away:
            parts.append(self.tr("also while away"))
        return ", ".join(parts)

    # -- loading and showing -------------------------------------------------------------------------

    def reload(self, *, quiet: bool = False) -> None:
        """Load the rules and their figures; a load that a save overtook is ignored. A ``quiet`` one
        (the figures following the visitors) leaves the status line as it is."""
        self._generation += 1
        generation, engine = self._generation, self.ctx.engine
        if not quiet:
            self.status.setText(self.tr("Loading…"))
        self.tasks.run_in_background(
            lambda: load_invitations(engine), lambda data: self._loaded(generation, data, quiet), self._failed
        )

    def on_invitations_changed(self, _event: invitations.InvitationsChanged) -> None:
        """Visitors were shown invitations, chatted or ordered: the figures follow, a burst at once."""
        self._change_timer.start()

    def reload_figures(self) -> None:
        """Reload unless the owner's change is being saved (its own reload would be overtaken)."""
        if self._saving:
            self._change_timer.start()
        else:
            self.reload(quiet=True)

    def _loaded(self, generation: int, data: InvitationsData, quiet: bool = False) -> None:
        if shiboken6.isValid(self) and generation == self._generation:
            self.data = data
            self.loads += 1
            if not quiet:
                self.status.setText("")
            self._show(data)

    def _failed(self, error: BaseException) -> None:
        if shiboken6.isValid(self):
            self.status.setText("")
            self.error.setText(self.tr("The invitations could not be loaded: %1").replace("%1", str(error)))

    def rules(self) -> list[Rule]:
        return list(self.data.rules) if self.data else []

    def _show(self, data: InvitationsData, select_id: str | None = None) -> None:
        select_id = select_id or self._selected_id()
        self.table.blockSignals(True)  # filling the on/off boxes is not the owner ticking them
        self.table.setRowCount(len(data.rules))
        for row, rule in enumerate(data.rules):
            for column, item in enumerate(self._cells(rule, data.stats.get(rule.id))):
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()  # the conditions take the room left, not the last column
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMNS.index("conditions"), QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(bool(data.rules))
        self.empty.setVisible(not data.rules)
        ids = [rule.id for rule in data.rules]
        if select_id in ids:
            self.table.selectRow(ids.index(select_id))
        self._update_buttons()

    def _cells(self, rule: Rule, figures: dict | None) -> list[QTableWidgetItem]:
        figures = figures or invitations.no_figures()
        on = QTableWidgetItem()
        on.setFlags(on.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        on.setCheckState(Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked)
        on.setToolTip(self.tr("Untick to pause the rule without deleting it"))
        name = table_item(rule.name)
        name.setToolTip(plain_tooltip(rule.message_tr or rule.message_en))
        conditions = table_item(self.conditions(rule))
        conditions.setToolTip(plain_tooltip(conditions.text()))
        counts = [table_item(QLocale().toString(figures[key]), align_right=True) for key in COUNTS]
        rate = figures["chat_rate"]
        rate_item = table_item(percent_text(None if rate is None else rate * 100), align_right=True)
        cells = [on, name, conditions, *counts, rate_item]
        if not rule.enabled:  # paused: its figures are history
            for cell in cells[1:]:
                cell.setForeground(QColor(theme.MUTED))
        return cells

    def _selected_id(self) -> str | None:
        row, rules = self.selected_row(), self.rules()
        return rules[row].id if row is not None and row < len(rules) else None

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_buttons(self) -> None:
        row, count = self.selected_row(), len(self.rules())
        chosen = row is not None and not self._saving
        self.buttons["add"].setEnabled(not self._saving and self.data is not None)
        for name in ("edit", "delete"):
            self.buttons[name].setEnabled(chosen)
        self.buttons["up"].setEnabled(chosen and row > 0)
        self.buttons["down"].setEnabled(chosen and row < count - 1)
        self.table.setEnabled(not self._saving)
        if self._confirm_delete and (self._saving or self._confirm_delete != self._selected_id()):
            self._confirm_delete = None  # another rule chosen (a reload of the figures keeps the question)
            self.buttons["delete"].setText(self.tr("Delete"))

    # -- changes -------------------------------------------------------------------------------------

    def add_rule(self) -> None:
        taken = {rule.id for rule in self.rules()}
        rule = Rule(id=invitations.new_rule_id(taken), seconds_on_page=30)
        self._open_editor(rule, lambda new: [*self.rules(), new])

    def edit_rule(self, row: int | None = None) -> None:
        row = self.selected_row() if row is None else row
        rules = self.rules()
        if row is None or not 0 <= row < len(rules):
            return
        self._open_editor(rules[row], lambda new: [new if r.id == new.id else r for r in self.rules()])

    def _open_editor(self, rule: Rule, merged) -> None:
        sender = self.ctx.settings.owner_name or self.ctx.settings.shop_name
        self.editor = InvitationEditor(rule, sender=sender, parent=self)
        self.editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor.accepted.connect(
            lambda editor=self.editor: self.save(merged(editor.rule()), editor.rule().id)
        )
        self.editor.open()

    def delete_rule(self) -> None:
        """First click asks, second click deletes (its figures stay in the store)."""
        rule_id = self._selected_id()
        if rule_id is None:
            return
        if self._confirm_delete != rule_id:
            self._confirm_delete = rule_id
            self.buttons["delete"].setText(self.tr("Delete? Click again"))
            return
        self.save([rule for rule in self.rules() if rule.id != rule_id])

    def move_rule(self, offset: int) -> None:
        """Move the chosen rule up (-1) or down (1): the widget tries the rules in this order."""
        row, rules = self.selected_row(), self.rules()
        if row is None or not 0 <= row + offset < len(rules):
            return
        rules[row], rules[row + offset] = rules[row + offset], rules[row]
        self.save(rules, rules[row + offset].id)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        rules = self.rules()
        if item.column() != COLUMNS.index("on") or not 0 <= item.row() < len(rules):
            return
        on = item.checkState() == Qt.CheckState.Checked
        rules[item.row()] = dataclasses.replace(rules[item.row()], enabled=on)
        self.save(rules, rules[item.row()].id)

    def save(self, rules: list[Rule], select_id: str | None = None) -> None:
        """Store the whole list through core; the relay gets the enabled rules from there."""
        engine, publish = self.ctx.engine, self.ctx.publish
        self._generation += 1  # a load still running read the rules before this save
        self._saving = True
        self._update_buttons()
        self.error.setText("")
        self.status.setText(self.tr("Saving…"))
        self.tasks.run_in_background(
            lambda: invitations.save_rules(engine, publish, rules),
            lambda saved: self._saved(saved, select_id),
            self._save_failed,
        )

    def _saved(self, rules: list[Rule], select_id: str | None) -> None:
        if shiboken6.isValid(self):
            self._saving = False
            self.saves += 1
            self.status.setText(
                self.tr("Saved; the chat widget on your site gets the rules through the web chat server.")
            )
            self.data = dataclasses.replace(self.data, rules=rules)
            self._show(self.data, select_id)

    def _save_failed(self, error: BaseException) -> None:
        if shiboken6.isValid(self):
            self._saving = False
            self.status.setText("")
            self.error.setText(self.tr("Not saved: %1").replace("%1", str(error)))
            self._show(self.data)  # the table as stored (an on/off box goes back)
