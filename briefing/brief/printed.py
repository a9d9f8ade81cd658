"""A quote from a PDF report checked against the report as printed, read independently.

`briefing verify` compares a quote with the text our own reader made of the report (PDFium's
characters put in reading order by us, running headers dropped): when that reading is wrong
(a running header or a table's last number glued into a sentence), the quote is wrong in the
same way and the comparison still agrees. So a quote from a report is also looked for in the
text pypdf extracts from the cited page, by another parser and in the order the file stores
its text.

What is compared is each line's letters and digits (and currency and percent signs), case
folded after NFKC: spaces, hyphens (a word broken at a line end), ligatures, quote marks and
other punctuation drop out, so the two readers' ways of writing the same text agree. The
quote must then read on in order, line after line: its start at the start of a sentence
(the line's start, or after ". ", ": ", a bullet or a paragraph's number "2.1"…), each
part running to the end of its line, the next part at the start of a later line. Between
two parts a few whole lines may be skipped (`GAP_LINES`): where a sentence runs on past a
column or page break, a figure's or table's lines and the page's footer sit between its
parts in the file's order. A header glued into a quote fails: the header is a line of its
own somewhere else, not the start of the sentence's line.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

#: Whole lines a quote may skip between two of its parts. The trial's report put a 6-row
#: table and the page footer (8 lines) between a sentence's first word, at the foot of a
#: column, and the rest, at the top of the next page.
GAP_LINES = 30
#: Characters kept besides letters and digits: a figure's unit must match too.
_SIGNS = frozenset("$€£¥₹₩%")
#: What may stand right before a quote on its line: a sentence or clause end, a closing quote
#: or bracket, a bullet or a dash ("• The ministry", "1. The ministry", "said.” The").
_SENTENCE_ENDS = frozenset(".!?:;)]}\"'”’»•·▪‣–—-*")
#: The number of a numbered paragraph, alone before its text on the line: "2.1", "4.", "12",
#: "(3)", "(b)", "(iv)", "§ 7" (government white papers and statutes number paragraphs so).
_PARAGRAPH_NUMBER = re.compile(
    r"^(?:§\s*)?(?:\d{1,3}(?:\.\d{1,3})*\.?|\(\d{1,3}\)|\([a-z]\)|\([ivxlc]{1,6}\))$", re.I)


@dataclass(frozen=True, slots=True)
class Line:
    """A line of extracted text: its comparable characters and, for each, where it was."""

    raw: str
    key: str
    at: tuple[int, ...]
    """For each character of `key`, its index in `raw`."""


def key(text: str) -> str:
    """What is compared of a text: letters, digits and units, case folded."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold()
                   if c.isalnum() or c in _SIGNS)


def line_of(raw: str) -> Line:
    chars: list[str] = []
    at: list[int] = []
    for n, c in enumerate(raw):
        for k in unicodedata.normalize("NFKC", c).casefold():  # "ﬁ" is two letters
            if k.isalnum() or k in _SIGNS:
                chars.append(k)
                at.append(n)
    return Line(raw, "".join(chars), tuple(at))


def lines_of(text: str) -> list[Line]:
    """A page's text as comparable lines; lines with nothing to compare are dropped."""
    found = (line_of(raw) for raw in text.splitlines())
    return [line for line in found if line.key]


def reads_in_order(quote: str, lines: Sequence[Line], gap: int = GAP_LINES) -> bool:
    """Whether `quote` reads on in order in `lines`, as the module docstring says."""
    want = key(quote)
    if not want:
        return True
    seen: set[tuple[int, int]] = set()
    for n, line in enumerate(lines):
        start = line.key.find(want[0])
        while start != -1:
            if _starts_sentence(line, start) and _reads_from(want, 0, lines, n, start, gap, seen):
                return True
            start = line.key.find(want[0], start + 1)
    return False


