"""Origin allow-list, signed visitor tokens, owner token, size and rate limits: clear 4xx with a reason."""

from __future__ import annotations

import httpx
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from shopdesk.relay.security import RateLimiter, visitor_of_token, visitor_token
from tests.helpers.relay_server import SHOP_ORIGIN, SITE_KEY
from tests.relay.conftest import start_session

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_visitor_token_is_signed_for_one_site_and_one_visitor():
    token = visitor_token("secret", "site_a", "v_1234")
    assert visitor_of_token("secret", "site_a", token) == "v_1234"
    assert visitor_of_token("other-secret", "site_a", token) is None
    assert visitor_of_token("secret", "site_b", token) is None
    forged = token.replace("v_1234", "v_9999")
    assert visitor_of_token("secret", "site_a", forged) is None
    assert visitor_of_token("secret", "site_a", "garbage") is None


def test_a_forged_token_gets_401_with_a_reason(widget, visitor):
    widget.headers["X-ShopDesk-Token"] = visitor["token"].replace(visitor["visitor"]["id"], "v_00000000")
    answer = widget.post("/api/widget/messages", json={"text": "hi", "client_id": "c1"})
    assert answer.status_code == 401
    assert "visitor token" in answer.json()["detail"]


def test_a_forged_token_starts_a_new_visitor_instead_of_resuming(widget, visitor):
    forged = visitor["token"][:-4] + "AAAA"
    again = widget.post("/api/widget/session", json={"site": SITE_KEY, "token": forged}).json()
    assert again["visitor"]["id"] != visitor["visitor"]["id"]


@pytest.mark.parametrize("origin", [None, "https://evil.example", "http://shop.example"])
def test_widget_calls_from_other_origins_are_refused(relay_server, origin):
    headers = {"Origin": origin} if origin else {}
    answer = httpx.post(f"{relay_server.url}/api/widget/session", json={"site": SITE_KEY}, headers=headers)
    assert answer.status_code == 403
    assert "origin" in answer.json()["detail"].lower() or "Origin" in answer.json()["detail"]


def test_the_relays_own_pages_may_use_the_widget(relay_server):
    answer = httpx.post(
        f"{relay_server.url}/api/widget/session",
        json={"site": SITE_KEY},
        headers={"Origin": relay_server.url},
    )
    assert answer.status_code == 200


def test_cors_preflight_answers_allowed_origins_only(relay_server):
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    ok = httpx.options(
        f"{relay_server.url}/api/widget/messages", headers={"Origin": SHOP_ORIGIN, **preflight}
    )
    assert ok.status_code == 204
    assert ok.headers["access-control-allow-origin"] == SHOP_ORIGIN
    assert "x-shopdesk-token" in ok.headers["access-control-allow-headers"]
    bad = httpx.options(
        f"{relay_server.url}/api/widget/messages", headers={"Origin": "https://evil.example", **preflight}
    )
    assert bad.status_code == 403 and "access-control-allow-origin" not in bad.headers


def test_an_unknown_site_key_is_a_404_with_a_reason(widget):
    answer = widget.post("/api/widget/session", json={"site": "site_nope"})
    assert answer.status_code == 404 and "site key" in answer.json()["detail"]


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", "Bearer", "owner-token-for-test"])
def test_the_desktop_api_needs_the_owner_token(relay_server, authorization):
    headers = {"Authorization": authorization} if authorization is not None else {}
    for method, path in (
        ("GET", "/api/desk/events"),
        ("POST", "/api/desk/ack"),
        ("GET", "/api/desk/visitors"),
        ("GET", "/api/desk/site"),
    ):
        answer = httpx.request(method, f"{relay_server.url}{path}", headers=headers, json={"seq": 0})
        assert answer.status_code == 401, (path, answer.text)
        assert "owner token" in answer.json()["detail"]


def test_websockets_are_refused_with_a_status_and_reason(relay_server, visitor):
    base = relay_server.url.replace("http", "ws")
    cases = [
        (f"{base}/ws/desk", {"Authorization": "Bearer wrong"}, 401),
        (
            f"{base}/ws/widget?site={SITE_KEY}&token={visitor['token']}",
            {"Origin": "https://evil.example"},
            403,
        ),
        (f"{base}/ws/widget?site={SITE_KEY}&token=forged", {"Origin": SHOP_ORIGIN}, 401),
        (f"{base}/ws/widget?site=nope&token={visitor['token']}", {"Origin": SHOP_ORIGIN}, 404),
    ]
    for url, headers, status in cases:
        with pytest.raises(InvalidStatus) as refused:
            connect(url, additional_headers=headers, open_timeout=5)
        assert refused.value.response.status_code == status
        assert b"detail" in refused.value.response.body


