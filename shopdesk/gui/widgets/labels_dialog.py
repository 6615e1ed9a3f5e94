"""A small dialog to set a conversation's labels: tick existing ones or type a new one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)


class LabelsDialog(QDialog):
    """``names()`` gives the ticked labels after the owner presses OK."""

    def __init__(self, all_labels: list[str], current: list[str], parent=None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setSpacing(2)
        for name in sorted(set(all_labels) | set(current), key=str.casefold):
            self._add_item(name, name in current)
        self.new_name = QLineEdit()
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_label)
        row = QHBoxLayout()
        row.addWidget(self.new_name, 1)
        row.addWidget(self.add_button)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.resize(320, 360)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Labels"))
        self.new_name.setPlaceholderText(self.tr("New label"))
        self.add_button.setText(self.tr("Add"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event) -> None:
        # Enter in the "new label" field adds the label instead of closing the dialog.
        if self.new_name.hasFocus() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add_label()
            return
        super().keyPressEvent(event)

    def _add_item(self, name: str, checked: bool) -> None:
        item = QListWidgetItem(name, self.list)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def add_label(self) -> None:
        """Add the typed label (ticked); Enter in the field does this instead of closing the dialog."""
        name = self.new_name.text().strip()
        if not name:
            return
        found = self.list.findItems(name, Qt.MatchFlag.MatchFixedString)
        if found:
            found[0].setCheckState(Qt.CheckState.Checked)
        else:
            self._add_item(name, True)
        self.new_name.clear()

    def names(self) -> list[str]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]
