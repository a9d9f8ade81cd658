"""The terminal app at 80×24 and at 120×40: what shows, what is marked, where focus goes.

Driven with Pilot on a copy of the seeds; assertions read the characters on the screen
(no colour), so a mark that shows only as colour fails them.
"""

from __future__ import annotations

import pytest
from test_tui import app_for, pick_korea, preview_settled, settle, wait_until
from textual import events
from textual.widgets import Tabs
from textual.widgets._footer import FooterKey

from briefing.extract.figures import compact
from briefing.tui.app import FOOTER_DROPS, BriefingApp
from briefing.tui.session import Choice
from briefing.tui.widgets.choice_list import PICKED_MARK, UNPICKED_MARK, choice_label
from briefing.tui.widgets.facts_table import EXCLUDED_MARK, INCLUDED_MARK
from briefing.tui.widgets.preview import RenderedPage

SIZES = [(80, 24), (120, 40)]


def screen_lines(app: BriefingApp) -> list[str]:
    """The characters on the screen, one string a row, as a terminal without colour shows
    them."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


def region_text(app: BriefingApp, widget) -> list[str]:
    """The rows of the screen a widget covers, cut to its columns."""
    region = widget.region
    lines = screen_lines(app)[region.y:region.bottom]
    return [line[region.x:region.right] for line in lines]


def footer_keys(app: BriefingApp) -> list[FooterKey]:
    return [k for k in app.footer.query(FooterKey) if not k.has_class("-command-palette")]


def burst(app: BriefingApp, *keys: str) -> None:
    """Keys as a fast typist or tmux sends them: all queued before the app handles one
    (Pilot's `press` waits for each key to be handled)."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)


async def korea_on_the_table(pilot) -> None:
    await pick_korea(pilot)
    await pilot.press("f")
    await wait_until(pilot, lambda: not pilot.app.facts_pending)
    await settle(pilot)


# --------------------------------------------------------------------------- layout


@pytest.mark.parametrize("size", SIZES)
async def test_every_column_that_matters_and_every_theme_name_shows_whole(corpus, tmp_path,
                                                                         size):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=size) as pilot:
        await korea_on_the_table(pilot)
        table = region_text(app, app.table)
        header = table[0]
        for column in ("Date", "Fact", "Figures"):
            assert column in header, (size, header)
        # The figures of the facts that have any show in their column, beside the fact.
        with_figures = [(row, f) for row, f in enumerate(app.table.facts.values())
                        if f.figures]
        assert with_figures
        for row, fact in with_figures:
            app.table.move_cursor(row=row, animate=False)
            await settle(pilot)
            body = "\n".join(region_text(app, app.table))
            # (A qualifier as its sign: "~$6.8 billion" for "approximately $6.8 billion".)
            first_word = compact(fact.figures[0].text).split()[0]
            assert first_word in body, (size, first_word)
        # Each theme row reads "[ ] Name  count" with a name that is not cut: the full
        # name where it fits, else the taxonomy's short one ("Investment").
        themes = "\n".join(region_text(app, app.themes))
        assert "…" not in themes
        taxonomy = app.session.taxonomy
        shown = [c for c in app.themes.choices][: app.themes.region.height - 2]
        for choice in shown:
            theme = next(t for t in taxonomy.themes if t.slug == choice.value)
            row = f"{UNPICKED_MARK} {choice_label(choice, app.themes._room()).plain}"
            assert row in themes, (size, row)
            assert theme.name in row or theme.short in row
        if size == (80, 24):
            assert "[ ] Investment  " in themes and "Investment &" not in themes
        else:
            assert "[ ] Investment & funding  " in themes


@pytest.mark.parametrize("size", SIZES)
async def test_the_footer_shows_whole_keys_and_help_is_always_among_them(corpus, tmp_path,
                                                                         size):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=size) as pilot:
        await korea_on_the_table(pilot)
        last_row = screen_lines(app)[-1]
        keys = footer_keys(app)
        assert keys
        palette = app.footer.query_one(".-command-palette", FooterKey)
        for key in keys:  # every key shown whole, left of the palette key
            assert key.region.right <= palette.region.x, (size, key.description)
            assert f"{key.key_display} {key.description}" in last_row, (size, last_row)
        last = keys[-1]
        assert last_row.rstrip().endswith("palette")
        assert f"{last.key_display} {last.description}" in last_row
        shown = {k.action for k in keys}
        assert {"help", "quit", "toggle_fact", "select_cursor"} <= shown
        if size == (80, 24):
            # What was left out is what FOOTER_DROPS names first, and the help screen
            # still lists it.
            assert app.footer.left_out
            assert set(app.footer.left_out) <= set(FOOTER_DROPS)
            await pilot.press("question_mark")
            await settle(pilot)
            help_text = "\n".join(screen_lines(app))
            assert "Email" in help_text and "Search" in help_text
        else:
            assert app.footer.left_out == ()


