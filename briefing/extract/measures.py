"""What a figure measures: the label two facts share only when they measure the same thing.

`AI development budget (USD), 2026`, `number of advanced GPUs`, `share of global AI models
(%)`, `change in exports (%), 2024`. Worked out once per figure at extraction (from the
sentence, its countries and its source's date) and stored, so briefs compare figures
without reading sentences again. Pure functions over the sentence's text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import NamedTuple

from briefing.extract.countries import country_of_word
from briefing.extract.figures import JOINING_WORDS, SCALES
from briefing.model import Figure
from briefing.text import plain, word_set


class Said(NamedTuple):
    """The parts of a statement a measure label reads."""

    text: str
    countries: tuple[str, ...]
    figures: tuple[Figure, ...]
    date: str | None
    """The source's date, for `next year`."""


# Nouns that name a quantity a money, percent or physical figure gives ("the AI budget of
# $6.8bn", "1.9 gigawatts of data centre capacity", "electricity consumption of 10 TWh").
_MEASURES = word_set("""
    budget budgets investment investments funding fund funds financing spending spend
    expenditure expenditures outlay outlays revenue revenues sales turnover income profit
    profits earnings market markets share shares valuation value exports imports trade output
    production capacity gdp subsidy subsidies grant grants loan loans debt deficit surplus
    tariff tariffs tax taxes levy emissions growth inflation unemployment rate rates price
    prices cost costs wage wages salary salaries capex
    consumption demand storage generation
""")
# Words that end a measure's modifiers ("plans to triple | its AI development budget").
_STOPS = word_set("""
    a an the this that these those its their his her our your my one of to in on for into by
    with from at as and or but nor than while whereas which who that is are was were be been
    being has have had will would shall should can could may might must do does did not also
    about approximately around nearly almost some over under more less up down per each every
    all both such other same raise raises raised boost boosts increase increases triple
    triples double doubles cut cuts expand expands lift hike spend invest allocate allocated
    earmark earmarked announce announced approve approved unveil unveiled pledge pledged plan
    plans planned set reach reached hit hits totalled totaled stood reaching said says
""")
# Words that say nothing about what is measured: skipped, not part of the measure.
_GENERIC = word_set("""
    total overall annual yearly combined aggregate current estimated expected projected
    proposed record full entire gross net
""")
_PREPOSITIONS = word_set("in on for into")
_CHANGE_BEFORE = word_set("""
    by rose rise rises grew grow grows fell fall falls increased decreased jumped jump jumps
    surged surge surges dropped drop drops declined decline declines climbed climb climbs gained
    lost up down expanded shrank shrunk contracted slipped
""")
_CHANGE_AFTER = word_set("""
    increase increases rise rises growth drop drops decline declines jump jumps fall falls
    gain gains cut cuts more less higher lower year-on-year annually cagr
""")
_CLAUSE_END = word_set("; : ( ) while whereas but although")
_TOKEN = re.compile(r"[^\W\d_][\w'’&-]*|\d[\d.,]*\d|\d|[^\w\s]")
_RELATIVE_YEAR = re.compile(
    r"\b(next|coming|this|current|last|previous|past)\s+(?:fiscal\s+|financial\s+)?year\b", re.I)
_YEAR_SHIFT = {"next": 1, "coming": 1, "this": 0, "current": 0, "last": -1, "previous": -1,
               "past": -1}


def measures(fact: Said) -> tuple[str | None, ...]:
    """What each of a statement's figures measures (see `measure_of`), the sentence read
    once for all of them."""
    if not any(map(_measurable, fact.figures)):
        return (None,) * len(fact.figures)  # the common case: years and bare numbers
    tokens = _tokens(fact.text)
    when = _when(fact)
    return tuple(_measure(fact, f, tokens, when) for f in fact.figures)


def measure_of(fact: Said, figure: Figure) -> str | None:
    """What a figure measures, as a label two facts share only when they measure the same
    thing: the measured noun phrase (a counted noun, or a measure word next to a money or
    percent figure, with the words compounding it), the unit, and the year(s) it is for:
    `AI development budget (USD), 2026`, `number of advanced GPUs`, `share of global AI models
    (%)`, `change in exports (%), 2024`. None when any part of that is unclear."""
    return _measure(fact, figure, _tokens(fact.text), _when(fact))


def _measurable(figure: Figure) -> bool:
    return figure.kind != "year" and (figure.kind == "count" or bool(figure.unit))


def _tokens(text: str) -> list[tuple[str, int]]:
    return [(m.group(), m.start()) for m in _TOKEN.finditer(text)]


