"""Golden briefs: reviewed by eye once, then compared byte for byte, so any change in what
a brief says shows up in review. Regenerate with UPDATE_GOLDEN=1 and read the diff."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import SEEDS, TESTS
from typer.testing import CliRunner

from briefing.cli.app import app

GOLDEN = TESTS / "golden"
CASES = {
    "brief-kr-2026-11-22.md": ["-c", "KR"],
    "brief-sovereign-ai-2026-11-22.md": ["-t", "sovereign-ai"],
    "brief-cn-us-2026-11-22.md": ["-c", "CN", "-c", "US", "--max-facts", "20", "--audit"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_brief_matches_golden(name, tmp_path):
    r = CliRunner().invoke(app, ["make", *CASES[name], "--corpus", str(SEEDS), "--out", str(tmp_path),
                                 "--date", "2026-11-22", "--format", "md"])
    assert r.exit_code == 0, r.stderr
    made = Path(r.stdout.strip())
    assert made.name == name
    if os.environ.get("UPDATE_GOLDEN"):
        (GOLDEN / name).write_bytes(made.read_bytes())
    assert made.read_bytes() == (GOLDEN / name).read_bytes()
