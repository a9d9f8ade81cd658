"""Readers for files that are not plain text: saved web pages and PDF reports.

Each reader turns a file's bytes into a `Reading`: the text that facts are cited into, and
what the file says about itself. The corpus then cuts that text into blocks exactly as it
does a `.txt` file's, so extraction, the store and `verify` see one kind of input. Readers
import their libraries lazily: a corpus of text files never loads them.
"""

from __future__ import annotations

from briefing.ingest.formats.reading import HTML_SUFFIXES, PDF_SUFFIXES, Reading

__all__ = ["HTML_SUFFIXES", "PDF_SUFFIXES", "Reading", "read_formatted"]


def read_formatted(name: str, data: bytes) -> Reading | None:
    """The reading of an HTML or PDF file by its name; None for any other (text) file.
    Raises CorpusError with a one-line reason when the file cannot be read."""
    lower = name.lower()
    if lower.endswith(HTML_SUFFIXES):
        from briefing.ingest.formats.html import read_html

        return read_html(data)
    if lower.endswith(PDF_SUFFIXES):
        from briefing.ingest.formats.pdf import read_pdf

        return read_pdf(data)
    return None
