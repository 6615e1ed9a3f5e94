"""Every user-visible string of the window has a Turkish translation, and the shipped .qm is current."""

import importlib.util
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("i18n_tool", ROOT / ".ci" / "i18n.py")
i18n_tool = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(i18n_tool)


def _translated(translation) -> bool:
    if translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    forms = translation.findall("numerusform")
    texts = [f.text for f in forms] if forms else [translation.text]
    return all(t and t.strip() for t in texts)


def test_every_string_in_the_gui_is_translated_to_turkish(tmp_path):
    ts = tmp_path / "shopdesk_tr.ts"
    shutil.copy(i18n_tool.TS, ts)
    i18n_tool.lupdate(ts)  # merges the strings the code has now
    messages = ET.parse(ts).getroot().iter("message")
    untranslated = [m.findtext("source") for m in messages if not _translated(m.find("translation"))]
    assert untranslated == [], f"run python .ci/i18n.py and translate: {untranslated[:20]}"


def test_the_compiled_translation_matches_its_source(tmp_path):
    qm = tmp_path / "shopdesk_tr.qm"
    i18n_tool.lrelease(i18n_tool.TS, qm)
    assert qm.read_bytes() == i18n_tool.TS.with_suffix(".qm").read_bytes(), "run python .ci/i18n.py"


def test_turkish_is_loaded_for_the_window(qapp):
    from PySide6.QtCore import QCoreApplication

    from shopdesk.gui.i18n import install_translators

    try:
        install_translators(qapp, "tr")
        for context in ET.parse(i18n_tool.TS).getroot().iter("context"):
            name = context.findtext("name")
            for message in context.iter("message"):
                if message.get("numerus") != "yes":
                    source, expected = message.findtext("source"), message.findtext("translation")
                    assert QCoreApplication.translate(name, source) == expected
    finally:
        install_translators(qapp, "en")
