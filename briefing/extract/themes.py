"""Themes: the taxonomy of what a fact is about, and matching sentences against it.

The taxonomy is a YAML file (`data/themes.yaml`, or the user's own copy). Every phrase of
every theme is indexed by its first word, so a sentence is tokenised once and most of its
words cost one dict lookup, whatever the number of themes.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from pathlib import Path
from typing import cast

from platformdirs import user_config_dir
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from briefing.errors import UnknownName, UsageError
from briefing.resources import data_dir
from briefing.text import unligature
from briefing.yamlio import YAMLError, load_yaml

ENV_VAR = "BRIEFING_THEMES"
#: Kinds of figure a theme's `figures:` may name (`extract.figures`): physical quantities too,
#: so a user's file can say that gigawatts make a sentence about compute.
FIGURE_KINDS = frozenset({"percent", "money", "count", "power", "energy", "data", "compute",
                          "area"})
FILE_NAME = "themes.yaml"

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PHRASE_WORD = re.compile(r"[^\W_][\w&.'’]*\*?|\*")
_QUERY_CUTOFF = 80.0
_TIE_MARGIN = 2.0
_SUGGESTION_FLOOR = 50.0


@dataclass(frozen=True, slots=True)
class Theme:
    """A subject facts can be about, as the taxonomy file defines it."""

    slug: str
    """Stable identifier used in the store, on the command line and in URLs: `sovereign-ai`."""
    name: str
    """Shown to people: `Sovereign AI`."""
    description: str
    figures: tuple[str, ...] = ()
    """Kinds of figure (`money`, `percent`, `count`, `power`, ...) that make a sentence about
    this theme whatever its words: "The ministry will allocate NT$30 billion ..." is about
    funding."""
    short: str = ""
    """A shorter name for narrow places (the terminal app's theme list at 80 columns):
    `Investment` for `Investment & funding`. The file's `short:`, else the name up to its
    first " & "."""


@dataclass(frozen=True)
class Taxonomy:
    """The themes in file order, and the compiled phrases that recognise them."""

    themes: tuple[Theme, ...]
    digest: str
    """sha256 of the YAML bytes it was read from: the store re-extracts when it changes."""
    _matcher: _Matcher = field(repr=False, compare=False)

    def match(self, text: str) -> tuple[str, ...]:
        """Slugs of the themes a sentence is about, sorted."""
        return self._matcher.match(text)

    def for_figures(self, kinds: set[str], text: str | None = None) -> tuple[str, ...]:
        """Slugs of the themes a sentence stating figures of these kinds is about. Given the
        sentence, a theme its words take away (`outranks`) is not one: the money in "fines
        of up to 30 million won" is a penalty, not funding."""
        slugs = tuple(slug for slug, wanted in self._by_figure if not kinds.isdisjoint(wanted))
        if text is None or not slugs or self._matcher.overrulable.isdisjoint(slugs):
            return slugs
        taken = self._matcher.overruled(text)
        return tuple(slug for slug in slugs if slug not in taken)

    @property
    def _by_figure(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return self._matcher.by_figure

    def name(self, slug: str) -> str:
        for theme in self.themes:
            if theme.slug == slug:
                return theme.name
        raise UnknownName("theme", slug, self._suggestions(slug))

    def resolve(self, query: str) -> str:
        """User input (slug, name, a word of a name; any case; small typos) -> slug."""
        cleaned = " ".join(query.split())
        exact = self.exact(cleaned)
        if exact is not None:
            return exact
        if len(cleaned) >= 4:
            slug = self._fuzzy(cleaned)
            if slug is not None:
                return slug
        raise UnknownName("theme", query, self._suggestions(cleaned))

    def exact(self, query: str) -> str | None:
        """The slug `query` names as written (a slug, a name, a word of one theme's name),
        never a guess at a typo: None then (see `countries.exact_country`)."""
        folded = default_process(" ".join(query.split()))
        by_name = {default_process(t.slug): t.slug for t in self.themes}
        by_name.update({default_process(t.name): t.slug for t in self.themes})
        if folded in by_name:
            return by_name[folded]
        # Words of one theme's name: "chips" -> compute, "R&D" -> research.
        owners = {t.slug for t in self.themes if f" {folded} " in _name_words(t)}
        return owners.pop() if len(owners) == 1 else None

    def _fuzzy(self, query: str) -> str | None:
        per_slug: dict[str, float] = {}
        for slug, score in self._scored(query, _QUERY_CUTOFF):
            per_slug[slug] = max(score, per_slug.get(slug, 0.0))
        ranked = sorted(per_slug.items(), key=lambda item: -item[1])
        if not ranked or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1] - _TIE_MARGIN):
            return None
        return ranked[0][0]

    def _suggestions(self, query: str) -> list[str]:
        best: dict[str, float] = {}
        for slug, score in self._scored(query, _SUGGESTION_FLOOR):
            best[slug] = max(score, best.get(slug, 0.0))
        ranked = sorted(best, key=lambda slug: -best[slug])[:3]
        return [self.name(slug) for slug in ranked]

    def _scored(self, query: str, cutoff: float) -> Iterator[tuple[str, float]]:
        choices = [(default_process(t.slug.replace("-", " ")), t.slug) for t in self.themes]
        choices += [(default_process(t.name), t.slug) for t in self.themes]
        scored = process.extract(
            default_process(query),
            [text for text, _ in choices],
            scorer=fuzz.WRatio,
            processor=None,
            limit=None,
            score_cutoff=cutoff,
        )
        for _, score, index in scored:
            yield choices[index][1], score


