"""Reading a corpus: files on disk -> `Source`s and the text blocks worth reading.

A file is decoded, its front matter (if any) parsed, and its body cut into blocks
(headings, paragraphs, list items) with their character offsets in the decoded text, so
every fact can later be cited by its exact span. Boilerplate (breadcrumbs, ads, "Related",
"Leave a Reply", ...) is dropped here, once, so extraction only sees article text.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from briefing import cues
from briefing.dates import date_line, date_line_publisher, in_year_of, parse_date
from briefing.errors import OWN_BRIEF, CorpusError
from briefing.extract.sentences import leads_a_list
from briefing.extract.text import collapse
from briefing.ingest.date_lines import date_only_match
from briefing.ingest.decoding import decode
from briefing.ingest.formats import HTML_SUFFIXES, PDF_SUFFIXES, Reading, read_formatted
from briefing.ingest.formats.normalise import clean_text
from briefing.ingest.urls import clean_url, url_host
from briefing.model import Source
from briefing.yamlio import YAMLError, load_yaml

TEXT_SUFFIXES = (".txt", ".md")
SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, *PDF_SUFFIXES)
#: What `briefing add` writes beside a fetched file: where and when it came from.
SIDECAR = ".fetch.json"
BlockKind = Literal["heading", "paragraph", "item"]


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    start: int
    end: int
    """`[start, end)` in the decoded text of the file."""


@dataclass(frozen=True, slots=True)
class Article:
    """One article's source and its blocks; `text` is the whole decoded file."""

    source: Source
    text: str
    blocks: tuple[Block, ...]
    excerpt: bool = False
    """The text is a teaser (front-matter excerpt): its last sentence may be cut off."""
    place: str | None = None
    """The place of a wire dateline ("SEOUL, Feb 17 (Reuters) -"), a hint of the subject."""


@dataclass(frozen=True, slots=True)
class Document:
    """What one file yields: its own article (if it has text) and any related ones it carries."""

    path: str
    sha256: str
    articles: tuple[Article, ...]
    warnings: tuple[str, ...] = ()


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


# --------------------------------------------------------------------------- front matter

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)---[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, int]:
    """The parsed front matter (or None) and the offset where the body starts."""
    m = _FRONT.match(text)
    if not m:
        if text.startswith("---\n") or text.startswith("---\r\n"):
            raise CorpusError("malformed front matter: no closing '---' line")
        return None, 0
    block = m.group(1)
    items = block.count("\n") + block.count(",")
    if items > FRONT_MATTER_MAX_ITEMS:
        raise CorpusError(f"front matter too long to read: {items:,} lines and commas, over"
                          f" {FRONT_MATTER_MAX_ITEMS:,}")
    try:
        meta = _front_matter_fields(block)
    except YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(err, "problem", None) or "invalid YAML"
        raise CorpusError(f"malformed front matter{where}: {problem}") from None
    except RecursionError:
        raise CorpusError("malformed front matter: nested too deeply") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise CorpusError("malformed front matter: expected 'key: value' fields")
    return meta, m.end()


#: Lines and commas a front matter may have: YAML takes up to 40 µs a value, and a 9 MB
#: block of 400,000 short fields took 89 s and 1.5 GB (a long value costs little: a 5 MB
#: title reads in a tenth of a second). A real one has tens of lines.
FRONT_MATTER_MAX_ITEMS = 20_000


def _front_matter_fields(block: str) -> Any:
    """The YAML of a front matter. A value YAML reads as a date, time or number but that is
    none ("date: 2026-02-30", "!!int 0xZZ") stops the whole block: it is read again with
    every value as plain text, so that only that value is lost (no date is found in it)."""
    try:
        return load_yaml(block, untrusted=True)
    except (ValueError, OverflowError, TypeError):
        import yaml

        return yaml.load(block, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))


#: A front-matter value longer than this is no URL, date or publisher's name: it is ignored
#: as a malformed one is. A title is cut to TITLE_MAX_CHARS instead (a 5 MB title made every
#: `briefing sources` take two minutes to lay out).
FIELD_MAX_CHARS = 4_000
TITLE_MAX_CHARS = 300
#: Related articles read from one file's front matter, at most.
RELATED_MAX = 100


