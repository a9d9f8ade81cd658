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

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal

from briefing.extract.countries import country_of_word, find_countries
from briefing.extract.figures import PHYSICAL_UNITS, is_bare_count, unqualified
from briefing.extract.measures import counted_group
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
#: The counted noun's head decides (`extract.measures.counted_group`: "semiconductor engineers"
#: are people); other counts are grouped by their head noun.
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
    countries: its subjects, the brief's first in the brief's order; and the brief's
    countries it only compares with (`versus`: "South Korea, compared with Japan"), since
    the brief's tables may show their figures from it."""
    if len(selection.countries) < 2:
        return item
    about = _ordered(item.fact.leads, selection.countries)
    versus = _ordered([c for c in item.fact.compared
                       if c in selection.countries and c not in about], selection.countries)
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
    """Themes by country: each cell a fact (of `items`, strongest first) about the country
    as a subject with the theme, chosen column by column (`_column`) so that a country's
    cells show as many different facts as its facts allow, each the one that suits its
    cell best (`_fit`). Themes with no fact about any country are left out; None for a
    brief on fewer than two countries."""
    countries = selection.countries
    if len(countries) < 2:
        return None
    order = {t: n for n, t in enumerate(theme_order)}
    home = {i.fact.id: home_theme(i.fact, selection.themes, order) for i in items}
    chosen: dict[tuple[str, str], GlanceCell] = {}
    for country in countries:
        candidates = {theme: [i for i in items
                              if theme in i.fact.themes and country in i.fact.leads]
                      for theme in theme_order}

        def suits(item: BriefItem, theme: str, country: str = country) -> int:
            return _fit(item.fact, country, home[item.fact.id] == theme)

        picked = _column({t: found for t, found in candidates.items() if found}, suits)
        for theme, best in picked.items():
            figure = own_figure(best.fact, country)
            chosen[theme, country] = GlanceCell(best, figure,
                                                cell_parts(best.fact, country, figure))
    themes: list[str] = []
    rows: list[tuple[GlanceCell | None, ...]] = []
    for theme in theme_order:
        cells = tuple(chosen.get((theme, country)) for country in countries)
        if any(cells):
            themes.append(theme)
            rows.append(cells)
    facts = tuple(sum(1 for i in items if c in i.fact.leads) for c in countries)
    return Glance(countries, tuple(themes), tuple(rows), facts)


def _column(candidates: Mapping[str, Sequence[BriefItem]],
            fit: Callable[[BriefItem, str], int]) -> dict[str, BriefItem]:
    """One country's cells (theme -> its facts, strongest first) -> the fact each shows.

    A fact fills more than one of the country's cells only where it is the only one a cell
    has, or where every fact a cell has is already shown: a cell with one fact shows it;
    the other cells are given different facts, as many as can be (an assignment of least
    cost), each preferring the fact that suits it best (`fit`), then one in the fewest cells
    of their own, then the stronger. A cell left without a fact of its own then shows
    the best-suited of its facts, the one shown least first."""
    sole = {t: found[0] for t, found in candidates.items() if len(found) == 1}
    shared = [t for t in candidates if t not in sole]
    picked = dict(sole)
    if not shared:
        return picked
    facts = list({i.fact.id: i for t in shared for i in candidates[t]}.values())
    rank = {i.fact.id: n for n, i in enumerate(facts)}
    in_sole = Counter(i.fact.id for i in sole.values())
    span, steps = len(facts) + 1, len(sole) + 1

    def cost(item: BriefItem, theme: str) -> int:
        return (steps * fit(item, theme) + in_sole[item.fact.id]) * span + rank[item.fact.id]

    # Leaving a cell without a fact of its own costs more than any other choice, and a
    # fact not among a cell's more still: the least total gives the most cells their own.
    unmatched = (len(shared) + 1) * (steps * (_WORST_FIT + 1)) * span
    forbidden = unmatched * (len(shared) + 2)
    matrix = [[cost(i, t) if i in candidates[t] else forbidden for i in facts]
              + [unmatched] * len(shared) for t in shared]
    columns = _least_cost_assignment(matrix)
    left = []
    for theme, column in zip(shared, columns, strict=True):
        if column < len(facts):
            picked[theme] = facts[column]
        else:
            left.append(theme)
    for theme in left:
        uses = Counter(i.fact.id for i in picked.values())

        def least_shown(item: BriefItem, theme: str = theme, uses: Counter[str] = uses
                        ) -> tuple[int, int, int]:
            return uses[item.fact.id], fit(item, theme), rank[item.fact.id]

        picked[theme] = min(candidates[theme], key=least_shown)
    return picked