def _measure(fact: Said, figure: Figure, tokens: list[tuple[str, int]], when: str | None
             ) -> str | None:
    if not _measurable(figure) or when is None:
        return None
    source = _gapped_from(fact, figure)
    if source is not None:
        # "30,000 GPUs in public computing centres by 2028, against Japan's 50,000": the
        # bare number counts what the figure it stands beside counts, as its reader reads it.
        return _measure(fact, source, tokens, when)
    first = bisect_left(tokens, figure.start, key=_offset)
    after = bisect_left(tokens, figure.start + len(figure.text), key=_offset)
    if figure.kind == "count":
        phrase = _counted(fact, figure, tokens, after)
    else:
        phrase = _measured(fact, figure, tokens, first, after)
    if phrase is None:
        return None
    unit = "" if figure.kind == "count" else f" ({figure.unit})"
    return f"{phrase}{unit}{', ' + when if when else ''}"


def _gapped_from(fact: Said, figure: Figure) -> Figure | None:
    """The figure before it whose unit a bare count took (`extract.figures`: "against
    Japan's 50,000" counts GPUs as "30,000 GPUs" did), when its own words name no unit."""
    if figure.kind != "count" or not figure.unit or figure.unit.split()[-1] in figure.text:
        return None
    return next((f for f in reversed(fact.figures) if f.start < figure.start
                 and f.kind == figure.kind and f.unit == figure.unit
                 and figure.unit.split()[-1] in f.text), None)


def _offset(token: tuple[str, int]) -> int:
    return token[1]


def _counted(fact: Said, figure: Figure, tokens: list[tuple[str, int]], after: int
             ) -> str | None:
    if not figure.unit:
        return None
    words = [w for w in _TOKEN.findall(figure.text) if w[0].isalpha()]
    # The unit is the counted compound noun (`data centres`); the words before it in the
    # figure qualify it (`5 new data centres`, `260,000 advanced GPUs`).
    compound = figure.unit.split()
    lead = words[:-len(compound)] if words[-len(compound):] == compound else words[:-1]
    # Whose they are, without the possessive: "18,000 of Nvidia's GB300 chips" counts
    # Nvidia GB300 chips.
    modifiers = _kind_words(lead, fact)
    noun = " ".join([*modifiers, figure.unit])
    if _is_rate(figure.unit):
        # "citations per patent", "average citations", "citation rate": a rate is its own
        # measure, no number of things
        return f"{noun}{_topic(fact, tokens, after)}"
    return f"number of {noun}{_topic(fact, tokens, after)}"


def _is_rate(unit: str) -> bool:
    """A count's unit that is a rate or an average (`extract.figures`: "citations per
    patent", "average citations", "fertility rate")."""
    return " per " in unit or unit.startswith(("average ", "mean ", "median ")) or (
        unit == "rate" or unit.endswith(" rate"))


def _kind_words(lead: list[str], fact: Said) -> list[str]:
    """The words of a count before its unit that say what kind, a conjunction kept between
    two of them ("4,000 AI master's and doctoral graduates": `AI master's and doctoral`)."""
    out: list[str] = []
    for n, word in enumerate(lead):
        if word.lower() in SCALES:
            continue  # "1 million AI accelerators": part of the number, not a kind
        if word.lower() in JOINING_WORDS:
            if out and out[-1].lower() not in JOINING_WORDS and n + 1 < len(lead) and _is_modifier(
                    lead[n + 1], fact):
                out.append(word)
        elif _is_modifier(word, fact):
            out.append(_unpossessed(word))
    return out


def _unpossessed(word: str) -> str:
    """A name's possessive without its ending ("Nvidia's" -> "Nvidia"); a common noun's
    stays as written ("master's graduates")."""
    return word[:-2] if word[:1].isupper() and word.endswith(("'s", "’s")) else word


def _measured(fact: Said, figure: Figure, tokens: list[tuple[str, int]], first: int,
              after: int) -> str | None:
    change = _is_change(tokens, first, after)
    head = _head(tokens, first, after)
    if figure.kind == "percent" and not change and _lower(tokens, after) == "of":
        share = _noun_phrase(fact, tokens, after + 1)  # `36% of global AI models`
        return f"share of {share}" if share else None
    if head is None:
        return None
    phrase = " ".join([*_modifiers(fact, tokens, head), tokens[head][0]])
    topic = _topic(fact, tokens, head + 1) or (_topic(fact, tokens, after) if head < first
                                               else "")
    return f"{'change in ' if change else ''}{phrase}{topic}"


