"""YAML reading through libyaml when PyYAML has it: about ten times faster than the pure
Python parser, which matters for front matter in every file and for the data tables."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError


def load_yaml(text: str | bytes) -> Any:
    """Like `yaml.safe_load`: only plain data types, never arbitrary objects."""
    return yaml.load(text, Loader=_LOADER)
