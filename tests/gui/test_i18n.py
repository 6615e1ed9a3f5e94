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


def _literal_calls(path: Path):
    """(context, source) of each tr/translate call in a GUI module whose text is a literal."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))

    def visit(node, klass):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                yield from visit(child, child.name)
                continue
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute):
                args = [a.value if isinstance(a, ast.Constant) else None for a in child.args[:2]]
                if child.func.attr == "tr" and klass and isinstance(args[:1][0] if args else None, str):
                    yield klass, args[0], child.lineno
                elif (
                    child.func.attr == "translate"
                    and len(args) == 2
                    and all(isinstance(a, str) for a in args)
                ):
                    yield args[0], args[1], child.lineno
            yield from visit(child, klass)

    yield from visit(tree, None)


def test_lupdate_finds_every_literal_string_the_code_translates():
    """lupdate's Python parser skips a call it cannot read (a count like ``int(a // b)``): such a string
    would stay English in the Turkish window although every string it found is translated."""
    known = {
        (context.findtext("name"), message.findtext("source"))
        for context in ET.parse(i18n_tool.TS).getroot().iter("context")
        for message in context.iter("message")
    }
    missed = [
        f"{path.relative_to(ROOT)}:{line} {context}: {source!r}"
        for path in sorted((ROOT / "shopdesk" / "gui").rglob("*.py"))
        for context, source, line in _literal_calls(path)
        if (context, source) not in known
    ]
    assert missed == []