def _reads_from(want: str, i: int, lines: Sequence[Line], n: int, start: int, gap: int,
                seen: set[tuple[int, int]]) -> bool:
    """Whether want[i:] reads from position `start` of line `n` on."""
    line = lines[n]
    rest = line.key[start:]
    if rest.startswith(want[i:]):
        return _ends_word(line, start + len(want) - i)
    if not want.startswith(rest, i):
        return False
    i += len(rest)  # the line is read to its end: the quote goes on at a later line's start
    for following in range(n + 1, min(n + 2 + gap, len(lines))):
        if (i, following) not in seen:
            seen.add((i, following))
            if _reads_from(want, i, lines, following, 0, gap, seen):
                return True
    return False


def _starts_sentence(line: Line, start: int) -> bool:
    """Whether a quote may start at `start` of a line: at its start, after a sentence's or
    clause's end, or after the number of a numbered paragraph that opens the line ("2.1
    Australia hosts …", "(b) The Minister …") when the quote starts with a capital: a
    number ending the line before a quote in lower case is a figure the quote left out
    ("about 2.1 | million people" quoted as "million people")."""
    before = line.raw[:line.at[start]].rstrip()
    if not before or before[-1] in _SENTENCE_ENDS:
        return True
    return bool(_PARAGRAPH_NUMBER.match(before)) and line.raw[line.at[start]].isupper()


def _ends_word(line: Line, end: int) -> bool:
    """Whether the quote's last character ends a word ("mission", not "missionary")."""
    return end >= len(line.key) or line.at[end] > line.at[end - 1] + 1


@dataclass(slots=True)
class PrintedReport:
    """A PDF's pages as pypdf reads them, each extracted once, when a quote needs it."""

    data: bytes
    _reader: Any = None
    _pages: dict[int, list[Line] | None] = field(default_factory=dict)
    problem: str = ""
    """Why pypdf cannot read the file ("" when it can)."""

    def page(self, number: int) -> list[Line] | None:
        """Page `number` (from 1) as comparable lines; None when there is no such page or
        pypdf cannot read it."""
        if number not in self._pages:
            self._pages[number] = self._read(number)
        return self._pages[number]

    def _read(self, number: int) -> list[Line] | None:
        if self.problem:
            return None
        try:
            if self._reader is None:
                import pypdf  # about 0.1 s: only a quote from a report needs it

                reader = pypdf.PdfReader(io.BytesIO(self.data))
                if reader.is_encrypted:
                    reader.decrypt("")  # PDFium opened it, so it has no user password
                self._reader = reader
            if not 1 <= number <= len(self._reader.pages):
                return None
            return lines_of(self._reader.pages[number - 1].extract_text() or "")
        # Any failure of this second parser on a file PDFium read (a damaged stream, a cipher
        # it needs another library for) only means the quote cannot be checked this way.
        except Exception as err:
            self.problem = f"pypdf cannot read it ({type(err).__name__})"
            self._reader = None
            return None

    @property
    def page_count(self) -> int:
        if self._reader is None:
            self.page(1)
        return len(self._reader.pages) if self._reader is not None else 0


def printed_verdict(report: PrintedReport, wordings: Sequence[str], page: int | None) -> str:
    """"" when one of the wordings reads in order on the cited page (or running on to the
    next page), else what to say: "missing" when it does not, "unread: why" when pypdf
    cannot read the page (no text layer it can decode), so nothing can be said."""
    numbers = [page] if page is not None else list(range(1, report.page_count + 1))
    if not numbers:
        return f"unread: {report.problem or 'pypdf finds no pages'}"
    unread = True
    for number in numbers:
        here = report.page(number)
        if not here:
            continue
        unread = False
        said = [w for w in wordings if w.strip()]
        if any(reads_in_order(w, here) for w in said):
            return ""
        after = report.page(number + 1)  # read only for a quote running on to the next page
        if after and any(reads_in_order(w, [*here, *after]) for w in said):
            return ""
    if unread:
        return f"unread: {report.problem or 'pypdf reads no text on the page'}"
    return "missing"
