"""Refresh the Turkish translation source from the GUI code and compile it: python .ci/i18n.py.

lupdate collects every self.tr("…") under shopdesk/gui into resources/i18n/shopdesk_tr.ts (new strings
arrive as "unfinished"); translate them there (Qt Linguist, or by editing the XML), then run this again so
lrelease writes the .qm that ShopDesk loads. tests/gui/test_i18n.py fails while a string is untranslated.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TS = ROOT / "resources" / "i18n" / "shopdesk_tr.ts"


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "shopdesk" / "gui").rglob("*.py"))


def lupdate(ts: Path) -> None:
    subprocess.run(
        [BIN / "pyside6-lupdate", "-no-obsolete", "-locations", "none", *sources(), "-ts", str(ts)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([BIN / "pyside6-lrelease", str(ts), "-qm", str(qm)], check=True, capture_output=True)


if __name__ == "__main__":
    TS.parent.mkdir(parents=True, exist_ok=True)
    lupdate(TS)
    lrelease(TS, TS.with_suffix(".qm"))
    print(f"updated {TS.relative_to(ROOT)} and {TS.with_suffix('.qm').name}")
