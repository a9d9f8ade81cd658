"""`briefing add`: fetch web pages and PDF reports into the corpus folder, once each.

The only part of `briefing` that touches the network. Each URL is fetched once over
HTTP(S), bounded and politely (a clear User-Agent, a few requests at a time); the raw
bytes are stored under a readable name with a small sidecar saying where and when they
came from, so the rest of `briefing` reads them offline like any other corpus file. A URL
already in the corpus is not fetched again unless asked to refresh, and a refreshed page
that changed becomes a new version beside the old one.

Every input is bounded before it is expanded, because a hostile server or list can make
any unbounded step take all the memory or all the time:
- a body is read as it arrives and decompressed here, a piece of at most `_PIECE` bytes
  at a time, so a compression bomb (3 kB of brotli that expands to 4 GiB) stops at the
  size limit instead of being expanded whole first (httpx decodes each network chunk in
  one call, and reads a redirect's body whole);
- one link has one wall-clock deadline, connect, headers and body together, so a server
  that trickles a byte at a time cannot hold `add` for ever;
- a list of links (`--from`) is read up to a size and a count.
"""

from __future__ import annotations

import glob
import hashlib
import json
import math
import os
import re
import tempfile
import threading
import time
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, Protocol
from urllib.parse import urlsplit

from briefing import __version__
from briefing.errors import BriefingError, UsageError
from briefing.ingest.provenance import version_order
from briefing.ingest.urls import clean_url
from briefing.ingest.walk import SIDECAR

USER_AGENT = f"briefing/{__version__} (policy briefs from saved articles; fetches each link once)"
#: Largest body stored: a report, not a data dump. It bounds the body both as it comes over
#: the network and once decompressed.
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
#: Seconds to connect, and with nothing received at all, before a link is given up.
TIMEOUT = 15.0
#: Seconds one link may take in all: connect, headers and body, however the server paces
#: them (`BRIEFING_FETCH_SECONDS` overrides).
DEADLINE = 60.0
#: Requests in flight at once: polite to the sites, enough to hide latency.
PARALLEL = 4
#: A list of links (`--from`): a reading list, not a crawl.
MAX_LIST_BYTES = 1024 * 1024
MAX_LINKS = 10_000
#: A temp file or lone sidecar older than this was left by an `add` that was killed.
STALE_SECONDS = 3600.0
#: Most bytes a decompressor hands back at once: what is held beyond the limit.
_PIECE = 64 * 1024
#: Taken while `add` names and writes a page (its other work needs no lock): another `add`
#: of the same URL at the same time then sees the first one's file, not a free name.
LOCK_NAME = ".briefing-add.lock"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_PDF_TYPES = ("application/pdf", "application/x-pdf")
# What `atomic write` temp files of ours look like (mkstemp: 8 random characters).
_TEMP = re.compile(r"\..+\.(?:html|pdf|fetch\.json)\.[a-z0-9_]{8}\.tmp")
# Characters never printed raw: control and format characters (ESC would drive the
# terminal, a bidi override would reorder the line) and line breaks.
_HIDDEN = ("Cc", "Cf", "Zl", "Zp")
Status = Literal["added", "already", "unchanged", "failed"]
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Added:
    """What became of one URL."""

    url: str
    status: Status
    path: str | None = None
    """The corpus file (relative to the corpus folder) holding the page."""
    reason: str = ""
    """Why it failed: one printable line (`HTTP 404 Not Found`, `took longer than 60 s`, …)."""

    @property
    def failed(self) -> bool:
        return self.status == "failed"


class FetchFailed(Exception):
    """One URL could not be fetched; the message is the one-line reason."""


@dataclass(frozen=True, slots=True)
class Limits:
    """How far one fetch may go."""

    deadline: float = DEADLINE
    idle: float = TIMEOUT
    max_bytes: int = MAX_BYTES


@dataclass(frozen=True, slots=True)
class _Body:
    data: bytes
    suffix: str
    status: int
    content_type: str
    final_url: str


