"""From an article's blocks to statements: sentences with their countries, themes, figures.

Pure functions, no I/O. A `Statement` is one sentence at one place in one source; the
store later merges statements with the same (or near-same) wording into one `Fact` with
several citations.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from briefing import cues
from briefing.corpus import Article
from briefing.countries import find_countries
from briefing.extract.discourse import (
    Named,
    article_focus,
    dominant,
    figure_owners,
    name_roles,
    subjects_of,
)
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
    """What it is about (subjects), sorted."""
    themes: tuple[str, ...]
    figures: tuple[Figure, ...]
    heading: str | None
    position: int
    block_start: int
    block_end: int
    """The paragraph it sits in, shown as context in the TUI."""
    mentions: tuple[str, ...] = ()
    """Countries it names only in passing, sorted."""

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


@dataclass(slots=True)
class _Sentence:
    """A sentence on its way to a statement: where it is and what it names."""

    block: int
    start: int
    end: int
    flat: str
    matchable: str
    named: list[Named]
    themes: tuple[str, ...]
    section: int
    last: bool
    """The last sentence of a teaser's last block (may be cut off)."""


@dataclass(frozen=True, slots=True)
class _Heading:
    text: str
    named: list[Named]
    section: int


def extract_statements(article: Article, taxonomy: Taxonomy) -> list[Statement]:
    """Every statement of an article, each with its subjects and mentions (see
    `discourse`), its themes (the section's or article's main theme when it has none of its
    own), and its figures with their owners. A sentence that leans on the one before
    ("This data shows ...") is quoted with it."""
    units = _read_units(article, taxonomy)
    sentences = [u for u in units if isinstance(u, _Sentence)]
    title = [] if article.source.title == Path(article.source.path).stem else name_roles(
        plain(article.source.title))
    dateline = [m.code for m in find_countries(plain(article.place or ""))]
    first_block = sentences[0].block if sentences else -1
    lede = [u.named for u in sentences if u.block == first_block][:2]
    body = [u.named for u in sentences if u.block != first_block]
    focus = article_focus(title, dateline, lede, body)
    section_theme = {k: dominant([u.themes for u in sentences if u.section == k])
                     for k in {u.section for u in sentences}}
    article_theme = dominant([u.themes for u in sentences])

    out: list[Statement] = []
    heading: str | None = None
    scope = last = topic = focus
    previous: _Sentence | None = None
    for unit in units:
        if isinstance(unit, _Heading):
            heading = unit.text
            scope = last = subjects_of(unit.named, focus) or focus
            previous = None
            continue
        if previous is None or previous.block != unit.block:
            topic = subjects_of(unit.named, focus) or scope  # what the paragraph opens with
        countries = subjects_of(unit.named, focus)
        if countries:
            last = countries
        elif cues.GENERIC.search(unit.matchable):
            # Talk turns to countries in general: not about the story's one.
            countries = last = ()
            scope = topic = focus
        elif cues.REFERRING.search(unit.matchable):
            # "the government", "its": the nearest antecedent, the story's own country when
            # that was one of several just named.
            countries = _fitting(last, focus) or _fitting(topic, focus)
        else:
            countries = _fitting(topic, focus)
        joined = _lean_back(unit, previous)
        previous = unit
        if not is_statement(unit.flat, article.blocks[unit.block].kind, unit.last):
            continue
        out.append(_statement(article, unit, joined, countries, focus, taxonomy, heading,
                              section_theme.get(unit.section) or article_theme, len(out)))
    return out


def _states_a_figure(text: str) -> bool:
    return any(f.kind != "year" for f in find_figures(text))


def _fitting(antecedent: tuple[str, ...], focus: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c for c in antecedent if c in focus) or antecedent


def _read_units(article: Article, taxonomy: Taxonomy) -> list[_Sentence | _Heading]:
    """Headings and sentences in order, with the countries each names and their roles."""
    text = article.text
    units: list[_Sentence | _Heading] = []
    section = 0
    blocks = article.blocks
    for b_index, block in enumerate(blocks):
        if block.kind == "heading":
            heading = collapse(text[block.start:block.end]).lstrip("# ").strip()
            section += 1
            units.append(_Heading(heading, name_roles(plain(heading)), section))
            continue
        spans = split_sentences(text, block.start, block.end)
        # One scan of the paragraph tells which sentences name a country at all.
        mentions = find_countries(plain(text[block.start:block.end]))
        for n, (s, e) in enumerate(spans):
            flat = collapse(text[s:e])
            matchable = plain(flat)
            lo, hi = s - block.start, e - block.start
            names = any(lo <= m.start and m.end <= hi for m in mentions)
            is_last = article.excerpt and b_index == len(blocks) - 1 and n == len(spans) - 1
            units.append(_Sentence(
                b_index, s, e, flat, matchable, name_roles(matchable) if names else [],
                taxonomy.match(matchable), section, is_last))
    return units


def _lean_back(unit: _Sentence, previous: _Sentence | None) -> _Sentence | None:
    """The sentence before, when this one only makes sense with it: it opens with a
    demonstrative or pronoun ("This data shows ...", "It will ...") or a definite noun for
    something just introduced ("The law takes effect in 2027")."""
    if previous is None or previous.block != unit.block:
        return None  # a paragraph opening with "This" points at more than one sentence
    if not (cues.LEANS_BACK.match(unit.matchable) or cues.DEFINITE_BACK.match(unit.matchable)):
        return None
    if previous.matchable.rstrip("\"') ").endswith(("?", ":")):
        return None
    words = len(previous.flat.split()) + len(unit.flat.split())
    return previous if words <= cues.MAX_JOINED_WORDS else None


def _statement(article: Article, unit: _Sentence, joined: _Sentence | None,
               countries: tuple[str, ...], focus: tuple[str, ...], taxonomy: Taxonomy,
               heading: str | None, fallback_theme: str | None, position: int) -> Statement:
    start, named, themes = unit.start, unit.named, unit.themes
    flat, matchable = unit.flat, unit.matchable
    if joined is not None:
        start = joined.start
        flat = collapse(article.text[start:unit.end])
        matchable = plain(flat)
        named = name_roles(matchable) if (joined.named or unit.named) else []
        themes = taxonomy.match(matchable)
        countries = tuple(dict.fromkeys([*subjects_of(joined.named, focus), *countries]))
    if not themes and fallback_theme and (countries or _states_a_figure(matchable)):
        themes = (fallback_theme,)  # "Germany and France filled out the top five"
    figures = find_figures(flat)
    if figures:
        owners = figure_owners(matchable, named, countries, [f.start for f in figures],
                               [f.start + len(f.text) for f in figures])
        figures = tuple(replace(f, country=o) for f, o in zip(figures, owners, strict=True))
    block = article.blocks[unit.block]
    return Statement(
        text=flat, start=start, end=unit.end, countries=tuple(sorted(countries)),
        themes=themes, figures=figures, heading=heading, position=position,
        block_start=min(block.start, start), block_end=block.end,
        mentions=tuple(sorted({n.code for n in named} - set(countries))),
    )
