"""Search snippets: the text around the first searched word, with the spans to highlight."""

from __future__ import annotations

from shopdesk.core.snippets import snippet


def test_a_short_text_is_shown_whole_with_its_matches():
    text, spans = snippet("Merhaba,\n IŞIK  kablosu var mı?", "isik")
    assert text == "Merhaba, IŞIK kablosu var mı?"
    assert [text[a:b] for a, b in spans] == ["IŞIK"]


def test_a_match_far_into_a_long_text_is_brought_into_view():
    text, spans = snippet("kelime " * 60 + "Şükrü Bey fatura istedi. " + "son " * 40, "sukru")
    assert text.startswith("…") and text.endswith("…")
    assert len(text) <= 162
    assert [text[a:b] for a, b in spans] == ["Şükrü"]


def test_no_match_keeps_the_beginning():
    text, spans = snippet("abc " * 100, "zzz")
    assert text.startswith("abc") and text.endswith("…") and spans == []
