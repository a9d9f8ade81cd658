"""A text file's bytes as text: UTF-8, else Windows-1252 with a warning, cleaned as every
reader's text is. A leaf below the corpus and the format readers (a saved page without a
declared charset is decoded the same way), so that both import it and neither the other.
"""

from __future__ import annotations

from briefing.errors import CorpusError
from briefing.ingest.formats.normalise import clean_text


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Bytes -> text. UTF-8 (BOM removed), else cp1252 with a warning. Cleaned as every
    reader's text is (`clean_text`: no control characters or escape sequences, soft hyphens,
    ligatures): spans point into the cleaned text, and `verify` decodes the same way."""
    if not data.strip():
        raise CorpusError("empty file")
    if b"\x00" in data[:4096] or _control_ratio(data[:4096]) > 0.05:
        raise CorpusError("binary file, not text")
    try:
        return clean_text(data.decode("utf-8-sig")), ()
    except UnicodeDecodeError:
        pass
    try:
        return clean_text(data.decode("cp1252")), ("not UTF-8; read as Windows-1252 (cp1252)",)
    except UnicodeDecodeError as err:
        reason = f"not valid text: neither UTF-8 nor Windows-1252 ({err.reason})"
        raise CorpusError(reason) from None


_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _control_ratio(data: bytes) -> float:
    controls = len(data) - len(data.translate(None, _CONTROL))
    return controls / max(len(data), 1)
