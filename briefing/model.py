"""The domain of `briefing`: sources, the facts they state, and the brief built from them.

Everything here is a frozen dataclass (one named tuple, for speed) with no behaviour
beyond small derived properties, so every layer (store, brief, renderers, CLI, TUI) speaks
the same nouns.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

#: Bumped whenever extraction changes what it produces; the store re-reads every file then.
EXTRACTOR_VERSION = "27"
#: Words shown either side of a figure in the key-figures table.
WINDOW = 7


@dataclass(frozen=True, slots=True)
class Versions:
    """A page the corpus keeps in several versions: one URL fetched again by `briefing add
    --refresh`, or a page saved twice with the same canonical URL. Versions are ordered by
    when they were fetched (a sidecar's time), else by the date they give, then by their
    version number (`-v2`)."""

    newest: str
    """The path of the newest version: the only one facts are taken from."""
    updated: str | None
    """When the newest version was fetched (else the date it gives): YYYY-MM-DD."""
    first: str | None
    """When the first version was fetched (else the date it gives)."""
    first_fetched: bool
    """`first` is when `briefing add` fetched it, not a date the page gives."""
    count: int

    @property
    def note(self) -> str:
        """What a source list says of the newest version: `updated 2026-03-05; first
        fetched 2026-03-01`."""
        parts = [f"updated {self.updated}"] if self.updated else []
        if self.first and self.first != self.updated:
            parts.append(f"first {'fetched' if self.first_fetched else 'version'} {self.first}")
        return "; ".join(parts) or f"the newest of {self.count} versions"


@dataclass(frozen=True, slots=True)
class Source:
    """One article: a file of the corpus, or a related article carried in a file's front matter."""

    key: str
    """Unique within the corpus: the relative path, or `path#related-N` for a carried article."""
    path: str
    """Path of the file, relative to the corpus root, with `/` separators."""
    title: str
    publisher: str | None
    """Front-matter provider, else the URL's host, else None."""
    date: str | None
    """ISO date (YYYY-MM-DD) the article gives, or None: never invented."""
    url: str | None
    sha256: str
    """Hash of the file's bytes (of the carrying file for a related article)."""
    carrier: str | None = None
    """For a related article: the path of the file whose front matter carried it."""
    extractor: str | None = None
    """What turned the file into the text spans point into, with its version
    (`trafilatura 2.3.1`, `pypdfium2 4.30.0`); None for text files, read as they are.
    `verify` tells "the page changed" from "our extraction changed" by it."""
    pages: tuple[int, ...] = ()
    """For a PDF: the offset in the extracted text where each page starts (page 1 first)."""
    versions: Versions | None = None
    """Set by the store when the corpus keeps several versions of this page (the same URL
    fetched again, or saved twice): only the newest is a source of facts."""

    @property
    def is_related(self) -> bool:
        return self.carrier is not None

    @property
    def superseded(self) -> bool:
        """An older version of a page the corpus also keeps a newer version of."""
        return self.versions is not None and self.versions.newest != self.path

    def page_at(self, offset: int) -> int | None:
        """The page (1-based) holding a text offset, for a source with pages; else None."""
        if not self.pages:
            return None
        return max(bisect_right(self.pages, offset), 1)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number a fact states, with its normalised value."""

    text: str
    """As written, e.g. `$6.8 billion`, `36%`, `260,000 advanced GPUs`, `2030`."""
    kind: str
    """One of `percent`, `money`, `count`, `year`, or a physical quantity: `power`,
    `energy`, `data`, `compute` (see `extract.figures`)."""
    value: float
    """Normalised: 6.8e9 for `$6.8 billion`, 36.0 for `36%`, 1.9e9 for `1.9 gigawatts`, 2030.0
    for a year."""
    unit: str | None
    """`%`, an ISO currency code (`USD`), the counted noun (`GPUs`), a base unit (`W`, `Wh`,
    `B`, `FLOPS`), or None for years."""
    start: int = 0
    """Offset of `text` within the fact's (normalised) text."""
    country: str | None = None
    """The country the figure belongs to (the one its clause is about), when the sentence
    says; set at extraction."""
    measure: str | None = None
    """What it measures, e.g. `AI development budget (USD), 2026` (see
    `extract.measures`); set at extraction, None when unclear."""


@dataclass(frozen=True, slots=True)
class Citation:
    """One place where a fact is stated: a source and the character span in its file."""

    source: Source
    start: int
    end: int
    """`[start, end)` in the decoded text of the file `source.path` (for HTML and PDF: in
    the text extracted from it, see `Source.extractor`)."""
    text: str
    """The file's text at the span with whitespace collapsed (may differ slightly from the
    fact's canonical text when a near-duplicate wording was merged)."""

    @property
    def page(self) -> int | None:
        """The page of a PDF source the span starts on; None for other sources."""
        return self.source.page_at(self.start)


@dataclass(frozen=True, slots=True)
class Fact:
    """A sentence or list item of article text, with what it is about."""

    id: str
    """Stable identifier: derived from the normalised text, so it survives re-indexing."""
    text: str
    """Quoted as the source states it, whitespace normalised only."""
    countries: tuple[str, ...]
    """What the fact is about: ISO 3166 alpha-2 codes (plus `EU`), sorted."""
    themes: tuple[str, ...]
    """Theme slugs from the taxonomy, sorted."""
    figures: tuple[Figure, ...]
    citations: Sequence[Citation]
    """Every source that states it; the first is the canonical one (its text is `text`).
    A tuple, but for a fact streamed from a big archive (`Store.iter_facts`), whose
    thousands of citations are read a page at a time as they are iterated."""
    heading: str | None = None
    """The section heading the fact sits under in its canonical source, if any."""
    position: int = 0
    """Order of the fact within its canonical source (0-based)."""
    sources: int = 0
    """How many sources state it, when the store counted them (0: count the citations).
    The store may load only the citations a brief cites; these counts cover them all."""
    publishers: int = 0
    """Independent publishers among all its sources (0: not counted by the store)."""
    newest: str | None = None
    """The newest date among all its sources (meaningful when `sources` is set)."""
    mentions: tuple[str, ...] = ()
    """Countries it names only in passing (comparators, suppliers, rivals), sorted."""
    compared: tuple[str, ...] = ()
    """Those of `countries` it is about only as comparators, sorted: a figure of theirs it
    sets against another country's ("Australia spends 0.4% of GDP on AI research, compared
    with 1.1% in Singapore": SG). `facts -c SG` lists it; SG's brief shows it as another
    country's fact compared with SG, never as a key finding about SG."""

    @property
    def leads(self) -> tuple[str, ...]:
        """The countries it is about as its subjects (`countries` less `compared`)."""
        return tuple(c for c in self.countries if c not in self.compared)

    @property
    def source(self) -> Source:
        return self.citations[0].source

    @property
    def span(self) -> tuple[int, int]:
        c = self.citations[0]
        return (c.start, c.end)


class FactDigest(NamedTuple):
    """What a brief ranks a fact by, without its text or citations: a few numbers a store
    can give for every fact of a big archive at once. A named tuple, not a dataclass: a
    brief makes one for each of a country's tens of thousands of facts, and a tuple is made
    several times faster."""

    id: str
    countries: tuple[str, ...]
    themes: tuple[str, ...]
    sources: int
    publishers: int
    newest: str | None
    numeric: int
    """Figures other than years."""
    years: int
    source: str = ""
    """The key of the source of its earliest report (the one a brief quotes it from)."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A corpus file that could not be read, and why (shown in `sources` and as a warning)."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class CorrectionNote:
    """A user's correction (`corrections.yaml` in the corpus folder, `briefing correct`) as
    commands and a brief's Method report it: applied, or stale and why."""

    number: int
    """Its place in the corrections file (1-based), as `briefing correct --list` numbers it."""
    kind: str
    """`source` or `fact`."""
    target: str
    """The source's key (its corpus path) or the fact's id."""
    change: str
    """What it corrects, in words: `date 2026-03-04 (was undated)`, `countries KR (was JP)`."""
    stale: str | None = None
    """Why it is not applied (its source's file changed, its fact is gone, an entry that
    cannot be read); None when it is."""
    labels: tuple[str, ...] = ()
    """Of a fact's correction, the countries and themes it gives or takes away (corrected
    and as read): the briefs it may move the fact into or out of."""


# --------------------------------------------------------------------------- the brief


@dataclass(frozen=True, slots=True)
class Selection:
    """What the user asked for. Empty countries/themes mean "any"."""

    countries: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    since: date | None = None
    """Keep only facts with a source dated on or after this day: a fact whose sources are
    all older, or give no date at all, is left out (nothing shows it is in the window)."""
    excluded: frozenset[str] = frozenset()
    """Fact ids the user left out."""
    max_facts: int = 40
    query: str | None = None
    """Optional full-text filter (the TUI's search box)."""
    pinned: frozenset[str] = frozenset()
    """Fact ids always in the brief while the corpus has them, however they rank (a saved
    brief's pins); an exclusion wins over a pin, and the date window still applies."""


@dataclass(frozen=True, slots=True)
class BriefItem:
    """A fact as it stands in the brief, with its citation numbers."""

    fact: Fact
    refs: tuple[int, ...]
    """Numbers of the sources cited for it (1-based, into `Brief.sources`)."""
    publishers: int = 1
    """How many independent publishers state it (a syndicated copy does not count twice)."""
    stale: bool = False
    """Every dated source is older than the staleness threshold at the as-of date."""
    undated: bool = False
    """No source of it gives a date."""
    pages: tuple[int | None, ...] = ()
    """The page cited in each of `refs` (a PDF report), None where the source has none."""
    about: tuple[str, ...] = ()
    """In a brief on several countries: whose fact it is, the label its quote opens with
    ("Japan:"), the brief's countries first. Empty in other briefs (no label needed)."""
    versus: tuple[str, ...] = ()
    """The brief's countries it is about only as comparators, when `about` has none of them
    ("United States, compared with China:")."""

    def cites(self) -> tuple[tuple[int, int | None], ...]:
        """(source number, page or None) for each citation marker."""
        return tuple(zip(self.refs, self.pages or (None,) * len(self.refs), strict=True))


@dataclass(frozen=True, slots=True)
class Section:
    """The brief's facts on one theme that no part above it quotes already."""

    slug: str
    title: str
    items: tuple[BriefItem, ...]
    see_also: tuple[int, ...] = ()
    """Numbers (1-based) of the key findings on this theme: quoted there, not again here."""


@dataclass(frozen=True, slots=True)
class FigureRow:
    """A row of the key-figures table."""

    figure: Figure
    item: BriefItem
    countries: tuple[str, ...]
    """The country the figure is about (by where it stands in the sentence), else all the
    fact's countries."""

    @property
    def excerpt(self) -> str:
        """A verbatim window of the sentence around the figure, with ellipses where the
        sentence goes on: enough to say what the number measures."""
        text, f = self.item.fact.text, self.figure
        fig_end = f.start + len(f.text)
        starts = [m.start() for m in re.finditer(r"\S+", text[:f.start])]
        ends = [m.end() for m in re.finditer(r"\S+", text[fig_end:])]
        a = starts[-WINDOW] if len(starts) > WINDOW else 0
        b = fig_end + ends[WINDOW - 1] if len(ends) > WINDOW else len(text)
        return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


@dataclass(frozen=True, slots=True)
class GlanceCell:
    """The strongest fact a brief on several countries has for one country and theme."""

    item: BriefItem
    figure: Figure | None
    """Its key figure for that country, when it states one of the country's own."""
    parts: tuple[str, str, str]
    """What the cell quotes, verbatim with ellipses where the sentence goes on: (words
    before the figure, the figure, words after it); without a figure, (a few words, "", "").
    Made by `brief.compare`, which never shows another country's figure in a cell."""


@dataclass(frozen=True, slots=True)
class Glance:
    """The At-a-glance table of a brief on several countries: a row per theme, a column per
    country, each cell the strongest fact on both (None: the brief has none)."""

    countries: tuple[str, ...]
    themes: tuple[str, ...]
    cells: tuple[tuple[GlanceCell | None, ...], ...]
    """cells[i][j]: themes[i] for countries[j]."""
    facts: tuple[int, ...]
    """Facts the brief quotes about each country (as a subject), by `countries`."""


@dataclass(frozen=True, slots=True)
class RateTable:
    """Exchange rates the user configured (`rates` in the config file). A brief converts an
    amount only with these, never silently, and its Method names their date and source."""

    into: str
    """The currency amounts are converted to (ISO 4217), e.g. `USD`."""
    date: str
    """The day the rates are for, YYYY-MM-DD."""
    source: str
    """Where the user took them from, e.g. `ECB euro reference rates`."""
    rates: tuple[tuple[str, float], ...]
    """(currency, what one unit of it is worth in `into`), sorted by currency."""

    def rate(self, currency: str | None) -> float | None:
        return next((r for c, r in self.rates if c == currency), None)


@dataclass(frozen=True, slots=True)
class MeasureRow:
    """A row of a key-figures-by-measure table: one country's figure."""

    country: str
    row: FigureRow
    date: str | None
    """The date of the source it is quoted from (None: undated)."""
    converted: float | None = None
    """The amount in `MeasureTable.into` at the user's rate, when one converts it."""


@dataclass(frozen=True, slots=True)
class MeasureTable:
    """The figures of a brief on several countries that measure one kind of thing in one
    unit (money in one currency, GPUs and chips, patents, people, percentages, ...): like
    is compared with like, and amounts in different currencies never share a table."""

    key: str
    """`money:JPY`, `count:chips`, `percent`, ...: stable, for tests and other renderers."""
    title: str
    rows: tuple[MeasureRow, ...]
    """Newest source first, undated last."""
    into: str | None = None
    """The currency of the converted column (a user's rate table), else None: no column."""

    @property
    def currency(self) -> str | None:
        """The currency of a table of money (`JPY`, `$` for a dollar of no known country)."""
        kind, _, unit = self.key.partition(":")
        return unit if kind == "money" else None


@dataclass(frozen=True, slots=True)
class Conflict:
    """Sources giving different values for the same measure of the same country."""

    country: str
    measure: str
    """Human label of what is measured, e.g. `share of global AI models (%)`."""
    rows: tuple[FigureRow, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """Side-by-side view for a multi-country brief."""

    countries: tuple[str, ...]
    themes: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    """counts[i][j]: facts about themes[i] for countries[j]."""
    figures: tuple[tuple[str, tuple[FigureRow, ...]], ...]
    """Per country code, its figure rows."""


@dataclass(frozen=True, slots=True)
class ChartRow:
    """A row of a chart's data: one bar of a bar chart (a country), or one period of a
    timeline (a month, quarter or year)."""

    label: str
    """A country's name, or a period: `2026-03`, `2026 Q1`, `2026`."""
    values: tuple[float, ...]
    """One per series of the chart, in its unit (a bar chart has one series)."""
    shown: tuple[str, ...]
    """`values` as the chart and its table print them (`6.8`, `1,200`)."""
    text: str = ""
    """Bar chart: the figure as its source writes it (`$6.8 billion`)."""
    cites: tuple[tuple[int, int | None], ...] = ()
    """(source number, page or None) of what the row shows, as `BriefItem.cites`."""


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart of the brief: plain data the renderers draw (an SVG in the Markdown and the
    PDF) and show as a table beside it; nothing here is drawn yet."""

    kind: str
    """`bar` (one measure's figures by country) or `timeline` (dated facts per period, by
    country or by theme)."""
    title: str
    unit: str
    """The value axis's label: `USD billion`, `%`, `advanced GPUs`, `facts`."""
    axis: str
    """The category axis's label: `Country`, `Month`, `Quarter`, `Year`."""
    series: tuple[str, ...]
    """The names of the series (a timeline's countries or themes; a bar chart's unit)."""
    rows: tuple[ChartRow, ...]
    refs: tuple[int, ...]
    """Numbers (1-based, into `Brief.sources`) of every source the chart draws on."""
    alt: str
    """What the chart shows, in words, for readers who cannot see it."""
    note: str = ""
    """What the reader should know about how it was counted (facts left out, ...)."""


@dataclass(frozen=True, slots=True)
class SourceRef:
    """An entry of the numbered Sources list."""

    number: int
    source: Source
    stale: bool = False
    undated: bool = False


@dataclass(frozen=True, slots=True)
class Omission:
    """A fact that matched the selection but is not in the brief (for `--audit`)."""

    fact: Fact
    reason: str


#: Words of a fact the What's new section shows: enough to recognise it.
GLIMPSE_WORDS = 14


def first_words(text: str, words: int = GLIMPSE_WORDS) -> str:
    """The first words of a fact, with an ellipsis when it goes on."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


@dataclass(frozen=True, slots=True)
class NewFact:
    """A fact of a saved brief's render that its previous render did not include."""

    id: str
    text: str
    where: str
    """Where the brief quotes it: `key finding 2`, a section's title."""
    corrected: tuple[str, ...] = ()
    """The user's corrections of it or of a source it is cited from, in words (`date
    2026-11-25 (was undated)`): what may have brought it into the brief, though its words
    were in the corpus before."""

    @property
    def glimpse(self) -> str:
        return first_words(self.text)


@dataclass(frozen=True, slots=True)
class DroppedFact:
    """A fact the previous render of a saved brief included and this one does not."""

    id: str
    text: str
    """As the previous render quoted it (the fact may no longer exist)."""
    reason: str
    """`source changed`, `source removed`, `excluded by the user`, `ranked out`, ... (see
    `brief.history`)."""
    files: tuple[str, ...] = ()
    """The corpus files the reason is about (a changed or removed source's)."""

    @property
    def glimpse(self) -> str:
        return first_words(self.text)


@dataclass(frozen=True, slots=True)
class ChangedFact:
    """A fact of a saved brief's render that is an edit of one its previous render had: a
    sentence of the same source file, reworded a little (another figure, a word or two)."""

    id: str
    text: str
    where: str
    """Where the brief quotes it, as `NewFact.where`."""
    was_id: str
    was_text: str
    """The previous render's fact, as it quoted it."""
    files: tuple[str, ...] = ()
    """The edited corpus files they share."""

    @property
    def glimpse(self) -> str:
        return first_words(self.text)

    @property
    def was_glimpse(self) -> str:
        return first_words(self.was_text)


@dataclass(frozen=True, slots=True)
class WhatsNew:
    """What changed since the previous render of a saved brief (`brief.history`)."""

    since: str
    """The previous render's as-of date, YYYY-MM-DD."""
    new: tuple[NewFact, ...]
    dropped: tuple[DroppedFact, ...]
    kept: int = 0
    """Facts in both renders."""
    changed: tuple[ChangedFact, ...] = ()
    """Facts that are edits of one the previous render had (neither new nor dropped)."""

    @property
    def new_ids(self) -> frozenset[str]:
        return frozenset(f.id for f in self.new)

    @property
    def changed_ids(self) -> frozenset[str]:
        return frozenset(f.id for f in self.changed)


@dataclass(frozen=True, slots=True)
class Scope:
    facts: int
    sources: int
    earliest: str | None
    latest: str | None
    undated: int


@dataclass(frozen=True, slots=True)
class Brief:
    """The one model both renderers (Markdown, PDF) and the email body are made from."""

    title: str
    as_of: date
    selection: Selection
    country_names: dict[str, str]
    """Display names of the countries the brief mentions, by code."""
    theme_names: dict[str, str]
    scope: Scope
    key_findings: tuple[BriefItem, ...]
    key_figures: tuple[FigureRow, ...]
    sections: tuple[Section, ...]
    comparison: Comparison | None
    """Only when several countries are selected."""
    compared: tuple[BriefItem, ...]
    """For one country: the facts that compare it with others."""
    conflicts: tuple[Conflict, ...]
    sources: tuple[SourceRef, ...]
    stale_after_years: int
    version: str
    corpus_fingerprint: str
    omissions: tuple[Omission, ...] | None = None
    """Set only when an audit appendix was asked for."""
    whats_new: WhatsNew | None = None
    """Only in a saved brief's render after its first: what is new since the previous one."""
    items: tuple[BriefItem, ...] = field(default=())
    """Every fact in the brief, in order of first appearance."""
    per_source_cap: int = 0
    """The most facts taken from any one source while others had facts to give."""
    capped: int = 0
    """Facts left out because their source had given `per_source_cap` already."""
    matched: int = 0
    """Set when more facts matched than a brief reads (a big archive): it read and ranked
    in full only the `read` strongest by their digests, and `capped` is then counted from
    the digests of all matches (duplicate wordings not yet dropped): about that many."""
    read: int = 0
    undated_left_out: int = 0
    """Facts left out under `selection.since` because none of their sources gives a date."""
    excluded_left_out: int = 0
    """Facts the user left out by id (`--exclude`) that matched the selection."""
    later_left_out: int = 0
    """Facts left out because only sources dated after `as_of` report them."""
    ranked_out: int = 0
    """Facts that matched but ranked below the brief's `selection.max_facts` strongest."""
    later_sources: int = 0
    """Sources dated after `as_of` that the brief does not cite (see `brief.known_by`)."""
    glance: Glance | None = None
    """Only in a brief on several countries: the strongest fact per theme and country."""
    measures: tuple[MeasureTable, ...] = ()
    """Only in a brief on several countries: its key figures, a table per measure."""
    rates: RateTable | None = None
    """The user's rate table, when it converts an amount the brief shows (Method says so)."""
    only_compared: int = 0
    """Facts that are about the brief's countries only as comparators (another country's
    facts comparing with them): never key findings."""
    corrections: tuple[CorrectionNote, ...] = ()
    """The user's corrections that touch this brief (a source it cites, a fact it quotes or
    one they moved out of it), and every stale one: Method lists them."""
    charts: tuple[Chart, ...] = ()
    """Charts where a picture compares better than text: one measure's figures by country,
    dated facts over time (see `brief.chart_data`); none when there is nothing to compare."""

    @property
    def stale_sources(self) -> tuple[SourceRef, ...]:
        return tuple(s for s in self.sources if s.stale)

    @property
    def undated_sources(self) -> tuple[SourceRef, ...]:
        return tuple(s for s in self.sources if s.undated)
