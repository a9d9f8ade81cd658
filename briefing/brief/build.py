"""Selecting, ranking and arranging facts: one function builds the `Brief` both renderers use."""

from __future__ import annotations

import functools
import heapq
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import chain, combinations, islice
from typing import Protocol

from briefing import __version__
from briefing.brief import compare
from briefing.brief.chart_data import brief_charts
from briefing.brief.corrected import corrections_in
from briefing.errors import NothingSelected
from briefing.extract.countries import country_name
from briefing.extract.figures import is_bare_count, unqualified
from briefing.extract.themes import Taxonomy
from briefing.ingest.provenance import (
    MAX_CITED,
    cited_order,
    independent_publishers,
    publisher_key,
)
from briefing.model import (
    Brief,
    BriefItem,
    Comparison,
    Conflict,
    CorrectionNote,
    Fact,
    FactDigest,
    Figure,
    FigureRow,
    Omission,
    RateTable,
    Scope,
    Section,
    Selection,
    Source,
    SourceRef,
)
from briefing.text import norm_key, plain, word_set

KEY_FINDINGS = 5
#: Share of a brief's facts that one source may give at most: a 200-page report states
#: hundreds of facts, and its strongest must not crowd out every other source.
PER_SOURCE_SHARE = 0.25
#: ...but a short brief may still quote this many facts from one source.
PER_SOURCE_MIN = 5

#: Why a fact the user named with `--exclude` is left out.
EXCLUDED = "excluded by the user"
#: Why an undated fact is left out of a brief with a start date (`--since`).
UNDATED_SINCE = "undated: a brief with a start date keeps only facts with a dated source"
#: Why a fact is left out of a brief as of a date (`--date`) its sources are all after.
AFTER_AS_OF = "reported after the brief's date"
_EDITORIAL = re.compile(r"\b(?:we|our|I|my)\b")
KEY_FIGURES = 12
OTHER = "other"
#: Up to this many matching facts, a brief ranks them all exactly.
RANK_ALL_UP_TO = 1_000
#: Beyond it: facts read per fact the brief keeps (40 facts: the 600 strongest).
CANDIDATES = 15


def capped_reason(cap: int) -> str:
    """Why a ranked fact is left out for its source's cap (`per_source_cap`, as raised to
    fill the brief)."""
    return f"over the cap of facts from one source ({cap})"


def ranked_out_reason(max_facts: int) -> str:
    """Why a fact that matched is left out for ranking below the brief's `max_facts`
    strongest."""
    return f"over the cap of {max_facts} facts"


@dataclass(frozen=True, slots=True)
class Options:
    as_of: date
    stale_after_years: int = 2
    audit: bool = False
    rates: RateTable | None = None
    """The user's exchange rates (`brief.rates`): a brief on several countries converts an
    amount only with these. `brief_from_store` reads the config file's when None."""


# --------------------------------------------------------------------------- helpers


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def cited_sources(fact: Fact, limit: int = MAX_CITED) -> list[Source]:
    """The sources a brief cites for a fact (see provenance.cited_order)."""
    return cited_order([c.source for c in fact.citations], limit)


def fact_publishers(fact: Fact) -> int:
    """Independent publishers of a fact: kept by the store for every citation, even those
    it did not load; computed from the citations otherwise."""
    return fact.publishers or independent_publishers(c.source for c in fact.citations)


def _age_marks(newest: str | None, cutoff: date) -> tuple[bool, bool]:
    """(stale, undated), from the newest date the sources give: stale when even that one
    is before the cutoff, undated when none gives a date."""
    return (newest is not None and newest < cutoff.isoformat()), newest is None


def _score(fact: Fact, selection: Selection, as_of: date) -> float:
    """Strongest first: figures, corroboration, recency, specificity to the selection."""
    score = 0.0
    numeric = sum(1 for f in fact.figures if f.kind != "year")
    score += _figure_points(numeric, len(fact.figures) - numeric)
    score += 1.5 * (fact_publishers(fact) - 1)
    score += _recency(newest_date(fact), as_of)
    score += _specificity(fact.countries, selection)
    if _EDITORIAL.search(fact.text):
        score -= 1.0  # the writer talking ("we explore"), not a reported fact
    if selection.themes:
        score += 0.5 * sum(1 for t in fact.themes if t in selection.themes)
    words = len(fact.text.split())
    return score - (0.5 if words > 60 else 0.0) - (0.5 if words < 8 else 0.0)


def _prior(selection: Selection, as_of: date) -> Callable[[FactDigest], float]:
    """The score without what the wording adds or takes (at most 1.5 off): what a store can
    rank a big archive's facts by before any text is read. A country's tens of thousands of
    facts share a few thousand dates and sets of countries: each is scored once."""
    recency = functools.cache(lambda newest: _recency(newest, as_of))
    specificity = functools.cache(lambda countries: _specificity(countries, selection))

    def prior(digest: FactDigest) -> float:
        score = _figure_points(digest.numeric, digest.years)
        score += 1.5 * (digest.publishers - 1)
        score += recency(digest.newest)
        score += specificity(digest.countries)
        if selection.themes:
            score += 0.5 * sum(1 for t in digest.themes if t in selection.themes)
        return score

    return prior


def _figure_points(numeric: int, years: int) -> float:
    return 2.0 * min(numeric, 2) + 0.5 * min(years, 1)


def _recency(newest: str | None, as_of: date) -> float:
    if not newest:
        return 0.0
    age = (as_of - date.fromisoformat(newest)).days / 365.25
    return max(0.0, 2.0 - 0.5 * max(age, 0.0))


def _specificity(countries: Sequence[str], selection: Selection) -> float:
    if selection.countries and countries:
        chosen = sum(1 for c in countries if c in selection.countries)
        return 1.5 * chosen / len(countries)
    # A theme brief: facts about a named country say more than generalities.
    return 1.0 if countries else 0.0


