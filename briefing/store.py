"""The fact store: SQLite file of sources and statements, kept in step with the corpus.

Nothing above this module writes SQL. Indexing is incremental: a file whose size and
modification time are unchanged is not even hashed; a file whose hash and extractor key are
unchanged is not re-read. Statements with the same wording (and near-same wording, checked
at query time) are merged into one `Fact` with several citations.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import signal
import sqlite3
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ParamSpec, TypeVar

try:
    import fcntl
except ImportError:  # not POSIX: syncs rely on SQLite's own write lock alone
    fcntl = None  # type: ignore[assignment]

from briefing.corpus import read_document, scan_corpus
from briefing.errors import BriefingError, CorpusError
from briefing.extract.facts import (
    NEAR_SAME_WORDING,
    Statement,
    extract_statements,
    fact_id,
    norm_key,
)
from briefing.model import EXTRACTOR_VERSION, Citation, Fact, Figure, Skipped, Source
from briefing.provenance import MAX_CITED, cited_order, independent_publishers
from briefing.themes import Taxonomy, load_taxonomy

SCHEMA_VERSION = 7
#: Below this many files to read, a process pool costs more than it saves.
POOL_THRESHOLD = 300
#: Above this many files to read, indexes are rebuilt at the end rather than kept up to date.
BULK_FILES = 2_000
#: Files written per executemany round: bounds memory while workers keep reading.
WRITE_BATCH = 256
#: Seconds a connection waits on another's lock before SQLite says "database is locked".
#: Writers queue on the sync lock file instead, so this is only met while a crashed
#: process's journal is recovered or a checkpoint runs: short, but never worth failing.
BUSY_TIMEOUT_S = 60.0
#: A file modified this close to a scan can change again within the same tick of the file
#: system's clock (Linux stamps files from a clock of 1-10 ms ticks) without its stat showing
#: it ("racy git"): such a file's mtime is stored as 0, so the next sync compares its bytes.
RACY_NS = 100_000_000
Progress = Callable[[int, int], None]
P = ParamSpec("P")
R = TypeVar("R")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL, error TEXT, warnings TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS sources (
    key TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT NOT NULL, publisher TEXT,
    date TEXT, url TEXT, sha256 TEXT NOT NULL, carrier TEXT,
    extractor TEXT, pages TEXT  -- HTML/PDF: what extracted the text; a PDF's page offsets
);
CREATE TABLE IF NOT EXISTS statements (
    id INTEGER PRIMARY KEY, source_key TEXT NOT NULL, path TEXT NOT NULL,
    position INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    block_start INTEGER NOT NULL, block_end INTEGER NOT NULL,
    text TEXT NOT NULL, fact_id TEXT NOT NULL, head TEXT NOT NULL, tail TEXT NOT NULL,
    heading TEXT, figures TEXT NOT NULL,
    countries TEXT NOT NULL, themes TEXT NOT NULL,  -- space-separated codes and slugs
    mentions TEXT NOT NULL  -- countries named only in passing
);
-- Per fact (statements with the same wording), kept up to date by every sync, so that
-- queries touch one row per fact instead of one per citation.
CREATE TABLE IF NOT EXISTS facts (
    fact_id TEXT PRIMARY KEY, sources INTEGER NOT NULL, publishers INTEGER NOT NULL,
    newest TEXT, cited TEXT NOT NULL,
    countries TEXT NOT NULL, themes TEXT NOT NULL,  -- the union over its statements
    mentions TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fact_countries (
    code TEXT NOT NULL, fact_id TEXT NOT NULL, PRIMARY KEY (code, fact_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fact_themes (
    slug TEXT NOT NULL, fact_id TEXT NOT NULL, PRIMARY KEY (slug, fact_id)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5(
    text, content='statements', content_rowid='id', tokenize='unicode61 remove_diacritics 2',
    detail=none  -- searches are words and prefixes, never phrases: no positions to keep
);
"""


# Secondary indexes: dropped during a bulk load and built once at the end, which is several
# times cheaper than keeping them up to date row by row.
_INDEXES = """
CREATE INDEX IF NOT EXISTS sources_path ON sources(path);
CREATE INDEX IF NOT EXISTS statements_path ON statements(path);
CREATE INDEX IF NOT EXISTS statements_fact ON statements(fact_id);
CREATE INDEX IF NOT EXISTS fact_countries_fact ON fact_countries(fact_id);
CREATE INDEX IF NOT EXISTS fact_themes_fact ON fact_themes(fact_id);
"""
_INDEX_NAMES = re.findall(r"EXISTS (\w+)", _INDEXES)


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one pass over the corpus changed."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: tuple[Skipped, ...] = ()
    """Files that could not be read (reported every time, not only when first seen)."""
    warnings: tuple[Skipped, ...] = ()

    @property
    def read(self) -> int:
        return self.added + self.changed