def _first(meta: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        value = meta.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _text(value: Any) -> str | None:
    """A field's value on one line; None for none, or one too long to be a field's."""
    if value in (None, ""):
        return None
    text = str(value)
    # A field reaches the brief, its facts.json and an email: never a control character.
    return " ".join(clean_text(text).split()) or None if len(text) <= FIELD_MAX_CHARS else None


def _title(value: Any) -> str | None:
    """A title field's value on one line, cut to TITLE_MAX_CHARS."""
    if value in (None, ""):
        return None
    return bounded_title(" ".join(clean_text(str(value)[:TITLE_MAX_CHARS * 4]).split())) or None


def bounded_title(title: str) -> str:
    """A title no longer than TITLE_MAX_CHARS: cut at a word, with an ellipsis."""
    if len(title) <= TITLE_MAX_CHARS:
        return title
    cut = title[:TITLE_MAX_CHARS - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > TITLE_MAX_CHARS // 2 else cut).rstrip() + "…"


def meta_date(meta: dict[str, Any]) -> str | None:
    value = _first(meta, "publishedDateTime", "published_at", "datePublished", "date",
                   "pubDate", "published", "publishedAt", "created")
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and len(value) <= FIELD_MAX_CHARS:
        return parse_date(value)
    return None  # e.g. `published: false` is a flag, not a date


def meta_publisher(meta: dict[str, Any], url: str | None) -> str | None:
    provider = meta.get("provider")
    if isinstance(provider, dict):
        name = _text(provider.get("name")) or _text(provider.get("domain"))
        if name:
            return name
    elif isinstance(provider, str) and provider.strip():
        return _text(provider)
    name = _first(meta, "publisher", "site_name", "siteName", "source", "outlet")
    if isinstance(name, dict):
        name = name.get("name")
    return (_text(name) if isinstance(name, str) else None) or url_host(url)


def meta_url(meta: dict[str, Any]) -> str | None:
    value = _first(meta, "originalUrl", "url", "webUrl", "canonical", "link", "source_url")
    return clean_url(value) if isinstance(value, str) else None


# --------------------------------------------------------------------------- dates
# Found and read in `briefing.dates` (a leaf the format readers import too); `parse_date`
# and `date_line` stay importable from here.

#: Front-matter fields that say when a file was saved, not published: no date for the
#: source, but the year of a wire dateline that gives none ("SEOUL, March 4 (Reuters) -").
#: `fetched_at` is what `briefing add` writes in its sidecar.
_SAVED_KEYS = ("fetched_at", "fetched", "retrieved", "accessed", "saved")


def _dateline_day(header: Header, meta: dict[str, Any], path: Path) -> str | None:
    """A year-less dateline's day, in the year of the file's own date: its front matter's,
    else when `briefing add` fetched it (read only when a dateline needs it)."""
    if header.yearless is None:
        return None
    saved = _text(_first(meta, *_SAVED_KEYS))
    reference = meta_date(meta) or (parse_date(saved) if saved else None) or fetched_date(path)
    return in_year_of(header.yearless, reference) if reference else None


# --------------------------------------------------------------------------- boilerplate
# What site furniture looks like is data in `cues` (FURNITURE and its neighbours); here it
# is applied to every line of a body, wherever the line sits: at the top, between two
# paragraphs or at the end. A dropped line never shifts the spans of what is kept.


def is_boilerplate(line: str) -> bool:
    """A whole line of site furniture: a cookie notice, a "Related: ..." link, a caption,
    a wire sign-off, a newsletter pitch, an appeal for readers' money, an author's
    disclosure ... (see `cues.FURNITURE`), also in Markdown emphasis ("*This article is
    republished from ...*"); a rule of symbols ("---", "* * *")."""
    stripped = _unemphasised(line.strip())
    size = len(stripped)
    if size > cues.FURNITURE_MAX_CHARS:
        return False  # a paragraph, not a widget: skip the regexes on long lines
    if not stripped[:1].isalnum() and not any(ch.isalnum() for ch in stripped):
        return bool(line.strip())  # a thematic break says nothing
    opener = _opener(stripped)
    if (opener is None or opener in cues.FURNITURE_OPENERS) and cues.FURNITURE.match(stripped):
        return True
    if (opener is None or opener in cues.NOTICE_OPENERS) and cues.NOTICE.match(stripped):
        return True
    if _ends_in_furniture(stripped) or _discloses(stripped) or _notes_the_story(stripped):
        return True
    if size > WIDGET_MAX_CHARS:
        return False  # only a disclaimer, a pitch or a caption is this long
    crumbs = stripped.count(" > ") + stripped.count(" » ") + stripped.count(" › ")
    if crumbs >= 2 or (not stripped.isascii() and cues.AD_SLOT.search(stripped)):
        return True
    words = stripped.split()
    # A token repeated to fill a slot ("X X X") is a placeholder, not text.
    return len(words) > 1 and len(set(words)) == 1


#: Breadcrumbs, ad slots and placeholders are no longer than this.
WIDGET_MAX_CHARS = 200


_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _opener(line: str) -> str | None:
    """A line's first word, lowercased, to tell whether it opens as some furniture does
    (`cues.FURNITURE_OPENERS`, `cues.NOTICE_OPENERS`): about half the lines of news pages
    do not, and skip the patterns (each takes five times as long as this test). None for
    a line opening with no letter, which is always matched against them."""
    if not line[0].isalpha():
        return None
    m = _FIRST_WORD.match(line)
    return m.group().lower() if m is not None else ""


#: Markdown emphasis around a line or paragraph: "*This article ...*", "**Note:** ...",
#: "_Views are personal._". Only for matching: a block's span is trimmed by `_emphasis_off`.
_EMPHASIS_EDGES = "*_"


def _unemphasised(line: str) -> str:
    """The line without the emphasis markers at its edges (for matching it)."""
    if line and (line[0] in _EMPHASIS_EDGES or line[-1] in _EMPHASIS_EDGES):
        return line.strip(_EMPHASIS_EDGES).strip()
    return line


def _discloses(line: str) -> bool:
    """An author's disclosure ("... does not work for, consult, own shares in ...")."""
    return any(hint in line for hint in cues.DISCLOSURE_HINTS) and bool(
        cues.DISCLOSURE.search(line))


def _notes_the_story(line: str) -> bool:
    """A newsroom's note about the story itself: a newsletter promo, a sponsorship
    disclosure, a correction, an interview's editing note (`cues.NOTE_LINE`)."""
    lower = line.lower()
    return any(hint in lower for hint in cues.NOTE_LINE_HINTS) and bool(
        cues.NOTE_LINE.match(line))


def is_story_end(line: str) -> bool:
    """A press release's end mark ("ENDS", "-ENDS-", "###"): notes and contacts follow."""
    return len(line) <= 20 and bool(cues.STORY_END.match(line))


def opens_boilerplate_section(line: str) -> bool:
    """A heading that opens a press release's boilerplate ("Notes to editors", "About
    NITDA", "Media contact"): what follows it, to the next heading of the story, describes
    the organisation or says whom to call."""
    stripped = _unemphasised(_MD_HEADING.sub("", line.strip()))
    return (len(stripped) <= cues.FURNITURE_MAX_CHARS and _is_heading(line)
            and bool(cues.BOILERPLATE_SECTION.match(stripped)))


#: A heading that ends a boilerplate section names a part of the story: at least this many
#: words ("DSIT press office", "Tel: 020 7215 3000" are the section's own lines).
SECTION_HEADING_MIN_WORDS = 4
_CONTACT_BITS = re.compile(r"@|\d{3}|www\.|https?://|:")


def _ends_section(line: str) -> bool:
    """A heading of the story after a boilerplate section: a Markdown heading, or a
    heading-like line of some words that holds no contact details."""
    if _MD_HEADING.match(line):
        return True
    stripped = line.strip()
    return (_is_heading(stripped) and len(stripped.split()) >= SECTION_HEADING_MIN_WORDS
            and _CONTACT_BITS.search(stripped) is None)


def _ends_in_furniture(line: str) -> bool:
    """A line closed by a photo credit or a sign-up prompt is a caption or a pitch."""
    tail = line[-cues.FURNITURE_ENDING_CHARS:]
    lower = tail.lower()
    for hint in cues.FURNITURE_ENDING_HINTS:
        if hint in lower:  # most lines hold none: no regex run at all
            return cues.FURNITURE_ENDING.search(tail) is not None
    return False


def is_tail_marker(line: str) -> bool:
    return bool(cues.FURNITURE_TAIL.match(_unemphasised(line.strip())))


def is_closing_furniture(line: str) -> bool:
    """A note about the writer ("Jane Doe is a reporter covering ...", "Jane Doe receives
    funding from ..."): furniture where a story ends, so only trailing blocks are tested
    with it."""
    stripped = _unemphasised(line.strip())
    return len(stripped) <= cues.FURNITURE_MAX_CHARS and bool(
        cues.FURNITURE_CLOSING.match(stripped))


def _glued_sign_off(text: str, start: int, end: int) -> int:
    """Where a sign-off glued to the end of a paragraph begins ("... on Tuesday. (Reporting
    by Ana Perez; Editing by Tom Smith)"), else `end`: the block then ends before it."""
    if end <= start or text[end - 1] not in ").]":
        return end
    at = max(text.rfind("(", start, end), text.rfind("[", start, end))
    if at <= start or not cues.GLUED_SIGN_OFF.fullmatch(text, at, end):
        return end
    while at > start and text[at - 1].isspace():
        at -= 1
    return at


#: A note glued to the end of a paragraph is its last sentence, no longer than this.
GLUED_NOTE_MAX_CHARS = 200
_SENTENCE_START = re.compile(r"[.!?…][\"'”’)\]»]*\s+(?=[\"“‘(]?[A-Z])")


def _glued_note(text: str, start: int, end: int) -> int:
    """Where a newsroom's note closing a paragraph begins ("... building its own models. The
    interview has been edited for length and clarity."), else `end`: the block then ends
    before it, and the rest keeps its exact span."""
    tail = text[max(start, end - GLUED_NOTE_MAX_CHARS):end].lower()
    if not any(hint in tail for hint in cues.NOTE_LINE_HINTS):
        return end  # most paragraphs: no pattern is run
    last = None
    for m in _SENTENCE_START.finditer(text, max(start, end - GLUED_NOTE_MAX_CHARS), end):
        last = m
    if last is None or not _notes_the_story(text[last.end():end]):
        return end
    return _stop_end(last)


def _stop_end(m: re.Match[str]) -> int:
    """Where the sentence a `_SENTENCE_START` match closes ends: after its stop and closers."""
    return m.start() + len(m.group().rstrip())


def _drop_closing(text: str, blocks: list[Block]) -> list[Block]:
    """The blocks less the notes about the writer that end them."""
    while blocks and is_closing_furniture(collapse(text[blocks[-1].start:blocks[-1].end])):
        blocks.pop()
    return blocks


def is_appeal(line: str) -> bool:
    """A line of an appeal for readers' money ("Support us from as little as £1", "... we
    have a small favour to ask"): furniture that marks a box of them."""
    stripped = _unemphasised(line.strip())
    return bool(cues.APPEAL_LINE.match(stripped) or cues.APPEAL.search(stripped.lower()))


def _drop_appeals(text: str, blocks: list[Block], dropped: list[int]) -> list[Block]:
    """The blocks less any appeal for readers' money: a paragraph that says one of
    `cues.APPEAL` ("You've read 7 articles ...", "... we have a small favour to ask"),
    and the short lines around it, or around an appeal line already dropped as furniture
    (before `blocks[n]` for each n of `dropped`), that speak to the reader ("Millions turn
    to us every day.", "It only takes a minute. Thank you."): they come in the same box."""
    appeals = {n for n, b in enumerate(blocks) if b.kind != "heading" and _says_appeal(text, b)}
    if not appeals and not dropped:
        return blocks
    # (first block before, first block after) each appeal
    edges = [(n - 1, n + 1) for n in sorted(appeals)] + [(n - 1, n) for n in dropped]
    for before, after in edges:
        for n, step in ((before, -1), (after, 1)):
            while (0 <= n < len(blocks) and n not in appeals
                   and _speaks_to_reader(text[blocks[n].start:blocks[n].end])):
                appeals.add(n)
                n += step
    return [b for n, b in enumerate(blocks) if n not in appeals]


def _says_appeal(text: str, block: Block) -> bool:
    """A paragraph holding a sentence of `cues.APPEAL`; most hold none of its hints."""
    if block.end - block.start > cues.APPEAL_MAX_CHARS:
        return False
    lower = text[block.start:block.end].lower()
    return any(hint in lower for hint in cues.APPEAL_HINTS) and bool(
        cues.APPEAL.search(collapse(lower)))


def _speaks_to_reader(chunk: str) -> bool:
    """A short line addressed to the reader, quoting no one: an appeal's neighbour."""
    return (len(chunk) <= cues.APPEAL_NEIGHBOUR_MAX_CHARS
            and not any(q in chunk for q in '"“”«»')
            and bool(cues.APPEAL_NEIGHBOUR.search(chunk.lower())))


# --------------------------------------------------------------------------- the headline
# A page's headline is its title, never a fact: trafilatura may return the title again as
# the first line, a page may repeat it as an <h1>/<h2> inside the article, and a text file
# with front matter may start with it too.

_NOT_WORD = re.compile(r"[\W_]+")
#: How alike (0-1, Indel) a block must be to the title to be the title again
#: ("data centres" and "data centers", a dropped "the").
HEADLINE_SIMILARITY = 0.9
#: Words a page may add after its headline in a <title>: " | Example News - Technology".
SITE_SUFFIX_WORDS = 6


def _headline_key(line: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", line.casefold()).split())


def same_headline(line: str, title: str) -> bool:
    """`line` is `title` again: the same words once case and punctuation are set aside,
    nearly so, or the title is the line followed by a site name ("Title | Site")."""
    a, b = _headline_key(line), _headline_key(title)
    if not a or not b:
        return False
    if a == b:
        return True
    words = a.count(" ") + 1
    if words < TITLE_MIN_WORDS:
        return False
    if b.startswith(a + " ") and b.count(" ") + 1 - words <= SITE_SUFFIX_WORDS:
        return True
    from rapidfuzz.distance import Indel

    return bool(Indel.normalized_similarity(a, b) >= HEADLINE_SIMILARITY)


def without_title(text: str, blocks: list[Block], title: str | None) -> list[Block]:
    """The blocks less those that repeat the source's title: it is metadata, not a fact,
    and not a section either."""
    if not title:
        return blocks
    size, slack = len(title), max(24, len(title) // 3)
    return [b for b in blocks
            if abs(b.end - b.start - size) > slack
            or not same_headline(text[b.start:b.end], title)]


# --------------------------------------------------------------------------- blocks

_ITEM = re.compile(r"^\s*(?:[-*•·▪●–—]|\d{1,3}[.)])\s+(?=\S)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# A numbered line ("2. Talent and training") is a report's section heading when it reads as
# one (short, no full stop) and is not part of a numbered list: a list's next item carries
# the next number ("1. Compute" then "2. Talent"), so that makes the first an item again.
_NUMBERED = re.compile(r"\s*(\d{1,3})\.\s+")
_TERMINAL = ('.', '!', '?', '…', '"', '”', '’', "'", ')', '»', '。', '！', '？')
#: How a line cut mid-sentence by its layout ends ("NIS 120 million is earmarked for this
#: initiative," above a heading).
_CUT_BY_LAYOUT = (",", ";")


def _line_spans(text: str, start: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of text[start:], without its line break."""
    pos = start
    for line in text[start:].splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, pos + len(body)
        pos += len(line)


# A Markdown blockquote's marker at a line's start ("> **We will build ...**").
_QUOTE_MARK = re.compile(r">+[ \t]*(?=\S)")

# ---- Markdown that lost its line breaks: an article saved as one line, its block markers
# inline ("... said. ## Funding NIS 120 million is ... > **\"We will,\" she said.** * Compute
# for research * Talent"). Only markers no sentence writes are read: a heading's hashes, a
# blockquote's ">" after a sentence's end and before a capital, a quote or emphasis, and
# a bullet ("*", "•") before a word; never "-" (a dash) or "1." (a number).
_INLINE_MARK = re.compile(
    r"(?<=\S)[ \t]+(?P<heading>#{2,6}(?=[ \t]+[A-Z0-9\"“‘*_])|#(?=[ \t]+[A-Z\"“‘*_]))[ \t]+"
    r"|(?<=[.!?…:\"”’)*])[ \t]+(?P<quote>>)[ \t]+(?=[A-Z\"“‘*_])"
    r"|(?<=\S)[ \t]+(?P<item>\*|•)[ \t]+(?=\w)")
_FLAT_HASHES = re.compile(r"#{1,6}[ \t]+")
#: A line is cut at its quote and bullet markers only when it is at least this long (a
#: paragraph of several sentences, not an item of its own); a heading's marker inside a line
#: cuts it whatever its length ("# Title ## Overview Kenya approved ...").
FLAT_LINE_MIN_CHARS = 200
#: A flattened heading is at most this many words: past them, the text is prose.
FLAT_HEADING_MAX_WORDS = 12
_FLAT_WORD = re.compile(r"\S+")
# Bold that closes a flattened blockquote: "> **\"…,\" she said.** The policy …".
_BOLD_CLOSE = re.compile(r"(?<=[.!?…\"”’])\*\*(?=[ \t])")


def _line_pieces(text: str, start: int) -> Iterator[tuple[int, int, bool]]:
    """(start, end, fresh) of each line of text[start:], a flattened Markdown line cut into
    the blocks its inline markers start (`fresh`: a marker, or the end of a flattened
    heading or quote, starts it, so it never goes on the block before)."""
    for s, e in _line_spans(text, start):
        line = text[s:e]
        # The cheap test, four scans in C: most lines have none of the marker characters.
        if "#" not in line and ">" not in line and "*" not in line and "•" not in line:
            yield s, e, False
            continue
        marks = list(_INLINE_MARK.finditer(text, s, e))
        if not any(m["heading"] for m in marks) and (len(marks) < 2
                                                     or e - s < FLAT_LINE_MIN_CHARS):
            yield s, e, False  # one bullet or quote mark, or a short line: prose after all
            continue
        cuts = [s, *(m.start(m.lastgroup or 0) for m in marks), e]
        for n, (a, b) in enumerate(pairwise(cuts)):
            yield from _flat_piece(text, a, b, fresh=n > 0)


def _flat_piece(text: str, a: int, b: int, fresh: bool) -> Iterator[tuple[int, int, bool]]:
    """One piece of a flattened line: a heading's or a bold quote's text, then the prose
    that follows it on the same piece, as separate pieces."""
    hashes = _FLAT_HASHES.match(text, a, b)
    if hashes is not None:
        end = _flat_heading_end(text, hashes.end(), b)
        if end is None:  # no heading's end to be seen: the text after the marker is prose
            yield hashes.end(), b, True
            return
        yield a, end, fresh
        a, fresh = end, True
    elif (quoted := _QUOTE_MARK.match(text, a, b)) and text.startswith("**", quoted.end()):
        closing = _BOLD_CLOSE.search(text, quoted.end(), b)
        if closing is not None:
            yield a, closing.end(), fresh
            a, fresh = closing.end(), True
    if text[a:b].strip():
        yield a, b, fresh


def _flat_heading_end(text: str, start: int, end: int) -> int | None:
    """Where a flattened heading's text that starts at `start` ends: at the piece's end if
    the piece is short and ends as a heading does (no stop, comma or other lead-on: "## Key
    Pillars Of The Plan" before a list), else before the first capitalised word (after its
    first) that starts a sentence, its next word in lower case or a number ("## Next steps
    The ministry will", "## Funding NIS 120 million is"), or a quote."""
    words = [(m.start(), m.group()) for m in _FLAT_WORD.finditer(text, start, end)]
    last = words[-1][1][-1:] if words else ""
    if (len(words) <= FLAT_HEADING_MAX_WORDS and last not in _STOPS
            and last not in _LEADS_ON and not _INNER_STOP.search(text, start, end)):
        return end
    for n in range(1, min(len(words) - 1, FLAT_HEADING_MAX_WORDS + 1)):
        word = words[n][1]
        after = words[n + 1][1][:1]
        if word[:1] in "\"“‘" or (word[:1].isupper() and (after.islower() or after.isdigit())):
            return words[n - 1][0] + len(words[n - 1][1])
    return None


def _is_heading(line: str) -> bool:
    line = line.strip()
    if _MD_HEADING.match(line):
        return True
    words = line.split()
    if line.endswith(":"):
        return len(words) <= 12 and not leads_a_list(line)
    if line.endswith(_TERMINAL + _CUT_BY_LAYOUT) or len(words) > 20:
        return False  # a line that ends on a comma is a sentence its layout cut, no heading
    # Short lines without a full stop read as headings; longer ones must look Title Case.
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return len(words) <= 8 or capitalised >= 0.6 * max(len(long_words), 1)


#: A hard-wrapped line is no longer than this (text wrapped at 72-120 columns, a PDF's printed
#: line). A longer line is a paragraph written on one line: when it ends on a comma ("NIS 120
#: million is earmarked for this initiative,") and a capitalised line follows ("How will the
#: program work?"), that line is a new block (a heading), not the rest of its sentence.
WRAPPED_LINE_MAX_CHARS = 200


def _continues(prev: str, line: str) -> bool:
    """A hard-wrapped paragraph: the previous line stops mid-sentence and this one goes on."""
    if not prev or prev.rstrip().endswith(_TERMINAL) or _ITEM.match(line):
        return False
    first = line.lstrip()[:1]
    return first.islower() or (60 <= len(prev) <= WRAPPED_LINE_MAX_CHARS
                               and not _is_heading(prev))


def body_blocks(text: str, start: int) -> list[Block]:
    """Blocks of the body from `start` (`read_header` then takes the metadata off the top)."""
    blocks: list[Block] = []
    prev_text = ""
    numbered: tuple[int, int, int] | None = None  # (block, its number, where its text starts)
    appeals: list[int] = []  # where an appeal line was dropped: before blocks[n]
    in_notes = False  # inside a boilerplate section ("Notes to editors", "About NITDA")
    for s, e, fresh in _line_pieces(text, start):
        line = text[s:e]
        if fresh or not line.strip():
            prev_text = ""  # a Markdown marker started this piece: it never goes on a block
        if not line.strip():
            continue
        if is_tail_marker(line):
            break
        if is_story_end(line) and any(b.kind != "heading" for b in blocks):
            break  # "-ENDS-": the rest is notes to editors and contacts
        if opens_boilerplate_section(line) and not _continues(prev_text, line):
            in_notes, prev_text = True, ""
            continue
        if in_notes:
            if not _ends_section(line):
                continue
            in_notes = False
        # A lowercase line that goes on with a hard-wrapped sentence is never furniture.
        wrapped = line.lstrip()[:1].islower() and _continues(prev_text, line)
        if not wrapped and is_boilerplate(line):
            if is_appeal(line):
                appeals.append(len(blocks))
            prev_text = ""
            continue
        s += len(line) - len(line.lstrip())
        if quoted := _QUOTE_MARK.match(text, s, e):
            s, line = quoted.end(), text[quoted.end():e]  # "> " is Markdown, not the quote
        e = _glued_sign_off(text, s, e - (len(line) - len(line.rstrip())))
        e = _glued_note(text, s, e)
        # The body's first line is never wrapped onto by a capitalised one: it is a headline.
        if (blocks and blocks[-1].kind == "paragraph" and _continues(prev_text, line)
                and (len(blocks) > 1 or line.lstrip()[:1].islower())):
            blocks[-1] = Block("paragraph", blocks[-1].start, e)
        elif item := _ITEM.match(text[s:e]):
            number = _NUMBERED.match(text, s)
            if (numbered is not None and number is not None and numbered[0] == len(blocks) - 1
                    and int(number[1]) == numbered[1] + 1):
                blocks[-1] = Block("item", numbered[2], blocks[-1].end)  # a list after all
            if (number is not None and _is_heading(text[number.end():e])
                    and not (blocks and blocks[-1].kind == "item")):
                numbered = (len(blocks), int(number[1]), number.end())
                blocks.append(Block("heading", s, e))
            else:
                blocks.append(Block("item", s + item.end(), e))
        elif _is_heading(line):
            blocks.append(Block("heading", s, e))
        else:
            blocks.append(Block("paragraph", s, e))
        prev_text = line
    blocks = [_emphasis_off(text, b) for b in blocks]
    return _drop_closing(text, _drop_appeals(text, _labels_as_headings(text, blocks), appeals))


# Markdown emphasis wrapping a whole block: "*This article ...*", "**Key points**", "_A note._"
_EMPHASIS_OPEN = re.compile(r"(\*{1,3}|_{1,3})(?=[^\s*_])")
_EMPHASIS_CLOSE = re.compile(r"(?<=[^\s*_])(\*{1,3}|_{1,3})\Z")


def _emphasis_off(text: str, block: Block) -> Block:
    """The block less the emphasis markers that wrap it, so a quote of it shows none: its
    span starts after the opening marker and ends before the closing one (the same one)."""
    if text[block.start] not in _EMPHASIS_EDGES:
        return block  # most blocks: no pattern is run
    opening = _EMPHASIS_OPEN.match(text, block.start, block.end)
    if opening is None:
        return block
    closing = _EMPHASIS_CLOSE.search(text, opening.end(), block.end)
    if closing is None or closing[1] != opening[1]:
        return block
    return Block(block.kind, opening.end(), closing.start())


# A sentence's end: its stop, then any closing quotes, brackets or emphasis.
_STOPS = frozenset(".!?…。！？")
_CLOSERS = "\"'”’)]»*_"
# A stop that ends one sentence and another that starts after it, inside a block.
_INNER_STOP = re.compile(r"[.!?…][\"'”’)\]»]*\s+[\"“‘(]?[A-Z0-9]")
# A block that ends like this is cut mid-sentence or leads in to what follows: no label.
_LEADS_ON = (":", ";", ",", "-", "–", "—", "(")


#: A label is at least this many words: a shorter line is never a statement anyway (the
#: extractor's MIN_WORDS) and stays what it was ("Mark Cooper (3280 articles)").
LABEL_MIN_WORDS = 5
#: A deck or caption is no longer than a headline may be: a longer block without a stop is
#: prose cut short (the last paragraph of a teaser cut mid-sentence), still read for facts.
LABEL_MAX_WORDS = 22


def _labels_as_headings(text: str, blocks: list[Block]) -> list[Block]:
    """Paragraphs with no sentence-final punctuation made headings: a standalone line of one
    sentence without a stop is a deck under a headline ("Seoul wants universities to stop
    queuing for chips"), a caption, a chart's title or a label, not a statement. List items
    keep facts without full stops; a block of several sentences is prose that lost its
    last stop, and so is a block longer than LABEL_MAX_WORDS."""
    return [Block("heading", b.start, b.end)
            if b.kind == "paragraph" and _is_label(text, b) else b
            for b in blocks]


def _is_label(text: str, block: Block) -> bool:
    ending = text[max(block.start, block.end - 12):block.end]
    last = ending.rstrip(_CLOSERS)[-1:]
    if last in _STOPS or ending.endswith(_LEADS_ON):
        return False  # most paragraphs: no pattern is run
    words = len(text[block.start:block.end].split())
    return (LABEL_MIN_WORDS <= words <= LABEL_MAX_WORDS
            and _INNER_STOP.search(text, block.start, block.end) is None)


# --------------------------------------------------------------------------- documents


def read_document(root: Path, path: Path) -> Document:
    """Read one corpus file. Raises CorpusError with a one-line reason for a bad file."""
    rel = relative_key(root, path)
    try:
        data = _read_bytes(path, rel)
    except OSError as err:
        raise CorpusError(f"cannot read: {err.strerror or err}") from None
    sha = hashlib.sha256(data).hexdigest()
    reading = read_formatted(rel, data)
    if reading is not None:
        return _formatted_document(rel, sha, reading, path)
    text, warnings = decode(data)
    if _OWN_BRIEF.search(text):
        raise CorpusError(OWN_BRIEF)
    meta, body_start = split_front_matter(text)
    articles: list[Article] = []
    main = _main_article(rel, sha, text, meta or {}, body_start, path)
    if main is not None:
        articles.append(main)
    articles.extend(_related_articles(rel, sha, text, meta or {}))
    if not articles:
        raise CorpusError("no article text found")
    return Document(rel, sha, tuple(articles), warnings)


#: The line that opens the Method of every Markdown brief (templates/brief.md.j2).
_OWN_BRIEF = re.compile(
    r"^This brief is extractive: every statement above is a sentence quoted from the cited"
    r" source", re.M)


#: Tags a page may have. trafilatura takes about a tenth of a millisecond a tag (a page of
#: 100,000 table cells and rows, 1.4 MB, took 12 s; 300,000 took 38 s), and a long news
#: page has a few thousand.
HTML_MAX_TAGS = 100_000
_TAG = re.compile(rb"<[A-Za-z]")


def _read_bytes(path: Path, rel: str) -> bytes:
    """A file's bytes, no further than the size limit for its kind should it have grown
    since the walk measured it, and a page with no more than HTML_MAX_TAGS tags."""
    with path.open("rb") as file:
        limit = size_limit(rel)
        if limit is None:
            return file.read()
        data = file.read(limit + 1)
        if len(data) > limit:
            raise CorpusError(too_large(max(os.fstat(file.fileno()).st_size, len(data)), limit))
    if rel.lower().endswith(HTML_SUFFIXES):
        tags = len(_TAG.findall(data))
        if tags > HTML_MAX_TAGS:
            raise CorpusError(f"too many HTML tags: {tags:,}, over the {HTML_MAX_TAGS:,} limit")
    return data


#: The longest block the extractor is given, in characters. The longest paragraph of the
#: bundled corpus and the dev set has 1,150; parts of the extractor take time with the
#: square of a paragraph's or a sentence's length (a one-line 9 MB file did not finish in
#: seven minutes). A longer block is cut into pieces at sentence ends (else at a space).
BLOCK_MAX_CHARS = 5_000
# A sentence's end inside a block: its stop, any closing quotes or brackets, then a space.
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]»]*\s+")


def bounded_blocks(text: str, blocks: list[Block]) -> list[Block]:
    """The blocks, each one longer than BLOCK_MAX_CHARS cut into pieces of the same kind."""
    if all(b.end - b.start <= BLOCK_MAX_CHARS for b in blocks):
        return blocks
    out: list[Block] = []
    for block in blocks:
        start = block.start
        while block.end - start > BLOCK_MAX_CHARS:
            end, after = _piece_end(text, start, start + BLOCK_MAX_CHARS)
            out.append(Block(block.kind, start, end))
            start = after
        out.append(Block(block.kind, start, block.end))
    return out


def _piece_end(text: str, start: int, limit: int) -> tuple[int, int]:
    """Where a piece of text[start:limit] ends, and where the next one starts: after its
    last sentence end, else at its last space, else at `limit`."""
    stop = _last_match(_SENTENCE_END, text, start, limit)
    if stop is not None:
        return stop.start() + len(stop[0].rstrip()), stop.end()
    space = _last_match(_SPACE_RUN, text, start + 1, limit)
    if space is not None:
        return space.start(), space.end()
    return limit, limit


def _last_match(pattern: re.Pattern[str], text: str, start: int, end: int
                ) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text, start, end):  # noqa: B007  # the last one is kept
        pass
    return found


#: Pages and reports read lately, by (path, sha256): the TUI shows the paragraph around one
#: fact after another, and re-reading a 200-page report for each would take seconds.
_READINGS: OrderedDict[tuple[str, str], Reading] = OrderedDict()
_READINGS_LOCK = threading.Lock()
READINGS_KEPT = 8


def document_text(rel: str, data: bytes) -> tuple[str, Reading | None]:
    """The text a file's spans point into: the decoded file, or what a reader extracted
    from a page or report. CorpusError when it cannot be read."""
    if rel.lower().endswith(TEXT_SUFFIXES):
        return decode(data)[0], None
    key = (rel, hashlib.sha256(data).hexdigest())
    with _READINGS_LOCK:
        if key in _READINGS:
            _READINGS.move_to_end(key)
            return _READINGS[key].text, _READINGS[key]
    reading = read_formatted(rel, data)
    assert reading is not None  # not a text file
    with _READINGS_LOCK:
        _READINGS[key] = reading
        while len(_READINGS) > READINGS_KEPT:
            _READINGS.popitem(last=False)
    return reading.text, reading


def fetched_url(path: Path) -> str | None:
    """The URL `briefing add` fetched a file from, from its sidecar (None without one)."""
    import json

    try:
        record = json.loads(path.with_name(path.name + SIDECAR).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    url = record.get("url") if isinstance(record, dict) else None
    return clean_url(url) if isinstance(url, str) else None


def fetched_date(path: Path) -> str | None:
    """The day `briefing add` fetched a file (ISO, from its sidecar's `fetched_at`), or None."""
    import json

    try:
        record = json.loads(path.with_name(path.name + SIDECAR).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    when = record.get("fetched_at") if isinstance(record, dict) else None
    return parse_date(when) if isinstance(when, str) else None


def _formatted_document(rel: str, sha: str, reading: Reading, path: Path) -> Document:
    """A page or report as one article: metadata from the file, blocks from its text."""
    blocks = bounded_blocks(reading.text, body_blocks(reading.text, 0))
    header = read_header(reading.text, blocks, need_title=not reading.title)
    kept = without_title(reading.text, header.blocks, reading.title or header.title)
    if not kept:
        raise CorpusError("no article text found")
    # A page `briefing add` fetched is cited by the URL it was fetched from: its own
    # canonical link, <base href> or og:url is only what the page claims to be.
    url = fetched_url(path) or reading.url
    source = Source(
        key=rel, path=rel, title=bounded_title(reading.title or header.title or Path(rel).stem),
        publisher=(reading.publisher or header.issuer or url_host(reading.url) or url_host(url)
                   or header.publisher),
        date=reading.date or header.date or _dateline_day(header, {}, path), url=url,
        sha256=sha,
        extractor=reading.extractor, pages=reading.pages)
    article = Article(source, reading.text, tuple(kept), False, header.place)
    return Document(rel, sha, (article,), reading.warnings)


def _main_article(rel: str, sha: str, text: str, meta: dict[str, Any], body_start: int,
                  path: Path) -> Article | None:
    blocks = bounded_blocks(text, body_blocks(text, body_start))
    url = meta_url(meta)
    title = _title(meta.get("title"))
    header = read_header(text, blocks, need_title=not title)
    title = title or header.title
    blocks = without_title(text, header.blocks, title)
    day = meta_date(meta) or header.date or _dateline_day(header, meta, path)
    excerpt = False
    if not any(b.kind != "heading" for b in blocks) and isinstance(meta.get("excerpt"), str):
        blocks = _locate(text, meta["excerpt"])
        excerpt = True
    if not blocks:
        return None
    source = Source(
        key=rel, path=rel, title=bounded_title(title or Path(rel).stem),
        publisher=(meta_publisher(meta, None) or header.issuer or url_host(url)
                   or header.publisher),
        date=day, url=url, sha256=sha,
    )
    return Article(source, text, tuple(blocks), excerpt, header.place)


# --------------------------------------------------------------------------- the header

#: Blocks looked at for a headline, date line, byline and dateline before the story starts.
HEADER_BLOCKS = 8
#: A headline has at least this many words (shorter top lines are section labels and names).
TITLE_MIN_WORDS = 4
TITLE_MAX_WORDS = 22


@dataclass(frozen=True, slots=True)
class Header:
    """What the top of a body says about the article, and the blocks left for the story."""

    blocks: list[Block]
    title: str | None = None
    date: str | None = None
    place: str | None = None
    publisher: str | None = None
    yearless: str | None = None
    """A wire dateline's date with no year ("March 4"): the file's own date gives the year."""
    issuer: str | None = None
    """The organisation a date line names as the publisher ("Published October 14, 2026 by
    the Pacific Policy Institute"): below the file's own metadata, above its URL's host."""


def read_header(text: str, blocks: list[Block], *, need_title: bool) -> Header:
    """Take the headline, date lines, bylines and wire/site prefixes off the top of a body:
    they are metadata, not facts. A headline is only ever a short, title-like line: a body
    paragraph is never swallowed, and a one-paragraph file stays an article."""
    kept: list[Block] = []
    title = day = place = publisher = yearless = issuer = None
    title_at = _title_index(text, blocks) if need_title else None
    in_header = True
    decks: list[Block] = []  # paragraphs under the headline, before any byline or dateline
    for n, block in enumerate(blocks):
        if not in_header or n >= HEADER_BLOCKS:
            kept.append(block)
            continue
        line = collapse(text[block.start:block.end])
        line_day = date_line(line)
        stamp = None if line_day else date_only_match(line)
        if line_day or stamp or cues.BYLINE.match(line):
            day = day or line_day or parse_date(stamp["date"] if stamp else line)
            issuer = issuer or (date_line_publisher(line) if line_day else None)
            kept = _without_decks(kept, decks)
            continue
        if n == title_at:
            title = " ".join(line.lstrip("#").split())
            continue
        if block.kind == "heading":
            kept.append(block)
            continue
        block, found = _cut_prefixes(text, block)
        day = day or found.get("date")
        place = place or found.get("place")
        publisher = publisher or found.get("publisher")
        yearless = yearless or found.get("yearless")
        if "place" in found:  # a wire or press-release dateline opens the story
            kept = _without_decks(kept, decks)
        if block.end > block.start:
            kept.append(block)
            if title is not None and not found and len(line.split()) <= DECK_MAX_WORDS:
                decks.append(block)
        # The story has begun once a paragraph of prose is read.
        in_header = len(line.split()) < 25 and not found
    return Header(kept, title, day, place, publisher, yearless, issuer)


#: A deck (standfirst) under a headline is no longer than this: a longer block is prose.
DECK_MAX_WORDS = 50


def _without_decks(kept: list[Block], decks: list[Block]) -> list[Block]:
    """The kept blocks less the paragraphs between the headline and a byline, date line or
    dateline: a deck summing up the story ("Paris wants to turn its surplus of power into an
    advantage for AI. Germany, short of power, is watching closely."), not the story, which
    starts after them. `decks` is emptied."""
    if not decks:
        return kept
    gone = {(b.start, b.end) for b in decks}
    decks.clear()
    return [b for b in kept if (b.start, b.end) not in gone]


def _title_index(text: str, blocks: list[Block]) -> int | None:
    """Which top block is the headline: the first title-like line of TITLE_MIN_WORDS or
    more before the story starts (a shorter one only when there is no such line), else none."""
    short = None
    for n, block in enumerate(blocks[:HEADER_BLOCKS]):
        line = collapse(text[block.start:block.end])
        if date_line(line) or date_only_match(line) or cues.BYLINE.match(line):
            continue  # a date line is never a headline
        if _is_title(text, blocks, n):
            if len(line.split()) >= TITLE_MIN_WORDS:
                return n
            short = n if short is None else short
        elif block.kind != "heading" and len(line.split()) >= 25:
            break  # the story has begun
    return short


def _is_title(text: str, blocks: list[Block], n: int) -> bool:
    """A headline: a short heading-like line with body text after it, or a one-sentence line
    ending in a full stop that is followed by a date line or byline (a page's header)."""
    block = blocks[n]
    line = collapse(text[block.start:block.end])
    words = len(line.lstrip("# ").split())
    if n + 1 >= len(blocks) or words > TITLE_MAX_WORDS:
        return False
    capitalised = [w for w in line.split() if w[:1].isupper()]
    if "|" in line and words <= 6 and len(capitalised) == len(
            [w for w in line.split() if w[:1].isalpha()]):
        return False  # "Jane Doe | Reuters": a name or a credit, not a headline
    if not any(b.kind != "heading" for b in blocks[n + 1:]):
        return False  # nothing would be left to read
    if block.kind == "heading" or not line.rstrip("\"'”’)").endswith((".", "。", "…")):
        return True  # a sentence-case headline has no full stop; a lede paragraph does
    if not line.endswith(".") or line.count(". ") or words > 16:
        return False
    after = [collapse(text[b.start:b.end]) for b in blocks[n + 1:n + 4]]
    return any(date_line(a) or date_only_match(a) or cues.BYLINE.match(a) for a in after)


def _cut_prefixes(text: str, block: Block) -> tuple[Block, dict[str, str]]:
    """Cut site names, labelled dates and wire datelines off the start of a block, keeping
    the rest's span exact; what they say (date, place, publisher) is returned."""
    found: dict[str, str] = {}
    start = block.start
    for _ in range(3):
        piece = text[start:block.end]
        m = (cues.SITE_PREFIX.match(piece) or cues.LABEL_DATE.match(piece)
             or cues.DATELINE.match(piece))
        if m is None:
            break
        groups = {k: v for k, v in m.groupdict().items() if v}
        if "date" in groups:
            date = parse_date(groups["date"])
            # "SEOUL, March 4 (Reuters) -": kept for the year the file's own date gives.
            found.setdefault("date" if date else "yearless", date or groups["date"])
        if "place" in groups:
            found.setdefault("place", collapse(groups["place"]))
        if "site" in groups:
            found.setdefault("publisher", groups["site"].lower())
        elif "agency" in groups:
            found.setdefault("publisher", groups["agency"])
        start += m.end()
    return Block(block.kind, start, block.end), found


_SPACE_RUN = re.compile(r"\s+")


def _locate(text: str, snippet: str, flat: str | None = None) -> list[Block]:
    """The span of a front-matter string in the raw file, so its facts stay citable: its
    words in order, whatever whitespace parts them. Looked for in `flat` (the text with each
    run of whitespace one space, made once per file) with one linear search, then mapped
    back: a pattern of the words backtracked for minutes on a repetitive 10 MB file."""
    needle = " ".join(snippet.split())
    if not needle:
        return []
    at = (_SPACE_RUN.sub(" ", text) if flat is None else flat).find(needle)
    if at < 0:
        return []
    start, last = _unflattened(text, at, at + len(needle) - 1)
    return bounded_blocks(text, [Block("paragraph", start, last + 1)])


def _unflattened(text: str, first: int, last: int) -> tuple[int, int]:
    """Where two characters of the flattened text (neither a space) are in the text."""
    shift = 0
    mapped: int | None = None
    for m in _SPACE_RUN.finditer(text):
        at = m.start() - shift  # this run's one space in the flattened text
        if mapped is None and at > first:
            mapped = first + shift
        if at > last:
            break
        shift += m.end() - m.start() - 1
    return (first + shift if mapped is None else mapped), last + shift


def _related_articles(rel: str, sha: str, text: str, meta: dict[str, Any]) -> list[Article]:
    related = meta.get("related")
    if not isinstance(related, list):
        return []
    out: list[Article] = []
    flat = _SPACE_RUN.sub(" ", text)
    for n, item in enumerate(related[:RELATED_MAX], start=1):
        if not isinstance(item, dict) or not isinstance(item.get("excerpt"), str):
            continue
        blocks = _locate(text, item["excerpt"], flat)
        if not blocks:
            continue
        url = meta_url(item)
        source = Source(
            key=f"{rel}#related-{n}", path=rel,
            title=_title(item.get("title")) or f"Related article {n} of {rel}",
            publisher=meta_publisher(item, url), date=meta_date(item), url=url, sha256=sha,
            carrier=rel,
        )
        out.append(Article(source, text, tuple(blocks), excerpt=True))
    return out