# --------------------------------------------------------------------------- what a fact says

# A key finding states a specific claim: a figure, a date, a ranking or a named actor doing
# something. "Technological innovation is the core driving force for the development of
# AI." states none: such a sentence ranks below every specific one and is never a key
# finding. It may still be quoted in its theme's section (a brief is extractive: it is what
# a source says), after every specific fact there, and it is the first to go when the brief
# is over its cap.

#: Capitalised words that name no one: the field's acronyms and words written with a
#: capital by habit ("AI will transform the economy", "GPUs", "R&D", "the Internet").
_NOT_NAMES = word_set("""
    AI GenAI AGI ML LLM LLMs GPU GPUs CPU CPUs NPU NPUs TPU TPUs HBM HPC R&D IT ICT IoT API
    APIs SME SMEs MSME MSMEs CEO CEOs CTO CFO PhD PhDs STEM GDP EV EVs ESG NLP I OK Internet
    Web Artificial Intelligence
""")
#: Capitalised words, with "R&D" and "OpenAI's" whole ("'s" is dropped when one is looked
#: up); and words in lower case.
_CAPITALISED = re.compile(r"(?<![\w&])[^\W\d_a-z][\w&]*(?:['’][^\W_]+)?")
_LOWER = re.compile(r"(?<![\w&])[a-z][\w&]*")
#: What may stand before a word that opens a sentence: the capital says nothing there.
_OPENING = re.compile(r"(?:^|[.!?:;…•–—]|\s-)[\s\"'“”‘’(\[*]*$")
_POSSESSIVE = re.compile(r"['’]s?$")
#: A ranking or a comparison of sizes: "ranking first in the world", "in second place",
#: "the top five", "the world's largest", "overtaking the United States".
_RANKING = re.compile(
    r"\b(?:rank(?:s|ed|ing)?\s+(?:first|second|third|fourth|fifth|last|top|among|highest|"
    r"lowest|no\.?|number|\d+)|(?:first|second|third|fourth|fifth|last|\d+(?:st|nd|rd|th))"
    r"\s+place|top\s+(?:three|five|ten|\d+)|number\s+one|(?:second|third)[-\s]largest|"
    r"largest|biggest|highest|lowest|fastest|smallest|ahead\s+of|overt[ao]o?k\w*|"
    r"surpass\w*|outpac\w*|leapfrog\w*)\b", re.I)
#: A quantity said without a number: "will triple its budget", "a tenfold rise".
_MULTIPLE = re.compile(
    r"\b(?:doubl|tripl|quadrupl|halv)(?:e|es|ed|ing)\b|\b(?:two|three|four|five|ten|\d+)"
    r"[-\s]?fold\b", re.I)
#: A date without a year: "last year", "by next month" (named months and days are names).
_WHEN = re.compile(r"\b(?:last|next|this|coming)\s+(?:year|month|week|quarter)\b", re.I)
#: A state named by the sentence before: "the country is investing", "the ministry said".
#: The fact's countries say which (discourse resolved it at extraction).
_STATE_ACTOR = re.compile(
    r"\bthe\s+(?:[a-z]+\s+)?(?:country|nation|kingdom|republic|emirate|island|bloc|government"
    r"|administration|ministry|cabinet|president|prime\s+minister|chancellor|parliament"
    r"|congress|regulator|authorities|commission)\b", re.I)


class Specifics:
    """Which facts say something specific (`says`), knowing the words the brief's facts
    use as names: a capitalised word opening a sentence ("Samsung plans ...") is a name
    when the facts write it with a capital elsewhere, and never without one."""

    def __init__(self, facts: Iterable[Fact]) -> None:
        capitalised: set[str] = set()
        lowercase: set[str] = set()
        for fact in facts:
            capitalised.update(w.lower() for w, opening in _capitalised(fact.text)
                               if not opening)
            lowercase.update(_LOWER.findall(fact.text))
        self.names = frozenset(capitalised - lowercase)
        self._known: dict[str, bool] = {}

    def __call__(self, fact: Fact) -> bool:
        known = self._known.get(fact.id)
        if known is None:
            known = self._known[fact.id] = self.says(fact)
        return known

    def says(self, fact: Fact) -> bool:
        """Whether a fact states a figure (not a count of nothing in particular, such as
        "three countries"), a date, a ranking or a named actor (a country, an organisation,
        a person)."""
        if any(not is_bare_count(f) for f in fact.figures):
            return True  # a year is a date
        text = plain(fact.text)
        if _RANKING.search(text) or _MULTIPLE.search(text) or _WHEN.search(text):
            return True
        if fact.mentions or (fact.countries and (_STATE_ACTOR.search(text) or any(
                _names_country(text, code) for code in fact.countries))):
            return True
        # Country names and demonyms are capitalised words too ("ahead of Japan", "Chinese
        # inventors"): the mention pattern is not built for this (half a second a brief).
        return any(self._is_name(word, opening) for word, opening in _capitalised(text)) or (
            _uncased(text))

    def _is_name(self, word: str, opening: bool) -> bool:
        if word in _NOT_NAMES:
            return False
        if not opening:
            return True
        # Opening a sentence: a name when it says so itself ("OpenAI", "WIPO") or the
        # brief's facts write it as one.
        return any(c.isupper() for c in word[1:]) or word.lower() in self.names


def _capitalised(text: str) -> Iterator[tuple[str, bool]]:
    """Each capitalised word of a text (without "'s"), and whether it opens a sentence."""
    for m in _CAPITALISED.finditer(text):
        word = _POSSESSIVE.sub("", m.group())
        if word[:1].isupper():
            yield word, _OPENING.search(text, max(0, m.start() - 6), m.start()) is not None


def _names_country(text: str, code: str) -> bool:
    """Whether a text writes a country's display name ("China unveiled ...", where the
    capital of a sentence's first word says nothing by itself)."""
    name = country_name(code)
    at = text.find(name)
    return at >= 0 and not text[at + len(name):at + len(name) + 1].isalnum()


