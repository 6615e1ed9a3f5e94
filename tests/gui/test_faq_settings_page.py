"""The FAQ bot's settings page: its values, and the test box trying a question against the stored FAQ set."""

from __future__ import annotations

import pytest

from shopdesk.core.canned import save_canned
from shopdesk.core.faq_bot import FaqSettings
from shopdesk.gui.bridge import Tasks
from shopdesk.gui.widgets.faq_settings_page import FaqSettingsPage


@pytest.fixture
def page(qtbot, ctx):
    tasks = Tasks(ctx.loop)
    page = FaqSettingsPage(ctx.engine, tasks)
    qtbot.addWidget(page)
    page.load(FaqSettings())
    page.show()
    yield page
    qtbot.waitUntil(lambda: tasks.pending == 0)
    tasks.shutdown()


def faq(ctx, shortcut, title, questions, body="Yanıt") -> int:
    return save_canned(
        ctx.engine, ctx.publish, title=title, shortcut=shortcut, body=body, is_faq=True, questions=questions
    )


def ask(qtbot, page, text: str) -> None:
    """Type a question and wait for the box to answer, once the owner pauses."""
    page.question.clear()
    if text.isascii():
        qtbot.keyClicks(page.question, text)
    else:  # QTest types ASCII only
        page.question.setText(text)
    assert page.debounce.isActive()  # not read on every key
    qtbot.waitUntil(lambda: not page.debounce.isActive() and page.tasks.pending == 0)


def ask_again(qtbot, page) -> None:
    page.try_question()
    qtbot.waitUntil(lambda: page.tasks.pending == 0)


def shown(page) -> list[tuple[str, str]]:
    return [(s.text(), c.text()) for s, c in zip(page.scores, page.candidates, strict=True) if s.isVisible()]


def test_the_page_shows_the_settings_and_gives_back_what_it_shows(page):
    page.load(FaqSettings(channels={"telegram": True, "webchat": False, "email": False}, threshold=0.7))
    assert page.channel_boxes["telegram"].isChecked() and not page.channel_boxes["webchat"].isChecked()
    assert page.labels["threshold"].text() == "How sure the bot must be: 70 %"
    page.channel_boxes["email"].setChecked(True)
    page.threshold.setValue(62)
    page.texts["person_en"].setText("  Talk to Deniz ")
    page.texts["handover_tr"].setText("")  # an emptied text falls back to the default
    values = page.values()
    assert values.channels == {"telegram": True, "webchat": False, "email": True}
    assert values.threshold == 0.62
    assert values.person_en == "Talk to Deniz" and values.handover_tr == FaqSettings().handover_tr


def test_the_test_box_shows_the_candidates_and_whether_the_bot_would_answer(qtbot, ctx, page):
    faq(ctx, "kargo", "Kargo süresi", "Kargom ne zaman gelir?\nWhen will my order arrive?")
    faq(ctx, "ucret", "Kargo ücreti", "Kargo ücreti ne kadar?")
    faq(ctx, "iade", "İade", "Ürünü nasıl iade ederim?")
    ask(qtbot, page, "kargo ne zaman")
    [(score, title), *others] = shown(page)
    assert title == "Kargo süresi" and ("Kargo ücreti" in dict(others).values())
    percent = int(score.removesuffix(" %"))
    assert 55 <= percent < 100
    assert page.verdict.text() == "The bot would answer with: “Kargo süresi”"
    assert page.matched[0].text().startswith("matched “")
    page.threshold.setValue(percent + 1)  # the verdict follows the slider, without reading again
    assert page.verdict.text() == f"The bot would not answer: the best match is below {percent + 1} %."
    page.threshold.setValue(percent)
    assert page.verdict.text().startswith("The bot would answer with")


def test_a_question_for_a_person_is_handed_over_and_strangers_are_not_answered(qtbot, ctx, page):
    faq(ctx, "kargo", "Kargo süresi", "Kargom ne zaman gelir?")
    ask(qtbot, page, "temsilciyle görüşmek istiyorum")
    assert page.verdict.text() == "This asks for a person: the bot hands over."
    ask(qtbot, page, "bu elbisenin rengi var mı")
    assert shown(page) == []
    assert page.verdict.text().startswith("The bot would not answer")


def test_the_box_reads_the_faq_set_as_stored(qtbot, ctx, page):
    ask(qtbot, page, "iade nasıl yapılır")
    assert page.verdict.text().startswith("There are no FAQ replies yet")
    save_canned(ctx.engine, ctx.publish, title="İade", shortcut="iade", body="14 gün", questions="İade?")
    ask_again(qtbot, page)
    assert page.verdict.text().startswith("There are no FAQ replies yet")  # not a FAQ: the bot ignores it
    faq(ctx, "iade2", "İade nasıl yapılır", "Ürünü nasıl iade ederim?")
    ask_again(qtbot, page)
    assert shown(page)[0][1] == "İade nasıl yapılır"
    page.question.clear()
    qtbot.waitUntil(lambda: not page.debounce.isActive())
    assert shown(page) == [] and not page.verdict.isVisible()


def test_a_read_for_a_text_the_owner_typed_on_from_is_dropped(qtbot, ctx, page):
    faq(ctx, "kargo", "Kargo süresi", "Kargom ne zaman gelir?")
    page.question.setText("kargom ne zaman gelir")
    page.try_question()
    page.question.setText("temsilci")  # typed on before the read came back
    page.debounce.stop()  # only the first read is in flight
    qtbot.waitUntil(lambda: page.tasks.pending == 0)
    assert shown(page) == [] and not page.verdict.isVisible()
    ask_again(qtbot, page)
    assert page.verdict.text() == "This asks for a person: the bot hands over."


def test_the_verdict_names_the_reply_in_the_customers_language(qtbot, ctx, page):
    both = "Siparişim ne zaman gelir?\nWhen will my order arrive?"
    for shortcut, title, language in (("kargo", "Kargo süresi", "tr"), ("shipping", "Shipping times", "en")):
        save_canned(ctx.engine, ctx.publish, title=title, shortcut=shortcut, body="…", is_faq=True,
                    questions=both, language=language)  # fmt: skip
    ask(qtbot, page, "When will my order arrive?")
    assert page.verdict.text() == "The bot would answer with: “Shipping times”"
    ask(qtbot, page, "Siparişim ne zaman gelir?")
    assert page.verdict.text() == "The bot would answer with: “Kargo süresi”"
