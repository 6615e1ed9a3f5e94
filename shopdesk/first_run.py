"""Whether the first-run wizard is due, and the settings it leaves behind (no Qt)."""

from __future__ import annotations

import dataclasses

from shopdesk.settings import Settings

CHANNELS = ("email", "telegram", "webchat", "demo")


def needs_first_run(settings: Settings) -> bool:
    """True until the owner finished or dismissed the wizard, unless names were set some other way."""
    return not (settings.first_run_done or settings.shop_name.strip() or settings.owner_name.strip())


def after_first_run(
    settings: Settings, *, language: str, shop_name: str = "", owner_name: str = ""
) -> Settings:
    """A copy of ``settings`` as the wizard leaves it; empty names keep what was there (dismissed)."""
    return dataclasses.replace(
        settings,
        language=language,
        shop_name=shop_name.strip() or settings.shop_name,
        owner_name=owner_name.strip() or settings.owner_name,
        first_run_done=True,
    )
