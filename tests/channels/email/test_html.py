from html.parser import HTMLParser

import pytest

from shopdesk.channels.email.html import html_to_text, sanitise

SPY = "http://127.0.0.1:8123/spy"


class _Inventory(HTMLParser):
    """Every tag and attribute the sanitised HTML still has."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]


HOSTILE = {
    "script": f'<script src="{SPY}/s.js">fetch("{SPY}")</script>',
    "inline script": "<script>alert(1)</script>",
    "iframe": f'<iframe src="{SPY}/frame"></iframe>',
    "onerror": f'<img src="x" onerror="fetch(\'{SPY}\')">',
    "onload body": f"<body onload=\"fetch('{SPY}')\">x</body>",
    "onmouseover": f"<p onmouseover=\"fetch('{SPY}')\">x</p>",
    "javascript link": "<a href=\"javascript:fetch('x')\">click</a>",
    "javascript link, spaced and mixed case": '<a href=" JaVaScRiPt:alert(1)">click</a>',
    "data link": '<a href="data:text/html,<script>alert(1)</script>">click</a>',
    "remote image": f'<img src="{SPY}/pixel.gif" width="1" height="1">',
    "protocol-relative image": '<img src="//127.0.0.1:8123/spy/p.gif">',
    "css url()": f'<div style="background-image: url({SPY}/bg.png)">x</div>',
    "css url() escaped": '<div style="background: u\\72l(//127.0.0.1:8123/spy)">x</div>',
    "css expression": '<div style="width: expression(alert(1))">x</div>',
    "style block import": f"<style>@import url({SPY}/x.css); p {{ color: red }}</style><p>x</p>",
    "link stylesheet": f'<link rel="stylesheet" href="{SPY}/x.css">',
    "object": f'<object data="{SPY}/o.swf"><param name="movie" value="{SPY}/m"></object>',
    "embed": f'<embed src="{SPY}/e.swf">',
    "form": f'<form action="{SPY}/f" method="post"><input name="card"><button>Send</button></form>',
    "svg script": f"<svg><script>fetch('{SPY}')</script><image href=\"{SPY}/i.png\"/></svg>",
    "svg onload": "<svg onload=\"alert(1)\"><circle r='1'/></svg>",
    "meta refresh": f'<meta http-equiv="refresh" content="0;url={SPY}">',
    "base": f'<base href="{SPY}/"><a href="relative">x</a>',
    "table background": (
        f'<table background="{SPY}/t.png"><tr><td background="{SPY}/td.png">x</td></tr></table>'
    ),
    "video": f'<video src="{SPY}/v.mp4" poster="{SPY}/p.png"></video>',
    "audio": f'<audio src="{SPY}/a.mp3"></audio>',
    "srcset": f'<img srcset="{SPY}/a.png 1x">',
}
DANGEROUS_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "form",
    "svg",
    "style",
    "link",
    "meta",
    "base",
    "video",
}


@pytest.mark.parametrize("html", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_html_is_made_inert(html):
    safe = sanitise(html).html
    found = _Inventory(safe)
    assert not DANGEROUS_TAGS & set(found.tags)
    for tag, name, value in found.attributes:
        assert not name.startswith("on"), (tag, name)
        if (tag, name) == ("a", "href"):
            assert value.lower().startswith(("http:", "https:", "mailto:")), value
        elif (tag, name) == ("img", "src"):
            assert value.startswith("cid:"), value
        assert "127.0.0.1" not in value and "javascript" not in value.lower(), (tag, name, value)
        assert "url(" not in value.lower() and "expression" not in value.lower()
    assert "alert(" not in safe and "fetch(" not in safe


def test_cid_images_stay_and_remote_ones_are_counted():
    html = f'<img src="cid:logo@shop" alt="logo"><img src="{SPY}/a.png"><img src="https://x.example/b.png">'
    result = sanitise(html)
    assert '<img src="cid:logo@shop" alt="logo">' in result.html
    assert result.blocked_images == 2
    assert result.html.count("<img") == 3 and "x.example" not in result.html
    allowed = sanitise(html, remote_images=True)
    assert "https://x.example/b.png" in allowed.html and allowed.blocked_images == 0


def test_links_keep_their_target_and_get_noopener():
    safe = sanitise('<a href="https://shop.example/siparis?id=1" target="_top">Sipariş</a>').html
    assert safe == '<a href="https://shop.example/siparis?id=1" rel="noopener noreferrer">Sipariş</a>'
    assert 'href="mailto:destek@shop.example"' in sanitise('<a href="mailto:destek@shop.example">m</a>').html


def test_safe_formatting_survives():
    html = (
        '<table width="100%" cellpadding="4"><tr><td align="center" bgcolor="#eeeeee">'
        '<font color="#333333"><b>Kargo</b> <i>yolda</i></font></td></tr></table>'
        '<p style="color: red; position: fixed; font-weight: bold">Önemli</p><ul><li>bir</li></ul>'
    )
    safe = sanitise(html).html
    for kept in ('bgcolor="#eeeeee"', '<font color="#333333">', "<b>Kargo</b>", "<li>bir</li>", "color:red"):
        assert kept in safe
    assert "position" not in safe


def test_html_to_text_reads_like_the_mail():
    html = (
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
        "<p>Merhaba&nbsp;Ayşe,</p><p>Siparişiniz <b>yolda</b>.<br>Takip: 123</p>"
        "<ul><li>Kupa</li><li>Tabak</li></ul><script>alert(1)</script>"
        "<table><tr><td>Toplam</td><td>250 TL</td></tr></table></body></html>"
    )
    assert html_to_text(html) == (
        "Merhaba Ayşe,\n\nSiparişiniz yolda.\nTakip: 123\n\n• Kupa\n• Tabak\n\nToplam 250 TL"
    )


def test_html_to_text_survives_broken_markup():
    assert html_to_text("<p>açık <b>etiket <i>kapanmadı") == "açık etiket kapanmadı"
    assert html_to_text("<<>>&#xZZ; <") == "<<>>&#xZZ; <"