def printable(text: str) -> str:
    """`text` safe to show on one line, also where `terminal.echo` does not print it (the
    terminal app): each control or format character as its escape (`\\x1b`, `\\u202e`)."""
    return "".join(c.encode("unicode_escape").decode("ascii")
                   if unicodedata.category(c) in _HIDDEN else c for c in text)


def fetch_deadline() -> float:
    """Seconds one link may take: `BRIEFING_FETCH_SECONDS`, else `DEADLINE`."""
    env = os.environ.get("BRIEFING_FETCH_SECONDS", "").strip()
    try:
        value = float(env) if env else DEADLINE
    except ValueError:
        return DEADLINE  # a typo in the variable must not lift the limit
    return value if value > 0 and math.isfinite(value) else DEADLINE


def read_url_list(path: Path) -> list[str]:
    """URLs from a file, one a line; blank lines and `#` comments are skipped. At most
    `MAX_LIST_BYTES` are read (`--from /dev/zero` ends there) and `MAX_LINKS` kept."""
    shown = printable(str(path))
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_LIST_BYTES + 1)
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"cannot read the URL list {shown}: "
                         f"{getattr(err, 'strerror', None) or err}") from None
    if len(data) > MAX_LIST_BYTES:
        raise UsageError(f"the URL list {shown} is larger than {_mb(MAX_LIST_BYTES)}, the most "
                         "one add reads: split it")
    urls = [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]
    _check_count(len(urls), f"the URL list {shown}")
    return urls


def _check_count(count: int, what: str) -> None:
    if count > MAX_LINKS:
        raise UsageError(f"{what} has {count:,} links, more than the {MAX_LINKS:,} one add "
                         "fetches: split it")


def url_problem(url: str) -> str | None:
    """Why `url` cannot be fetched (one printable line), or None when it can."""
    import httpx

    hidden = next((c for c in url if unicodedata.category(c) in _HIDDEN), None)
    if hidden is not None:
        return f"not a valid URL (it holds the control character {printable(hidden)})"
    try:
        parts = urlsplit(url)
        _ = parts.port, httpx.URL(url)  # a port out of range raises too
    except (ValueError, httpx.InvalidURL) as err:
        return f"not a valid URL ({printable(str(err))})"
    if clean_url(url) is None or not parts.hostname:
        return "not an http(s) URL"
    return None


def add_links(urls: Sequence[str], corpus: Path, *, refresh: bool = False,
              progress: Progress | None = None, timeout: float = TIMEOUT,
              max_bytes: int = MAX_BYTES, deadline: float | None = None) -> list[Added]:
    """Fetch each URL into the corpus folder; one outcome per distinct URL, in order.
    A failed URL never stops the others."""
    if not corpus.is_dir():
        raise UsageError(f"corpus folder not found: {printable(str(corpus))}")
    wanted = list(dict.fromkeys(u.strip() for u in urls if u.strip()))
    _check_count(len(wanted), "the request")
    try:
        with corpus_lock(corpus):
            remove_stale(corpus)
    except OSError as err:  # a folder `add` cannot write to: nothing fetched could be kept
        raise BriefingError(f"cannot write to the corpus folder {printable(str(corpus))}: "
                            f"{err.strerror or err}") from None
    known = fetched_urls(corpus)
    limits = Limits(deadline or fetch_deadline(), timeout, max_bytes)
    return _run(_add_all(wanted, corpus, known, limits, refresh=refresh, progress=progress))


def _run(job):
    """Run a coroutine to its end from sync code, also from a thread whose event loop is
    running (it then gets a thread of its own)."""
    import asyncio  # about 20 ms: only `add` needs it

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(job)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, job).result()


