"""Small things users found that made them doubt a brief or the CLI: each is reproduced on a
real corpus through the real CLI (or the module a user meets) and pinned here."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from briefing.cli import app

runner = CliRunner()
DAY = "2026-11-22"


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def fact_ids(corpus: Path, country: str) -> list[str]:
    r = run("facts", "-c", country, "--corpus", str(corpus), "--json")
    assert r.exit_code == 0, r.output
    return [f["id"] for f in json.loads(r.stdout)]


# --------------------------------------------------------------------------- 1. --exclude


def test_exclude_of_unknown_fact_ids_is_a_usage_error_naming_them(corpus, tmp_path):
    known = fact_ids(corpus, "KR")[0]
    out = tmp_path / "out"
    r = run("make", "-c", "KR", "-x", "deadbeef", "-x", known, "-x", "f00000000ab",
            "--corpus", str(corpus), "--out", str(out), "--date", DAY, "--format", "md")
    assert r.exit_code == 2
    assert r.stderr.strip() == ("error: --exclude: unknown fact ids 'deadbeef', 'f00000000ab'"
                                " (see `briefing facts` for ids)")
    assert not out.exists()  # nothing written for a brief the user did not ask for


def test_exclude_of_a_known_id_works_in_any_case(corpus, tmp_path):
    known = fact_ids(corpus, "KR")[0]
    r = run("make", "-c", "KR", "-x", known.upper(), "--audit", "--corpus", str(corpus),
            "--out", str(tmp_path), "--date", DAY, "--format", "md")
    assert r.exit_code == 0, r.output
    text = Path(r.stdout.strip()).read_text(encoding="utf-8")
    assert "excluded by the user" in text