def _head(tokens: list[tuple[str, int]], first: int, after: int) -> int | None:
    """The nearest measure word in the figure's clause: before it (up to 8 words back),
    else just after it."""
    for i in range(first - 1, max(first - 9, -1), -1):
        word = tokens[i][0].lower()
        if word in _CLAUSE_END or word[0].isdigit():
            break
        if word in _MEASURES:
            return i
    for i in range(after, min(after + 4, len(tokens))):
        word = tokens[i][0].lower()
        if word in _CLAUSE_END or word[0].isdigit() or word == ",":
            break
        if word in _MEASURES:
            return i
    return None


def _modifiers(fact: Said, tokens: list[tuple[str, int]], head: int) -> list[str]:
    """The words compounding a measure word, read back to a stop: `its [AI development] budget`."""
    out: list[str] = []
    for i in range(head - 1, max(head - 6, -1), -1):
        word = tokens[i][0]
        low = word.lower()
        if low in _GENERIC or _is_country(word, fact):
            continue
        if not word[0].isalpha() or low in _STOPS or low.endswith(("'s", "’s", "s'", "s’")):
            break
        # A capital only because the sentence starts there is not part of the name.
        out.insert(0, word.lower() if i == 0 and word.istitle() else word)
        if len(out) == 3:
            break
    return out


def _noun_phrase(fact: Said, tokens: list[tuple[str, int]], start: int) -> str:
    """Up to four words of the noun phrase from `start` (a leading article skipped)."""
    out: list[str] = []
    words = [word for word, _ in tokens[start:start + 6]]
    skip = 0
    for n, word in enumerate(words):
        low = word.lower()
        if skip:
            skip -= 1
            continue
        if low in ("the", "a", "an", "all") and not out:
            continue
        if not word[0].isalpha() or low in _STOPS:
            break
        if n + 1 < len(words) and _is_country(f"{word} {words[n + 1]}", fact):
            skip = 1  # a two-word name: "in South Korea", "of the United States"
            continue
        if low not in _GENERIC and not _is_country(word, fact):
            out.append(word)
        if len(out) == 4:
            break
    return " ".join(out)


def _topic(fact: Said, tokens: list[tuple[str, int]], at: int) -> str:
    """A prepositional phrase naming what the measure is of: `investment [in chips]`."""
    prep = _lower(tokens, at)
    if prep not in _PREPOSITIONS:
        return ""
    phrase = _noun_phrase(fact, tokens, at + 1)
    return f" {prep} {phrase}" if phrase else ""


def _is_change(tokens: list[tuple[str, int]], first: int, after: int) -> bool:
    return (_lower(tokens, first - 1) in _CHANGE_BEFORE
            or _lower(tokens, after) in _CHANGE_AFTER)


def _is_modifier(word: str, fact: Said) -> bool:
    low = word.lower()
    return low not in _STOPS and low not in _GENERIC and not _is_country(word, fact)


def _is_country(word: str, fact: Said) -> bool:
    return country_of_word(plain(word)) in fact.countries


def _lower(tokens: list[tuple[str, int]], i: int) -> str:
    return tokens[i][0].lower() if 0 <= i < len(tokens) else ""


def _when(fact: Said) -> str | None:
    """The year(s) a fact's figures are for: those it names, and `next year` read against
    its source's date. None when it speaks of a relative year and its source is undated."""
    years = {int(f.value) for f in fact.figures if f.kind == "year"}
    for m in _RELATIVE_YEAR.finditer(fact.text):
        if not fact.date:
            return None
        years.add(int(fact.date[:4]) + _YEAR_SHIFT[m.group(1).lower()])
    return ", ".join(str(y) for y in sorted(years))


# --------------------------------------------------------------------------- kinds of count

#: Counted head nouns that say nothing of what is counted, so the words before them do:
#: "6,128 graphics processing units", "2,000 AI units", "400 accelerator cards".
_EMPTY_HEADS = word_set("units unit cards card modules module boards board pieces items")


def counted_group(unit: str, groups: Sequence[frozenset[str]]) -> int | None:
    """Which of `groups` (each the words news counts one kind of thing by: chips, patents,
    people) a counted noun belongs to, by its head noun first: "20,000 semiconductor
    engineers" count people, not chips ("semiconductor", "chip", "AI" only qualify them), and
    "chip designers" are no chips. Only a head that says nothing of what is counted
    ("graphics processing units") leaves it to the words before it. None: no group."""
    words = unit.casefold().replace("-", " ").split()
    if not words:
        return None
    head = words[-1]
    found = next((n for n, nouns in enumerate(groups) if head in nouns), None)
    if found is not None or head not in _EMPTY_HEADS:
        return found
    modifiers = set(words[:-1])
    return next((n for n, nouns in enumerate(groups) if modifiers & nouns), None)
