"""The words ShopDesk stores and shows for Telegram messages without text, and the channel's status lines."""

from __future__ import annotations

UNSUPPORTED = "[A kind of Telegram message ShopDesk cannot show yet: open the chat in Telegram to see it]"
UNREADABLE = "[A Telegram message that could not be read]"
REVOKED = "The bot token for {handle} was revoked: paste a new one in Settings → Telegram"
NO_TOKEN = "The bot {handle} has no token saved: paste it in Settings → Telegram"
CONFLICT = "Another program is reading this bot's updates (409 Conflict): stop it, ShopDesk will retry"
WEBHOOK = (
    "This bot delivers its updates to a webhook, so ShopDesk cannot read them (409 Conflict): remove the "
    "webhook (deleteWebhook) in the program that set it; ShopDesk will retry"
)
OFFLINE = "Telegram cannot be reached ({reason}); ShopDesk keeps trying"
AWAY = (
    "Telegram keeps messages for about 24 hours; some may be lost: {handle} was last checked "
    "{hours} hours ago"
)


def duration(seconds) -> str:
    seconds = int(seconds or 0)
    return f"{seconds // 60}:{seconds % 60:02d}"


def osm_link(latitude: float, longitude: float) -> str:
    lat, lon = f"{latitude:.6f}", f"{longitude:.6f}"
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


def _location(msg: dict) -> str:
    loc = (msg.get("venue") or {}).get("location") or msg["location"]
    lat, lon = float(loc["latitude"]), float(loc["longitude"])
    venue = msg.get("venue")
    head = f"📍 {venue.get('title', '')}, {venue.get('address', '')}" if venue else "📍 Location"
    live = " (live)" if loc.get("live_period") else ""
    return f"{head}{live}: {lat:.6f}, {lon:.6f}\n{osm_link(lat, lon)}"


def _contact(contact: dict) -> str:
    name = " ".join(p for p in (contact.get("first_name"), contact.get("last_name")) if p)
    return f"👤 Shared contact: {name}, {contact.get('phone_number', '')}".rstrip(", ")


def _label(msg: dict) -> str:
    """A short line for a message that is only a file, so the list and search have something to show."""
    if msg.get("photo"):
        return "📷 Photo"
    if msg.get("voice"):
        return f"🎤 Voice message ({duration(msg['voice'].get('duration'))})"
    if msg.get("audio"):
        audio = msg["audio"]
        title = " – ".join(p for p in (audio.get("performer"), audio.get("title")) if p)
        return f"🎵 {title or audio.get('file_name') or 'Audio'} ({duration(audio.get('duration'))})"
    if msg.get("video"):
        return f"🎬 Video ({duration(msg['video'].get('duration'))})"
    if msg.get("video_note"):
        return f"⏺ Video message ({duration(msg['video_note'].get('duration'))})"
    if msg.get("animation"):
        return "🎞 GIF"
    if msg.get("document"):
        return f"📎 {msg['document'].get('file_name') or 'File'}"
    if msg.get("sticker"):
        return msg["sticker"].get("emoji") or "Sticker"
    return ""


def text_of(msg: dict) -> str:
    """What a message says: its text or caption, a location with a map link, a contact, or a label."""
    if msg.get("text"):
        return str(msg["text"])
    if msg.get("location") or msg.get("venue"):
        return _location(msg)
    if msg.get("contact"):
        return _contact(msg["contact"])
    caption = str(msg.get("caption") or "")
    label = _label(msg)
    if msg.get("sticker"):
        return label
    return caption or label


def display_of(user: dict) -> str:
    """How the customer's Telegram identity is shown beside the chat id: '@username · tr'."""
    parts = [f"@{user['username']}"] if user.get("username") else []
    parts += [user["language_code"]] if user.get("language_code") else []
    return " · ".join(parts)


def member_change_text(old: str, new: str) -> str:
    if new == "kicked":
        return "The customer blocked the bot: replies cannot reach them until they start it again."
    if old == "kicked" and new == "member":
        return "The customer started the bot again."
    if new == "left":
        return "The bot was removed from this chat."
    return f"The bot's status in this chat changed: {old or '?'} → {new or '?'}."
