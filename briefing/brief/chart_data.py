"""What a brief charts: plain data for `Brief.charts`, worked out from the finished brief.

Two kinds, each only where it compares something:

- **bar**: one measure's figures by country, like with like. The figures come from the
  comparison's key-figure tables (`brief.compare`: one currency or unit a table, each figure
  owned by one of the brief's countries), split further by what each measures: its label
  (see `extract.measures`) names its currency or unit and its year, so yen are never drawn
  beside dollars and a 2025 budget never beside a 2026 one; and by its time frame, read
  from its sentence (`extract.figures.time_frame`): a plan or target ("Korea plans 30,000
  GPUs") is never drawn beside a count of what is there ("Japan currently has 20,000"), and
  the title says which ("planned", "as reported"). A comparison one source makes (several
  countries' figures in one sentence or one article) is drawn rather than each country's
  newest figure stitched from different sources; when bars do come from different sources,
  each bar's label gives its source's date and the caption says so. A dollar of no known
  country (`$`) is never charted: which dollar it is is a guess. Drawn only when two
  countries or more have a figure for the measure in one time frame.
- **timeline**: the brief's dated facts per month (per quarter or year over a long span),
  by country in a brief on several countries, by theme in a brief on no country; drawn only
  when the facts span two periods or more and two series have facts.

A brief on one country has no chart: there is nothing to compare it with. Nothing here draws
(`brief/charts.py` does, with matplotlib, only when a chart is rendered).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from briefing.extract.figures import PHYSICAL_UNITS, PLANNED, REPORTED, time_frame
from briefing.model import Brief, Chart, ChartRow, Figure, MeasureRow

#: Bar charts in a brief at most (each costs about 70 ms to draw): the measures most
#: countries have a figure for, then those of the strongest facts.
MAX_BAR_CHARTS = 3
#: Series a timeline draws at most; the rest are added up as one.
MAX_SERIES = 6
#: Periods a timeline draws at most before it counts per quarter, then per year.
MAX_PERIODS = 24
#: Figure kinds a bar chart may compare (not years; `brief.compare` leaves out counts of
#: nothing in particular).
_CHARTED_KINDS = frozenset({"money", "percent", "count", *PHYSICAL_UNITS})
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_SI_PREFIXES = ((1e21, "Z"), (1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"),
                (1e3, "k"))


def brief_charts(brief: Brief) -> tuple[Chart, ...]:
    """The brief's charts: bar charts of measures first, then the timeline."""
    countries = brief.selection.countries
    if len(countries) == 1:
        return ()  # one country: nothing to compare it with
    charts = list(_bar_charts(brief))
    timeline = _timeline(brief)
    if timeline is not None:
        charts.append(timeline)
    return tuple(charts)


# --------------------------------------------------------------------------- bar charts

#: What a bar chart's title says of its figures' time frame (`extract.figures.time_frame`;
#: a figure whose sentence says neither is taken as its source reports it).
FRAME_TITLES = {PLANNED: "planned", REPORTED: "as reported"}


class _Candidate(NamedTuple):
    chart: Chart
    bars: int
    rank: int


def _bar_charts(brief: Brief) -> list[Chart]:
    candidates = [
        candidate
        for rows in measure_groups(brief).values()
        for frame, framed in _by_frame(rows).items()
        if (candidate := _bar_candidate(brief, framed, frame)) is not None]
    # Most countries first; then the measure of the strongest fact.
    candidates.sort(key=lambda c: (-c.bars, c.rank))
    return [c.chart for c in candidates][:MAX_BAR_CHARTS]


def measure_groups(brief: Brief) -> dict[tuple[str, str], list[MeasureRow]]:
    """The figures a bar chart may compare: the comparison's key-figure tables
    (`brief.measures`, built by `brief.compare`: one unit or currency each, each figure of
    one country of the brief), split by what each figure measures (its label, which names
    its year: a 2025 budget is not a 2026 one); each group in its table's order (newest
    source first, the brief's ranking on a tie)."""
    groups: dict[tuple[str, str], list[MeasureRow]] = defaultdict(list)
    for table in brief.measures:
        if table.currency == "$":
            continue  # a dollar of no known country: which dollar it is is a guess
        for row in table.rows:
            figure = row.row.figure
            if figure.measure and figure.kind in _CHARTED_KINDS:
                groups[(table.key, figure.measure.casefold())].append(row)
    return dict(groups)


def frame_of(row: MeasureRow) -> str:
    """A row's time frame, from its sentence and its source's year: `planned` or
    `reported` (a figure its sentence dates neither way is taken as reported)."""
    year = int(row.date[:4]) if row.date and row.date[:4].isdigit() else None
    return time_frame(row.row.item.fact.text, row.row.figure, year) or REPORTED


def _by_frame(rows: Sequence[MeasureRow]) -> dict[str, list[MeasureRow]]:
    """A measure's rows split by time frame: a plan is never drawn against a count."""
    framed: dict[str, list[MeasureRow]] = defaultdict(list)
    for row in rows:
        framed[frame_of(row)].append(row)
    return framed


