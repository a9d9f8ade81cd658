"""The text boxes (paragraphs) of a PDF page, from PDFium's characters.

PDFium (pypdfium2) gives each character of a page with its box, about 20 times faster than
pdfminer.six interprets the page in Python. We group the characters into lines and the
lines into boxes with pdfminer's own rules and default margins (`LAParams()`), which the
reading order in `pdf.py` was built and tested on: a character joins the line of the one
before it when they overlap vertically by half the smaller height and lie within two
character widths; a line joins a box when it is as high, within half a line height above
or below, and aligned with it on the left, the right or the centre. To those rules we add
one: lines of different font sizes never share a box (a report's title and the subtitle
under it, a table's last cell and the caption under it), and each box says its font size
and whether it is bold, for `pdf.py` to tell headings, captions and labels from prose.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field

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
#: Two lines whose font sizes differ by more than this share of the larger are in different
#: boxes: a paragraph is set in one size, a heading, subtitle or caption in another (10.5 pt
#: body text and an 8.5 pt caption differ by 19%, a 22 pt title and a 12 pt subtitle by 45%).
SIZE_STEP = 0.1
#: What a font's name says when it is bold ("DejaVu-Serif-Bold", "Arial,Bold",
#: "Helvetica-BoldOblique", "SourceSansPro-Semibold", "Roboto-Black"), for files whose fonts
#: do not give their weight (WeasyPrint's report 400 for every font).
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")
#: PDFium's weight of a bold font.
BOLD_WEIGHT = 600
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
    size: float = 0.0
    """The font size its lines are set in, in points as shown (0 when unknown)."""
    bold: bool = False
    """Most of its lines are set in a bold font."""
    line_boxes: tuple[tuple[float, float, float, float], ...] = ()
    """Each line's (x0, top, x1, bottom)."""

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
    first_char: int
    last_char: int
    """PDFium's indices of its first and last characters (a line's are consecutive)."""
    size: float = 0.0
    bold: bool = False
    marks: list[tuple[float, float, int]] = field(default_factory=list)
    """For each piece of `text`, its character's top, bottom and index."""


def page_boxes(page, number: int) -> list[Box]:
    """The text boxes of one pypdfium2 page, in the order their first line was written."""
    height, shown = _orientation(page)
    textpage = page.get_textpage()
    try:
        lines = _lines(_chars(textpage.raw, shown))
        _read_styles(textpage.raw, lines)
        _drop_superscripts(textpage.raw, lines)
    finally:
        textpage.close()
    return [_box(number, group, height) for group in _groups(lines)]


