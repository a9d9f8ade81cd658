"""Readers for files that are not plain text: saved web pages and PDF reports.

Each reader turns a file's bytes into a `Reading`: the text that facts are cited into, and
what the file says about itself. The corpus then cuts that text into blocks exactly as it
does a `.txt` file's, so extraction, the store and `verify` see one kind of input. Readers
import their libraries lazily: a corpus of text files never loads them.
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


def read_formatted(name: str, data: bytes) -> Reading | None:
    """The reading of an HTML or PDF file by its name; None for any other (text) file.
    Raises CorpusError with a one-line reason when the file cannot be read."""
    lower = name.lower()
    if lower.endswith(HTML_SUFFIXES):
        from briefing.formats.html import read_html

        return read_html(data)
    if lower.endswith(PDF_SUFFIXES):
        from briefing.formats.pdf import read_pdf

        return read_pdf(data)
    return None
