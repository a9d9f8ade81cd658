"""What a new user driving the terminal app in tmux (80×24, 120×40) found wrong: shift+p
arrives as "P", the Correct dialog lost what was typed, the fact view said "included" for a
fact the rebuilt brief left out, the country counts went stale after a correction, focus
showed only as colour, the dialog's labels ran into values, and the status line's wording.
Driven with Pilot on real stores (the seeds, and the chart tests' three-country corpus)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from test_charts import ARTICLES, write_corpus
from test_tui import app_for, pick_korea, settle, underline_in_place, wait_until
from test_tui_charts import pick_all_three
from test_tui_corrections import detail_text, fill, open_correct
from test_tui_sessions import mark_of
from test_tui_sizes import burst, screen_lines
from textual.widgets import Input, Tabs

from briefing.extract.themes import load_taxonomy
from briefing.store.corrections import corrections_path, read_corrections
from briefing.tui.screens.correct import CorrectScreen
from briefing.tui.screens.fact import FactScreen
from briefing.tui.widgets.facts_table import INCLUDED_MARK, LEFT_OUT_MARK, PINNED_MARK


async def test_an_uppercase_p_as_a_terminal_sends_shift_p_pins_and_unpins(corpus, tmp_path):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pick_korea(pilot)
        await settle(pilot)
        fid = next(iter(app.table.facts))
        await pilot.press("f", "P")  # what tmux and a real terminal deliver for shift+p
        await settle(pilot)
        assert app.session.pinned == {fid} and mark_of(app, fid) == PINNED_MARK
        # The facts table's footer says so when there is room.
        assert "P Pin" in screen_lines(app)[-1]
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FactScreen))
        await pilot.press("P")  # in the fact's view too
        await settle(pilot)
        assert app.session.pinned == set()
        assert "★ PINNED" not in str(app.screen.query_one("#fact-body").render())
        await pilot.press("escape")
        await settle(pilot)
        assert mark_of(app, fid) == INCLUDED_MARK
        # Excluding a pinned fact unpins it, and says so: the pin does not vanish unseen.
        await pilot.press("P", "space")
        await settle(pilot)
        assert app.session.pinned == set() and app.session.excluded == {fid}
        assert app.notes[-1] == ("Excluded, so no longer pinned (P pins it again)",
                                 "information")
        await pilot.press("space")  # including it again says nothing more
        await settle(pilot)
        assert app.notes[-1][0] == "Excluded, so no longer pinned (P pins it again)"
        assert sum("no longer pinned" in m for m, _ in app.notes) == 1


@pytest.fixture
def three(tmp_path):
    return write_corpus(tmp_path / "three", ARTICLES)


async def test_the_correct_dialog_keeps_the_input_and_marks_every_bad_field(three, tmp_path):
    app = app_for(three, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pick_all_three(pilot)
        fid = await open_correct(pilot, "Hokkaido")
        fill(app, countries="Japna", themes="Quantum gardening", date="2026-02-30",
             publisher="Northern Wire")
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, CorrectScreen)  # still open, with what was typed
        assert dialog.query_one("#correct-countries", Input).value == "Japna"
        assert dialog.query_one("#correct-publisher", Input).value == "Northern Wire"
        # Each bad field its own reason, in the command line's words; a guess is refused.
        assert dialog.reasons["countries"] == "unknown country 'Japna'; did you mean Japan (JP)?"
        assert dialog.reasons["date"] == "2026-02-30 is not a date (February has 28 days in 2026)"
        assert dialog.reasons["themes"].startswith("unknown theme 'Quantum gardening'; the "
                                                   "themes are ")
        assert "patents" in dialog.reasons["themes"] and "did you mean" not in \
            dialog.reasons["themes"]
        assert set(dialog.reasons) == {"countries", "themes", "date"}
        shown = "\n".join(screen_lines(app))
        assert "✗ unknown country 'Japna'; did you mean Japan (JP)?" in shown
        assert "✗ 2026-02-30 is not a date (February has 28 days in 2026)" in shown
        assert not corrections_path(three).exists()  # nothing written while any is bad
        # Fixed, it saves all of them (the good one typed before included).
        fill(app, countries="Japan, Korea", themes="Compute & chips", date="2026-02-28")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, FactScreen)
                         and "CORRECTED (source)" in detail_text(app))
        await settle(pilot)
    entries, _ = read_corrections(three, load_taxonomy())
    assert [(e.kind, e.target, dict(e.values)) for e in entries] == [
        ("source", "jp-chips.txt", {"date": "2026-02-28", "publisher": "Northern Wire"}),
        ("fact", fid, {"countries": ("JP", "KR"), "themes": ("compute",)}),
    ]


def country_rows(app) -> dict[str, str]:
    """The country list's rows as shown, by code."""
    return {option.value: str(option.prompt) for option in app.countries.options}


