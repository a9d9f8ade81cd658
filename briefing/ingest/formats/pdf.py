"""PDF reports: text in reading order, with the offset where each page starts.

PDFium (pypdfium2) gives each page's characters with their boxes; `pdf_boxes` groups them
into text boxes (paragraphs) with pdfminer.six's rules. We put the boxes in reading order
ourselves (column by column, top to bottom, full-width boxes such as a title splitting the
page into bands), because the order a file writes its text in interleaves two-column
pages. What each box is comes from `pdf_roles`: running headers, footers and page numbers,
page 1's title block, captions and source notes, and chart and table labels are left out,
so that the text is the report's prose and headings. The title comes from the metadata,
else from the title block; the metadata's author is the publisher. Each line is cleaned
as every reader's text is (`normalise.clean_text`: no control characters, ligatures or soft
hyphens), and a word broken at a line end is joined, with its hyphen or without
(`normalise.keeps_hyphen`). Each box becomes one paragraph, paragraphs are separated by
blank lines, pages follow each other; a paragraph cut by a column or page break is joined
again, across whatever was left out in the cut.

pdfminer.six read pages at about 10 a second (its content-stream parser is pure Python);
PDFium reads the same two-column reports about 10 times faster, so a 200-page strategy is
indexed in seconds, not half a minute.
"""

from __future__ import annotations

import dataclasses
import os
import re
import threading
import time
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from briefing.dates import cover_publisher, date_line, month_line, parse_date
from briefing.errors import OWN_BRIEF, CorpusError
from briefing.ingest.formats.normalise import (
    LINE_END_HYPHENS,
    PDFIUM_HYPHEN,
    SOFT_HYPHEN,
    TEXT_RULES,
    Vocabulary,
    clean_text,
    keeps_hyphen,
)
from briefing.ingest.formats.pdf_boxes import SIZE_STEP, Box
from briefing.ingest.formats.pdf_roles import (
    HEADING_WORDS,
    KEPT,
    Role,
    body_size,
    classify,
    ends_sentence,
    is_caption_line,
)
from briefing.ingest.formats.reading import Reading
from briefing.ingest.formats.sandbox import can_fork, run_bounded

#: A PDF with more pages is cut off here (and says so): a corpus file is a report, not a
#: library, and a hostile file must not keep the indexer busy for ever.
MAX_PAGES = 1000
#: Seconds one file may take to read (`BRIEFING_PDF_SECONDS` overrides): a file built to be
#: slow is skipped, not left to stall indexing. A 1000-page report takes about 17 s. The
#: file is read in a child process killed at the deadline (`sandbox.run_bounded`): a check
#: between pages alone never came back from one page of a million text runs.
MAX_SECONDS = 60.0
#: Memory one file may take to read, in MB, beyond what the process held (`BRIEFING_PDF_
#: MEMORY_MB` overrides): the child reading it cannot grow past it. PDFium holds about 600
#: bytes per text run of a page (a page of a million runs took 835 MB); a two-column report
#: of 163 pages and 940,000 characters needed under 30 MB.
MAX_MEMORY_MB = 512.0
#: A box wider than this share of the text area spans the columns (a title, a table).
FULL_WIDTH = 0.6
#: A box that reaches this far (share of its width) into the gap between two columns spans
#: them too: a column's own text stops at its edge (a glyph may overhang it a little).
INTO_GUTTER = 0.25
#: A heading set in the first column heads a band of columns when the gap beside it in the
#: other columns ends within this many lines of where its own column's text goes on (a
#: figure beside a heading leaves a taller gap).
SECTION_GAP_LINES = 2.0
# A line that ends in the middle of a word: the word's first part and the hyphen (a "-",
# PDFium's U+0002 for one, a soft hyphen or U+2010).
_WORD_END = re.compile(r"(\w+)[-\x02\u00ad\u2010]$")
#: How far back from a line's end its last word is looked for: searching the whole text
#: for it at every box would take time growing with the square of the report's length.
WORD_REACH = 100
_WORD_START = re.compile(r"^(\w+)")
# A hyphen mark left at the end of a paragraph (nothing after it to join): drawn as "-".
_LEFT_MARK = re.compile(r"[\x02\u00ad](?=\n|$)")
# PDFium is not thread-safe: the terminal app may read a report in a worker thread while
# another one indexes.
_PDFIUM = threading.Lock()
_LOADING = threading.Lock()


