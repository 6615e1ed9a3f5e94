"""Build the one-folder app (shopdesk.spec) and smoke-test it: python .ci/frozen.py [--no-build].

The frozen `--check` on a fresh data directory (and the keyring backends importable inside the bundle); the
frozen app started offscreen with `--demo`, painting its window and quitting cleanly; the frozen app left
running until its embedded relay serves the demo shop. Prints the bundle size, its largest parts and the
start to first paint; fails when the bundle outgrows its budget (Linux: 150 MB). On Linux also: the window
painted with the Turkish UI (LANG=tr_TR.UTF-8); every library a bundled file links is in the bundle (or is
one PyInstaller leaves to the system); Qt gives the same collation, Turkish case mapping, charset conversion
and time zone names with the bundle's trimmed ICU data as with the wheel's (.ci/icudata.py probe).
The release workflow (.github/workflows/release.yml) runs the same script on Windows and macOS.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "build" / "dist"
APP = DIST / "ShopDesk"
EXE = (
    APP / "ShopDesk.exe"
    if sys.platform == "win32"
    else DIST / "ShopDesk.app" / "Contents" / "MacOS" / "ShopDesk"
    if sys.platform == "darwin"
    else APP / "ShopDesk"
)
PAINT = re.compile(r"first_paint_seconds:\s*([0-9.]+)")
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
TURKISH = {"LANG": "tr_TR.UTF-8", "LC_ALL": "tr_TR.UTF-8", "LANGUAGE": "tr"}  # the app follows the system
# The bundle's size budget (MB), where it is known: the Linux bundle was 163 MB before its trimming.
BUDGET_MB = {"linux": 150}
LINUX = sys.platform.startswith("linux")


def build() -> None:
    started = time.monotonic()
    subprocess.run(
        [
            *(sys.executable, "-m", "PyInstaller", "shopdesk.spec", "--noconfirm", "--log-level", "WARN"),
            *("--distpath", str(DIST), "--workpath", str(ROOT / "build" / "work")),
        ],
        cwd=ROOT,
        check=True,
    )
    print(f"frozen_build_seconds: {time.monotonic() - started:.1f}")


def run(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(EXE), *args], capture_output=True, text=True, timeout=timeout, env=env or ENV
    )
    if result.returncode != 0:
        raise SystemExit(
            f"frozen {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
        )
    return result


def fields(text: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)


def check_store(work: Path) -> None:
    out = fields(run("--check", "--data-dir", str(work / "fresh")).stdout)
    assert out["schema"].startswith("none"), out
    print(f"frozen_keyring_default: {out['keyring']}")
    # Every backend module is in the bundle: naming one loads it (keyring finds them by entry points).
    backend = "keyring.backends.SecretService.Keyring" if sys.platform.startswith("linux") else None
    if backend:
        named = fields(
            run(
                "--check", "--data-dir", str(work / "fresh"), env={**ENV, "PYTHON_KEYRING_BACKEND": backend}
            ).stdout
        )
        # loaded and asked (without a D-Bus session it says so; only a missing module would be an error)
        assert named["keyring"] == backend or "SecretService" in named["keyring"], named
        print(f"frozen_keyring_named: {named['keyring']}")


def first_paint(work: Path, runs: int = 3) -> list[float]:
    paints = []
    for n in range(runs):
        out = run("--demo", "--data-dir", str(work / "demo"), "--quit-after-paint").stdout
        found = PAINT.search(out)
        assert found, out
        paints.append(float(found.group(1)))
        if n == 0:
            counts = fields(run("--check", "--data-dir", str(work / "demo")).stdout)
            assert int(counts["conversations"]) >= 20, counts
            print(f"frozen_demo_conversations: {counts['conversations']}")
    return paints


def first_paint_in_turkish(work: Path) -> float:
    """The demo inbox painted with the Turkish UI (no language set: the app follows the system locale)."""
    env = {key: value for key, value in ENV.items() if not key.startswith("LC_")}
    out = run("--demo", "--data-dir", str(work / "demo"), "--quit-after-paint", env={**env, **TURKISH}).stdout
    found = PAINT.search(out)
    assert found, out
    return float(found.group(1))


def relay_serves_the_demo_shop(work: Path) -> None:
    data = work / "live"
    proc = subprocess.Popen(
        [str(EXE), "--demo", "--data-dir", str(data)],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read()
            url = _relay_url(data)
            if url:
                try:
                    with urllib.request.urlopen(f"{url}/demo", timeout=2) as page:
                        body = page.read().decode()
                    assert "widget.js" in body
                    print(f"frozen_relay_demo: {url}/demo answered")
                    return
                except OSError:
                    pass
            time.sleep(0.2)  # another process starting: nothing to wait on but its port
        raise SystemExit("the frozen app's embedded relay did not serve /demo within 60 s")
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stderr.close()


def _relay_url(data: Path) -> str | None:
    db = data / "shopdesk.sqlite3"
    if not db.exists():
        return None
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            row = conn.execute(
                "SELECT settings_json FROM channelaccount WHERE channel = 'webchat'"
            ).fetchone()
    except sqlite3.Error:
        return None
    return json.loads(row[0]).get("relay_url") if row else None


def files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in files(folder)) / 2**20


def part_of(path: Path) -> str:
    """What a file counts to in the size report: itself when large (2 MB or more), else its folder."""
    relative = path.relative_to(APP / "_internal" if (APP / "_internal") in path.parents else APP)
    if path == EXE:
        return f"{relative.as_posix()} (the executable and the Python modules)"
    if path.stat().st_size >= 2 * 2**20 or relative.parent == Path("."):
        return relative.as_posix()
    return f"{relative.parent.as_posix()}/ (the smaller files)"


def report_size() -> None:
    """The bundle's size and its largest parts; fails when it is over its budget."""
    total = size_mb(APP)
    print(f"frozen_bundle_mb: {total:.0f}")
    parts = Counter()
    for path in files(APP):
        parts[part_of(path)] += path.stat().st_size
    for name, size in parts.most_common(12):
        print(f"frozen_bundle_part: {size / 2**20:5.1f} MB  {name}")
    budget = next((mb for prefix, mb in BUDGET_MB.items() if sys.platform.startswith(prefix)), None)
    if budget is not None:
        print(f"frozen_bundle_budget_mb: {budget}")
        if total > budget:
            raise SystemExit(f"the bundle is {total:.0f} MB, over its budget of {budget} MB (shopdesk.spec)")


