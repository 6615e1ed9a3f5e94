"""Fetching the images of a mail the owner let in: http(s) only, images only, within size caps."""

from __future__ import annotations

from shopdesk.channels.email.remote_images import fetch_images, image_urls
from tests.helpers.http_listener import http_listener  # noqa: F401


def test_image_urls_are_the_http_sources_in_order():
    html = (
        '<img src="https://a.example/1.png"><img src="cid:x"><img src="http://a.example/2.png">'
        '<img src="https://a.example/1.png"><img src="file:///etc/passwd"><img>'
    )
    assert image_urls(html) == ["https://a.example/1.png", "http://a.example/2.png"]


def test_only_images_within_the_caps_come_back(http_listener):  # noqa: F811
    http_listener.files["/ok.png"] = ("image/png", b"\x89PNG small")
    http_listener.files["/big.png"] = ("image/png", b"x" * 5000)
    http_listener.files["/page.html"] = ("text/html", b"<html>")
    http_listener.redirects["/to-file.png"] = "file:///etc/passwd"
    urls = [http_listener.url(p) for p in ("/ok.png", "/big.png", "/page.html", "/to-file.png", "/gone.png")]
    got = fetch_images([*urls, "file:///etc/passwd", "ftp://a.example/x.png"], max_image=1000)
    assert got == {http_listener.url("/ok.png"): b"\x89PNG small"}
    assert http_listener.requests == ["/ok.png", "/big.png", "/page.html", "/to-file.png", "/gone.png"]


def test_the_number_of_images_is_capped(http_listener):  # noqa: F811
    for n in range(5):
        http_listener.files[f"/{n}.png"] = ("image/png", b"img")
    got = fetch_images([http_listener.url(f"/{n}.png") for n in range(5)], max_images=3)
    assert len(got) == 3 and len(http_listener.requests) == 3
