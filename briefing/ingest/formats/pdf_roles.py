"""What each text box of a report is: its prose, a heading, or the apparatus around them.

A report's text (what facts are quoted from) is its prose and its headings. The rest is
read for metadata or not at all, so that no running header, title, caption or chart label
is ever quoted as a fact, and a paragraph cut by a page or column break is joined across
whatever sat in the cut (a running header, a figure). Each rule looks at the layout the
file gives (where a box sits, its font size and weight, what lies beside it), never at
one report's wording:

- running lines: at a page's top or bottom edge, a line whose wording (digits aside)
  repeats on other pages, a bare page number, a line that is the report's title or author
  again ("Sovereign AI Compute Index 2025" over page 2 of a 2-page report), or a line in the
  margin above or below the text area;
- the title block: page 1's title (its largest type, in the top half) and the lines right
  under it set in neither the body's size nor bold (subtitle, "Institute · Report No. 14 ·
  May 2025"); the title is the report's title, the rest is not text;
- captions and notes: a box opening with "Figure 1.", "Fig. 2:", "Table 3 –", "Chart 4.",
  "Exhibit 5:", "Map 6.", "Source:", "Sources:", "Note:" or "Notes:";
- labels: short lines that end no sentence and are set smaller than the body (chart text,
  table cells, a date under a cover), or in the body's size but side by side in rows, as
  the cells of a table or the bars of a chart are, with the line right above or below such
  a grid (its title, its axis); and a table whose rows are set as one block of short lines
  of names and numbers;
- footnotes: the blocks at the foot of a page, under all of its text set in the body's
  size, set smaller than the body ("1. See Nvidia, …", "4. Based on LinkedIn profile data
  …"): a note on the text, not a statement of it;
- headings: short lines set larger than the body or in bold that end no sentence. They
  stay in the text (they name the section that follows), never joined to a paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from typing import Literal

from briefing.ingest.formats.pdf_boxes import SIZE_STEP, Box

Role = Literal["text", "heading", "running", "title", "caption", "label", "note"]
#: The roles whose boxes are the report's text.
KEPT: tuple[Role, ...] = ("text", "heading")

#: A box this close to the top or bottom edge (share of the page height) may be a running
#: header or footer.
EDGE = 0.1
#: A running header or footer is a line or two: at most this many words.
RUNNING_WORDS = 16
#: A report's title is set at least this many times the body's size.
TITLE_SIZE = 1.3
#: The lines under a title that belong to its block (a subtitle, a publisher and date
#: line) have at most this many words: a longer one is an introduction.
TITLE_LINE_WORDS = 40
#: A heading, a label or a cell has at most this many words.
HEADING_WORDS = 20
LABEL_WORDS = 16
#: A table's rows read as one block have at most this many words a row, and at most this
#: share of its words are in lower case.
STACK_WORDS = 6
LOWER_SHARE = 0.25
#: The rows of a grid (a table, a bar chart) are at most this many line heights apart, and
#: its title or axis line this close to it.
GRID_REACH = 2.5
#: The tallest a label or cell is looked for above another (points): a box's top is where
#: comparisons start, and a taller neighbour above may still reach down to it.
_TALLEST = 200.0

_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$"
                          r"|^[ivxlcdm]{1,6}$", re.I)
#: How a caption or a note opens: "Figure 1. Operational capacity …", "Fig. 2: …", "Table 3 –
#: Budgets", "Chart 4.", "Exhibit 5:", "Map 6 | …", "Figure 2.1.", "Source: …", "Sources: …",
#: "Note: …", "Notes: …". A number must be followed by a separator: "Figure 3 shows that …"
#: and "Table 1 lists …" are sentences of the text.
_CAPTION = re.compile(
    r"^(?:(?:figure|fig\.|table|chart|exhibit|graph|map|diagram|infographic)\s*\d+[a-z]?"
    r"(?:\.\d+)*\s*(?:[.:|–—]|-\s)|(?:sources?|notes?)\s*:)", re.I)
#: What ends a sentence (before any closing quotes or brackets).
_SENTENCE_END = (".", "!", "?", "…", "。", "！", "？")
_CLOSERS = "\"'”’)]»"


def is_caption_line(line: str) -> bool:
    """Whether a line opens a caption or a note ("Figure 1. …", "Source: …")."""
    return bool(_CAPTION.match(line.lstrip()))


def ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip(_CLOSERS).endswith(_SENTENCE_END)


def name_key(text: str) -> str:
    """A title or name compared with case, punctuation and spacing set aside."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def body_size(pages: list[list[Box]]) -> float:
    """The font size most of the report's characters are set in (0 when unknown)."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for box in page:
            sizes[round(box.size * 2) / 2] += len(box.flat)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def classify(pages: list[list[Box]], names: Iterable[str]) -> tuple[list[list[Role]], str | None]:
    """Each box's role, page by page (boxes in reading order), and the title page 1's title
    block gives. `names`: the report's title and author from its metadata."""
    body = body_size(pages)
    block = title_block(pages[0], body) if pages else []
    title = block[0].flat if block else None
    keys = {name_key(n) for n in (*names, title or "") if name_key(n)}
    running = _Running(pages, body, keys)
    out: list[list[Role]] = []
    for page in pages:
        labels = {id(b) for b in _labels(page, body)}
        notes = {id(b) for b in _footnotes(page, body, running)}
        roles: list[Role] = []
        for box in page:
            if any(box is b for b in block):
                roles.append("title")
            elif running.holds(box):
                roles.append("running")
            elif id(box) in notes:
                roles.append("note")
            elif is_caption_line(box.flat):
                roles.append("caption")
            elif id(box) in labels:
                roles.append("label")
            elif _heading(box, body):
                roles.append("heading")
            else:
                roles.append("text")
        out.append(roles)
    return out, title