def read_pdf(data: bytes) -> Reading:
    """A report's text and metadata. CorpusError (encrypted, no text layer, broken, too
    slow, too large to read in memory)."""
    if not data.startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise CorpusError("not a PDF file (no %PDF- header)")
    if not can_fork():  # no child process to stop: the time budget holds between pages
        with _PDFIUM:
            return _read(data)
    _load_readers()
    return run_bounded(lambda: _read(data), seconds=_budget(), memory_mb=_memory_cap(),
                       what="PDF")


def _load_readers() -> None:
    """Import the reading code, PDFium, pypdf and dateparser before forking, once per
    process, so that each child starts with them loaded (importing them in every child
    took about 40 ms a file, 0.3 s with dateparser). PDFium is initialised here but never
    called: every document is opened in a child. Serialised: a thread forking while
    another imports would leave its child waiting on an import lock that no thread of the
    child will ever release."""
    with _LOADING:
        import lxml.etree  # noqa: F401  # the XMP packet's parser
        import pypdf  # noqa: F401  # reads the XMP packet (WeasyPrint's reports have one)
        import pypdfium2  # noqa: F401  # loads and initialises PDFium

        from briefing.ingest.formats import pdf_boxes  # noqa: F401

        parse_date("2 January 2025")  # sets up dateparser (about 0.1 s) for the title page


def _read(data: bytes) -> Reading:
    """`read_pdf`'s work, in the child process."""
    document = _open(data)
    try:
        info = document.get_metadata_dict()
        if info.get("Creator", "").startswith("briefing "):
            raise CorpusError(OWN_BRIEF)
        boxes, pages = _read_boxes(document)
    finally:
        document.close()
    boxes = [part for b in boxes for part in _split_at_captions(_cleaned(b)) if part.flat]
    if not boxes:
        raise CorpusError("no text layer (a scanned PDF?): nothing to quote")
    meta = _metadata(data, info)
    ordered = _pages_in_order(boxes)
    roles, block_title = classify(ordered, (meta.get("title", ""), meta.get("author", "")))
    vocabulary = _vocabulary(boxes)
    text, starts = _layout(ordered, roles, vocabulary)
    first = [_settled(join_lines(b.lines, vocabulary))
             for b, role in zip(ordered[0], roles[0], strict=True) if role != "running"]
    title = meta.get("title") or block_title or _first_title(first)
    cover, above_prose = _cover_lines(ordered[0], roles[0], vocabulary)
    day = meta.get("date") or next((d for d in map(date_line, cover) if d), None)
    # The title page may name the publisher ("Published October 14, 2026 by the Pacific
    # Policy Institute", "Korea Institute for Digital Policy — Policy Brief 2026-08", "©
    # 2026 Riga Policy Lab", or its name alone above the prose): second to the author the
    # file records. Never the Producer or Creator: the software that made the file
    # ("WeasyPrint 70.0").
    publisher = meta.get("author") or next(
        (p for p in map(cover_publisher, cover) if p), None) or next(
        (p for p in (cover_publisher(line, alone=True) for line in above_prose) if p), None)
    # A cover dated by its month alone ("September 2026") leaves the report undated: a
    # source's date is a day. The corpus says the month is known (`Reading.month`).
    month = None if day else next((m for m in map(month_line, cover) if m), None)
    warnings = (f"longer than {MAX_PAGES} pages: read up to page {MAX_PAGES}",) \
        if pages > MAX_PAGES else ()
    return Reading(text=text, extractor=extractor(), title=title,
                   publisher=publisher, date=day, pages=tuple(starts),
                   warnings=warnings, month=month)