def _uncased(text: str) -> bool:
    """A text mostly in a script without capitals (Chinese, Korean, Japanese): whether it
    names anyone cannot be told from its letters, so it is taken as specific."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if c.isupper() or c.islower()) * 2 < len(
        letters)


# --------------------------------------------------------------------------- selection


def select_facts(facts: Sequence[Fact], selection: Selection, as_of: date,
                 says: Callable[[Fact], bool] | None = None
                 ) -> tuple[list[Fact], list[Omission], int]:
    """The facts a brief keeps, strongest first, why each other match was left out, and
    the most facts it took from any one source (see `_cap_per_source`).
    Facts that say nothing specific (`says`, by default `Specifics` of these facts) come
    after every fact that does."""
    kept: list[Fact] = []
    omitted: list[Omission] = []
    for fact in facts:
        if fact.id in selection.excluded:
            omitted.append(Omission(fact, EXCLUDED))
        elif selection.since and newest_date(fact) is None:
            omitted.append(Omission(fact, UNDATED_SINCE))
        elif selection.since and _before(fact, selection.since):
            newest = newest_date(fact)
            omitted.append(Omission(fact, f"outside the date range (newest source {newest}, "
                                          f"before {selection.since})"))
        else:
            kept.append(fact)
    pinnable = {f.id for f in kept if f.id in selection.pinned}
    kept, duplicates = _drop_contained(kept)
    omitted.extend(duplicates)
    specific = says or Specifics(facts)
    kept.sort(key=lambda f: (not specific(f), -_score(f, selection, as_of), f.source.key,
                             f.position))
    kept, restated = _drop_restatements(kept)
    omitted.extend(restated)
    kept, capped, cap = _cap_per_source(kept, per_source_cap(selection.max_facts),
                                        selection.max_facts)
    omitted.extend(capped)
    over = kept[selection.max_facts:]
    omitted.extend(Omission(f, ranked_out_reason(selection.max_facts)) for f in over)
    chosen = kept[:selection.max_facts]
    if pinnable:
        chosen, omitted = _with_pins(chosen, omitted, pinnable, selection, as_of)
    return chosen, omitted, cap


def _with_pins(chosen: list[Fact], omitted: list[Omission], pinnable: set[str],
               selection: Selection, as_of: date) -> tuple[list[Fact], list[Omission]]:
    """The chosen facts and every pinned one the ranking or a cap left out, strongest first
    after them; the weakest unpinned facts make room, so the brief keeps to `max_facts`
    (unless the pins alone are more). Exclusions and the date window were applied before:
    a pin overrides the ranking, not the user's own exclusion."""
    held = sorted((o.fact for o in omitted if o.fact.id in pinnable),
                  key=lambda f: -_score(f, selection, as_of))
    if not held:
        return chosen, omitted
    omitted = [o for o in omitted if o.fact.id not in pinnable]
    over = len(chosen) + len(held) - selection.max_facts
    weakest = [f for f in reversed(chosen) if f.id not in selection.pinned][:max(over, 0)]
    gone = {f.id for f in weakest}
    omitted.extend(Omission(f, ranked_out_reason(selection.max_facts))
                   for f in reversed(weakest))
    return [f for f in chosen if f.id not in gone] + held, omitted


def per_source_cap(max_facts: int) -> int:
    """The most facts a brief of `max_facts` takes from any one source."""
    return max(PER_SOURCE_MIN, math.ceil(max_facts * PER_SOURCE_SHARE))


def _cap_per_source(ranked: list[Fact], cap: int, room: int
                    ) -> tuple[list[Fact], list[Omission], int]:
    """The ranked facts with at most `cap` from each source a brief cites for them (a fact
    quoted from one source and corroborated by another counts for both), strongest first,
    and the cap applied. When the other sources cannot fill the brief's `room`, the cap is
    raised for every source alike, to the least that fills it: the cap makes room for other
    sources, it never leaves a brief short, and Method states the cap every source kept to."""
    cited = [[s.key for s in cited_sources(f)] for f in ranked]

    def under(limit: int) -> list[int]:
        taken: dict[str, int] = defaultdict(int)
        kept = []
        for n, keys in enumerate(cited):
            if all(taken[k] < limit for k in keys):
                kept.append(n)
                for k in keys:
                    taken[k] += 1
        return kept

    kept = under(cap)
    if len(kept) < room:
        # The least cap that fills the brief (the kept count grows with the cap).
        lo, hi = cap, max(cap, room)
        while lo < hi:
            mid = (lo + hi) // 2
            if len(under(mid)) >= room:
                hi = mid
            else:
                lo = mid + 1
        cap, kept = lo, under(lo)
    chosen = set(kept)
    why = capped_reason(cap)
    return ([ranked[n] for n in kept],
            [Omission(f, why) for n, f in enumerate(ranked) if n not in chosen], cap)


def newest_date(fact: Fact) -> str | None:
    """The newest date any source of the fact gives (all sources, loaded or not)."""
    if fact.sources:
        return fact.newest
    return max((c.source.date for c in fact.citations if c.source.date), default=None)


def _before(fact: Fact, since: date) -> bool:
    newest = newest_date(fact)
    return newest is not None and newest < since.isoformat()


