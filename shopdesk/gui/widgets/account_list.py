"""The list of one channel's accounts in its dialog (email accounts, Telegram bots), kept by id."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem


class AccountList(QListWidget):
    def fill(self, rows: list[tuple[int, str, str]], select: int | None) -> bool:
        """Show ``rows`` (id, label, tooltip) and select ``select``, or the first when none is asked for.

        False when nothing is selected: the dialog then shows a new, empty account.
        """
        self.blockSignals(True)
        self.clear()
        for account_id, label, tooltip in rows:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, account_id)
            item.setToolTip(tooltip)
            self.addItem(item)
        self.blockSignals(False)
        ids = self.ids()
        if select in ids:
            self.setCurrentRow(ids.index(select))
        elif rows and select is None:
            self.setCurrentRow(0)
        else:
            return False
        return True

    def ids(self) -> list[int]:
        return [self.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.count())]

    @staticmethod
    def id_of(item: QListWidgetItem) -> int:
        return item.data(Qt.ItemDataRole.UserRole)

    def select_none(self) -> None:
        """No row selected, without the selection signals (the dialog shows a new account itself)."""
        self.blockSignals(True)
        self.setCurrentRow(-1)
        self.blockSignals(False)
