"""Syncing: bringing a store into step with its corpus folder. A plan compares the folder's
listing with the files the store holds (in SQLite, not in memory); new and changed files are
read (`briefing.store.files`, in a process pool when there are many) and written in batches,
removed ones forgotten, and the facts they touch refreshed, all in one transaction.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import time
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from briefing.ingest.formats import PDF_SUFFIXES
from briefing.ingest.walk import (
    LIMITED_SUFFIXES,
    TOO_LARGE,
    listing_problem,
    max_file_bytes,
    max_pdf_bytes,
    walk_corpus,
)
from briefing.store.base import batches, store_errors
from briefing.store.corrections import Overlay, corrections_stamp
from briefing.store.files import FileResult, file_hash, init_worker, read_chunk, read_file
from briefing.store.protocol import SyncReport
from briefing.store.schema import INDEX_NAMES, INDEXES, Schema, sql_statements

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
#: A file modified this close to a scan can change again within the same tick of the file
#: system's clock (Linux stamps files from a clock of 1-10 ms ticks) without its stat showing
#: it ("racy git"): such a file's mtime is stored as 0, so the next sync compares its bytes.
RACY_NS = 100_000_000
Progress = Callable[[int, int], None]


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


class Sync(Overlay, Schema):
    """Keeping a store in step with its corpus folder (and with the user's corrections in
    it: `briefing.store.corrections`)."""

    @store_errors
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
                if not self._corrections_current():
                    with self._transaction():
                        self._correct()
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
        """The digest of the listing the store is in step with (None: a sync must look,
        also when the corrections file changed since the store applied it)."""
        with self._snapshot():
            if self._meta("extractor") != self.extractor_key:
                return None
            if self._meta("corrections") != corrections_stamp(self.corpus):
                return None
            return self._meta("listing")

    def _record_listing(self) -> None:
        """Store the digest of the corpus listing after a sync that found nothing to do
        (a store made before digests were kept, or files listed in another order), and
        apply the corrections file if it changed."""
        with self._sync_lock():
            plan = self._plan(clear=False)  # another process may have synced meanwhile
            if plan.idle:
                with self._transaction():
                    self._set_meta("listing", plan.listing)
                    if not self._corrections_current():
                        self._correct()

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
            for batch in batches(walk_corpus(self.corpus), 5_000):
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
        return SyncReport(unchanged=files, skipped=skipped, warnings=warned,
                          stale_corrections=self.stale_corrections())

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
            for name in INDEX_NAMES:
                self.db.execute(f"DROP INDEX IF EXISTS {name}")
        for rel in removed:
            touched |= self._forget(rel, pages)
        ids = self._next_ids()
        for batch in batches(self._read_all(todo, known, progress), WRITE_BATCH):
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
            for statement in sql_statements(INDEXES):
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
        # Files came, went or changed: a correction's target may have too.
        self._correct()
        return SyncReport(added, changed, len(removed), unchanged, *self._problems(),
                          stale_corrections=self.stale_corrections())

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
                    and sha256 == file_hash(self.corpus / rel)):
                self.db.execute("UPDATE files SET mtime_ns=? WHERE path=?", (mtime_now, rel))
                same.add(rel)
                yield None
        work = self._todo(same)
        total = todo - len(same)
        is_report = " OR ".join(["path LIKE ?"] * len(PDF_SUFFIXES))  # LIKE ignores case
        reports = sum(rel not in same for (rel,) in self.db.execute(
            f"SELECT path FROM temp.todo WHERE {is_report}", [f"%{s}" for s in PDF_SUFFIXES]))
        if not worth_a_pool(total, reports):
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
            with ProcessPoolExecutor(max_workers=workers, initializer=init_worker,
                                     initargs=(self.taxonomy, os.getpid())) as pool:
                chunks = _bounded_map(pool, read_chunk, batches(work, chunk),
                                      ahead=POOL_AHEAD * workers)
                yield from _counted((r for chunk in chunks for r in chunk), total, progress)
        finally:
            gc.unfreeze()

    def _clear(self) -> None:
        """Empty the store, inside the sync's transaction: readers see the old facts until
        the new ones are committed."""
        for table in ("statements", "sources", "bodies", "files", "facts", "fact_countries",
                      "fact_themes", "source_originals"):
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
            # A correction's record of its values: the ids may be given to another file.
            self.db.execute("DELETE FROM source_originals WHERE id BETWEEN ? AND ?", row[:2])
            self.db.execute("DELETE FROM sources WHERE id BETWEEN ? AND ?", row[:2])
        return facts

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
                statements.append((t0 + n, s0 + row[0], row[7], *row[1:7], *row[8:16]))
                words.append((t0 + n, row[16]))
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
            f"INSERT INTO statements VALUES ({', '.join('?' * 17)})",
            statements)
        self.db.executemany("INSERT INTO statements_fts(rowid, text) VALUES (?, ?)", words)


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
    for batch in batches(files, 4_096):
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


def worth_a_pool(files: int, reports: int) -> bool:
    """Whether reading `files` files, `reports` of them reports, in worker processes saves
    more than starting them costs: many files, or two reports or more (a report of a
    hundred pages reads for seconds)."""
    return files >= POOL_THRESHOLD or reports >= 2


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
