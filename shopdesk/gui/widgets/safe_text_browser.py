"""A QTextBrowser for untrusted mail: loads only cid: parts (and images the owner let in); links ask first."""

from __future__ import annotations

import html
from collections.abc import Callable
from urllib.parse import unquote

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QUrl, Signal
from PySide6.QtGui import QCursor, QDesktopServices, QImage, QImageReader, QTextDocument
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QToolTip

OPENABLE = ("http", "https", "mailto")
MAX_IMAGE_PIXELS = 25_000_000  # a hostile image cannot make the view allocate without bound
MAX_IMAGE_WIDTH = 640  # wider images are scaled down to fit a message


def blank_image() -> QImage:
    """What a refused image becomes: one transparent pixel.

    Never a null image or an empty answer: for those QTextDocument falls back to loading the URL itself
    (data: URLs, and local files by path).
    """
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    return image


def decode_image(data: bytes) -> QImage | None:
    """``data`` as an image, scaled to fit a message; None for what is not an image or is too large."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if not size.isValid() or size.width() * size.height() > MAX_IMAGE_PIXELS:
        return None
    image = reader.read()
    if image.isNull():
        return None
    if image.width() > MAX_IMAGE_WIDTH:
        image = image.scaledToWidth(MAX_IMAGE_WIDTH, Qt.TransformationMode.SmoothTransformation)
    return image


class SafeTextBrowser(QTextBrowser):
    """Shows mail HTML inert: nothing loads from the network or the disk, and links ask first.

    ``cid_source(content_id)`` gives the bytes of an inline part; ``remote_images`` holds http(s) images
    fetched in the background after the owner chose "load images" (the browser never fetches any).
    """

    link_hovered = Signal(str)  # the real target of the link under the mouse; "" when none

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.cid_source: Callable[[str], bytes | None] = lambda _cid: None
        self.remote_images: dict[str, bytes] = {}
        self.confirm_link: Callable[[QUrl], bool] = self.ask_to_open  # tests replace these two
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self._decoded: dict[str, QImage] = {}
        self.anchorClicked.connect(self.follow_link)
        self.highlighted.connect(self._on_hovered)

    # --- resources -----------------------------------------------------------------------------

    def loadResource(self, kind: int, url: QUrl):
        """cid: parts and the owner's fetched images; for everything else an answer that loads nothing."""
        if kind != QTextDocument.ResourceType.ImageResource:
            return QByteArray()  # style sheets (<link>, @import) and pages: empty, never read from disk
        return self.image_for(url) or blank_image()

    def image_for(self, url: QUrl) -> QImage | None:
        key = url.toString()
        if key in self._decoded:
            return self._decoded[key]
        scheme = url.scheme().lower()
        data = None
        if scheme == "cid":
            data = self.cid_source(unquote(key[len("cid:") :]))
        elif scheme in ("http", "https"):
            data = self.remote_images.get(key)
        image = decode_image(data) if data else None
        if image is not None:
            self._decoded[key] = image
        return image

    def add_remote_images(self, images: dict[str, bytes]) -> None:
        """Images fetched for the owner, by their URL (keyed as the document will ask for them)."""
        self.remote_images.update({QUrl(url).toString(): data for url, data in images.items()})

    def forget_images(self) -> None:
        """Drop the decoded images (another conversation is shown)."""
        self._decoded.clear()
        self.remote_images.clear()

    # --- links ---------------------------------------------------------------------------------

    def follow_link(self, url: QUrl) -> None:
        """http(s) and mailto open in the system's programs after the owner agreed; nothing else opens."""
        if url.scheme().lower() in OPENABLE and url.isValid() and self.confirm_link(url):
            self.open_url(url)

    def link_target(self, url: QUrl) -> str:
        """The link as it really is (an IDN host in its xn-- form, so a look-alike name shows)."""
        return url.toString(QUrl.ComponentFormattingOption.FullyEncoded)

    def ask_to_open(self, url: QUrl) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Open link?"))
        if url.scheme().lower() == "mailto":
            box.setText(self.tr("Write an email to %1?").replace("%1", html.escape(url.path())))
        else:
            box.setText(
                self.tr("Open this link in your browser? It goes to %1.").replace(
                    "%1", f"<b>{html.escape(url.host(QUrl.ComponentFormattingOption.FullyEncoded))}</b>"
                )
            )
        box.setInformativeText(html.escape(self.link_target(url)))
        box.setTextFormat(Qt.TextFormat.RichText)
        opened = box.addButton(self.tr("Open"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is opened

    def _on_hovered(self, url: QUrl) -> None:
        shown = url.scheme().lower() in OPENABLE
        target = self.link_target(url) if shown else ""
        self.viewport().setToolTip(target)
        if target:
            QToolTip.showText(QCursor.pos(), target, self.viewport())
        else:
            QToolTip.hideText()
        self.link_hovered.emit(target)

    def retranslate(self) -> None:
        """Nothing kept to translate: the question about a link is worded when it is asked."""
