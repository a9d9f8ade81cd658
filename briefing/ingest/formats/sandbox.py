"""Run a reader where it can be stopped: in a forked child process, with a wall-clock
deadline and a memory cap, so that one hostile file can neither stall nor swamp the command
that reads it.

A deadline checked by the reader itself only holds between the steps it takes: PDFium
loading one page of a million text runs, or our own code grouping its characters, never
returns to a check (a one-page 32 MB PDF took 158 s and 835 MB). A child process can be
killed at any moment, and `RLIMIT_AS` makes an allocation past the cap fail inside it
(PDFium then aborts) instead of growing the machine's memory.

Forking costs a few milliseconds whatever the caller is (the CLI, a pool worker of the
store's sync, a thread of the terminal app): the child shares the parent's memory until it
writes to it, its modules are already imported, and its result comes back pickled through a
pipe.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable
from typing import TypeVar

from briefing.errors import CorpusError

T = TypeVar("T")

MB = 1024 * 1024
#: Signals a reader that ran out of memory dies of: PDFium (and C++'s std::bad_alloc, and
#: glibc when malloc's own bookkeeping fails) aborts rather than return an error.
OUT_OF_MEMORY_SIGNALS = frozenset({signal.SIGABRT})
PR_SET_PDEATHSIG = 1
# What a child sends back: ("ok", value), ("raise", exception) or ("memory", None).
_OK, _RAISE, _MEMORY = "ok", "raise", "memory"


def can_fork() -> bool:
    """Whether readers can run in a child process here (Linux and other POSIX systems)."""
    return hasattr(os, "fork") and sys.platform != "win32"


def run_bounded(task: Callable[[], T], *, seconds: float, memory_mb: float,
                what: str) -> T:
    """`task()` run in a forked child: its value, or the exception it raised. CorpusError
    naming `what` when it takes longer than `seconds` (it is killed then), needs more than
    `memory_mb` of memory beyond what the process held when it was forked, or crashes."""
    prctl = _prctl()  # loaded here: a child forked beside other threads must not dlopen
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError as err:
        os.close(read)
        os.close(write)
        raise CorpusError(f"cannot start a process to read the {what}: {err.strerror}"
                          ) from None
    if pid == 0:  # the child: never returns
        os.close(read)
        _child(task, write, memory_mb, prctl)
    os.close(write)
    deadline = time.monotonic() + seconds
    data, finished = b"", False
    try:
        data, finished = _collect(read, deadline)
    finally:
        os.close(read)
        if not finished:
            _kill(pid)  # past the deadline, or the parent was interrupted
        status = _reap(pid)
    if not finished:
        raise CorpusError(f"{what} took longer than {seconds:g} s to read; skipped")
    return _outcome(data, status, memory_mb, what)


def _outcome(data: bytes, status: int, memory_mb: float, what: str):
    """The child's value from what it sent and how it ended."""
    if data:
        try:
            kind, value = pickle.loads(data)
        except Exception:  # cut short: the child died while it wrote
            kind, value = None, None
        if kind == _OK:
            return value
        if kind == _RAISE:
            raise value
        if kind == _MEMORY:
            raise CorpusError(f"{what} needed more than {memory_mb:g} MB to read; skipped")
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig in OUT_OF_MEMORY_SIGNALS or sig == signal.SIGKILL:  # SIGKILL: the OOM killer
            raise CorpusError(f"{what} needed more than {memory_mb:g} MB to read; skipped")
        raise CorpusError(f"the {what} reader crashed on it ({signal.Signals(sig).name});"
                          " skipped")
    raise CorpusError(f"the {what} reader stopped without a result (exit code "
                      f"{os.waitstatus_to_exitcode(status)}); skipped")


def _collect(fd: int, deadline: float) -> tuple[bytes, bool]:
    """Everything the child writes to `fd` until it closes it, and whether it did so before
    the deadline. Read as it comes: a result larger than the pipe's buffer would otherwise
    block the child."""
    chunks: list[bytes] = []
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return b"", False
        if not poller.poll(left * 1000):
            continue  # timed out: the loop sees the deadline passed
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
        os.kill(pid, signal.SIGKILL)


def _reap(pid: int) -> int:
    """Wait for the child and return its status (a killed child is gone at once)."""
    try:
        return os.waitpid(pid, 0)[1]  # retried after a signal by Python itself (PEP 475)
    except ChildProcessError:  # reaped by someone else (a SIGCHLD handler)
        return 0


def _child(task: Callable[[], object], fd: int, memory_mb: float,
           prctl: Callable[..., int] | None) -> None:
    """Run `task` under the memory cap and send its outcome; exit without running the
    parent's exit handlers or flushing its buffers (they are the parent's to write)."""
    code = 0
    try:
        # The objects inherited from the parent are never collected here: scanning them
        # would copy every page of the parent's memory into the child.
        gc.freeze()
        # Only the pipe to the parent stays open (and the standard streams): another
        # thread's reader forked at the same time must see its own pipe close when its
        # child ends, not when this one does.
        os.closerange(3, fd)
        os.closerange(fd + 1, max(os.sysconf("SC_OPEN_MAX"), fd + 1))
        if prctl is not None:  # killed when the thread that forked it dies (a command
            prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # killed with SIGKILL, say)
        _cap_memory(memory_mb)
        try:
            message = (_OK, task())
        except MemoryError:
            message = (_MEMORY, None)
        except BaseException as err:  # the parent re-raises it
            message = (_RAISE, err)
        try:
            data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = pickle.dumps((_MEMORY, None))
        except Exception as err:  # an exception that does not pickle: its words do
            data = pickle.dumps((_RAISE, CorpusError(f"{type(err).__name__}: {err}")))
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:  # nothing may escape into the parent's code
        code = 70
    finally:
        os._exit(code)


@functools.cache
def _prctl() -> Callable[..., int] | None:
    """Linux's prctl, to ask for the child to be killed with its parent (None elsewhere)."""
    if sys.platform != "linux":
        return None
    import ctypes

    return ctypes.CDLL(None).prctl


def _cap_memory(memory_mb: float) -> None:
    """Limit the child's address space to what it holds now plus `memory_mb`: what it
    inherited (the parent's heap, its threads' stacks) is not the reader's to pay for."""
    import resource

    try:
        with open("/proc/self/statm", "rb") as statm:
            held = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # no /proc (not Linux): the cap counts what was inherited too
        held = 0
    cap = held + int(memory_mb * MB)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