def _box(number: int, group: list[_Line], height: float) -> Box:
    sizes = sorted(ln.size for ln in group)
    return Box(number, min(ln.x0 for ln in group), group[0].top, max(ln.x1 for ln in group),
               max(ln.bottom for ln in group), tuple("".join(ln.text) for ln in group), height,
               size=sizes[len(sizes) // 2], bold=2 * sum(ln.bold for ln in group) > len(group),
               line_boxes=tuple((ln.x0, ln.top, ln.x1, ln.bottom) for ln in group))


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


_Char = tuple[str, float, float, float, float, int]


def _chars(textpage, shown: _Affine) -> Iterator[_Char | None]:
    """Each character as (text, x0, top, x1, bottom, index) in shown coordinates; None between
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
                   xb if xa < xb else xa, yb if ya < yb else ya, i)


# --------------------------------------------------------------------------- lines


def _lines(chars: Iterator[_Char | None]) -> list[_Line]:
    """Characters in the order they were written, grouped into lines."""
    lines: list[_Line] = []
    line: _Line | None = None
    gap = False
    for char in chars:
        if char is None:
            gap = True
            continue
        text, x0, top, x1, bottom, index = char
        if line is not None and _goes_on(line.last, x0, top, x1, bottom, spaced=gap):
            line.text.append(" " + text if gap else text)
            line.x0, line.top = min(line.x0, x0), min(line.top, top)
            line.x1, line.bottom = max(line.x1, x1), max(line.bottom, bottom)
            line.last = (x0, top, x1, bottom)
            line.last_char = index
            line.marks.append((top, bottom, index))
        else:
            line = _Line(x0, top, x1, bottom, [text], (x0, top, x1, bottom), index, index,
                         marks=[(top, bottom, index)])
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


def _read_styles(textpage, lines: list[_Line]) -> None:
    """Each line's font size, the median of three of its characters' (the first, the middle
    and the last: a superscript or a drop capital does not decide), and whether its middle
    character is bold (a bold lead-in does not make a line bold). A few C calls a line,
    not a character."""
    style = _Styles(textpage)
    for line in lines:
        middle = style.middle(line)
        sizes = sorted(style.size(i) for i in {line.first_char, middle, line.last_char})
        line.size = sizes[len(sizes) // 2]
        line.bold = style.bold(middle)


#: A reference mark set as a superscript ("… of the total.²"): a character at most this share
#: of its line's usual height, its foot raised by at least this share of that height, in a
#: font smaller than the line's by more than SIZE_STEP. Footnote calls are digits, or one of
#: the marks below.
SUPERSCRIPT_HEIGHT = 0.85
SUPERSCRIPT_RAISE = 0.2
_REFERENCE_MARKS = frozenset("0123456789*†‡§¶")
#: A superscript after "10" is a power of ten, not a note ("10²⁵ operations"): kept as "10^25".
_POWER_BASE = "10"


def _drop_superscripts(textpage, lines: list[_Line]) -> None:
    """Footnote calls set as superscripts taken out of their lines: "… from the United
    States.³" reads "… from the United States.", not "States.3" (a figure glued to the
    sentence). Told by the characters' boxes (smaller, foot raised above the line's) and
    confirmed by their font size; a few C calls a candidate, none for other characters."""
    style: _Styles | None = None
    for line in lines:
        if len(line.marks) < 3 or len(line.marks) != len(line.text):
            continue
        heights = sorted(b - t for t, b, _ in line.marks)
        feet = sorted(b for _, b, _ in line.marks)
        usual, foot = heights[len(heights) // 2], feet[len(feet) // 2]
        raised = [n for n, (piece, (t, b, _)) in enumerate(zip(line.text, line.marks,
                                                                 strict=True))
                  if piece.strip() in _REFERENCE_MARKS and b - t <= SUPERSCRIPT_HEIGHT * usual
                  and b <= foot - SUPERSCRIPT_RAISE * usual]
        if not raised:
            continue
        style = style or _Styles(textpage)
        small = {n for n in raised
                 if style.size(line.marks[n][2]) < (1 - SIZE_STEP) * line.size}
        if small:
            _take_out(line, small)


def _take_out(line: _Line, marks: set[int]) -> None:
    """A line without the pieces at `marks`; a run of them set right after a word "10" is
    its exponent, written after a "^"."""
    text: list[str] = []
    kept: list[tuple[float, float, int]] = []
    power = False
    for n, (piece, mark) in enumerate(zip(line.text, line.marks, strict=True)):
        if n not in marks:
            power = False
        elif not power:
            head = "".join(text)
            power = (piece == piece.strip() and head.endswith(_POWER_BASE)
                     and head[:-len(_POWER_BASE)][-1:] in ("", " "))
            if not power:
                continue  # a footnote call: left out
            piece = "^" + piece
        text.append(piece)
        kept.append(mark)
    line.text, line.marks = text, kept


class _Styles:
    """Font sizes and weights of one text page's characters."""

    def __init__(self, textpage) -> None:
        import ctypes

        import pypdfium2.raw as pdfium_c

        self.page = textpage
        self.c = pdfium_c
        self.matrix = pdfium_c.FS_MATRIX()
        self.matrix_ref = ctypes.byref(self.matrix)
        self.name = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()
        self.flags_ref = ctypes.byref(self.flags)

    def middle(self, line: _Line) -> int:
        """A character near the middle of a line that is no space (spaces have no font)."""
        for i in range((line.first_char + line.last_char) // 2, line.last_char):
            code = self.c.FPDFText_GetUnicode(self.page, i)
            if 0 < code < 0x110000 and chr(code) not in _SPACES:
                return i
        return line.first_char

    def size(self, i: int) -> float:
        """A character's font size in points as shown (PDFium gives it in text space, before
        the page's scale: WeasyPrint sets 10.5 pt text as a 14-unit font at 0.75)."""
        c, m = self.c, self.matrix
        size: float = c.FPDFText_GetFontSize(self.page, i)
        if c.FPDFText_GetMatrix(self.page, i, self.matrix_ref):
            size *= abs(m.a * m.d - m.b * m.c) ** 0.5
        return size

    def bold(self, i: int) -> bool:
        """Whether a character's font is bold, by its weight or else by its name."""
        if self.c.FPDFText_GetFontWeight(self.page, i) >= BOLD_WEIGHT:
            return True
        self.c.FPDFText_GetFontInfo(self.page, i, self.name, len(self.name), self.flags_ref)
        font = self.name.value.decode("latin-1").lower()
        return any(word in font for word in _BOLD_NAMES)


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
    """pdfminer's `LTTextLineHorizontal.find_neighbors` test, with tolerance `d`, and one
    font size (`SIZE_STEP`)."""
    if abs(line.size - other.size) > SIZE_STEP * max(line.size, other.size):
        return False
    if (other.x1 <= line.x0 or line.x1 <= other.x0 or other.bottom <= line.top - d
            or line.bottom + d <= other.top):
        return False
    if abs((other.bottom - other.top) - (line.bottom - line.top)) > d:
        return False
    return (abs(other.x0 - line.x0) <= d or abs(other.x1 - line.x1) <= d
            or abs((other.x0 + other.x1) - (line.x0 + line.x1)) / 2 <= d)