@pytest.mark.parametrize("size", SIZES)
async def test_picked_and_excluded_read_without_colour(corpus, tmp_path, size):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=size) as pilot:
        await korea_on_the_table(pilot)
        countries = "\n".join(region_text(app, app.countries))
        assert f"{PICKED_MARK} South Korea" in countries
        assert f"{UNPICKED_MARK} " in "\n".join(region_text(app, app.themes))
        first = next(iter(app.table.facts.values()))
        await pilot.press("space")
        await settle(pilot)
        assert first.id in app.session.excluded
        rows = region_text(app, app.table)[1:]
        marks = [row.strip()[:1] for row in rows if row.strip()[:1] in
                 (INCLUDED_MARK, EXCLUDED_MARK)]
        assert marks[0] == EXCLUDED_MARK
        assert set(marks[1:]) == {INCLUDED_MARK}
        # Unpicking the country shows its empty box again.
        await pilot.press("slash", "enter", "space")
        await settle(pilot)
        assert f"{UNPICKED_MARK} South Korea" in "\n".join(region_text(app, app.countries))


async def test_long_names_are_cut_before_the_count_never_the_count(corpus, tmp_path):
    """A name too long even in its short form loses its end, not its count."""
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(app.country_choices))
        await settle(pilot)
        room = app.countries._room()
        assert room is not None and room < 30
        label = choice_label(Choice("CD", "Democratic Republic of the Congo", 174_000), room)
        assert len(label.plain) <= room
        assert label.plain.endswith("…  174k")


# --------------------------------------------------------------------------- focus


async def test_the_preview_scrolls_the_first_time_it_is_opened(corpus, tmp_path):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick_korea(pilot)
        await preview_settled(pilot)
        await settle(pilot)
        page = app.preview.query_one(RenderedPage)
        burst(app, "p", *["down"] * 5)
        await wait_until(pilot, lambda: app.focused is page and not page.drawing)
        await settle(pilot)
        assert page.max_scroll_y > 5
        assert page.scroll_y == 5


async def test_opening_the_preview_focuses_it_and_escape_returns_focus(corpus, tmp_path):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick_korea(pilot)
        assert app.focused is app.countries
        await pilot.press("p")
        assert app.focused is app.preview.page
        await pilot.press("escape")
        await settle(pilot)
        assert app.tabs.active == "facts"
        assert app.focused is app.countries
        # From the table, escape goes back to the table; raw Markdown is focused the same.
        await pilot.press("f")
        assert app.focused is app.table
        await pilot.press("r")
        assert app.focused is app.preview.page and app.preview.raw
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is app.table


async def test_clicking_a_tab_moves_focus_into_it(corpus, tmp_path):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick_korea(pilot)
        await pilot.click("#tabs Tab#--content-tab-preview")
        await settle(pilot)
        assert app.tabs.active == "preview"
        assert app.focused is app.preview.page
        assert not isinstance(app.focused, Tabs)
        await pilot.click("#tabs Tab#--content-tab-facts")
        await settle(pilot)
        assert app.tabs.active == "facts" and app.focused is app.table


async def test_hiding_the_lists_moves_focus_out_and_showing_them_moves_it_in(corpus,
                                                                             tmp_path):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick_korea(pilot)
        assert app.focused is app.countries
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert not app.sidebar.display and app.focused is app.table
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert app.sidebar.display and app.focused is app.countries


async def test_the_fact_dialog_takes_focus_and_gives_it_back(corpus, tmp_path):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await korea_on_the_table(pilot)
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: len(app.screen_stack) > 1)
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "fact-dialog"
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.screen_stack) == 1 and app.focused is app.table
        assert app.table.cursor_row == 1


def test_a_theme_file_may_name_a_short_name(tmp_path):
    """The short name the list falls back to: the file's `short:`, else the name up to its
    first " & "; an empty one is an error that names the theme."""
    from briefing.errors import UsageError
    from briefing.extract.themes import load_taxonomy

    path = tmp_path / "themes.yaml"
    path.write_text("""
themes:
  - slug: quantum
    name: Quantum computing
    short: Quantum
    description: Qubits.
    patterns: [qubit*]
  - slug: space
    name: Space & satellites
    description: Orbits.
    patterns: [satellite*]
  - slug: ethics
    name: Ethics
    description: Ethics.
    patterns: [ethic*]
""", encoding="utf-8")
    shorts = {t.slug: t.short for t in load_taxonomy(path).themes}
    assert shorts == {"quantum": "Quantum", "space": "Space", "ethics": "Ethics"}
    path.write_text(path.read_text(encoding="utf-8").replace("short: Quantum", 'short: " "'),
                    encoding="utf-8")
    with pytest.raises(UsageError, match="'quantum': short must be a name"):
        load_taxonomy(path)