@dataclass(frozen=True, slots=True)
class _Plan:
    """What one sync has to do, worked out before any write."""

    clear: bool
    """Empty the store first (a rebuild, a changed extractor or taxonomy)."""
    files: int
    """Article files on disk."""
    todo: list[tuple[str, int, int]]
    """(path, size, mtime_ns to store) of the files new or changed since the store saw them."""
    removed: list[str]

    @property
    def idle(self) -> bool:
        return not (self.clear or self.todo or self.removed)


@dataclass(frozen=True, slots=True)
class FileResult:
    """The outcome of reading one file, made in a worker process and written by the parent.
    Rows are plain tuples: they cross the process boundary several times faster than
    dataclasses."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    sources: tuple[tuple, ...] = ()
    """(key, path, title, publisher, date, url, sha256, carrier, extractor, pages) per
    article, as the sources table holds them."""
    statements: tuple[tuple, ...] = ()
    """Statement columns without the id, then countries and themes as tuples."""
    warnings: tuple[str, ...] = ()
    error: str | None = None


@functools.cache
def reader_versions() -> str:
    """Versions of the HTML and PDF readers' libraries, from their installed metadata
    (cheap: the libraries themselves are not imported)."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("trafilatura", "pypdfium2"):
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=none")
    return ",".join(found)


def cache_dir() -> Path:
    env = os.environ.get("BRIEFING_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefing"))


def store_path(corpus: Path) -> Path:
    """One store per corpus folder, named after it so a person can tell them apart."""
    root = corpus.resolve()
    digest = hashlib.sha1(str(root).encode()).hexdigest()[:12]
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", root.name or "corpus")[:40]
    return cache_dir() / f"{name}-{digest}.sqlite3"


# --------------------------------------------------------------------------- reading files

_taxonomy: Taxonomy | None = None


def _init_worker(taxonomy: Taxonomy, parent: int) -> None:
    global _taxonomy
    _taxonomy = taxonomy
    _die_with(parent)


def _die_with(parent: int) -> None:
    """Ask Linux to kill this worker when its parent dies: a sync killed with SIGKILL
    would otherwise leave its workers blocked on a queue nobody reads, forever."""
    if sys.platform != "linux":
        return
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def read_file(root: Path, rel: str, size: int, mtime_ns: int,
              taxonomy: Taxonomy | None = None) -> FileResult:
    """Read and extract one file; a bad file becomes a FileResult with an error, not a raise."""
    taxonomy = taxonomy or _taxonomy or load_taxonomy()
    try:
        doc = read_document(root, root / rel)
    except CorpusError as err:
        return FileResult(rel, size, mtime_ns, _hash(root / rel), error=str(err))
    sources, rows = [], []
    for article in doc.articles:
        s = article.source
        sources.append(_source_row(s))
        rows.extend(_statement_row(s, st) for st in extract_statements(article, taxonomy))
    return FileResult(rel, size, mtime_ns, doc.sha256, tuple(sources), tuple(rows),
                      doc.warnings)


_SOURCE_COLUMNS = "key, path, title, publisher, date, url, sha256, carrier, extractor, pages"


def _source_row(s: Source) -> tuple:
    pages = json.dumps(list(s.pages)) if s.pages else None
    return (s.key, s.path, s.title, s.publisher, s.date, s.url, s.sha256, s.carrier,
            s.extractor, pages)


def _source(row: Sequence) -> Source:
    """A Source from the first columns of a row selected as _SOURCE_COLUMNS."""
    pages = tuple(json.loads(row[9])) if row[9] else ()
    return Source(*row[:9], pages=pages)


def _statement_row(source: Source, st: Statement) -> tuple:
    key = norm_key(st.text)
    words = key.split()
    return (source.key, source.path, st.position, st.start, st.end, st.block_start,
            st.block_end, st.text, fact_id(st.text, key), " ".join(words[:6]),
            " ".join(words[-6:]),
            st.heading, _figures_json(st.figures), st.countries, st.themes, st.mentions)


def _read_in_worker(args: tuple[Path, str, int, int]) -> FileResult:
    return read_file(*args)


def _hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


# --------------------------------------------------------------------------- the store