def elf_needed(path: Path) -> list[str] | None:
    """The DT_NEEDED names of an ELF64 little-endian file; None for other files."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return None
    shoff = struct.unpack_from("<Q", data, 40)[0]
    shentsize, shnum = struct.unpack_from("<HH", data, 58)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + n * shentsize) for n in range(shnum)]
    needed = []
    for _name, kind, _flags, _addr, offset, size, link, *_rest in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strtab = sections[link][4]
        for at in range(offset, offset + size, 16):
            tag, value = struct.unpack_from("<qQ", data, at)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                needed.append(data[strtab + value : data.index(b"\0", strtab + value)].decode())
    return needed


def bundle_is_closed() -> None:
    """Every library a bundled file links is bundled, or one PyInstaller leaves to the system (libc, libGL,
    libxcb...): what shopdesk.spec leaves out must be what nothing left in the bundle links. (A library
    missing on the build machine too is only reported: PyInstaller warned about it while building.)"""
    from PyInstaller.depend.dylib import include_library

    bundled = {path.name for path in APP.rglob("*")}
    ldconfig = [shutil.which("ldconfig") or "/sbin/ldconfig", "-p"]
    ldconfig = subprocess.run(ldconfig, capture_output=True, text=True)
    system = set(re.findall(r"^\s*(\S+) \(", ldconfig.stdout, re.MULTILINE))  # what this machine has
    missing, not_on_build_machine = {}, set()
    for path in files(APP):
        for name in elf_needed(path) or ():
            if name in bundled or name.startswith(("ld-linux", "ld64.so")) or not include_library(name):
                continue  # the dynamic loader is the system's, always
            if name in system:
                missing.setdefault(name, []).append(str(path.relative_to(APP)))
            else:
                not_on_build_machine.add(name)  # PyInstaller warned while building: not installed here
    if not_on_build_machine:
        print(f"frozen_libraries_not_on_build_machine: {' '.join(sorted(not_on_build_machine))}")
    if missing:
        raise SystemExit(f"left out of the bundle but linked by what is in it: {missing}")
    print("frozen_libraries_closed: ok")


def icu_matches_the_wheel() -> None:
    """Qt's answers from ICU with the bundle's libraries (its trimmed ICU data) equal the wheel's answers."""
    lib = APP / "_internal" / "PySide6" / "Qt" / "lib"
    if not any(lib.glob("libicudata.so.*")):
        print("frozen_icu: not bundled")
        return
    probe = [sys.executable, str(ROOT / ".ci" / "icudata.py"), "probe"]
    env = {key: value for key, value in ENV.items() if key != "LD_LIBRARY_PATH"}
    wheel = subprocess.run(probe, capture_output=True, text=True, env=env, check=True).stdout
    bundle = subprocess.run(
        probe, capture_output=True, text=True, check=True, env={**env, "LD_LIBRARY_PATH": str(lib)}
    ).stdout

    def answers(out: str) -> dict[str, str]:
        return {key: value for key, value in fields(out).items() if key != "icudata_loaded"}

    loaded = fields(bundle)["icudata_loaded"]
    assert Path(loaded).parent == lib, f"the probe did not load the bundle's ICU data: {loaded}"
    tr, reference = answers(bundle), answers(wheel)
    if tr != reference:
        diff = {key: (value, tr.get(key)) for key, value in reference.items() if tr.get(key) != value}
        raise SystemExit(f"Qt's ICU answers differ with the bundle's ICU data (wheel, bundle): {diff}")
    assert tr["upper_tr"] == "İSTANBUL ILIK İĞNE" and tr["lower_tr"] == "ısparta ışık izmir", tr
    assert tr["collate_tr"].startswith("cam ceviz çay Çorum gazete ğ hamur Ilgaz ılık ışık Işıl iğne"), tr
    assert all(value == "ok" for key, value in tr.items() if key.startswith("codec_")), tr
    print(f"frozen_icu: {len(tr)} answers as with the wheel's ICU; collate_tr: {tr['collate_tr']}")


def main() -> int:
    if "--no-build" not in sys.argv:
        build()
    report_size()
    if LINUX:
        bundle_is_closed()
        icu_matches_the_wheel()
    with tempfile.TemporaryDirectory(prefix="shopdesk-frozen-") as tmp:
        work = Path(tmp)
        check_store(work)
        paints = first_paint(work)
        runs = ", ".join(f"{p:.3f}" for p in paints)
        print(f"frozen_first_paint_seconds: {sorted(paints)[len(paints) // 2]:.3f} (runs: {runs})")
        if LINUX:  # elsewhere Qt takes the system locale from the OS, not from LANG
            print(f"frozen_first_paint_tr_seconds: {first_paint_in_turkish(work):.3f}")
        relay_serves_the_demo_shop(work)
    print("frozen smoke test: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
