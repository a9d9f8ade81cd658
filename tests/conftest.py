"""Every test runs with its own cache, config and corpus: never the user's real ones."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(TESTS))  # tests/factories.py, tests/smtp_server.py

from web_server import site  # noqa: E402, F401  (a fixture: a real HTTP server on 127.0.0.1)


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    for name in list(__import__("os").environ):
        if name.startswith("BRIEFING_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("BRIEFING_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("BRIEFING_OUTBOX", str(home / "outbox"))
    # Retries of a failed delivery pause for seconds in real use; tests need not wait.
    monkeypatch.setenv("BRIEFING_SMTP_RETRY_DELAYS", "0.01,0.01")
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A writable copy of the bundled seed corpus."""
    dest = tmp_path / "corpus"
    shutil.copytree(SEEDS, dest)
    return dest


@pytest.fixture
def cli():
    """The real command-line app, as `briefing` runs it."""
    from briefing.cli import app

    return app
