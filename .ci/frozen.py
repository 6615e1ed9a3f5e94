"""Build the one-folder app (shopdesk.spec) and smoke-test it: python .ci/frozen.py [--no-build].

The frozen `--check` on a fresh data directory (and the keyring backends importable inside the bundle); the
frozen app started offscreen with `--demo`, painting its window and quitting cleanly; the frozen app left
running until its embedded relay serves the demo shop. Prints the bundle size and the start to first paint.
The release workflow (.github/workflows/release.yml) runs the same script on Windows and macOS.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
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


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def main() -> int:
    if "--no-build" not in sys.argv:
        build()
    print(f"frozen_bundle_mb: {size_mb(APP):.0f}")
    with tempfile.TemporaryDirectory(prefix="shopdesk-frozen-") as tmp:
        work = Path(tmp)
        check_store(work)
        paints = first_paint(work)
        runs = ", ".join(f"{p:.3f}" for p in paints)
        print(f"frozen_first_paint_seconds: {sorted(paints)[len(paints) // 2]:.3f} (runs: {runs})")
        relay_serves_the_demo_shop(work)
    print("frozen smoke test: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