#: Title-page boxes read for the report's date and publisher: the first ones, where a cover
#: puts them (a date further down belongs to the report's sentences).
COVER_BOXES = 8


def _cover_lines(page: list[Box], roles: list[Role], vocabulary: Vocabulary
                 ) -> tuple[list[str], list[str]]:
    """Page 1's first COVER_BOXES boxes (running heads and feet left out) as lines to read
    a date or publisher from: each box whole, then, unless it is prose, each of its printed
    lines, since a cover box may stack lines of their own ("Korea Institute for Digital
    Policy — Policy Brief 2026-08" over "Published 27 August 2026"), and joined they are
    neither; a paragraph's line is only part of a sentence ("... take effect on" over "12
    March 2026."). Second,
    those of the lines above the first heading or paragraph of prose, the title left out
    ("Nordic Compute Review" names the report): a title page's, where an organisation's
    name alone is its publisher's."""
    cover: list[str] = []
    above_prose: list[str] = []
    prose = False
    for box, role in [(b, r) for b, r in zip(page, roles, strict=True)
                      if r != "running"][:COVER_BOXES]:
        whole = _settled(join_lines(box.lines, vocabulary))
        sentence = role in KEPT and ends_sentence(whole)
        lines = [whole] if len(box.lines) < 2 or sentence else [
            whole, *(_settled(join_lines([line], vocabulary)) for line in box.lines)]
        prose = prose or role == "heading" or sentence
        cover.extend(lines)
        if not prose and role != "title":
            above_prose.extend(lines)
    return cover, above_prose


def extractor() -> str:
    """What extracts a report's text, e.g. `pypdfium2 5.15.2 (PDFium 8149); text rules 4`:
    the library, and the revision of our own cleaning and joining of its characters."""
    from pypdfium2.version import PDFIUM_INFO, PYPDFIUM_INFO

    return f"pypdfium2 {PYPDFIUM_INFO} (PDFium {PDFIUM_INFO.build}); {TEXT_RULES}"


# --------------------------------------------------------------------------- opening


