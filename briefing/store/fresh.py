"""`read_fresh`: a read of the store that starts before the up-to-date check ends, for a
command on a big corpus: a forked child walks the corpus while the parent reads.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

from briefing.errors import BriefingError
from briefing.store.protocol import SyncReport
from briefing.store.sqlite import Store
from briefing.store.sync import Progress, walk_listing

R = TypeVar("R")


def read_fresh(corpus: Path, read: Callable[[Store], R], *, progress: Progress | None = None
               ) -> tuple[Store, SyncReport, R]:
    """`read(store)` on the store brought up to date, as `open_store` then `read` give it,
    sooner on a big corpus: `read` runs on the store as it is while a forked child walks
    the corpus (the up-to-date check, a third of a second at 100,000 files, in the kernel
    mostly), and runs again after a sync only when the walk shows a change. An error
    `read` raises counts only once the corpus is known unchanged."""
    store = Store.for_corpus(corpus)
    try:
        walk = _ListingWalk.start(store)
        if walk is not None:
            try:
                result: R | None = read(store)
                error: BriefingError | None = None
            except BriefingError as err:
                result, error = None, err
            finally:
                files = walk.unchanged()
            if files is not None:
                if error is not None:
                    raise error
                return store, store._idle_report(files), cast(R, result)
        report = store.sync(progress=progress)
        return store, report, read(store)
    except BaseException:
        store.close()
        raise


class _ListingWalk:
    """The corpus walk of the up-to-date check, in a forked child: it runs on the other
    core while the parent reads the store, which a thread cannot do (the walk holds the
    GIL between its stats). The child only walks and writes a line to a pipe, then leaves
    without running any clean-up of the parent's (its SQLite connection is never used)."""

    def __init__(self, pid: int, pipe: int, known: str) -> None:
        self.pid, self.pipe, self.known = pid, pipe, known

    @classmethod
    def start(cls, store: Store) -> _ListingWalk | None:
        """None where a plain sync is needed or forking is unsafe: no digest to compare
        with, no fork, or other threads (one could hold a lock the child would need)."""
        if not hasattr(os, "fork") or threading.active_count() > 1:
            return None
        known = store._known_listing()
        if known is None:
            return None
        read_end, write_end = os.pipe()
        # The parent's objects so far are left alone by its garbage collector while the
        # child lives: a full pass writes to every one, copying the pages they share.
        gc.freeze()
        try:
            pid = os.fork()
        except BaseException:
            gc.unfreeze()
            raise
        if pid == 0:  # the child
            status = 1
            try:
                os.close(read_end)
                files, digest = walk_listing(store.corpus)
                os.write(write_end, f"{files} {digest}".encode())
                status = 0
            finally:
                os._exit(status)  # a failed walk writes nothing: the parent syncs and says why
        os.close(write_end)
        return cls(pid, read_end, known)

    def unchanged(self) -> int | None:
        """The number of article files when the corpus is as the store last saw it."""
        try:
            with os.fdopen(self.pipe, "rb") as pipe:
                line = pipe.read().decode()
            os.waitpid(self.pid, 0)
        finally:
            gc.unfreeze()
        count, _, digest = line.partition(" ")
        return int(count) if digest == self.known else None
