"""The composer's text field: Ctrl+Enter sends, Enter breaks the line, "/word" asks for canned replies."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from shopdesk.core.canned import VARIABLE
from shopdesk.gui.widgets.variable_highlighter import VariableHighlighter

MAX_SHORTCUT_CHARS = 40
PICKER_KEYS = {
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
    Qt.Key.Key_Return: "choose",
    Qt.Key.Key_Enter: "choose",
    Qt.Key.Key_Tab: "choose",
}
SEND_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ReplyEditor(QPlainTextEdit):
    """Reports the "/word" being typed (``slash_changed``); while the picker is open its keys go there."""

    send_requested = Signal()
    focus_lost = Signal()
    slash_changed = Signal(object)  # (position of "/", typed prefix) or None
    picker_key = Signal(str)  # "up", "down", "choose"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker_open = False
        self._dismissed_at: int | None = None
        self._last_token: tuple[int, str] | None = None
        self.highlighter = VariableHighlighter(self.document())
        self.setTabChangesFocus(False)
        self.textChanged.connect(self._check_slash)
        self.cursorPositionChanged.connect(self._check_slash)

    def slash_token(self) -> tuple[int, str] | None:
        """The "/word" right before the cursor, when "/" starts the text or follows whitespace."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            return None
        before = cursor.block().text()[: cursor.positionInBlock()]
        slash = before.rfind("/")
        word = before[slash + 1 :]
        if slash < 0 or len(word) > MAX_SHORTCUT_CHARS or any(ch.isspace() for ch in word):
            return None
        if slash > 0 and not before[slash - 1].isspace():
            return None
        return cursor.block().position() + slash, word

    def dismiss_slash(self) -> None:
        """Esc: close the picker until another "/" is typed."""
        token = self.slash_token()
        self._dismissed_at = token[0] if token else None
        self._emit_token(None)

    def forget_token(self) -> None:
        """The picker was closed from outside; report the "/word" again on the next change."""
        self._last_token = None

    def insert_rendered(self, text: str, *, replace_from: int | None, missing: tuple[str, ...] = ()) -> None:
        """Insert ``text`` (over "/word" when ``replace_from`` is given) and select the first
        variable still to fill, so typing replaces it."""
        cursor = self.textCursor()
        if replace_from is not None:
            cursor.setPosition(replace_from, QTextCursor.MoveMode.KeepAnchor)
        start = cursor.selectionStart()
        cursor.insertText(text)
        end = cursor.position()
        self._dismissed_at = None
        for match in VARIABLE.finditer(self.toPlainText(), start, end):
            if match.group(1) in missing:
                cursor.setPosition(match.start())
                cursor.setPosition(match.end(), QTextCursor.MoveMode.KeepAnchor)
                break
        self.setTextCursor(cursor)
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        control = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if self.picker_open and not control:
            if key in PICKER_KEYS:
                self.picker_key.emit(PICKER_KEYS[key])
                return
            if key == Qt.Key.Key_Escape:
                self.dismiss_slash()
                return
        if key in SEND_KEYS and control:
            self.send_requested.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.focus_lost.emit()
        super().focusOutEvent(event)

    def _check_slash(self) -> None:
        token = self.slash_token()
        if token is None:
            self._dismissed_at = None
        elif token[0] == self._dismissed_at:
            return
        self._emit_token(token)

    def _emit_token(self, token: tuple[int, str] | None) -> None:
        if token != self._last_token:
            self._last_token = token
            self.slash_changed.emit(token)