def _open(data: bytes):
    """The parsed document, or CorpusError with the reason."""
    import pypdfium2 as pdfium  # about 0.03 s: only PDFs need it
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        code = getattr(err, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise CorpusError("encrypted PDF: it needs a password") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise CorpusError("encrypted PDF that cannot be read: unsupported security "
                              "handler") from None
        detail = str(err).removeprefix("Failed to load document ").strip("() ")
        raise CorpusError(f"broken PDF: {detail or 'PDFium cannot read it'}") from None


def _read_boxes(document) -> tuple[list[Box], int]:
    """Every page's text boxes (up to MAX_PAGES) and how many pages the file has. Pages
    are loaded one at a time and closed, and the time budget is checked between them."""
    from pypdfium2 import PdfiumError

    from briefing.ingest.formats.pdf_boxes import page_boxes

    budget, started = _budget(), time.monotonic()
    boxes: list[Box] = []
    for n in range(min(len(document), MAX_PAGES)):
        if n and time.monotonic() - started > budget:
            raise CorpusError(f"PDF took longer than {budget:g} s to read; skipped")
        try:
            page = document[n]
        except PdfiumError as err:
            raise CorpusError(f"broken PDF: page {n + 1}: {err}") from None
        try:
            boxes.extend(page_boxes(page, n))
        finally:
            page.close()
    return boxes, len(document)


def _budget() -> float:
    return _setting("BRIEFING_PDF_SECONDS", MAX_SECONDS, lowest=0.0)


def _memory_cap() -> float:
    return _setting("BRIEFING_PDF_MEMORY_MB", MAX_MEMORY_MB, lowest=1.0)


def _setting(name: str, default: float, *, lowest: float) -> float:
    """A limit from the environment; the default for a typo or a value out of range (a
    typo in the variable must not stop indexing, nor turn a limit off)."""
    env = os.environ.get(name, "").strip()
    try:
        value = float(env) if env else default
    except ValueError:
        return default
    return value if lowest <= value < 1e9 else default  # also NaN


def _cleaned(box: Box) -> Box:
    """A box with its lines cleaned (`clean_text`), each keeping the hyphen mark it may end
    with: joining lines decides what becomes of it. PDFium's U+0002 stands for a hyphen at
    the end of its own idea of a line: anywhere but at the end of ours it is a "-"."""
    lines = []
    for raw in box.lines:
        line = raw.rstrip()
        mark = line[-1] if line.endswith(LINE_END_HYPHENS) else ""
        body = (line[:-1] if mark else line).replace(PDFIUM_HYPHEN, "-")
        lines.append(clean_text(body) + mark)
    return dataclasses.replace(box, lines=tuple(lines))


def _split_at_captions(box: Box) -> list[Box]:
    """A box cut before each of its lines that opens a caption or note ("Table 1. …",
    "Source: …"): a table's last cell and the caption under it may be set as one block."""
    cuts = [n for n, line in enumerate(box.lines) if n and is_caption_line(line)]
    if not cuts or len(box.line_boxes) != len(box.lines):
        return [box]
    parts = []
    for start, end in zip([0, *cuts], [*cuts, len(box.lines)], strict=True):
        edges = box.line_boxes[start:end]
        parts.append(dataclasses.replace(
            box, x0=min(e[0] for e in edges), top=edges[0][1], x1=max(e[2] for e in edges),
            bottom=max(e[3] for e in edges), lines=box.lines[start:end], line_boxes=edges))
    return parts


# --------------------------------------------------------------------------- reading order


def _pages_in_order(boxes: list[Box]) -> list[list[Box]]:
    """Every page's boxes in reading order, all of them: a caption or a title spanning the
    columns splits the page into bands even though it is then left out of the text."""
    pages: list[list[Box]] = [[] for _ in range(max(b.page for b in boxes) + 1)]
    for box in boxes:
        pages[box.page].append(box)
    return [_reading_order(page) for page in pages]


def _reading_order(boxes: list[Box]) -> list[Box]:
    """One page's boxes in reading order: bands split by boxes that span the columns (wider
    than FULL_WIDTH of the text area, or across the gap between two columns); within a
    band, columns left to right, each top to bottom."""
    if not boxes:
        return []
    left = min(b.x0 for b in boxes)
    width = max(max(b.x1 for b in boxes) - left, 1.0)
    gutters = _gutters(boxes, width)
    heads = _section_heads(boxes, width, gutters)
    out: list[Box] = []
    band: list[Box] = []
    for box in sorted(boxes, key=lambda b: (b.top, b.x0)):
        if _spans(box, width, gutters) or id(box) in heads:
            out.extend(_columns(band, left, width))
            out.append(box)
            band = []
        else:
            band.append(box)
    out.extend(_columns(band, left, width))
    return out


def _spans(box: Box, width: float, gutters: list[tuple[float, float]]) -> bool:
    """Whether a box spans the columns: wider than FULL_WIDTH of the text area, or reaching
    INTO_GUTTER across the gap between two columns."""
    return box.x1 - box.x0 > FULL_WIDTH * width or any(
        box.x0 < g0 and box.x1 > g0 + INTO_GUTTER * (g1 - g0) for g0, g1 in gutters)


def _section_heads(boxes: list[Box], width: float, gutters: list[tuple[float, float]]
                   ) -> set[int]:
    """The ids of the short lines in the first column that head a band of columns though
    their text is short ("4. Power and place" over a two-column section): nothing is set
    beside them in the other columns, whose text resumes below them. A heading inside a
    column's flow has the other column's text beside it (a paragraph break there is a
    line's height, too little to hold a heading and its margins), and the gap beside it
    must end about where its own column's text goes on: a figure beside a heading leaves a
    taller gap."""
    if not gutters:
        return set()
    columns: list[list[Box]] = [[] for _ in range(len(gutters) + 1)]
    for box in boxes:
        if not _spans(box, width, gutters):
            columns[sum(box.x0 >= g0 for g0, _ in gutters)].append(box)
    lines = sorted((b.bottom - b.top) / len(b.lines) for b in boxes if b.lines)
    reach = SECTION_GAP_LINES * lines[len(lines) // 2]
    body = body_size([boxes])
    return {id(b) for b in columns[0]
            if _heading(b, body) and not any(o is not b and _beside(b, o) for o in boxes)
            and _heads_band(b, columns, reach)}


def _heading(box: Box, body: float) -> bool:
    """Set as a heading: a short line, bold or larger than the page's body, ending no
    sentence."""
    return (len(box.flat.split()) <= HEADING_WORDS and not ends_sentence(box.flat)
            and (box.bold or box.size > body * (1 + SIZE_STEP)))


def _beside(a: Box, b: Box) -> bool:
    """Whether two boxes share some height (a table's cells in a row do)."""
    return a.top < b.bottom and b.top < a.bottom


def _heads_band(head: Box, columns: list[list[Box]], reach: float) -> bool:
    """Whether the other columns leave a gap beside `head` (and half its height above and
    below) that ends within `reach` of where its own column's text goes on, with text of
    theirs below it. Where their text above it ends is not compared: balanced columns end
    lines apart when one holds a paragraph break more."""
    below = _resumes(head, columns[0])
    margin = (head.bottom - head.top) / 2
    resumes = False
    for column in columns[1:]:
        if not column:
            continue
        if any(b.top < head.bottom + margin and b.bottom > head.top - margin for b in column):
            return False
        after = _resumes(head, column)
        if after is not None:
            resumes = True
            if below is not None and after > below + reach:
                return False
    return resumes


def _resumes(head: Box, column: list[Box]) -> float | None:
    """Where a column's text below `head` starts (None: nowhere)."""
    return min((b.top for b in column if b is not head and b.top >= head.bottom), default=None)


def _gutters(boxes: list[Box], width: float) -> list[tuple[float, float]]:
    """The gaps between a page's columns: where none of its paragraphs set in a column (two
    lines or more, not spanning FULL_WIDTH) reaches. Text set in a column never reaches
    into one: a line under the columns that is narrower than FULL_WIDTH but wider than a
    column ("Germany pays a third of the budget.") does, and comes after both columns."""
    spans = sorted((b.x0, b.x1) for b in boxes
                   if len(b.lines) >= 2 and b.x1 - b.x0 <= FULL_WIDTH * width)
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(a[1], b[0]) for a, b in pairwise(merged)]


def _columns(band: list[Box], left: float, width: float) -> list[Box]:
    # A box's column: which third of the text area its left edge falls in (one, two or
    # three columns all sort correctly by it).
    return sorted(band, key=lambda b: (int(3 * (b.x0 - left) / width), b.top, b.x0))


# --------------------------------------------------------------------------- text


def _layout(pages: list[list[Box]], roles: list[list[Role]], words: Vocabulary
            ) -> tuple[str, list[int]]:
    """The document's text (its prose and headings) and the offset where each page starts.
    A paragraph cut by a column or page break is joined again (`_goes_on`), whatever was
    left out between its parts: its page is where it starts."""
    text = ""
    starts: list[int] = []
    last: Box | None = None  # the last paragraph of prose, while nothing came after it
    skipped = False  # something was left out since it (a figure, a running header)
    for page, page_roles in zip(pages, roles, strict=True):
        starts.append(len(text))
        for box, role in zip(page, page_roles, strict=True):
            if role not in KEPT:
                skipped = True
                continue
            paragraph = join_lines(box.lines, words)
            if not paragraph:
                continue
            if (last is not None and role == "text"
                    and _goes_on(text, paragraph, last, _cut(last, box) or skipped)):
                cut = text.rfind("\n\n", 0, len(text) - 2) + 2  # where the last one starts
                joined = join_lines((text[cut:-2], paragraph), words)
                text = text[:cut] + joined + "\n\n"
                # A page that opens by going on with a paragraph starts where its part does.
                starts[-1] = min(starts[-1], cut + len(joined) - len(paragraph))
            else:
                text += paragraph + "\n\n"
            last = box if role == "text" else None
            skipped = False
    end = len(text.rstrip("\n"))
    return _settled(text.rstrip("\n") + "\n"), [min(s, end) for s in starts]


def _settled(text: str) -> str:
    """A hyphen mark that nothing followed (the paragraph ends there) as the "-" it is."""
    return _LEFT_MARK.sub("-", text)


#: What closes a paragraph: after it, the next box starts a new one.
_CLOSED = (".", "!", "?", ":", ";", "…", '"', "”", ")")
#: Besides a lower-case letter or a digit, what a sentence may go on with after a break:
#: "about | $4 billion", "about | €5 billion", "(including …".
_GOES_ON_WITH = tuple("$€£¥₹(")
#: A line that ends this close to its box's right edge (share of the box's width) fills it:
#: a paragraph's last line rarely does, a line cut by a column or page break does.
FULL_LINE = 0.05


def _goes_on(text: str, paragraph: str, last: Box, cut: bool) -> bool:
    """Whether `paragraph` goes on with the paragraph of prose `last` that ends `text`: a word
    broken at the foot of a column ("cross-" | "regional"), or a sentence not closed by
    punctuation that goes on in lower case; after a cut (`cut`: a column or page break, or
    a figure or caption left out), also one that goes on with a number ("about | 11% of
    …") or a currency, or whatever follows a last line that fills its column."""
    end = text.rstrip("\n")
    if _broken_word(end) and _WORD_START.match(paragraph):
        return True
    if end.endswith(_CLOSED):
        return False
    first = paragraph[:1]
    if first.islower():
        return True
    return cut and (first.isdigit() or first in _GOES_ON_WITH or _fills(last))


def _cut(last: Box, box: Box) -> bool:
    """Whether `box` comes after a column or page break from `last`: on a later page, or
    starting above `last`'s foot (the top of the next column)."""
    return box.page != last.page or box.top < last.bottom


def _fills(box: Box) -> bool:
    """Whether a box of two lines or more ends with a line that fills its width."""
    if len(box.line_boxes) < 2:
        return False
    return box.line_boxes[-1][2] >= box.x1 - FULL_LINE * (box.x1 - box.x0)


def _broken_word(text: str) -> re.Match[str] | None:
    """The last word of `text` when a hyphen mark ends it ("cross-", "govern\x02")."""
    return _WORD_END.search(text, max(len(text) - WORD_REACH, 0))


def _vocabulary(boxes: list[Box]) -> Vocabulary:
    """The document's words and hyphenated pairs: tell a compound broken at its hyphen
    ("state-owned") from a word broken by hyphenation ("infra-structure")."""
    return Vocabulary.of_lines(line for b in boxes for line in b.lines)


def join_lines(lines: Iterable[str], words: Vocabulary | Iterable[str]) -> str:
    """A box's lines as one paragraph: a word broken at a line end joined, with its hyphen
    or without (`keeps_hyphen`); other line breaks a space. A hyphen mark ending the last
    line stays, for `_layout` to join the next box to it. `words`: the document's
    `Vocabulary` (or a plain list of its words)."""
    if not isinstance(words, Vocabulary):
        words = Vocabulary.of_words(words)
    out = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        head, tail = _broken_word(out), _WORD_START.match(line)
        if not out:
            out = line
        elif head and tail:
            kept = keeps_hyphen(head.group(1), tail.group(1), out[-1], words)
            # The mark as written when kept ("-", U+2010), a "-" for PDFium's and a soft one.
            hyphen = out[-1] if out[-1] not in (PDFIUM_HYPHEN, SOFT_HYPHEN) else "-"
            out = out[:-1] + (hyphen if kept else "") + line
        else:
            out = _settled(out) + " " + line
    return out


# --------------------------------------------------------------------------- metadata


def _metadata(data: bytes, info: dict[str, str]) -> dict[str, str]:
    """Title, author and date from the XMP packet, else the document information dictionary.
    The author is the report's publisher when it names one ("Institute for Digital
    Statecraft"; WeasyPrint writes `<meta name="author">` there), not a placeholder."""
    found = _xmp(data)
    title = " ".join(clean_text(info.get("Title", "")).split())
    author = _author(info.get("Author", ""))
    day = parse_date(_pdf_date(info.get("CreationDate", "").strip()))
    for key, value in (("title", title), ("author", author), ("date", day)):
        if not found.get(key) and value:
            found[key] = value
    return found


#: Authors that name no one: what office suites and converters write by default.
PLACEHOLDER_AUTHORS = frozenset({
    "admin", "administrator", "author", "user", "owner", "unknown", "anonymous", "none",
    "n/a", "microsoft office user", "windows user", "microsoft", "office", "default",
})
#: An author longer than this is no name.
AUTHOR_MAX_CHARS = 200


def _author(value: str) -> str:
    """A document's author as a publisher's name, or "" for none or a placeholder."""
    name = " ".join(clean_text(value).split())
    if (not name or len(name) > AUTHOR_MAX_CHARS or name.casefold() in PLACEHOLDER_AUTHORS
            or not any(c.isalpha() for c in name)):
        return ""
    return name


def _pdf_date(value: str) -> str:
    """`D:20250314093000+01'00'` -> `2025-03-14` (parse_date reads that)."""
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})", value)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else value


