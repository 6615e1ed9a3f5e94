"""The first-run wizard: pages filled and stored, a live language switch, the chosen channel, when due."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QWizard

from shopdesk.core.db import read_session
from shopdesk.first_run import needs_first_run
from shopdesk.gui.bridge import Tasks
from shopdesk.gui.i18n import install_translators
from shopdesk.gui.widgets import first_run_wizard
from shopdesk.gui.widgets.first_run_wizard import FirstRunWizard
from shopdesk.settings import Settings, load_settings


@pytest.fixture
def wizard(qtbot, ctx):
    saved_locale = QLocale()
    tasks = Tasks(ctx.loop)
    wizard = FirstRunWizard(ctx, tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    yield wizard
    qtbot.waitUntil(lambda: tasks.pending == 0)
    tasks.shutdown()
    install_translators(QApplication.instance(), "en")
    QLocale.setDefault(saved_locale)


def stored(ctx) -> Settings:
    with read_session(ctx.engine) as session:
        return load_settings(session)


def fill_names(wizard, shop="Lale Butik", owner="Deniz") -> None:
    wizard.next()
    wizard.shop_page.shop_name.setText(shop)
    wizard.shop_page.owner_name.setText(owner)
    wizard.next()


def finish(qtbot, wizard) -> None:
    with qtbot.waitSignal(wizard.accepted):
        wizard.button(QWizard.WizardButton.FinishButton).click()


def test_filling_the_pages_and_finishing_stores_the_settings(qtbot, ctx, wizard):
    settings_object = ctx.settings
    assert needs_first_run(stored(ctx))
    fill_names(wizard, "  Lale Butik ", " Deniz")
    assert wizard.currentPage() is wizard.channel_page
    finish(qtbot, wizard)
    saved = stored(ctx)
    assert (saved.shop_name, saved.owner_name, saved.language) == ("Lale Butik", "Deniz", "en")
    assert saved.first_run_done
    assert not needs_first_run(saved)
    assert ctx.settings is settings_object and ctx.settings.owner_name == "Deniz"  # updated in place


def test_both_names_are_required(wizard):
    wizard.next()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    wizard.shop_page.shop_name.setText("Lale Butik")
    wizard.shop_page.owner_name.setText("   ")
    assert not next_button.isEnabled()
    wizard.shop_page.owner_name.setText("Deniz")
    assert next_button.isEnabled()


def test_choosing_turkish_retranslates_the_wizard_at_once(qtbot, ctx, wizard):
    try:
        wizard.language_page.choose("tr")
        qtbot.waitUntil(lambda: wizard.language_page.title() == "ShopDesk'e hoş geldiniz")
        assert QLocale().language() == QLocale.Language.Turkish  # install_translators ran
        assert wizard.button(QWizard.WizardButton.NextButton).text() == "İ&leri"
        assert wizard.shop_page.owner_label.text() == "Adınız"  # pages not shown yet too
        assert wizard.channel_page.button("later").text() == "Sonra"
        fill_names(wizard)
        finish(qtbot, wizard)
    finally:
        install_translators(QApplication.instance(), "en")
    assert stored(ctx).language == "tr"


def test_the_language_page_starts_on_the_current_language(qtbot, ctx):
    ctx.settings.language = "tr"
    wizard = FirstRunWizard(ctx, Tasks(ctx.loop))
    qtbot.addWidget(wizard)
    assert wizard.language_page.language() == "tr"
    wizard.tasks.shutdown()


@pytest.mark.parametrize(
    ("choice", "channel"),
    [("email", "email"), ("telegram", "telegram"), ("webchat", "webchat"), ("demo", "demo"), ("later", None)],
)
def test_the_chosen_channel(qtbot, wizard, choice, channel):
    fill_names(wizard)
    wizard.channel_page.choose(choice)
    finish(qtbot, wizard)
    assert wizard.chosen_channel == channel


def test_email_is_offered_first(wizard):
    assert wizard.channel_page.choice() == "email"


def test_skip_stores_only_that_it_was_dismissed(qtbot, ctx, wizard):
    wizard.language_page.choose("tr")
    wizard.next()
    wizard.shop_page.shop_name.setText("Lale Butik")
    with qtbot.waitSignal(wizard.rejected):
        wizard.button(QWizard.WizardButton.CancelButton).click()
    qtbot.waitUntil(lambda: wizard.tasks.pending == 0)
    saved = stored(ctx)
    assert saved.first_run_done and saved.language == "tr"
    assert saved.shop_name == ""  # a half-typed name is not kept
    assert wizard.chosen_channel is None
    assert not needs_first_run(ctx.settings)


def test_a_failed_save_keeps_the_wizard_open_and_says_why(qtbot, ctx, wizard, monkeypatch):
    def broken(engine, settings):
        raise OSError("disk full")

    monkeypatch.setattr(first_run_wizard, "save_settings", broken)
    fill_names(wizard)
    finish_button = wizard.button(QWizard.WizardButton.FinishButton)
    finish_button.click()
    qtbot.waitUntil(lambda: wizard.channel_page.error.isVisible())
    assert wizard.channel_page.error.text() == "Not saved: disk full"
    assert wizard.isVisible() and finish_button.isEnabled()
    assert wizard.result() == 0 and not ctx.settings.first_run_done


def test_needs_first_run():
    assert needs_first_run(Settings())
    assert not needs_first_run(Settings(first_run_done=True))
    assert not needs_first_run(Settings(shop_name="Lale Butik"))  # set up before the wizard existed
    assert not needs_first_run(Settings(owner_name="Deniz"))
    assert needs_first_run(Settings(shop_name="  "))
