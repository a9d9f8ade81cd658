"""The compiled extractor (`briefing/dev/compile.py`, mypyc) reads exactly what the interpreted one
does: the same rows for the store, byte for byte, on the seeds, the development set when it
is fetched, and synthetic articles. CI sets BRIEFING_REQUIRE_COMPILED=1, so there a missing
compile is a failure, not a skip."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.dev.bench import synthesize
from briefing.dev.compile import compiled_files, stale

ROOT = Path(__file__).resolve().parent.parent
# Read at import: the isolated_env fixture clears BRIEFING_* variables for each test.
REQUIRED = os.environ.get("BRIEFING_REQUIRE_COMPILED") == "1"

# Prints, for every file of a folder, which kind of module read it and the rows it gave.
_DUMP = """
import sys
from pathlib import Path
import briefing.extract.facts as facts
from briefing.store import read_file
from briefing.extract.themes import load_taxonomy
print(facts.__file__.rsplit(".", 1)[-1])
taxonomy = load_taxonomy()
for root in map(Path, sys.argv[1:]):
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = str(path.relative_to(root))
        r = read_file(root, rel, 0, 0, taxonomy)
        print(rel, r.error, r.sources, r.statements, r.warnings)
"""


def _dump(package_root: Path, folders: list[Path]) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(package_root))
    out = subprocess.run([sys.executable, "-c", _DUMP, *map(str, folders)], env=env,
                         capture_output=True, text=True, check=True, cwd=package_root)
    return out.stdout.splitlines()


def test_compiled_extractor_gives_what_the_interpreted_one_gives(tmp_path):
    if not compiled_files():
        if REQUIRED:
            pytest.fail("the extractor is not compiled: see build/mypyc.log")
        pytest.skip("the extractor is not compiled here (`make venv` compiles it)")
    pure = tmp_path / "pure"
    shutil.copytree(ROOT / "briefing", pure / "briefing",
                    ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    synthetic = tmp_path / "synthetic"
    synthesize(synthetic, 150, seed=11)
    folders = [ROOT / "seeds", synthetic]
    if (ROOT / "tests" / "devset" / "texts").is_dir():  # fetched by `make eval`, not in CI
        folders.append(ROOT / "tests" / "devset" / "texts")

    compiled, interpreted = _dump(ROOT, folders), _dump(pure, folders)

    assert compiled[0] == "so" and interpreted[0] == "py"
    assert len(compiled) > 150
    assert compiled[1:] == interpreted[1:]


def test_every_compiled_module_is_newer_than_its_source():
    """A module edited after `make` would run its old compiled code: make compiles again."""
    assert not stale(), f"compiled before their last edit: {stale()}; run `make venv`"
