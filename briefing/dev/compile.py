"""Compile the extraction path to C with mypyc, in place: `python briefing/dev/compile.py`.

Indexing spends its time in these modules (about 95% of a worker's CPU); compiled, they
take about a fifth less. The .py files stay the source: Python imports a compiled module
in place of its .py when both are there, and without them (no C compiler, a plain
`pip install`) the same code runs interpreted with the same results, which a test checks.
`make venv` runs this and runs it again when one of the modules changes.

Runs as a script, not `-m`: `--list` (for the Makefile) must not import the package.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
#: What is compiled: the extractor and what it calls per sentence, and the per-fact rows a
#: sync computes for every statement. Leaving one out only costs speed; each must type-check
#: under mypy, which mypyc needs. Not the store itself: its dataclasses cross the process
#: pool by pickle, which mypyc's frozen dataclasses do not survive.
MODULES = (
    "briefing/extract/facts.py",
    "briefing/extract/discourse.py",
    "briefing/extract/sentences.py",
    "briefing/text.py",
    "briefing/extract/figures.py",
    "briefing/extract/measures.py",
    "briefing/extract/rows.py",
    "briefing/extract/themes.py",
    "briefing/extract/countries.py",
    "briefing/extract/cues.py",
    "briefing/ingest/article.py",
    "briefing/ingest/walk.py",
    "briefing/ingest/front_matter.py",
    "briefing/ingest/header.py",
    "briefing/ingest/furniture.py",
    "briefing/ingest/lines.py",
    "briefing/ingest/blocks.py",
    "briefing/ingest/document.py",
    "briefing/ingest/cues.py",
    "briefing/model.py",
    "briefing/ingest/provenance.py",
    "briefing/store/aggregate.py",
)
#: The runtime the modules share lives in the package, not at the top of the repo.
GROUP = "briefing._compiled"


def compiled_files() -> list[Path]:
    """The compiled modules now in the package (the shared runtime included)."""
    return sorted(p for p in (ROOT / "briefing").rglob("*.so"))


def stale() -> list[str]:
    """Modules whose compiled form is older than their source: a module edited since the
    last `make` would otherwise run its old code."""
    out = []
    for module in MODULES:
        source = ROOT / module
        built = sorted(source.parent.glob(source.stem + ".*.so"))
        if built and built[0].stat().st_mtime_ns < source.stat().st_mtime_ns:
            out.append(module)
    return out


def clean() -> None:
    for path in compiled_files():
        path.unlink()


def build() -> None:
    from mypyc.build import mypycify
    from setuptools import setup

    clean()
    os.chdir(ROOT)  # mypyc takes the module paths relative to the repo
    setup(
        name="briefing-compiled",
        packages=[],  # only the extensions: no discovery of the repo's folders
        ext_modules=mypycify(list(MODULES), group_name=GROUP, opt_level="3"),
        script_args=["-q", "build_ext", "--inplace", "--build-temp", "build/mypyc"],
    )
    # build_ext copies an unchanged module's shim with its old time: `stale` reads times.
    for path in compiled_files():
        os.utime(path)


if __name__ == "__main__":
    if sys.argv[1:] == ["--list"]:
        print(" ".join(MODULES))
    elif sys.argv[1:] == ["--clean"]:
        clean()
    else:
        build()
