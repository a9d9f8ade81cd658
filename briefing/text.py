"""Plain forms of article text for matching: same length, so offsets still point into the
source."""

from __future__ import annotations

import hashlib
import re

# Same-length replacements: matching sees plain forms, offsets still point into the source.
_PLAIN = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-",
})
_PLAIN_PAIRS = tuple((chr(k), v) for k, v in _PLAIN.items())


def plain(text: str) -> str:
    # Most article text is ASCII; the rest has a few such characters: a replace() per kind
    # present runs in C, where translate() would look up every character in a dict.
    if text.isascii():
        return text
    for fancy, simple in _PLAIN_PAIRS:
        if fancy in text:
            text = text.replace(fancy, simple)
    return text


# Ligature characters (PDF reports hold them): quotes keep them, matching reads the letters.
# Not same-length, so only for matching that needs no offsets (themes, fact keys, verify).
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_LIGATURE_CHARS = tuple(chr(c) for c in range(0xFB00, 0xFB07))


def unligature(text: str) -> str:
    if text.isascii() or not any(c in text for c in _LIGATURE_CHARS):
        return text
    return text.translate(_LIGATURES)


# A Markdown blockquote wrapped over several lines repeats its marker on each ("> make sure
# of it,\" the minister said."): the marker is layout, never the quote's text. Collapsed
# text (statements, and what `verify` compares) reads the line without it.
_QUOTE_LINE = re.compile(r"\n[ \t]*>+(?=[ \t])")


def collapse(text: str) -> str:
    if "\n" in text and ">" in text:
        text = _QUOTE_LINE.sub("\n", text)
    return " ".join(text.split())


def word_set(text: str) -> frozenset[str]:
    """A word list written as one string (easier to read and extend than a list literal)."""
    return frozenset(text.split())


# --------------------------------------------------------------------------- wording keys
# Here, not with the extractor: the store, briefs and verify compare wordings without
# loading the extractor.

_WORD = re.compile(r"\w+")
# ASCII letters, digits and "_" (what \w matches in ASCII) kept, every other byte a space.
_ASCII_WORDS = bytes(c if chr(c).isalnum() or c == ord("_") else ord(" ") for c in range(128)
                     ) + b" " * 128
#: Similarity (rapidfuzz Indel, 0-1) at or above which two wordings with the same figures
#: are one fact: a wire copy lightly edited. The store merges by it; `verify` accepts it.
NEAR_SAME_WORDING = 0.92


def norm_key(text: str) -> str:
    """Wording with case, punctuation and quote style removed: equal keys are the same fact."""
    if text.isascii():  # most sentences: one byte-table pass instead of a regex
        return " ".join(text.lower().encode().translate(_ASCII_WORDS).decode().split())
    return " ".join(_WORD.findall(unligature(plain(text)).lower()))


def fact_id(text: str, key: str | None = None) -> str:
    """Stable id of a wording (pass its norm_key when already computed)."""
    key = norm_key(text) if key is None else key
    return "f" + hashlib.sha1(key.encode()).hexdigest()[:10]