async def _add_all(wanted: list[str], corpus: Path, known: dict[str, list[str]],
                   limits: Limits, *, refresh: bool, progress: Progress | None) -> list[Added]:
    import asyncio

    import httpx  # about 0.1 s: only `add` needs it

    gate = asyncio.Semaphore(PARALLEL)
    done = 0
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": ", ".join(_decoders())}
    async with httpx.AsyncClient(
            follow_redirects=False, limits=httpx.Limits(max_connections=PARALLEL),
            timeout=httpx.Timeout(limits.idle), headers=headers, trust_env=False) as client:

        async def one(url: str) -> Added:
            nonlocal done
            async with gate:
                try:
                    return await _add_one(client, url, corpus, known, limits, refresh=refresh)
                except Exception as err:  # one odd link must not lose the others' report
                    return _failed(url, f"internal error: {type(err).__name__}: {err}")
                finally:
                    done += 1
                    if progress:
                        progress(done, len(wanted))

        return list(await asyncio.gather(*(one(url) for url in wanted)))


def _failed(url: str, reason: str) -> Added:
    return Added(url, "failed", reason=printable(" ".join(reason.split()) or "failed"))


async def _add_one(client, url: str, corpus: Path, known: dict[str, list[str]],
                   limits: Limits, *, refresh: bool) -> Added:
    problem = url_problem(url)
    if problem:
        return _failed(url, problem)
    versions = known.get(url, [])
    if versions and not refresh:
        return Added(url, "already", versions[-1])
    try:
        body = await _fetch(client, url, limits)
    except FetchFailed as err:
        return _failed(url, str(err))
    return _keep(corpus, url, body, known, refresh=refresh)


# --------------------------------------------------------------------------- fetching


async def _fetch(client, url: str, limits: Limits) -> _Body:
    """The body of one GET, or FetchFailed with a one-line reason."""
    import asyncio

    import httpx

    try:
        async with asyncio.timeout(limits.deadline):
            return await _get(client, url, limits)
    except TimeoutError:
        raise FetchFailed(f"took longer than {limits.deadline:g} s, the limit for one link"
                          ) from None
    except httpx.ConnectTimeout:
        raise FetchFailed(f"timed out: no connection within {limits.idle:g} s") from None
    except httpx.TimeoutException:
        raise FetchFailed(f"timed out: nothing received for {limits.idle:g} s") from None
    except httpx.UnsupportedProtocol:
        raise FetchFailed("redirected to a URL that is not http(s)") from None
    except httpx.HTTPError as err:
        raise FetchFailed(f"{type(err).__name__}: {str(err) or 'failed'}") from None
    except (OSError, ValueError, OverflowError) as err:  # what a socket says of a bad address
        raise FetchFailed(f"{type(err).__name__}: {err}") from None


async def _get(client, url: str, limits: Limits) -> _Body:
    """Follow up to MAX_REDIRECTS redirects by hand: httpx would read each redirect's body
    whole (and decompressed) before going on."""
    request = client.build_request("GET", url)
    for _ in range(MAX_REDIRECTS + 1):
        response = await client.send(request, stream=True, follow_redirects=False)
        try:
            if response.next_request is None:
                return await _read(response, limits)
            request = response.next_request
        finally:
            await response.aclose()  # a redirect's body is never read
        if request.url.scheme not in ("http", "https"):
            raise FetchFailed("redirected to a URL that is not http(s)")
    raise FetchFailed(f"more than {MAX_REDIRECTS} redirects")


async def _read(response, limits: Limits) -> _Body:
    if response.status_code >= 400:
        raise FetchFailed(f"HTTP {response.status_code} {response.reason_phrase}".strip())
    cap = limits.max_bytes
    declared = response.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > cap:
        raise FetchFailed(f"too large ({_mb(int(declared))}, limit {_mb(cap)})")
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    decoder = Decoder(response.headers.get_list("content-encoding", split_commas=True))
    once = " once decompressed" if decoder.stages else ""
    pieces: list[bytes] = []
    sent = size = 0
    async for chunk in response.aiter_raw():
        sent += len(chunk)
        if sent > cap:
            raise FetchFailed(f"too large (over {_mb(cap)}{' as sent' if once else ''})")
        for piece in decoder.decode(chunk):
            size += len(piece)
            if size > cap:  # at most one piece past the limit is ever held
                raise FetchFailed(f"too large (over {_mb(cap)}{once})")
            pieces.append(piece)
    data = b"".join(pieces)
    return _Body(data, _suffix(content_type, data), response.status_code, content_type,
                 str(response.url))