async def test_a_correction_is_seen_in_the_rebuilt_brief_marks_and_counts(three, tmp_path):
    app = app_for(three, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pick_all_three(pilot)
        fid = next(f.id for f in app.table.facts.values() if "Hokkaido" in f.text)
        assert mark_of(app, fid) == INCLUDED_MARK
        before = {c.value: c.count for c in app.country_choices}
        assert country_rows(app)["KR"].endswith(f" {before['KR']}")
        await open_correct(pilot, "Hokkaido")
        # A day after the brief's date (2026-11-22): the brief leaves the fact out.
        fill(app, date="2026-12-01", countries="Japan, Korea")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, FactScreen)
                         and "NOT IN THE BRIEF" in detail_text(app))
        await settle(pilot)
        text = detail_text(app)
        assert ("· NOT IN THE BRIEF: reported after the brief's date (its earliest source is"
                " dated 2026-12-01, after 2026-11-22)") in text
        assert "included in the brief" not in text
        assert fid not in {i.fact.id for i in app.session.brief(app.session.selection()).items}
        # The sidebar counts the fact under Korea now, as a restart would.
        after = {c.value: c.count for c in app.country_choices}
        assert after == {**before, "KR": before["KR"] + 1}
        assert country_rows(app)["KR"].endswith(f" {before['KR'] + 1}")
        await pilot.press("escape")
        await settle(pilot)
        assert mark_of(app, fid) == LEFT_OUT_MARK


def frame_title(app, widget) -> str:
    """The top row of a widget's frame as the screen shows it."""
    return screen_lines(app)[widget.region.y][widget.region.x:widget.region.right]