def _drop_contained(facts: list[Fact]) -> tuple[list[Fact], list[Omission]]:
    """A fact whose whole wording is inside a longer one adds nothing: keep the longer (the
    longest, when several hold it). Candidates are the facts holding both the short one's
    first and last word trigrams, so thousands of facts are not compared pair by pair."""
    keys = [norm_key(f.text) for f in facts]
    padded = [f" {k} " for k in keys]
    size = [len(k) for k in keys]
    index: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for n, key in enumerate(keys):
        for gram in _trigrams(key.split()):
            index[gram].add(n)
    dropped: dict[int, str] = {}
    for n, fact in enumerate(facts):
        words = keys[n].split()
        if len(words) >= 3:
            candidates: Iterable[int] = index[tuple(words[:3])] & index[tuple(words[-3:])]
        else:
            candidates = range(len(facts))
        hosts = [m for m in candidates
                 if size[m] > size[n] and size[n] and padded[n] in padded[m]]
        if not hosts:
            continue
        stronger = [m for m in hosts if _reports(facts[m]) >= _reports(fact)
                    and not _only_adds_comment(facts[m], fact)]
        if stronger:
            host = facts[max(stronger, key=lambda m: (size[m], -m))]
            dropped[n] = f"duplicate of fact {host.id} (its wording is part of it)"
        else:
            # A sentence quoted elsewhere with a comment after it, or stated by more
            # sources alone: the single sentence stands.
            for m in hosts:
                why = ("only adds a comment to" if _only_adds_comment(facts[m], fact) else
                       "contains, with fewer sources,")
                dropped.setdefault(m, f"{why} fact {fact.id}")
    kept = [f for n, f in enumerate(facts) if n not in dropped]
    omitted = [Omission(facts[n], reason) for n, reason in sorted(dropped.items())]
    return kept, omitted


# --------------------------------------------------------------------------- restatements

# A page states its news in a summary bullet, the standfirst and the body ("£240 million
# Global Talent Fellowships to attract up to 400 top AI researchers", "The UK will spend
# £240 million over five years to attract up to 400 ..."), and two wires word one plan
# two ways. Those are one statement: the brief quotes it once.


def figure_key(fact: Fact, figure: Figure) -> tuple[str, float, str | None, tuple[str, ...]]:
    """What makes two figures the same statement of a number: its kind, value, unit and
    owner. A count's unit is its head noun ("400 top AI researchers" and "400 leading
    researchers" both count researchers)."""
    unit = figure.unit
    if figure.kind == "count" and unit:
        head = unit.split()[-1].casefold()
        unit = head[:-1] if head.endswith("s") and len(head) > 3 else head
    return figure.kind, round(figure.value, 6), unit, figure_countries(fact, figure)


def _significant(figure: Figure) -> bool:
    """A figure that can carry a statement: not a year alone ("in 2024" is in many facts)
    and not a count of nothing in particular ("three countries")."""
    return figure.kind != "year" and not is_bare_count(figure)


def restates(fact: Fact, other: Fact) -> bool:
    """Whether `fact` states again what `other` states: about the same countries, with at
    least one figure that carries a statement, and every figure of `fact` among `other`'s
    (same value, unit and owner). Different wordings of one announcement, not one sentence
    quoted twice (those `_drop_contained` handles)."""
    if set(fact.countries) != set(other.countries):
        return False
    if not any(_significant(f) for f in fact.figures) or len(fact.figures) > len(
            other.figures):
        return False
    theirs = {figure_key(other, f) for f in other.figures}
    return all(figure_key(fact, f) in theirs for f in fact.figures)


def _drop_restatements(ranked: list[Fact]) -> tuple[list[Fact], list[Omission]]:
    """The ranked facts without those restating a stronger one (earlier in `ranked`) or a
    weaker one stating more figures: of a restated statement the strongest fact stays (it has
    more sources, or is more specific, so it ranks first), unless a weaker wording states
    every figure it does and more from as many publishers, which then stays in its place."""
    kept: list[Fact] = []
    omitted: list[Omission] = []
    by_figure: dict[tuple, list[int]] = defaultdict(list)
    for fact in ranked:
        keys = {figure_key(fact, f) for f in fact.figures if _significant(f)}
        near = sorted({n for k in keys for n in by_figure.get(k, ())})
        host = next((n for n in near if restates(fact, kept[n])), None)
        if host is not None:
            omitted.append(Omission(fact, f"restates fact {kept[host].id} (same figures)"))
            continue
        if keys:
            # A weaker wording that says more: it takes the place of what it restates.
            held = next((n for n in near if restates(kept[n], fact)
                         and fact_publishers(fact) >= fact_publishers(kept[n])), None)
            if held is not None:
                omitted.append(Omission(kept[held], f"restates fact {fact.id} (same figures)"))
                kept[held] = fact
                for k in keys:
                    by_figure[k].append(held)
                continue
        for k in keys:
            by_figure[k].append(len(kept))
        kept.append(fact)
    return kept, omitted


def _only_adds_comment(host: Fact, fact: Fact) -> bool:
    """A quote of two sentences ("X. This shows ...") whose second adds no figure: the
    first alone says as much and reads better."""
    first = fact.text.rstrip()
    return (host.text.startswith(first) and first.endswith((".", "!", "…", '"', "”", "’"))
            and len(host.figures) == len(fact.figures))


def _reports(fact: Fact) -> int:
    return fact.sources or len(fact.citations)


