"""A row of attached files as removable chips (name, size, ✕)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from shopdesk.core.file_refs import FileRef, human_size

STYLE = """
#attachmentChip { background: #f3f4f6; border: 1px solid #e5e7eb; border-radius: 6px; }
#attachmentChip QLabel { color: #374151; font-size: 12px; }
#attachmentChip QLabel#chipSize { color: #9ca3af; }
#attachmentChip QToolButton { border: none; color: #6b7280; padding: 0 2px; }
#attachmentChip QToolButton:hover { color: #dc2626; }
"""


class AttachmentChips(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self._refs: list[FileRef] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._layout.addStretch(1)
        self.hide()

    def refs(self) -> list[FileRef]:
        return list(self._refs)

    def add(self, ref: FileRef) -> None:
        if any(r.sha256 == ref.sha256 and r.name == ref.name for r in self._refs):
            return
        self._refs.append(ref)
        self._rebuild()

    def remove(self, ref: FileRef) -> None:
        self._refs = [r for r in self._refs if r != ref]
        self._rebuild()

    def clear(self) -> None:
        self._refs = []
        self._rebuild()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._rebuild()
        super().changeEvent(event)

    def _rebuild(self) -> None:
        while self._layout.count() > 1:
            self._layout.takeAt(0).widget().deleteLater()
        for ref in self._refs:
            self._layout.insertWidget(self._layout.count() - 1, self._chip(ref))
        self.setVisible(bool(self._refs))
        self.changed.emit()

    def _chip(self, ref: FileRef) -> QFrame:
        chip = QFrame(objectName="attachmentChip")
        row = QHBoxLayout(chip)
        row.setContentsMargins(8, 2, 4, 2)
        row.setSpacing(6)
        row.addWidget(QLabel(ref.name))
        row.addWidget(QLabel(human_size(ref.size), objectName="chipSize"))
        remove = QToolButton(text="✕")
        remove.setCursor(Qt.CursorShape.PointingHandCursor)
        remove.setToolTip(self.tr("Remove %1").replace("%1", ref.name))
        remove.clicked.connect(lambda: self.remove(ref))
        row.addWidget(remove)
        return chip
