"""The command line: --version, --check (the doctor), backup and restore, and their clear errors."""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from shopdesk import __version__
from shopdesk.cli import main
from shopdesk.core.db import SCHEMA_HEAD
from shopdesk.core.ingest import ingest
from tests.helpers.items import incoming
from tests.helpers.memory_keyring import memory_keyring

__all__ = ["memory_keyring"]

ROOT = Path(__file__).resolve().parent.parent


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "shopdesk", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def lines(text):
    return dict(line.split(": ", 1) for line in text.strip().splitlines() if ": " in line)


def test_check_reports_the_store(engine, blobs, events, data_paths, capsys):
    ingest(engine, [incoming("a"), incoming("b", sender="z@x.com")], blobs=blobs, publish=events)
    assert main(["--check", "--data-dir", str(data_paths.root)]) == 0
    out = lines(capsys.readouterr().out)
    assert out["data_dir"] == str(data_paths.root)
    assert out["schema"].startswith(SCHEMA_HEAD)
    assert out["integrity"] == "ok"
    assert (out["contacts"], out["conversations"], out["messages"]) == ("2", "2", "2")
    assert out["keyring"] == "none (keyring.backends.null.Keyring)"  # the tests' backend keeps nothing


def test_check_names_the_keyring_that_keeps_the_secrets(data_paths, capsys, memory_keyring):
    assert main(["--check", "--data-dir", str(data_paths.root)]) == 0
    assert lines(capsys.readouterr().out)["keyring"] == "tests.helpers.memory_keyring.MemoryKeyring"


def test_check_uses_the_environment_variable(data_paths):
    result = run("--check", env={"SHOPDESK_DATA_DIR": str(data_paths.root)})
    assert result.returncode == 0, result.stderr
    assert lines(result.stdout)["data_dir"] == str(data_paths.root)


def test_check_fails_clearly_on_a_newer_schema(engine, data_paths, capsys):
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num='0042'")
    engine.dispose()
    assert main(["--check", "--data-dir", str(data_paths.root)]) == 2
    assert "newer ShopDesk" in capsys.readouterr().err


def test_check_fails_clearly_on_a_corrupt_file(tmp_path, capsys):
    (tmp_path / "shopdesk.sqlite3").write_bytes(b"garbage" * 1000)
    assert main(["--check", "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "damaged" in err and "restore" in err


def _others_can_run(path: Path) -> bool:
    return all(p.stat().st_mode & 0o005 == 0o005 for p in [path, *path.parents])


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_check_fails_clearly_on_a_read_only_store(template_db):
    if os.geteuid() == 0 and not (_others_can_run(Path(sys.executable).parent) and _others_can_run(ROOT)):
        pytest.skip("running as root in a checkout that other users cannot read")
    base = Path(tempfile.mkdtemp(prefix="shopdesk-ro-"))
    try:
        base.chmod(0o755)
        data = base / "data"
        data.mkdir()
        shutil.copy(template_db, data / "shopdesk.sqlite3")
        (data / "shopdesk.sqlite3").chmod(0o444)
        data.chmod(0o555)
        # root ignores permission bits, so the check runs as an unprivileged user there.
        as_user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
        result = subprocess.run(
            [*as_user, sys.executable, "-m", "shopdesk", "--check", "--data-dir", str(data)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 2
        assert "not writable" in result.stderr
    finally:
        for path in base.rglob("*"):
            path.chmod(0o755)
        shutil.rmtree(base)


def test_check_fails_clearly_when_the_data_directory_cannot_be_created(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["--check", "--data-dir", str(blocker / "data")]) == 2
    assert "cannot be written" in capsys.readouterr().err


def test_backup_then_restore_from_the_command_line(engine, blobs, events, data_paths, tmp_path, capsys):
    ingest(engine, [incoming("a")], blobs=blobs, publish=events)
    engine.dispose()
    target = tmp_path / "yedek.sqlite3"
    assert main(["--data-dir", str(data_paths.root), "backup", str(target)]) == 0
    assert main(["--data-dir", str(data_paths.root), "restore", str(target)]) == 0
    out = lines(capsys.readouterr().out)
    assert out["restored"] == str(target)
    assert os.path.exists(out["previous_database_kept"])


def test_restore_refuses_a_foreign_file(data_paths, tmp_path, capsys):
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t(x)")
    assert main(["--data-dir", str(data_paths.root), "restore", str(other)]) == 2
    assert "not a ShopDesk database" in capsys.readouterr().err


def test_import_twice_adds_nothing_the_second_time(data_paths, tmp_path, capsys):
    mails = tmp_path / "mails"
    mails.mkdir()
    for i in range(3):
        (mails / f"{i}.eml").write_bytes(
            f"From: Müşteri {i} <m{i}@example.com>\\r\\nTo: shop@example.com\\r\\n"
            f"Subject: =?utf-8?q?Sipari=C5=9F_{i}?=\\r\\nMessage-ID: <m{i}@example.com>\\r\\n"
            f"Date: Sun, 22 Nov 2026 10:00:00 +0300\\r\\n\\r\\nMerhaba {i}\\r\\n".encode()
        )
    assert main(["--data-dir", str(data_paths.root), "import", str(mails)]) == 0
    first = lines(capsys.readouterr().out)
    assert (first["imported"], first["duplicates_skipped"]) == ("3", "0")
    assert main(["--data-dir", str(data_paths.root), "import", str(mails)]) == 0
    second = lines(capsys.readouterr().out)
    assert (second["imported"], second["duplicates_skipped"]) == ("0", "3")


def test_import_of_a_missing_path_says_so(data_paths, tmp_path, capsys):
    assert main(["--data-dir", str(data_paths.root), "import", str(tmp_path / "nope.mbox")]) == 2
    assert "does not exist" in capsys.readouterr().err