#: Sync lock descriptors this process holds. A forked pool worker closes its copies at once:
#: an flock lasts while any copy is open, so a worker outliving a killed parent would
#: otherwise keep every later sync waiting.
_HELD_LOCKS: set[int] = set()


def _close_inherited_locks() -> None:
    for fd in list(_HELD_LOCKS):
        os.close(fd)
    _HELD_LOCKS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited_locks)


def _store_errors(method: Callable[P, R]) -> Callable[P, R]:
    """SQLite failures (a full disk, a read-only cache dir, a damaged file) reach the user as
    one line naming the store, never as an internal error."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as err:
            store = args[0]
            assert isinstance(store, Store)
            raise store.failure(err) from None

    return wrapper


class Store:
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
            self.db.execute("PRAGMA cache_size=-65536")  # 64 MB: bulk loads touch many pages
            self.db.execute("PRAGMA foreign_keys=OFF")
            self._migrate()
        except (sqlite3.Error, BriefingError) as err:
            self.db.close()
            raise err if isinstance(err, BriefingError) else self.failure(err) from None

    def failure(self, err: sqlite3.Error) -> BriefingError:
        """A SQLite error as the one line the user sees."""
        hint = ""
        if isinstance(err, sqlite3.OperationalError) and any(
                w in str(err) for w in ("disk", "readonly", "unable to open")):
            hint = " (full disk or read-only folder? BRIEFING_CACHE_DIR moves the store)"
        return BriefingError(f"fact store {self.path}: {err}{hint}")

    @classmethod
    def for_corpus(cls, corpus: Path, taxonomy: Taxonomy | None = None) -> Store:
        return cls(store_path(corpus), corpus, taxonomy)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- schema

    def _migrate(self) -> None:
        """Create the schema, or replace one of another version. An up-to-date store is
        only read here, so opening it never waits for a sync running elsewhere."""
        if self._schema_version() == str(SCHEMA_VERSION):
            return
        with self._sync_lock():  # two processes creating one store: the second waits
            # Persistent in the file; not allowed inside a transaction.
            self.db.execute("PRAGMA journal_mode=WAL")
            with self._transaction():
                version = self._schema_version()
                if version == str(SCHEMA_VERSION):  # made while this process waited
                    return
                if version is not None:
                    self._drop_all()
                for statement in _statements(_SCHEMA + _INDEXES):
                    self.db.execute(statement)
                self._set_meta("schema", str(SCHEMA_VERSION))

    def _schema_version(self) -> str | None:
        try:
            return self._meta("schema")
        except sqlite3.OperationalError as err:
            if "no such table" in str(err):  # a new, empty file
                return None
            raise

    # ----------------------------------------------------------------- locking

    @contextmanager
    def _sync_lock(self) -> Iterator[None]:
        """Hold the store's sync lock: one writer at a time across processes and threads.
        An flock dies with its holder (even by SIGKILL), so a crash never leaves it stale."""
        lock_path = self.path.with_name(self.path.name + ".lock")
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as err:
            raise BriefingError(f"cannot write the fact store {self.path}: "
                                f"{err.strerror or err}") from None
        _HELD_LOCKS.add(fd)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            _HELD_LOCKS.discard(fd)
            os.close(fd)  # releases the lock

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction: all of it lands or none of it (a kill, a full disk).
        IMMEDIATE takes the write lock at BEGIN, where waiting is safe, not mid-way."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """A read of several statements that must agree: one read transaction, so a sync
        committed by another process meanwhile is seen whole or not at all."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            self.db.execute("COMMIT")  # it wrote only TEMP tables

    def _rollback(self) -> None:
        # SQLite may have rolled back already (a full disk does). If ROLLBACK itself fails,
        # the uncommitted pages are never read: the next connection discards them.
        if self.db.in_transaction:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                self.db.close()

    def _drop_all(self) -> None:
        for table in ("statements_fts", "statement_countries", "statement_themes",
                      "statements", "sources", "files", "meta", "facts", "fact_countries",
                      "fact_themes"):  # statement_* are tables of schema 1 and 2
            self.db.execute(f"DROP TABLE IF EXISTS {table}")

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    @property
    def extractor_key(self) -> str:
        """Changes whenever extraction would give other results: code version, taxonomy, or
        the version of a library that reads pages and reports."""
        return f"{EXTRACTOR_VERSION}:{self.taxonomy.digest}:{reader_versions()}"

    # ----------------------------------------------------------------- indexing

    @_store_errors
    def sync(self, *, rebuild: bool = False, progress: Progress | None = None) -> SyncReport:
        """Bring the store up to date with the corpus folder. Safe to run from several
        processes at once: a second sync waits for the first, then finds nothing to do."""
        if not rebuild:
            plan = self._plan(clear=False)
            if plan.idle:  # the common case: no lock, no write at all
                return self._idle_report(plan)
        with self._sync_lock():
            # Another process may have synced while this one waited: look again.
            plan = self._plan(clear=rebuild)
            if plan.idle:
                return self._idle_report(plan)
            with self._transaction():
                return self._apply(plan, progress)

    def _plan(self, *, clear: bool) -> _Plan:
        """What a sync has to do, from the corpus on disk and the store as it is now."""
        with self._snapshot():
            clear = clear or self._meta("extractor") != self.extractor_key
            scan_start = time.time_ns()
            on_disk = scan_corpus(self.corpus)
            scan_end = time.time_ns()
            stats = {} if clear else {row[0]: (row[1], row[2]) for row in self.db.execute(
                "SELECT path, size, mtime_ns FROM files")}
        removed = [p for p in stats if p not in on_disk]
        todo = sorted((rel, size, _settled(mtime, scan_start, scan_end))
                      for rel, (size, mtime) in on_disk.items()
                      if stats.get(rel) != (size, mtime))  # sorted: the same on every machine
        return _Plan(clear, len(on_disk), todo, removed)

    def _idle_report(self, plan: _Plan) -> SyncReport:
        skipped, warned = self._problems()
        return SyncReport(unchanged=plan.files, skipped=skipped, warnings=warned)

    def _apply(self, plan: _Plan, progress: Progress | None) -> SyncReport:
        """Carry out a plan, inside the sync's transaction."""
        if plan.clear:
            self._clear()
        todo, removed = plan.todo, plan.removed
        known = {row[0]: row[1:] for row in self.db.execute(
            "SELECT path, size, mtime_ns, sha256, error FROM files")}
        added = changed = 0
        unchanged = plan.files - len(todo)
        # Many new files: build the full-text and secondary indexes in one pass at the end.
        bulk = len(todo) > BULK_FILES and not known  # a first (or rebuilt) index
        touched: set[str] = set()
        if bulk:
            for name in _INDEX_NAMES:
                self.db.execute(f"DROP INDEX IF EXISTS {name}")
        for rel in removed:
            touched |= self._forget(rel)
        for batch in _batches(self._read_all(todo, known, progress), WRITE_BATCH):
            fresh = [r for r in batch if r is not None]
            unchanged += len(batch) - len(fresh)
            for result in fresh:
                if result.path in known:
                    changed += 1
                    touched |= self._forget(result.path)
                else:
                    added += 1
                touched.update(row[8] for row in result.statements)
            self._write(fresh, fts=not bulk)
        if bulk:
            self.db.execute("INSERT INTO statements_fts(statements_fts) VALUES('rebuild')")
            for statement in _statements(_INDEXES):
                self.db.execute(statement)
        if touched:
            self._refresh_facts(None if bulk else touched)
        self._set_meta("extractor", self.extractor_key)
        if added or changed or removed or self._meta("fingerprint") is None:
            self._set_meta("fingerprint", self._fingerprint())
        return SyncReport(added, changed, len(removed), unchanged, *self._problems())

    def _read_all(self, todo: list[tuple[str, int, int]], known: dict,
                  progress: Progress | None) -> Iterator[FileResult | None]:
        """Read changed files, in a process pool when there are many, yielding results as
        they come so the parent writes while the workers read. A file whose bytes did not
        change (only its mtime) is not re-read: it yields None."""
        work: list[tuple[Path, str, int, int]] = []
        for rel, size, mtime in todo:
            old = known.get(rel)
            if old is not None and old[0] == size and old[2] == _hash(self.corpus / rel):
                self.db.execute("UPDATE files SET mtime_ns=? WHERE path=?", (mtime, rel))
                yield None
            else:
                work.append((self.corpus, rel, size, mtime))
        total = len(work)
        if total < POOL_THRESHOLD:
            results: Iterable[FileResult] = (read_file(*a, taxonomy=self.taxonomy) for a in work)
            yield from _counted(results, total, progress)
            return
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 2, initializer=_init_worker,
                                 initargs=(self.taxonomy, os.getpid())) as pool:
            yield from _counted(pool.map(_read_in_worker, work, chunksize=32), total, progress)

    def _clear(self) -> None:
        """Empty the store, inside the sync's transaction: readers see the old facts until
        the new ones are committed."""
        for table in ("statements", "sources", "files", "facts", "fact_countries",
                      "fact_themes"):
            self.db.execute(f"DELETE FROM {table}")
        self.db.execute("INSERT INTO statements_fts(statements_fts) VALUES('delete-all')")

    def _forget(self, rel: str) -> set[str]:
        """Delete a file's rows; returns the ids of the facts it stated."""
        rows = self.db.execute("SELECT id, text, fact_id FROM statements WHERE path=?",
                               (rel,)).fetchall()
        if rows:
            self.db.executemany(
                "INSERT INTO statements_fts(statements_fts, rowid, text) VALUES('delete', ?, ?)",
                [r[:2] for r in rows])
            self.db.execute("DELETE FROM statements WHERE path=?", (rel,))
        self.db.execute("DELETE FROM sources WHERE path=?", (rel,))
        self.db.execute("DELETE FROM files WHERE path=?", (rel,))
        return {r[2] for r in rows}

    def _refresh_facts(self, touched: set[str] | None) -> None:
        """Recompute the per-fact rows for the facts a sync touched (None: all of them):
        their labels, how many sources and independent publishers state them, their newest
        date, and the statements a brief cites for them."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS touched (fact_id TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM touched")
        if touched is None:
            for table in ("facts", "fact_countries", "fact_themes"):
                self.db.execute(f"DELETE FROM {table}")
        else:
            self.db.executemany("INSERT OR IGNORE INTO touched VALUES (?)",
                                [(f,) for f in touched])
            for table in ("facts", "fact_countries", "fact_themes"):
                self.db.execute(f"DELETE FROM {table} WHERE fact_id IN (SELECT fact_id"
                                " FROM touched)")
        columns = "s.fact_id, s.id, s.source_key, s.start, s.countries, s.themes, s.mentions"
        # No ORDER BY: reading the table in its own order and grouping here is several
        # times faster than walking the fact_id index for every statement.
        if touched is None:
            sources = self._all_sources()
            rows = self.db.execute(f"SELECT {columns} FROM statements s").fetchall()
        else:
            rows = self.db.execute(
                f"SELECT {columns} FROM touched t JOIN statements s ON s.fact_id = t.fact_id"
            ).fetchall()
            sources = self._sources_of({r[2] for r in rows})
        by_fact: dict[str, list[tuple]] = defaultdict(list)
        for row in rows:
            by_fact[row[0]].append(row)
        summaries, countries, themes = [], [], []
        for fid, members in by_fact.items():
            # Copies of a sentence mostly share their labels: split each distinct string once.
            codes = sorted({c for text in {r[4] for r in members} for c in text.split()})
            slugs = sorted({t for text in {r[5] for r in members} for t in text.split()})
            named = sorted({c for text in {r[6] for r in members} for c in text.split()}
                           - set(codes))
            summaries.append((*_fact_summary(fid, members, sources), " ".join(codes),
                              " ".join(slugs), " ".join(named)))
            countries.extend((c, fid) for c in codes)
            themes.extend((t, fid) for t in slugs)
        self.db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?)", summaries)
        self.db.executemany("INSERT INTO fact_countries VALUES (?, ?)", countries)
        self.db.executemany("INSERT INTO fact_themes VALUES (?, ?)", themes)

    def _all_sources(self) -> dict[str, Source]:
        return {row[0]: _source(row) for row in self.db.execute(
            f"SELECT {_SOURCE_COLUMNS} FROM sources")}

    def _sources_of(self, keys: Iterable[str]) -> dict[str, Source]:
        out: dict[str, Source] = {}
        key_list = list(keys)
        for i in range(0, len(key_list), 900):
            chunk = key_list[i:i + 900]
            for row in self.db.execute(
                    f"SELECT {_SOURCE_COLUMNS} FROM sources"
                    f" WHERE key IN ({','.join('?' * len(chunk))})", chunk):
                out[row[0]] = _source(row)
        return out

    def _write(self, results: list[FileResult], *, fts: bool = True) -> None:
        """Insert files, sources and statements in bulk, with statement ids assigned here."""
        self.db.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)", [
            (r.path, r.size, r.mtime_ns, r.sha256, r.error, json.dumps(list(r.warnings)))
            for r in results])
        self.db.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [row for r in results for row in r.sources])
        next_id = (self.db.execute("SELECT MAX(id) FROM statements").fetchone()[0] or 0) + 1
        rows = []
        for r in results:
            for row in r.statements:
                rows.append((next_id, *row[:13], " ".join(row[13]), " ".join(row[14]),
                             " ".join(row[15])))
                next_id += 1
        self.db.executemany(
            "INSERT INTO statements (id, source_key, path, position, start, \"end\", block_start,"
            " block_end, text, fact_id, head, tail, heading, figures, countries, themes,"
            " mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        if fts:
            self.db.executemany("INSERT INTO statements_fts(rowid, text) VALUES (?, ?)",
                                [(row[0], row[8]) for row in rows])

    def _problems(self) -> tuple[tuple[Skipped, ...], tuple[Skipped, ...]]:
        skipped, warned = [], []
        for path, error, warnings in self.db.execute(
                "SELECT path, error, warnings FROM files"
                " WHERE error IS NOT NULL OR warnings != '[]' ORDER BY path"):
            if error:
                skipped.append(Skipped(path, error))
            warned.extend(Skipped(path, w) for w in json.loads(warnings))
        return tuple(skipped), tuple(warned)

    # ----------------------------------------------------------------- queries

    @_store_errors
    def sources(self) -> list[tuple[Source, int]]:
        """Every source with the number of distinct facts it states, by key."""
        columns = ", ".join(f"s.{c}" for c in _SOURCE_COLUMNS.split(", "))
        rows = self.db.execute(
            f"SELECT {columns},"
            " (SELECT COUNT(DISTINCT fact_id) FROM statements t WHERE t.source_key = s.key)"
            " FROM sources s ORDER BY s.key")
        return [(_source(row), row[10]) for row in rows]

    @_store_errors
    def source_hashes(self) -> list[tuple[str, str]]:
        return self.db.execute(
            "SELECT path, sha256 FROM files WHERE error IS NULL ORDER BY path").fetchall()

    @_store_errors
    def fingerprint(self) -> str:
        """A hash over every source file's hash: two stores with it hold the same corpus.
        Kept in the store by each sync that changes something."""
        return self._meta("fingerprint") or self._fingerprint()

    def _fingerprint(self) -> str:
        h = hashlib.sha256()
        for path, sha in self.source_hashes():
            h.update(f"{path}\0{sha}\n".encode())
        return h.hexdigest()

    @_store_errors
    def country_counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT code, COUNT(*) FROM fact_countries GROUP BY code"))

    @_store_errors
    def theme_counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT slug, COUNT(*) FROM fact_themes GROUP BY slug"))

    @_store_errors
    def facts(self, countries: Sequence[str] = (), themes: Sequence[str] = (),
              query: str | None = None, *, citations: int | None = None) -> list[Fact]:
        """Merged facts about any of `countries` and any of `themes` (each empty = any),
        optionally matching a full-text query, in corpus order.

        `citations`: load only the first N sources a brief would cite for each fact (the
        fact's `sources`, `publishers` and `newest` still cover them all); None loads every
        citation. Briefs and the TUI need a few; `facts --json` and verification need all."""
        with self._snapshot():
            return self._facts(countries, themes, query, citations)

    def _facts(self, countries: Sequence[str], themes: Sequence[str], query: str | None,
               citations: int | None) -> list[Fact]:
        ids = self._matching_fact_ids(countries, themes, query)
        if not ids:
            return []
        self._want(ids)
        summaries, labels = {}, {}
        for row in self.db.execute(
                "SELECT f.fact_id, f.sources, f.publishers, f.newest, f.cited, f.countries,"
                " f.themes, f.mentions FROM wanted w JOIN facts f ON f.fact_id = w.fact_id"):
            summaries[row[0]] = row[1:5]
            labels[row[0]] = (set(row[5].split()), set(row[6].split()), set(row[7].split()))
        if citations is None:
            rows = self._statement_rows("SELECT s.id FROM wanted w JOIN statements s"
                                        " ON s.fact_id = w.fact_id")
        else:
            self.db.execute("DELETE FROM wanted_rows")
            self.db.executemany("INSERT OR IGNORE INTO wanted_rows VALUES (?)", [
                (int(i),) for summary in summaries.values()
                for i in summary[3].split()[:citations]])
            rows = self._statement_rows("SELECT id FROM wanted_rows")
        sources = self._sources_of({r[10] for r in rows})
        facts, several = merge_statements(rows, labels, sources, summaries)
        return [self._recount(f, several[f.id]) if f.id in several else f for f in facts]

    def _want(self, fact_ids: list[str]) -> None:
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (fact_id TEXT PRIMARY KEY)")
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted_rows (id INTEGER PRIMARY KEY)")
        self.db.execute("DELETE FROM wanted")
        self.db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", [(i,) for i in fact_ids])

    def _matching_fact_ids(self, countries: Sequence[str], themes: Sequence[str],
                           query: str | None) -> list[str]:
        where, params = [], []
        if countries:
            where.append("f.fact_id IN (SELECT fact_id FROM fact_countries WHERE code IN"
                         f" ({','.join('?' * len(countries))}))")
            params.extend(countries)
        if themes:
            where.append("f.fact_id IN (SELECT fact_id FROM fact_themes WHERE slug IN"
                         f" ({','.join('?' * len(themes))}))")
            params.extend(themes)
        if query and query.strip():
            where.append("f.fact_id IN (SELECT s.fact_id FROM statements s WHERE s.id IN"
                         " (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?))")
            params.append(fts_query(query))
        sql = "SELECT f.fact_id FROM facts f"
        if where:
            sql += " WHERE " + " AND ".join(where)
        try:
            return [r[0] for r in self.db.execute(sql, params)]
        except sqlite3.OperationalError as err:
            raise BriefingError(f"cannot search for {query!r}: {err}") from None

    def _statement_rows(self, ids_sql: str) -> list[tuple]:
        return self.db.execute(
            "SELECT s.id, s.fact_id, s.text, s.start, s.\"end\", s.head, s.tail, s.heading,"
            f" s.position, s.figures, s.source_key FROM statements s WHERE s.id IN ({ids_sql})"
        ).fetchall()

    def _recount(self, fact: Fact, wordings: list[str]) -> Fact:
        """Exact counts for a fact merged from near-same wordings: over all their sources."""
        marks = ",".join("?" * len(wordings))
        keys = [r[0] for r in self.db.execute(
            f"SELECT DISTINCT source_key FROM statements WHERE fact_id IN ({marks})", wordings)]
        found = list(self._sources_of(keys).values())
        return replace(fact, sources=len(found), publishers=independent_publishers(found),
                       newest=max((s.date for s in found if s.date), default=None))

    @_store_errors
    def context(self, fact: Fact) -> tuple[str, int, int]:
        """The paragraph a fact sits in (as the file holds it now) and the fact's offsets in it."""
        c = fact.citations[0]
        row = self.db.execute(
            "SELECT block_start, block_end FROM statements"
            " WHERE path=? AND source_key=? AND start=?",  # path: indexed
            (c.source.path, c.source.key, c.start)).fetchone()
        try:
            from briefing.corpus import document_text

            text, _ = document_text(c.source.path, (self.corpus / c.source.path).read_bytes())
        except (OSError, CorpusError):
            return c.text, 0, len(c.text)
        b0, b1 = row if row else (c.start, c.end)
        return text[b0:b1], c.start - b0, c.end - b0


def _settled(mtime_ns: int, scan_start: int, scan_end: int) -> int:
    """The mtime to store for a file seen by a scan: 0 when it was modified so close to (or
    during) the scan that its stat cannot vouch for its bytes (see RACY_NS)."""
    return 0 if scan_start - RACY_NS < mtime_ns <= scan_end else mtime_ns


def _statements(script: str) -> Iterator[str]:
    """SQL statements of a script one by one (executescript would commit the transaction)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _counted(results: Iterable[FileResult], total: int, progress: Progress | None
             ) -> Iterator[FileResult]:
    for n, result in enumerate(results, 1):
        if progress:
            progress(n, total)
        yield result


def _figures_json(figures: Sequence[Figure]) -> str:
    if not figures:
        return "[]"
    return json.dumps([[f.text, f.kind, f.value, f.unit, f.start, f.country, f.measure]
                       for f in figures],
                      ensure_ascii=False)


def _figures(data: str) -> tuple[Figure, ...]:
    return tuple(Figure(*item) for item in json.loads(data))


def fts_query(text: str) -> str:
    """User words -> an FTS5 query of quoted terms (prefix match on the last one), so
    punctuation in what people type is never FTS syntax."""
    words = re.findall(r"\w+", text)
    if not words:
        return '""'
    terms = [f'"{w}"' for w in words]
    terms[-1] += "*"
    return " ".join(terms)


# --------------------------------------------------------------------------- merging


Summary = tuple  # (sources, publishers, newest, cited statement ids) of one fact id
Labels = tuple[set[str], set[str], set[str]]  # countries, themes, mentions of one fact id


def merge_statements(rows: list[tuple], labels: dict[str, Labels],
                     sources: dict[str, Source], summaries: dict[str, Summary]
                     ) -> tuple[list[Fact], dict[str, list[str]]]:
    """Group statement rows into facts: same wording, or near-same wording (a wire copy
    lightly edited) with the same figures and countries. Returns the facts and, for those
    merged from several wordings, the wordings' ids (their counts need a recount)."""
    groups: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        groups[row[1]].append(row)
    parent = {fid: fid for fid in groups}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in _near_pairs(groups, labels):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    merged: dict[str, list[str]] = defaultdict(list)
    for fid in groups:
        merged[find(fid)].append(fid)
    facts = [_fact(fids, groups, labels, sources, summaries) for fids in merged.values()]
    facts.sort(key=lambda f: (f.source.path, f.source.key, f.position))
    several: dict[str, list[str]] = {}
    for fids in merged.values():
        if len(fids) > 1:
            canonical = next(f for f in facts if f.id in fids)
            several[canonical.id] = fids
    return facts, several


def _near_pairs(groups: dict[str, list[tuple]], labels) -> Iterable[tuple[str, str]]:
    from rapidfuzz.distance import Indel

    buckets: dict[tuple[str, str], list[str]] = defaultdict(list)
    for fid, members in groups.items():
        row = members[0]
        buckets[("h", row[5])].append(fid)
        buckets[("t", row[6])].append(fid)
    seen: set[tuple[str, str]] = set()
    numbers: dict[str, list] = {}

    def numbers_of(fid: str) -> list:
        if fid not in numbers:
            numbers[fid] = sorted((f[1], f[2]) for f in json.loads(groups[fid][0][9]))
        return numbers[fid]

    for candidates in buckets.values():
        if len(candidates) < 2 or len(candidates) > 50:  # a stock phrase, not a copy
            continue
        for i, a in enumerate(candidates):
            for b in candidates[i + 1:]:
                if (a, b) in seen:
                    continue
                seen.add((a, b))
                ra, rb = groups[a][0], groups[b][0]
                if (numbers_of(a) == numbers_of(b) and labels[a][0] == labels[b][0]
                        and Indel.normalized_similarity(ra[2], rb[2]) >= NEAR_SAME_WORDING):
                    yield a, b


def _fact(fids: list[str], groups: dict[str, list[tuple]],
          labels: dict[str, Labels], sources: dict[str, Source],
          summaries: dict[str, Summary]) -> Fact:
    # The earliest dated report first; undated after dated; then corpus order.
    members = sorted((row for f in fids for row in groups[f]),
                     key=lambda r: (sources[r[10]].date or "9999", r[10], r[3]))
    first = members[0]
    summary = summaries.get(fids[0]) if len(fids) == 1 else None
    counts = (summary[0], summary[1], summary[2]) if summary else (-1, 0, None)
    countries = set().union(*(labels[f][0] for f in fids))
    return Fact(
        id=first[1], text=first[2],
        countries=tuple(sorted(countries)),
        themes=tuple(sorted(set().union(*(labels[f][1] for f in fids)))),
        figures=_figures(first[9]),
        citations=tuple(Citation(sources[r[10]], r[3], r[4], r[2]) for r in members),
        heading=first[7], position=first[8],
        sources=counts[0], publishers=counts[1], newest=counts[2],
        mentions=tuple(sorted(set().union(*(labels[f][2] for f in fids)) - countries)),
    )


def _fact_summary(fid: str, rows: list[tuple], sources: dict[str, Source]) -> tuple:
    """The facts-table row of one fact id from its statements (fact_id, id, key, start)."""
    if len(rows) == 1:
        src = sources[rows[0][2]]
        return (fid, 1, 1, src.date, str(rows[0][1]))
    dates = {r[2]: sources[r[2]].date or "9999" for r in rows}  # undated after dated
    rows.sort(key=lambda r: (dates[r[2]], r[2], r[3]))
    first_row: dict[str, int] = {}
    for r in rows:
        first_row.setdefault(r[2], r[1])
    ordered = [sources[k] for k in first_row]
    cited = cited_order(ordered, MAX_CITED)
    newest = max((s.date for s in ordered if s.date), default=None)
    return (fid, len(ordered), independent_publishers(ordered), newest,
            " ".join(str(first_row[s.key]) for s in cited))


def open_store(corpus: Path, *, progress: Progress | None = None,
               rebuild: bool = False) -> tuple[Store, SyncReport]:
    """The store for a corpus, brought up to date: what every command starts with."""
    store = Store.for_corpus(corpus)
    try:
        return store, store.sync(rebuild=rebuild, progress=progress)
    except BaseException:
        store.close()
        raise