def _least_cost_assignment(cost: Sequence[Sequence[int]]) -> list[int]:
    """The column each row takes, no column twice, so that the sum of the costs is the
    least (the Hungarian method with potentials; rows no more than columns)."""
    n, m = len(cost), len(cost[0])
    big = sum(max(row) for row in cost) + 1
    u, v = [0] * (n + 1), [0] * (m + 1)
    owner_of, way = [0] * (m + 1), [0] * (m + 1)  # the row holding each column (1-based)
    for row in range(1, n + 1):
        owner_of[0], j0 = row, 0
        least, used = [big] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner_of[j0], big, 0
            for j in range(1, m + 1):
                if not used[j]:
                    reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < least[j]:
                        least[j], way[j] = reduced, j0
                    if least[j] < delta:
                        delta, j1 = least[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner_of[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if owner_of[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner_of[j0] = owner_of[j1]
            j0 = j1
    taken = [0] * n
    for j in range(1, m + 1):
        if owner_of[j]:
            taken[owner_of[j] - 1] = j - 1
    return taken


#: The worst `_fit`: on the theme only as a tag, shared, without a figure of the country's.
_WORST_FIT = 15


def _fit(fact: Fact, country: str, main_theme: bool) -> int:
    """How well a fact suits a country's cell, 0 best. A fact on a cell's theme as its main
    one suits it better than one merely tagged with it ("Tokyo will give Korean researchers
    access to ..." is tagged Talent, but it is about compute); one about the country alone
    better than one it shares ("Japan has moved faster: ... The announcement comes as China
    pushes ..." is more Japan's than China's); one giving a figure of the country's own
    better than one without. The most of the three wins, then in that order: "South Korea
    aims to train 30,000 AI specialists by 2030, while Japan's target is 50,000" is Japan's
    Talent fact, shared."""
    lacks = (not main_theme, fact.leads != (country,), own_figure(fact, country) is None)
    return 4 * sum(lacks) + 2 * lacks[0] + lacks[1]


def home_theme(fact: Fact, selected: Sequence[str], order: Mapping[str, int]) -> str | None:
    """The one theme a fact is mainly on, the section a brief quotes it in: its first theme
    the user selected, else its first theme in taxonomy order (None: it has none)."""
    themes = sorted(fact.themes, key=lambda t: order.get(t, len(order)))
    wanted = [t for t in themes if t in selected] or themes
    return wanted[0] if wanted else None


def own_figure(fact: Fact, country: str) -> Figure | None:
    """The fact's first key figure that is the country's: not a year nor a count of nothing
    in particular, and given to the country by extraction (or the fact is about it alone)."""
    return next((f for f in fact.figures if _shown(f) and owner(fact, f) == country), None)


def owner(fact: Fact, figure: Figure) -> str | None:
    """The one country a figure belongs to: as extraction gave it, else the fact's only
    country; None when the sentence leaves it open (a figure of a fact about several)."""
    if figure.country:
        return figure.country
    return fact.countries[0] if len(fact.countries) == 1 else None


# --------------------------------------------------------------------------- a cell's words

#: Words a cell quotes before and after its figure, or around where a fact without one
#: names the country, and the most characters of a side (CJK text has no spaces).
GLANCE_BEFORE = 4
GLANCE_AFTER = 3
GLANCE_WORDS = 9
GLANCE_CHARS = 60
_WORD = re.compile(r"\S+")


def cell_parts(fact: Fact, country: str, figure: Figure | None) -> tuple[str, str, str]:
    """What a cell quotes of a fact, verbatim: (words before the figure, the figure, words
    after it), with "…" where the sentence goes on; without a figure, (a few words from
    where the fact first names the country, "", ""). Another country's figure, or one the
    sentence leaves to several, is never shown in the country's cell: the words stop short
    of it ("…while Japan and South Korea together accounted for 14%" is not Japan's 14%).
    A cut never falls inside a word or a number."""
    text = fact.text
    foreign = sorted((f.start, f.start + len(f.text)) for f in fact.figures
                     if f is not figure and _shown(f) and owner(fact, f) != country)
    if figure is not None:
        start, end = figure.start, figure.start + len(figure.text)
        lo = max([b for _, b in foreign if b <= start], default=0)
        hi = min([a for a, _ in foreign if a >= end], default=len(text))
        return (_words_before(text, lo, start, GLANCE_BEFORE, GLANCE_CHARS), figure.text,
                _words_after(text, end, hi, GLANCE_AFTER, GLANCE_CHARS))
    # The stretches between other countries' figures; the cell quotes the one where the
    # fact first names the country ("…The announcement comes as China pushes ahead…").
    bounds = [0, *(x for span in foreign for x in span), len(text)]
    stretches = list(zip(bounds[::2], bounds[1::2], strict=True))
    named = [m.start for m in find_countries(text) if m.code == country]
    at = next((n for n in named if any(a <= n < b for a, b in stretches)), None)
    if at is None:  # not named ("The government has ..."): the longest stretch, from its start
        lo, hi = max(stretches, key=lambda s: (s[1] - s[0], -s[0]))
        at = lo
    else:
        lo, hi = next(s for s in stretches if s[0] <= at < s[1])
    before = _words_before(text, lo, at, GLANCE_BEFORE, GLANCE_CHARS)
    words = GLANCE_WORDS - len(_WORD.findall(before.lstrip("…")))
    return before + _words_after(text, at, hi, words, GLANCE_CHARS * 2), "", ""


def _shown(figure: Figure) -> bool:
    """A figure a reader compares (not a year nor a count of nothing in particular)."""
    return figure.kind != "year" and not is_bare_count(figure)


def _words_before(text: str, lo: int, at: int, words: int, chars: int) -> str:
    """The last `words` words of text[lo:at] (at most `chars` characters), "…" before them
    when the text goes on before."""
    starts = [m.start() for m in _WORD.finditer(text, lo, at)]
    cut = starts[-words] if len(starts) > words else (starts[0] if starts else at)
    if at - cut > chars:
        cut = _unbroken(text, at - chars, forward=True)
    return "…" + text[cut:at].lstrip() if text[:cut].strip() else text[cut:at]


def _words_after(text: str, at: int, hi: int, words: int, chars: int) -> str:
    """The first `words` words of text[at:hi] (at most `chars` characters), "…" after them
    when the text goes on."""
    ends = [m.end() for m in _WORD.finditer(text, at, hi)]
    cut = ends[words - 1] if len(ends) > words else (ends[-1] if ends else at)
    if cut - at > chars:
        cut = _unbroken(text, at + chars, forward=False)
    return text[at:cut] + ("…" if text[cut:].strip() else "")


def _unbroken(text: str, cut: int, forward: bool) -> int:
    """`cut`, moved out of any word or number it falls inside (forward or back): a cut by
    characters, needed for text without spaces, must not leave "…llion yen" or "1,2…"."""
    step = 1 if forward else -1
    while 0 < cut < len(text) and _glued(text[cut - 1]) and _glued(text[cut]):
        cut += step
    return cut


def _glued(char: str) -> bool:
    """A character of a word or number that a cut must not split: letters and digits of
    scripts written with spaces, and the marks inside numbers and words ("1,200.5",
    "AI-related", "Korea's"). Chinese and Japanese characters, written without spaces,
    may be cut between."""
    if char in ".,'’-%":
        return True
    return char.isalnum() and not ("\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff"
                                   or "\uf900" <= char <= "\ufaff" or char >= "\U00020000")


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
    cells = tuple(tuple(None if c is None else GlanceCell(fix(c.item), c.figure, c.parts)
                        for c in row)
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
        if (country in selection.countries and measure is not None
                and not _of_another(row.item.fact, row.figure, country)):
            grouped[measure].append(MeasureRow(country, row, row.item.fact.source.date))
    tables = [_table(key, title, members, rates) for (key, title), members in grouped.items()]
    return tuple(sorted(tables, key=_table_order))


#: What follows a percent or a fraction that is of another's quantity, not a share of a
#: whole: "one-tenth of China's", "a third that of Japan", "40% of the US figure" are a
#: country measured against another; tabled as its share, "<10%" would read as Korea's own.
#: A possessive with no noun after it ("of China's,") is always such a comparison.
_OF_ANOTHER = re.compile(
    r"[ \u00a0]+(?:(?:that|those)[ \u00a0]+of\b|of[ \u00a0]+(?:the[ \u00a0]+)?"
    r"(?P<name>(?:[A-Z][\w.-]*[ \u00a0]+){0,2}[A-Z][\w.-]*?)"
    r"(?:(?:['’]s\b|(?<=s)['’])(?P<alone>(?=[ \u00a0]*(?:[,.;:)]|$|[ \u00a0]+(?:and|but|or"
    r"|while|whereas|according)\b)))?|[ \u00a0]+(?:level|levels|figure|total|amount)\b))")


def _of_another(fact: Fact, figure: Figure, country: str) -> bool:
    """A percent figure of another country's quantity, or of a yardstick ("that of"):
    a comparison, not the country's share of a whole. The country it is of may be the one
    extraction gave it to, when the fact is about it only as a comparator ("Korea's budget
    is one-tenth of China's"); a country's share of its own whole ("45% of Japan's data
    centres", Japan's fact) stays."""
    if figure.kind != "percent":
        return False
    m = _OF_ANOTHER.match(fact.text, figure.start + len(figure.text))
    if m is None:
        return False
    name = m.group("name")
    if name is None or m.group("alone") is not None:
        # "a third that of ...", "one-tenth of China's, ...": of another's quantity, the
        # same one the sentence measured first, never a whole
        return True
    of = country_of_word(name)
    return of is not None and (of != country or country in fact.compared)


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
        # By the head noun first: "semiconductor engineers" are people, not chips.
        group = counted_group(unit, [nouns for _, _, nouns in COUNTED_MEASURES])
        if group is not None:
            key, title, _ = COUNTED_MEASURES[group]
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


#: Qualifiers that only say a figure is approximate: the converted amount's "≈" says so
#: already ("about 20 billion yuan" is "≈ 2.8 bn USD", not "about ≈ 2.8 bn USD"). Others
#: ("more than", "up to", "nearly") bound the amount and are carried into it.
_APPROXIMATE = re.compile(r"(?:about|around|roughly|approximately|some|an\s+estimated)",
                          re.IGNORECASE)
#: A range's two numbers, as `extract.figures` joins them into one figure ("5-6 billion
#: yuan", "$5 to $6 billion", "30 and 40 billion won" after "between"); its value is the
#: lower bound, the upper the same multiple of it as the numbers written.
_SCALE_WORD = r"(?:\s?(?P<{}>thousand|million|billion|trillion|mn|bn|tn)\b)?"
_RANGE = re.compile(
    r"^[^\d\s]{0,3}\s?(?P<low>\d[\d,]*(?:\.\d+)?)" + _SCALE_WORD.format("low_scale")
    + r"(?:\s?[-–]\s?|\s(?:to|and)\s)[^\d\s]{0,3}\s?(?P<high>\d[\d,]*(?:\.\d+)?)"
    + _SCALE_WORD.format("high_scale"), re.IGNORECASE)
#: A range's scale words, when each end has its own ("900 million to 1.2 billion won").
_RANGE_SCALES = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
                 "trillion": 1e12, "tn": 1e12}
#: Scale words of a brief's amounts, converted or not (`6.8 bn USD`; `render.markdown.amount`).
SCALE_WORDS = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))


def converted_amount(figure: Figure, converted: float, into: str) -> str:
    """A converted amount as the table shows it: marked "≈", to three significant figures,
    with the figure's qualifier and range as its text has them: "more than 200 billion
    yuan" -> "more than ≈ 28 bn USD", "5-6 billion yuan" -> "≈ 700–840 m USD"."""
    text = unqualified(figure.text)
    qualifier = " ".join(figure.text[:len(figure.text) - len(text)].split())
    if _APPROXIMATE.fullmatch(qualifier):
        qualifier = ""
    number = _approximately(converted)
    top = range_top(figure)
    if top is not None:
        number = joined_range(number, _approximately(converted * top / figure.value))
    said = f"≈ {number} {into}"
    return f"{qualifier[:1].lower()}{qualifier[1:]} {said}" if qualifier else said


def _approximately(value: float) -> str:
    """An amount to three significant figures, with thousands separators and a scale word
    from a million up, never trailing zeros: `28 bn`, `14,000`, `7.92 bn`, `735 tn`."""
    rounded = float(f"{value:.3g}")  # first, so that 999.7 million is `1 bn`
    scale, word = next(((s, w) for s, w in SCALE_WORDS if abs(rounded) >= s), (1.0, ""))
    shown = format(Decimal(repr(float(f"{rounded / scale:.3g}"))).normalize(), ",f")
    return f"{shown} {word}" if word else shown


def range_top(figure: Figure) -> float | None:
    """A range's upper bound in the figure's unit ("5-6 billion yuan" -> 6e9: its value is
    the lower); None for a figure of one number."""
    span = _RANGE.match(unqualified(figure.text))
    if span is None or figure.value <= 0:
        return None
    low, high = (float(span[g].replace(",", "")) for g in ("low", "high"))
    if span["low_scale"] and span["high_scale"]:  # "1.2 trillion to 1.5 trillion won"
        low *= _RANGE_SCALES[span["low_scale"].lower()]
        high *= _RANGE_SCALES[span["high_scale"].lower()]
    return figure.value * high / low if 0 < low < high else None


def joined_range(low: str, high: str) -> str:
    """A range of two amounts, the scale word said once when both share it: `700–840 m`."""
    low_number, _, low_word = low.partition(" ")
    if low_word == high.partition(" ")[2]:
        return f"{low_number}–{high}"
    return f"{low}–{high}"


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
