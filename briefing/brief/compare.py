"""Comparison briefs: what a brief on several countries shows side by side.

An analyst asking "how do Korea, Japan and China compare on compute?" needs three things a
single-country brief does not:

- **At a glance**: a table of themes by country, each cell the strongest fact the brief
  quotes on both (its figure, a few words either side, and its citation), `—` where there is
  none; not a count of facts.
- **Whose fact**: every quote labelled with the countries it is about ("Japan:"), since
  "The government has set aside 1 trillion yen" does not say whose government.
- **Like with like**: key figures in a table per measure (money per currency, GPUs and
  chips, patents, people, percentages, physical quantities), a row per country's figure,
  newest first. Amounts in different currencies never share a table; a column converted at
  the user's rate table (`brief.rates`) is added only when the user configured one.

Everything here works on the brief's own items and figure rows: it selects and arranges, it
never adds a fact.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from briefing.extract.figures import PHYSICAL_UNITS, is_bare_count
from briefing.model import (
    BriefItem,
    Fact,
    Figure,
    FigureRow,
    Glance,
    GlanceCell,
    MeasureRow,
    MeasureTable,
    RateTable,
    Selection,
)
from briefing.text import word_set

#: Counted nouns grouped into one measure, each with the words news copy counts it by:
#: "260,000 advanced GPUs", "18,000 Nvidia GB300 chips", "6,128 graphics processing units",
#: "38,000 patents", "5,000 AI researchers", "1.2 million workers", "300 AI talents".
#: A word of the counted noun decides; other counts are grouped by their head noun.
COUNTED_MEASURES: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("chips", "GPUs and chips", word_set("""
        gpu gpus chip chips graphics accelerator accelerators processor processors
        semiconductor semiconductors tpu tpus npu npus wafer wafers""")),
    ("patents", "Patents", word_set("""
        patent patents""")),
    ("people", "People", word_set("""
        people persons researchers scientists engineers workers employees staff students
        graduates experts talents talent developers specialists professionals doctorates
        phds programmers""")),
)
#: Physical quantities, by kind (see `extract.figures.PHYSICAL_UNITS`).
_PHYSICAL_TITLES = {"compute": "Computing speed", "power": "Power", "energy": "Energy",
                    "data": "Data"}
#: Tables in this order: money (by currency), counts, percentages, physical quantities.
_KIND_ORDER = ("money", "count", "percent", "compute", "power", "energy", "data")


# --------------------------------------------------------------------------- whose fact


def labelled(item: BriefItem, selection: Selection) -> BriefItem:
    """The item with the countries its quote is labelled with, in a brief on several
    countries: its subjects, the brief's first in the brief's order; when it is about the
    brief's countries only as comparators, those (`versus`)."""
    if len(selection.countries) < 2:
        return item
    about = _ordered(item.fact.leads, selection.countries)
    versus = () if any(c in selection.countries for c in about) else _ordered(
        [c for c in item.fact.compared if c in selection.countries], selection.countries)
    return BriefItem(item.fact, item.refs, item.publishers, item.stale, item.undated,
                     item.pages, about, versus)


def _ordered(codes: Iterable[str], selected: Sequence[str]) -> tuple[str, ...]:
    """The brief's countries first, as the user listed them, then the others by code."""
    codes = set(codes)
    return tuple(c for c in selected if c in codes) + tuple(
        sorted(c for c in codes if c not in selected))


# --------------------------------------------------------------------------- at a glance


def at_a_glance(items: Sequence[BriefItem], selection: Selection,
                theme_order: Sequence[str]) -> Glance | None:
    """Themes by country: each cell the strongest fact (`items` come strongest first) about
    the country as a subject with the theme, one stating a figure of the country's first. A
    fact on several themes may fill a cell in each: a row answers "what is the strongest on
    this theme?" for every country, and a weaker fact in its place would mislead. Themes
    with no fact about any country are left out; None for a brief on fewer than two
    countries."""
    countries = selection.countries
    if len(countries) < 2:
        return None
    themes: list[str] = []
    rows: list[tuple[GlanceCell | None, ...]] = []
    for theme in theme_order:
        cells = tuple(_cell(items, country, theme) for country in countries)
        if any(cells):
            themes.append(theme)
            rows.append(cells)
    facts = tuple(sum(1 for i in items if c in i.fact.leads) for c in countries)
    return Glance(countries, tuple(themes), tuple(rows), facts)


def _cell(items: Sequence[BriefItem], country: str, theme: str) -> GlanceCell | None:
    candidates = [i for i in items if theme in i.fact.themes and country in i.fact.leads]
    if not candidates:
        return None
    # The strongest with a figure of the country's, else the strongest (`min` keeps the
    # first of equals: the brief's ranking).
    best = min(candidates, key=lambda i: own_figure(i.fact, country) is None)
    return GlanceCell(best, own_figure(best.fact, country))


def own_figure(fact: Fact, country: str) -> Figure | None:
    """The fact's first key figure that is the country's: not a year nor a count of nothing
    in particular, and given to the country by extraction (or the fact is about it alone)."""
    return next((f for f in fact.figures if f.kind != "year" and not is_bare_count(f)
                 and owner(fact, f) == country), None)


