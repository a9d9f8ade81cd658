"""The user's config file: where it is and what it holds, for every part that reads it.

`platformdirs.user_config_dir("briefing")/config.toml` (YAML is read too: `config.yaml`), or
wherever `BRIEFING_CONFIG` points, so tests never see the real one. Each part reads its own
table: mail its `[smtp]` (`briefing.deliver.config`), briefs the `[rates]` a user converts
currencies with (`briefing.brief.rates`). Shared, since neither part may import the other's
floor for a file path.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from briefing.errors import UsageError

CONFIG_ENV = "BRIEFING_CONFIG"


class ConfigError(UsageError):
    """A setting has a value that cannot work (bad port, unknown security, broken file)."""


def config_path() -> Path:
    """Where the config file is read from: `BRIEFING_CONFIG`, else the user config dir."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir  # only needed when no override is given

    folder = Path(user_config_dir("briefing"))
    for name in ("config.toml", "config.yaml", "config.yml"):
        if (folder / name).is_file():
            return folder / name
    return folder / "config.toml"


def read_config(path: Path) -> dict[str, Any]:
    """The whole file as tables ({} when there is no file); a broken file is a one-line
    ConfigError naming it."""
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
        data = _parse_yaml(text) if path.suffix in (".yaml", ".yml") else tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"cannot read config file {path}: {one_line(err)}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"config file {path}: expected tables of settings")
    return data


def _parse_yaml(text: str) -> Any:
    # Only for users who prefer a YAML config. Our loader keeps a date that names no day
    # (`date: 2026-02-30`) as text, which the table's reader then rejects in one line.
    from briefing.yamlio import YAMLError, load_yaml

    try:
        return load_yaml(text)
    except (YAMLError, ValueError) as err:  # ValueError: a tag PyYAML cannot make (`!!int x`)
        raise ConfigError(f"invalid YAML in config file: {one_line(err)}") from None


def one_line(err: BaseException) -> str:
    return " ".join(str(err).split())
