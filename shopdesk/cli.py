"""Command line: the window (default), --demo, --data-dir, --check, backup, restore, import, account, sync."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shopdesk import APP_NAME, __version__
from shopdesk.account_cli import add_parsers
from shopdesk.paths import default_data_dir


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="shopdesk", description=f"{APP_NAME}: one inbox for your shop.")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--data-dir", type=Path, help="data directory (default: $SHOPDESK_DATA_DIR or the OS's)"
    )
    parser.add_argument("--demo", action="store_true", help="open a separate demo inbox filled with examples")
    parser.add_argument("--check", action="store_true", help="check the store and print what it holds")
    parser.add_argument("--quit-after-paint", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command")
    backup = sub.add_parser("backup", help="write a backup of the database")
    backup.add_argument("file", nargs="?", type=Path, help="where to write it (default: the backups folder)")
    restore = sub.add_parser("restore", help="replace the database with a backup (the current one is kept)")
    restore.add_argument("file", type=Path)
    importer = sub.add_parser("import", help="import an mbox file, a Maildir or a folder of .eml files")
    importer.add_argument("path", type=Path)
    add_parsers(sub)
    return parser


def data_dir_of(args: argparse.Namespace) -> Path:
    return args.data_dir or default_data_dir(demo=args.demo)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.check:
        from shopdesk.doctor import run_check

        return run_check(data_dir_of(args))
    if args.command == "backup":
        from shopdesk.doctor import run_backup

        return run_backup(data_dir_of(args), args.file)
    if args.command == "restore":
        from shopdesk.doctor import run_restore

        return run_restore(data_dir_of(args), args.file)
    if args.command == "import":
        from shopdesk.mail_import import run_import

        return run_import(data_dir_of(args), args.path)
    if args.command == "account":
        from shopdesk.account_cli import run_account

        return run_account(data_dir_of(args), args)
    if args.command == "sync":
        from shopdesk.account_cli import run_sync_once

        return run_sync_once(data_dir_of(args))
    from shopdesk.app import run_gui

    return run_gui(data_dir_of(args), demo=args.demo, quit_after_paint=args.quit_after_paint)


if __name__ == "__main__":
    sys.exit(main())