def owner(fact: Fact, figure: Figure) -> str | None:
    """The one country a figure belongs to: as extraction gave it, else the fact's only
    country; None when the sentence leaves it open (a figure of a fact about several)."""
    if figure.country:
        return figure.country
    return fact.countries[0] if len(fact.countries) == 1 else None


def glance_items(glance: Glance | None) -> list[BriefItem]:
    """The items the table cites, in reading order (row by row)."""
    if glance is None:
        return []
    return [cell.item for row in glance.cells for cell in row if cell is not None]


def refreshed_glance(glance: Glance | None, fix: Callable[[BriefItem], BriefItem]
                     ) -> Glance | None:
    """The table with each item replaced by its final form (citation numbers, labels)."""
    if glance is None:
        return None
    cells = tuple(tuple(None if c is None else GlanceCell(fix(c.item), c.figure) for c in row)
                  for row in glance.cells)
    return Glance(glance.countries, glance.themes, cells, glance.facts)


# --------------------------------------------------------------------------- by measure


def measure_tables(rows: Sequence[FigureRow], selection: Selection,
                   rates: RateTable | None = None) -> tuple[MeasureTable, ...]:
    """The figure rows (each number once, strongest first) whose country is one of the
    brief's and is clear, a table per measure, newest first. With a rate table, a table in
    another currency the table has a rate for gains a converted column."""
    if len(selection.countries) < 2:
        return ()
    grouped: dict[tuple[str, str], list[MeasureRow]] = defaultdict(list)
    for row in rows:
        country = owner(row.item.fact, row.figure)
        measure = measure_key(row.figure)
        if country in selection.countries and measure is not None:
            grouped[measure].append(MeasureRow(country, row, row.item.fact.source.date))
    tables = [_table(key, title, members, rates) for (key, title), members in grouped.items()]
    return tuple(sorted(tables, key=_table_order))


def measure_key(figure: Figure) -> tuple[str, str] | None:
    """(key, title) of the table a figure goes in; None for years and counts of nothing in
    particular."""
    kind, unit = figure.kind, figure.unit
    if kind == "year" or is_bare_count(figure):
        return None
    if kind == "money":
        if unit == "$" or not unit:  # a dollar of no known country: which one is a guess
            return "money:$", "Money in dollars ($, which dollar not stated)"
        return f"money:{unit}", f"Money in {unit}"
    if kind == "percent":
        return "percent", "Shares and other percentages (%)"
    if kind in PHYSICAL_UNITS:
        return kind, f"{_PHYSICAL_TITLES.get(kind, kind.title())} ({PHYSICAL_UNITS[kind]})"
    if kind == "count" and unit:
        words = set(unit.casefold().split())
        for key, title, nouns in COUNTED_MEASURES:
            if words & nouns:
                return f"count:{key}", title
        head = unit.split()[-1]
        return f"count:{head.casefold()}", f"Number of {head}"
    return None


def _table(key: str, title: str, members: list[MeasureRow], rates: RateTable | None
           ) -> MeasureTable:
    # Newest first, undated last; a stable sort keeps the brief's ranking on a tie.
    members = sorted(members, key=lambda r: r.date or "", reverse=True)
    table = MeasureTable(key, title, tuple(members))
    rate = rates.rate(table.currency) if rates is not None else None
    if rates is None or rate is None:
        return table
    converted = tuple(MeasureRow(r.country, r.row, r.date, r.row.figure.value * rate)
                      for r in members)
    return MeasureTable(key, title, converted, rates.into)


def _table_order(table: MeasureTable) -> tuple[int, int, bool, str]:
    """Money (by currency, the unknown dollar last), the grouped counts, other counts by
    noun, percentages, physical quantities."""
    kind, _, rest = table.key.partition(":")
    counted = [k for k, _, _ in COUNTED_MEASURES]
    sub = counted.index(rest) if kind == "count" and rest in counted else len(counted)
    place = _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)
    return place, sub, rest == "$", rest


def measure_items(tables: Sequence[MeasureTable]) -> list[BriefItem]:
    """The items the tables cite, in reading order."""
    return [r.row.item for t in tables for r in t.rows]


def refreshed_tables(tables: Sequence[MeasureTable], fix: Callable[[BriefItem], BriefItem]
                     ) -> tuple[MeasureTable, ...]:
    """The tables with each item replaced by its final form (citation numbers, labels)."""
    return tuple(
        MeasureTable(t.key, t.title, tuple(
            MeasureRow(r.country, FigureRow(r.row.figure, fix(r.row.item), r.row.countries),
                       r.date, r.converted) for r in t.rows), t.into)
        for t in tables)


def used_rates(tables: Sequence[MeasureTable], rates: RateTable | None) -> RateTable | None:
    """The user's rates the tables convert with, for Method to state (None: none)."""
    used = {t.currency for t in tables if t.into}
    if rates is None or not used:
        return None
    return RateTable(rates.into, rates.date, rates.source,
                     tuple((c, r) for c, r in rates.rates if c in used))
