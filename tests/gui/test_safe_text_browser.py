"""The mail browser loads nothing from the network or the disk, shows cid: parts, and asks before links."""

from __future__ import annotations

import base64

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QTextBrowser

from shopdesk.gui.widgets.safe_text_browser import SafeTextBrowser, decode_image
from tests.helpers.http_listener import http_listener  # noqa: F401
from tests.helpers.pictures import drawn, png

RED, GREEN, BLUE = "#ff0000", "#00ff00", "#0000ff"


def hostile_page(listener, tmp_path) -> str:
    local = tmp_path / "green.png"
    local.write_bytes(png(GREEN))
    data = "data:image/png;base64," + base64.b64encode(png(BLUE)).decode()
    return f"""
    <html><head>
    <link rel="stylesheet" href="{listener.url("/linked.css")}">
    <style>@import url({listener.url("/imported.css")});
    p {{ background-image: url({listener.url("/bg.png")}) }}</style>
    </head><body background="{listener.url("/body.png")}">
    <p>Merhaba</p>
    <img src="{listener.url("/pixel.png")}" width="1" height="1">
    <p style="background-image:url({listener.url("/inline-bg.png")})">kampanya</p>
    <table background="{listener.url("/table.png")}"><tr><td>tablo</td></tr></table>
    <img src="file://{local}"> <img src="{local}"> <img src="{data}">
    <img src="cid:logo@lale">
    </body></html>"""


@pytest.fixture
def browser(qtbot):
    view = SafeTextBrowser()
    qtbot.addWidget(view)
    view.resize(500, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_hostile_page_loads_nothing_but_its_cid_part(qtbot, browser, http_listener, tmp_path):  # noqa: F811
    http_listener.files["/pixel.png"] = ("image/png", png(GREEN))
    asked = []
    browser.cid_source = lambda cid: asked.append(cid) or (png(RED) if cid == "logo@lale" else None)
    browser.setHtml(hostile_page(http_listener, tmp_path))
    QApplication.processEvents()
    assert drawn(browser, RED)  # the cid: part is shown
    assert not drawn(browser, GREEN)  # the local file is not
    assert not drawn(browser, BLUE)  # nor the data: image
    assert asked == ["logo@lale"]
    assert http_listener.requests == []


def test_a_plain_qtextbrowser_would_have_loaded_the_file_and_data_images(qtbot, http_listener, tmp_path):  # noqa: F811
    """The control: the check above does see images that load (so its "not drawn" means something)."""
    plain = QTextBrowser()
    qtbot.addWidget(plain)
    plain.resize(500, 500)
    plain.setHtml(hostile_page(http_listener, tmp_path))
    plain.show()
    QApplication.processEvents()
    assert drawn(plain, GREEN) and drawn(plain, BLUE)


def test_images_the_owner_let_in_are_shown_from_memory(qtbot, browser, http_listener):  # noqa: F811
    url = http_listener.url("/banner.png?kampanya=yaz&id=1")
    browser.add_remote_images({url: png(BLUE)})
    src = url.replace("&", "&amp;")
    browser.setHtml(f'<img src="{src}"><img src="{http_listener.url("/other.png")}">')
    QApplication.processEvents()
    assert drawn(browser, BLUE)
    assert http_listener.requests == []  # the browser itself never fetches


def test_oversized_or_broken_images_are_refused():
    assert decode_image(b"not an image") is None
    assert decode_image(png(RED, 10, 10)).width() == 10
    assert decode_image(png(RED, 1200, 20)).width() == 640  # scaled to fit a message


def click_link(qtbot, browser, text: str) -> None:
    cursor = browser.document().find(text)
    assert not cursor.isNull(), text
    cursor.setPosition(cursor.selectionStart() + 1)
    point = browser.cursorRect(cursor).center()
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_links_ask_first_and_open_only_web_and_mail(qtbot, browser):
    asked, opened, answer = [], [], [False]
    browser.confirm_link = lambda url: asked.append(url.toString()) or answer[0]
    browser.open_url = lambda url: opened.append(url.toString())
    browser.setHtml(
        '<p><a href="https://kargo.example.com/takip?no=1">Kargo takibi</a></p>'
        '<p><a href="javascript:alert(1)">tikla</a></p>'
        '<p><a href="file:///etc/passwd">dosya</a></p>'
    )
    click_link(qtbot, browser, "tikla")
    click_link(qtbot, browser, "dosya")
    assert asked == [] and opened == []
    click_link(qtbot, browser, "Kargo takibi")
    assert asked == ["https://kargo.example.com/takip?no=1"] and opened == []  # the owner said no
    answer[0] = True
    click_link(qtbot, browser, "Kargo takibi")
    assert opened == ["https://kargo.example.com/takip?no=1"]
    browser.anchorClicked.emit(QUrl("mailto:ayse@example.com.tr"))
    assert opened[-1] == "mailto:ayse@example.com.tr"
    assert browser.toPlainText().count("Kargo takibi") == 1  # nothing navigated away


def test_hovering_a_link_shows_its_real_target(qtbot, browser):
    with qtbot.waitSignal(browser.link_hovered) as hovered:
        browser.highlighted.emit(QUrl("https://pаypal.com/giris"))  # a Cyrillic "а"
    assert hovered.args == ["https://xn--pypal-4ve.com/giris"]
    assert browser.viewport().toolTip() == "https://xn--pypal-4ve.com/giris"
    browser.highlighted.emit(QUrl("javascript:alert(1)"))
    assert browser.viewport().toolTip() == ""


def test_the_question_names_the_real_site(qtbot, browser):
    seen = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        seen.append((box.text(), box.informativeText()))
        box.reject()

    QTimer.singleShot(0, answer)
    assert browser.ask_to_open(QUrl("https://kargo.example.com/takip?no=1")) is False
    text, detail = seen[0]
    assert "kargo.example.com" in text and "takip?no=1" in detail
