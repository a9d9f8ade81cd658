"""SVG snapshots of the terminal app at 80×24 and 120×40 (`--snapshot-update` to accept).

Deterministic: a fixed as-of date, a copy of the seeds, no clock, no cursor blink, every
worker finished before the picture is taken.
"""

from __future__ import annotations

from pathlib import Path

from test_tui import AS_OF, pick_korea, preview_settled, underline_in_place, wait_until
from textual.widgets import Input

from briefing.model import Selection
from briefing.tui.app import make_app
from briefing.tui.session import Session


def app_for(corpus, tmp_path):
    return make_app(corpus, as_of=AS_OF, out_dir=tmp_path / "out", formats=("md",))


async def still(pilot) -> None:
    """Everything finished and nothing blinking."""
    app = pilot.app
    await preview_settled(pilot)
    await wait_until(pilot, lambda: not app.busy.display)
    await app.workers.wait_for_complete()
    for box in app.screen.query(Input):
        box.cursor_blink = False
    await wait_until(pilot, lambda: underline_in_place(app))
    await pilot.pause()



async def korea_one_excluded(pilot) -> None:
    await pick_korea(pilot)
    await pilot.press("f", "down", "space")
    await still(pilot)


def test_start_80x24(snap_compare, corpus, tmp_path):
    async def loaded(pilot):
        await wait_until(pilot, lambda: bool(pilot.app.country_choices))
        await still(pilot)

    assert snap_compare(app_for(corpus, tmp_path), terminal_size=(80, 24), run_before=loaded)


def test_facts_80x24(snap_compare, corpus, tmp_path):
    assert snap_compare(app_for(corpus, tmp_path), terminal_size=(80, 24),
                        run_before=korea_one_excluded)


def test_facts_120x40(snap_compare, corpus, tmp_path):
    assert snap_compare(app_for(corpus, tmp_path), terminal_size=(120, 40),
                        run_before=korea_one_excluded)


def test_facts_light_theme_80x24(snap_compare, corpus, tmp_path):
    app = app_for(corpus, tmp_path)

    async def light(pilot):
        pilot.app.theme = "textual-light"
        await korea_one_excluded(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=light)


def test_preview_120x40(snap_compare, corpus, tmp_path):
    async def preview(pilot):
        await korea_one_excluded(pilot)
        await pilot.press("p")
        await still(pilot)

    assert snap_compare(app_for(corpus, tmp_path), terminal_size=(120, 40), run_before=preview)


def test_fact_detail_80x24(snap_compare, corpus, tmp_path):
    async def detail(pilot):
        await korea_one_excluded(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(pilot.app.screen_stack) > 1)
        await still(pilot)

    assert snap_compare(app_for(corpus, tmp_path), terminal_size=(80, 24), run_before=detail)


def test_help_80x24(snap_compare, corpus, tmp_path):
    async def help_screen(pilot):
        await wait_until(pilot, lambda: bool(pilot.app.country_choices))
        await pilot.press("question_mark")
        await still(pilot)

    assert snap_compare(app_for(corpus, tmp_path), terminal_size=(80, 24),
                        run_before=help_screen)


def test_email_dialog_80x24(snap_compare, corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_SMTP_HOST", "smtp.example.org")
    monkeypatch.setenv("BRIEFING_SMTP_FROM", "Policy Desk <desk@example.org>")

    async def dialog(pilot):
        await pick_korea(pilot)
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(pilot.app.focused, Input))
        await pilot.press(*"analyst@example.org")
        await still(pilot)

    assert snap_compare(app_for(corpus, tmp_path), terminal_size=(80, 24), run_before=dialog)


def test_restored_session_80x24(snap_compare, corpus, tmp_path):
    """A run that reopens the last session: Korea and compute picked ([x]), one fact
    excluded (✗), one pinned (★), and the notification saying so."""
    session = Session(corpus, as_of=AS_OF)
    session.index()
    first, second = session.facts(Selection(countries=("KR",), themes=("compute",))).facts[:2]
    session.toggle_country("KR")
    session.toggle_theme("compute")
    session.toggle(first.id, first.text)
    session.toggle_pin(second.id, second.text)
    session.save_session()
    session.close()

    async def reopened(pilot):
        await wait_until(pilot, lambda: pilot.app.table.row_count > 1)
        await pilot.press("f")
        await still(pilot)

    assert snap_compare(app_for(corpus, tmp_path), terminal_size=(80, 24),
                        run_before=reopened)


def test_charts_80x24(snap_compare, tmp_path):
    """The chart view of a three-country brief: its bar chart and the top of its
    timeline."""
    from test_charts import ARTICLES, write_corpus
    from test_tui_charts import pick_all_three

    corpus = write_corpus(tmp_path / "three", ARTICLES)

    async def charts(pilot):
        await pick_all_three(pilot)
        await pilot.press("c")
        await still(pilot)

    assert snap_compare(app_for(corpus, tmp_path), terminal_size=(80, 24), run_before=charts)


def test_correct_dialog_120x40(snap_compare, tmp_path):
    """The Correct dialog as wide as the screen allows, its labels in a column, the fact's
    fields apart from its source's, themes by name, and two bad fields marked with why."""
    from test_charts import ARTICLES, write_corpus
    from test_tui_charts import pick_all_three
    from test_tui_corrections import fill, open_correct

    corpus = write_corpus(tmp_path / "three", ARTICLES)

    async def refused(pilot):
        await pick_all_three(pilot)
        await open_correct(pilot, "Hokkaido")
        fill(pilot.app, countries="Japna", date="2026-02-30")
        await pilot.press("ctrl+s")
        await still(pilot)

    assert snap_compare(app_for(corpus, tmp_path), terminal_size=(120, 40), run_before=refused)


def test_every_snapshot_file_belongs_to_a_test():
    """syrupy fails a run that leaves a snapshot file unused (a test renamed or removed),
    except under pytest-xdist (`make test`), where it skips that check: this keeps it."""
    folder = Path(__file__).parent / "__snapshots__" / Path(__file__).stem
    tests = {name for name, value in globals().items()
             if name.startswith("test_") and callable(value)}
    unused = sorted(p.name for p in folder.iterdir() if p.suffix != ".svg" or p.stem not in tests)
    assert unused == []
