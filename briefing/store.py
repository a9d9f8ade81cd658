"""The fact store: SQLite file of sources and statements, kept in step with the corpus.

Nothing above this module writes SQL; the brief, the TUI and the CLI see it through the
`briefing.storage.FactStore` interface. Indexing is incremental: a file whose size and
modification time are unchanged is not even hashed; a file whose hash and extractor key are
unchanged is not re-read. A corpus unchanged since the last sync (the common case: every
command checks first) is told by one walk of its folder, hashed against a digest of the
listing that sync saw. Statements with the same wording (and near-same wording, found when
a sync changes facts: `briefing.wordings`) are merged into one `Fact` with several citations.

The store is compact (about the size of the corpus): each article's text is kept once,
zlib-compressed, and a statement is its span in that text, not a copy; fact ids are the
integers their hex ids spell; the full-text index keeps no copy of the text either. Memory
stays flat however big the corpus: files are read a bounded number at a time, written in
batches, and per-fact aggregates are computed from a sorted stream of statements.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import os
import re
import signal
import sqlite3
import sys
import threading
import time
import zlib
from array import array
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import groupby
from pathlib import Path
from typing import ParamSpec, TypeVar, cast, overload

try:
    import fcntl
except ImportError:  # not POSIX: syncs rely on SQLite's own write lock alone
    fcntl = None  # type: ignore[assignment]

from briefing.aggregate import fact_row, figures_from_json
from briefing.corpus import (
    LIMITED_SUFFIXES,
    TOO_LARGE,
    listing_problem,
    max_file_bytes,
    max_pdf_bytes,
    read_document,
    walk_corpus,
)
from briefing.errors import BriefingError, CorpusError
from briefing.extract.text import collapse
from briefing.fetch import FetchRecord, fetch_record
from briefing.formats import HTML_SUFFIXES, PDF_SUFFIXES
from briefing.listing import Walk, count_listed
from briefing.model import (
    EXTRACTOR_VERSION,
    Citation,
    Fact,
    FactDigest,
    Skipped,
    Source,
    Versions,
)
from briefing.provenance import (
    ORIGINS_KEPT,
    count_origins,
    origin_hashes,
    page_key,
    version_order,
)
from briefing.resources import cache_dir
from briefing.storage import FactGroup
from briefing.themes import Taxonomy, load_taxonomy
from briefing.wordings import regroup

SCHEMA_VERSION = 12
#: A store of this version or a later one is brought up to date in place (`Store._upgrade`);
#: an older one is emptied and read again.
UPGRADES_FROM = 10
#: A selection listing at least this many facts is listed a page at a time by walking the
#: corpus order (`briefing.listing`); a smaller one is sorted at once, in a few ms.
WALK_FROM = 2_000
#: Below this many files to read, a process pool costs more than it saves.
POOL_THRESHOLD = 300
#: Above this many files to read, indexes are rebuilt at the end rather than kept up to date.
BULK_FILES = 2_000
#: Files written per executemany round: bounds memory while workers keep reading.
WRITE_BATCH = 256
#: Files a pool worker reads per task, and tasks in flight per worker: the parent never
#: holds more than this many unwritten results, however far ahead the workers run.
POOL_CHUNK = 16
POOL_AHEAD = 4
#: Facts built per round of queries when facts are streamed, and most citations (sources
#: stating them) per round: what memory holds of the facts at once.
LOAD_BATCH = 500
LOAD_CITATIONS = 5_000
#: A fact stated by more sources than a round holds has its citations read this many at a
#: time, as they are iterated (a wire story in 14,000 files of the synthetic archive).
CITATION_PAGE = 1_000
#: SQLite's page cache (kB), which also bounds the memory of its sorts: it caps the store's
#: memory whatever the corpus size. Four times as much made no sync faster, even a cold
#: index of 100,000 files (its index builds and the refresh's sort of every statement),
#: and took 100 MB more at its peak.
CACHE_KB = 16_384
#: zlib level for article text: 6 keeps about a third of the bytes at ~30 MB/s per core.
ZLIB_LEVEL = 6
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
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL, error TEXT, warnings TEXT,  -- JSON list, NULL for none
    -- A file's sources and statements get consecutive ids: these ranges find them
    -- without an index on the path.
    first_source INTEGER, last_source INTEGER, first_statement INTEGER, last_statement INTEGER
) WITHOUT ROWID;
-- Article text as the reader decoded it, zlib-compressed: kept once, statements are spans.
CREATE TABLE IF NOT EXISTS bodies (id INTEGER PRIMARY KEY, text BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL, path TEXT NOT NULL, title TEXT NOT NULL,
    publisher TEXT, date TEXT, url TEXT, sha256 TEXT NOT NULL, carrier TEXT,
    extractor TEXT, pages TEXT,  -- HTML/PDF: what extracted the text; a PDF's page offsets
    body INTEGER NOT NULL, headings TEXT,  -- JSON list of its section headings, NULL for none
    -- Its origin keys as numbers (`origin_hashes`; one to three): who counts as one outlet.
    o1 INTEGER, o2 INTEGER, o3 INTEGER,
    -- Versions of one page (`briefing.provenance.page_key`, NULL: not a page of its own)
    -- and when `briefing add` fetched it (its sidecar's time). A sync marks all but the
    -- newest version superseded: their statements state no fact. `versions` (JSON, NULL
    -- when the page is kept once) says which is the newest and when the first was seen.
    page INTEGER, fetched TEXT, superseded INTEGER NOT NULL DEFAULT 0, versions TEXT
);
CREATE TABLE IF NOT EXISTS statements (
    id INTEGER PRIMARY KEY, source INTEGER NOT NULL, fact INTEGER NOT NULL,
    position INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    block_start INTEGER NOT NULL, block_end INTEGER NOT NULL,
    text TEXT,  -- NULL: the span of the body with whitespace collapsed (nearly always)
    head INTEGER NOT NULL, tail INTEGER NOT NULL,  -- hashes of its first and last six words
    heading INTEGER,  -- index into its source's headings
    figures TEXT,  -- JSON, NULL for none
    countries TEXT NOT NULL, themes TEXT NOT NULL,  -- space-separated codes and slugs
    mentions TEXT NOT NULL  -- countries named only in passing
);
-- Per fact (statements with the same wording), kept up to date by every sync, so that
-- queries touch one row per fact instead of one per citation. The id is the fact id's hex.
CREATE TABLE IF NOT EXISTS facts (
    id INTEGER PRIMARY KEY, sources INTEGER NOT NULL, publishers INTEGER NOT NULL,
    newest TEXT, cited TEXT NOT NULL,  -- statement ids a brief cites, in order
    first INTEGER NOT NULL,  -- the earliest report: its wording is the fact's text
    numeric INTEGER NOT NULL, years INTEGER NOT NULL,  -- figures other than years; years
    countries TEXT NOT NULL, themes TEXT NOT NULL,  -- the union over its statements
    mentions TEXT NOT NULL,
    -- Of its earliest report, what merging near-same wordings and corpus order need, so
    -- that listing a country's facts reads this table alone: the head and tail hashes, the
    -- figures' kinds and values, and where it stands.
    head INTEGER NOT NULL, tail INTEGER NOT NULL, numbers TEXT,
    first_date TEXT, first_key TEXT NOT NULL, first_start INTEGER NOT NULL,
    first_path TEXT NOT NULL, first_position INTEGER NOT NULL,
    grp INTEGER  -- its near-same wordings' smallest id (`briefing.wordings`); NULL: alone
);
CREATE TABLE IF NOT EXISTS fact_countries (
    code TEXT NOT NULL, fact INTEGER NOT NULL, PRIMARY KEY (code, fact)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fact_themes (
    slug TEXT NOT NULL, fact INTEGER NOT NULL, PRIMARY KEY (slug, fact)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5(
    text, content='', columnsize=0, tokenize='unicode61 remove_diacritics 2',
    detail=none  -- searches are words and prefixes, never phrases: no positions to keep
);
"""