def _name_words(theme: Theme) -> str:
    """The theme's name and slug as space-padded words, for whole-word lookups."""
    return f" {default_process(theme.name)} {theme.slug.replace('-', ' ')} "


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """The packaged taxonomy, or the user's file: the explicit path, else $BRIEFING_THEMES,
    else `<user config dir>/themes.yaml` if it exists. A bad user file raises UsageError."""
    source = _taxonomy_path(path)
    try:
        raw = source.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read themes file {source}: {error.strerror}") from None
    return _parse(raw, str(source))


def _taxonomy_path(path: Path | None) -> Path:
    if path is not None:
        return Path(path)
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env)
    user_file = Path(user_config_dir("briefing")) / FILE_NAME
    if user_file.is_file():
        return user_file
    return data_dir() / FILE_NAME


# --------------------------------------------------------------------------- reading the YAML


@dataclass(frozen=True, slots=True)
class _Phrase:
    theme: int
    """Index of the theme in the taxonomy."""
    text: str
    exclude: bool
    case_sensitive: bool
    overrules: tuple[str, ...] = ()
    """Slugs of the themes this phrase takes away from a sentence (see `outranks`)."""


@lru_cache(maxsize=8)
def _parse(raw: bytes, label: str) -> Taxonomy:
    try:
        data = load_yaml(raw)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise UsageError(f"themes file {label}: not valid YAML{where}") from None
    entries = data.get("themes") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise UsageError(f"themes file {label}: expected a 'themes:' list")
    themes: list[Theme] = []
    phrases: list[_Phrase] = []
    for index, entry in enumerate(entries):
        theme, theme_phrases = _read_theme(entry, index, label)
        if any(t.slug == theme.slug for t in themes):
            raise UsageError(f"themes file {label}: theme {theme.slug!r} appears twice")
        themes.append(theme)
        phrases += theme_phrases
    known = {t.slug for t in themes}
    for phrase in phrases:
        unknown = [slug for slug in phrase.overrules if slug not in known]
        if unknown:
            owner = themes[phrase.theme].slug
            raise UsageError(f"themes file {label}: theme {owner!r}: outranks names "
                             f"{unknown[0]!r}, which is not a theme of the file")
    return Taxonomy(
        themes=tuple(themes),
        digest=hashlib.sha256(raw).hexdigest(),
        _matcher=_Matcher(tuple(t.slug for t in themes), phrases,
                          tuple((t.slug, t.figures) for t in themes if t.figures)),
    )


def _read_theme(entry: object, index: int, label: str) -> tuple[Theme, list[_Phrase]]:
    where = f"themes file {label}: theme #{index + 1}"
    if not isinstance(entry, dict):
        raise UsageError(f"{where} is not a mapping")
    slug = entry.get("slug")
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
        raise UsageError(f"{where} needs a slug of lowercase letters, digits and hyphens")
    where = f"themes file {label}: theme {slug!r}"
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise UsageError(f"{where} needs a name")
    description = entry.get("description", "")
    if not isinstance(description, str):
        raise UsageError(f"{where}: description must be text")
    phrases = [
        _Phrase(index, text, key == "exclude", key == "case_sensitive")
        for key in ("patterns", "case_sensitive", "exclude")
        for text in _phrase_list(entry.get(key, []), f"{where}: {key}")
    ]
    phrases += _outranking(entry.get("outranks", {}), index, slug, where)
    if not any(not p.exclude for p in phrases):
        raise UsageError(f"{where} needs at least one pattern")
    figures = entry.get("figures", [])
    if not isinstance(figures, list) or not set(figures) <= FIGURE_KINDS:
        raise UsageError(f"{where}: figures must be a list of {', '.join(sorted(FIGURE_KINDS))}")
    short = entry.get("short", name.split(" & ")[0])
    if not isinstance(short, str) or not short.strip():
        raise UsageError(f"{where}: short must be a name")
    return Theme(slug, name.strip(), " ".join(description.split()), tuple(figures),
                 short.strip()), phrases


