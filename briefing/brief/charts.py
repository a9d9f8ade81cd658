"""Drawing a brief's charts (`Brief.charts`, see `chart_data`) as SVG with matplotlib.

Why matplotlib (measured against Vega-Lite through vl-convert and pygal; see the README):
with three settings its SVG is byte-identical from run to run and process to process, its
text stays `<text>` (so a PDF keeps titles and labels in its text layer, and `pdftotext`
finds them), and it lays text out with the DejaVu Sans it ships, so the drawing does not
depend on the fonts a machine has. It costs about 0.5 s to import: it is imported only
inside the functions that draw, so a command that draws no chart never loads it.

Titles and labels come from source text (country names, measure labels, units): matplotlib
escapes them as XML, and `text.parse_math` is off so `$5bn to $7bn` is text, not mathtext.
"""

from __future__ import annotations

import io
import logging
import textwrap
import threading
import warnings
from collections.abc import Sequence

from briefing.model import Chart

#: Every setting here is needed for byte-identical SVG with its text kept as `<text>`.
CHART_RC: dict[str, object] = {
    "svg.fonttype": "none",  # glyphs stay <text>: the PDF's text layer holds the labels
    "svg.hashsalt": "briefing",  # clip-path ids are otherwise salted with a random uuid4
    "svg.id": "chart",  # a fixed root id
    "text.parse_math": False,  # "$5bn to $7bn" would otherwise become mathtext paths
    "font.family": ["DejaVu Sans"],  # matplotlib ships this font: same metrics everywhere
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#5b6770",
    "axes.labelcolor": "#1b1f24",
    "xtick.color": "#3a4148",
    "ytick.color": "#3a4148",
    "legend.frameon": False,
}
#: Okabe and Ito's colour-blind-safe palette, dark enough to read on white.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7f7f7f")
#: What the SVG's metadata may say: nothing that changes between runs (no date, no version).
_METADATA = {"Date": None, "Creator": None}
#: matplotlib's settings are global: one chart is drawn at a time (the terminal app renders
#: briefs in a worker thread).
_DRAWING = threading.Lock()
WIDTH_IN = 6.3
#: Characters of a title's line (bold 10 pt across the chart's width).
TITLE_CHARS = 68
#: Period labels that fit level under a timeline (`2026-01` is about 40 px wide).
LEVEL_LABELS = 7


def chart_svgs(charts: Sequence[Chart]) -> tuple[str, ...]:
    """Each chart as SVG text, in order."""
    return tuple(chart_svg(chart) for chart in charts)


def chart_svg(chart: Chart) -> str:
    """One chart as SVG text: the same chart gives the same bytes in any process."""
    # The first chart on a machine builds matplotlib's font cache and logs a warning that
    # reaches stderr; a command's stderr carries only what the user must act on.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    import matplotlib  # ~0.5 s: only when a chart is drawn
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with _DRAWING, matplotlib.rc_context(CHART_RC), warnings.catch_warnings():
        # A glyph DejaVu Sans lacks (a CJK name) is still written as <text>; the PDF
        # draws it with a font that has it. matplotlib's warning says nothing to the user.
        warnings.simplefilter("ignore", UserWarning)
        if chart.kind == "bar":
            fig = Figure(figsize=(WIDTH_IN, 1.2 + 0.38 * len(chart.rows)))
        else:
            fig = Figure(figsize=(WIDTH_IN, 3.2))
        FigureCanvasSVG(fig)
        ax = fig.add_subplot()
        (_bar if chart.kind == "bar" else _timeline)(ax, chart)
        # Across the whole width, wrapped here: matplotlib's own wrap lets a long title
        # run past the edge.
        fig.suptitle(textwrap.fill(chart.title, TITLE_CHARS), x=0.01, ha="left",
                     fontsize=10, fontweight="bold")
        fig.tight_layout()
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata=_METADATA)
        return out.getvalue()


def _bar(ax, chart: Chart) -> None:
    """Horizontal bars, the largest on top, each labelled with its value."""
    rows = list(reversed(chart.rows))
    positions = range(len(rows))
    bars = ax.barh(positions, [r.values[0] for r in rows], color=PALETTE[0], height=0.6)
    ax.set_yticks(positions, [r.label for r in rows])
    ax.bar_label(bars, labels=[r.shown[0] for r in rows], padding=3)
    ax.set_xlabel(chart.unit)
    ax.set_ylabel(chart.axis)
    ax.margins(x=0.14)  # room for the value label of the longest bar


def _timeline(ax, chart: Chart) -> None:
    """Stacked bars per period, one colour per series, with a legend."""
    positions = list(range(len(chart.rows)))
    bottom = [0.0] * len(chart.rows)
    for n, name in enumerate(chart.series):
        values = [r.values[n] for r in chart.rows]
        ax.bar(positions, values, bottom=bottom, width=0.7, label=name,
               color=PALETTE[n % len(PALETTE)])
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    labels = [r.label for r in chart.rows]
    step = max(1, (len(labels) + 11) // 12)  # at most 12 period labels under the axis
    shown = labels[::step]
    if len(shown) > LEVEL_LABELS:  # slanted to fit (a PDF's text layer then reads them less well)
        ax.set_xticks(positions[::step], shown, rotation=45, ha="right")
    else:
        ax.set_xticks(positions[::step], shown)
    ax.yaxis.get_major_locator().set_params(integer=True)  # facts are counted, never halved
    ax.set_xlabel(chart.axis)
    ax.set_ylabel(chart.unit)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
