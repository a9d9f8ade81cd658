"""Walking a corpus folder: the files worth reading, their size limits, and why any other
file is skipped (too large, a link leaving the corpus, an undecodable name)."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

from briefing.errors import CorpusError
from briefing.ingest.formats import HTML_SUFFIXES, PDF_SUFFIXES

TEXT_SUFFIXES = (".txt", ".md")
SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, *PDF_SUFFIXES)
#: What `briefing add` writes beside a fetched file: where and when it came from.
SIDECAR = ".fetch.json"


# --------------------------------------------------------------------------- listing

#: Pages and text files larger than this are not read (`BRIEFING_MAX_FILE_MB` overrides):
#: a 50 MB saved page took 1.6 GB and over 15 minutes to extract, and every command syncs
#: first. An article is a few hundred kB at most, a saved page with its scripts a few MB.
MAX_FILE_MB = 10.0
#: PDF reports larger than this are not read (`BRIEFING_MAX_PDF_MB` overrides): PDFium
#: holds the whole file in memory (a 2 GB file was read whole). A long report with its
#: charts is a few tens of MB; reading one also has a time and a memory budget
#: (`formats/pdf.py`).
MAX_PDF_MB = 100.0
MB = 1024 * 1024
#: The files the pages and text size limit applies to (reports have their own).
LIMITED_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES)
TOO_LARGE = "too large"

#: A problem the walk met with a file is listed as a negative size (a real size never is):
#: the sync lists the file as skipped with the reason, never opens it, and sees the problem
#: go when the file changes. A failed system call is listed as `ERRNO_BASE - errno`.
OUTSIDE_LINK = -1
UNDECODABLE_NAME = -2
NOT_A_FILE = -3
ERRNO_BASE = -1000
#: Reasons for the failures a walk meets, in words; others say the system's message.
_ERRNO_REASONS = {
    errno.ELOOP: "a symbolic link loop: not followed",
    errno.ENOENT: "a link to a file that does not exist",
    errno.ENAMETOOLONG: "path too long for the system to open (over {path_max:,} bytes)",
}
#: Linux's limit on a path's length, when the system does not say.
PATH_MAX = 4096
#: The longest file name most file systems allow (bytes).
NAME_MAX = 255


def max_file_bytes() -> int:
    """The size limit for pages and text files, in bytes (`BRIEFING_MAX_FILE_MB`)."""
    return _limit_bytes("BRIEFING_MAX_FILE_MB", MAX_FILE_MB)


def max_pdf_bytes() -> int:
    """The size limit for PDF reports, in bytes (`BRIEFING_MAX_PDF_MB`)."""
    return _limit_bytes("BRIEFING_MAX_PDF_MB", MAX_PDF_MB)


def _limit_bytes(variable: str, default_mb: float) -> int:
    env = os.environ.get(variable, "").strip()
    try:
        mb = float(env) if env else default_mb
    except ValueError:
        mb = default_mb  # a typo in the variable must not stop indexing
    if not 0 < mb < 1e9:  # also NaN
        mb = default_mb
    return round(mb * MB)


def size_limit(rel: str) -> int | None:
    """The size limit for a file of its kind, in bytes (None: a kind with none)."""
    lower = rel.lower()
    if lower.endswith(LIMITED_SUFFIXES):
        return max_file_bytes()
    if lower.endswith(PDF_SUFFIXES):
        return max_pdf_bytes()
    return None


def too_large(size: int, limit: int) -> str:
    """'too large: 50.0 MB, over the 10 MB limit' ('22 kB' under a tenth of a MB)."""
    shown = f"{size / MB:.1f} MB" if size >= MB // 10 else f"{size / 1024:.0f} kB"
    return f"{TOO_LARGE}: {shown}, over the {limit / MB:.4g} MB limit"


def listing_problem(rel: str, size: int) -> str | None:
    """Why a file the walk listed is not to be read, from the listing alone, or None: a
    problem the walk met (a negative size), or a file over the size limit for its kind."""
    if size >= 0:
        limit = size_limit(rel)
        if limit is not None and size > limit:
            return too_large(size, limit)
        return None
    if size == OUTSIDE_LINK:
        return "a link to a file outside the corpus: not followed"
    if size == UNDECODABLE_NAME:
        return "its name is not valid UTF-8 (shown with \\x escapes): rename it to read it"
    if size == NOT_A_FILE:
        return "not a regular file (a pipe, a device or a socket): not read"
    code = ERRNO_BASE - size
    reason = _ERRNO_REASONS.get(code)
    if reason is not None:
        return reason.format(path_max=PATH_MAX)
    return f"cannot read: {os.strerror(code)}"


def walk_corpus(root: Path) -> Iterator[tuple[str, int, int]]:
    """(relative path, size, mtime_ns) of every article file, in listing order: one scandir
    walk, the cheapest way to learn that nothing changed. Yielded as the folder is read,
    never held: memory stays flat however many files a folder has (a folder's files kept
    as tuples took 20 MB at 100,000). A file or folder the walk cannot list as it should
    (a link loop, a link leaving the corpus, a name that is not UTF-8, a path too long to
    open, an unreadable folder) is listed with a negative size: see `listing_problem`."""
    if not root.is_dir():
        raise CorpusError(f"corpus folder not found: {root}")
    top = str(root)
    inside = os.path.join(os.path.realpath(top), "")
    stack = [(top, "")]
    while stack:
        folder, prefix = stack.pop()
        folders: list[str] = []
        yield from _scan_folder(folder, prefix, folders, inside)
        stack.extend((os.path.join(folder, name), f"{prefix}{name}/") for name in folders
                     if not _page_assets(folder, name))


_SCAN_BY_FD = os.scandir in os.supports_fd
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)


def _scan_folder(folder: str, prefix: str, folders: list[str], inside: str
                 ) -> Iterator[tuple[str, int, int]]:
    """The article files of one folder as it lists them; its subfolders' names go into
    `folders`. A folder that cannot be read is listed as one problem (`prefix`, ending in
    '/'); the corpus folder itself is a CorpusError."""
    fd = None
    try:
        # By descriptor where the OS allows it: each stat then looks a name up in the open
        # folder instead of walking the whole path again (a tenth less time at 100,000
        # files). Entries stat through it: it stays open while they are read.
        if _SCAN_BY_FD:
            fd = os.open(folder, _FOLDER_FLAGS)
        entries = os.scandir(folder if fd is None else fd)
    except OSError as err:
        if fd is not None:
            os.close(fd)
        if not prefix:
            raise CorpusError(f"cannot read the corpus folder {folder}:"
                              f" {err.strerror or err}") from None
        yield prefix, _failed(err), 0
        return
    # Bytes left for a name under this folder before a path is too long to open: the
    # names are measured only near the limit.
    room = PATH_MAX - len(os.fsencode(folder)) - 2
    try:  # iterated, not listed: a folder's entries held whole take about 1 kB a file
        with entries:
            for entry in entries:
                name = entry.name
                if name[0] == ".":
                    continue
                try:
                    listed = _listed(entry, folder, prefix, folders, inside, room)
                except OSError as err:  # it is there, but cannot be looked at
                    listed = None
                    if name.lower().endswith(SUFFIXES):
                        listed = prefix + _shown(folder, name), _failed(err), 0
                if listed is not None:
                    yield listed
    finally:  # also when the caller stops early (the generator is closed)
        if fd is not None:
            os.close(fd)


def _listed(entry: os.DirEntry[str], folder: str, prefix: str, folders: list[str],
            inside: str, room: int) -> tuple[str, int, int] | None:
    """What the walk lists for one entry of a folder (None: nothing); a subfolder's name
    goes into `folders`. Links to folders are never followed (no loops); a link to a file
    is followed only while it stays inside the corpus."""
    name = entry.name
    if entry.is_dir(follow_symlinks=False):
        if _decodable(name):
            folders.append(name)
            return None
        return prefix + _shown(folder, name) + "/", UNDECODABLE_NAME, _lstat_mtime(entry)
    if not name.lower().endswith(SUFFIXES):
        return None
    if not _decodable(name):
        return prefix + _shown(folder, name), UNDECODABLE_NAME, _lstat_mtime(entry)
    if room < NAME_MAX and len(os.fsencode(name)) > room:
        return prefix + name, ERRNO_BASE - errno.ENAMETOOLONG, _lstat_mtime(entry)
    if entry.is_symlink():
        problem = _link_problem(os.path.join(folder, name), inside)
        if problem is not None:
            return prefix + name, problem, _lstat_mtime(entry)
    if not entry.is_file():
        if entry.is_dir():
            return None  # a link to a folder: never followed
        # A pipe or a device named like an article: reading it could block or never end.
        return prefix + name, NOT_A_FILE, _lstat_mtime(entry)
    try:
        st = entry.stat()
    except FileNotFoundError:
        return None  # deleted since the folder was listed: it is not there
    return prefix + name, st.st_size, st.st_mtime_ns


def _link_problem(path: str, inside: str) -> int | None:
    """Why a symbolic link to a file is not followed (as a listed size), or None: a loop, a
    missing target, or a target outside the corpus (`passwd.txt -> /etc/passwd` must not
    put a system file into a brief)."""
    try:
        target = os.path.realpath(path, strict=True)
    except OSError as err:
        return _failed(err)
    return None if target.startswith(inside) else OUTSIDE_LINK


def _failed(err: OSError) -> int:
    """A failed system call, as the walk lists it."""
    return ERRNO_BASE - (err.errno or errno.EIO)


def _lstat_mtime(entry: os.DirEntry[str]) -> int:
    """The entry's own mtime (a link's, not its target's): its change is seen by the next
    walk. 0 when even that cannot be read."""
    try:
        return entry.stat(follow_symlinks=False).st_mtime_ns
    except OSError:
        return 0


def _decodable(name: str) -> bool:
    """Whether a listed name is text: the system gives bytes that are not UTF-8 as lone
    surrogates (surrogateescape), which no SQLite text, terminal or JSON can carry."""
    if name.isascii():
        return True
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(folder: str, name: str) -> str:
    """A name as it is listed: its bytes that are not UTF-8 as \\x escapes ("caf\\xe9.txt").
    Made unique in its folder, should another file really be called that."""
    shown = os.fsencode(name).decode("utf-8", "backslashreplace")
    if shown == name:
        return name
    while os.path.lexists(os.path.join(folder, shown)):
        shown += "~"
    return shown


def _page_assets(folder: str, name: str) -> bool:
    """`page_files/`: the folder a browser's "Save page as" writes beside `page.html`
    (scripts, styles, images, frames). It is part of the page, never a source. Looked up
    by name (rare), so that the scan need not remember every name it lists."""
    if not name.endswith("_files"):
        return False
    stem = name[:-len("_files")]
    return any(os.path.lexists(os.path.join(folder, f"{stem}{suffix}"))
               for suffix in HTML_SUFFIXES)


def relative_key(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()
