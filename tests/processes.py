"""The real CLI as a process of its own, with the time it took and its peak memory.

Used by the tests that bound a hostile input's time and memory (test_corpus_limits,
test_pdf_limits, test_fetch_limits)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: Runs `briefing ARGS` as its child and prints, on its last stderr line, the largest
#: single process's peak memory (kB, from wait4: the command, or any descendant it waited
#: for) and the peak of the whole tree's proportional memory (kB, polled from /proc; PSS
#: counts a page shared by forked processes once). A process forked from pytest would
#: inherit pytest's peak (hundreds of MB late in a full run) and keep it across exec; a
#: child of this small launcher starts from the launcher's few MB.
_LAUNCH = r"""
import os, resource, subprocess, sys, time

def parents():
    found = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            found[int(name)] = int(stat[stat.rindex(b")") + 2:].split()[1])
    return found

def pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
    except OSError:
        return 0

proc = subprocess.Popen([sys.executable, "-m", "briefing", *sys.argv[1:]])
tree_peak = 0
while proc.poll() is None:
    ppid = parents()
    tree = {proc.pid}
    grew = True
    while grew:
        more = {p for p, parent in ppid.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    tree_peak = max(tree_peak, sum(pss(p) for p in tree))
    time.sleep(0.02)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, tree_peak, file=sys.stderr)
sys.exit(proc.returncode)
"""


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    process_mb: float  # the largest single process's peak resident memory
    tree_mb: float  # the peak of the whole tree's proportional memory


def briefing(*args: str, tmp: Path, timeout: float = 120,
             environ: Mapping[str, str] | None = None, **env: str) -> Run:
    """`briefing ARGS` under the launcher, in `environ` (default: this process's) plus `env`;
    killed once `timeout` passes, which fails the test (a hang fails the bound)."""
    out, err = tmp / "stdout", tmp / "stderr"
    base = os.environ if environ is None else environ
    with out.open("wb") as stdout, err.open("wb") as stderr:
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-c", _LAUNCH, *args], cwd=ROOT,
                                stdout=stdout, stderr=stderr,
                                env={**base, "COLUMNS": "200", **env},
                                start_new_session=True)
        try:
            code = proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            pytest.fail(f"briefing {' '.join(args)} still ran after {timeout} s")
        seconds = time.monotonic() - started
    *lines, peaks = err.read_text("utf-8", "replace").splitlines()
    process_kb, tree_kb = map(int, peaks.split())
    return Run(code, out.read_text("utf-8", "replace"), "".join(f"{x}\n" for x in lines),
               seconds, process_kb / 1024, tree_kb / 1024)
