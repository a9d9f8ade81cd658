"""The terminal app's chart view (`c`): the brief's charts drawn with cells, at 80×24 and
120×40, on a corpus written for the chart tests (three countries, one currency, six months:
`test_charts.ARTICLES`). Assertions read the characters on the screen: series are told apart
by their column and every bar prints its value, so nothing depends on colour."""

from __future__ import annotations

import pytest
from test_charts import ARTICLES, write_corpus
from test_tui import app_for, pick_korea, preview_settled, settle, wait_until
from test_tui_sizes import footer_keys, region_text, screen_lines

from briefing.model import Chart, ChartRow
from briefing.tui.widgets.chart_view import FULL, NO_CHART, bar, chart_text

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def three(tmp_path):
    return write_corpus(tmp_path / "three", ARTICLES)


async def pick_all_three(pilot) -> None:
    app = pilot.app
    await wait_until(pilot, lambda: len(app.country_choices) == 3)
    await settle(pilot)
    await pilot.press("space", "down", "space", "down", "space")
    await wait_until(pilot, lambda: len(app.session.countries) == 3)
    await preview_settled(pilot)
    await settle(pilot)


def bar_cells(line: str) -> float:
    """A drawn bar's length in cells (eighths count)."""
    eighths = " ▏▎▍▌▋▊▉"
    return line.count(FULL) + sum(eighths.index(c) / 8 for c in line if c in eighths[1:])


