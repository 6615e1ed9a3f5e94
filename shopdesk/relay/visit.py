"""What a page load tells about a visit: device, search keywords and UTM campaign, from plain strings."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

SEARCH_PARAMS = {"google": "q", "bing": "q", "duckduckgo": "q", "yandex": "text", "yahoo": "p", "ecosia": "q"}
UTM = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")


def device_of(user_agent: str) -> str:
    """'phone', 'tablet' or 'desktop', then the browser and system, e.g. 'phone · Safari · iOS'."""
    ua = user_agent or ""
    low = ua.lower()
    if "ipad" in low or ("android" in low and "mobile" not in low) or "tablet" in low:
        kind = "tablet"
    elif "mobi" in low or "iphone" in low:
        kind = "phone"
    else:
        kind = "desktop"
    browser = next(
        (name for token, name in _BROWSERS if token in low),
        "",
    )
    system = next((name for token, name in _SYSTEMS if token in low), "")
    return " · ".join(part for part in (kind, browser, system) if part)


_BROWSERS = (
    ("edg/", "Edge"),
    ("opr/", "Opera"),
    ("yabrowser", "Yandex"),
    ("samsungbrowser", "Samsung Internet"),
    ("firefox", "Firefox"),
    ("chrome", "Chrome"),
    ("chromium", "Chromium"),
    ("safari", "Safari"),
)
_SYSTEMS = (
    ("iphone", "iOS"),
    ("ipad", "iPadOS"),
    ("android", "Android"),
    ("windows", "Windows"),
    ("mac os", "macOS"),
    ("cros", "ChromeOS"),
    ("linux", "Linux"),
)


def utm_of(url: str) -> dict[str, str]:
    query = parse_qs(urlsplit(url or "").query)
    return {key: query[key][0][:200] for key in UTM if query.get(key)}


def search_terms(referrer: str, utm: dict[str, str]) -> str:
    """Keywords from a search engine's referrer query, else the campaign's utm_term."""
    parts = urlsplit(referrer or "")
    host = parts.hostname or ""
    for engine, param in SEARCH_PARAMS.items():
        if engine in host:
            found = parse_qs(parts.query).get(param)
            if found and found[0].strip():
                return found[0].strip()[:200]
    return utm.get("utm_term", "")


def visit_facts(*, url: str, referrer: str, language: str, user_agent: str) -> dict[str, str]:
    """The facts of a new visit that the desktop shows in the customer pane."""
    utm = utm_of(url)
    return {
        "landing_url": url,
        "referrer": referrer,
        "language": language,
        "device": device_of(user_agent),
        "search": search_terms(referrer, utm),
        "campaign": utm.get("utm_campaign", ""),
        "source": utm.get("utm_source", ""),
        "medium": utm.get("utm_medium", ""),
    }