def _bar_candidate(brief: Brief, rows: Sequence[MeasureRow], frame: str
                   ) -> _Candidate | None:
    """The chart of one measure in one time frame (`frame`, all its rows'), if two countries
    or more have a figure: the comparison one source makes when one does (the most
    countries, then the newest), else each country's newest figure, each bar labelled with
    its source's date."""
    by_source: dict[str, dict[str, MeasureRow]] = defaultdict(dict)
    for row in rows:
        by_source[row.row.item.fact.source.key].setdefault(row.country, row)
    compared = [chosen for chosen in by_source.values() if len(chosen) >= 2]
    if compared:
        # The newest source first (a stable sort keeps the tables' order on a tie), then the
        # one comparing the most countries: `max` keeps the first of equals.
        compared.sort(key=lambda chosen: max(r.date or "" for r in chosen.values()),
                      reverse=True)
        chosen_rows, stitched = list(max(compared, key=len).values()), False
    else:
        newest: dict[str, MeasureRow] = {}
        for row in rows:
            newest.setdefault(row.country, row)
        if len(newest) < 2:
            return None
        chosen_rows, stitched = list(newest.values()), True
    chart = _bar_chart(brief, chosen_rows, frame, stitched=stitched)
    return _Candidate(chart, len(chosen_rows), min(_rank(brief, r) for r in chosen_rows))


def _rank(brief: Brief, row: MeasureRow) -> int:
    """The place of a row's fact in the brief (strongest first)."""
    fact = row.row.item.fact
    return next((n for n, item in enumerate(brief.items) if item.fact.id == fact.id),
                len(brief.items))


def _bar_chart(brief: Brief, rows: Sequence[MeasureRow], frame: str, *, stitched: bool
               ) -> Chart:
    """Largest first; each bar the figure as its source gives it, in the chart's unit. Bars
    from different sources are each labelled with their source's date, and the caption says
    they come from different sources."""
    rows = sorted(rows, key=lambda r: (-r.row.figure.value, r.country))
    first = rows[0].row.figure
    label = first.measure or ""
    scale, unit = value_unit(first, max(abs(r.row.figure.value) for r in rows))

    def name(row: MeasureRow) -> str:
        country = brief.country_names.get(row.country, row.country)
        return f"{country} ({row.date or 'undated'})" if stitched else country

    bars = tuple(
        ChartRow(name(r), (r.row.figure.value / scale,), (number(r.row.figure.value / scale),),
                 r.row.figure.text, r.row.item.cites())
        for r in rows)
    title = f"{label[:1].upper()}{label[1:]}, {FRAME_TITLES[frame]}, by country"
    listed = "; ".join(f"{b.label} {b.shown[0]}" for b in bars)
    refs = tuple(sorted({n for b in bars for n, _ in b.cites}))
    if stitched:
        note = ("Figures from different sources, each country's newest, dated in its label: "
                "no one source compares them.")
    else:
        note = "Figures from one source, which compares them."
    alt = f"Bar chart: {title}, in {unit}. {listed}. {note}"
    return Chart("bar", title, unit, "Country", (unit,), bars, refs, alt, note)


def value_unit(figure: Figure, largest: float) -> tuple[float, str]:
    """The scale a chart's values are divided by and the unit its axis names: `USD billion`,
    `%`, `thousand advanced GPUs`, `GW`."""
    unit = figure.unit or ""
    if figure.kind == "percent":
        return 1.0, "%"
    if figure.kind in PHYSICAL_UNITS:
        scale, prefix = next(((s, p) for s, p in _SI_PREFIXES if largest >= s), (1.0, ""))
        return scale, f"{prefix}{unit}"
    scale, word = next(((s, w) for s, w in _SCALES if largest >= s), (1.0, ""))
    if figure.kind == "count":
        if scale == 1.0 and largest >= 1e4:
            scale, word = 1e3, "thousand"
        return scale, f"{word} {unit}".strip()
    return scale, f"{unit} {word}".strip()  # money: an ISO code, `USD billion`


def number(value: float) -> str:
    """A chart's value as printed: at most three decimals, none when whole (`6.8`, `1,200`)."""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


# --------------------------------------------------------------------------- timeline


def _timeline(brief: Brief) -> Chart | None:
    """Dated facts per period, by country (a brief on several) or by theme (on none)."""
    countries = brief.selection.countries
    dates = {s.number: s.source.date for s in brief.sources}
    theme_order = {slug: n for n, slug in enumerate(brief.theme_names)}
    counted: list[tuple[str, tuple[str, ...], int]] = []  # (day, series, source number)
    undated = 0
    for item in brief.items:
        dated = sorted((d, n) for n in item.refs if (d := dates.get(n)))
        if not dated:
            undated += 1
            continue
        day, source = dated[0]  # the fact's earliest report the brief cites
        if countries:
            # The countries it is about as subjects, as At a glance counts them: a country
            # it only compares with is not what it reports on.
            keys = tuple(c for c in countries if c in item.fact.leads)
        else:
            keys = (_home_theme(item.fact.themes, brief.selection.themes, theme_order),)
        if keys:
            counted.append((day, keys, source))
    names = (dict(brief.country_names) if countries
             else {**brief.theme_names, _OTHER_THEME: "Other facts"})
    series = _series(counted, countries or None, theme_order)
    periods = {day[:7] for day, _, _ in counted}
    if len(series) < 2 or len(periods) < 2:
        return None  # one series or one month: nothing to compare
    return _timeline_chart(counted, series, names, undated, by_country=bool(countries))


