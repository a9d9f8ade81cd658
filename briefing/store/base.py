"""The store's connection to its SQLite file, and what every part of the store shares: the
sync lock, write transactions and read snapshots, the meta table, SQLite errors as one line,
and reading stored statements, sources and article texts back.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import ParamSpec, TypeVar

try:
    import fcntl
except ImportError:  # not POSIX: syncs rely on SQLite's own write lock alone
    fcntl = None  # type: ignore[assignment]

from briefing.errors import BriefingError
from briefing.extract.themes import Taxonomy
from briefing.ingest.article import warns_undated
from briefing.model import EXTRACTOR_VERSION, Skipped, Source
from briefing.store.files import SOURCE_COLUMNS, reader_versions, source_of_row
from briefing.text import collapse

P = ParamSpec("P")
R = TypeVar("R")

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


def store_errors(method: Callable[P, R]) -> Callable[P, R]:
    """SQLite failures (a full disk, a read-only cache dir, a damaged file) reach the user as
    one line naming the store, never as an internal error."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as err:
            store = args[0]
            assert isinstance(store, StoreBase)
            raise store.failure(err) from None

    return wrapper


class StoreBase:
    """A store's connection and the pieces its parts share (see `Store`)."""

    path: Path
    corpus: Path
    taxonomy: Taxonomy
    db: sqlite3.Connection

    def failure(self, err: sqlite3.Error) -> BriefingError:
        """A SQLite error as the one line the user sees."""
        hint = ""
        if isinstance(err, sqlite3.OperationalError) and any(
                w in str(err) for w in ("disk", "readonly", "unable to open")):
            hint = " (full disk or read-only folder? BRIEFING_CACHE_DIR moves the store)"
        return BriefingError(f"fact store {self.path}: {err}{hint}")

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

    # ----------------------------------------------------------------- what the files hold

    def _problems(self) -> tuple[tuple[Skipped, ...], tuple[Skipped, ...]]:
        skipped: list[Skipped] = []
        warned: list[Skipped] = []
        for path, error, warnings, dated in self.db.execute(
                "SELECT path, error, warnings, NOT EXISTS (SELECT 1 FROM sources"
                " WHERE id BETWEEN first_source AND last_source AND date IS NULL)"
                " FROM files WHERE error IS NOT NULL OR warnings IS NOT NULL ORDER BY path"):
            if error:
                skipped.append(Skipped(path, error))
            # A file read undated, dated since by the user's correction: nothing to say.
            warned.extend(Skipped(path, w) for w in json.loads(warnings or "[]")
                          if not (dated and warns_undated(w)))
        return tuple(skipped), tuple(warned)

    def _fingerprint(self) -> str:
        h = hashlib.sha256()
        for path, sha in self.db.execute(
                "SELECT path, sha256 FROM files WHERE error IS NULL ORDER BY path"):
            h.update(f"{path}\0{sha}\n".encode())
        return h.hexdigest()

    # ----------------------------------------------------------------- stored rows

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
        for chunk in batches(sorted(ids), 20_000):
            for row in self.db.execute(
                    f"SELECT id, headings, {SOURCE_COLUMNS} FROM sources WHERE id IN"
                    " (SELECT value FROM json_each(?))", (json.dumps(chunk),)):
                out[row[0]] = (source_of_row(row[2:]), row[1])
        return out

    def _body(self, body_id: int) -> str:
        """An article's text, decompressed."""
        (blob,) = self.db.execute("SELECT text FROM bodies WHERE id=?", (body_id,)).fetchone()
        return zlib.decompress(blob).decode("utf-8")


def hex_id(fact: int) -> str:
    """The user-facing fact id (`f0123456789`) of a stored fact number."""
    return f"f{fact:010x}"


def first_item(row: tuple) -> int:
    return row[0]


def batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