# --------------------------------------------------------------------------- decoding


class _Stage(Protocol):
    def decode(self, data: bytes) -> Iterator[bytes]:
        """The output of `data`, in pieces of about `_PIECE` bytes at most."""


class _Zlib:
    """gzip, or deflate (zlib-wrapped, or raw as some servers send it)."""

    def __init__(self, gzip: bool):
        self._gzip = gzip
        self._head = b""
        self._d: zlib._Decompress | None = None  # made once the header says which kind

    def decode(self, data: bytes) -> Iterator[bytes]:
        if self._d is None:
            self._head += data
            if len(self._head) < 2:
                return
            data, self._head = self._head, b""
            wbits = 16 + zlib.MAX_WBITS if self._gzip else (
                zlib.MAX_WBITS if _zlib_header(data) else -zlib.MAX_WBITS)
            self._d = zlib.decompressobj(wbits)
        try:
            while True:
                out = self._d.decompress(data, _PIECE)
                if out:
                    yield out
                data = self._d.unconsumed_tail
                if not data and len(out) < _PIECE:
                    return
        except zlib.error:
            raise FetchFailed("the response's compressed body is damaged") from None


def _zlib_header(data: bytes) -> bool:
    return data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


class _Brotli:
    def __init__(self):
        import brotli

        self._error = brotli.error
        self._d = brotli.Decompressor()

    def decode(self, data: bytes) -> Iterator[bytes]:
        try:
            out = self._d.process(data, output_buffer_limit=_PIECE)
            # It may hold more output even once it takes input again: drain it first.
            while out or not self._d.can_accept_more_data():
                if out:
                    yield out
                out = self._d.process(b"", output_buffer_limit=_PIECE)
        except self._error:
            raise FetchFailed("the response's compressed body is damaged") from None


def _brotli_bounded() -> bool:
    """Brotli 1.2 can stop at an output size; an older one would expand a bomb whole."""
    try:
        import brotli
    except ImportError:
        return False
    return hasattr(brotli.Decompressor, "can_accept_more_data")


def _decoders() -> dict[str, Callable[[], _Stage]]:
    table: dict[str, Callable[[], _Stage]] = {
        "gzip": lambda: _Zlib(True), "x-gzip": lambda: _Zlib(True),
        "deflate": lambda: _Zlib(False)}
    if _brotli_bounded():
        table["br"] = _Brotli
    return table


class Decoder:
    """A body's Content-Encoding undone a bounded piece at a time (each coding in turn)."""

    def __init__(self, codings: Iterable[str]):
        table = _decoders()
        names = [c.strip().lower() for c in codings if c.strip().lower() not in ("", "identity")]
        for name in names:
            if name not in table:
                raise FetchFailed(f"compressed as {name!r}, which briefing cannot read")
        self.stages = [table[name]() for name in reversed(names)]  # the last applied first

    def decode(self, data: bytes) -> Iterator[bytes]:
        return _through(self.stages, data)


def _through(stages: Sequence[_Stage], data: bytes) -> Iterator[bytes]:
    if not stages:
        if data:
            yield data
        return
    for piece in stages[0].decode(data):
        yield from _through(stages[1:], piece)


def _suffix(content_type: str, data: bytes) -> str:
    """`.html` or `.pdf` by the declared type (a PDF's own header wins over a generic
    type); anything else is refused."""
    if content_type in _PDF_TYPES or data.startswith(b"%PDF-"):
        return ".pdf"
    if content_type in _HTML_TYPES:
        return ".html"
    raise FetchFailed(f"not HTML or PDF (content type {content_type or 'not given'})")


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size % (1024 * 1024) else f"{size // 1024 // 1024} MB"


# --------------------------------------------------------------------------- storing


