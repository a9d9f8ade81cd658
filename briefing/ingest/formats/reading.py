"""What a reader gives: a `Reading` of one file, and the file suffixes each reader takes.
A leaf the readers (`html`, `pdf`) and the corpus import.
"""

from __future__ import annotations

from dataclasses import dataclass

HTML_SUFFIXES = (".html", ".htm")
PDF_SUFFIXES = (".pdf",)


@dataclass(frozen=True, slots=True)
class Reading:
    """A file's text as a reader extracted it, with the metadata the file gives."""

    text: str
    """The extracted text: paragraphs separated by blank lines. Spans point into it."""
    extractor: str
    """The library and version that extracted `text`, e.g. `trafilatura 2.3.1`."""
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    """ISO `YYYY-MM-DD`, only when the file states it."""
    url: str | None = None
    pages: tuple[int, ...] = ()
    """PDF only: offset in `text` where each page starts."""
    warnings: tuple[str, ...] = ()
    month: str | None = None
    """`YYYY-MM` when the file dates itself by its month alone ("September 2026" on a
    report's cover) and gives no day: `date` stays None, since a date is a day."""
