"""Qt stays in shopdesk/gui: core, channels, runtime and the CLI checks import without PySide6."""

import subprocess
import sys

CODE = """
import sys
import shopdesk.core.backup, shopdesk.core.canned, shopdesk.core.contacts, shopdesk.core.conversations
import shopdesk.core.db, shopdesk.core.drafts, shopdesk.core.ingest, shopdesk.core.outbox, shopdesk.core.store
import shopdesk.core.faq, shopdesk.core.faq_bot, shopdesk.core.surveys, shopdesk.core.automation
import shopdesk.channels.base, shopdesk.channels.registry
import shopdesk.runtime.bus, shopdesk.runtime.loop, shopdesk.runtime.scheduler, shopdesk.runtime.sender
import shopdesk.context, shopdesk.doctor, shopdesk.settings, shopdesk.cli
import shopdesk.relay, shopdesk.relay.app, shopdesk.relay.bot
leaked = sorted(m for m in sys.modules if m.startswith("PySide6"))
print(leaked)
sys.exit(1 if leaked else 0)
"""


def test_core_channels_runtime_import_without_pyside6():
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "[]"