# --------------------------------------------------------------------------- the title block


def title_block(first_page: list[Box], body: float) -> list[Box]:
    """Page 1's title (the largest type in the top half, TITLE_SIZE times the body's or
    more, with nothing but short lines before it) and the lines right under it set in
    neither the body's size nor bold: the title first."""
    if not body:
        return []
    top = [b for b in first_page if b.top < b.page_height / 2]
    if not top:
        return []
    title = max(top, key=lambda b: b.size)
    if title.size < TITLE_SIZE * body:
        return []
    at = next(n for n, b in enumerate(first_page) if b is title)
    if any(len(b.flat.split()) > LABEL_WORDS for b in first_page[:at]):
        return []  # prose before it: a pull quote or a large figure, not a cover's title
    block = [title]
    for box in first_page[at + 1:]:
        if box.bold or _same_size(box.size, body) or len(box.flat.split()) > TITLE_LINE_WORDS:
            break
        block.append(box)
    return block


def _same_size(a: float, b: float) -> bool:
    return abs(a - b) <= SIZE_STEP * max(a, b)


# --------------------------------------------------------------------------- running lines


class _Running:
    """Running headers and footers, page numbers and lines in the margins of the page."""

    def __init__(self, pages: list[list[Box]], body: float, names: set[str]) -> None:
        edge = [b for page in pages for b in page if _at_edge(b)]
        seen = Counter(_shape(b.flat) for b in edge)
        self.repeats = {s for s, n in seen.items() if n >= 2 and n >= len(pages) / 3}
        self.names = names
        self.body = body
        # The text area: where the body's paragraphs (two lines or more in its size) reach,
        # on any page. A running line sits in the margin above or below it.
        prose = [b for page in pages for b in page
                 if len(b.lines) >= 2 and body and _same_size(b.size, body)]
        self.text_top = min((b.top for b in prose), default=None)
        self.text_bottom = max((b.bottom for b in prose), default=None)

    def holds(self, box: Box) -> bool:
        if not _at_edge(box):
            return False
        return (_shape(box.flat) in self.repeats or bool(_PAGE_NUMBER.match(box.flat))
                or name_key(box.flat) in self.names or self._in_margin(box))

    def _in_margin(self, box: Box) -> bool:
        """A line of the body's size or smaller, not bold, apart from the text area by a
        line's height or more."""
        if self.text_top is None or self.text_bottom is None or len(box.lines) > 1:
            return False
        if box.bold or box.size > self.body * (1 + SIZE_STEP):
            return False
        gap = self.body
        return box.bottom + gap <= self.text_top or box.top - gap >= self.text_bottom


def _at_edge(box: Box) -> bool:
    if len(box.flat.split()) > RUNNING_WORDS:
        return False  # body text that reaches the margin, not a header
    return box.top < box.page_height * EDGE or box.bottom > box.page_height * (1 - EDGE)


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


