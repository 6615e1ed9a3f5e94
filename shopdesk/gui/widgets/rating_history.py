"""The customer pane's satisfaction history: each answered survey as score, channel, date and comment."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from shopdesk.core.surveys import Rating
from shopdesk.gui import time_text


class RatingHistory(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(4)
        self.ratings: list[Rating] = []

    def set_ratings(self, ratings: list[Rating]) -> None:
        self.ratings = ratings
        while self.rows.count():
            widget = self.rows.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for rating in ratings:
            self.rows.addWidget(self._row(rating))
        self.setVisible(bool(ratings))

    def _row(self, rating: Rating) -> QLabel:
        label = "NPS" if rating.scale == "nps" else "CSAT"
        score = rating.score if rating.score is not None else "—"
        head = f"{label} {score}/{rating.out_of} · {time_text.relative(rating.answered_at)}"
        text = f"{head}\n“{rating.comment}”" if rating.comment else head
        row = QLabel(text, objectName="ratingRow", wordWrap=True)
        row.setTextFormat(Qt.TextFormat.PlainText)  # the comment is the customer's text
        return row