def fetched_urls(corpus: Path) -> dict[str, list[str]]:
    """The corpus files `add` fetched, by URL (each version, oldest first: by fetch time,
    then version number, as the store orders them)."""
    found: dict[str, list[tuple[tuple[str, int, str], str]]] = {}
    for sidecar in sorted(corpus.rglob(f"*{SIDECAR}")):
        page = sidecar.with_name(sidecar.name[:-len(SIDECAR)])
        record = fetch_record(page)
        if record is not None and page.is_file():
            rel = page.relative_to(corpus).as_posix()
            found.setdefault(record.url, []).append((version_order(record.fetched_at, rel), rel))
    return {url: [rel for _, rel in sorted(versions)] for url, versions in found.items()}


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """What a page's sidecar says: where `add` fetched it from, and when."""

    url: str
    fetched_at: str | None
    """ISO time in UTC (`2026-03-05T09:30:00Z`); None when the sidecar gives none."""


_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?")


def fetch_record(page: Path) -> FetchRecord | None:
    """The sidecar of a corpus file `add` fetched; None for a file without one (saved by
    hand) or with one that is not ours (no URL)."""
    try:
        record = json.loads(page.with_name(page.name + SIDECAR).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("url"), str):
        return None
    when = record.get("fetched_at")
    when = when.strip() if isinstance(when, str) else None
    return FetchRecord(record["url"], when if when and _ISO_TIME.fullmatch(when) else None)


_IN_PROCESS = threading.Lock()


