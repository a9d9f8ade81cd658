"""Corrections from the terminal app (issue 23, item 6): `e` in a fact's detail opens a dialog
for the fact's countries and themes and its source's date, publisher and title; what the user
changes is written to the corpus's corrections.yaml by the functions `briefing correct` uses,
and the detail then shows the fact as corrected. Driven with Pilot on the chart tests' corpus
(three countries, one article each month); the file is read back with the core's reader and
listed by the real CLI."""

from __future__ import annotations

import pytest
from test_charts import ARTICLES, write_corpus
from test_tui import app_for, settle, wait_until
from test_tui_charts import pick_all_three
from typer.testing import CliRunner

from briefing.cli.app import app as cli
from briefing.extract.themes import load_taxonomy
from briefing.store.corrections import corrections_path, read_corrections
from briefing.tui.screens.correct import CorrectScreen
from briefing.tui.screens.fact import FactScreen


@pytest.fixture
def three(tmp_path):
    return write_corpus(tmp_path / "three", ARTICLES)


async def open_correct(pilot, words: str) -> str:
    """The detail of the fact holding `words`, then its Correct dialog; returns its id."""
    app = pilot.app
    fid = next(f.id for f in app.table.facts.values() if words in f.text)
    app.table.focus()
    app.table.move_cursor(row=list(app.table.facts).index(fid))
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, FactScreen))
    await pilot.press("e")
    await wait_until(pilot, lambda: isinstance(app.screen, CorrectScreen))
    return fid


def fill(app, **values: str) -> None:
    for name, text in values.items():
        app.screen.query_one(f"#correct-{name}").value = text


def detail_text(app) -> str:
    return str(app.screen.query_one("#fact-body").render())


async def test_a_correction_made_in_the_detail_is_written_applied_and_shown(three, tmp_path):
    app = app_for(three, tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await pick_all_three(pilot)
        fid = await open_correct(pilot, "Hokkaido")
        fill(app, countries="Japan, south korea", date="2026-05-19")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, FactScreen)
                         and "CORRECTED" in detail_text(app))
        await settle(pilot)
        text = detail_text(app)
        assert "✎ CORRECTED (fact): countries JP, KR (was JP)" in text
        assert "✎ CORRECTED (source): date 2026-05-19 (was 2026-05-18)" in text
        assert "Countries: Japan, South Korea  ✎ corrected" in text
        assert "Themes: " in text and "Themes: none  ✎" not in text
        assert "2026-05-19" in text and "✎ corrected" in text.split("Sources")[1]
        # The table shows the corrected fact too (now about Korea as well).
        await pilot.press("escape")
        await settle(pilot)
        assert app.table.facts[fid].countries == ("JP", "KR")
    entries, _ = read_corrections(three, load_taxonomy())
    assert [(e.kind, e.target, dict(e.values), dict(e.was)) for e in entries] == [
        ("source", "jp-chips.txt", {"date": "2026-05-19"}, {"date": "2026-05-18"}),
        ("fact", fid, {"countries": ("JP", "KR")}, {"countries": ("JP",)}),
    ]
    listed = CliRunner().invoke(cli, ["correct", "--list", "--corpus", str(three)])
    assert listed.exit_code == 0, listed.output
    assert f"fact {fid}: countries JP, KR (was JP)" in listed.stdout


async def test_a_bad_name_is_refused_and_escape_writes_nothing(three, tmp_path):
    """A name that is no country keeps the dialog open with its reason (the good publisher
    beside it unmarked); escape then leaves it, the typed changes unwritten."""
    app = app_for(three, tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await pick_all_three(pilot)
        await open_correct(pilot, "Hokkaido")
        fill(app, countries="Japan, Narnia", publisher="Someone Else")
        await pilot.press("ctrl+s")
        await settle(pilot)
        # The dialog stays open, the field marked with why (see test_tui_usability).
        assert isinstance(app.screen, CorrectScreen)
        assert app.screen.reasons == {"countries": "unknown country 'Narnia'"}
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, FactScreen) and "CORRECTED" not in detail_text(app)
    assert not corrections_path(three).exists()
