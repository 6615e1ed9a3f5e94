"""The canned replies manager: a list and an editor (title, shortcut, language, body, files, FAQ, preview)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.core import canned
from shopdesk.core.db import read_session
from shopdesk.core.file_refs import dump_refs, parse_refs, store_file
from shopdesk.core.models import CannedReply
from shopdesk.gui import theme
from shopdesk.gui.widgets.attachment_chips import AttachmentChips
from shopdesk.gui.widgets.canned_manager_style import STYLE
from shopdesk.gui.widgets.canned_picker import CannedReplyDelegate
from shopdesk.gui.widgets.canned_preview import SAMPLE_CUSTOMER, CannedPreview
from shopdesk.gui.widgets.variable_highlighter import VariableHighlighter

LANGUAGES = ("", "tr", "en")
QUESTIONS_EXAMPLE = "Kargom ne zaman gelir?\nWhen will my order arrive?"  # customers' words, either language
FAQ_STYLE = f"""
QLabel#faqHint {{ color: {theme.MUTED}; font-size: 12px; }}
QLabel#faqWarning {{ color: {theme.WARNING}; font-size: 12px; }}
#cannedManager QPlainTextEdit:disabled {{ background: {theme.PANE}; color: {theme.FAINT}; }}
"""


class CannedManagerDialog(QDialog):
    """Create, edit and delete canned replies; saves run in the background."""

    def __init__(self, ctx, bridge, tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.bridge, self.tasks = ctx, bridge, tasks
        self.current_id: int | None = None
        self._confirm_delete = False
        self._loading = False
        self.setObjectName("cannedManager")
        self.setStyleSheet(STYLE + FAQ_STYLE)
        self.resize(920, 700)
        self._build()
        self.retranslate()
        bridge.canned_changed.connect(self.on_canned_changed)
        self.reload()
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.start_new()

    # -- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.filter = QLineEdit(objectName="cannedFilter")
        self.new_button = QPushButton(objectName="secondaryButton")
        self.list = QListWidget(objectName="cannedList")
        self.list.setItemDelegate(FaqMarkDelegate(self.list))
        self.heading = QLabel(objectName="editorHeading")
        self.title = QLineEdit()
        self.shortcut = QLineEdit()
        self.language = QComboBox()
        self.shortcut_error = QLabel(objectName="fieldError", wordWrap=True)
        self.shortcut_error.hide()
        self.body = QPlainTextEdit(objectName="cannedBody")
        self.highlighter = VariableHighlighter(self.body.document())
        self.variable_buttons = [QPushButton(objectName="variableChip") for _ in canned.VARIABLES]
        self.insert_label = QLabel(objectName="insertLabel")
        self.attachments = AttachmentChips()
        self.add_file_button = QPushButton(objectName="secondaryButton")
        self.faq = QCheckBox()
        self.faq_hint = QLabel(objectName="faqHint", wordWrap=True)
        self.questions_label = QLabel(objectName="faqHint")
        self.questions = QPlainTextEdit(objectName="faqQuestions")
        self.faq_warning = QLabel(objectName="faqWarning", wordWrap=True)
        self.preview_title = QLabel(objectName="sectionTitle")
        self.preview = CannedPreview(self.ctx.settings)
        self.status = QLabel(objectName="editorStatus")
        self.delete_button = QPushButton(objectName="dangerButton")
        self.save_button = QPushButton(objectName="primaryButton")
        self.close_button = QPushButton(objectName="secondaryButton")
        self.labels = {
            key: QLabel(objectName="fieldLabel")
            for key in ("title", "shortcut", "language", "body", "files", "faq")
        }

        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left = QWidget(objectName="cannedListPane")
        left.setMinimumWidth(280)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 12, 8, 12)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.new_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.list, 1)

        shortcut_row = QHBoxLayout()
        slash = QLabel("/", objectName="slashPrefix")
        shortcut_row.addWidget(slash)
        shortcut_row.addWidget(self.shortcut, 1)
        shortcut_row.addSpacing(12)
        shortcut_row.addWidget(self.labels["language"])
        shortcut_row.addWidget(self.language)
        chips = QHBoxLayout()
        chips.setSpacing(4)
        chips.addWidget(self.insert_label)
        for button in self.variable_buttons:
            chips.addWidget(button)
        chips.addStretch(1)
        files = QHBoxLayout()
        files.addWidget(self.attachments)
        files.addWidget(self.add_file_button)
        files.addStretch(1)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.labels["title"], self.title)
        form.addRow(self.labels["shortcut"], shortcut_row)
        form.addRow("", self.shortcut_error)
        form.addRow(self.labels["body"], chips)
        form.addRow("", self.body)
        form.addRow(self.labels["files"], files)
        form.addRow(self.labels["faq"], self._faq_box())
        actions = QHBoxLayout()
        actions.addWidget(self.delete_button)
        actions.addWidget(self.status, 1)
        actions.addWidget(self.save_button)

        right = QWidget(objectName="cannedEditorPane")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(16, 12, 16, 12)
        right_layout.addWidget(self.heading)
        right_layout.addLayout(form, 1)
        right_layout.addSpacing(6)
        right_layout.addWidget(self.preview_title)
        right_layout.addWidget(self.preview)
        right_layout.addLayout(actions)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([320, 600])
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        footer = QWidget(objectName="dialogFooter")
        bottom = QHBoxLayout(footer)
        bottom.setContentsMargins(12, 8, 12, 8)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(splitter, 1)
        layout.addWidget(footer)
        self._connect()

    def _faq_box(self) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(3)
        box.addWidget(self.faq)
        box.addWidget(self.faq_hint)
        box.addSpacing(3)
        box.addWidget(self.questions_label)
        box.addWidget(self.questions)
        box.addWidget(self.faq_warning)
        self.questions.setPlaceholderText(QUESTIONS_EXAMPLE)
        self.questions.setFixedHeight(4 * self.questions.fontMetrics().lineSpacing() + 16)
        self.faq_warning.hide()
        return box

    def _connect(self) -> None:
        self.filter.textChanged.connect(lambda _: self.reload())
        self.new_button.clicked.connect(self.start_new)
        self.list.currentItemChanged.connect(self._on_current_changed)
        for variable, button in zip(canned.VARIABLES, self.variable_buttons, strict=True):
            button.clicked.connect(lambda _=False, v=variable: self.insert_variable(v))
        for edit in (self.title, self.shortcut):
            edit.textEdited.connect(lambda _: self._edited())
        self.language.currentIndexChanged.connect(lambda _: self._edited())
        self.body.textChanged.connect(self._edited)
        self.faq.toggled.connect(lambda _: (self._update_faq(), self._edited()))
        self.questions.textChanged.connect(self._edited)
        self.attachments.changed.connect(self._edited)
        self.add_file_button.clicked.connect(self._choose_files)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.close_button.clicked.connect(self.accept)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Canned replies"))
        self.filter.setPlaceholderText(self.tr("Search canned replies"))
        self.new_button.setText(self.tr("+ New"))
        self.labels["title"].setText(self.tr("Title"))
        self.labels["shortcut"].setText(self.tr("Shortcut"))
        self.labels["language"].setText(self.tr("Language"))
        self.labels["body"].setText(self.tr("Reply"))
        self.labels["files"].setText(self.tr("Files"))
        self.title.setPlaceholderText(self.tr("Shipping times"))
        self.shortcut.setPlaceholderText(self.tr("shipping"))
        self.body.setPlaceholderText(self.tr("Hello {{contact.first_name}}, …"))
        self.insert_label.setText(self.tr("Insert:"))
        names = (
            self.tr("First name"),
            self.tr("Full name"),
            self.tr("Shop name"),
            self.tr("Your name"),
            self.tr("Conversation no."),
        )
        for variable, button, name in zip(canned.VARIABLES, self.variable_buttons, names, strict=True):
            button.setText(f"+ {name}")
            button.setToolTip(self.tr("Insert {{%1}} at the cursor").replace("%1", variable))
        index = max(self.language.currentIndex(), 0)
        self.language.blockSignals(True)
        self.language.clear()
        for code, name in zip(LANGUAGES, (self.tr("Any"), "Türkçe", "English"), strict=True):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(index)
        self.language.blockSignals(False)
        self.add_file_button.setText(self.tr("Add file…"))
        self.labels["faq"].setText(self.tr("FAQ"))
        self.faq.setText(self.tr("Answer as FAQ"))
        self.faq_hint.setText(
            self.tr("Let the FAQ bot send this when a customer asks one of these questions.")
        )
        self.questions_label.setText(self.tr("Example questions (one per line)"))
        self.questions.setToolTip(
            self.tr("Write them the way customers do, in Turkish and English; the title counts as one too.")
        )
        self.faq_warning.setText(
            self.tr("The bot sends the reply as written: {{variables}} are not filled in for it.")
        )
        self.preview_title.setText(self.tr("PREVIEW FOR %1").replace("%1", SAMPLE_CUSTOMER.upper()))
        self.save_button.setText(self.tr("Save"))
        self.close_button.setText(self.tr("Close"))
        self._update_heading()
        self._update_delete_button()
        self._update_preview()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- list ---------------------------------------------------------------------------------------

    def reload(self) -> None:
        """List the replies that match the search box; keeps the selection."""
        with read_session(self.ctx.engine) as session:
            replies = canned.list_canned(session, prefix=self.filter.text().strip().lstrip("/"))
        self.list.blockSignals(True)
        self.list.clear()
        for reply in replies:
            item = QListWidgetItem(f"/{reply.shortcut} {reply.title}")
            item.setData(Qt.ItemDataRole.UserRole, reply)
            self.list.addItem(item)
            if reply.id == self.current_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def shortcuts(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole).shortcut for i in range(self.list.count())]

    def select(self, canned_id: int) -> bool:
        for row in range(self.list.count()):
            reply = self.list.item(row).data(Qt.ItemDataRole.UserRole)
            if reply.id == canned_id:
                if self.list.currentRow() == row:
                    self.load(reply)
                self.list.setCurrentRow(row)
                return True
        return False

    def on_canned_changed(self, _event) -> None:
        self.reload()

    def _on_current_changed(self, current: QListWidgetItem | None, _previous) -> None:
        if current is not None:
            self.load(current.data(Qt.ItemDataRole.UserRole))

    # -- editor -------------------------------------------------------------------------------------

    def start_new(self) -> None:
        """An empty editor for a new reply."""
        self.list.setCurrentRow(-1)
        self.load(None)
        self.title.setFocus()

    def load(self, reply: CannedReply | None) -> None:
        self._loading = True
        self.current_id = reply.id if reply else None
        self.title.setText(reply.title if reply else "")
        self.shortcut.setText(reply.shortcut if reply else "")
        self.language.setCurrentIndex(max(self.language.findData(reply.language if reply else ""), 0))
        self.body.setPlainText(reply.body if reply else "")
        self.faq.setChecked(bool(reply and reply.is_faq))
        self.questions.setPlainText(reply.questions if reply else "")
        self.attachments.clear()
        for ref in parse_refs(reply.attachments_json if reply else "[]"):
            self.attachments.add(ref)
        self._loading = False
        self._confirm_delete = False
        self.shortcut_error.hide()
        self._set_status("")
        self._update_heading()
        self._update_delete_button()
        self._update_preview()
        self._update_faq()

    def insert_variable(self, variable: str) -> None:
        self.body.insertPlainText(f"{{{{{variable}}}}}")
        self.body.setFocus()

    def add_files(self, paths) -> None:
        for path in paths:
            self.tasks.run_in_background(
                lambda p=path: store_file(self.ctx.blobs, p),
                on_done=self.attachments.add,
                on_error=lambda exc: self._set_status(str(exc), error=True),
            )

    def save(self) -> None:
        fields = {
            "title": self.title.text().strip(),
            "shortcut": self.shortcut.text().strip().lstrip("/"),
            "language": self.language.currentData() or "",
            "body": self.body.toPlainText(),
            "attachments_json": dump_refs(self.attachments.refs()),
            "is_faq": self.faq.isChecked(),
            "questions": _one_per_line(self.questions.toPlainText()),
        }
        problem = self._problem(fields)
        if problem:
            self._show_error(problem)
            return
        self.save_button.setEnabled(False)
        canned_id = self.current_id
        self.tasks.run_in_background(
            lambda: canned.save_canned(self.ctx.engine, self.ctx.publish, canned_id=canned_id, **fields),
            on_done=self._saved,
            on_error=self._save_failed,
        )

    def delete(self) -> None:
        """First click asks, second click deletes."""
        if self.current_id is None:
            return
        if not self._confirm_delete:
            self._confirm_delete = True
            self._update_delete_button()
            return
        canned_id = self.current_id
        self.tasks.run_in_background(
            lambda: canned.delete_canned(self.ctx.engine, self.ctx.publish, canned_id=canned_id),
            on_done=lambda _: (self.reload(), self.start_new(), self._set_status(self.tr("Deleted."))),
        )

    # -- internals ----------------------------------------------------------------------------------

    def _problem(self, fields: dict) -> str:
        if not fields["title"]:
            return self.tr("Give the reply a title.")
        if not fields["shortcut"] or any(ch.isspace() for ch in fields["shortcut"]):
            return self.tr("A shortcut is one word, like “shipping”.")
        if not fields["body"].strip():
            return self.tr("Write the reply.")
        with read_session(self.ctx.engine) as session:
            for reply in canned.list_canned(session):
                if reply.shortcut == fields["shortcut"] and reply.id != self.current_id:
                    text = self.tr("The shortcut /%1 is already used by “%2”.")
                    return text.replace("%1", reply.shortcut).replace("%2", reply.title)
        return ""

    def _saved(self, canned_id: int) -> None:
        self.save_button.setEnabled(True)
        self.current_id = canned_id
        self.reload()
        self.select(canned_id)
        self._set_status(self.tr("Saved."))

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self._show_error(str(exc))

    def _show_error(self, text: str) -> None:
        self.shortcut_error.setText(text)
        self.shortcut_error.show()

    def _edited(self) -> None:
        if self._loading:
            return
        self.shortcut_error.hide()
        self._set_status(self.tr("Unsaved changes"))
        self._update_preview()
        self._update_faq()

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add files to the reply"))
        self.add_files(paths)

    def _update_heading(self) -> None:
        self.heading.setText(self.tr("Edit canned reply") if self.current_id else self.tr("New canned reply"))

    def _update_delete_button(self) -> None:
        self.delete_button.setVisible(self.current_id is not None)
        self.delete_button.setText(
            self.tr("Click again to delete") if self._confirm_delete else self.tr("Delete")
        )

    def _update_faq(self) -> None:
        """The questions are edited only for a FAQ; a FAQ's variables would reach the customer unfilled."""
        on = self.faq.isChecked()
        self.questions.setEnabled(on)
        self.questions_label.setEnabled(on)
        self.faq_warning.setVisible(on and bool(canned.VARIABLE.search(self.body.toPlainText())))

    def _update_preview(self) -> None:
        self.preview.show_body(self.body.toPlainText())

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setProperty("error", error)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)


