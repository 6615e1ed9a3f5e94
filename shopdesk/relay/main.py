"""`shopdesk-relay --config relay.toml`: the relay as its own service (uvicorn), and its setup helpers."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from shopdesk.relay.config import ConfigError, RelayConfig, hash_token, load_config, new_site_key, new_token

SAMPLE = """\
# relay.toml: the ShopDesk relay for one shop (see README, "Running the relay").
host = "127.0.0.1"          # behind Caddy or nginx, which terminate TLS
port = 8765
database_url = "sqlite:///relay.sqlite3"   # or postgresql+psycopg://user:pass@host/db
trust_proxy = true          # take the visitor's address from X-Forwarded-For

[site]
name = "My Shop"
key = "{key}"
allowed_origins = ["https://www.example-shop.com"]
owner_token_hash = "{hash}"
prechat = "optional"        # off | optional | required
"""

# uvicorn's own frame limit: the relay's limits are far below it, this only stops abuse early. Chat frames
# are small: compressing them (permessage-deflate) cost the relay and every widget CPU and saved nothing.
SERVER_OPTIONS = {"ws_max_size": 1_000_000, "ws_per_message_deflate": False}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="shopdesk-relay", description="The ShopDesk web chat relay.")
    parser.add_argument("--config", type=Path, help="relay.toml")
    parser.add_argument("--host", help="listen address (overrides relay.toml)")
    parser.add_argument("--port", type=int, help="listen port (overrides relay.toml)")
    parser.add_argument(
        "--new-token",
        action="store_true",
        help="print a new owner token (for the desktop) and a relay.toml that keeps only its hash",
    )
    return parser


def serve(config: RelayConfig) -> None:
    import uvicorn

    from shopdesk.relay.app import create_app

    uvicorn.run(
        create_app(config),
        host=config.host,
        port=config.port,
        **SERVER_OPTIONS,
        proxy_headers=config.trust_proxy,
        log_level="info",
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.new_token:
        token = new_token()
        print(f"Owner token (enter it in ShopDesk → Settings → Web chat; keep it secret):\n  {token}\n")
        print(SAMPLE.format(key=new_site_key(), hash=hash_token(token)))
        return 0
    if args.config is None:
        print(
            "error: --config relay.toml is required (shopdesk-relay --new-token writes one)", file=sys.stderr
        )
        return 2
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    overrides = {k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    if overrides:
        from dataclasses import replace

        config = replace(config, **overrides)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    serve(config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
