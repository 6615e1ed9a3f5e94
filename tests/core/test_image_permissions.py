"""The per-sender "load images" choice: kept in the Setting table, case-insensitive, and revocable."""

from __future__ import annotations

import pytest

from shopdesk.core.db import read_session
from shopdesk.core.image_permissions import allow_images, allowed_senders, images_allowed
from shopdesk.settings import Settings, load_settings


def test_a_sender_is_allowed_until_the_owner_takes_it_back(engine):
    with read_session(engine) as session:
        assert not images_allowed(session, address="ayse@example.com.tr")
    allow_images(engine, address=" Ayse@Example.com.TR ")
    allow_images(engine, address="kargo@example.com")
    with read_session(engine) as session:
        assert images_allowed(session, address="ayse@example.com.tr")
        assert allowed_senders(session) == {"ayse@example.com.tr", "kargo@example.com"}
        assert not images_allowed(session, address="")
        assert load_settings(session) == Settings()  # the owner's settings are not disturbed
    allow_images(engine, address="AYSE@example.com.tr", allowed=False)
    with read_session(engine) as session:
        assert allowed_senders(session) == {"kargo@example.com"}
    with pytest.raises(ValueError):
        allow_images(engine, address="  ")
