"""The Telegram channel (and the core files it added) import without PySide6."""

import subprocess
import sys

CODE = """
import sys
import shopdesk.channels.telegram.channel, shopdesk.channels.telegram.account
import shopdesk.core.edits, shopdesk.core.identity_display
leaked = sorted(m for m in sys.modules if m.startswith("PySide6"))
print(leaked)
sys.exit(1 if leaked else 0)
"""


def test_telegram_channel_imports_without_pyside6():
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "[]"