_OTHER_THEME = "other"
_REST = "__rest__"


def _home_theme(themes: Sequence[str], selected: Sequence[str], order: dict[str, int]) -> str:
    """A fact's one theme, as its section in the brief: its first selected theme, else its
    first in taxonomy order."""
    ordered = sorted(themes, key=lambda t: order.get(t, len(order)))
    wanted = [t for t in ordered if t in selected]
    return (wanted or ordered or [_OTHER_THEME])[0]


def _series(counted: Sequence[tuple[str, tuple[str, ...], int]],
            countries: Sequence[str] | None, theme_order: dict[str, int]) -> list[str]:
    """The series drawn, in order: the brief's countries that have dated facts, or its
    themes by taxonomy order; past MAX_SERIES, the smallest are added up as one."""
    tally = Counter(k for _, keys, _ in counted for k in keys)
    if countries is not None:
        present = [c for c in countries if tally[c]]
    else:
        present = sorted(tally, key=lambda t: theme_order.get(t, len(theme_order)))
    if len(present) <= MAX_SERIES:
        return present
    kept = set(sorted(present, key=lambda k: (-tally[k], present.index(k)))[:MAX_SERIES - 1])
    return [k for k in present if k in kept] + [_REST]


def _periods(days: Iterable[str]) -> tuple[str, list[str], dict[str, str]]:
    """The axis ('Month', 'Quarter' or 'Year'), every period from the first to the last
    (empty ones too: a gap is news), and each month's period."""
    months = sorted({d[:7] for d in days})
    first, last = _month_number(months[0]), _month_number(months[-1])
    span = [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(first, last + 1)]
    if len(span) <= MAX_PERIODS:
        return "Month", span, {m: m for m in span}
    quarter = {m: f"{m[:4]} Q{(int(m[5:7]) - 1) // 3 + 1}" for m in span}
    quarters = list(dict.fromkeys(quarter.values()))
    if len(quarters) <= MAX_PERIODS:
        return "Quarter", quarters, quarter
    year = {m: m[:4] for m in span}
    return "Year", list(dict.fromkeys(year.values())), year


def _month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _timeline_chart(counted: Sequence[tuple[str, tuple[str, ...], int]], series: list[str],
                    names: dict[str, str], undated: int, *, by_country: bool) -> Chart:
    axis, periods, period_of = _periods(day for day, _, _ in counted)
    index = {k: n for n, k in enumerate(series)}
    counts = {p: [0] * len(series) for p in periods}
    sources: dict[str, set[int]] = defaultdict(set)
    # Facts, not bars: a fact about two of the countries is one fact in its period.
    facts_in = dict.fromkeys(periods, 0)
    for day, keys, source in counted:
        period = period_of[day[:7]]
        drawn = False
        for key in keys:
            at = index.get(key, index.get(_REST))
            if at is not None:
                counts[period][at] += 1
                sources[period].add(source)
                drawn = True
        facts_in[period] += drawn
    labels = tuple(names.get(k, k) if k != _REST else "Others" for k in series)
    rows = tuple(ChartRow(p, tuple(float(v) for v in counts[p]), tuple(str(v) for v in counts[p]),
                          "", tuple((n, None) for n in sorted(sources[p])))
                 for p in periods)
    per = axis.lower()
    by = "country" if by_country else "theme"
    title = f"Dated facts per {per}, by {by}"
    totals = [sum(counts[p][n] for p in periods) for n in range(len(series))]
    busiest = max(periods, key=lambda p: (facts_in[p], -periods.index(p)))
    alt = (f"Stacked bar chart: {title}, from {periods[0]} to {periods[-1]}. In all: "
           + "; ".join(f"{name} {total}" for name, total in zip(labels, totals, strict=True))
           + f". Most facts in {busiest} ({facts_in[busiest]}).")
    notes = ["Each fact is counted at the date of its earliest source the brief cites"]
    if by_country and any(len(keys) > 1 for _, keys, _ in counted):
        notes.append("a fact about several of the countries counts for each (not for a "
                     "country it only compares with)")
    if any(not sum(counts[p]) for p in periods):
        notes.append(f"{per}s with no dated fact are drawn empty and not listed in the table")
    if undated:
        notes.append(f"{undated} undated fact{'s' if undated != 1 else ''} not shown")
    refs = tuple(sorted({source for _, _, source in counted}))
    return Chart("timeline", title, "facts", axis, labels, rows, refs, alt,
                 "; ".join(notes) + ".")