def _one_per_line(text: str) -> str:
    """The example questions as stored: one per line, without blank lines or stray spaces."""
    return "\n".join(filter(None, (line.strip() for line in text.splitlines())))


class FaqMarkDelegate(CannedReplyDelegate):
    """The picker's rows, with a "FAQ" mark at the right of the replies the FAQ bot may send."""

    MARK_WIDTH = 34
    SELECTED, HOVER = "#eff6ff", "#f9fafb"  # the picker's row colours, for the strip the mark sits in

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        reply: CannedReply = index.data(Qt.ItemDataRole.UserRole)
        if not reply.is_faq:
            super().paint(painter, option, index)
            return
        rect = option.rect
        strip = QRect(rect.right() - self.MARK_WIDTH + 1, rect.top(), self.MARK_WIDTH, rect.height())
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(strip, QColor(self.SELECTED))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(strip, QColor(self.HOVER))
        inner = QStyleOptionViewItem(option)
        inner.rect = rect.adjusted(0, 0, -self.MARK_WIDTH, 0)  # the title and language make room
        super().paint(painter, inner, index)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.8)
        small.setWeight(QFont.Weight.DemiBold)
        painter.setFont(small)
        mark = QRect(rect.right() - self.MARK_WIDTH, rect.top() + 7, self.MARK_WIDTH - 6, 15)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#dcfce7"))
        painter.drawRoundedRect(mark, 4, 4)
        painter.setPen(QColor("#166534"))
        painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, self.tr("FAQ"))
        painter.restore()
