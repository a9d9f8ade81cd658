"""From an article's blocks to statements: sentences with their countries, themes, figures.

Pure functions, no I/O. A `Statement` is one sentence at one place in one source; the
store later merges statements with the same (or near-same) wording into one `Fact` with
several citations.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from briefing.corpus import Article
from briefing.countries import find_countries
from briefing.extract.figures import find_figures
from briefing.extract.sentences import split_sentences
from briefing.model import Figure
from briefing.themes import Taxonomy

# Same-length replacements: matching sees plain forms, offsets still point into the source.
_PLAIN = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-",
})
_PLAIN_PAIRS = tuple((chr(k), v) for k, v in _PLAIN.items())
_WORD = re.compile(r"\w+")
# Words that point back to the country last talked about.
_ANAPHORA = re.compile(
    r"\b(?:the\s+(?:country|nation|government|state|administration|ministry|president|"
    r"prime\s+minister|capital|economy|kingdom|republic)|its|their|domestic|national|local)\b",
    re.I,
)
# "These countries", "other nations": the sentence is about many, not the heading's one.
_GENERIC = re.compile(r"\b(?:countries|nations|economies|governments)\b", re.I)
# Editorial asides ("First, let's take a look ...") state nothing.
_ASIDE = re.compile(r"^(?:\w+,\s+)?(?:let's|let’s|let us)\b", re.I)
MIN_WORDS = 5
#: Similarity (rapidfuzz Indel, 0-1) at or above which two wordings with the same figures
#: are one fact: a wire copy lightly edited. The store merges by it; `verify` accepts it.
NEAR_SAME_WORDING = 0.92


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence (or list item) of an article, as found at one place in one file."""

    text: str
    """Whitespace-collapsed text of the file at [start, end)."""
    start: int
    end: int
    countries: tuple[str, ...]
    themes: tuple[str, ...]
    figures: tuple[Figure, ...]
    heading: str | None
    position: int
    block_start: int
    block_end: int
    """The paragraph it sits in, shown as context in the TUI."""

    @property
    def key(self) -> str:
        return norm_key(self.text)


def plain(text: str) -> str:
    # Most article text is ASCII; the rest has a few such characters: a replace() per kind
    # present runs in C, where translate() would look up every character in a dict.
    if text.isascii():
        return text
    for fancy, simple in _PLAIN_PAIRS:
        if fancy in text:
            text = text.replace(fancy, simple)
    return text


def collapse(text: str) -> str:
    return " ".join(text.split())


def norm_key(text: str) -> str:
    """Wording with case, punctuation and quote style removed: equal keys are the same fact."""
    return " ".join(_WORD.findall(plain(text).lower()))


def fact_id(text: str, key: str | None = None) -> str:
    """Stable id of a wording (pass its norm_key when already computed)."""
    key = norm_key(text) if key is None else key
    return "f" + hashlib.sha1(key.encode()).hexdigest()[:10]


def is_statement(text: str, kind: str, excerpt_end: bool) -> bool:
    """Whether a sentence states something: long enough, not a question or a lead-in, and
    not the cut-off tail of a teaser."""
    stripped = text.rstrip("\"'”’)] ")
    if len(text.split()) < MIN_WORDS or stripped.endswith(("?", ":", "？")):
        return False
    if _ASIDE.match(text):
        return False
    if stripped.endswith((",", ";", "-", "–", "—")):
        return False
    return not (excerpt_end and kind != "item" and not stripped.endswith((".", "!", "…", "。")))


def extract_statements(article: Article, taxonomy: Taxonomy) -> list[Statement]:
    """Every statement of an article, with country attribution by heading scope and anaphora."""
    text = article.text
    out: list[Statement] = []
    heading: str | None = None
    heading_countries: tuple[str, ...] = ()
    last_countries: tuple[str, ...] = ()
    blocks = article.blocks
    for b_index, block in enumerate(blocks):
        if block.kind == "heading":
            heading = collapse(text[block.start:block.end]).lstrip("# ").strip()
            heading_countries = _countries(plain(heading))
            last_countries = heading_countries
            continue
        spans = split_sentences(text, block.start, block.end)
        # One pass over the paragraph finds every mention; each sentence takes its own.
        mentions = find_countries(plain(text[block.start:block.end]))
        for n, (s, e) in enumerate(spans):
            flat = collapse(text[s:e])
            matchable = plain(flat)
            lo, hi = s - block.start, e - block.start
            named = tuple(sorted({m.code for m in mentions if lo <= m.start and m.end <= hi}))
            if named:
                countries = last_countries = named
            elif _GENERIC.search(matchable):
                # Talk turns to countries in general: the heading no longer scopes what follows.
                countries = last_countries = heading_countries = ()
            elif _ANAPHORA.search(matchable):
                countries = last_countries  # "the country", "its": the last one talked about
            else:
                countries = heading_countries  # a heading's country covers the text under it
            is_last = article.excerpt and b_index == len(blocks) - 1 and n == len(spans) - 1
            if not is_statement(flat, block.kind, is_last):
                continue
            out.append(Statement(
                text=flat, start=s, end=e, countries=countries,
                themes=taxonomy.match(matchable), figures=find_figures(flat),
                heading=heading, position=len(out), block_start=block.start,
                block_end=block.end,
            ))
    return out


def _countries(text: str) -> tuple[str, ...]:
    return tuple(sorted({m.code for m in find_countries(text)}))
