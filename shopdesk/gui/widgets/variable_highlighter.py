"""Marks {{variables}} left in a text, so a value the owner still has to fill cannot be missed."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from shopdesk.core.canned import VARIABLE


def unfilled_variables(text: str) -> list[str]:
    """The ``{{variables}}`` still in ``text``, once each, in order."""
    return list(dict.fromkeys(m.group(1) for m in VARIABLE.finditer(text)))


class VariableHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._format = QTextCharFormat()
        self._format.setBackground(QColor("#fde68a"))
        self._format.setForeground(QColor("#92400e"))
        self._format.setFontWeight(QFont.Weight.DemiBold)

    def highlightBlock(self, text: str) -> None:
        for match in VARIABLE.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self._format)