def _outranking(value: object, index: int, slug: str, where: str) -> list[_Phrase]:
    """`outranks: {other-slug: [phrases]}`: phrases of this theme that also take the other
    theme away from a sentence, its figures' rule included."""
    if not isinstance(value, dict):
        raise UsageError(f"{where}: outranks must map theme slugs to lists of phrases")
    phrases: list[_Phrase] = []
    for other, texts in value.items():
        if not isinstance(other, str) or other == slug:
            raise UsageError(f"{where}: outranks must name other themes by their slugs")
        phrases += [_Phrase(index, text, False, False, (other,))
                    for text in _phrase_list(texts, f"{where}: outranks {other}")]
    return phrases


def _phrase_list(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise UsageError(f"{where} must be a list of phrases")
    phrases = [" ".join(str(v).split()) for v in value]
    for phrase in phrases:
        if not phrase or _words(phrase) is None:
            raise UsageError(f"{where}: {phrase!r} is not a phrase (see the file's header)")
    return phrases


def _words(phrase: str) -> list[str] | None:
    """The words of a phrase, or None when it is not valid phrase syntax."""
    words = phrase.replace("-", " ").split()
    if not words or words[0] == "*":
        return None
    if not all(_PHRASE_WORD.fullmatch(word) for word in words):
        return None
    return words


# --------------------------------------------------------------------------- matching

# Words, and every other non-space character on its own: phrases match runs of word tokens
# separated only by spaces or hyphens, never across punctuation ("open. Source" is no phrase).
_TOKEN = re.compile(r"\w+|[^\w\s\-\u2010\u2011]")
#: Distinct chunks kept (words as written, with their punctuation), about 300 bytes each:
#: most of a news archive's vocabulary, in at most 30 MB a worker.
_CACHE_LIMIT = 100_000
_DIGIT = re.compile(r"\d")
_UNKNOWN = object()
#: "Artificial intelligence" is how news spells out the "AI" phrases are written with ("AI
#: office", "national AI"), often with the acronym after it: "open artificial intelligence
#: (AI) models" reads as "open AI models". Matched against lowercased text.
_SPELLED_AI = re.compile(r"\bartificial intelligence(?:\s*\(ai\))?")
#: Quotation marks around a word are no break in a phrase: "an AI “factory”", "the ‘open’
#: AI models". Apostrophes inside a word ("China's") stay. Every alternative opens on the
#: mark itself (the one before a word looks back past it), so `re` skips in C to the next
#: mark: opening on a look-behind, it tried every character (8 us a sentence, 1 now).
_QUOTES = re.compile(r"[“”\"‘’'](?:(?<=[“”\"‘])|(?![^\W_])|(?<![^\W_][’']))")


@dataclass(frozen=True, slots=True)
class _Rule:
    """One phrase (possibly in several themes): its words, and the themes it counts for,
    excludes or takes away."""

    words: tuple[str, ...]
    """Lowercase tokens, or `stem*` for any ending, or `*` for any one word."""
    positive: frozenset[int]
    negative: frozenset[int]
    overrules: frozenset[int] = frozenset()
    """Themes a sentence loses when this phrase counts in it (`outranks`)."""


class _Matcher:
    """Every phrase of every theme, indexed by the tokens its first word can be.

    A sentence is split at whitespace (fast, in C); each distinct chunk's tokens and each
    distinct token's possible phrase starts are worked out once and cached, so most words
    cost two dict lookups. Every phrase that fits counts, overlaps included ("open-source
    models" is open-models and models), except a positive phrase lying inside an exclude
    phrase of the same theme ("model" in "business model"); a phrase that counts and
    outranks other themes takes them away ("penalties" takes investment).
    """

    def __init__(self, slugs: tuple[str, ...], phrases: list[_Phrase],
                 by_figure: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> None:
        self.slugs = slugs
        self.by_figure = by_figure
        index = {slug: n for n, slug in enumerate(slugs)}
        # Phrases read "artificial intelligence" as text does ("AI"): "open artificial
        # intelligence" is "open AI".
        phrases = [p if p.case_sensitive else _Phrase(
            p.theme, _spelled(p.text.lower()), p.exclude, False, p.overrules) for p in phrases]
        #: Slugs some phrase can take away: only sentences with figures of these themes
        #: are matched a second time (`Taxonomy.for_figures`).
        self.overrulable = frozenset(slug for p in phrases for slug in p.overrules)
        self.overrule_index = {slug: index[slug] for slug in self.overrulable
                               if slug in index}
        exact_case = [p for p in phrases if p.case_sensitive]
        self.any_case = _PhraseIndex([p for p in phrases if not p.case_sensitive], lower=True,
                                     overrule_index=self.overrule_index)
        self.exact_case = _PhraseIndex(exact_case, lower=False,
                                       overrule_index=self.overrule_index)
        # Exact-case phrases are few (acronyms, model names): a search for their first words,
        # which `re` runs in C, spares most sentences the second pass.
        firsts = sorted({re.escape(_phrase_tokens(p.text)[0].rstrip("*")) for p in exact_case})
        self.exact_hint = re.compile("|".join(firsts)) if firsts else None

    def match(self, text: str) -> tuple[str, ...]:
        themes, taken = self._themes(text)
        return tuple(sorted(self.slugs[i] for i in themes - taken))

    def overruled(self, text: str) -> set[str]:
        """Slugs of the themes the sentence's words take away."""
        return {self.slugs[i] for i in self._themes(text)[1]}

    def _themes(self, text: str) -> tuple[set[int], set[int]]:
        """The themes whose phrases count in a sentence, and those its phrases take away."""
        # Positions are not needed past this point: the text is rewritten freely. Ligatures
        # in a PDF's text ("artiﬁcial") read as their letters.
        text = _QUOTES.sub(" ", unligature(text))
        found = self.any_case.matches(_spelled(text.lower()))
        if self.exact_hint is not None and self.exact_hint.search(text):
            found += self.exact_case.matches(text)
        masks = [(start, end, rule.negative) for start, end, rule in found if rule.negative]
        themes: set[int] = set()
        taken: set[int] = set()
        for start, end, rule in found:
            counted = rule.positive
            if masks:
                masked = [neg for s, e, neg in masks if s <= start and end <= e]
                counted = rule.positive.difference(*masked)
            themes |= counted
            if counted and rule.overrules:
                taken |= rule.overrules
        return themes, taken


def _spelled(text: str) -> str:
    """Text (or a phrase) with "artificial intelligence" read as "AI" (see _SPELLED_AI)."""
    return _SPELLED_AI.sub("ai", text) if "intelligence" in text else text


@dataclass(frozen=True, slots=True)
class _Start:
    """The phrases a token may start."""

    single: _Rule | None
    """The one-word phrases this token is, merged into one rule."""
    longer: tuple[_Rule, ...]
    """Phrases of two words or more."""
    after: dict[str, tuple[_Rule, ...]]
    """Cache: next token -> the longer phrases whose second word fits it."""


class _PhraseIndex:
    """The phrases of one case mode, indexed by first word."""

    def __init__(self, phrases: list[_Phrase], lower: bool,
                 overrule_index: dict[str, int] | None = None) -> None:
        merged: dict[tuple[str, ...], tuple[set[int], set[int], set[int]]] = {}
        slots = overrule_index or {}
        for phrase in phrases:
            words = _phrase_tokens(phrase.text.lower() if lower else phrase.text)
            positive, negative, overrules = merged.setdefault(words, (set(), set(), set()))
            (negative if phrase.exclude else positive).add(phrase.theme)
            overrules.update(slots[slug] for slug in phrase.overrules if slug in slots)
        self.exact: dict[str, list[_Rule]] = {}
        self.stems: dict[str, list[_Rule]] = {}
        for words, (positive, negative, overrules) in merged.items():
            rule = _Rule(words, frozenset(positive), frozenset(negative), frozenset(overrules))
            if words[0].endswith("*"):
                self.stems.setdefault(words[0][:-1], []).append(rule)
            else:
                self.exact.setdefault(words[0], []).append(rule)
        self.stem_lengths = sorted({len(stem) for stem in self.stems})
        #: A whitespace-separated chunk -> its tokens and their phrase starts: one lookup.
        self.chunks: dict[str, tuple[tuple[str, ...], tuple[_Start | None, ...]]] = {}
        self.starts: dict[str, _Start | None] = {}

    def matches(self, text: str) -> list[tuple[int, int, _Rule]]:
        """(first token, end token, rule) of every phrase found in the text."""
        tokens, starts = self._tokens(text.split())
        found = []
        count = len(tokens)
        for i in compress(range(count), starts):
            start = cast(_Start, starts[i])  # compress() kept only the tokens that start one
            if start.single is not None:
                found.append((i, i + 1, start.single))
            if start.longer and i + 1 < count:
                following = tokens[i + 1]
                fitting = start.after.get(following)
                if fitting is None:
                    fitting = tuple(r for r in start.longer if _fits(r.words[1], following))
                    start.after[following] = fitting
                found += [
                    (i, i + len(rule.words), rule)
                    for rule in fitting
                    if len(rule.words) == 2 or _fits_all(rule.words, tokens, i)
                ]
        return found

    def _tokens(self, chunks: list[str]) -> tuple[list[str], list[_Start | None]]:
        """The tokens of whitespace-separated chunks, and the phrase starts of each token."""
        tokens: list[str] = []
        starts: list[_Start | None] = []
        known = self.chunks
        for chunk in chunks:
            entry = known.get(chunk)
            if entry is None:  # a number, or a word not seen before (rare, once cached)
                entry = self._learn(chunk)
            tokens += entry[0]
            starts += entry[1]
        return tokens, starts

    def _learn(self, chunk: str) -> tuple[tuple[str, ...], tuple[_Start | None, ...]]:
        # Bounded memory over a long indexing run: tokens are remembered too, numbers'
        # among them ("2025", "12345"), so both caches count.
        if len(self.chunks) > _CACHE_LIMIT or len(self.starts) > _CACHE_LIMIT:
            self.chunks.clear()
            self.starts.clear()
        chunk_tokens = tuple(_TOKEN.findall(chunk))
        entry = (chunk_tokens, tuple(map(self._start, chunk_tokens)))
        if _DIGIT.search(chunk) is None:
            # Not "34,972" or "2.6%": a number is rarely written twice, and kept, every
            # figure of an archive would be (most of the cache at 100,000 articles).
            self.chunks[chunk] = entry
        return entry

    def _start(self, token: str) -> _Start | None:
        """The phrases a token may start, or None (most tokens)."""
        known = self.starts.get(token, _UNKNOWN)
        if known is not _UNKNOWN:
            return known  # type: ignore[return-value]
        rules = list(self.exact.get(token, ()))
        if _is_word(token):
            for length in self.stem_lengths:
                if length > len(token):
                    break
                rules += self.stems.get(token[:length], ())
        singles = [r for r in rules if len(r.words) == 1]
        longer = tuple(r for r in rules if len(r.words) > 1)
        start = _Start(_merge(singles), longer, {}) if rules else None
        self.starts[token] = start
        return start


def _merge(rules: list[_Rule]) -> _Rule | None:
    """One rule for the one-word phrases a token fits ("patents": `patent*` and `patents`)."""
    if len(rules) <= 1:
        return rules[0] if rules else None
    return _Rule(
        rules[0].words,
        frozenset().union(*(r.positive for r in rules)),
        frozenset().union(*(r.negative for r in rules)),
        frozenset().union(*(r.overrules for r in rules)),
    )


def _phrase_tokens(phrase: str) -> tuple[str, ...]:
    """A phrase's words as the tokens text is cut into, keeping `*` marks."""
    tokens: list[str] = []
    for word in phrase.replace("-", " ").split():
        if word == "*":
            tokens.append("*")
            continue
        parts = _TOKEN.findall(word.removesuffix("*"))
        if word.endswith("*"):
            parts[-1] += "*"
        tokens += parts
    return tuple(tokens)


def _fits_all(words: tuple[str, ...], tokens: list[str], start: int) -> bool:
    """Whether the words after the first fit the tokens after `start`."""
    if start + len(words) > len(tokens):
        return False
    return all(_fits(words[n], tokens[start + n]) for n in range(1, len(words)))


def _fits(word: str, token: str) -> bool:
    if word == "*":
        return _is_word(token)
    if word.endswith("*"):
        return token.startswith(word[:-1]) and _is_word(token)
    return token == word


def _is_word(token: str) -> bool:
    return token[:1].isalnum()