async def test_focus_reads_without_colour_and_tab_goes_lists_then_table(corpus, tmp_path,
                                                                         monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick_korea(pilot)
        await settle(pilot)
        await pilot.press("escape")  # out of the filter box, into the country list
        await settle(pilot)
        assert app.focused is app.countries
        countries, themes = frame_title(app, app.countries), frame_title(app, app.themes)
        # The focused list: ▶ before its title and a heavy frame; the other neither.
        assert "▶ Countries" in countries and countries.startswith("┏")
        assert "▶" not in themes and themes.startswith("╭")
        visited = []
        for _ in range(5):
            await pilot.press("tab")
            await settle(pilot)
            visited.append(app.focused)
        assert visited == [app.themes, app.table, app.search, app.country_filter,
                           app.countries]
        await pilot.press("shift+tab", "shift+tab")
        await settle(pilot)
        assert app.focused is app.search
        await pilot.press("shift+tab")
        await settle(pilot)
        assert app.focused is app.table
        shown = "\n".join(screen_lines(app))
        assert "▶ Facts" in shown and "▶ Countries" not in shown and "▶ Themes" not in shown
        assert frame_title(app, app.countries).startswith("╭")


async def test_the_focus_mark_moves_no_tab_and_the_underline_stays_under_the_open_one(
        corpus, tmp_path):
    """▶ comes and goes on a tab's label as focus enters and leaves its pane: the tabs
    keep their places, so the underline Textual draws from their layout never points at
    where a tab was."""
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pick_korea(pilot)
        tabs = app.query_one(Tabs)

        def places() -> list[tuple[int, int]]:
            return [tab.virtual_region.column_span for tab in tabs.query("Tab")]

        at_first = places()
        # Into the preview (▶ moves to its tab), back to the lists (it leaves), the charts.
        for keys in (("p",), ("shift+tab",), ("c",)):
            await pilot.press(*keys)
            await settle(pilot)
            assert places() == at_first, keys
            await wait_until(pilot, lambda: underline_in_place(app))


def status_line(app) -> str:
    return str(app.status.render()).strip()


async def test_the_status_line_says_one_fact_and_keeps_every_count_at_80_columns(
        corpus, tmp_path):
    app = app_for(corpus, tmp_path)
    app.session.page = 2  # "(2 listed, more at the end)" makes the long wording too long
    async with app.run_test(size=(80, 24)) as pilot:
        await pick_korea(pilot)
        await settle(pilot)
        await pilot.press("f", "space", "down", "P")
        await settle(pilot)
        assert len(app.session.excluded) == 1 and len(app.session.pinned) == 1
        total, listed = app.table.total, len(app.table.facts)
        assert listed < total
        assert app._facts_summary == (f"{total} facts ({listed} listed, more at the end) · 1"
                                      " excluded here · 1 excluded in all · 1 pinned ★")
        shown = status_line(app)
        assert shown == (f"{total} facts ({listed} listed, more at the end) · 1 excluded here,"
                         " 1 in all · 1 pinned ★")
        assert shown in screen_lines(app)[-2]
        # A worker that ends after the facts came (the spinner goes) keeps the fitted wording.
        app._update_busy()
        assert status_line(app) == shown
        # Wide enough, the whole wording comes back.
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert status_line(app) == app._facts_summary



async def test_a_long_search_is_cut_short_in_the_status_line_not_its_counts(corpus, tmp_path):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick_korea(pilot)
        await pilot.press("f", "space")  # one fact excluded: a count the line must keep
        query = "budget OR semiconductor OR chips OR talent OR engineers OR universities"
        await pilot.press("ctrl+f", *query)
        await wait_until(pilot, lambda: app.session.search == query and app.table.total > 0)
        await settle(pilot)
        shown = status_line(app)
        assert cell_len(shown) <= 78 and shown in screen_lines(app)[-2]
        assert shown.startswith(f"{app.table.total} facts matching 'budget OR ")
        assert "…' · ✗ " in shown and shown.endswith(" here, 1 in all")



async def test_editing_keys_typed_in_a_burst_act_in_the_order_they_were_typed(corpus, tmp_path):
    """A paste through the terminal, tmux or a fast typist: every key is queued before the
    app reads one. Textual ran an Input's editing keys after the characters behind them,
    so backspace, backspace, "kor" after "pa" gave "pak"."""
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(app.country_choices))
        await pilot.press("slash", *"pa")
        burst(app, "backspace", "backspace", *"kor", "left", "left", "backspace", "x")
        await wait_until(pilot, lambda: len(app.country_filter.value) == 3)
        await settle(pilot)
        assert app.country_filter.value == "xor"
        await pilot.press("escape", "ctrl+f")
        burst(app, *"budgte", "backspace", "backspace", *"et", "home", "delete", "B")
        await wait_until(pilot, lambda: app.search.value[:1] == "B")
        await settle(pilot)
        assert app.search.value == "Budget"


async def test_one_fact_is_said_in_the_singular(three, tmp_path):
    app = app_for(three, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick_all_three(pilot)
        await pilot.press("ctrl+f", *"Hokkaido")
        await wait_until(pilot, lambda: app.table.total == 1)
        await settle(pilot)
        assert status_line(app).startswith("1 fact matching 'Hokkaido' · 0 excluded here")