def _xmp(data: bytes) -> dict[str, str]:
    """dc:title, dc:creator and the creation date from the XMP metadata, parsed without a
    DTD, entities or network: the packet is untrusted like the rest of the file."""
    from lxml import etree

    packet = _xmp_packet(data)
    if not packet:
        return {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, recover=True)
    try:
        root = etree.fromstring(packet.strip(), parser)
    except etree.XMLSyntaxError:
        return {}
    if root is None:
        return {}
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
          "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
    title = root.xpath("string(//dc:title//rdf:li[1])", namespaces=ns)
    author = root.xpath("string(//dc:creator//rdf:li[1])", namespaces=ns)
    day = (root.xpath("string(//xmp:CreateDate)", namespaces=ns)
           or root.xpath("string(//dc:date//rdf:li[1])", namespaces=ns))
    out = {"title": " ".join(clean_text(str(title)).split()), "author": _author(str(author)),
           "date": parse_date(str(day)) or ""}
    return {k: v for k, v in out.items() if v}


def _xmp_packet(data: bytes) -> bytes | None:
    """The catalog's /Metadata stream. PDFium does not give it, so pypdf reads it, and
    only when the file names one (most reports carry their title in the information
    dictionary that PDFium gives; the import costs about 0.1 s)."""
    if b"/Metadata" not in data and b"/ObjStm" not in data:
        return None  # neither named in the open nor hidden in a compressed object stream
    import io
    import logging

    import pypdf

    # pypdf logs a warning for every oddity of a damaged file; the file's reason to be
    # skipped, if any, comes from PDFium.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        root: Any = pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]  # a dictionary
        stream = root.get("/Metadata")
        return stream.get_object().get_data() if stream is not None else None
    except Exception:  # a damaged metadata stream: the information dictionary still gives them
        return None


def _first_title(first_page: list[str]) -> str | None:
    """A report with no title in its metadata: the first short line of its first page."""
    for line in first_page[:5]:
        if 2 <= len(line.split()) <= 20 and not date_line(line):
            return line
    return None
