"""The SQLite fact store: `Store` puts its parts together (schema, sync, queries), and
`open_store` gives the store of a corpus brought up to date, as every command starts with.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

from briefing.errors import BriefingError
from briefing.extract.themes import Taxonomy, load_taxonomy
from briefing.resources import cache_dir
from briefing.store.protocol import SyncReport
from briefing.store.queries import Queries
from briefing.store.sync import Progress, Sync

#: SQLite's page cache (kB), which also bounds the memory of its sorts: it caps the store's
#: memory whatever the corpus size. Four times as much made no sync faster, even a cold
#: index of 100,000 files (its index builds and the refresh's sort of every statement),
#: and took 100 MB more at its peak.
CACHE_KB = 16_384
#: Seconds a connection waits on another's lock before SQLite says "database is locked".
#: Writers queue on the sync lock file instead, so this is only met while a crashed
#: process's journal is recovered or a checkpoint runs: short, but never worth failing.
BUSY_TIMEOUT_S = 60.0


def store_path(corpus: Path) -> Path:
    """One store per corpus folder, named after it so a person can tell them apart."""
    root = corpus.resolve()
    digest = hashlib.sha1(str(root).encode()).hexdigest()[:12]
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", root.name or "corpus")[:40]
    return cache_dir() / f"{name}-{digest}.sqlite3"


class Store(Sync, Queries):
    """A fact store for one corpus folder.

    Several processes may use one store at once (the app open while `briefing make` runs):
    readers never wait (WAL), each query of several statements reads one snapshot, and
    syncs queue on a lock file, each one looking at the corpus again once it holds the lock.
    Every sync is one transaction, so a crash or a failed write leaves the store as it was.
    """

    def __init__(self, path: Path, corpus: Path, taxonomy: Taxonomy | None = None):
        self.path = path
        self.corpus = corpus.resolve()
        self.taxonomy = taxonomy or load_taxonomy()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit: every transaction is explicit, so a query never keeps a snapshot
            # open and a sync takes the write lock at its start, never half-way through.
            self.db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False,
                                      isolation_level=None)
        except (OSError, sqlite3.Error) as err:
            raise BriefingError(f"cannot open the fact store {path}: "
                                f"{getattr(err, 'strerror', None) or err}") from None
        try:
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=OFF")
            self._migrate()
            # After the schema: a size in kB counts pages of the page size it is set at,
            # and a new store's 16 kB pages would make it four times as much.
            self.db.execute(f"PRAGMA cache_size=-{CACHE_KB}")
        except (sqlite3.Error, BriefingError) as err:
            self.db.close()
            raise err if isinstance(err, BriefingError) else self.failure(err) from None

    @classmethod
    def for_corpus(cls, corpus: Path, taxonomy: Taxonomy | None = None) -> Store:
        return cls(store_path(corpus), corpus, taxonomy)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(corpus: Path, *, progress: Progress | None = None,
               rebuild: bool = False) -> tuple[Store, SyncReport]:
    """The store for a corpus, brought up to date: what every command starts with."""
    store = Store.for_corpus(corpus)
    try:
        return store, store.sync(rebuild=rebuild, progress=progress)
    except BaseException:
        store.close()
        raise
