"""The text boxes (paragraphs) of a PDF page, from PDFium's characters.

PDFium (pypdfium2) gives each character of a page with its box, about 20 times faster than
pdfminer.six interprets the page in Python. We group the characters into lines and the
lines into boxes with pdfminer's own rules and default margins (`LAParams()`), which the
reading order in `pdf.py` was built and tested on: a character joins the line of the one
before it when they overlap vertically by half the smaller height and lie within two
character widths; a line joins a box when it is as high, within half a line height above
or below, and aligned with it on the left, the right or the centre.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

#: pdfminer.six's LAParams defaults (char_margin, line_overlap, line_margin).
CHAR_MARGIN = 2.0
LINE_OVERLAP = 0.5
LINE_MARGIN = 0.5
#: Two words that PDFium separates with a space and that share a baseline stay on one line
#: when they are this many line heights apart or less. pdfminer's margin alone (two widths
#: of the neighbouring characters) splits justified text: in a narrow column a stretched
#: space is wider than two "i"s, and a line such as "Our assessment  is  that  the" fell
#: apart into boxes that were then read out of order. A column gap is wider than this.
WORD_GAP = 1.25
#: Between words: PDFium's own spaces and line breaks, and the file's spaces.
_SPACES = frozenset(" \t\r\n\u00a0")


@dataclass(frozen=True, slots=True)
class Box:
    """A block of lines on one page; `top` and `bottom` are measured from the top edge."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    lines: tuple[str, ...]
    page_height: float

    @property
    def flat(self) -> str:
        return " ".join(" ".join(self.lines).split())


@dataclass(slots=True)
class _Line:
    x0: float
    top: float
    x1: float
    bottom: float
    text: list[str]
    last: tuple[float, float, float, float]
    """The box of its last character: where the next one must be to go on the line."""


def page_boxes(page, number: int) -> list[Box]:
    """The text boxes of one pypdfium2 page, in the order their first line was written."""
    height, shown = _orientation(page)
    textpage = page.get_textpage()
    try:
        lines = _lines(_chars(textpage.raw, shown))
    finally:
        textpage.close()
    return [Box(number, min(ln.x0 for ln in group), group[0].top, max(ln.x1 for ln in group),
                max(ln.bottom for ln in group), tuple("".join(ln.text) for ln in group), height)
            for group in _groups(lines)]


# --------------------------------------------------------------------------- characters

#: From PDF user space (x, y up) to shown coordinates (x, y down from the top):
#: ((a, b, c), (d, e, f)) gives x' = a·x + b·y + c and top = d·x + e·y + f.
_Affine = tuple[tuple[float, float, float], tuple[float, float, float]]


def _orientation(page) -> tuple[float, _Affine]:
    """The page's height as it is shown, and the map to shown coordinates, turning the
    page by its /Rotate as pdfminer does: a landscape page stored upright and rotated
    reads like any other."""
    x0, y0, x1, y1 = page.get_mediabox()
    rotation = page.get_rotation()
    if rotation == 90:
        return x1 - x0, ((0, 1, -y0), (1, 0, -x0))
    if rotation == 180:
        return y1 - y0, ((-1, 0, x1), (0, 1, -y0))
    if rotation == 270:
        return x1 - x0, ((0, -1, y1), (-1, 0, x1))
    return y1 - y0, ((1, 0, -x0), (0, -1, y1))


