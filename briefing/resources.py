"""Where the package's own files live, installed (wheel) or from a source checkout, and
where it keeps its caches."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _packaged(name: str) -> Path:
    # A wheel carries templates/ and seeds/ inside the package (hatch force-include);
    # a source checkout or editable install has them at the repository's top level.
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def templates_dir() -> Path:
    return _packaged("templates")


def seeds_dir() -> Path:
    return _packaged("seeds")


def data_dir() -> Path:
    return _PACKAGE / "extract" / "data"


def cache_dir() -> Path:
    """The user's cache folder for briefing (`BRIEFING_CACHE_DIR` overrides): fact stores
    and compiled templates."""
    env = os.environ.get("BRIEFING_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefing"))