@contextmanager
def corpus_lock(corpus: Path) -> Iterator[None]:
    """The corpus's `add` lock, across processes (flock) and threads of this one. Held only
    while names are chosen and files renamed into place: milliseconds."""
    import fcntl

    with _IN_PROCESS:
        fd = os.open(corpus / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # lets the lock go


def remove_stale(corpus: Path, *, older_than: float = STALE_SECONDS) -> list[str]:
    """Remove what a killed `add` left in the corpus folder: its temp files, and sidecars
    of ours whose page never arrived, older than `older_than` seconds. Call it holding
    `corpus_lock` (an `add` at work renames its files under the lock). The names removed."""
    cutoff = time.time() - older_than
    removed: list[str] = []
    try:
        entries = list(os.scandir(corpus))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        lone = (name.endswith(SIDECAR) and not name.startswith(".")
                and not os.path.lexists(os.path.join(corpus, name[:-len(SIDECAR)]))
                and _is_ours(Path(entry.path)))
        if not (lone or _TEMP.fullmatch(name)):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(name)
        except OSError:
            continue  # gone already, or not ours to remove: leave it
    return removed


def _is_ours(sidecar: Path) -> bool:
    try:
        record = json.loads(sidecar.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return (isinstance(record, dict) and isinstance(record.get("url"), str)
            and str(record.get("user_agent", "")).startswith("briefing/"))


def _keep(corpus: Path, url: str, body: _Body, known: dict[str, list[str]], *,
          refresh: bool) -> Added:
    """Store a fetched page unless, by now, the corpus has it (another `add` of the same
    URL, maybe another process, got there first)."""
    stem = readable_name(url)
    try:
        pair = _Pair.staged(corpus, f"{stem}{body.suffix}", url, body)
    except OSError as err:
        return _failed(url, f"cannot write to {corpus}: {err.strerror or err}")
    rel = f"{stem}{body.suffix}"
    try:
        with corpus_lock(corpus):
            versions = _versions(corpus, url, stem, known)
            if versions and not refresh:
                return Added(url, "already", versions[-1])
            if versions and _same_bytes(corpus / versions[-1], body.data):
                return Added(url, "unchanged", versions[-1])
            rel = _free_name(corpus, stem, body.suffix, versioned=bool(versions))
            pair.place(corpus / rel)
            known.setdefault(url, []).append(rel)
            return Added(url, "added", rel)
    except OSError as err:
        return _failed(url, f"cannot write {rel}: {err.strerror or err}")
    finally:
        pair.discard()


def _versions(corpus: Path, url: str, stem: str, known: dict[str, list[str]]) -> list[str]:
    """The corpus files holding `url`, oldest first: those found when `add` began, and any
    another `add` wrote since (under the page's readable name, in the corpus folder)."""
    rels = set(known.get(url, []))
    for sidecar in corpus.glob(f"{glob.escape(stem)}*{SIDECAR}"):
        page = sidecar.with_name(sidecar.name[:-len(SIDECAR)])
        record = fetch_record(page)
        if record is not None and record.url == url and page.is_file():
            rels.add(page.name)
    order = {rel: version_order((fetch_record(corpus / rel) or FetchRecord(url, None)).fetched_at,
                                rel) for rel in rels}
    return sorted(rels, key=order.__getitem__)


@dataclass(slots=True)
class _Pair:
    """A page and its sidecar written to temp files, to be renamed into place together
    (sidecar first, so a sync never indexes the page without its URL and time) or not at
    all. A kill between the two renames leaves a lone sidecar, which `fetched_urls`
    ignores and `remove_stale` removes."""

    sidecar: Path
    page: Path

    @classmethod
    def staged(cls, corpus: Path, name: str, url: str, body: _Body) -> _Pair:
        record = {
            "url": url, "final_url": body.final_url, "fetched_at": _now(),
            "status": body.status, "content_type": body.content_type,
            "bytes": len(body.data), "sha256": hashlib.sha256(body.data).hexdigest(),
            "user_agent": USER_AGENT,
        }
        sidecar = _temp_file(corpus, f"{name}{SIDECAR}",
                             (json.dumps(record, indent=2) + "\n").encode())
        try:
            return cls(sidecar, _temp_file(corpus, name, body.data))
        except BaseException:
            sidecar.unlink(missing_ok=True)
            raise

    def place(self, page: Path) -> None:
        sidecar = page.with_name(page.name + SIDECAR)
        os.replace(self.sidecar, sidecar)
        try:
            os.replace(self.page, page)
        except OSError:
            sidecar.unlink(missing_ok=True)
            raise

    def discard(self) -> None:
        """Remove what was not placed (nothing, once placed)."""
        self.sidecar.unlink(missing_ok=True)
        self.page.unlink(missing_ok=True)


def _temp_file(folder: Path, name: str, data: bytes) -> Path:
    """`data` in a new hidden temp file beside `name`, on disk (fsync) before any rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def readable_name(url: str) -> str:
    """`https://www.example.org/news/2026/ai-plan?id=3` -> `example.org-news-2026-ai-plan-id-3`."""
    parts = urlsplit(url)
    host = (parts.hostname or "page").removeprefix("www.")
    path = re.sub(r"\.(?:html?|php|aspx?|pdf)$", "", parts.path, flags=re.I)
    words = re.sub(r"[^A-Za-z0-9]+", "-", f"{path}-{parts.query}").strip("-").lower()
    name = f"{host}-{words}".strip("-") if words else host
    if len(name) > 80:
        digest = hashlib.sha1(url.encode()).hexdigest()[:8]
        name = name[:70].rstrip("-") + "-" + digest
    return name


def _free_name(corpus: Path, stem: str, suffix: str, *, versioned: bool) -> str:
    """A file name in the corpus folder no other page has: `name.html`, else (another URL
    with the same name, or a new version of this one) `name-v2.html`, `name-v3.html`, …"""
    n = 2 if versioned else 1
    while True:
        rel = f"{stem}{suffix}" if n == 1 else f"{stem}-v{n}{suffix}"
        if not (corpus / rel).exists():
            return rel
        n += 1


def _now() -> str:
    """The fetch time a sidecar records (UTC, to the second)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def summary_line(outcomes: Iterable[Added]) -> str:
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    words = {"added": "added", "already": "already in the corpus", "unchanged": "unchanged",
             "failed": "failed"}
    return ", ".join(f"{counts[s]} {w}" for s, w in words.items() if counts.get(s)) or "nothing"