# Secondary indexes: dropped during a bulk load and built once at the end, which is several
# times cheaper than keeping them up to date row by row. Everything else is found by
# primary key or by a file's id ranges.
_INDEXES = """
-- With the source: counting a fact's sources reads the index alone.
CREATE INDEX IF NOT EXISTS statements_fact ON statements(fact, source);
-- Corpus order, as a listing shows facts: a big selection walks it a page at a time.
CREATE INDEX IF NOT EXISTS facts_order ON facts(first_path, first_key, first_position);
-- The few facts with near-same wordings, to merge a listing's page.
CREATE INDEX IF NOT EXISTS facts_grp ON facts(grp) WHERE grp IS NOT NULL;
-- The versions of a page, to settle which one is the newest when a sync changes one.
CREATE INDEX IF NOT EXISTS sources_page ON sources(page) WHERE page IS NOT NULL;
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
    todo: int
    """How many files are new or changed since the store saw them. They wait in the
    temporary table `todo` (path, size, mtime_ns to store), in path order: a cold index
    of a million files never holds their list (150 bytes a file)."""
    removed: list[str]
    listing: str
    """The digest of the corpus listing the store holds once the plan is carried out (see
    `listing_digest`)."""
    based_on: tuple[str | None, str | None]
    """The store's listing and extractor when the plan was made: a sync that wrote
    anything changed one of them. Carrying out a plan made on another state is only
    wasteful, never wrong (files are compared with the store again as they are written)."""

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
    bodies: tuple[bytes, ...] = ()
    """The articles' texts, zlib-compressed (related articles share their file's)."""
    sources: tuple[tuple, ...] = ()
    """(key, path, title, publisher, date, url, sha256, carrier, extractor, pages, body
    index, headings JSON, three origin keys, page key, fetch time) per article."""
    statements: tuple[tuple, ...] = ()
    """(source index, position, start, end, block_start, block_end, text to store or None,
    fact, head, tail, heading index, figures JSON, countries, themes, mentions, text)."""
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
    problem = listing_problem(rel, size)
    if problem is not None:  # known from the walk (too large, a link loop ...): not opened
        return FileResult(rel, size, mtime_ns, "", error=problem)
    taxonomy = taxonomy or _taxonomy or load_taxonomy()
    try:
        return _extracted(root, rel, size, mtime_ns, taxonomy)
    except CorpusError as err:
        return FileResult(rel, size, mtime_ns, _hash(root / rel), error=str(err))
    except (ValueError, TypeError, LookupError, ArithmeticError, RecursionError,
            MemoryError, OSError) as err:
        # A reader's own failure on one odd file (a library's check, a value it did not
        # expect): that file is skipped with the reason, every command still works.
        detail = " ".join(str(err).split())[:200]
        return FileResult(rel, size, mtime_ns, _hash(root / rel),
                          error=f"could not be read ({type(err).__name__}: {detail})")


def _extracted(root: Path, rel: str, size: int, mtime_ns: int, taxonomy: Taxonomy
               ) -> FileResult:
    """`read_file` of a file that can be read: its articles and their statements."""
    # The extractor loads only to index (about 40 ms): a brief or a listing never needs it.
    from briefing.extract.facts import extract_statements
    from briefing.extract.rows import statement_row

    doc = read_document(root, root / rel)
    texts: list[str] = []
    sources, rows = [], []
    fetched = fetch_record(root / rel) if rel.lower().endswith(_FETCHED_SUFFIXES) else None
    for n, article in enumerate(doc.articles):
        if article.text not in texts:
            texts.append(article.text)
        headings: list[str] = []
        for st in extract_statements(article, taxonomy):
            if st.heading is not None and st.heading not in headings:
                headings.append(st.heading)
            rows.append(statement_row(n, article.text, headings, st))
        s = article.source
        sources.append((*_source_row(s), texts.index(article.text),
                        json.dumps(headings, ensure_ascii=False) if headings else None,
                        *_origins(s), *_page(s, fetched)))
    bodies = tuple(zlib.compress(t.encode("utf-8"), ZLIB_LEVEL) for t in texts)
    return FileResult(rel, size, mtime_ns, doc.sha256, bodies, tuple(sources), tuple(rows),
                      doc.warnings)


def _origins(source: Source) -> tuple[int | None, ...]:
    """A source's origin keys as the store keeps them (three columns). Worked out once, when
    its file is read (in the pool): a change to what `origin_hashes` gives is a change of
    EXTRACTOR_VERSION, which reads every file again."""
    return (origin_hashes(source) + _NO_KEYS)[:3]


#: Files `briefing add` writes (with a sidecar): pages and reports.
_FETCHED_SUFFIXES = (*HTML_SUFFIXES, *PDF_SUFFIXES)


def _page(source: Source, fetched: FetchRecord | None) -> tuple[int | None, str | None]:
    """Which page a source is a version of, and when it was fetched: by its sidecar's URL
    (what `add` was asked for), else by the URL the file gives (front matter, canonical
    link). A related article carried in a file is a teaser, not a version of its page."""
    if source.is_related:
        return None, None
    if fetched is not None:
        return page_key(fetched.url), fetched.fetched_at
    return page_key(source.url), None


def _source_row(s: Source) -> tuple:
    pages = json.dumps(list(s.pages)) if s.pages else None
    return (s.key, s.path, s.title, s.publisher, s.date, s.url, s.sha256, s.carrier,
            s.extractor, pages)


def _source(row: Sequence) -> Source:
    """A Source from the first columns of a row selected as _SOURCE_COLUMNS."""
    pages = tuple(json.loads(row[9])) if row[9] else ()
    versions = Versions(*json.loads(row[10])) if row[10] else None
    return Source(*row[:9], pages=pages, versions=versions)  # type: ignore[misc]  # nine fields


def _read_chunk(args: list[tuple[Path, str, int, int]]) -> list[FileResult]:
    return [read_file(*a) for a in args]


def _hash(path: Path) -> str:
    """A file's sha256, read a piece at a time (a file too large to read is hashed too)."""
    try:
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
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
            self.db.execute("PRAGMA foreign_keys=OFF")
            self._migrate()
            # After the schema: a size in kB counts pages of the page size it is set at,
            # and a new store's 16 kB pages would make it four times as much.
            self.db.execute(f"PRAGMA cache_size=-{CACHE_KB}")
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
            # Both persistent in the file; not allowed inside a transaction. Big pages pack
            # the compressed article texts (about 2 kB each) with little left over; a file
            # made with other pages keeps them (the page size then changes only by VACUUM).
            self.db.execute("PRAGMA page_size=16384")
            self.db.execute("PRAGMA journal_mode=WAL")
            with self._transaction():
                version = self._schema_version()
                if version == str(SCHEMA_VERSION):  # made while this process waited
                    return
                if version is not None and version.isdigit() and (
                        UPGRADES_FROM <= int(version) < SCHEMA_VERSION):  # keep the facts
                    self._upgrade(int(version))
                    return
                if version is not None:
                    self._drop_all()
                for statement in _statements(_SCHEMA + _INDEXES):
                    self.db.execute(statement)
                self._set_meta("schema", str(SCHEMA_VERSION))

    def _upgrade(self, version: int) -> None:
        """A store of `version` (UPGRADES_FROM or later) made current without reading the
        corpus again. 11: sources get their origin keys, facts the listing indexes. 12:
        sources learn which page they are a version of (from the URL they give, or their
        sidecar's, read again) and only each page's newest version states facts."""
        columns = [*(("o1 INTEGER", "o2 INTEGER", "o3 INTEGER") if version < 11 else ()),
                   *(("page INTEGER", "fetched TEXT", "superseded INTEGER NOT NULL DEFAULT 0",
                      "versions TEXT") if version < 12 else ())]
        for column in columns:  # added in the order a new store's table has them
            self.db.execute(f"ALTER TABLE sources ADD COLUMN {column}")
        last = -1
        while rows := self.db.execute(f"SELECT id, {_SOURCE_COLUMNS} FROM sources WHERE id > ?"
                                      " ORDER BY id LIMIT 5000", (last,)).fetchall():
            sources = [(row[0], _source(row[1:])) for row in rows]
            if version < 11:
                self.db.executemany("UPDATE sources SET o1=?, o2=?, o3=? WHERE id=?",
                                    [(*_origins(s), sid) for sid, s in sources])
            if version < 12:
                self.db.executemany("UPDATE sources SET page=?, fetched=? WHERE id=?",
                                    [(*_page(s, self._sidecar(s)), sid) for sid, s in sources])
            last = rows[-1][0]
        for statement in _statements(_INDEXES):
            self.db.execute(statement)
        if version < 12:
            touched = self._facts_of(self._settle_versions(None))
            if touched:
                self._refresh_facts(touched)
        self._set_meta("schema", str(SCHEMA_VERSION))

    def _sidecar(self, source: Source) -> FetchRecord | None:
        """The sidecar of a source's file, read now (only pages and reports have one)."""
        if source.is_related or not source.path.lower().endswith(_FETCHED_SUFFIXES):
            return None
        return fetch_record(self.corpus / source.path)

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
                      "statements", "sources", "bodies", "files", "meta", "facts",
                      "fact_countries", "fact_themes"):  # statement_* are tables of schema 1-2
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
            files = self._listed_unchanged()
            if files is not None:  # the common case: one walk of the folder, no lock, no write
                return self._idle_report(files)
            plan = self._plan(clear=False)
            if plan.idle:  # nothing to read, but the listing's digest is missing or old
                self._record_listing()
                return self._idle_report(plan.files)
        with self._sync_lock():
            # Another process may have synced while this one waited: look again (a walk
            # of the corpus, 0.7 s at 100,000 files) unless the store is as it was.
            if rebuild or self._state() != plan.based_on:
                plan = self._plan(clear=rebuild)
            if plan.idle:
                return self._idle_report(plan.files)
            with self._transaction():
                report = self._apply(plan, progress)
                self._set_meta("listing", plan.listing)
                return report

    def _listed_unchanged(self) -> int | None:
        """The number of article files when the corpus lists exactly the files the store
        holds, each with the size and mtime it had when read (see `listing_digest`); None
        when anything may differ. Cheaper than a plan: no dict of the corpus, no read of
        the files table."""
        known = self._known_listing()
        if known is None:
            return None
        files, digest = walk_listing(self.corpus)
        return files if digest == known else None

    def _known_listing(self) -> str | None:
        """The digest of the listing the store is in step with (None: a sync must look)."""
        with self._snapshot():
            if self._meta("extractor") != self.extractor_key:
                return None
            return self._meta("listing")

    def _record_listing(self) -> None:
        """Store the digest of the corpus listing after a sync that found nothing to do
        (a store made before digests were kept, or files listed in another order)."""
        with self._sync_lock():
            plan = self._plan(clear=False)  # another process may have synced meanwhile
            if plan.idle:
                with self._transaction():
                    self._set_meta("listing", plan.listing)

    def _plan(self, *, clear: bool) -> _Plan:
        """What a sync has to do, from the corpus on disk and the store as it is now. The
        listing goes into a temporary table and SQLite compares it with the store's, so
        memory does not grow with the corpus (a dict of it took 50 MB at 100,000 files)."""
        with self._snapshot():
            based_on = self._state()
            clear = clear or based_on[1] != self.extractor_key
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS disk (path TEXT NOT NULL,"
                            " size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL)")
            self.db.execute("DELETE FROM temp.disk")
            scan_start = time.time_ns()
            for batch in _batches(walk_corpus(self.corpus), 5_000):
                self.db.executemany("INSERT INTO temp.disk VALUES (?, ?, ?)", batch)
            scan_end = time.time_ns()
            # The mtime to store: 0 for a file modified too close to the scan (RACY_NS).
            settled = (f"CASE WHEN d.mtime_ns > {scan_start - RACY_NS}"
                       f" AND d.mtime_ns <= {scan_end} THEN 0 ELSE d.mtime_ns END")
            files, listing = _counted_digest(self.db.execute(
                f"SELECT d.path, d.size, {settled} FROM temp.disk d ORDER BY d.rowid"))
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS todo (path TEXT NOT NULL,"
                            " size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL)")
            self.db.execute("DELETE FROM temp.todo")
            # Sorted: the same on every machine (SQLite's order of text is Python's).
            todo = self.db.execute(
                f"INSERT INTO temp.todo SELECT d.path, d.size, {settled} FROM temp.disk d"
                + ("" if clear else " LEFT JOIN files f ON f.path = d.path WHERE f.path IS"
                   " NULL OR f.size != d.size OR f.mtime_ns != d.mtime_ns OR "
                   + _CROSSED_LIMIT) + " ORDER BY d.path",
                () if clear else (max_file_bytes(), max_pdf_bytes())
            ).rowcount
            removed = [] if clear else [row[0] for row in self.db.execute(
                "SELECT path FROM files WHERE path NOT IN (SELECT path FROM temp.disk)"
                " ORDER BY path")]
            self.db.execute("DELETE FROM temp.disk")
        return _Plan(clear, files, todo, removed, listing, based_on)

    def _state(self) -> tuple[str | None, str | None]:
        return self._meta("listing"), self._meta("extractor")

    def _idle_report(self, files: int) -> SyncReport:
        skipped, warned = self._problems()
        return SyncReport(unchanged=files, skipped=skipped, warnings=warned)

    def _apply(self, plan: _Plan, progress: Progress | None) -> SyncReport:
        """Carry out a plan, inside the sync's transaction."""
        if plan.clear:
            self._clear()
        todo, removed = plan.todo, plan.removed
        known = self._known()
        added = changed = 0
        unchanged = plan.files - todo
        # Many new files: build the secondary index and the per-fact rows in one pass at
        # the end, from one sorted stream of statements.
        bulk = todo > BULK_FILES and self._empty()  # a first (or rebuilt) index
        touched: set[int] = set()
        pages: set[int] = set()  # pages whose versions came or went
        if bulk:
            for name in _INDEX_NAMES:
                self.db.execute(f"DROP INDEX IF EXISTS {name}")
        for rel in removed:
            touched |= self._forget(rel, pages)
        ids = self._next_ids()
        for batch in _batches(self._read_all(todo, known, progress), WRITE_BATCH):
            fresh = [r for r in batch if r is not None]
            unchanged += len(batch) - len(fresh)
            for result in fresh:
                if result.path in known:
                    changed += 1
                    touched |= self._forget(result.path, pages)
                else:
                    added += 1
                if not bulk:
                    touched.update(row[7] for row in result.statements)
                    pages.update(row[15] for row in result.sources if row[15] is not None)
            self._write(fresh, ids)
        if bulk:
            self._settle_versions(None)
            self._refresh_facts(None)  # before the index: a sort beats walking it
            for statement in _statements(_INDEXES):
                self.db.execute(statement)
        else:
            # An older version superseded (or, its newer one gone, current again) states
            # other facts now: theirs are refreshed with the rest.
            touched |= self._facts_of(self._settle_versions(pages))
            if touched:
                self._refresh_facts(touched)
        self._set_meta("extractor", self.extractor_key)
        if added or changed or removed or self._meta("fingerprint") is None:
            self._set_meta("fingerprint", self._fingerprint())
        return SyncReport(added, changed, len(removed), unchanged, *self._problems())

    def _known(self) -> dict[str, tuple]:
        """(size, sha256, error, size and mtime_ns now) of the files to read that the store
        has read before: changed files, a few as a rule (none in a cold index)."""
        return {row[0]: row[1:] for row in self.db.execute(
            "SELECT f.path, f.size, f.sha256, f.error, t.size, t.mtime_ns"
            " FROM temp.todo t JOIN files f ON f.path = t.path")}

    def _todo(self, skip: set[str]) -> Iterator[tuple[Path, str, int, int]]:
        """The files to read, in path order, as `read_file` takes them (but those in
        `skip`), streamed from the plan's temporary table."""
        for rel, size, mtime in self.db.execute(
                "SELECT path, size, mtime_ns FROM temp.todo ORDER BY rowid"):
            if rel not in skip:
                yield self.corpus, rel, size, mtime

    def _empty(self) -> bool:
        return self.db.execute("SELECT 1 FROM files LIMIT 1").fetchone() is None

    def _next_ids(self) -> list[int]:
        """The next free body, source and statement ids (a file's rows get consecutive ids)."""
        return [(self.db.execute(f"SELECT MAX(id) FROM {table}").fetchone()[0] or 0) + 1
                for table in ("bodies", "sources", "statements")]

    def _read_all(self, todo: int, known: dict[str, tuple], progress: Progress | None
                  ) -> Iterator[FileResult | None]:
        """Read the plan's `todo` files, in a process pool when there are many, yielding
        results as they come so the parent writes while the workers read. A file whose
        bytes did not change (only its mtime) is not re-read: it yields None."""
        same: set[str] = set()
        for rel, (size, sha256, error, size_now, mtime_now) in known.items():
            # A file that failed is read again: its stored hash was taken after the failed
            # read (a file rewritten meanwhile reads empty, then hashes whole). So is one
            # the size limit now keeps out.
            if (error is None and size == size_now and listing_problem(rel, size_now) is None
                    and sha256 == _hash(self.corpus / rel)):
                self.db.execute("UPDATE files SET mtime_ns=? WHERE path=?", (mtime_now, rel))
                same.add(rel)
                yield None
        work = self._todo(same)
        total = todo - len(same)
        is_report = " OR ".join(["path LIKE ?"] * len(PDF_SUFFIXES))  # LIKE ignores case
        reports = sum(rel not in same for (rel,) in self.db.execute(
            f"SELECT path FROM temp.todo WHERE {is_report}", [f"%{s}" for s in PDF_SUFFIXES]))
        if not _worth_a_pool(total, reports):
            results: Iterable[FileResult] = (read_file(*a, taxonomy=self.taxonomy) for a in work)
            yield from _counted(results, total, progress)
            return
        workers = os.cpu_count() or 2
        # A few reports: a task each, so that two of them are read side by side.
        chunk = max(1, min(POOL_CHUNK, total // (POOL_AHEAD * workers)))
        # Forked workers share the parent's objects until something writes to them; the
        # garbage collector would touch them all.
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                     initargs=(self.taxonomy, os.getpid())) as pool:
                chunks = _bounded_map(pool, _read_chunk, _batches(work, chunk),
                                      ahead=POOL_AHEAD * workers)
                yield from _counted((r for chunk in chunks for r in chunk), total, progress)
        finally:
            gc.unfreeze()

    def _clear(self) -> None:
        """Empty the store, inside the sync's transaction: readers see the old facts until
        the new ones are committed."""
        for table in ("statements", "sources", "bodies", "files", "facts", "fact_countries",
                      "fact_themes"):
            self.db.execute(f"DELETE FROM {table}")
        self.db.execute("INSERT INTO statements_fts(statements_fts) VALUES('delete-all')")

    def _forget(self, rel: str, pages: set[int]) -> set[int]:
        """Delete a file's rows; returns the ids of the facts it stated, and adds to `pages`
        the pages its sources were versions of."""
        row = self.db.execute(
            "SELECT first_source, last_source, first_statement, last_statement FROM files"
            " WHERE path=?", (rel,)).fetchone()
        self.db.execute("DELETE FROM files WHERE path=?", (rel,))
        if row is None:
            return set()
        facts: set[int] = set()
        if row[2] is not None:
            rows = self._statement_rows("s.id BETWEEN ? AND ?", row[2:4])
            # A contentless full-text index forgets a row only when told its words.
            self.db.executemany(
                "INSERT INTO statements_fts(statements_fts, rowid, text) VALUES('delete', ?, ?)",
                [(r[0], r[2]) for r in rows])
            self.db.execute("DELETE FROM statements WHERE id BETWEEN ? AND ?", row[2:4])
            facts = {r[1] for r in rows}
        if row[0] is not None:
            pages.update(page for (page,) in self.db.execute(
                "SELECT page FROM sources WHERE id BETWEEN ? AND ? AND page IS NOT NULL",
                row[:2]))
            self.db.execute("DELETE FROM bodies WHERE id IN"
                            " (SELECT body FROM sources WHERE id BETWEEN ? AND ?)", row[:2])
            self.db.execute("DELETE FROM sources WHERE id BETWEEN ? AND ?", row[:2])
        return facts

    def _refresh_facts(self, touched: set[int] | None) -> None:
        """Recompute the per-fact rows for the facts a sync touched (None: all of them):
        their labels, how many sources and independent publishers state them, their newest
        date, their earliest report, the statements a brief cites for them and their
        near-same wordings. Statements come sorted by fact, so only one fact's rows are in
        memory at a time."""
        blocks: set[tuple[str, str | None]] | None = None
        if touched is None:
            for table in ("facts", "fact_countries", "fact_themes"):
                self.db.execute(f"DELETE FROM {table}")
            self._rank_sources("WHERE NOT superseded", ())
            rows = self.db.execute(_REFRESH_SQL.format(where=""))
        else:
            wanted = json.dumps(sorted(touched))
            old = self.db.execute("SELECT id, countries, themes, numbers FROM facts WHERE id IN"
                                  " (SELECT value FROM json_each(?))", (wanted,)).fetchall()
            # The blocks of near-same wordings (countries, figures) these facts were in;
            # those they are in now are added as they are written.
            blocks = {(r[1], r[3]) for r in old}
            self.db.executemany("DELETE FROM fact_countries WHERE code=? AND fact=?",
                                [(c, r[0]) for r in old for c in r[1].split()])
            self.db.executemany("DELETE FROM fact_themes WHERE slug=? AND fact=?",
                                [(t, r[0]) for r in old for t in r[2].split()])
            self.db.executemany("DELETE FROM facts WHERE id=?", [(r[0],) for r in old])
            self._rank_sources("WHERE NOT superseded AND id IN (SELECT source FROM statements"
                               " WHERE fact IN (SELECT value FROM json_each(?)))", (wanted,))
            rows = self.db.execute(_REFRESH_SQL.format(
                where="WHERE s.fact IN (SELECT value FROM json_each(?))"), (wanted,))
        # A fact's statements are read as they come (see `fact_row`); rows of facts go in
        # by the thousand.
        sources = _SourceCache(self.db)
        summaries = (fact_row(fid, members, sources.get)
                     for fid, members in groupby(rows, key=_first_item))
        for batch in _batches(summaries, 2_000):
            self.db.executemany(f"INSERT INTO facts VALUES ({', '.join('?' * 19)}, NULL)",
                                batch)
            self.db.executemany("INSERT INTO fact_countries VALUES (?, ?)",
                                [(c, s[0]) for s in batch for c in s[8].split()])
            self.db.executemany("INSERT INTO fact_themes VALUES (?, ?)",
                                [(t, s[0]) for s in batch for t in s[9].split()])
            if blocks is not None:
                blocks.update((s[8], s[13]) for s in batch)
        regroup(self.db, blocks, self._texts)

    def _rank_sources(self, where: str, params: Sequence) -> None:
        """Rank the sources `where` selects in citation order, with their dates and origin
        keys, into the temporary table _REFRESH_SQL joins: a source left out (an older
        version of a page) states none of the facts refreshed."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS source_rank (id INTEGER PRIMARY KEY,"
                        " rank INTEGER NOT NULL, date TEXT, o1 INTEGER, o2 INTEGER, o3 INTEGER)")
        self.db.execute("DELETE FROM temp.source_rank")
        sources = self.db.execute(
            f"SELECT id, date, o1, o2, o3 FROM sources {where}"
            " ORDER BY coalesce(nullif(date, ''), '9999'), key, id", params)
        ranked = ((row[0], rank, *row[1:]) for rank, row in enumerate(sources))
        for batch in _batches(ranked, 5_000):
            self.db.executemany("INSERT INTO temp.source_rank VALUES (?, ?, ?, ?, ?, ?)", batch)

    def _settle_versions(self, pages: set[int] | None) -> set[int]:
        """Work out which version of each page is the newest (`version_order`): the others
        are superseded, and each version learns the page's `versions`. `pages`: the pages a
        sync added or removed a version of (None: every page kept more than once). Returns
        the sources that became superseded, or current again: the facts they state change."""
        params: tuple[str, ...] = ()
        if pages is None:
            where = ("page IN (SELECT page FROM sources WHERE page IS NOT NULL"
                     " GROUP BY page HAVING count(*) > 1)")
        elif pages:
            where, params = "page IN (SELECT value FROM json_each(?))", (json.dumps(sorted(pages)),)
        else:
            return set()
        rows = self.db.execute(
            "SELECT page, id, path, coalesce(fetched, nullif(date, '')), fetched IS NOT NULL,"
            f" superseded, versions FROM sources WHERE {where} ORDER BY page", params).fetchall()
        flipped: set[int] = set()
        updates: list[tuple[int, str | None, int]] = []
        for _, group in groupby(rows, key=_first_item):
            members = sorted(group, key=lambda r: version_order(r[3], r[2]))
            newest, first = members[-1], members[0]
            versions = None if len(members) == 1 else json.dumps(
                [newest[2], _day(newest[3]), _day(first[3]), bool(first[4]), len(members)],
                ensure_ascii=False)
            for r in members:
                superseded = int(r is not newest)
                if (superseded, versions) != (r[5], r[6]):
                    updates.append((superseded, versions, r[1]))
                if superseded != r[5]:
                    flipped.add(r[1])
        self.db.executemany("UPDATE sources SET superseded=?, versions=? WHERE id=?", updates)
        return flipped

    def _facts_of(self, source_ids: set[int]) -> set[int]:
        """The facts some sources state. A source's statements lie in its file's range of
        statement ids: no index on statements' sources is needed to find them."""
        if not source_ids:
            return set()
        return {fact for (fact,) in self.db.execute(
            "SELECT DISTINCT s.fact FROM sources src JOIN files f ON f.path = src.path"
            " JOIN statements s ON s.id BETWEEN f.first_statement AND f.last_statement"
            " WHERE src.id IN (SELECT value FROM json_each(?)) AND s.source = src.id",
            (json.dumps(sorted(source_ids)),))}

    def _write(self, results: list[FileResult], ids: list[int]) -> None:
        """Insert files, bodies, sources and statements in bulk. Ids are given here, each
        file's consecutive; `ids` (next body, source, statement id) moves past them."""
        files: list[tuple] = []
        bodies: list[tuple[int, bytes]] = []
        sources: list[tuple] = []
        statements: list[tuple] = []
        words: list[tuple[int, str]] = []
        for r in results:
            b0, s0, t0 = ids
            bodies.extend((b0 + n, blob) for n, blob in enumerate(r.bodies))
            # Not superseded until `_settle_versions` says so.
            sources.extend((s0 + n, *row[:10], b0 + row[10], *row[11:], 0, None)
                           for n, row in enumerate(r.sources))
            for n, row in enumerate(r.statements):
                statements.append((t0 + n, s0 + row[0], row[7], *row[1:7], *row[8:15]))
                words.append((t0 + n, row[15]))
            ns, nt = len(r.sources), len(r.statements)
            files.append((r.path, r.size, r.mtime_ns, r.sha256, r.error,
                          json.dumps(list(r.warnings)) if r.warnings else None,
                          s0 if ns else None, s0 + ns - 1 if ns else None,
                          t0 if nt else None, t0 + nt - 1 if nt else None))
            ids[:] = [b0 + len(r.bodies), s0 + ns, t0 + nt]
        self.db.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", files)
        self.db.executemany("INSERT INTO bodies VALUES (?, ?)", bodies)
        self.db.executemany(f"INSERT INTO sources VALUES ({', '.join('?' * 20)})", sources)
        self.db.executemany(
            "INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            statements)
        self.db.executemany("INSERT INTO statements_fts(rowid, text) VALUES (?, ?)", words)

    def _problems(self) -> tuple[tuple[Skipped, ...], tuple[Skipped, ...]]:
        skipped: list[Skipped] = []
        warned: list[Skipped] = []
        for path, error, warnings in self.db.execute(
                "SELECT path, error, warnings FROM files"
                " WHERE error IS NOT NULL OR warnings IS NOT NULL ORDER BY path"):
            if error:
                skipped.append(Skipped(path, error))
            warned.extend(Skipped(path, w) for w in json.loads(warnings or "[]"))
        return tuple(skipped), tuple(warned)

    # ----------------------------------------------------------------- queries

    @_store_errors
    def sources(self) -> list[tuple[Source, int]]:
        """Every source with the number of distinct facts it states, by key. An older
        version of a page is listed (it is in the corpus) but states none: its newer one
        does (`Source.versions`)."""
        with self._snapshot():
            counts = dict(self.db.execute(
                "SELECT source, COUNT(DISTINCT fact) FROM statements GROUP BY source"))
            rows = self.db.execute(
                f"SELECT id, superseded, {_SOURCE_COLUMNS} FROM sources ORDER BY key")
            return [(_source(row[2:]), 0 if row[1] else counts.get(row[0], 0))
                    for row in rows]

    @_store_errors
    def source_hashes(self) -> Iterator[tuple[str, str]]:
        return iter(self.db.execute(
            "SELECT path, sha256 FROM files WHERE error IS NULL ORDER BY path").fetchall())

    @_store_errors
    def fingerprint(self) -> str:
        """A hash over every source file's hash: two stores with it hold the same corpus.
        Kept in the store by each sync that changes something."""
        return self._meta("fingerprint") or self._fingerprint()

    def _fingerprint(self) -> str:
        h = hashlib.sha256()
        for path, sha in self.db.execute(
                "SELECT path, sha256 FROM files WHERE error IS NULL ORDER BY path"):
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
              query: str | None = None, *, citations: int | None = None,
              among: Sequence[str] | None = None) -> list[Fact]:
        """Merged facts about any of `countries` and any of `themes` (each empty = any),
        optionally matching a full-text query, in corpus order.

        `citations`: load only the first N sources a brief would cite for each fact (the
        fact's `sources`, `publishers` and `newest` still cover them all); None loads every
        citation. Briefs and the TUI need a few; `facts --json` and verification need all.
        `among`: these fact ids (merged among themselves) in place of a selection."""
        with self._snapshot():
            return self._load(self._select(countries, themes, query, among), citations)

    def iter_facts(self, countries: Sequence[str] = (), themes: Sequence[str] = (),
                   query: str | None = None, *, citations: int | None = None
                   ) -> Iterator[Fact]:
        """The facts of `facts`, in the same order, LOAD_BATCH at a time: memory holds a
        few numbers per matching fact and one batch of facts, whatever the corpus size."""
        try:
            with self._snapshot():
                for batch in _batches(self._select(countries, themes, query, None),
                                      LOAD_BATCH):
                    for part, weight in self._by_citations(batch, citations):
                        if weight > LOAD_CITATIONS:  # one fact stated by thousands
                            yield self._load_paged(part[0])
                        else:
                            yield from self._load(part, citations)
        except sqlite3.Error as err:
            raise self.failure(err) from None

    def _by_citations(self, groups: list[FactGroup], citations: int | None
                      ) -> Iterator[tuple[list[FactGroup], int]]:
        """Groups in runs that cite at most LOAD_CITATIONS sources in all, with the sources
        they cite: a wire story in thousands of files is a run of its own."""
        if citations is not None:
            yield groups, 0  # at most `citations` each
            return
        counts = dict(self.db.execute(
            "SELECT id, sources FROM facts WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps([f for g in groups for f in g]),)))
        part: list[FactGroup] = []
        weight = 0
        for group in groups:
            cited = sum(counts.get(f, 0) for f in group)
            if part and weight + cited > LOAD_CITATIONS:
                yield part, weight
                part, weight = [], 0
            part.append(group)
            weight += cited
        if part:
            yield part, weight

    @_store_errors
    def fact_groups(self, countries: Sequence[str] = (), themes: Sequence[str] = (),
                    query: str | None = None) -> Sequence[FactGroup]:
        """The facts of `facts` as handles, in the same order, without loading them: page
        through them with `load_facts`. A big selection's handles are found as they are
        asked for (its length is known at once)."""
        with self._snapshot():
            if (countries or themes) and not (query and query.strip()):
                total = count_listed(self.db, countries, themes)
                if total >= WALK_FROM:
                    return Walk(self.db, self._snapshot, countries, themes, total,
                                lambda: self._sorted(countries, themes), self.failure)
            return self._select(countries, themes, query, None)

    def _sorted(self, countries: Sequence[str], themes: Sequence[str]) -> list[FactGroup]:
        """A selection's handles, sorted at once (what a walk falls back to)."""
        with self._snapshot():
            return self._select(countries, themes, None, None)

    @_store_errors
    def load_facts(self, groups: Sequence[FactGroup], *, citations: int | None = None
                   ) -> list[Fact]:
        """The facts behind handles from `fact_groups`, in their order."""
        with self._snapshot():
            return self._load(groups, citations)

    def _select(self, countries: Sequence[str], themes: Sequence[str], query: str | None,
                among: Sequence[str] | None) -> list[FactGroup]:
        if among is not None:
            ids = json.dumps([int(fid[1:], 16) for fid in among])
            return self._groups(" WHERE f.id IN (SELECT value FROM json_each(?))", [ids], None)
        return self._groups(*self._where(countries, themes, query), query)

    def digests(self, countries: Sequence[str] = (), themes: Sequence[str] = (),
                query: str | None = None) -> Iterator[FactDigest]:
        """What a brief ranks facts by, for every fact of `facts`, without their text or
        citations (a few numbers each), as they are read: a brief keeps only the strongest,
        so its memory does not grow with a country's facts."""
        where, params = self._where(countries, themes, query)
        # Copies of a label string are many; each distinct one is split once.
        labels: dict[str, tuple[str, ...]] = {}

        def split(text: str) -> tuple[str, ...]:
            found = labels.get(text)
            return found if found is not None else labels.setdefault(text, tuple(text.split()))

        try:
            for r in self._rows("SELECT id, countries, themes, sources, publishers, newest,"
                                " numeric, years, first_key FROM facts f" + where, params,
                                query):
                yield FactDigest(_hex_id(r[0]), split(r[1]), split(r[2]), *r[3:])
        except sqlite3.Error as err:
            raise self.failure(err) from None

    def _where(self, countries: Sequence[str], themes: Sequence[str], query: str | None
               ) -> tuple[str, list[str]]:
        """The WHERE clause on `facts f` of a selection (empty for every fact), and its
        parameters."""
        where: list[str] = []
        params: list[str] = []
        if countries:
            where.append("f.id IN (SELECT fact FROM fact_countries WHERE code IN"
                         f" ({','.join('?' * len(countries))}))")
            params.extend(countries)
        if themes:
            where.append("f.id IN (SELECT fact FROM fact_themes WHERE slug IN"
                         f" ({','.join('?' * len(themes))}))")
            params.extend(themes)
        if query and query.strip():
            where.append("f.id IN (SELECT s.fact FROM statements s WHERE s.id IN"
                         " (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?))")
            params.append(fts_query(query))
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def _rows(self, sql: str, params: Sequence, query: str | None) -> Iterator[tuple]:
        """The rows of a query as they come; a full-text search SQLite cannot run is the
        user's error."""
        try:
            yield from self.db.execute(sql, params)
        except sqlite3.OperationalError as err:
            if query:
                raise BriefingError(f"cannot search for {query!r}: {err}") from None
            raise

    def _groups(self, where: str, params: Sequence, query: str | None) -> list[FactGroup]:
        """The facts `where` selects, merged with those of their near-same wordings it also
        selects, in corpus order of their earliest report."""
        # Sorted by SQLite: several times faster than sorting a country's facts in Python.
        order: list[int] = []
        wordings: dict[int, list[int]] = defaultdict(list)
        for fid, grp in self._rows("SELECT id, grp FROM facts f" + where
                                   + " ORDER BY first_path, first_key, first_position, id",
                                   params, query):
            order.append(fid)
            if grp is not None:
                wordings[grp].append(fid)
        merged = [fids for fids in wordings.values() if len(fids) > 1]
        if not merged:
            return [(fid,) for fid in order]
        merging = {fid for fids in merged for fid in fids}
        # A merged fact is quoted from its earliest report: it sits where that one does.
        earliest = self._columns(
            "coalesce(nullif(first_date, ''), '9999'), first_key, first_start", merging)
        placed = {min(fids, key=earliest.__getitem__): tuple(fids) for fids in merged}
        return [placed.get(fid, (fid,)) for fid in order
                if fid in placed or fid not in merging]

    def _columns(self, columns: str, fids: Iterable[int]) -> dict[int, tuple]:
        """Columns of the facts table for some facts, by id."""
        return {row[0]: row[1:] for row in self.db.execute(
            f"SELECT id, {columns} FROM facts WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(fids)),))}

    def _load(self, groups: Sequence[FactGroup], citations: int | None) -> list[Fact]:
        fids = [fid for group in groups for fid in group]
        if not fids:
            return []
        summaries = self._summaries(fids)
        if citations is None:  # every citation of each fact, but an older version's
            rows = self._statement_rows("s.fact IN (SELECT value FROM json_each(?))"
                                        " AND NOT src.superseded", (json.dumps(fids),))
        else:
            cited = [int(i) for fid in fids for i in summaries[fid][3].split()[:citations]]
            rows = self._statement_rows("s.id IN (SELECT value FROM json_each(?))",
                                        (json.dumps(cited),))
        return self._built(groups, rows, summaries)

    def _summaries(self, fids: list[int]) -> dict[int, tuple]:
        return {row[0]: row[1:] for row in self.db.execute(
            "SELECT id, sources, publishers, newest, cited, countries, themes, mentions"
            " FROM facts WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(fids),))}

    def _load_paged(self, group: FactGroup) -> Fact:
        """A fact with every citation, of which only a page is in memory at a time: its
        statements' ids are listed in citation order (8 bytes each), their citations read
        from the store a page at a time as they are iterated (in the read transaction of
        the `iter_facts` that gave it, while that is under way)."""
        ids = array("q", (row[0] for row in self.db.execute(
            "SELECT s.id FROM statements s JOIN sources src ON src.id = s.source"
            " WHERE s.fact IN (SELECT value FROM json_each(?)) AND NOT src.superseded"
            " ORDER BY coalesce(nullif(src.date, ''), '9999'), src.key, s.start, s.id",
            (json.dumps(list(group)),))))
        (fact,) = self._built([group], self._citation_rows(ids[:CITATION_PAGE]),
                              self._summaries(list(group)))
        return replace(fact, citations=_CitationPages(self, ids, fact.citations))

    def _citation_rows(self, ids: Sequence[int]) -> list[tuple]:
        """`_statement_rows` of statements, in the order of `ids`."""
        rank = {sid: n for n, sid in enumerate(ids)}
        return sorted(self._statement_rows("s.id IN (SELECT value FROM json_each(?))",
                                           (json.dumps(list(ids)),)), key=lambda r: rank[r[0]])

    def _built(self, groups: Sequence[FactGroup], rows: list[tuple],
               summaries: dict[int, tuple]) -> list[Fact]:
        """Facts from their statements' rows (`_statement_rows`) and per-fact rows."""
        by_fact: dict[int, list[tuple]] = defaultdict(list)
        for row in rows:
            by_fact[row[1]].append(row)
        facts = [_fact(group, by_fact, summaries) for group in groups]
        merged = [n for n, group in enumerate(groups) if len(group) > 1]
        for n, counts in zip(merged, self._recount([groups[n] for n in merged]), strict=True):
            facts[n] = replace(facts[n], sources=counts[0], publishers=counts[1],
                               newest=counts[2])
        return facts

    def _statement_rows(self, where: str, params: Sequence) -> list[tuple]:
        """(id, fact, text, start, end, heading, position, figures, Source) of statements."""
        rows = self.db.execute(
            "SELECT s.id, s.fact, s.text, s.start, s.\"end\", s.heading, s.position,"
            f" s.figures, s.source, src.body FROM statements s"
            f" JOIN sources src ON src.id = s.source WHERE {where}", params).fetchall()
        sources = self._sources_by_id({r[8] for r in rows})
        out = []
        body_id, body = None, ""
        # By article: each text is decompressed once, and only one is held at a time.
        for r in sorted(rows, key=lambda r: (r[9], r[0])):
            if r[2] is None and r[9] != body_id:
                body_id, body = r[9], self._body(r[9])
            source, headings = sources[r[8]]
            text = r[2] if r[2] is not None else collapse(body[r[3]:r[4]])
            heading = json.loads(headings)[r[5]] if r[5] is not None and headings else None
            out.append((r[0], r[1], text, r[3], r[4], heading, r[6], r[7], source))
        return out

    def _texts(self, statement_ids: Iterable[int]) -> dict[int, str]:
        """The text of statements by id (each article's text decompressed once). Not
        `_statement_rows`: finding near-same wordings reads 150,000 texts in a cold index
        of 100,000 articles, and needs none of their sources."""
        rows = self.db.execute(
            "SELECT s.id, s.text, s.start, s.\"end\", src.body FROM statements s"
            " JOIN sources src ON src.id = s.source"
            " WHERE s.id IN (SELECT value FROM json_each(?)) ORDER BY src.body",
            (json.dumps(sorted(set(statement_ids))),))
        texts: dict[int, str] = {}
        body_id, body = None, ""
        for sid, own, start, end, bid in rows:
            if own is None and bid != body_id:
                body_id, body = bid, self._body(bid)
            texts[sid] = own if own is not None else collapse(body[start:end])
        return texts

    def _sources_by_id(self, ids: Iterable[int]) -> dict[int, tuple[Source, str | None]]:
        """Sources by id, with their headings as stored (JSON: read only when needed)."""
        out = {}
        for chunk in _batches(sorted(ids), 20_000):
            for row in self.db.execute(
                    f"SELECT id, headings, {_SOURCE_COLUMNS} FROM sources WHERE id IN"
                    " (SELECT value FROM json_each(?))", (json.dumps(chunk),)):
                out[row[0]] = (_source(row[2:]), row[1])
        return out

    def _body(self, body_id: int) -> str:
        """An article's text, decompressed."""
        (blob,) = self.db.execute("SELECT text FROM bodies WHERE id=?", (body_id,)).fetchone()
        return zlib.decompress(blob).decode("utf-8")

    def _recount(self, groups: Sequence[FactGroup]) -> Iterator[tuple[int, int, str | None]]:
        """Exact (sources, independent publishers, newest date) of facts merged from near-same
        wordings, over all their sources: one query for them all, each source made once."""
        if not groups:
            return
        by_fact: dict[int, list[int]] = defaultdict(list)
        for fact, source in self.db.execute(
                "SELECT DISTINCT fact, source FROM statements WHERE fact IN"
                " (SELECT value FROM json_each(?))",
                (json.dumps([f for group in groups for f in group]),)):
            by_fact[fact].append(source)
        # Each source once (the wordings of a wire story share many): its key, its date and
        # its origin keys, which is what the per-fact rows are counted from.
        sources = {row[0]: (row[1], row[2], tuple(o for o in row[3:] if o is not None))
                   for row in self.db.execute(
                       "SELECT id, key, date, o1, o2, o3 FROM sources"
                       " WHERE id IN (SELECT value FROM json_each(?)) AND NOT superseded",
                       (json.dumps(sorted({i for ids in by_fact.values() for i in ids})),))}
        for group in groups:
            found = {sources[i][0]: sources[i] for f in group for i in by_fact[f]
                     if i in sources}.values()
            yield (len(found), count_origins([s[2] for s in found]),
                   max((s[1] for s in found if s[1]), default=None))

    @_store_errors
    def context(self, fact: Fact) -> tuple[str, int, int]:
        """The paragraph a fact sits in (as the file holds it now) and the fact's offsets in it."""
        c = fact.citations[0]
        row = self.db.execute(
            "SELECT s.block_start, s.block_end FROM files f JOIN statements s"
            " ON s.id BETWEEN f.first_statement AND f.last_statement"
            " JOIN sources src ON src.id = s.source"
            " WHERE f.path=? AND src.key=? AND s.start=?",
            (c.source.path, c.source.key, c.start)).fetchone()
        try:
            from briefing.corpus import document_text

            text, _ = document_text(c.source.path, (self.corpus / c.source.path).read_bytes())
        except (OSError, CorpusError):
            return c.text, 0, len(c.text)
        b0, b1 = row if row else (c.start, c.end)
        return text[b0:b1], c.start - b0, c.end - b0


_SOURCE_COLUMNS = ("key, path, title, publisher, date, url, sha256, carrier, extractor, pages,"
                   " versions")
#: Every statement of the facts being refreshed, with its source, sorted by fact.
#: A fact's statements in citation order: undated after dated, then corpus order (the first
#: is the earliest report), each with its source's date and origin keys. Sorting by a rank of
#: the sources (`_rank_sources`), not their columns, keeps the sort narrow: 20 columns a
#: statement, most of them its source's, cost twice as much to sort.
_REFRESH_SQL = ("SELECT s.fact, s.id, s.start, s.source, s.countries, s.themes, s.mentions,"
                " s.figures, s.head, s.tail, s.position, r.date, r.o1, r.o2, r.o3"
                " FROM statements s JOIN temp.source_rank r ON r.id = s.source {where}"
                " ORDER BY s.fact, r.rank, s.start")
#: Padding of a source's origin keys to three columns (it may have one to three).
_NO_KEYS: tuple[None, ...] = (None, None, None)


def _hex_id(fact: int) -> str:
    """The user-facing fact id (`f0123456789`) of a stored fact number."""
    return f"f{fact:010x}"


def _first_item(row: tuple) -> int:
    return row[0]


def _day(when: str | None) -> str | None:
    """The day of a fetch time or a date (`2026-03-05T09:30:00Z` -> `2026-03-05`)."""
    return when[:10] if when else None


def walk_listing(corpus: Path) -> tuple[int, str]:
    """How many article files the corpus lists now, and the digest of that listing."""
    return _counted_digest(walk_corpus(corpus))


def listing_digest(files: Iterable[tuple[str, int, int]]) -> str:
    """A hash of (relative path, size, mtime_ns) of files in listing order. The store keeps
    the digest of the listing it is in step with; a corpus whose listing hashes the same has
    no file added, removed, renamed or rewritten since (a rewrite changes the mtime; a file
    modified too close to a sync's scan to tell is hashed with mtime 0, which its real mtime
    never equals, so the next look compares its bytes)."""
    return _counted_digest(files)[1]


def _counted_digest(files: Iterable[tuple[str, int, int]]) -> tuple[int, str]:
    """The number of files and `listing_digest`, a few thousand files at a time: memory
    stays flat however many. Each round hashes its paths NUL-terminated (no path holds a
    NUL), then their sizes and mtimes as 8-byte integers; the count comes last."""
    digest = hashlib.sha256()
    count = 0
    for batch in _batches(files, 4_096):
        digest.update("".join([f"{rel}\0" for rel, _, _ in batch]).encode(
            "utf-8", "surrogatepass"))
        digest.update(array("q", [n for _, size, mtime in batch for n in (size, mtime)]))
        count += len(batch)
    digest.update(count.to_bytes(8, "little"))
    # The size limits in force: a changed limit is a changed listing, and the plan reads
    # again the files it now lets in or keeps out (`_CROSSED_LIMIT`).
    digest.update(max_file_bytes().to_bytes(8, "little"))
    digest.update(max_pdf_bytes().to_bytes(8, "little"))
    return count, digest.hexdigest()


#: A file on either side of the size limit from where it was when last read (skipped as
#: too large, or read): `BRIEFING_MAX_FILE_MB` or `BRIEFING_MAX_PDF_MB` changed, and it is
#: read again.
_LIMITED = " OR ".join(f"d.path LIKE '%{suffix}'" for suffix in LIMITED_SUFFIXES)
_REPORT = " OR ".join(f"d.path LIKE '%{suffix}'" for suffix in PDF_SUFFIXES)
_CROSSED_LIMIT = (f"((coalesce(f.error, '') LIKE '{TOO_LARGE}:%')"
                  f" != ((d.size > ? AND ({_LIMITED})) OR (d.size > ? AND ({_REPORT}))))")


def _worth_a_pool(files: int, reports: int) -> bool:
    """Whether reading `files` files, `reports` of them reports, in worker processes saves
    more than starting them costs: many files, or two reports or more (a report of a
    hundred pages reads for seconds)."""
    return files >= POOL_THRESHOLD or reports >= 2


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


def _bounded_map(pool: ProcessPoolExecutor, fn: Callable, items: Iterable, ahead: int
                 ) -> Iterator:
    """`pool.map` that submits at most `ahead` tasks beyond the one being consumed:
    `map` submits everything at once, and results the parent has not written yet pile up."""
    pending: deque[Future] = deque()
    try:
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) > ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def _counted(results: Iterable[FileResult], total: int, progress: Progress | None
             ) -> Iterator[FileResult]:
    for n, result in enumerate(results, 1):
        if progress:
            progress(n, total)
        yield result


def fts_query(text: str) -> str:
    """User words -> an FTS5 query of quoted terms (prefix match on the last one), so
    punctuation in what people type is never FTS syntax."""
    words = re.findall(r"\w+", text)
    if not words:
        return '""'
    terms = [f'"{w}"' for w in words]
    terms[-1] += "*"
    return " ".join(terms)


# --------------------------------------------------------------------------- facts


def _fact(fids: FactGroup, by_fact: dict[int, list[tuple]],
          summaries: dict[int, tuple]) -> Fact:
    # The earliest dated report first; undated after dated; then corpus order.
    members = sorted((row for f in fids for row in by_fact[f]),
                     key=lambda r: (r[8].date or "9999", r[8].key, r[3]))
    first = members[0]
    summary = summaries[fids[0]] if len(fids) == 1 else None
    counts = (summary[0], summary[1], summary[2]) if summary else (-1, 0, None)
    countries = {c for f in fids for c in summaries[f][4].split()}
    return Fact(
        id=_hex_id(first[1]), text=first[2],
        countries=tuple(sorted(countries)),
        themes=tuple(sorted({t for f in fids for t in summaries[f][5].split()})),
        figures=figures_from_json(first[7]),
        citations=tuple(Citation(r[8], r[3], r[4], r[2]) for r in members),
        heading=first[5], position=first[6],
        sources=counts[0], publishers=counts[1], newest=counts[2],
        mentions=tuple(sorted({c for f in fids for c in summaries[f][6].split()} - countries)),
    )


class _CitationPages(Sequence[Citation]):
    """A fact's citations read a page at a time: the first page is kept, the others are
    read each time the citations are iterated past it (see `Store._load_paged`)."""

    def __init__(self, store: Store, ids: Sequence[int], first: Sequence[Citation]
                 ) -> None:
        self.store, self.ids, self.first = store, ids, tuple(first)

    def __len__(self) -> int:
        return len(self.ids)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    @overload
    def __getitem__(self, index: int) -> Citation: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Citation]: ...

    def __getitem__(self, index: int | slice) -> Citation | Sequence[Citation]:
        if isinstance(index, int) and 0 <= index < len(self.first):
            return self.first[index]
        return tuple(self)[index]

    def __iter__(self) -> Iterator[Citation]:
        yield from self.first
        for start in range(len(self.first), len(self.ids), CITATION_PAGE):
            for r in self.store._citation_rows(self.ids[start:start + CITATION_PAGE]):
                yield Citation(r[8], r[3], r[4], r[2])


class _SourceCache:
    """Sources' keys and paths by id, for refreshing facts; forgotten past ORIGINS_KEPT,
    so memory stays bounded on any archive."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.known: dict[int, tuple[str, str]] = {}

    def get(self, source_id: int) -> tuple[str, str]:
        found = self.known.get(source_id)
        if found is None:
            if len(self.known) > ORIGINS_KEPT:
                self.known.clear()
            found = self.known[source_id] = self.db.execute(
                "SELECT key, path FROM sources WHERE id=?", (source_id,)).fetchone()
        return found


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


def open_store(corpus: Path, *, progress: Progress | None = None,
               rebuild: bool = False) -> tuple[Store, SyncReport]:
    """The store for a corpus, brought up to date: what every command starts with."""
    store = Store.for_corpus(corpus)
    try:
        return store, store.sync(rebuild=rebuild, progress=progress)
    except BaseException:
        store.close()
        raise
