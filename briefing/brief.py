"""Selecting, ranking and arranging facts: one function builds the `Brief` both renderers use."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import Protocol

from briefing import __version__
from briefing.countries import country_name, country_of_word
from briefing.errors import NothingSelected
from briefing.extract.facts import norm_key, plain
from briefing.model import (
    Brief,
    BriefItem,
    Comparison,
    Conflict,
    Fact,
    Figure,
    FigureRow,
    Omission,
    Scope,
    Section,
    Selection,
    Source,
    SourceRef,
)
from briefing.provenance import (
    MAX_CITED,
    cited_order,
    independent_publishers,
    publisher_key,
    word_set,
)
from briefing.themes import Taxonomy

KEY_FINDINGS = 5
_EDITORIAL = re.compile(r"\b(?:we|our|I|my)\b")
KEY_FIGURES = 12
OTHER = "other"


@dataclass(frozen=True, slots=True)
class Options:
    as_of: date
    stale_after_years: int = 2
    audit: bool = False


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
    numeric = [f for f in fact.figures if f.kind != "year"]
    score += 2.0 * min(len(numeric), 2) + 0.5 * min(len(fact.figures) - len(numeric), 1)
    score += 1.5 * (fact_publishers(fact) - 1)
    newest = newest_date(fact)
    if newest:
        age = (as_of - date.fromisoformat(newest)).days / 365.25
        score += max(0.0, 2.0 - 0.5 * max(age, 0.0))
    if selection.countries and fact.countries:
        chosen = sum(1 for c in fact.countries if c in selection.countries)
        score += 1.5 * chosen / len(fact.countries)
    elif fact.countries:
        score += 1.0  # a theme brief: facts about a named country say more than generalities
    if _EDITORIAL.search(fact.text):
        score -= 1.0  # the writer talking ("we explore"), not a reported fact
    if selection.themes:
        score += 0.5 * sum(1 for t in fact.themes if t in selection.themes)
    words = len(fact.text.split())
    return score - (0.5 if words > 60 else 0.0) - (0.5 if words < 8 else 0.0)


# --------------------------------------------------------------------------- selection


def select_facts(facts: Sequence[Fact], selection: Selection, as_of: date
                 ) -> tuple[list[Fact], list[Omission]]:
    """The facts a brief keeps, strongest first, and why each other match was left out."""
    kept: list[Fact] = []
    omitted: list[Omission] = []
    for fact in facts:
        if fact.id in selection.excluded:
            omitted.append(Omission(fact, "excluded by the user"))
        elif selection.since and _before(fact, selection.since):
            newest = newest_date(fact)
            omitted.append(Omission(fact, f"outside the date range (newest source {newest}, "
                                          f"before {selection.since})"))
        else:
            kept.append(fact)
    kept, duplicates = _drop_contained(kept)
    omitted.extend(duplicates)
    kept.sort(key=lambda f: (-_score(f, selection, as_of), f.source.key, f.position))
    over = kept[selection.max_facts:]
    omitted.extend(Omission(f, f"over the cap of {selection.max_facts} facts") for f in over)
    return kept[:selection.max_facts], omitted


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


def _sections(items: Sequence[BriefItem], selection: Selection, taxonomy: Taxonomy
              ) -> tuple[Section, ...]:
    order = {t.slug: n for n, t in enumerate(taxonomy.themes)}
    by_theme: dict[str, list[BriefItem]] = defaultdict(list)
    for item in items:
        themes = sorted(item.fact.themes, key=lambda t: order.get(t, len(order)))
        wanted = [t for t in themes if t in selection.themes]
        by_theme[(wanted or themes or [OTHER])[0]].append(item)
    slugs = sorted(by_theme, key=lambda s: order.get(s, len(order)))
    return tuple(
        Section(s, taxonomy.name(s) if s != OTHER else "Other facts", tuple(by_theme[s]))
        for s in slugs
    )


# Nouns that name a quantity a money or percent figure gives ("the AI budget of $6.8bn").
_MEASURES = word_set("""
    budget budgets investment investments funding fund funds financing spending spend
    expenditure expenditures outlay outlays revenue revenues sales turnover income profit
    profits earnings market markets share shares valuation value exports imports trade output
    production capacity gdp subsidy subsidies grant grants loan loans debt deficit surplus
    tariff tariffs tax taxes levy emissions growth inflation unemployment rate rates price
    prices cost costs wage wages salary salaries capex
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