def _chars(textpage, shown: _Affine) -> Iterator[tuple[str, float, float, float, float] | None]:
    """Each character as (text, x0, top, x1, bottom) in shown coordinates; None between
    words (PDFium's generated spaces and line breaks are whitespace too). This loop runs
    once per character of the report: it is kept to three C calls and plain arithmetic."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    (a, b, c), (d, e, f) = shown
    unicode, loose_box = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetLooseCharBox
    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    for i in range(pdfium_c.FPDFText_CountChars(textpage)):
        code = unicode(textpage, i)
        char = chr(code) if 0 < code < 0x110000 else "\ufffd"
        if char in _SPACES:
            yield None
        elif loose_box(textpage, i, ref):
            left, right, top, bottom = rect.left, rect.right, rect.top, rect.bottom
            xa, xb = a * left + b * top + c, a * right + b * bottom + c
            ya, yb = d * left + e * top + f, d * right + e * bottom + f
            yield (char, xa if xa < xb else xb, ya if ya < yb else yb,
                   xb if xa < xb else xa, yb if ya < yb else ya)


# --------------------------------------------------------------------------- lines


def _lines(chars: Iterator[tuple[str, float, float, float, float] | None]) -> list[_Line]:
    """Characters in the order they were written, grouped into lines."""
    lines: list[_Line] = []
    line: _Line | None = None
    gap = False
    for char in chars:
        if char is None:
            gap = True
            continue
        text, x0, top, x1, bottom = char
        if line is not None and _goes_on(line.last, x0, top, x1, bottom, spaced=gap):
            line.text.append(" " + text if gap else text)
            line.x0, line.top = min(line.x0, x0), min(line.top, top)
            line.x1, line.bottom = max(line.x1, x1), max(line.bottom, bottom)
            line.last = (x0, top, x1, bottom)
        else:
            line = _Line(x0, top, x1, bottom, [text], (x0, top, x1, bottom))
            lines.append(line)
        gap = False
    return lines


def _goes_on(last: tuple[float, float, float, float], x0: float, top: float, x1: float,
             bottom: float, *, spaced: bool = False) -> bool:
    """pdfminer's test for two characters on one line (`halign` in LTLayoutContainer),
    with room for a justified space between words (`WORD_GAP`)."""
    lx0, ltop, lx1, lbottom = last
    overlap = min(lbottom, bottom) - max(ltop, top)
    if overlap <= 0 or overlap <= LINE_OVERLAP * min(lbottom - ltop, bottom - top):
        return False
    if x0 < lx1 and lx0 < x1:
        return True  # they overlap: no distance between them
    distance = min(abs(lx0 - x1), abs(lx1 - x0))
    if spaced and lx1 <= x0 and distance <= WORD_GAP * max(lbottom - ltop, bottom - top):
        return True  # the next word of the line, to the right, past a stretched space
    return distance < CHAR_MARGIN * max(lx1 - lx0, x1 - x0)


# --------------------------------------------------------------------------- boxes


def _groups(lines: list[_Line]) -> list[list[_Line]]:
    """Lines grouped into boxes (each top to bottom), boxes in the order of their first
    written line: connected neighbours, as pdfminer's `group_textlines`."""
    parent = list(range(len(lines)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _neighbours(lines):
        parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(lines)):
        groups.setdefault(root(i), []).append(i)
    ordered = sorted(groups.values(), key=lambda members: members[0])
    return [[lines[i] for i in sorted(members, key=lambda i: (lines[i].top, i))]
            for members in ordered]


def _neighbours(lines: list[_Line]) -> Iterator[tuple[int, int]]:
    """Pairs of lines that belong to one box. Lines sorted by their top edge: only those
    within reach vertically are compared."""
    order = sorted(range(len(lines)), key=lambda i: lines[i].top)
    tops = [lines[i].top for i in order]
    tallest = max((ln.bottom - ln.top for ln in lines), default=0.0)
    for i, line in enumerate(lines):
        reach = LINE_MARGIN * (line.bottom - line.top)
        first = bisect_left(tops, line.top - tallest - reach)
        for k in range(first, len(order)):
            other = lines[order[k]]
            if other.top >= line.bottom + reach:
                break
            if order[k] != i and _neighbour(line, other, reach):
                yield i, order[k]


def _neighbour(line: _Line, other: _Line, d: float) -> bool:
    """pdfminer's `LTTextLineHorizontal.find_neighbors` test, with tolerance `d`."""
    if (other.x1 <= line.x0 or line.x1 <= other.x0 or other.bottom <= line.top - d
            or line.bottom + d <= other.top):
        return False
    if abs((other.bottom - other.top) - (line.bottom - line.top)) > d:
        return False
    return (abs(other.x0 - line.x0) <= d or abs(other.x1 - line.x1) <= d
            or abs((other.x0 + other.x1) - (line.x0 + line.x1)) / 2 <= d)
