"""Reading corpus files for the store: one file's articles and statements as rows, made in a
pool worker (or in the syncing process itself when there are few) and written by the parent.

`FileResult` and the functions the pool runs (`init_worker`, `read_chunk`) cross the process
boundary by pickle: they must stay importable at this module's path.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import signal
import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import CorpusError
from briefing.extract.themes import Taxonomy, load_taxonomy
from briefing.ingest.document import read_document
from briefing.ingest.fetch import FetchRecord, fetch_record
from briefing.ingest.formats import HTML_SUFFIXES, PDF_SUFFIXES
from briefing.ingest.provenance import origin_hashes, page_key
from briefing.ingest.walk import listing_problem
from briefing.model import Source, Versions

#: zlib level for article text: 6 keeps about a third of the bytes at ~30 MB/s per core.
ZLIB_LEVEL = 6


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


_taxonomy: Taxonomy | None = None


def init_worker(taxonomy: Taxonomy, parent: int) -> None:
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
        return FileResult(rel, size, mtime_ns, file_hash(root / rel), error=str(err))
    except (ValueError, TypeError, LookupError, ArithmeticError, RecursionError,
            MemoryError, OSError) as err:
        # A reader's own failure on one odd file (a library's check, a value it did not
        # expect): that file is skipped with the reason, every command still works.
        detail = " ".join(str(err).split())[:200]
        return FileResult(rel, size, mtime_ns, file_hash(root / rel),
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
    fetched = fetch_record(root / rel) if rel.lower().endswith(FETCHED_SUFFIXES) else None
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
                        *origin_keys(s), *page_of(s, fetched)))
    bodies = tuple(zlib.compress(t.encode("utf-8"), ZLIB_LEVEL) for t in texts)
    return FileResult(rel, size, mtime_ns, doc.sha256, bodies, tuple(sources), tuple(rows),
                      doc.warnings)


def origin_keys(source: Source) -> tuple[int | None, ...]:
    """A source's origin keys as the store keeps them (three columns). Worked out once, when
    its file is read (in the pool): a change to what `origin_hashes` gives is a change of
    EXTRACTOR_VERSION, which reads every file again."""
    return (origin_hashes(source) + _NO_KEYS)[:3]


#: Files `briefing add` writes (with a sidecar): pages and reports.
FETCHED_SUFFIXES = (*HTML_SUFFIXES, *PDF_SUFFIXES)


def page_of(source: Source, fetched: FetchRecord | None) -> tuple[int | None, str | None]:
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


def source_of_row(row: Sequence) -> Source:
    """A Source from the first columns of a row selected as SOURCE_COLUMNS."""
    pages = tuple(json.loads(row[9])) if row[9] else ()
    versions = Versions(*json.loads(row[10])) if row[10] else None
    return Source(*row[:9], pages=pages, versions=versions)  # type: ignore[misc]  # nine fields


def read_chunk(args: list[tuple[Path, str, int, int]]) -> list[FileResult]:
    return [read_file(*a) for a in args]


def file_hash(path: Path) -> str:
    """A file's sha256, read a piece at a time (a file too large to read is hashed too)."""
    try:
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return ""


SOURCE_COLUMNS = ("key, path, title, publisher, date, url, sha256, carrier, extractor, pages,"
                   " versions")
#: Padding of a source's origin keys to three columns (it may have one to three).
_NO_KEYS: tuple[None, ...] = (None, None, None)