def measure_of(fact: Fact, figure: Figure) -> str | None:
    """What a figure measures, as a label two facts share only when they measure the same
    thing: the measured noun phrase (a counted noun, or a measure word next to a money or
    percent figure, with the words compounding it), the unit, and the year(s) it is for:
    `AI development budget (USD), 2026`, `number of advanced GPUs`, `share of global AI models
    (%)`, `change in exports (%), 2024`. None when any part of that is unclear."""
    if figure.kind == "year" or (figure.kind != "count" and not figure.unit):
        return None
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(fact.text)]
    first = next((i for i, (_, s) in enumerate(tokens) if s >= figure.start), len(tokens))
    after = next((i for i, (_, s) in enumerate(tokens) if s >= figure.start + len(figure.text)),
                 len(tokens))
    if figure.kind == "count":
        phrase = _counted(fact, figure, tokens, after)
    else:
        phrase = _measured(fact, figure, tokens, first, after)
    when = _when(fact)
    if phrase is None or when is None:
        return None
    unit = "" if figure.kind == "count" else f" ({figure.unit})"
    return f"{phrase}{unit}{', ' + when if when else ''}"


def _counted(fact: Fact, figure: Figure, tokens: list[tuple[str, int]], after: int
             ) -> str | None:
    if not figure.unit:
        return None
    words = [w for w in _TOKEN.findall(figure.text) if w[0].isalpha()]
    modifiers = [w for w in words[:-1] if _is_modifier(w, fact)]  # `260,000 advanced GPUs`
    noun = " ".join([*modifiers, figure.unit])
    return f"number of {noun}{_topic(fact, tokens, after)}"