# --------------------------------------------------------------------------- footnotes


def _footnotes(page: list[Box], body: float, running: _Running) -> list[Box]:
    """The page's footnotes: boxes in its lower half set smaller than the body, under every
    box of the page's text set in the body's size (there must be one: a page set all in
    small type, an annex or a table, is no page of notes)."""
    if not body:
        return []
    text = [b for b in page if _same_size(b.size, body) and not running.holds(b)]
    if not text:
        return []
    foot = max(b.bottom for b in text)
    return [b for b in page if b.top >= foot and b.top > b.page_height / 2
            and b.size < body * (1 - SIZE_STEP) and not running.holds(b)]


# --------------------------------------------------------------------------- labels


def _short(box: Box, words: int = LABEL_WORDS) -> bool:
    """A line or a few that say no sentence: no more than `words` words, no full stop."""
    return len(box.flat.split()) <= words and not ends_sentence(box.flat)


def _labels(page: list[Box], body: float) -> list[Box]:
    """The page's labels: short lines set smaller than the body, the cells of grids in the
    body's size, and the line right above or below a grid."""
    if not body:
        return []
    small = [b for b in page if (_short(b) or _stacked(b)) and b.size < body * (1 - SIZE_STEP)]
    stacks = [b for b in page if _stacked(b) and _same_size(b.size, body) and not b.bold]
    level = _ByTop([b for b in page if _short(b) and _same_size(b.size, body)])
    in_rows = _ByTop([b for b in level.boxes if any(_same_row(b, o) for o in level.around(b))])
    # A cell has a row beside it: rows of one grid are close above or below each other.
    cells = _ByTop([b for b in in_rows.boxes
                    if any(not _same_row(b, o) and _near(b, o) for o in in_rows.around(b))])
    ids = {id(c) for c in cells.boxes}
    edges = [b for b in level.boxes if id(b) not in ids and any(
        _near(b, c) and _overlap(b.x0, b.x1, c.x0, c.x1) > 0 for c in cells.around(b))]
    return small + stacks + cells.boxes + edges


def _stacked(box: Box) -> bool:
    """Rows of a table set close enough to read as one block ("Region 1 3 7", "Region 2 6
    14", …): two lines or more, each of STACK_WORDS words or fewer, none ending a sentence
    or a clause (a comma), and few words in lower case (a sentence cut by a column break
    in a narrow column has short lines too, but mostly lower-case words)."""
    if len(box.lines) < 2 or any(len(line.split()) > STACK_WORDS or ends_sentence(line)
                                 or line.rstrip().endswith((",", ";")) for line in box.lines):
        return False
    words = [w for w in box.flat.split() if w[:1].isalpha()]
    return sum(w[0].islower() for w in words) <= LOWER_SHARE * len(words)


class _ByTop:
    """Boxes sorted by their top, to compare each only with those that may share a row with
    it or lie GRID_REACH line heights from it: a page of a thousand cells stays fast."""

    def __init__(self, boxes: list[Box]) -> None:
        self.boxes = sorted(boxes, key=lambda b: b.top)
        self.tops = [b.top for b in self.boxes]

    def around(self, box: Box) -> list[Box]:
        reach = GRID_REACH * max(box.size, 1.0)
        start = bisect_left(self.tops, box.top - reach - _TALLEST)
        end = bisect_right(self.tops, box.bottom + reach)
        return [b for b in self.boxes[start:end] if b is not box]


def _same_row(a: Box, b: Box) -> bool:
    """Side by side: they share a line's height and not a column's width."""
    shared = _overlap(a.top, a.bottom, b.top, b.bottom)
    lowest = min(a.bottom - a.top, b.bottom - b.top)
    return shared > 0.5 * lowest and _overlap(a.x0, a.x1, b.x0, b.x1) <= 0


def _near(a: Box, b: Box) -> bool:
    """Within GRID_REACH line heights above or below each other."""
    reach = GRID_REACH * max(a.size, b.size, 1.0)
    return b.top - a.bottom <= reach and a.top - b.bottom <= reach


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


# --------------------------------------------------------------------------- headings


def _heading(box: Box, body: float) -> bool:
    """A short line set larger than the body, or in bold, that ends no sentence."""
    if not _short(box, HEADING_WORDS):
        return False
    return box.bold or (bool(body) and box.size > body * (1 + SIZE_STEP))
