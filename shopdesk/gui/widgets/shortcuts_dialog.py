"""The "?" dialog: every keyboard shortcut of the window, from the one list the window binds."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout

from shopdesk.gui import theme

# (action name the window binds, key, description). Rows without a name are handled by a pane itself.
SHORTCUTS = (
    ("next", "J", QT_TRANSLATE_NOOP("ShortcutsDialog", "Next conversation")),
    ("previous", "K", QT_TRANSLATE_NOOP("ShortcutsDialog", "Previous conversation")),
    ("reply", "R", QT_TRANSLATE_NOOP("ShortcutsDialog", "Reply")),
    ("resolve", "E", QT_TRANSLATE_NOOP("ShortcutsDialog", "Resolve the conversation")),
    ("snooze", "S", QT_TRANSLATE_NOOP("ShortcutsDialog", "Snooze the conversation")),
    ("canned", "/", QT_TRANSLATE_NOOP("ShortcutsDialog", "Insert a canned reply")),
    ("search", "Ctrl+K", QT_TRANSLATE_NOOP("ShortcutsDialog", "Search conversations")),
    (None, "Ctrl+Return", QT_TRANSLATE_NOOP("ShortcutsDialog", "Send the reply")),
    (None, "Esc", QT_TRANSLATE_NOOP("ShortcutsDialog", "Leave the search box")),
    ("shortcuts", "?", QT_TRANSLATE_NOOP("ShortcutsDialog", "Show this list")),
    ("settings", "Ctrl+,", QT_TRANSLATE_NOOP("ShortcutsDialog", "Settings")),
    ("quit", "Ctrl+Q", QT_TRANSLATE_NOOP("ShortcutsDialog", "Quit")),
)
KEYCAP = (
    f"border: 1px solid {theme.BORDER}; border-bottom-width: 2px; border-radius: 5px; "
    f"padding: 2px 8px; background: {theme.PANE}; font-family: monospace; font-weight: 600;"
)


def key_text(key: str) -> str:
    """The key as this platform writes it (Ctrl+K, ⌘K)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) or key


class ShortcutsDialog(QDialog):
    def __init__(self, ctx=None, bridge=None, tasks=None, parent=None) -> None:
        super().__init__(parent)
        self.heading = QLabel(objectName="ShortcutsHeading")
        self.heading.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(8)
        self.descriptions: list[QLabel] = []
        for row, (_name, key, _text) in enumerate(SHORTCUTS):
            cap = QLabel(key_text(key), alignment=Qt.AlignmentFlag.AlignCenter)
            cap.setStyleSheet(KEYCAP)
            description = QLabel()
            self.descriptions.append(description)
            self.grid.addWidget(cap, row, 0, Qt.AlignmentFlag.AlignRight)
            self.grid.addWidget(description, row, 1)
        self.hint = QLabel(wordWrap=True)
        self.hint.setStyleSheet(f"color: {theme.MUTED};")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(14)
        layout.addWidget(self.heading)
        layout.addLayout(self.grid)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.heading.setText(self.tr("Keyboard shortcuts"))
        self.hint.setText(self.tr("Single-letter shortcuts work when you are not typing in a text field."))
        for label, (_name, _key, text) in zip(self.descriptions, SHORTCUTS, strict=True):
            label.setText(QCoreApplication.translate("ShortcutsDialog", text))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def rows(self) -> list[tuple[str, str]]:
        """(key, description) as shown."""
        pairs = zip(SHORTCUTS, self.descriptions, strict=True)
        return [(key_text(key), label.text()) for (_n, key, _t), label in pairs]