def test_messages_over_the_size_limit_are_refused(widget, visitor):
    answer = widget.post("/api/widget/messages", json={"text": "x" * 4001, "client_id": "c1"})
    assert answer.status_code == 413 and "too long" in answer.json()["detail"]
    empty = widget.post("/api/widget/messages", json={"text": "   ", "client_id": "c2"})
    assert empty.status_code == 422 and "empty" in empty.json()["detail"]


def test_bodies_over_the_limit_are_refused_before_reading(widget, visitor):
    answer = widget.post(
        "/api/widget/messages",
        content=b"{" + b" " * 70_000 + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 413 and "too large" in answer.json()["detail"]


def test_invalid_bodies_get_422_naming_the_field(widget, visitor):
    answer = widget.post("/api/widget/messages", json={"text": "hi"})
    assert answer.status_code == 422 and "client_id" in answer.json()["detail"]
    answer = widget.post("/api/widget/cart", json={"value": -5})
    assert answer.status_code == 422 and "value" in answer.json()["detail"]
    answer = widget.post("/api/widget/identify", json={"email": "not an email"})
    assert answer.status_code == 422 and "email" in answer.json()["detail"]
    answer = widget.post(
        "/api/widget/messages", content=b"not json", headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 422


def test_images_are_uploaded_within_the_limit_and_served_inert(widget, visitor, desk):
    upload = widget.post(
        "/api/widget/upload",
        params={"client_id": "img1", "name": "kırık.png"},
        content=PNG,
        headers={"Content-Type": "image/png"},
    )
    assert upload.status_code == 200, upload.text
    file = upload.json()["message"]["file"]
    served = widget.get(f"/api/files/{file['id']}")
    assert served.content == PNG and served.headers["content-type"] == "image/png"
    assert served.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in served.headers["content-security-policy"]
    fake = widget.post(
        "/api/widget/upload",
        params={"client_id": "img2"},
        content=b"<script>alert(1)</script>",
        headers={"Content-Type": "image/png"},
    )
    assert fake.status_code == 415 and "not a real image/png" in fake.json()["detail"]
    svg = widget.post(
        "/api/widget/upload",
        params={"client_id": "img3"},
        content=b"<svg/>",
        headers={"Content-Type": "image/svg+xml"},
    )
    assert svg.status_code == 415
    assert widget.get("/api/files/f_nope").status_code == 404


def test_uploads_over_the_limit_are_refused(widget, visitor):
    big = PNG + b"\x00" * 2_000_001
    answer = widget.post(
        "/api/widget/upload", params={"client_id": "big"}, content=big, headers={"Content-Type": "image/png"}
    )
    assert answer.status_code == 413 and "too large" in answer.json()["detail"]


def test_rate_limiter_refills_over_time():
    now = [0.0]
    limiter = RateLimiter(burst=3, per_second=1, clock=lambda: now[0])
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")  # per key
    now[0] = 1.0
    assert limiter.allow("a") and not limiter.allow("a")


class TestRateLimits:
    @pytest.fixture
    def relay_limits(self):
        return {"visitor_burst": 3, "visitor_per_second": 0.01, "new_visitors_burst": 2}

    def test_a_chatty_visitor_gets_429_with_a_reason(self, widget, visitor):
        codes = [
            widget.post("/api/widget/messages", json={"text": f"m{n}", "client_id": f"c{n}"}).status_code
            for n in range(5)
        ]
        assert codes == [200, 200, 200, 429, 429]
        answer = widget.post("/api/widget/messages", json={"text": "again", "client_id": "c9"})
        assert "too many" in answer.json()["detail"]

    def test_new_visitors_per_address_are_limited(self, widget):
        codes = [widget.post("/api/widget/session", json={"site": SITE_KEY}).status_code for _ in range(3)]
        assert codes == [200, 200, 429]


class TestAddressLimit:
    @pytest.fixture
    def relay_limits(self):
        return {"ip_burst": 4, "ip_per_second": 0.01}

    def test_one_address_cannot_flood_the_widget_api(self, widget):
        codes = [widget.post("/api/widget/session", json={"site": SITE_KEY}).status_code for _ in range(6)]
        assert codes == [200, 200, 200, 200, 429, 429]
        assert (
            "too many requests"
            in widget.post("/api/widget/session", json={"site": SITE_KEY}).json()["detail"]
        )


def test_start_session_helper_keeps_token(widget):
    data = start_session(widget)
    assert widget.headers["X-ShopDesk-Token"] == data["token"]


def test_the_desktop_learns_the_site_key_for_the_shops_pages(desk):
    assert desk.get("/api/desk/site").json() == {
        "key": "site_test",
        "prechat": "optional",
        "shop_name": "Toprak & İplik",
    }