def _trigrams(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


# --------------------------------------------------------------------------- arrangement


def _sections(items: Sequence[BriefItem], findings: Sequence[BriefItem], selection: Selection,
              taxonomy: Taxonomy) -> tuple[Section, ...]:
    """The facts not quoted above (`items`) by theme, each section pointing to the key
    findings on its theme, so a fact is quoted once. A theme with no fact of its own left
    is no section: its findings are already the first thing a reader sees."""
    order = {t.slug: n for n, t in enumerate(taxonomy.themes)}
    by_theme: dict[str, list[BriefItem]] = defaultdict(list)
    # A fact that only compares with the brief's countries never opens a section.
    for item in sorted(items, key=lambda i: not _leads_on(i.fact, selection)):
        by_theme[_home_theme(item.fact, selection, order)].append(item)
    see_also: dict[str, list[int]] = defaultdict(list)
    for number, item in enumerate(findings, 1):
        see_also[_home_theme(item.fact, selection, order)].append(number)
    slugs = sorted(by_theme, key=lambda s: order.get(s, len(order)))
    return tuple(
        Section(s, taxonomy.name(s) if s != OTHER else "Other facts", tuple(by_theme[s]),
                tuple(see_also[s]))
        for s in slugs
    )


def _home_theme(fact: Fact, selection: Selection, order: dict[str, int]) -> str:
    """The one section a fact belongs to: its first selected theme, else its first theme in
    taxonomy order."""
    themes = sorted(fact.themes, key=lambda t: order.get(t, len(order)))
    wanted = [t for t in themes if t in selection.themes]
    return (wanted or themes or [OTHER])[0]


# How a word before a figure widens it: `more than 200`, `up to 30%`, `about $7 billion`.
# (Negated: "not less than 20" is at least 20, checked before _AT_MOST's "less than"; "no
# more than 20" at most.)
_AT_LEAST = re.compile(r"\b(?:(?<!no )(?<!not )more than|over|above|at least|exceeding"
                       r"|in excess of|upwards of|greater than|north of|upward of"
                       r"|(?:not|no) (?:less|fewer) than)\s*$", re.I)
_AT_MOST = re.compile(r"\b(?:less than|under|below|up to|fewer than|as much as|as many as|"
                      r"at most|no more than|not more than|nearly|almost|just under)\s*$", re.I)
_ABOUT = re.compile(r"(?:\b(?:about|around|approximately|approx\.?|roughly|some|an estimated|"
                    r"estimated|close to|circa|ca\.)|~)\s*$", re.I)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _interval(fact: Fact, figure: Figure) -> tuple[float, float]:
    """The values a figure allows as written: up to half its last written digit either side
    (at most two significant digits taken as rounding), widened by a range, `about` (5% either
    side), `more than` or `up to`."""
    numbers = _NUMBER.findall(figure.text)
    if not numbers:
        return figure.value, figure.value
    written = float(numbers[0].replace(",", ""))
    scale = figure.value / written if written else 1.0
    lo, hi = _rounded(numbers[0], figure.value, scale)
    if len(numbers) > 1:  # a range: `$5-6 billion`, `between 30 and 40%`
        top = numbers[-1]
        hi = _rounded(top, float(top.replace(",", "")) * scale, scale)[1]
    # The text before the number, with the qualifier the figure's text opens with.
    before = plain(fact.text[:figure.start + len(figure.text) - len(unqualified(figure.text))])
    if _AT_LEAST.search(before):
        return lo, math.inf
    if _AT_MOST.search(before):
        return -math.inf, hi
    if _ABOUT.search(before):
        return min(lo, figure.value * 0.95), max(hi, figure.value * 1.05)
    return lo, hi


def _rounded(number: str, value: float, scale: float) -> tuple[float, float]:
    digits = number.replace(",", "")
    if "." in digits:
        place = 10.0 ** -len(digits.split(".")[1])
    else:
        zeros = len(digits) - len(digits.rstrip("0"))
        place = 10.0 ** min(zeros, max(len(digits) - 2, 0))
    half = place * abs(scale) / 2
    return value - half, value + half


def _disagree(a: FigureRow, b: FigureRow) -> bool:
    """Two figures no single value fits, from sources that are not one publisher."""
    pa = {publisher_key(c.source) for c in a.item.fact.citations}
    pb = {publisher_key(c.source) for c in b.item.fact.citations}
    if pa == pb and len(pa) == 1:
        return False
    lo_a, hi_a = _interval(a.item.fact, a.figure)
    lo_b, hi_b = _interval(b.item.fact, b.figure)
    return max(lo_a, lo_b) >= min(hi_a, hi_b)


def _conflicts(rows: Sequence[FigureRow]) -> tuple[Conflict, ...]:
    """Measures of one country for which the brief's sources give figures that cannot all be
    true, each with every figure the brief has for it, newest source first."""
    groups: dict[tuple[str, str], list[FigureRow]] = defaultdict(list)
    labels: dict[tuple[str, str], str] = {}
    for row in rows:
        fact = row.item.fact
        same_kind = [f for f in fact.figures if f.kind == row.figure.kind]
        if len(row.countries) != 1 or len(same_kind) != 1:
            continue  # which number belongs to which country or measure would be a guess
        measure = row.figure.measure
        if measure:
            key = (row.countries[0], measure.casefold())
            groups[key].append(row)
            labels.setdefault(key, measure)
    out = []
    for key, members in sorted(groups.items()):
        if any(_disagree(a, b) for a, b in combinations(members, 2)):
            ordered = sorted(members, key=lambda r: r.item.fact.source.date or "", reverse=True)
            out.append(Conflict(key[0], labels[key], tuple(ordered)))
    return tuple(out)


def _comparison(items: Sequence[BriefItem], selection: Selection, taxonomy: Taxonomy,
                rows: Sequence[FigureRow]) -> Comparison | None:
    if len(selection.countries) < 2:
        return None
    themes = [t.slug for t in taxonomy.themes
              if any(t.slug in i.fact.themes for i in items)]
    counts = tuple(
        tuple(sum(1 for i in items if t in i.fact.themes and c in i.fact.countries)
              for c in selection.countries)
        for t in themes
    )
    # Figures per country, as the key figures: no bare or vague counts ("a dozen companies").
    unique = _key_rows([r for r in rows if not is_bare_count(r.figure)], limit=None)
    figures = tuple(
        (c, tuple(r for r in unique if c in r.countries)) for c in selection.countries
    )
    return Comparison(selection.countries, tuple(themes), counts, figures)


def figure_countries(fact: Fact, figure: Figure) -> tuple[str, ...]:
    """The country a figure belongs to, as extraction decided ("Brazil has 12%, while Mexico
    has 8%": 8% is Mexico's), else all the fact's countries."""
    return (figure.country,) if figure.country else fact.countries


def _figure_rows(items: Sequence[BriefItem], selection: Selection) -> list[FigureRow]:
    """The figures of the brief's facts, but another country's figures in a fact that only
    compares with the brief's countries: their own figures there still count."""
    return [FigureRow(fig, item, figure_countries(item.fact, fig))
            for item in items for fig in item.fact.figures if fig.kind != "year" and (
                fig.country in selection.countries or _leads_on(item.fact, selection))]


def _key_rows(rows: Sequence[FigureRow], limit: int | None = KEY_FIGURES, *,
              comparisons: bool = False) -> list[FigureRow]:
    """The strongest figures, each number once: a figure two facts repeat is shown with the
    stronger fact. `comparisons`: a figure of a fact that sets two countries' figures side by
    side ("Korea plans 30,000 GPUs against Japan's 50,000") stays with that fact too, though
    another fact repeats it: the comparison reads only whole (key-figure tables, charts)."""
    seen: set[tuple] = set()
    out = []
    for row in rows:
        key: tuple = (row.figure.kind, round(row.figure.value, 6), row.figure.unit,
                      row.countries)
        if comparisons and _compares(row):
            key = (*key, row.item.fact.id)
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out[:limit]


def _compares(row: FigureRow) -> bool:
    """The row's fact gives figures of its kind and unit to two countries or more."""
    owners = {f.country for f in row.item.fact.figures
              if f.country and f.kind == row.figure.kind and f.unit == row.figure.unit}
    return len(owners) >= 2


def _number_sources(ordered: Sequence[Fact]) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for fact in ordered:
        for source in cited_sources(fact):
            numbers.setdefault(source.key, len(numbers) + 1)
    return numbers


def title_for(selection: Selection, taxonomy: Taxonomy) -> str:
    countries = _join([country_name(c) for c in selection.countries])
    themes = _join([taxonomy.name(t) for t in selection.themes])
    if countries and themes:
        return f"Policy brief: {countries} — {themes}"
    return f"Policy brief: {countries or themes or 'all sources'}"


def _join(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# --------------------------------------------------------------------------- the brief


def build_brief(facts: Sequence[Fact], selection: Selection, taxonomy: Taxonomy,
                options: Options, fingerprint: str) -> Brief:
    """The brief for a selection, from the facts that match it (as the store returns them)."""
    facts, later, later_sources = known_by(facts, options.as_of)
    says = Specifics(facts)
    chosen, omitted, cap = select_facts(facts, selection, options.as_of, says)
    omitted = later + omitted
    cutoff = years_before(options.as_of, options.stale_after_years)
    draft = [BriefItem(f, ()) for f in chosen]
    # A key finding says something specific; the others are quoted in their sections.
    findings = _key_findings(draft, says, selection)
    rows = _figure_rows(draft, selection)
    conflicts = _conflicts(rows)
    # "three countries", "2 teams": counts of nothing in particular are no key figures.
    key_rows = _key_rows([r for r in rows if not is_bare_count(r.figure)])
    comparison = _comparison(draft, selection, taxonomy, rows)
    # A brief on several countries: the strongest fact per theme and country, and its key
    # figures a table per measure (none for one country).
    glance = compare.at_a_glance(draft, selection, [t.slug for t in taxonomy.themes])
    tables = compare.measure_tables(
        _key_rows([r for r in rows if not is_bare_count(r.figure)], limit=None,
                  comparisons=True), selection, options.rates)
    # Each fact is quoted once in the body: a key finding is not repeated below, and a
    # comparing fact is not repeated in its theme's section. Another country's fact that
    # only compares with the brief's one is among these, never a finding or a section's.
    # Only comparisons are: a fact with several subjects ("Germany and France agreed ...")
    # or an investor or partner named beside the country is the country's own fact.
    shown = {i.fact.id for i in findings}
    compared = [i for i in draft if len(selection.countries) == 1 and i.fact.id not in shown
                and selection.countries[0] in i.fact.countries and i.fact.compared]
    shown |= {i.fact.id for i in compared}
    sections = _sections([i for i in draft if i.fact.id not in shown], findings, selection,
                         taxonomy)
    # Sources are numbered in the order a reader meets their first citation.
    reading = [i.fact for i in findings]
    if not tables:  # the tables by measure take the key figures' place
        reading += [r.item.fact for r in key_rows]
    reading += [i.fact for i in compare.glance_items(glance)]
    reading += [i.fact for i in compare.measure_items(tables)]
    reading += [i.fact for i in compared] + [i.fact for s in sections for i in s.items]
    reading += [r.item.fact for c in conflicts for r in c.rows]
    numbers = _number_sources(reading)
    # Each quote of a brief on several countries says whose fact it is.
    final = {i.fact.id: compare.labelled(_finish(i.fact, numbers, cutoff), selection)
             for i in draft}

    def fix(item: BriefItem) -> BriefItem:
        return final[item.fact.id]

    def fix_rows(rs: Sequence[FigureRow]) -> tuple[FigureRow, ...]:
        return tuple(FigureRow(r.figure, fix(r.item), r.countries) for r in rs)

    sources = tuple(
        SourceRef(n, s, *_age_marks(s.date, cutoff))
        for s, n in sorted(_sources_by_key(chosen, numbers).items(), key=lambda kv: kv[1])
    )
    dates = sorted(s.source.date for s in sources if s.source.date)
    codes = sorted({c for f in chosen for c in f.countries} | set(selection.countries)
                   | {g.country for f in chosen for g in f.figures if g.country})
    brief = Brief(
        title=title_for(selection, taxonomy),
        as_of=options.as_of,
        selection=selection,
        country_names={c: country_name(c) for c in codes},
        theme_names={t.slug: t.name for t in taxonomy.themes},
        scope=Scope(len(chosen), len(sources), dates[0] if dates else None,
                    dates[-1] if dates else None, sum(1 for s in sources if s.undated)),
        key_findings=tuple(fix(i) for i in findings),
        key_figures=fix_rows(key_rows),
        sections=tuple(Section(s.slug, s.title, tuple(fix(i) for i in s.items), s.see_also)
                       for s in sections),
        comparison=None if comparison is None else Comparison(
            comparison.countries, comparison.themes, comparison.counts,
            tuple((c, fix_rows(rs)) for c, rs in comparison.figures)),
        compared=tuple(fix(i) for i in compared),
        conflicts=tuple(Conflict(c.country, c.measure, fix_rows(c.rows)) for c in conflicts),
        sources=sources,
        stale_after_years=options.stale_after_years,
        version=__version__,
        corpus_fingerprint=fingerprint,
        omissions=tuple(omitted) if options.audit else None,
        per_source_cap=cap,
        capped=sum(1 for o in omitted if o.reason == capped_reason(cap)),
        undated_left_out=sum(1 for o in omitted if o.reason == UNDATED_SINCE),
        excluded_left_out=sum(1 for o in omitted if o.reason == EXCLUDED),
        ranked_out=sum(1 for o in omitted if o.reason == ranked_out_reason(selection.max_facts)),
        items=tuple(final[f.id] for f in chosen),
        later_left_out=len(later),
        later_sources=later_sources,
        only_compared=sum(1 for f in chosen if not _leads_on(f, selection)),
        glance=compare.refreshed_glance(glance, fix),
        measures=compare.refreshed_tables(tables, fix),
        rates=compare.used_rates(tables, options.rates),
    )
    # Charts are worked out from the finished brief: its items, numbered sources and names.
    return replace(brief, charts=brief_charts(brief))


def _key_findings(draft: Sequence[BriefItem], says: Callable[[Fact], bool],
                  selection: Selection) -> list[BriefItem]:
    """The strongest facts that say something specific, each with news of its own: a fact
    that repeats a stronger finding's figure ("89 TWh in 2024", "10 trillion yen through
    2030" in a second wording that adds another country's figure) is quoted in its section,
    not as a second finding of the same number. A finding leads on a country of the brief:
    "Australia spends about 0.4% of GDP on AI research, compared with 1.1% in Singapore"
    is no finding about Singapore."""
    findings: list[BriefItem] = []
    for item in draft:
        if len(findings) == KEY_FINDINGS or not says(item.fact):
            break  # facts that say nothing specific come last
        if not _leads_on(item.fact, selection):
            continue
        if not any(_shares_figure(item.fact, f.fact) for f in findings):
            findings.append(item)
    return findings


def _leads_on(fact: Fact, selection: Selection) -> bool:
    """Whether a fact is about one of the brief's countries as more than a comparator (a
    brief on themes alone: every fact)."""
    return not selection.countries or not fact.compared or any(
        c in fact.leads for c in selection.countries)


def _shares_figure(fact: Fact, other: Fact) -> bool:
    """Whether two facts state one number of one country: same kind, value and unit, for
    the same owner or one the other fact is about (extraction may give a figure to the
    bloc a sentence names, "France is the exception in Europe. It exported 89 TWh")."""
    for f in fact.figures:
        if not _significant(f):
            continue
        kind, value, unit, owners = figure_key(fact, f)
        for g in other.figures:
            k2, v2, u2, owners2 = figure_key(other, g)
            if (kind, value, unit) == (k2, v2, u2) and (
                    set(owners) & set(owners2) or set(owners) & set(other.countries)
                    or set(owners2) & set(fact.countries)):
                return True
    return False


def known_by(facts: Sequence[Fact], day: date) -> tuple[list[Fact], list[Omission], int]:
    """What a brief as of `day` may say: no source dated after it is cited, and a fact only
    such sources report is left out (with its reason). An undated source stays: when it was
    written is unknown. Also how many sources dated after `day` were set aside.

    Citations come earliest dated first, undated last (the store's citation order), so the
    first is the fact's earliest report; when that one is after `day`, the fact stays only
    if an undated source states the very same words (the fact quotes its earliest report)."""
    after = day.isoformat()
    kept: list[Fact] = []
    left: list[Omission] = []
    later: set[str] = set()
    for fact in facts:
        dropped = [c for c in fact.citations if c.source.date and c.source.date > after]
        if not dropped:
            kept.append(fact)
            continue
        later.update(c.source.key for c in dropped)
        rest = [c for c in fact.citations if not (c.source.date and c.source.date > after)]
        if rest and rest[0].text == fact.text:
            # Counted from the citations the brief can cite, not from all the store counted.
            kept.append(replace(fact, citations=tuple(rest), sources=0, publishers=0,
                                newest=None))
        else:
            first = min(d for c in dropped if (d := c.source.date))
            left.append(Omission(fact, f"{AFTER_AS_OF} (its earliest source is dated {first},"
                                       f" after {after})"))
    return kept, left, len(later)


def _finish(fact: Fact, numbers: dict[str, int], cutoff: date) -> BriefItem:
    cited = cited_sources(fact)
    refs = tuple(numbers[s.key] for s in cited)
    stale, undated = _age_marks(newest_date(fact), cutoff)
    pages = _cited_pages(fact, cited)
    return BriefItem(fact, refs, fact_publishers(fact), stale, undated,
                     pages if any(p is not None for p in pages) else ())


def _cited_pages(fact: Fact, cited: Sequence[Source]) -> tuple[int | None, ...]:
    """The page each cited source states the fact on (its first citation there)."""
    first: dict[str, int | None] = {}
    for c in fact.citations:
        first.setdefault(c.source.key, c.page)
    return tuple(first.get(s.key) for s in cited)


def _sources_by_key(facts: Sequence[Fact], numbers: dict[str, int]) -> dict[Source, int]:
    out: dict[Source, int] = {}
    for f in facts:
        for source in cited_sources(f):
            out.setdefault(source, numbers[source.key])
    return out


def describe(selection: Selection, taxonomy: Taxonomy) -> str:
    """The selection in words, for messages: `South Korea on Sovereign AI`."""
    countries = _join([country_name(c) for c in selection.countries])
    themes = _join([taxonomy.name(t) for t in selection.themes])
    return " on ".join(p for p in (countries, themes) if p) or "any country or theme"


def brief_from_store(store: FactSource, selection: Selection, options: Options) -> Brief:
    """The brief for a selection from the fact store. Raises NothingSelected when no fact
    matches, so no empty brief is ever written."""
    what = describe(selection, store.taxonomy)
    if selection.query:  # worded as `briefing facts` says it: the search is part of the ask
        what += f" matching {selection.query!r}"
    if options.rates is None and len(selection.countries) > 1:
        from briefing.brief.rates import load_rates  # only a comparison converts amounts

        options = replace(options, rates=load_rates())
    facts, matched, tally, undated = _candidates(store, selection, options)
    if not matched:
        raise NothingSelected(f"no facts about {what} in the corpus")
    brief = build_brief(facts, selection, store.taxonomy, options, store.fingerprint())
    brief = replace(brief, corrections=corrections_in(brief, store.corrections()))
    if tally is not None:  # only the strongest were read: the brief says so
        # The matches not read ranked below those read: about that many more ranked out.
        brief = replace(brief, capped=tally.capped(brief.per_source_cap), matched=matched,
                        read=len(facts), undated_left_out=undated,
                        excluded_left_out=tally.excluded,
                        ranked_out=brief.ranked_out + max(matched - len(facts), 0))
    if not brief.items:
        why = (f"; {brief.undated_left_out} of them undated, which --since leaves out"
               if brief.undated_left_out else "")
        by = "--since/--exclude"
        if brief.later_left_out:
            by = "--since/--date/--exclude"
            why += (f"; {brief.later_left_out} of them reported only after"
                    f" {options.as_of.isoformat()}, the brief's --date")
        raise NothingSelected(f"all {matched} facts about {what} were left out ({by}){why}")
    return brief


def _candidates(store: FactSource, selection: Selection, options: Options
                ) -> tuple[list[Fact], int, _Tally | None, int]:
    """The facts a brief is built from, how many matched the selection, (when not every
    match is read) the count of matches per source, and how many
    undated facts `--since` left out before reading (0 when every match is read: the
    brief counts those itself).

    Every match, up to RANK_ALL_UP_TO of them (and always for an audit, which lists every
    fact left out). Beyond that, the strongest by `_prior` (what the wording adds moves a
    fact at most 1.5 points), CANDIDATES per fact the brief keeps: a big archive's brief
    reads a few hundred facts, not the tens of thousands a country has."""
    # A brief cites at most MAX_CITED sources a fact; the store counts the rest for us.
    digests = iter(() if options.audit else store.digests(
        selection.countries, selection.themes, selection.query))
    first = list(islice(digests, RANK_ALL_UP_TO + 1))
    if len(first) <= RANK_ALL_UP_TO:
        facts = store.facts(selection.countries, selection.themes, selection.query,
                            citations=MAX_CITED)
        return _with_pinned(store, facts, selection), len(facts), None, 0
    # One pass over the digests as the store reads them: memory holds the strongest and a
    # count per source, not the tens of thousands of matches.
    since = selection.since.isoformat() if selection.since else None
    tally = _Tally()
    undated = [0]  # facts left out for giving no date at all (said in Method)

    def keep(d: FactDigest) -> bool:
        if d.id in selection.excluded:
            tally.excluded += 1
            return False
        if since is None:
            return True
        if d.newest is None:
            undated[0] += 1
            return False
        return d.newest >= since

    kept = tally.kept(chain(first, digests), keep)
    # As a stable sort on the prior would order them, ties in the order they came.
    strongest = heapq.nlargest(CANDIDATES * selection.max_facts, kept,
                               key=_prior(selection, options.as_of))
    among = tuple(d.id for d in strongest)
    if not among:
        return [], tally.matched, None, undated[0]
    facts = store.facts(citations=MAX_CITED, among=among)
    return _with_pinned(store, facts, selection), tally.matched, tally, undated[0]


def _with_pinned(store: FactSource, facts: list[Fact], selection: Selection) -> list[Fact]:
    """The candidates and every pinned fact the corpus still has, read by id: a pin holds
    whether or not the fact matches the selection or ranks among the strongest."""
    missing = sorted(selection.pinned - {f.id for f in facts} - selection.excluded)
    if not missing:
        return facts
    return facts + store.facts(citations=MAX_CITED, among=missing)


class _Tally:
    """Counts over a stream of digests: every match, and those kept by each source."""

    def __init__(self) -> None:
        self.matched = 0
        self.excluded = 0
        self.per_source: dict[str, int] = defaultdict(int)

    def kept(self, digests: Iterable[FactDigest], keep: Callable[[FactDigest], bool]
             ) -> Iterator[FactDigest]:
        for d in digests:
            self.matched += 1
            if keep(d):
                self.per_source[d.source] += 1
                yield d

    def capped(self, cap: int) -> int:
        """How many of the kept facts a cap of `cap` facts a source leaves out (counted by
        each fact's own source: the digests do not say which others corroborate it)."""
        return sum(max(n - cap, 0) for n in self.per_source.values())


class FactSource(Protocol):
    """What a brief needs of a fact store (see `briefing.store.FactStore`)."""

    taxonomy: Taxonomy

    def facts(self, countries: Sequence[str] = (), themes: Sequence[str] = (),
              query: str | None = None, *, citations: int | None = None,
              among: Sequence[str] | None = None) -> list[Fact]: ...

    def digests(self, countries: Sequence[str] = (), themes: Sequence[str] = (),
                query: str | None = None) -> Iterable[FactDigest]: ...

    def fingerprint(self) -> str: ...

    def corrections(self) -> Sequence[CorrectionNote]: ...
