"""Characters that are never article text, removed where a file is read.

Every reader (text files in `corpus.decode`, pages in `formats.html`, reports in
`formats.pdf`) passes its text through `clean_text`, so that no fact, title or span ever
holds:

- a terminal escape sequence (`ESC [2J`, `ESC ]52;c;…BEL`): removed whole, parameters and
  all, so that neither the control nor its payload reaches a brief, a terminal or a font;
- any other C0 or C1 control character (tab, newline and carriage return kept: the readers
  cut paragraphs on them); the ones Python's `str.splitlines` reads as line breaks
  (vertical tab, form feed, the separators U+001C-U+001E, NEL) become a newline, which is
  what the corpus already made of them;
- PDFium's line-end hyphen marker: U+0002 from `FPDFText_GetUnicode`, U+FFFE in text
  copied out of a PDFium viewer or `FPDFText_GetText` ("state\ufffebacked"). It stands for
  a hyphen that ended a printed line: written as "-" or joined, see `keeps_hyphen`. The
  noncharacter U+FFFF goes too;
- a soft hyphen (U+00AD: only a place where a word may be broken);
- a zero-width space, word joiner or zero-width no-break space inside the text (they only
  say where a word may or may not break), and a zero-width joiner or non-joiner between
  two Latin letters (there they only steer ligatures; in Arabic, Persian, Indic scripts
  and emoji they change what is written, so they stay);
- the Latin ligature characters (U+FB00-U+FB06: ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ), written as their letters.

Text is only ever shortened or kept (never a character added in place of nothing), and the
same bytes always give the same text: spans into the cleaned text are what facts cite,
and `briefing verify` reads files through the same readers.

Imports nothing from `briefing`: every reader can use it, and `corpus` (compiled by mypyc)
type-checks it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

#: Named in a page's or report's extractor (`trafilatura 2.3.1; text rules 10`): bumped with
#: any change here or in how a reader joins lines, so `verify` can tell a brief made before
#: it "our extraction changed" rather than "the page changed".
TEXT_RULES = "text rules 10"
#: PDFium's code for a hyphen that ends a printed line (a "-" or a soft hyphen the file
#: drew there): `FPDFText_GetUnicode` gives 2 instead of the hyphen.
PDFIUM_HYPHEN = "\x02"
SOFT_HYPHEN = "\u00ad"
#: U+2010 HYPHEN: what WeasyPrint (and other typesetters) draw where they hyphenate a word.
TYPESET_HYPHEN = "\u2010"
#: What may end a line in the middle of a word: a hyphen character, PDFium's marker, or a
#: typesetter's hyphenation mark.
LINE_END_HYPHENS = ("-", PDFIUM_HYPHEN, SOFT_HYPHEN, TYPESET_HYPHEN)

# Anything worth a second look: most text has none of these and is returned as it is.
_SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff"
                      "\ufb00-\ufb06\ufffe\uffff]")
# ECMA-48 sequences, 7-bit (ESC …) and 8-bit (C1 …) forms: control strings (OSC, DCS, SOS,
# PM, APC) up to their terminator (BEL or ST) on the same line, control sequences (CSI) up
# to their final byte, and the two-character escapes. What a terminal would swallow.
_ESCAPE = re.compile(
    r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]{0,4096}(?:\x07|\x1b\\|\x9c)"
    r"|(?:\x1b\[|\x9b)[0-?]{0,64}[ -/]{0,8}[@-~]"
    r"|\x1b[ -/]{0,8}[0-~]")
# PDFium's marker where text was copied out of a PDF viewer: "Cross\x02 regional",
# "govern\x02\nment". Group 1 the word before, 2 the gap, 3 the word after.
_MARKED_BREAK = re.compile(r"(\w+)\x02([ \t]*(?:\r?\n[ \t]*)?)(?=(\w+))")
_C1 = re.compile("[\x80-\x9f]")
_LINE_BREAKS = str.maketrans({c: "\n" for c in "\x0b\x0c\x1c\x1d\x1e\x85"})
# Controls left once escape sequences are gone (line breaks already turned into "\n"),
# and characters that only say where a word may break.
_DROPPED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff\ufffe\uffff]")
_LATIN = "A-Za-z\u00c0-\u024f"
_LATIN_JOINER = re.compile(f"(?<=[{_LATIN}])[\u200c\u200d]+(?=[{_LATIN}])")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_WORD = re.compile(r"\w+")
# A word made of words joined by hyphens ("state-backed", "cross‐regional").
_COMPOUND = re.compile(r"\w+(?:[-\u2010\u2011]\w+)+")
_PARTS = re.compile(r"[-\u2010\u2011]")


def clean_text(text: str) -> str:
    """`text` without the characters listed in the module's docstring."""
    if not _SUSPECT.search(text):
        return text
    if "\x1b" in text or _C1.search(text):
        text = _ESCAPE.sub("", text)
    if PDFIUM_HYPHEN in text or "\ufffe" in text:
        text = _settle_marked_breaks(text.replace("\ufffe", PDFIUM_HYPHEN))
    text = text.translate(_LINE_BREAKS)
    text = _DROPPED.sub("", text).translate(_LIGATURES)
    return _LATIN_JOINER.sub("", text)  # last: what it looks between may have just changed


