"""Selecting, ranking and arranging facts: one function builds the `Brief` both renderers use."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from briefing import __version__
from briefing.countries import country_name, find_countries
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


def publisher_key(source: Source) -> str:
    """Who published a source: sources with the same key are not independent."""
    if source.publisher:
        return re.sub(r"^www\.|\W+", "", source.publisher.lower())
    if source.url:
        from briefing.corpus import url_host

        return url_host(source.url) or source.key
    return source.key


def independent_publishers(fact: Fact) -> int:
    """How many independent outlets state a fact: one per publisher, and a syndicated copy
    (the same headline under another masthead) counts with the original."""
    groups: list[tuple[str, str]] = []
    for c in fact.citations:
        key, title = publisher_key(c.source), norm_key(c.source.title)
        if not any(key == k or (title and title == t) for k, t in groups):
            groups.append((key, title))
    return len(groups)


def _age_marks(sources: Sequence[Source], cutoff: date) -> tuple[bool, bool]:
    """(stale, undated) for a set of sources: stale when every dated one is before cutoff."""
    dated = [s.date for s in sources if s.date]
    if not dated:
        return False, True
    return all(d < cutoff.isoformat() for d in dated), False


def _score(fact: Fact, selection: Selection, as_of: date) -> float:
    """Strongest first: figures, corroboration, recency, specificity to the selection."""
    score = 0.0
    numeric = [f for f in fact.figures if f.kind != "year"]
    score += 2.0 * min(len(numeric), 2) + 0.5 * min(len(fact.figures) - len(numeric), 1)
    score += 1.5 * (independent_publishers(fact) - 1)
    newest = max((c.source.date for c in fact.citations if c.source.date), default=None)
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
            omitted.append(Omission(fact, f"outside the date range (before {selection.since})"))
        else:
            kept.append(fact)
    kept, duplicates = _drop_contained(kept)
    omitted.extend(duplicates)
    kept.sort(key=lambda f: (-_score(f, selection, as_of), f.source.key, f.position))
    over = kept[selection.max_facts:]
    omitted.extend(Omission(f, f"over the cap of {selection.max_facts} facts") for f in over)
    return kept[:selection.max_facts], omitted


def _before(fact: Fact, since: date) -> bool:
    dated = [c.source.date for c in fact.citations if c.source.date]
    return bool(dated) and max(dated) < since.isoformat()


def _drop_contained(facts: list[Fact]) -> tuple[list[Fact], list[Omission]]:
    """A fact whose whole wording is inside a longer one adds nothing: keep the longer."""
    keys = [(norm_key(f.text), f) for f in facts]
    by_length = sorted(keys, key=lambda kf: -len(kf[0]))
    kept, omitted = [], []
    for key, fact in keys:
        host = next((f for k, f in by_length if len(k) > len(key) and f" {key} " in f" {k} "),
                    None)
        if host is None:
            kept.append(fact)
        else:
            omitted.append(Omission(fact, f"duplicate of fact {host.id}"))
    return kept, omitted


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


_MEASURES = re.compile(
    r"\b(budget|investment|funding|spending|revenue|sales|market|share|valuation|patents?|"
    r"models?|companies|firms|startups|unicorns|gpus|chips|jobs|workers|researchers|"
    r"exports?|imports?|gdp|users|data\s+cent(?:er|re)s|subsidies|grants?)\b",
    re.I,
)


def measure_of(fact: Fact, figure: Figure) -> str | None:
    """What a figure measures, for spotting disagreement: the counted noun, or the nearest
    measure word before a money or percent figure. None when unclear."""
    if figure.kind == "year":
        return None
    if figure.kind == "count" and figure.unit:
        return f"number of {figure.unit.lower()}"
    before = list(_MEASURES.finditer(fact.text[:figure.start]))
    after = _MEASURES.search(fact.text, figure.start + len(figure.text))
    m = before[-1] if before else after
    if m is None:
        return None
    word = m.group(1).lower()
    return f"{word} ({figure.unit})" if figure.unit else word


def _conflicts(rows: Sequence[FigureRow]) -> tuple[Conflict, ...]:
    groups: dict[tuple[str, str], list[FigureRow]] = defaultdict(list)
    for row in rows:
        fact = row.item.fact
        same_kind = [f for f in fact.figures if f.kind == row.figure.kind]
        if len(fact.countries) != 1 or len(same_kind) != 1:
            continue  # which number belongs to which country would be a guess
        measure = measure_of(fact, row.figure)
        if measure:
            groups[(fact.countries[0], measure)].append(row)
    out = []
    for (country, measure), members in sorted(groups.items()):
        values = {round(r.figure.value, 6) for r in members}
        sources = {publisher_key(r.item.fact.source) for r in members}
        if len(values) > 1 and len(sources) > 1:
            out.append(Conflict(country, measure, tuple(members)))
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
    """Which of a fact's countries a figure is about. In "the US accounts for 34%, followed
    by China with 15%" each number belongs to the country named just before it, unless one
    follows it directly ("the 44% of the United States")."""
    if len(fact.countries) < 2:
        return fact.countries
    text = plain(fact.text)
    mentions = [m for m in find_countries(text) if m.code in fact.countries]
    end = figure.start + len(figure.text)
    after = [m for m in mentions
             if m.start >= end and re.fullmatch(r"\s*(?:of|in|by|for)\s+(?:the\s+)?",
                                                text[end:m.start])]
    before = [m for m in mentions if m.end <= figure.start]
    chosen = after[0] if after else (before[-1] if before else None)
    return (chosen.code,) if chosen else fact.countries


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
        for c in fact.citations:
            numbers.setdefault(c.source.key, len(numbers) + 1)
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
        SourceRef(n, s, *_age_marks([s], cutoff))
        for s, n in sorted(_sources_by_key(chosen, numbers).items(), key=lambda kv: kv[1])
    )
    dates = sorted(s.source.date for s in sources if s.source.date)
    codes = sorted({c for f in chosen for c in f.countries} | set(selection.countries))
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
    refs = tuple(dict.fromkeys(numbers[c.source.key] for c in fact.citations))
    stale, undated = _age_marks([c.source for c in fact.citations], cutoff)
    return BriefItem(fact, refs, independent_publishers(fact), stale, undated)


def _sources_by_key(facts: Sequence[Fact], numbers: dict[str, int]) -> dict[Source, int]:
    out: dict[Source, int] = {}
    for f in facts:
        for c in f.citations:
            out.setdefault(c.source, numbers[c.source.key])
    return out


def describe(selection: Selection, taxonomy: Taxonomy) -> str:
    """The selection in words, for messages: `South Korea on Sovereign AI`."""
    countries = _join([country_name(c) for c in selection.countries])
    themes = _join([taxonomy.name(t) for t in selection.themes])
    return " on ".join(p for p in (countries, themes) if p) or "any country or theme"


def brief_from_store(store: FactSource, selection: Selection, options: Options) -> Brief:
    """The brief for a selection from the fact store. Raises NothingSelected when no fact
    matches, so no empty brief is ever written."""
    facts = store.facts(selection.countries, selection.themes, selection.query)
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
              query: str | None = None) -> list[Fact]: ...

    def fingerprint(self) -> str: ...
