"""Each group of settings kept as one JSON row: stored values over the defaults, and a row that cannot be
read gives the defaults (logged) instead of stopping the app."""

from __future__ import annotations

import logging

import pytest

from shopdesk.core import automation, carts, faq_bot, surveys
from shopdesk.core.db import read_session, write_session
from shopdesk.core.models import Setting

GROUPS = [
    (faq_bot.SETTINGS_KEY, faq_bot.load_faq_settings, faq_bot.FaqSettings),
    (surveys.SETTINGS_KEY, surveys.load_survey_settings, surveys.SurveySettings),
    (automation.SETTINGS_KEY, automation.load_automation_settings, automation.AutomationSettings),
    (carts.SETTINGS_KEY, carts.load_cart_settings, carts.CartSettings),
]


def store(engine, key: str, value_json: str) -> None:
    with write_session(engine) as session:
        session.add(Setting(key=key, value_json=value_json))


@pytest.mark.parametrize(("key", "load", "group"), GROUPS, ids=[g[0] for g in GROUPS])
@pytest.mark.parametrize("value_json", ["{not json", "[1, 2]", '"text"', "null"])
def test_an_unreadable_row_gives_the_defaults_and_a_warning(engine, caplog, key, load, group, value_json):
    store(engine, key, value_json)
    with caplog.at_level(logging.WARNING), read_session(engine) as session:
        assert load(session) == group()
    assert "unreadable" in caplog.text


def test_a_value_of_the_wrong_type_gives_its_default_and_the_others_stay(engine, caplog):
    store(engine, faq_bot.SETTINGS_KEY, '{"threshold": 0.7, "channels": 3, "person_tr": false}')
    store(engine, automation.SETTINGS_KEY, '{"hours": 1, "away": true, "once_per_hours": "x"}')
    with caplog.at_level(logging.WARNING), read_session(engine) as session:
        faq = faq_bot.load_faq_settings(session)
        hours = automation.load_automation_settings(session)
    assert faq == faq_bot.FaqSettings(threshold=0.7)
    assert (
        hours.hours == automation.AutomationSettings().hours
        and hours.away is True
        and hours.once_per_hours == 12
    )
    assert "'channels' is not a dict" in caplog.text and "'person_tr' is not a str" in caplog.text


def test_stored_values_win_and_unknown_names_are_left_out(engine):
    store(engine, faq_bot.SETTINGS_KEY, '{"threshold": 0.7, "from_a_newer_version": true}')
    with read_session(engine) as session:
        assert faq_bot.load_faq_settings(session) == faq_bot.FaqSettings(threshold=0.7)
