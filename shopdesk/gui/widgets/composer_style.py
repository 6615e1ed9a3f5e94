"""The composer's look: a white card (yellow for private notes), a blue send button, a toned status line."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

STYLE = """
#composer { background: transparent; }
#composerCard { background: #ffffff; border: 1px solid #d1d5db; border-radius: 10px; }
#composerCard[note="true"] { background: #fffbeb; border-color: #fbbf24; }
#composerCard QPlainTextEdit#composerEditor {
    background: transparent; border: none; color: #111827; font-size: 14px;
    selection-background-color: #bfdbfe; selection-color: #111827;
}
#composerCard QPushButton#modeButton {
    background: transparent; border: none; border-radius: 6px; padding: 4px 10px;
    color: #6b7280; font-weight: 600;
}
#composerCard QPushButton#modeButton:hover { color: #111827; background: #f3f4f6; }
#composerCard QPushButton#modeButton:checked { color: #1d4ed8; background: #eff6ff; }
#composerCard[note="true"] QPushButton#modeButton:checked { color: #92400e; background: #fef3c7; }
#composerCard QLabel { background: transparent; }
#composerCard QLabel#composerRecipient { color: #6b7280; font-size: 12px; }
#composerCard QLabel#composerHint { color: #9ca3af; font-size: 11px; }
#composerCard QLabel#composerWarning {
    color: #92400e; background: #fef3c7; border-radius: 6px; padding: 4px 8px; font-size: 12px;
}
#composerCard QPushButton#toolButton {
    background: transparent; border: 1px solid transparent; border-radius: 6px;
    padding: 4px 8px; color: #4b5563;
}
#composerCard QPushButton#toolButton:hover { background: #f3f4f6; border-color: #e5e7eb; }
#composerCard QPushButton#sendButton {
    background: #2563eb; color: white; border: none; border-radius: 7px;
    padding: 6px 18px; font-weight: 600;
}
#composerCard QPushButton#sendButton:hover { background: #1d4ed8; }
#composerCard QPushButton#sendButton:disabled { background: #93c5fd; }
#composerCard[note="true"] QPushButton#sendButton { background: #d97706; }
#composerCard[note="true"] QPushButton#sendButton:hover { background: #b45309; }
QLabel#composerStatus { padding: 3px 4px; font-size: 12px; color: #4b5563; }
QLabel#composerStatus[tone="info"] { color: #1d4ed8; }
QLabel#composerStatus[tone="ok"] { color: #047857; }
QLabel#composerStatus[tone="warning"] { color: #b45309; font-weight: 600; }
QLabel#composerStatus[tone="error"] { color: #b91c1c; font-weight: 600; }
"""


def set_tone(widget: QWidget) -> None:
    """Re-apply the style sheet to ``widget`` and its children after a dynamic property changed."""
    for each in (widget, *widget.findChildren(QWidget)):
        each.style().unpolish(each)
        each.style().polish(each)
    widget.update()
