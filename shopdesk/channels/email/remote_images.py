"""Fetching an HTML mail's remote images, only after the owner chose "load images" for its sender.

Only http(s), no cookies, a timeout, and caps on each image, on the whole and on how many: a hostile
mail cannot make ShopDesk download without bound. Redirects stay on http(s).
"""

from __future__ import annotations

import logging
import time
import urllib.request
from html.parser import HTMLParser
from urllib.error import URLError
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

TIMEOUT = 10.0
MAX_IMAGE_BYTES = 3 * 1024 * 1024
MAX_TOTAL_BYTES = 12 * 1024 * 1024
MAX_IMAGES = 40
MAX_SECONDS = 30.0  # for all of a message's images together
USER_AGENT = "ShopDesk"


class _Sources(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            src = dict(attrs).get("src") or ""
            if urlsplit(src.strip()).scheme.lower() in ("http", "https"):
                self.urls.append(src.strip())


def image_urls(html: str) -> list[str]:
    """The http(s) ``<img src>`` of ``html``, in order, without repeats."""
    parser = _Sources()
    try:
        parser.feed(html)
        parser.close()
    except Exception:
        return []
    return list(dict.fromkeys(parser.urls))


def _opener() -> urllib.request.OpenerDirector:
    """http(s) only: no file:, ftp: or data: handlers, so not even a redirect can reach them."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPRedirectHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    opener.addheaders = [("User-Agent", USER_AGENT)]
    return opener


def fetch_images(
    urls: list[str],
    *,
    timeout: float = TIMEOUT,
    max_image: int = MAX_IMAGE_BYTES,
    max_total: int = MAX_TOTAL_BYTES,
    max_images: int = MAX_IMAGES,
    max_seconds: float = MAX_SECONDS,
) -> dict[str, bytes]:
    """url -> bytes of each image that came back in time and within the caps; failures are skipped."""
    opener, images, total = _opener(), {}, 0
    deadline = time.monotonic() + max_seconds
    for url in urls[:max_images]:
        if urlsplit(url).scheme.lower() not in ("http", "https") or time.monotonic() > deadline:
            continue
        data = _fetch(opener, url, timeout, min(max_image, max_total - total))
        if data:
            images[url] = data
            total += len(data)
        if total >= max_total:
            break
    return images


def _fetch(opener, url: str, timeout: float, limit: int) -> bytes | None:
    if limit <= 0:
        return None
    try:
        with opener.open(url, timeout=timeout) as response:
            if not response.headers.get_content_type().startswith("image/"):
                return None
            data = response.read(limit + 1)
    except (URLError, OSError, ValueError) as exc:
        log.info("remote image %s not loaded: %s", url[:200], exc)
        return None
    return data if len(data) <= limit else None
