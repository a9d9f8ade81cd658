"""Where the terminal app keeps what outlives a run, without Textual.

- The last session of each corpus: a saved brief (`briefing.brief.saved`, the same YAML a
  person can edit or `briefing make --brief` renders) in the user's state folder, so the
  next run reopens its countries, themes, exclusions and pins.
- The history of the briefs the app exported, one file per selection
  (`briefing.brief.history`), so a later run marks what is new since the last export.

`BRIEFING_STATE_DIR` overrides the folder (tests give each run its own).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from briefing.model import Selection

ENV_VAR = "BRIEFING_STATE_DIR"


def state_dir() -> Path:
    """The user's state folder for briefing (`BRIEFING_STATE_DIR` overrides)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_state_dir

    return Path(user_state_dir("briefing"))


def session_file(corpus: Path) -> Path:
    """The last session on this corpus folder: `sessions/<folder name>-<hash of its path>.yaml`
    (two corpora of the same name keep their own)."""
    folder = corpus.expanduser().resolve()
    digest = hashlib.sha256(str(folder).encode()).hexdigest()[:10]
    return state_dir() / "sessions" / f"{_safe(folder.name) or 'corpus'}-{digest}.yaml"


def history_file(corpus: Path, selection: Selection) -> Path:
    """The exports of this selection on this corpus: `history/<session stem>/<brief stem>`
    as `briefing make` names the brief (`brief-kr`), `.history.json`."""
    from briefing.brief.export import brief_stem

    stem = brief_stem(selection, "x").removesuffix("-x")
    return session_file(corpus).with_suffix("") / "history" / f"{stem}.history.json"


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in name)[:40]
