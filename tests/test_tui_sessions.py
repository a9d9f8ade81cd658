"""The terminal app keeps what the user did: the last session reopens (countries, themes,
exclusions, pins), ctrl+s writes a brief file that `briefing make --brief` renders, a gone
exclusion is reported, and facts new since the last export are marked.

Driven with Pilot on a copy of the seeds, with a real store; each test has its own state
folder (BRIEFING_STATE_DIR, set by conftest), so one never reopens another's session.
"""

from __future__ import annotations

from datetime import date

from test_tui import AS_OF, app_for, pick_korea, preview_settled, settle, wait_until
from test_tui_sizes import region_text, screen_lines
from textual.widgets import Input
from typer.testing import CliRunner

from briefing.brief.saved import load_brief
from briefing.cli import app as cli
from briefing.extract.themes import load_taxonomy
from briefing.tui.app import BriefingApp
from briefing.tui.screens.save import SaveScreen
from briefing.tui.state import session_file
from briefing.tui.widgets.choice_list import PICKED_MARK
from briefing.tui.widgets.facts_table import (
    EXCLUDED_MARK,
    INCLUDED_MARK,
    NEW_LABEL,
    PINNED_MARK,
)

LATER = date(2026, 11, 29)
#: An article written for these tests: a Korean fact with a figure, dated between AS_OF
#: and LATER.
NEW_ARTICLE = """---
title: Seoul plans a national computing centre
publisher: Example Policy Wire
date: 2026-11-25
---
South Korea will open a national AI computing centre with 15,000 GPUs by 2027, the science
ministry said on Tuesday.

The ministry said the centre would be shared by universities and start-ups that cannot
afford their own chips.
"""


def mark_of(app: BriefingApp, fact_id: str) -> str:
    return app.table.get_row(fact_id)[0].plain


async def curate(pilot) -> tuple[str, str]:
    """Korea and the compute theme picked; the first fact excluded, the second pinned."""
    app = pilot.app
    await pick_korea(pilot)
    compute = [c.value for c in app.themes.choices].index("compute")
    app.themes.focus()
    await pilot.press(*["down"] * compute, "space")
    await wait_until(pilot, lambda: app.session.themes == ("compute",))
    await wait_until(pilot, lambda: not app.facts_pending and app.table.row_count > 1)
    await settle(pilot)
    excluded, pinned = list(app.table.facts)[:2]
    await pilot.press("f", "space", "down", "shift+p")
    await settle(pilot)
    assert app.session.excluded == {excluded} and app.session.pinned == {pinned}
    return excluded, pinned


async def test_quitting_and_reopening_brings_the_session_back(corpus, tmp_path):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        excluded, pinned = await curate(pilot)
        assert mark_of(app, excluded) == EXCLUDED_MARK
        assert mark_of(app, pinned) == PINNED_MARK
        before = await preview_settled(pilot)
    # The session is a brief file a person can read.
    saved = load_brief(session_file(corpus), load_taxonomy())
    assert saved.countries == ("KR",) and saved.themes == ("compute",)
    assert [n.id for n in saved.exclude] == [excluded] and [n.id for n in saved.pin] == [pinned]
    assert all(n.note for n in saved.exclude + saved.pin)

    again = app_for(corpus, tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: again.table.row_count > 1)
        await settle(pilot)
        assert again.session.countries == ("KR",) and again.session.themes == ("compute",)
        assert again.session.excluded == {excluded} and again.session.pinned == {pinned}
        assert f"{PICKED_MARK} South Korea" in "\n".join(region_text(again, again.countries))
        assert f"{PICKED_MARK} Compute" in "\n".join(region_text(again, again.themes))
        assert mark_of(again, excluded) == EXCLUDED_MARK
        assert mark_of(again, pinned) == PINNED_MARK
        assert "1 excluded in all · 1 pinned" in "\n".join(screen_lines(again))
        assert ("South Korea, Compute & chips · 1 excluded · 1 pinned", "information") in \
            again.notes
        assert await preview_settled(pilot) == before


async def test_a_quick_quit_before_the_session_reopens_keeps_it(corpus, tmp_path):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await curate(pilot)
    kept = session_file(corpus).read_text(encoding="utf-8")
    quick = app_for(corpus, tmp_path)
    async with quick.run_test(size=(80, 24)):
        pass  # quit at once, before indexing ends
    assert session_file(corpus).read_text(encoding="utf-8") == kept