def _settle_marked_breaks(text: str) -> str:
    """PDFium's marker between two words, as a hyphen or joined (see `keeps_hyphen`)."""
    fragments = {i for m in _MARKED_BREAK.finditer(text) for i in (m.start(1), m.end(2))}
    vocabulary = Vocabulary.of_lines(text.splitlines(), skip_at=None)
    vocabulary.forget(text, fragments)

    def settle(m: re.Match[str]) -> str:
        kept = keeps_hyphen(m.group(1), m.group(3), PDFIUM_HYPHEN, vocabulary)
        return m.group(1) + ("-" if kept else "")

    return _MARKED_BREAK.sub(settle, text)


# --------------------------------------------------------------------------- line-end hyphens


class Vocabulary:
    """The words of one document (lower case, with how often each occurs), the hyphenated
    pairs it writes ("state-backed" gives ("state", "backed")), and, when asked, the
    endings of its words. The halves of a word broken at a line end are not counted: a
    fragment must not vouch for itself."""

    def __init__(self, words: Counter[str], compounds: Counter[tuple[str, str]]) -> None:
        self.words = words
        self.compounds = compounds
        self._endings: frozenset[str] | None = None

    @classmethod
    def of_words(cls, words: Iterable[str]) -> Vocabulary:
        """From a plain list of words (each counted once)."""
        return cls(Counter(w.lower() for w in words), Counter())

    @classmethod
    def of_lines(cls, lines: Iterable[str], skip_at: tuple[str, ...] | None = LINE_END_HYPHENS
                 ) -> Vocabulary:
        """From a document's printed lines. `skip_at`: the hyphens after which a line's last
        word and the next line's first word are halves of one broken word, not counted."""
        words: Counter[str] = Counter()
        compounds: Counter[tuple[str, str]] = Counter()
        broken = False
        for line in lines:
            found = [w.lower() for w in _WORD.findall(line)]
            ends_broken = bool(skip_at and found and line.rstrip().endswith(skip_at)
                               and _WORD.search(line.rstrip()[-2:-1] or " "))
            words.update(found[1 if broken else 0:len(found) - (1 if ends_broken else 0)])
            for compound in _COMPOUND.findall(line):
                parts = _PARTS.split(compound.lower())
                compounds.update(pairwise(parts))
            broken = ends_broken
        return cls(words, compounds)

    def forget(self, text: str, starts: Iterable[int]) -> None:
        """Uncount the words of `text` that start at these offsets (halves of broken words)."""
        for start in starts:
            m = _WORD.match(text, start)
            if m and self.words[m.group().lower()] > 0:
                self.words[m.group().lower()] -= 1

    def ends_other_words(self, tail: str) -> bool:
        """Whether some longer word of the document ends with `tail` ("ment" ends
        "investment"): the mark of a word's ending, not a word."""
        if self._endings is None:
            self._endings = frozenset(w[i:] for w in self.words if self.words[w] > 0
                                      for i in range(1, len(w) - 1))
        return tail.lower() in self._endings


def keeps_hyphen(head: str, tail: str, mark: str, vocabulary: Vocabulary) -> bool:
    """Whether a word broken at a line end after `head`, by `mark` (one of
    `LINE_END_HYPHENS`), reads with a hyphen ("cross-regional", "state-backed") or joined
    ("govern-" + "ment" -> "government"). The rule, first that applies:

    1. A soft hyphen is only ever a place to break a word: joined.
    2. A capital or a digit after the break keeps the hyphen: "COVID-19", "Asia-Pacific",
       "pre-2020" (hyphenation programs do not break before them in lower-case text).
    3. What the document writes elsewhere: the hyphenated pair ("cross-regional" on another
       line) keeps it, the joined word ("government") joins; the more frequent wins.
    4. Otherwise by the mark. A typesetter's hyphenation mark (U+2010, which WeasyPrint
       draws where it hyphenates) joins. A hyphen character the file drew (PDFium reports
       it as U+0002; Word and most reports write compounds with it, TeX and InDesign also
       hyphenate with it) joins only when the part after it is never a word of the
       document on its own but ends other words ("ment", "ation"); a word ("backed",
       "regional") keeps the hyphen. Keeping a hyphen that should go ("govern-ment") reads
       as a typesetting slip; dropping one that belongs ("crossregional") makes a word up.
    """
    if mark == SOFT_HYPHEN:
        return False
    if not tail[:1].islower():
        return True
    a, b = head.lower(), tail.lower()
    hyphenated, joined = vocabulary.compounds[(a, b)], vocabulary.words[a + b]
    if hyphenated != joined:
        return hyphenated > joined
    if mark == TYPESET_HYPHEN:
        return False
    return vocabulary.words[b] > 0 or not vocabulary.ends_other_words(b)
