"""Web chat: the desktop's client of the relay, and the relay embedded in the desktop app."""

from shopdesk.channels.webchat.account import CHANNEL, ensure_account
from shopdesk.channels.webchat.channel import WebchatChannel

__all__ = ["CHANNEL", "WebchatChannel", "ensure_account"]