async def test_an_exclusion_whose_fact_is_gone_is_reported_not_dropped(corpus, tmp_path):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick_korea(pilot)
        await pilot.press("f")
        gone = next(f for f in app.table.facts.values() if f.source.date is None)
        row = list(app.table.facts).index(gone.id)
        await pilot.press(*["down"] * row, "space")
        await settle(pilot)
        assert app.session.excluded == {gone.id}
    (corpus / gone.source.path).unlink()

    again = app_for(corpus, tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: any("no longer in the corpus" in m
                                            for m, _ in again.notes))
        warning = next(m for m, s in again.notes if "no longer in the corpus" in m)
        assert gone.id in warning and "excluded" in warning
        assert ("warning" in {s for m, s in again.notes if m == warning})
        assert again.session.excluded == {gone.id}  # kept, should the fact come back
        await wait_until(pilot, lambda: "1 excluded in all" in again._facts_summary)


async def test_a_spoilt_session_file_is_reported_and_the_app_starts_afresh(corpus, tmp_path):
    path = session_file(corpus)
    path.parent.mkdir(parents=True)
    path.write_text("countries: [Atlantis]\n", encoding="utf-8")
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(app.country_choices))
        await settle(pilot)
        assert app.session.countries == ()
        assert any("Atlantis" in m and s == "warning" for m, s in app.notes)


async def test_ctrl_s_writes_a_brief_file_that_make_renders_as_the_app_exports(corpus,
                                                                                tmp_path,
                                                                                monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        excluded, pinned = await curate(pilot)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveScreen))
        box = app.screen.query_one("#save-path", Input)
        assert box.value == "brief-kr-compute.yaml"
        box.value = "kr-compute"
        await pilot.press("enter")
        await wait_until(pilot, lambda: any(m.startswith("`briefing make --brief")
                                            for m, _ in app.notes))
        await pilot.press("e")
        await wait_until(pilot, lambda: any("Wrote" in m for m, _ in app.notes))
        await settle(pilot)
    brief_file = tmp_path / "kr-compute.yaml"
    saved = load_brief(brief_file, load_taxonomy())
    assert saved.countries == ("KR",) and saved.themes == ("compute",)
    assert [n.id for n in saved.exclude] == [excluded] and [n.id for n in saved.pin] == [pinned]
    assert saved.output_folder().resolve() == (tmp_path / "out").resolve()
    result = CliRunner().invoke(cli.app, ["make", "--brief", str(brief_file), "--date",
                                          AS_OF.isoformat(), "--format", "md",
                                          "--out", str(tmp_path / "cli")])
    assert result.exit_code == 0, result.output
    name = "brief-kr-compute-2026-11-22.md"
    made = (tmp_path / "cli" / name).read_text(encoding="utf-8")
    assert made == (tmp_path / "out" / name).read_text(encoding="utf-8")
    assert "South Korea" in made


async def test_saving_over_another_file_asks_twice(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brief-kr.yaml").write_text("# mine\n", encoding="utf-8")
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pick_korea(pilot)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveScreen))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SaveScreen)
        assert "exists" in str(app.screen.query_one("#save-error").content)
        assert (tmp_path / "brief-kr.yaml").read_text(encoding="utf-8") == "# mine\n"
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, SaveScreen))
        await settle(pilot)
    assert load_brief(tmp_path / "brief-kr.yaml", load_taxonomy()).countries == ("KR",)


async def test_facts_new_since_the_last_export_are_marked(corpus, tmp_path):
    app = app_for(corpus, tmp_path, formats=("md",))
    async with app.run_test(size=(120, 40)) as pilot:
        await pick_korea(pilot)
        await preview_settled(pilot)
        await pilot.press("e")
        await wait_until(pilot, lambda: any("Wrote" in m for m, _ in app.notes))
        await settle(pilot)
        assert not app.table.new  # nothing exported before: nothing is new
    (corpus / "korea-compute-centre.txt").write_text(NEW_ARTICLE, encoding="utf-8")

    later = app_for(corpus, tmp_path, formats=("md",))
    later.session.as_of = LATER
    async with later.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: later.table.row_count > 0)
        markdown = await preview_settled(pilot)
        await settle(pilot)
        # New: the facts of the added article (the brief quotes them), and no other.
        new = {f.id for f in later.table.facts.values()
               if f.source.path == "korea-compute-centre.txt"}
        assert new and later.table.new == new
        assert "new since 2026-11-22" in markdown.lower()
        rows = {fid: later.table.get_row(fid) for fid in later.table.facts}
        marked = {fid for fid, row in rows.items() if row[2].plain.startswith(NEW_LABEL)}
        assert marked == new
        assert all(row[0].plain == INCLUDED_MARK for row in rows.values())
        assert f"{len(new)} new since 2026-11-22" in later._facts_summary
        screen = "\n".join(screen_lines(later))
        assert NEW_LABEL + "South Korea will open" in screen
