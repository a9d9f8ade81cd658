"""The top of an article's body: headline, date lines, bylines, wire and site prefixes.
They are metadata, not facts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.dates import cover_publisher, date_line, month_line, parse_date
from briefing.ingest import cues
from briefing.ingest.article import Block
from briefing.ingest.date_stamps import date_only_match
from briefing.ingest.lines import TITLE_MIN_WORDS
from briefing.text import collapse

# --------------------------------------------------------------------------- the header

#: Blocks looked at for a headline, date line, byline and dateline before the story starts.
HEADER_BLOCKS = 8
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
    the Pacific Policy Institute", "Tokyo Patent Digest — 12 March 2026") or a cover line
    with its kind ("Korea Institute for Digital Policy — Policy Brief 2026-08"): below the
    file's own metadata, above its URL's host."""
    month: str | None = None
    """`YYYY-MM` of a line that dates the article by its month alone ("September 2026"):
    no day, so never its date; the corpus says the month is known."""


def read_header(text: str, blocks: list[Block], *, need_title: bool) -> Header:
    """Take the headline, date lines, bylines and wire/site prefixes off the top of a body:
    they are metadata, not facts. A headline is only ever a short, title-like line: a body
    paragraph is never swallowed, and a one-paragraph file stays an article."""
    kept: list[Block] = []
    title = day = place = publisher = yearless = issuer = month = None
    title_at = _title_index(text, blocks) if need_title else None
    in_header = True
    decks: list[Block] = []  # paragraphs under the headline, before any byline or dateline
    for n, block in enumerate(blocks):
        if not in_header or n >= HEADER_BLOCKS:
            kept.append(block)
            continue
        line = collapse(text[block.start:block.end])
        marked = unbold(line)
        line_day = date_line(marked)
        stamp = None if line_day else date_only_match(marked)
        line_month = None if line_day or stamp else month_line(marked)
        named = cover_publisher(marked)  # a date line's, or a cover line's with its kind
        if line_day or stamp or line_month or named or cues.BYLINE.match(line):
            day = day or line_day or parse_date(stamp["date"] if stamp else line)
            month = month or line_month
            issuer = issuer or named
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
    return Header(kept, title, day, place, publisher, yearless, issuer, month)


# Markdown's strong emphasis on part of a line: "**Tokyo Patent Digest** | 12 March 2026".
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def unbold(line: str) -> str:
    """A line as read for a date or cover line: without Markdown's strong emphasis marks."""
    return _BOLD.sub(r"\2", line) if "**" in line or "__" in line else line


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
        marked = unbold(line)
        if (date_line(marked) or date_only_match(marked) or cues.BYLINE.match(line)
                or month_line(marked) or cover_publisher(marked)):
            continue  # a date line or a cover line is never a headline
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








