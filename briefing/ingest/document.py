"""Reading one corpus file into a `Document`: bytes -> text (through the format readers),
front matter, header and blocks, the main article and any related ones."""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from briefing.dates import in_year_of, parse_date
from briefing.errors import OWN_BRIEF, CorpusError
from briefing.ingest.article import Article, Block, Document
from briefing.ingest.blocks import body_blocks
from briefing.ingest.decoding import decode
from briefing.ingest.formats import HTML_SUFFIXES, Reading, read_formatted
from briefing.ingest.front_matter import (
    RELATED_MAX,
    bounded_title,
    meta_date,
    meta_date_problem,
    meta_publisher,
    meta_saved_day,
    meta_title,
    meta_url,
    split_front_matter,
)
from briefing.ingest.furniture import without_title
from briefing.ingest.header import Header, read_header
from briefing.ingest.urls import clean_url, url_host
from briefing.ingest.walk import SIDECAR, TEXT_SUFFIXES, relative_key, size_limit, too_large
from briefing.model import Source

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
    main, month = _main_article(rel, sha, text, meta or {}, body_start, path)
    if main is not None:
        articles.append(main)
        warnings = (*warnings, *month_note(rel, main.source.date, month))
    articles.extend(_related_articles(rel, sha, text, meta or {}))
    if not articles:
        raise CorpusError("no article text found")
    # A date field that names no day is no date: the article is read, and the user told.
    problem = meta_date_problem(meta) if meta else None
    if problem is not None:
        warnings = (*warnings, problem)
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
    notes = month_note(rel, source.date, reading.month or header.month)
    return Document(rel, sha, (article,), (*reading.warnings, *notes))


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


def month_note(rel: str, day: str | None, month: str | None) -> tuple[str, ...]:
    """The note for a file dated by its month alone ("September 2026" on a report's cover)
    that gives no day: it stays undated, since a source's date is a day and a brief never
    cites a day the source does not give; the note says the month is known and how to set
    the day (`briefing correct`). Nothing when a day is known or no month."""
    if day is not None or month is None:
        return ()
    year, number = month.split("-")
    return (f"only a month dates it ({_MONTH_NAMES[int(number) - 1]} {year}): left undated,"
            f" as a source's date is a day; `briefing correct source {shlex.quote(rel)}"
            " --date DAY` sets one",)


def _main_article(rel: str, sha: str, text: str, meta: dict[str, Any], body_start: int,
                  path: Path) -> tuple[Article | None, str | None]:
    """The file's own article, and the month a line of its head dates it by (`YYYY-MM`)."""
    blocks = bounded_blocks(text, body_blocks(text, body_start))
    url = meta_url(meta)
    title = meta_title(meta.get("title"))
    header = read_header(text, blocks, need_title=not title)
    title = title or header.title
    blocks = without_title(text, header.blocks, title)
    day = meta_date(meta) or header.date or _dateline_day(header, meta, path)
    excerpt = False
    if not any(b.kind != "heading" for b in blocks) and isinstance(meta.get("excerpt"), str):
        blocks = _locate(text, meta["excerpt"])
        excerpt = True
    if not blocks:
        return None, None
    source = Source(
        key=rel, path=rel, title=bounded_title(title or Path(rel).stem),
        publisher=(meta_publisher(meta, None) or header.issuer or url_host(url)
                   or header.publisher),
        date=day, url=url, sha256=sha,
    )
    return Article(source, text, tuple(blocks), excerpt, header.place), header.month


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
            title=meta_title(item.get("title")) or f"Related article {n} of {rel}",
            publisher=meta_publisher(item, url), date=meta_date(item), url=url, sha256=sha,
            carrier=rel,
        )
        out.append(Article(source, text, tuple(blocks), excerpt=True))
    return out


def _dateline_day(header: Header, meta: dict[str, Any], path: Path) -> str | None:
    """A year-less dateline's day, in the year of the file's own date: its front matter's,
    else when `briefing add` fetched it (read only when a dateline needs it)."""
    if header.yearless is None:
        return None
    reference = meta_date(meta) or meta_saved_day(meta) or fetched_date(path)
    return in_year_of(header.yearless, reference) if reference else None
