"""The brief's charts drawn with terminal cells: a bar chart's bars one country a row, a
timeline one period a row with a column per series. Series are told apart by their column
and header, never by colour, and every bar prints its value and its sources, so the chart
is also its data table. Under the charts, the sources they cite, numbered as in the brief.

Drawn from `Brief.charts` (plain data, `briefing.brief.chart_data`): nothing here plots, so
opening the view imports nothing and a redraw is a few hundred characters of text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from briefing.model import Chart, SourceRef

#: Eighths of a cell, for bars drawn to an eighth of a cell.
EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
#: Widest country or period label; longer ones are cut, down to LABEL_MIN in a narrow view.
LABEL_MAX, LABEL_MIN = 16, 6
#: A bar chart's bars are at least this long at their longest.
BAR_MIN = 10
#: A timeline's bar in each series column is at most this wide.
SERIES_BAR_MAX = 12
NO_CHART = ("No chart for this selection: a chart compares, so it needs two countries or "
            "more with a figure for the same measure (bars), or dated facts over two months "
            "or more (a timeline). Pick more countries on the left.")
NOTHING_PICKED = "Pick two countries or more on the left: their charts appear here."


def bar(value: float, largest: float, cells: int) -> str:
    """`value` as a bar of at most `cells` cells (the largest value fills them), to an
    eighth of a cell; a value above nought shows at least an eighth."""
    if largest <= 0 or value <= 0 or cells <= 0:
        return ""
    eighths = max(1, round(value / largest * cells * 8))
    return FULL * (eighths // 8) + (EIGHTHS[eighths % 8] if eighths % 8 else "")


def cites(refs: Sequence[tuple[int, int | None]] | Sequence[int]) -> str:
    """`[1][3, p. 14]` as the brief prints its citations (the Markdown brief's markers; its
    module is imported here, not at start-up: the brief shown was rendered with it)."""
    from briefing.brief.render.markdown import markers

    return str(markers(refs))


def chart_text(chart: Chart, width: int) -> Text:
    """One chart, `width` cells wide: its title, its unit, the drawing, its sources."""
    out = Text()
    out.append(chart.title, style="bold")
    out.append(f"\n{chart.unit} by {chart.axis.lower()}\n\n", style="dim")
    draw = _bar_rows if chart.kind == "bar" else _timeline_rows
    for line in draw(chart, width):
        out.append_text(line)
        out.append("\n")
    out.append(f"\nSources: {cites(chart.refs)}", style="dim")
    if chart.note:
        out.append(f"\n{chart.note}", style="dim italic")
    return out


def _label(text: str, width: int) -> str:
    if cell_len(text) > width:
        while cell_len(text) > width - 1:
            text = text[:-1]
        text += "…"
    return text + " " * (width - cell_len(text))


def _bar_rows(chart: Chart, width: int) -> list[Text]:
    """`South Korea  ██████▍  7.2 [1]  $7.2 billion`: the figure as its source writes it
    goes last, left out when the bars would be shorter than BAR_MIN with it."""
    rows = chart.rows
    label_w = min(LABEL_MAX, max(cell_len(r.label) for r in rows))
    value_w = max(cell_len(r.shown[0]) for r in rows)
    cites_w = max(cell_len(cites(r.cites)) for r in rows)
    text_w = max(cell_len(r.text) for r in rows)
    fixed = 2 + 2 + value_w + 1 + cites_w
    # A narrow view shortens the labels before the bars (down to LABEL_MIN).
    label_w = max(min(label_w, LABEL_MIN), min(label_w, width - fixed - BAR_MIN))
    fixed += label_w
    written = text_w > 0 and width - fixed - text_w - 2 >= BAR_MIN
    cells = max(1, width - fixed - (text_w + 2 if written else 0))
    largest = max(r.values[0] for r in rows)
    lines = []
    for r in rows:
        line = Text(_label(r.label, label_w) + "  ")
        line.append(bar(r.values[0], largest, cells).ljust(cells), style="bold")
        line.append(f"  {r.shown[0].rjust(value_w)} ")
        line.append(cites(r.cites).ljust(cites_w), style="dim")
        if written and r.text:
            line.append(f"  {r.text}", style="italic")
        lines.append(line)
    return lines


def _timeline_rows(chart: Chart, width: int) -> list[Text]:
    """A row per period, a column per series: `2026-03   ██ 2   █ 1   [4]`. A period with no
    dated fact keeps its row, empty, as the PDF's chart draws it (the caption says so)."""
    rows = chart.rows
    label_w = max(cell_len(chart.axis), *(cell_len(r.label) for r in rows))
    count_w = max(1, *(cell_len(s) for r in rows for s in r.shown))
    cites_w = max(cell_len(cites(r.cites)) for r in rows)
    series = max(len(chart.series), 1)
    column_w = max(count_w + 3, (width - label_w - 2 - cites_w) // series)
    bar_w = min(SERIES_BAR_MAX, column_w - count_w - 2)
    largest = max((v for r in rows for v in r.values), default=0.0)
    header = Text(_label(chart.axis, label_w) + "  ", style="bold")
    for name in chart.series:
        header.append(_label(name, column_w - 1) + " ", style="bold")
    lines = [header]
    for r in rows:
        line = Text(_label(r.label, label_w) + "  ")
        for value, shown in zip(r.values, r.shown, strict=True):
            cell = f"{bar(value, largest, bar_w)} {shown}" if value else ""
            line.append(_label(cell, column_w - 1) + " ")
        line.append(cites(r.cites), style="dim")
        lines.append(line)
    return lines


class ChartView(VerticalScroll):
    """The charts of the brief being previewed; drawn when shown, again on a resize."""

    # The scrollbar's room is kept whether it shows or not, so the width the charts are
    # drawn to is known before the view is laid out (see `text_width`).
    DEFAULT_CSS = """
    ChartView { height: 1fr; padding: 0 1; scrollbar-gutter: stable; }
    ChartView > Static { width: 1fr; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="close-charts",
                tooltip="Back to the facts, and to where you were before the charts."),
    ]

    def __init__(self, *, on_close: Callable[[], object] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.charts: tuple[Chart, ...] = ()
        self.sources: tuple[SourceRef, ...] = ()
        """The brief's numbered sources: those the charts cite are listed under them."""
        self.picked = False
        """Two countries or more (or a theme) are picked: an empty list says why."""
        self.active = False
        self.on_close = on_close
        self._drawn: tuple[tuple[Chart, ...], tuple[SourceRef, ...], bool, int] | None = None

    @property
    def page(self) -> ChartView:
        return self

    def compose(self):
        yield Static("", id="charts-body")

    def show(self, charts: Sequence[Chart], picked: bool,
             sources: Sequence[SourceRef] = ()) -> None:
        self.charts, self.picked, self.sources = tuple(charts), picked, tuple(sources)
        self.draw_if_visible()

    def set_active(self, active: bool) -> None:
        self.active = active
        self.draw_if_visible()

    def on_resize(self) -> None:
        self.draw_if_visible()

    def text_width(self) -> int:
        """The cells a chart's line may take. Worked out from the nearest shown ancestor
        (the tab area, laid out while this pane is still hidden) rather than this view's
        own region, which is empty (or stale) until the tab has been laid out: the first
        draw is then at its final width and is not drawn again once the pane shows."""
        gutters = self.styles.gutter.width + self.styles.scrollbar_size_vertical
        for node in self.ancestors:
            if not isinstance(node, Widget):
                break
            if node.display and node.size.width:
                return max(1, node.size.width - gutters)
            gutters += node.styles.gutter.width
        return max(1, self.scrollable_content_region.width or self.app.size.width - gutters)

    def draw_if_visible(self) -> None:
        width = self.text_width()
        state = (self.charts, self.sources, self.picked, width)
        if not self.active or self._drawn == state:
            return
        self._drawn = state
        self.query_one("#charts-body", Static).update(
            charts_text(self.charts, self.picked, width, self.sources))

    def action_close(self) -> None:
        if self.on_close is not None:
            self.on_close()


def charts_text(charts: Sequence[Chart], picked: bool, width: int,
                sources: Sequence[SourceRef] = ()) -> Text:
    """Every chart, then the sources they cite (the brief's numbers), one a line."""
    if not charts:
        return Text(NO_CHART if picked else NOTHING_PICKED, style="italic")
    out = Text()
    for n, chart in enumerate(charts):
        if n:
            out.append("\n\n")
        out.append_text(chart_text(chart, width))
    cited = {number for chart in charts for number in chart.refs}
    listed = [s for s in sources if s.number in cited]
    if listed:
        out.append("\n\nSources", style="bold")
        for ref in listed:
            out.append("\n")
            out.append_text(source_line(ref, width))
    return out


def source_line(ref: SourceRef, width: int) -> Text:
    """`[2] Korea Herald, 2026-03-02: “Seoul triples its AI budget”`, as the brief's
    Sources list names it, cut to one line."""
    source = ref.source
    said = ", ".join(part for part in (source.publisher, source.date or "undated") if part)
    line = Text(_label(f"[{ref.number}] {said}: “{source.title}”", width).rstrip())
    line.stylize("dim", 0, len(f"[{ref.number}]"))
    return line

