"""`briefing add`: fetch web pages and PDF reports into the corpus folder, once each.

The only part of `briefing` that touches the network. Each URL is fetched once over
HTTP(S), bounded (timeouts, redirects, size) and politely (a clear User-Agent, a few
requests at a time); the raw bytes are stored under a readable name with a small sidecar
saying where and when they came from, so the rest of `briefing` reads them offline like
any other corpus file. A URL already in the corpus is not fetched again unless asked to
refresh, and a refreshed page that changed becomes a new version beside the old one.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from briefing import __version__
from briefing.corpus import SIDECAR, clean_url
from briefing.errors import UsageError
from briefing.export import write_atomic
from briefing.provenance import version_order

USER_AGENT = f"briefing/{__version__} (policy briefs from saved articles; fetches each link once)"
#: Largest body stored (after any gzip is undone): a report, not a data dump.
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
#: Seconds to connect, and between two pieces of a response.
TIMEOUT = 15.0
#: Seconds one URL may take from first byte sent to last byte read.
DEADLINE = 120.0
#: Requests in flight at once: polite to the sites, enough to hide latency.
PARALLEL = 4
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_PDF_TYPES = ("application/pdf", "application/x-pdf")
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
    """Why it failed: one line (`HTTP 404 Not Found`, `timed out after 15 s`, …)."""

    @property
    def failed(self) -> bool:
        return self.status == "failed"


class FetchFailed(Exception):
    """One URL could not be fetched; the message is the one-line reason."""


@dataclass(frozen=True, slots=True)
class _Body:
    data: bytes
    suffix: str
    status: int
    content_type: str
    final_url: str


def read_url_list(path: Path) -> list[str]:
    """URLs from a file, one a line; blank lines and `#` comments are skipped."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"cannot read the URL list {path}: "
                         f"{getattr(err, 'strerror', None) or err}") from None
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def add_links(urls: Sequence[str], corpus: Path, *, refresh: bool = False,
              progress: Progress | None = None, timeout: float = TIMEOUT,
              max_bytes: int = MAX_BYTES) -> list[Added]:
    """Fetch each URL into the corpus folder; one outcome per distinct URL, in order.
    A failed URL never stops the others."""
    import httpx  # about 0.1 s: only `add` needs it

    if not corpus.is_dir():
        raise UsageError(f"corpus folder not found: {corpus}")
    wanted = list(dict.fromkeys(u.strip() for u in urls if u.strip()))
    known = fetched_urls(corpus)
    lock = threading.Lock()
    done = [0]
    limits = httpx.Limits(max_connections=PARALLEL)
    with httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS, limits=limits,
                      timeout=httpx.Timeout(timeout), headers={"User-Agent": USER_AGENT},
                      trust_env=False) as client:

        def one(url: str) -> Added:
            try:
                return _add_one(client, url, corpus, known, lock, refresh=refresh,
                                timeout=timeout, max_bytes=max_bytes)
            finally:
                with lock:
                    done[0] += 1
                    if progress:
                        progress(done[0], len(wanted))

        with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
            return list(pool.map(one, wanted))


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


def _add_one(client, url: str, corpus: Path, known: dict[str, list[str]],
             lock: threading.Lock, *, refresh: bool, timeout: float, max_bytes: int) -> Added:
    if clean_url(url) is None:
        return Added(url, "failed", reason="not an http(s) URL")
    versions = known.get(url, [])
    if versions and not refresh:
        return Added(url, "already", versions[-1])
    try:
        body = _fetch(client, url, timeout=timeout, max_bytes=max_bytes)
    except FetchFailed as err:
        return Added(url, "failed", reason=str(err))
    if versions and _same_bytes(corpus / versions[-1], body.data):
        return Added(url, "unchanged", versions[-1])
    with lock:  # names are chosen and written one at a time: two pages never share one
        rel = _free_name(corpus, url, body.suffix, versioned=bool(versions))
        try:
            _store(corpus, rel, url, body)
        except OSError as err:
            return Added(url, "failed", reason=f"cannot write {rel}: {err.strerror or err}")
        known.setdefault(url, []).append(rel)
    return Added(url, "added", rel)


def _fetch(client, url: str, *, timeout: float, max_bytes: int) -> _Body:
    """The body of one GET, or FetchFailed with a one-line reason."""
    import httpx

    started = time.monotonic()
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchFailed(f"HTTP {response.status_code} {response.reason_phrase}".strip())
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchFailed(f"too large ({_mb(int(declared))}, limit {_mb(max_bytes)})")
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchFailed(f"too large (over {_mb(max_bytes)})")
                if time.monotonic() - started > DEADLINE:
                    raise FetchFailed(f"took longer than {DEADLINE:.0f} s")
                chunks.append(chunk)
            data = b"".join(chunks)
            suffix = _suffix(content_type, data)
            return _Body(data, suffix, response.status_code, content_type, str(response.url))
    except httpx.TimeoutException:
        raise FetchFailed(f"timed out after {timeout:g} s") from None
    except httpx.TooManyRedirects:
        raise FetchFailed(f"more than {MAX_REDIRECTS} redirects") from None
    except httpx.UnsupportedProtocol:
        raise FetchFailed("redirected to a URL that is not http(s)") from None
    except httpx.DecodingError:
        raise FetchFailed("the response's compressed body is damaged") from None
    except httpx.HTTPError as err:
        raise FetchFailed(f"{type(err).__name__}: {' '.join(str(err).split()) or 'failed'}"
                          ) from None


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


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
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


def _free_name(corpus: Path, url: str, suffix: str, *, versioned: bool) -> str:
    """A file name in the corpus folder no other page has: `name.html`, else (another URL
    with the same name, or a new version of this one) `name-v2.html`, `name-v3.html`, …"""
    stem = readable_name(url)
    n = 2 if versioned else 1
    while True:
        rel = f"{stem}{suffix}" if n == 1 else f"{stem}-v{n}{suffix}"
        if not (corpus / rel).exists():
            return rel
        n += 1


def _store(corpus: Path, rel: str, url: str, body: _Body) -> None:
    """The page's sidecar, then its bytes as fetched: a sync that runs in between never
    indexes the page without its URL and time (it would not read it again to learn them,
    and a refreshed version would not supersede it). A sidecar left without its page is
    ignored (`fetched_urls`) and written over when the URL is fetched again."""
    record = {
        "url": url, "final_url": body.final_url, "fetched_at": _now(),
        "status": body.status, "content_type": body.content_type,
        "bytes": len(body.data), "sha256": hashlib.sha256(body.data).hexdigest(),
        "user_agent": USER_AGENT,
    }
    write_atomic(corpus / f"{rel}{SIDECAR}", json.dumps(record, indent=2) + "\n")
    write_atomic(corpus / rel, body.data)


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
