"""Mail settings: a config file, then the environment, then command-line flags.

The user's file lives at `platformdirs.user_config_dir("briefing")/config.toml` (YAML is read
too: `config.yaml`), or wherever `BRIEFING_CONFIG` points, so tests never see the real one.
Only its `[smtp]` table matters here:

    [smtp]
    host = "smtp.example.com"
    port = 587
    security = "starttls"      # or "ssl", "none"
    user = "analyst@example.com"
    password = "..."           # or BRIEFING_SMTP_PASSWORD; there is no --password flag
    from = "Policy Desk <analyst@example.com>"
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal

# The file's place and parsing are shared with briefs' `[rates]` (re-exported here).
from briefing.userconfig import CONFIG_ENV, ConfigError, config_path, read_config  # noqa: F401

Security = Literal["starttls", "ssl", "none"]
SECURITIES: tuple[Security, ...] = ("starttls", "ssl", "none")
DEFAULT_PORTS: dict[str, int] = {"starttls": 587, "ssl": 465, "none": 25}
MASK = "********"

#: Setting name -> environment variable. `sender` is spelled `from` everywhere users see it.
ENV_VARS: dict[str, str] = {
    "host": "BRIEFING_SMTP_HOST",
    "port": "BRIEFING_SMTP_PORT",
    "security": "BRIEFING_SMTP_SECURITY",
    "user": "BRIEFING_SMTP_USER",
    "password": "BRIEFING_SMTP_PASSWORD",
    "sender": "BRIEFING_SMTP_FROM",
    "timeout": "BRIEFING_SMTP_TIMEOUT",
}
#: Key in the config file's `[smtp]` table -> setting name.
FILE_KEYS: dict[str, str] = {
    "host": "host", "port": "port", "security": "security", "user": "user",
    "password": "password", "from": "sender", "sender": "sender", "timeout": "timeout",
}


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """How to reach the mail server. Its repr never shows the password."""

    host: str | None = None
    """None until configured: sending then fails with a hint on where to set it."""
    port: int = 587
    security: Security = "starttls"
    """`starttls` (upgrade a plain connection), `ssl` (TLS from the start) or `none`."""
    user: str | None = None
    password: str | None = None
    sender: str | None = None
    """The From address, e.g. `Policy Desk <desk@example.com>`."""
    timeout: float = 30.0
    """Seconds to wait for the server at each step."""

    def __repr__(self) -> str:
        def shown(name: str) -> str:
            value = getattr(self, name)
            return repr(MASK if name == "password" and value else value)

        return f"SmtpSettings({', '.join(f'{f.name}={shown(f.name)}' for f in fields(self))})"

    __str__ = __repr__

    @property
    def address(self) -> str:
        """`host:port`, for messages."""
        return f"{self.host}:{self.port}"


@dataclass(frozen=True, slots=True)
class ResolvedSettings:
    """The effective settings and where each value came from (for `briefing config show`)."""

    settings: SmtpSettings
    origins: dict[str, str]
    """Setting name -> `default`, `config file`, `env BRIEFING_SMTP_…` or `flag`."""
    path: Path
    """The config file that was looked for (it may not exist)."""


def load_settings(overrides: Mapping[str, Any] | None = None) -> SmtpSettings:
    """Settings from the config file < environment < `overrides` (flags; None = not given)."""
    return resolve_settings(overrides).settings


def resolve_settings(overrides: Mapping[str, Any] | None = None) -> ResolvedSettings:
    path = config_path()
    raw: dict[str, Any] = {}
    origins: dict[str, str] = {}
    layers = (
        (_read_file(path), lambda name: "config file"),
        (_read_env(), lambda name: f"env {ENV_VARS[name]}"),
        (_read_overrides(overrides or {}), lambda name: "flag"),
    )
    for values, origin in layers:
        for name, value in values.items():
            raw[name] = value
            origins[name] = origin(name)
    settings = _build(raw, origins)
    for f in fields(SmtpSettings):
        origins.setdefault(f.name, "default")
    if "port" not in raw:
        origins["port"] = f"default for {settings.security}"
    return ResolvedSettings(settings, origins, path)


def describe(resolved: ResolvedSettings) -> list[tuple[str, str, str]]:
    """(name as users spell it, value with the password masked, origin) for each setting."""
    rows = []
    for f in fields(SmtpSettings):
        value = getattr(resolved.settings, f.name)
        if f.name == "password" and value:
            value = MASK
        shown = "(not set)" if value is None else str(value)
        rows.append(("from" if f.name == "sender" else f.name, shown, resolved.origins[f.name]))
    return rows


# --------------------------------------------------------------------------- layers


def _read_file(path: Path) -> dict[str, Any]:
    smtp = read_config(path).get("smtp", {})
    if not isinstance(smtp, dict):
        raise ConfigError(f"config file {path}: [smtp] must be a table of settings")
    unknown = sorted(set(smtp) - set(FILE_KEYS))
    if unknown:
        known = ", ".join(sorted(set(FILE_KEYS) - {"sender"}))
        raise ConfigError(f"config file {path}: unknown key {unknown[0]!r} in [smtp]; "
                          f"known keys: {known}")
    return {FILE_KEYS[key]: value for key, value in smtp.items() if value is not None}


def _read_env() -> dict[str, str]:
    # An empty variable counts as unset, so `BRIEFING_SMTP_USER= briefing …` clears nothing.
    return {name: os.environ[var] for name, var in ENV_VARS.items() if os.environ.get(var)}


def _read_overrides(overrides: Mapping[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(SmtpSettings)}
    values = {("sender" if key == "from" else key): v for key, v in overrides.items()}
    unknown = sorted(set(values) - names)
    if unknown:
        raise ValueError(f"unknown SMTP setting {unknown[0]!r}")  # a programming error
    return {name: value for name, value in values.items() if value is not None}


# --------------------------------------------------------------------------- checks


def _build(raw: dict[str, Any], origins: dict[str, str]) -> SmtpSettings:
    def where(name: str) -> str:
        return {"flag": f"--{'from' if name == 'sender' else name}"}.get(
            origins.get(name, ""), origins.get(name, name))

    security = str(raw.get("security", "starttls")).strip().lower()
    if security not in SECURITIES:
        raise ConfigError(f"{where('security')}: security {raw['security']!r} is not one of "
                          f"{', '.join(SECURITIES)}")
    port = _number(raw.get("port", DEFAULT_PORTS[security]), int, where("port"), "port")
    if not 0 < port < 65536:
        raise ConfigError(f"{where('port')}: port {port} is out of range 1-65535")
    timeout = _number(raw.get("timeout", 30.0), float, where("timeout"), "timeout")
    if timeout <= 0:
        raise ConfigError(f"{where('timeout')}: timeout must be more than 0 seconds")
    text = {name: _text(raw.get(name), where(name)) for name in ("host", "user", "sender")}
    text["password"] = _text(raw.get("password"), where("password"), strip=False)
    return SmtpSettings(port=port, security=security, timeout=timeout, **text)  # type: ignore[arg-type]


def _number(value: Any, kind: type[int] | type[float], where: str, label: str) -> Any:
    if isinstance(value, bool):
        raise ConfigError(f"{where}: {label} must be a number")
    try:
        return kind(str(value).strip()) if isinstance(value, str) else kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: {label} {value!r} is not a number") from None


def _text(value: Any, where: str, *, strip: bool = True) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str | int):
        raise ConfigError(f"{where}: expected text")
    text = str(value)
    # A line break in any of these would end up in an SMTP command or a header.
    if "\r" in text or "\n" in text or "\0" in text:
        raise ConfigError(f"{where}: value contains a line break")
    # Passwords are kept as typed: a space may be part of one.
    return (text.strip() if strip else text) or None
