"""File names made from untrusted text (attachment names, subjects) that are safe to save under."""

from __future__ import annotations

import re
from pathlib import Path

UNSAFE_NAME = re.compile(r'[\x00-\x1f<>:"/\\|?*]')
MAX_NAME = 120


def safe_filename(name: str, default: str = "attachment") -> str:
    """A file name from an untrusted name: no folders, no characters Windows refuses."""
    cleaned = UNSAFE_NAME.sub("_", Path(name.replace("\\", "/")).name).strip(" .")
    return cleaned[:MAX_NAME].strip(" .") or default
