"""HTML mail made inert (nh3): no scripts, no remote loads, safe links; and HTML turned into plain text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

TAGS = {
    "a", "abbr", "address", "b", "bdi", "bdo", "big", "blockquote", "br", "caption", "center", "cite",
    "code", "col", "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em", "font", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small",
    "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt",
    "u", "ul", "var",
}  # fmt: skip
# Removed together with everything inside them (a plain unknown tag is dropped but its text kept).
DROP_WITH_CONTENT = {
    "script", "style", "title", "head", "noscript", "template", "iframe", "frame", "frameset", "object",
    "embed", "applet", "svg", "math", "select", "textarea", "button", "audio", "video", "canvas",
}  # fmt: skip
_CELL = {"align", "valign", "width", "height", "bgcolor", "colspan", "rowspan", "nowrap"}
ATTRIBUTES = {
    "*": {"style", "title", "dir", "lang", "align"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height", "border"},
    "font": {"color", "size", "face"},
    "table": {"width", "border", "cellpadding", "cellspacing", "bgcolor", "summary"},
    "td": _CELL,
    "th": _CELL,
    "tr": {"valign", "bgcolor"},
    "col": {"width", "span"},
    "colgroup": {"width", "span"},
    "ol": {"start", "type"},
    "ul": {"type"},
    "li": {"value"},
    "blockquote": {"cite"},
}
# Properties that cannot load anything; a style that mentions url(), expression() or a CSS escape is
# dropped whole before nh3 filters the rest.
STYLE_PROPERTIES = {
    "color", "background-color", "font", "font-family", "font-size", "font-style", "font-weight",
    "text-align", "text-decoration", "text-indent", "text-transform", "line-height", "letter-spacing",
    "vertical-align", "white-space", "direction", "width", "max-width", "min-width", "height",
    "margin", "margin-top", "margin-bottom", "margin-left", "margin-right", "padding", "padding-top",
    "padding-bottom", "padding-left", "padding-right", "border", "border-top", "border-bottom",
    "border-left", "border-right", "border-color", "border-style", "border-width", "border-collapse",
    "border-spacing", "display",
}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto", "cid"}
_UNSAFE_STYLE = re.compile(r"url\s*\(|expression\s*\(|\\|@import|javascript:|behavior\s*:|-moz-binding", re.I)
_REMOTE = re.compile(r"^\s*(?:https?:)?//", re.I)


@dataclass(frozen=True)
class SafeHtml:
    """Sanitised HTML, and how many remote images were taken out (the view may offer "load images")."""

    html: str
    blocked_images: int = 0


def sanitise(html: str, *, remote_images: bool = False) -> SafeHtml:
    """``html`` with only a safe subset left: see the module constants. Images load only from ``cid:``
    parts unless ``remote_images`` (the owner's per-sender choice) lets http(s) ones through."""
    blocked = 0

    def keep(tag: str, attribute: str, value: str) -> str | None:
        nonlocal blocked
        if attribute == "style":
            return None if _UNSAFE_STYLE.search(value) else value
        if tag == "img" and attribute == "src":
            if value.strip().lower().startswith("cid:"):
                return value
            if _REMOTE.match(value):
                blocked += 0 if remote_images else 1
                return value if remote_images else None
            return None
        if attribute == "href" and value.strip().lower().startswith("cid:"):
            return None
        return value

    cleaned = nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=keep,
        url_schemes=URL_SCHEMES,
        url_relative="deny",
        filter_style_properties=STYLE_PROPERTIES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return SafeHtml(cleaned, blocked)


_BLOCKS = {
    "p", "div", "table", "tr", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
    "blockquote", "address", "center", "section", "article", "header", "footer", "hr", "form", "fieldset",
}  # fmt: skip
_PARAGRAPHS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "pre", "ul", "ol"}
_SKIP = {"script", "style", "head", "title", "noscript", "template", "svg", "math", "select", "option"}


class _TextWriter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0
        self.pre = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "br":
            self.out.append("\n")
        elif tag == "li":
            self.out.append("\n• ")
        elif tag in ("td", "th"):
            self.out.append(" ")
        elif tag in _BLOCKS:
            self.out.append("\n\n" if tag in _PARAGRAPHS else "\n")
        self.pre += tag == "pre"

    def handle_startendtag(self, tag, attrs):
        if tag == "br" or tag == "hr":
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.out.append("\n\n" if tag in _PARAGRAPHS else "\n")
        if tag == "pre":
            self.pre = max(0, self.pre - 1)

    def handle_data(self, data):
        if self.skipping:
            return
        self.out.append(data if self.pre else re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Readable plain text of an HTML mail (for HTML-only messages, previews and search)."""
    writer = _TextWriter()
    try:
        writer.feed(html)
        writer.close()
        text = "".join(writer.out)
    except Exception:  # HTMLParser is lenient, but a text view must never fail
        text = re.sub(r"<[^>]*>", " ", html)
    lines = [line.strip() for line in text.replace("\xa0", " ").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
