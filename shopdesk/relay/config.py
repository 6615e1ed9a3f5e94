"""The relay's settings (relay.toml): where it listens, its database, the site and its limits."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

PRECHAT_CHOICES = ("off", "optional", "required")


class ConfigError(ValueError):
    """relay.toml is missing something or holds a wrong value; the message names it."""


@dataclass(frozen=True)
class Limits:
    """Sizes and rates the relay accepts; the rate limits are token buckets (burst, then per second)."""

    max_message_chars: int = 4000
    max_field_chars: int = 500
    max_upload_bytes: int = 2_000_000
    max_body_bytes: int = 64_000
    ip_burst: int = 120
    ip_per_second: float = 10.0
    visitor_burst: int = 30
    visitor_per_second: float = 2.0
    new_visitors_burst: int = 30
    new_visitors_per_minute: float = 20.0


@dataclass(frozen=True)
class SiteConfig:
    """The one shop site this relay serves; ``key`` is public, only the owner token's hash is kept."""

    key: str
    owner_token_hash: str
    allowed_origins: tuple[str, ...] = ()
    name: str = ""
    prechat: str = "optional"  # off | optional | required (name and email before the first message)


@dataclass(frozen=True)
class RelayConfig:
    site: SiteConfig
    database_url: str = "sqlite:///relay.sqlite3"
    host: str = "127.0.0.1"
    port: int = 8765
    limits: Limits = field(default_factory=Limits)
    trust_proxy: bool = False  # behind Caddy/nginx: take the client address from X-Forwarded-For


def new_token() -> str:
    """A fresh owner token (kept by the desktop in the OS keyring)."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """What relay.toml keeps instead of the token: a long random token needs no slow hash."""
    return "sha256:" + hashlib.sha256(token.encode()).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    return bool(token) and hmac.compare_digest(hash_token(token), stored_hash)


def new_site_key() -> str:
    return "site_" + secrets.token_urlsafe(12)


def load_config(path: Path) -> RelayConfig:
    """Read relay.toml; raises ConfigError with the reason (and the file) when it is unusable."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    try:
        return config_from_dict(data, base=Path(path).resolve().parent)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def config_from_dict(data: dict, *, base: Path | None = None) -> RelayConfig:
    site = data.get("site")
    if not isinstance(site, dict):
        raise ConfigError("a [site] table is required (key, owner_token_hash, allowed_origins)")
    for name in ("key", "owner_token_hash"):
        if not isinstance(site.get(name), str) or not site[name]:
            raise ConfigError(f"[site] {name} is required")
    if not site["owner_token_hash"].startswith("sha256:"):
        raise ConfigError("[site] owner_token_hash must look like 'sha256:…' (shopdesk-relay --new-token)")
    origins = site.get("allowed_origins", [])
    if not isinstance(origins, list) or not all(isinstance(o, str) for o in origins):
        raise ConfigError("[site] allowed_origins must be a list of origins like 'https://shop.example'")
    prechat = site.get("prechat", "optional")
    if prechat not in PRECHAT_CHOICES:
        raise ConfigError(f"[site] prechat must be one of {', '.join(PRECHAT_CHOICES)}")
    url = data.get("database_url", "sqlite:///relay.sqlite3")
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////") and base is not None:
        url = f"sqlite:///{base / url.removeprefix('sqlite:///')}"  # relative to relay.toml
    return RelayConfig(
        site=SiteConfig(
            key=site["key"],
            owner_token_hash=site["owner_token_hash"],
            allowed_origins=tuple(o.rstrip("/") for o in origins),
            name=str(site.get("name", "")),
            prechat=prechat,
        ),
        database_url=url,
        host=str(data.get("host", "127.0.0.1")),
        port=_int(data.get("port", 8765), "port"),
        limits=_limits(data.get("limits", {})),
        trust_proxy=bool(data.get("trust_proxy", False)),
    )


def _int(value, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ConfigError(f"{name} must be a whole number")
    return value


def _limits(data: dict) -> Limits:
    if not isinstance(data, dict):
        raise ConfigError("[limits] must be a table")
    known = {f.name: f.type for f in fields(Limits)}
    unknown = set(data) - set(known)
    if unknown:
        raise ConfigError(f"[limits] does not know {', '.join(sorted(unknown))}")
    for name, value in data.items():
        if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
            raise ConfigError(f"[limits] {name} must be a positive number")
    return Limits(**data)
