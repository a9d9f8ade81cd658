"""The corpus folder a command works on: --corpus, else $BRIEFING_CORPUS, else the bundled
seeds (the bundled corpus, `seeds/`). Shared by the command modules (`app`, `verify`), which
import it from here so that neither imports the other.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefing.errors import UsageError


def given_corpus(corpus: Path | None) -> Path | None:
    """The corpus folder the user named: --corpus, else $BRIEFING_CORPUS, else None."""
    env = os.environ.get("BRIEFING_CORPUS")
    return corpus or (Path(env) if env else None)


def corpus_path(corpus: Path | None) -> Path:
    from briefing.resources import seeds_dir

    path = given_corpus(corpus) or seeds_dir()
    if path.exists() and not path.is_dir():
        raise UsageError(f"corpus {path} is a file, not a folder")
    if not path.is_dir():
        raise UsageError(f"corpus folder not found: {path}")
    return path
