"""Each test's own home for the CLI: cache, config file and XDG folders under a folder of its
own, and none of the developer's BRIEFING_ settings. conftest.py gives every test one; a
module-scoped fixture, which runs before that, calls `isolate` itself."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def isolate(env: pytest.MonkeyPatch, home: Path,
            dropped: tuple[str, ...] = ("BRIEFING_", "XDG_")) -> None:
    """Point the CLI's cache, config and XDG folders into `home`, and unset every variable
    whose name starts with one of `dropped`."""
    for name in [n for n in os.environ if n.startswith(dropped)]:
        env.delenv(name)
    env.setenv("BRIEFING_CACHE_DIR", str(home / "cache"))
    env.setenv("BRIEFING_CONFIG", str(home / "config.toml"))
    env.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    env.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))


@contextmanager
def isolated(home: Path) -> Iterator[None]:
    """`isolate` for the length of a block: where a module-scoped fixture makes what its
    tests share (it runs before each test's own isolation)."""
    with pytest.MonkeyPatch.context() as env:
        isolate(env, home)
        yield