@pytest.mark.parametrize("size", SIZES)
async def test_the_chart_view_draws_the_bars_and_the_timeline_of_a_comparison(three,
                                                                              tmp_path, size):
    app = app_for(three, tmp_path)
    async with app.run_test(size=size) as pilot:
        await pick_all_three(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert app.tabs.active == "charts" and app.focused is app.chart_view
        lines = region_text(app, app.chart_view)
        text = "\n".join(lines)
        assert "Spend on AI computing infrastructure" in text
        assert "USD billion by country" in text
        bars = {name: next(line for line in lines if line.strip().startswith(name))
                for name in ("China", "South Korea", "Japan")}
        for name, value, cite in (("China", "11.8", "[1]"), ("South Korea", "7.2", "[3]"),
                                  ("Japan", "4.5", "[2]")):
            assert f"{value} {cite}" in bars[name], bars[name]
        # Drawn to scale: China's 11.8 the longest, Japan's 4.5 the shortest.
        china, korea, japan = (bar_cells(bars[n]) for n in ("China", "South Korea", "Japan"))
        assert china > korea > japan > 0
        assert abs(korea / china - 7.2 / 11.8) < 0.05 and abs(japan / china - 4.5 / 11.8) < 0.05
        # The timeline: a column per country, a row per month with facts.
        await pilot.press("end")
        await settle(pilot)
        text = "\n".join(region_text(app, app.chart_view))
        header = next(line for line in text.splitlines() if line.strip().startswith("Month"))
        assert header.index("Japan") < header.index("China") < header.index("South Korea")
        for month in ("2026-01", "2026-03", "2026-06"):
            assert month in text
        assert "Sources: [1][2][3][4][5][6]" in text
        # What the numbers cite, as the brief's Sources list names them, one a line.
        listed = [line.strip() for line in text.splitlines() if line.strip().startswith("[")]
        assert len(listed) == 6, listed
        assert listed[0].startswith("[1] Continental Review, 2026-03-05: “Beijing wide")
        assert listed[2].startswith("[3] Harbour Ledger, 2026-01-14: “Seoul lifts")
        assert all(len(line) <= app.chart_view.scrollable_content_region.width
                   for line in listed)


async def test_one_country_has_no_chart_and_says_why(three, tmp_path):
    app = app_for(three, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick_korea(pilot)
        await preview_settled(pilot)
        await pilot.press("c")
        await settle(pilot)
        text = " ".join(" ".join(region_text(app, app.chart_view)).split())
        assert NO_CHART[:60] in text


async def test_escape_leaves_the_charts_for_where_focus_was(three, tmp_path):
    app = app_for(three, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick_all_three(pilot)
        app.themes.focus()
        await settle(pilot)
        await pilot.press("c")
        assert app.focused is app.chart_view
        await pilot.press("p")  # from the charts to the preview, and back from there
        assert app.focused is app.preview.page
        await pilot.press("escape")
        await settle(pilot)
        assert app.tabs.active == "facts" and app.focused is app.themes


def test_bars_are_drawn_to_an_eighth_of_a_cell():
    assert bar(10, 10, 4) == FULL * 4
    assert bar(5, 10, 4) == FULL * 2
    assert bar(1, 10, 4) == "▍"  # 3.2 eighths: 3
    assert bar(0.001, 10, 4) == "▏"  # above nought shows
    assert bar(0, 10, 4) == "" and bar(3, 0, 4) == ""


def test_a_month_with_no_dated_fact_keeps_its_row_empty_as_the_caption_says():
    empty = "months with no dated fact are drawn empty and not listed in the table."
    chart = Chart("timeline", "Dated facts per month, by country", "facts", "Month",
                  ("South Korea", "Japan"),
                  (ChartRow("2025-10", (1.0, 0.0), ("1", "0"), "", ((2, None),)),
                   ChartRow("2025-11", (0.0, 0.0), ("0", "0"), "", ()),
                   ChartRow("2025-12", (2.0, 2.0), ("2", "2"), "", ((1, None),))),
                  (1, 2), "alt", f"Each fact is counted at its date; {empty}")
    lines = chart_text(chart, 80).plain.splitlines()
    months = [line.split()[0] for line in lines if line[:4] == "2025"]
    assert months == ["2025-10", "2025-11", "2025-12"]
    (november,) = [line for line in lines if line.startswith("2025-11")]
    assert november.strip() == "2025-11" and empty in " ".join(lines)

def test_a_chart_text_fits_its_width_and_keeps_its_sources():
    chart = Chart("bar", "Chips ordered, by country", "thousand GPUs", "Country", ("GPUs",),
                  (ChartRow("Republic of the Philippines", (260.0,), ("260",), "260,000 GPUs",
                            ((2, 14),)),
                   ChartRow("Japan", (10.0,), ("10",), "10,000 GPUs", ((1, None),))),
                  (1, 2), "alt")
    for width in (40, 60, 100):
        lines = chart_text(chart, width).plain.splitlines()
        assert all(len(line) <= width for line in lines), (width, lines)
        assert any("260 [2, p. 14]" in line for line in lines)
        assert lines[-1] == "Sources: [1][2]"


async def test_the_footer_shows_the_charts_key_at_80_columns_and_it_opens_them(three,
                                                                                tmp_path):
    app = app_for(three, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick_all_three(pilot)
        app.table.focus()
        await settle(pilot)
        shown = {(k.key_display, k.description) for k in footer_keys(app)}
        assert {("c", "Charts"), ("p", "Preview")} <= shown, shown
        assert "c Charts" in screen_lines(app)[-1]
        await pilot.press("c")
        await settle(pilot)
        assert app.tabs.active == "charts"
        assert "USD billion by country" in "\n".join(region_text(app, app.chart_view))
        # In the charts, the footer offers the way back and the other tabs, not `c` again.
        shown = {k.description for k in footer_keys(app)}
        assert {"Back", "Facts", "Preview"} <= shown and "Charts" not in shown


async def test_the_first_draw_has_the_width_the_view_is_laid_out_to(three, tmp_path):
    """Drawn once, at its final width, when `c` opens it: not once at a guessed width and
    again when the pane is laid out (that second draw doubled the time to the first
    frame)."""
    app = app_for(three, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick_all_three(pilot)
        widths = []
        draw = app.chart_view.draw_if_visible

        def counted() -> None:
            before = app.chart_view._drawn
            draw()
            if app.chart_view._drawn != before:
                widths.append(app.chart_view._drawn[-1])

        app.chart_view.draw_if_visible = counted
        await pilot.press("c")
        await settle(pilot)
        assert widths == [app.chart_view.scrollable_content_region.width]