def _measured(fact: Fact, figure: Figure, tokens: list[tuple[str, int]], first: int,
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


def _modifiers(fact: Fact, tokens: list[tuple[str, int]], head: int) -> list[str]:
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


def _noun_phrase(fact: Fact, tokens: list[tuple[str, int]], start: int) -> str:
    """Up to four words of the noun phrase from `start` (a leading article skipped)."""
    out: list[str] = []
    for word, _ in tokens[start:start + 6]:
        low = word.lower()
        if low in ("the", "a", "an", "all") and not out:
            continue
        if not word[0].isalpha() or low in _STOPS:
            break
        if low not in _GENERIC and not _is_country(word, fact):
            out.append(word)
        if len(out) == 4:
            break
    return " ".join(out)


def _topic(fact: Fact, tokens: list[tuple[str, int]], at: int) -> str:
    """A prepositional phrase naming what the measure is of: `investment [in chips]`."""
    prep = _lower(tokens, at)
    if prep not in _PREPOSITIONS:
        return ""
    phrase = _noun_phrase(fact, tokens, at + 1)
    return f" {prep} {phrase}" if phrase else ""


def _is_change(tokens: list[tuple[str, int]], first: int, after: int) -> bool:
    return (_lower(tokens, first - 1) in _CHANGE_BEFORE
            or _lower(tokens, after) in _CHANGE_AFTER)


def _is_modifier(word: str, fact: Fact) -> bool:
    low = word.lower()
    return low not in _STOPS and low not in _GENERIC and not _is_country(word, fact)


def _is_country(word: str, fact: Fact) -> bool:
    return country_of_word(plain(word)) in fact.countries


def _lower(tokens: list[tuple[str, int]], i: int) -> str:
    return tokens[i][0].lower() if 0 <= i < len(tokens) else ""


def _when(fact: Fact) -> str | None:
    """The year(s) a fact's figures are for: those it names, and `next year` read against
    its source's date. None when it speaks of a relative year and its source is undated."""
    years = {int(f.value) for f in fact.figures if f.kind == "year"}
    for m in _RELATIVE_YEAR.finditer(fact.text):
        if not fact.source.date:
            return None
        years.add(int(fact.source.date[:4]) + _YEAR_SHIFT[m.group(1).lower()])
    return ", ".join(str(y) for y in sorted(years))


# How a word before a figure widens it: `more than 200`, `up to 30%`, `about $7 billion`.
_AT_LEAST = re.compile(r"\b(?:more than|over|above|at least|exceeding|in excess of|upwards of|"
                       r"greater than|north of|upward of)\s*$", re.I)
_AT_MOST = re.compile(r"\b(?:less than|under|below|up to|fewer than|as much as|as many as|"
                      r"at most|no more than|nearly|almost|just under)\s*$", re.I)
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
    before = plain(fact.text[:figure.start])
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
        measure = measure_of(fact, row.figure)
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
    unique = _key_rows(rows, limit=None)
    figures = tuple(
        (c, tuple(r for r in unique if c in r.countries)) for c in selection.countries
    )
    return Comparison(selection.countries, tuple(themes), counts, figures)


def figure_countries(fact: Fact, figure: Figure) -> tuple[str, ...]:
    """The country a figure belongs to, as extraction decided ("Brazil has 12%, while Mexico
    has 8%": 8% is Mexico's), else all the fact's countries."""
    return (figure.country,) if figure.country else fact.countries


def _figure_rows(items: Sequence[BriefItem]) -> list[FigureRow]:
    return [FigureRow(fig, item, figure_countries(item.fact, fig))
            for item in items for fig in item.fact.figures if fig.kind != "year"]


def _key_rows(rows: Sequence[FigureRow], limit: int | None = KEY_FIGURES) -> list[FigureRow]:
    """The strongest figures, each number once: a figure two facts repeat is shown with the
    stronger fact."""
    seen: set[tuple] = set()
    out = []
    for row in rows:
        key = (row.figure.kind, round(row.figure.value, 6), row.figure.unit, row.countries)
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out[:limit]


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
    chosen, omitted = select_facts(facts, selection, options.as_of)
    cutoff = years_before(options.as_of, options.stale_after_years)
    draft = [BriefItem(f, ()) for f in chosen]
    findings = draft[:KEY_FINDINGS]
    rows = _figure_rows(draft)
    conflicts = _conflicts(rows)
    key_rows = _key_rows(rows)
    comparison = _comparison(draft, selection, taxonomy, rows)
    compared = [i for i in draft if len(selection.countries) == 1
                and selection.countries[0] in i.fact.countries and len(i.fact.countries) > 1]
    sections = _sections(draft, selection, taxonomy)
    # Sources are numbered in the order a reader meets their first citation.
    reading = [i.fact for i in findings] + [r.item.fact for r in key_rows]
    if comparison:
        reading += [r.item.fact for _, rs in comparison.figures for r in rs]
    reading += [i.fact for i in compared] + [i.fact for s in sections for i in s.items]
    reading += [r.item.fact for c in conflicts for r in c.rows]
    numbers = _number_sources(reading)
    final = {i.fact.id: _finish(i.fact, numbers, cutoff) for i in draft}

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
    return Brief(
        title=title_for(selection, taxonomy),
        as_of=options.as_of,
        selection=selection,
        country_names={c: country_name(c) for c in codes},
        theme_names={t.slug: t.name for t in taxonomy.themes},
        scope=Scope(len(chosen), len(sources), dates[0] if dates else None,
                    dates[-1] if dates else None, sum(1 for s in sources if s.undated)),
        key_findings=tuple(fix(i) for i in findings),
        key_figures=fix_rows(key_rows),
        sections=tuple(Section(s.slug, s.title, tuple(fix(i) for i in s.items))
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
        items=tuple(final[f.id] for f in chosen),
    )


def _finish(fact: Fact, numbers: dict[str, int], cutoff: date) -> BriefItem:
    refs = tuple(numbers[s.key] for s in cited_sources(fact))
    stale, undated = _age_marks(newest_date(fact), cutoff)
    return BriefItem(fact, refs, fact_publishers(fact), stale, undated)


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
    # A brief cites at most MAX_CITED sources a fact; the store counts the rest for us.
    facts = store.facts(selection.countries, selection.themes, selection.query,
                        citations=MAX_CITED)
    what = describe(selection, store.taxonomy)
    if not facts:
        raise NothingSelected(f"no facts about {what} in the corpus")
    brief = build_brief(facts, selection, store.taxonomy, options, store.fingerprint())
    if not brief.items:
        raise NothingSelected(
            f"all {len(facts)} facts about {what} were left out (--since/--exclude)")
    return brief


class FactSource(Protocol):
    taxonomy: Taxonomy

    def facts(self, countries: Sequence[str] = (), themes: Sequence[str] = (),
              query: str | None = None, *, citations: int | None = None) -> list[Fact]: ...

    def fingerprint(self) -> str: ...
